/**
 * The analyser's memo of distinct words, per glossary: each word as written gets one entry
 * (its lower-case and accent-folded forms, the glossary forms it starts, and whatever the
 * analyser memoises about it), found by the hash the scanner computed and compared in place in
 * the note's text. A word seen before costs a probe and a short compare: no slice, no
 * lower-casing, no folding, no Map look-up. Only new words pay for those, once.
 */

import { TermForm } from './glossary';
import { hashWord, TokenBuffer, TokenFlag, WordProbe } from './markdown';
import { fold } from './text';

/** Words shorter than this (folded) are never fuzzy candidates (the analyser's rule, ranking.ts searchDepth). */
export const MIN_FUZZY_LENGTH = 2;

/** What the table knows about one distinct word. */
export interface WordEntry<Info> {
  /** The word as `Token.text` has it (NFC, without inner markers). */
  text: string;
  lower: string;
  folded: string;
  /** Glossary forms whose first folded word is this word's, longest first (or undefined). */
  forms: TermForm[] | undefined;
  /** The analyser's memo for this word (undefined until computed). */
  info: Info | undefined;
  /**
   * The first one-word form this word is exactly (null: none), when no longer form follows it:
   * the analyser's shortcut, computed on first use.
   */
  exact: TermForm | null | undefined;
}

/** `WordTable.kinds` bits: what the analyser's loop must do with a word (0: nothing). */
export const enum WordKind {
  /** Glossary forms start with this word. */
  Forms = 1,
  /** Long enough for the fuzzy rules, memo not computed yet. */
  Unknown = 2,
  /** The memo says the word has fuzzy or joined candidates. */
  Candidates = 4,
}

/** Open-addressing hash table of word entries. */
export class WordTable<Info> implements WordProbe {
  readonly entries: WordEntry<Info>[] = [];
  /**
   * Per entry, WordKind bits: the analyser's loop reads one byte per word and goes on for the
   * ~90 % of words that need nothing, without touching the entry object.
   */
  kinds = new Uint8Array(1024);
  /** Counts the clears: word ids from before a clear mean nothing after it. */
  generation = 0;
  private entryHash = new Int32Array(1024);
  /**
   * Per entry, where its UTF-16 code units start in `pool`, and how many: the probe compares a
   * word of the note with typed-array reads, not with a string of unknown representation.
   */
  private entryStart = new Int32Array(1024);
  private entryLength = new Int32Array(1024);
  private pool = new Uint16Array(8192);
  private poolUsed = 0;
  private slots = new Int32Array(2048);
  private mask = 2047;

  constructor(private readonly byFirstWord: Map<string, TermForm[]>) {}

  /** Number of distinct words. */
  get size(): number {
    return this.entries.length;
  }

  /** Forgets every word (memory bound). */
  clear(): void {
    this.generation++;
    this.entries.length = 0;
    this.poolUsed = 0;
    this.slots = new Int32Array(2048);
    this.mask = 2047;
  }

  /**
   * Fills `out[k]` with the entry index of every token of the buffer.
   * @param text the scanned text.
   */
  resolve(text: string, tokens: TokenBuffer, out: Int32Array): void {
    const { start, end, hash, flags, count } = tokens;
    // Table arrays in locals (reloaded after an insertion, which may grow them).
    let slots = this.slots;
    let mask = this.mask;
    let entryHash = this.entryHash;
    let entryStart = this.entryStart;
    let entryLength = this.entryLength;
    let pool = this.pool;
    for (let k = 0; k < count; k++) {
      if (flags[k] & (TokenFlag.Decomposed | TokenFlag.HasMarkers)) {
        out[k] = this.idOfString(tokens.textOf(text, k));
      } else {
        const h = hash[k];
        const s = start[k];
        const len = end[k] - s;
        let i = h & mask;
        let id = -1;
        for (let e = slots[i]; e !== 0; i = (i + 1) & mask, e = slots[i]) {
          if (entryHash[e - 1] !== h || entryLength[e - 1] !== len) continue;
          const o = entryStart[e - 1] - s;
          let j = s;
          const stop = s + len;
          while (j < stop && pool[o + j] === text.charCodeAt(j)) j++;
          if (j === stop) {
            id = e - 1;
            break;
          }
        }
        if (id >= 0) {
          out[k] = id;
          continue;
        }
        out[k] = this.add(text, s, len, h);
      }
      slots = this.slots;
      mask = this.mask;
      entryHash = this.entryHash;
      entryStart = this.entryStart;
      entryLength = this.entryLength;
      pool = this.pool;
    }
  }

  /** The entry index of the word text[s, s + len), whose hash is h (added when new). */
  idOf(text: string, s: number, len: number, h: number): number {
    const { slots, mask, entryHash, entryLength, entryStart, pool } = this;
    for (let i = h & mask, e = slots[i]; e !== 0; i = (i + 1) & mask, e = slots[i]) {
      if (entryHash[e - 1] !== h || entryLength[e - 1] !== len) continue;
      const o = entryStart[e - 1] - s;
      let j = s;
      const stop = s + len;
      while (j < stop && pool[o + j] === text.charCodeAt(j)) j++;
      if (j === stop) return e - 1;
    }
    return this.add(text, s, len, h);
  }

  /** The entry index of a word given as a string (added when new). */
  idOfString(word: string): number {
    const h = hashWord(word);
    const len = word.length;
    for (let i = h & this.mask, e = this.slots[i]; e !== 0; i = (i + 1) & this.mask, e = this.slots[i]) {
      if (this.entryHash[e - 1] !== h || this.entryLength[e - 1] !== len) continue;
      const o = this.entryStart[e - 1];
      let j = 0;
      while (j < len && this.pool[o + j] === word.charCodeAt(j)) j++;
      if (j === len) return e - 1;
    }
    return this.add(word, 0, len, h);
  }

  /** Adds the word source[s, s + len), whose hash is h. */
  private add(source: string, s: number, len: number, h: number): number {
    const id = this.entries.length;
    if (this.poolUsed + len > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      grown.set(this.pool.subarray(0, this.poolUsed));
      this.pool = grown;
    }
    const o = this.poolUsed;
    for (let j = 0; j < len; j++) this.pool[o + j] = source.charCodeAt(s + j);
    this.poolUsed = o + len;
    // The entry's own copy: V8 makes a slice of 13 characters or more a view into the note,
    // which would keep the whole note alive in the memo; shorter slices are copies (and cheaper).
    const text = len < 13 ? source.slice(s, s + len) : stringOf(this.pool, o, len);
    const folded = fold(text);
    const forms = this.byFirstWord.get(folded);
    this.entries.push({ text, lower: text.toLowerCase(), folded, forms, info: undefined, exact: undefined });
    if (id === this.entryHash.length) {
      const size = id * 2;
      this.entryHash = grow(this.entryHash, new Int32Array(size));
      this.entryStart = grow(this.entryStart, new Int32Array(size));
      this.entryLength = grow(this.entryLength, new Int32Array(size));
      this.kinds = grow(this.kinds, new Uint8Array(size));
    }
    this.entryHash[id] = h;
    this.entryStart[id] = o;
    this.entryLength[id] = len;
    this.kinds[id] = (forms ? WordKind.Forms : 0) | (folded.length >= MIN_FUZZY_LENGTH ? WordKind.Unknown : 0);
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id, h);
    return id;
  }

  /** Records the analyser's memo of entry `id` (and whether it has candidates). */
  setInfo(id: number, info: Info, hasCandidates: boolean): void {
    this.entries[id].info = info;
    this.kinds[id] = (this.kinds[id] & WordKind.Forms) | (hasCandidates ? WordKind.Candidates : 0);
  }

  private place(id: number, h: number): void {
    let i = h & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = id + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.entries.length; id++) this.place(id, this.entryHash[id]);
  }
}

function grow<A extends Int32Array | Uint8Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/** A fresh string of pool[o, o + len) (in chunks: apply takes a bounded number of arguments). */
function stringOf(pool: Uint16Array, o: number, len: number): string {
  if (len <= 4096) return String.fromCharCode.apply(null, pool.subarray(o, o + len) as unknown as number[]);
  let out = '';
  for (let p = o; p < o + len; p += 4096) out += String.fromCharCode.apply(null, pool.subarray(p, Math.min(o + len, p + 4096)) as unknown as number[]);
  return out;
}
