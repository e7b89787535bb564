/**
 * The analyser's memo of distinct words, per glossary: each word as written gets one entry
 * (its lower-case and accent-folded forms, the glossary forms it starts, and whatever the
 * analyser memoises about it), found by the hash the scanner computed and compared in place in
 * the note's text. A word seen before costs a probe and a short compare: no slice, no
 * lower-casing, no folding, no Map look-up. Only new words pay for those, once.
 */

import { TermForm } from './glossary';
import { hashWord, TokenBuffer, TokenFlag } from './markdown';
import { fold } from './text';

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
}

/** Open-addressing hash table of word entries. */
export class WordTable<Info> {
  readonly entries: WordEntry<Info>[] = [];
  /** Counts the clears: word ids from before a clear mean nothing after it. */
  generation = 0;
  private entryHash = new Int32Array(1024);
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
    this.slots = new Int32Array(2048);
    this.mask = 2047;
  }

  /**
   * Fills `out[k]` with the entry index of every token of the buffer.
   * @param text the scanned text.
   */
  resolve(text: string, tokens: TokenBuffer, out: Int32Array): void {
    const { start, end, hash, flags, count } = tokens;
    const entries = this.entries;
    // Table arrays in locals (reloaded after an insertion, which may grow them).
    let slots = this.slots;
    let mask = this.mask;
    let entryHash = this.entryHash;
    for (let k = 0; k < count; k++) {
      if (flags[k] & (TokenFlag.Decomposed | TokenFlag.HasMarkers)) {
        out[k] = this.idOfString(tokens.textOf(text, k));
        slots = this.slots;
        mask = this.mask;
        entryHash = this.entryHash;
        continue;
      }
      const h = hash[k];
      const s = start[k];
      const len = end[k] - s;
      let i = h & mask;
      let id = -1;
      for (let e = slots[i]; e !== 0; i = (i + 1) & mask, e = slots[i]) {
        if (entryHash[e - 1] !== h) continue;
        const t = entries[e - 1].text;
        if (t.length !== len) continue;
        let j = 0;
        while (j < len && t.charCodeAt(j) === text.charCodeAt(s + j)) j++;
        if (j === len) {
          id = e - 1;
          break;
        }
      }
      if (id < 0) {
        id = this.add(text.slice(s, s + len), h);
        slots = this.slots;
        mask = this.mask;
        entryHash = this.entryHash;
      }
      out[k] = id;
    }
  }

  /** The entry index of a word given as a string (added when new). */
  idOfString(word: string): number {
    const h = hashWord(word);
    let i = h & this.mask;
    for (let e = this.slots[i]; e !== 0; i = (i + 1) & this.mask, e = this.slots[i]) {
      if (this.entryHash[e - 1] === h && this.entries[e - 1].text === word) return e - 1;
    }
    return this.add(word, h);
  }

  private add(text: string, h: number): number {
    const id = this.entries.length;
    const folded = fold(text);
    this.entries.push({ text, lower: text.toLowerCase(), folded, forms: this.byFirstWord.get(folded), info: undefined });
    if (id === this.entryHash.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.entryHash);
      this.entryHash = grown;
    }
    this.entryHash[id] = h;
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id, h);
    return id;
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
