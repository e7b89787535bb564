/**
 * What successive analyses reuse: the glossary's memos (its word table, its longest form) and
 * the buffers a service owns (`AnalysisScratch`).
 */

import { Glossary } from './glossary';
import { AnalyzeOptions } from './model';
import { TokenBuffer } from './markdown';
import { WordInfo } from './ranking';
import type { RuleInputs } from './ruleInputs';
import { WordStore, WordTable } from './wordTable';

const MAX_CACHE = 200_000;

/**
 * The glossary's view of a word store (see wordTable.ts), kept in the glossary's own memo
 * (`Glossary.memo.words`); the store is emptied first when it has grown past its bound (which
 * makes the word ids of earlier analyses invalid: see `WordTable.generation`).
 * @param store the store the view must use (a service's, shared with the other chains of its
 *   host); without it, the view there is, or one on a store of its own.
 */
export function getWordTable(glossary: Glossary, store?: WordStore): WordTable<WordInfo> {
  let table = glossary.memo.words as WordTable<WordInfo> | undefined;
  if (!table || (store !== undefined && table.store !== store)) glossary.memo.words = table = new WordTable<WordInfo>(glossary.byFirstWord, store);
  else if (table.size > MAX_CACHE) table.clear();
  table.sync();
  return table;
}

/** The longest form of the glossary, in words (how far the rules look around a word). */
export function getLongestForm(glossary: Glossary): number {
  let longest = glossary.memo.longestForm;
  if (longest === 0) {
    longest = 1;
    for (const list of glossary.byFirstWord.values()) for (const form of list) longest = Math.max(longest, form.folded.length);
    glossary.memo.longestForm = longest;
  }
  return longest;
}

/**
 * Buffers and memos that successive analyses reuse, owned by one service
 * (`createGlossaireService`) or made for one call. Not shared by two analyses running at once:
 * a buffer is taken while in use, and a nested analysis, if there ever were one, gets its own.
 */
export class AnalysisScratch {
  /**
   * @param words the word store of the service's host (every chain of a workspace shares one);
   *   undefined: each glossary's view keeps a store of its own.
   */
  constructor(readonly words?: WordStore) {}
  /** The token buffer of full analyses (undefined while one runs). */
  tokens: TokenBuffer | undefined = new TokenBuffer();
  /** The window buffers of incremental updates (incremental.ts). */
  readonly window = { tokens: new TokenBuffer(512), ids: new Int32Array(512), decided: new Uint8Array(512) };
  /** Per options object: its cache key and its rule inputs (incremental.ts). */
  readonly optionKeys = new WeakMap<AnalyzeOptions, { ignoreWords: AnalyzeOptions['ignoreWords']; severities: AnalyzeOptions['severities']; key: string }>();
  readonly ruleInputs = new WeakMap<AnalyzeOptions, { ignoredWords: string[]; ignoreWords: AnalyzeOptions['ignoreWords']; inputs: RuleInputs }>();
}
