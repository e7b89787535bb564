/** What the rules take from the options of an analysis, besides the note. */

import { EnglishGuard } from './english';
import { Lexicon } from './lexicon';
import { AnalyzeOptions } from './model';

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
