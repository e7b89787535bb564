/**
 * What the rules take from the options of an analysis, besides the note; and, per options
 * object, the key an update compares and the inputs it reuses (kept in the AnalysisScratch).
 */

import { EnglishGuard } from './english';
import { Lexicon } from './lexicon';
import { AnalyzeOptions } from './model';
import type { AnalysisScratch } from './scratch';

/** What the rules need besides the note: the words to ignore and the lexicon guards. */
export interface RuleInputs {
  ignore: Set<string>;
  isWord: (lower: string) => boolean;
  getLexicon: () => Lexicon;
  /** The bilingual guard, when the options give an English list. */
  english?: EnglishGuard;
  /** Rules 2–3 (typos beyond the glossary's forms) run (see AnalyzeOptions.typos). */
  typos: boolean;
}

/** The rules' inputs for one analysis (the lexicon is loaded on first use). */
export function getRuleInputs(options: AnalyzeOptions, ignoredWords: string[]): RuleInputs {
  let lexicon: Lexicon | undefined = typeof options.lexicon === 'function' ? undefined : options.lexicon;
  const getLexicon = (): Lexicon => (lexicon ??= (options.lexicon as () => Lexicon)());
  const isWord = (lower: string): boolean => getLexicon().has(lower);
  const ignore = new Set<string>();
  for (const w of options.ignoreWords ?? []) ignore.add(w.normalize('NFC').toLowerCase());
  for (const w of ignoredWords) ignore.add(w.normalize('NFC').toLowerCase());
  let english: EnglishGuard | undefined;
  const source = options.english;
  if (source) {
    let list: Lexicon | undefined = typeof source === 'function' ? undefined : source;
    const getEnglish = (): Lexicon => (list ??= (source as () => Lexicon)());
    english = { english: { has: (w) => getEnglish().has(w), get size() { return getEnglish().size; } }, isFrench: isWord };
  }
  return { ignore, isWord, getLexicon, english, typos: options.typos !== false };
}

/** What options change an analysis (the lexicons are taken to be the same ones). */
export function optionsKey(options: AnalyzeOptions, scratch: AnalysisScratch): string {
  const optionKeys = scratch.optionKeys;
  // Remembered per options object (an update compares it at every keystroke), while its
  // ignore list and severities are the same objects.
  const c = optionKeys.get(options);
  if (c && c.ignoreWords === options.ignoreWords && c.severities === options.severities) return c.key;
  const key = JSON.stringify([[...(options.ignoreWords ?? [])], options.severities ?? null, options.english !== undefined]);
  optionKeys.set(options, { ignoreWords: options.ignoreWords, severities: options.severities, key });
  return key;
}

/** The rules' inputs of an update: the same as long as the options and the note's ignore list are. */
export function ruleInputsOf(options: AnalyzeOptions, ignoredWords: string[], scratch: AnalysisScratch): RuleInputs {
  const ruleInputs = scratch.ruleInputs;
  const c = ruleInputs.get(options);
  if (c && c.ignoredWords === ignoredWords && c.ignoreWords === options.ignoreWords) return c.inputs;
  const inputs = getRuleInputs(options, ignoredWords);
  ruleInputs.set(options, { ignoredWords, ignoreWords: options.ignoreWords, inputs });
  return inputs;
}

