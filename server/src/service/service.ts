/**
 * The core as one object: `createGlossaireService` binds a compiled glossary, the lexicon and
 * the locale, and owns the buffers and memos that successive analyses reuse (in the spirit of
 * vscode-markdown-languageservice's `createLanguageService`).
 *
 * Where state lives (nothing in `service/` is module-level mutable state):
 * - per compiled glossary, in `Glossary.memo` (the word memo, the completion index, hover
 *   Markdown): a glossary never changes once compiled, so whatever is derived from it is
 *   valid as long as it lives, and two glossaries never share a memo. A course's chain shares
 *   its base's entries and `TermForm`s (scope.ts, `extendChain`): what is kept on a form (is
 *   it a plural?) depends on the form alone, never on the glossary around it;
 * - per host, optionally, in a `WordStore` given to each service (the distinct words of the
 *   notes, whatever the glossary: see wordTable.ts);
 * - per service, in its `AnalysisScratch` (token and window buffers, per-settings memos): two
 *   services never share a buffer, so they can be used in any interleaving (one per course
 *   folder, say); one service is used by one caller at a time (JS runs one call at a time).
 */

import { analyzeText } from './analyze';
import { CompletionCandidate, getCompletions } from './completion';
import { getEntryMarkdown } from './concepts';
import { Glossary, GlossaryEntry } from './glossary';
import { AnalysisState, analyzeWithState, updateAnalysis } from './incremental';
import { Lexicon } from './lexicon';
import { Locale } from './messages';
import { Analysis, AnalyzeOptions } from './model';
import { AnalysisScratch } from './scratch';
import { OffsetEdit } from './model';
import { WordStore } from './wordTable';

/** What changes an analysis besides the glossary and the lexicons (treat as immutable). */
export type AnalysisSettings = Omit<AnalyzeOptions, 'lexicon' | 'english'>;

/** Options of `createGlossaireService`. */
export interface GlossaireServiceOptions {
  /** The compiled glossary (`compileGlossary`). */
  glossary: Glossary;
  /** The French lexicon, or a function that loads it on first use. */
  lexicon: Lexicon | (() => Lexicon);
  /**
   * The English word list of the bilingual guard (english.ts), or a function that loads it on
   * first use; without it the guard is off.
   */
  english?: Lexicon | (() => Lexicon);
  /** Language of the user-facing text (hover Markdown); French by default. */
  locale?: Locale;
  /**
   * The host's word store (wordTable.ts), given to the service of every chain of a workspace:
   * each distinct word is sliced, lower-cased and folded once, not once per course. Without
   * it, the glossary's word memo keeps a store of its own.
   */
  words?: WordStore;
}

/** The core bound to one glossary: analysis (full and incremental), completion, hover text. */
export interface GlossaireService {
  readonly glossary: Glossary;
  readonly locale: Locale;
  /**
   * Findings and occurrences of a note (see `analyzeText`); `segments`: the note's prose
   * segments (getProseSegments), when the caller read them already.
   */
  analyze(text: string, settings?: AnalysisSettings, segments?: readonly number[]): Analysis;
  /** A full analysis that later edits can update (see `analyzeWithState`). */
  analyzeWithState(text: string, settings?: AnalysisSettings): AnalysisState;
  /** The analysis after `edits` (see `updateAnalysis`); same result as a full analysis. */
  updateAnalysis(prev: AnalysisState, text: string, edits: readonly OffsetEdit[], settings?: AnalysisSettings): AnalysisState;
  /** Completion candidates at `offset` (see `getCompletions`). */
  completions(text: string, offset: number, limit?: number): CompletionCandidate[];
  /** An entry's hover Markdown in the service's locale (see `getEntryMarkdown`). */
  entryMarkdown(entry: GlossaryEntry, options?: { heading?: boolean }): string;
}

const NO_SETTINGS: AnalysisSettings = Object.freeze({});

/** Creates the core for one glossary (see the file comment for what it owns). */
export function createGlossaireService(options: GlossaireServiceOptions): GlossaireService {
  const { glossary, lexicon, english } = options;
  const locale = options.locale ?? 'fr';
  const scratch = new AnalysisScratch(options.words);
  // One options object per settings object: the incremental path recognises unchanged
  // settings by identity (an update compares them at every keystroke).
  const withLexicon = new WeakMap<AnalysisSettings, AnalyzeOptions>();
  const optionsOf = (settings: AnalysisSettings = NO_SETTINGS): AnalyzeOptions => {
    let o = withLexicon.get(settings);
    if (!o) withLexicon.set(settings, (o = { lexicon, english, ignoreWords: settings.ignoreWords, severities: settings.severities, typos: settings.typos }));
    return o;
  };
  return {
    glossary,
    locale,
    analyze: (text, settings, segments) => analyzeText(text, glossary, optionsOf(settings), scratch, segments),
    analyzeWithState: (text, settings) => analyzeWithState(text, glossary, optionsOf(settings), scratch),
    updateAnalysis: (prev, text, edits, settings) => updateAnalysis(prev, text, edits, glossary, optionsOf(settings), scratch),
    completions: (text, offset, limit) => getCompletions(text, offset, glossary, limit),
    entryMarkdown: (entry, o) => getEntryMarkdown(entry, glossary, locale, o),
  };
}
