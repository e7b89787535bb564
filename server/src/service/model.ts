/**
 * The core's shared model: what an analysis produces (findings, occurrences), the edit shape
 * every fix, change and quick fix uses, and the analysis options. Plain data, imported by the
 * rules, the incremental path, fixes, the LSP features and the CLI.
 */

import type { FormKind } from './glossary';
import type { Lexicon } from './lexicon';

/** Stable diagnostic codes. */
export type FindingCode =
  | 'glossaire.known-misspelling'
  | 'glossaire.misspelled-term'
  | 'glossaire.missing-accent'
  | 'glossaire.compound'
  | 'glossaire.acronym-case'
  | 'glossaire.unaccented-note';

/** All finding codes, for configuration and documentation. */
export const FINDING_CODES: FindingCode[] = [
  'glossaire.known-misspelling',
  'glossaire.misspelled-term',
  'glossaire.missing-accent',
  'glossaire.compound',
  'glossaire.acronym-case',
  'glossaire.unaccented-note',
];

/** LSP-like severities. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * A text edit on UTF-16 offsets: [start, end) becomes newText. The one edit shape of the core:
 * fixes, the ignore comment, and the document changes the incremental analysis takes (each in
 * the coordinates of the text the previous one left, as LSP's `contentChanges`).
 */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A misspelled glossary term. */
export interface Finding {
  /** UTF-16 offsets of the flagged text (the word itself, not an elided article). */
  start: number;
  end: number;
  /** The flagged text as written. */
  word: string;
  code: FindingCode;
  severity: Severity;
  /** Id of the concept the word should be. */
  entryId: string;
  /** Replacements for [start, end), best first, in the writer's case. */
  suggestions: string[];
  /** Edit distance of the first suggestion (fuzzy matches only). */
  distance?: number;
  /** For a note-level finding: all the edits its fix applies. */
  edits?: OffsetEdit[];
}

/** A correct occurrence of a concept. */
export interface Occurrence {
  start: number;
  end: number;
  entryId: string;
  kind: FormKind;
}

/** Options of `analyzeText`. */
export interface AnalyzeOptions {
  /** The French lexicon, or a function that loads it on first use. */
  lexicon: Lexicon | (() => Lexicon);
  /**
   * The English word list of the bilingual guard (english.ts), or a function that loads it on
   * first use; without it, English words are judged like any other.
   */
  english?: Lexicon | (() => Lexicon);
  /** Words never flagged (any case). */
  ignoreWords?: Iterable<string>;
  /** Severity per code, or 'off'. */
  severities?: Partial<Record<FindingCode, Severity | 'off'>>;
  /**
   * false: the typo rules that look past the glossary's forms (fuzzy matches, joined
   * compounds) are skipped, for callers that need where concepts are used and not the typos
   * (the workspace index). Occurrences are the full analysis's, except a word that a
   * multi-word typo starting before it would have taken back.
   */
  typos?: boolean;
}

/** Everything the core knows about a note. */
export interface Analysis {
  findings: Finding[];
  occurrences: Occurrence[];
}
