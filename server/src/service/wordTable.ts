/**
 * The analyser's memo of distinct words, in two layers:
 * - `WordStore`: each word as written gets one entry (its lower-case and accent-folded forms),
 *   found by the hash the scanner computed and compared in place in the note's text. It knows
 *   nothing of a glossary, so the chains of every course of a workspace share one (the host
 *   gives it to each service): a word is sliced, lower-cased and folded once per process, not
 *   once per course.
 * - `WordTable`: one glossary's view of a store, by the store's word ids: the glossary forms a
 *   word starts, and whatever the analyser memoises about it for this glossary.
 * A word seen before costs a probe and a short compare: no slice, no lower-casing, no folding,
 * no Map look-up. Only new words pay for those, once.
 */

import { hasAccentedVariant } from './french';
import { TermForm } from './glossary';
import type { Lexicon } from './lexicon';
import { hashWord, TokenBuffer, TokenFlag, WordProbe } from './markdown';
import { fold } from './text';

/** Words shorter than this (folded) are never fuzzy candidates (the analyser's rule, ranking.ts searchDepth). */
export const MIN_FUZZY_LENGTH = 2;

/** What the store knows about one distinct word (whatever the glossary). */
export interface WordEntry {
  /** The word as `Token.text` has it (NFC, without inner markers). */
  text: string;
  lower: string;
  folded: string;
}

/**
 * `WordTable.kinds` bits: what the analyser's loop must do with a word (`Seen` alone: nothing;
 * 0: the table has not looked at the word yet).
 */
export const enum WordKind {
  /** Glossary forms start with this word. */
  Forms = 1,
  /** Long enough for the fuzzy rules, memo not computed yet. */
  Unknown = 2,
  /** The memo says the word has fuzzy or joined candidates. */
  Candidates = 4,
  /** The table has looked at the word (its other bits are set). */
  Seen = 8,
}

/** Open-addressing hash table of distinct words, shared by any number of `WordTable`s. */
export class WordStore implements WordProbe {
  readonly entries: WordEntry[] = [];
  /** What each lexicon says of the words (see `factsFor`): one or two lexicons per host. */
  private readonly lexiconFacts = new Map<Lexicon, LexiconFacts>();
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

  /** Number of distinct words. */
  get size(): number {
    return this.entries.length;
  }

  /**
   * What `lexicon` says of the store's words, memoised by word id: the typo rules of every
   * course's chain ask the same questions of the same words (is it French, is it a French word
   * once accented), and the answers do not depend on the glossary.
   */
  factsFor(lexicon: Lexicon): LexiconFacts {
    let facts = this.lexiconFacts.get(lexicon);
    if (!facts) this.lexiconFacts.set(lexicon, (facts = new LexiconFacts(this, lexicon)));
    return facts;
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
    this.entries.push({ text, lower: text.toLowerCase(), folded: fold(text) });
    if (id === this.entryHash.length) {
      const size = id * 2;
      this.entryHash = grow(this.entryHash, new Int32Array(size));
      this.entryStart = grow(this.entryStart, new Int32Array(size));
      this.entryLength = grow(this.entryLength, new Int32Array(size));
    }
    this.entryHash[id] = h;
    this.entryStart[id] = o;
    this.entryLength[id] = len;
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

/** LexiconFacts bits, per word id (0: nothing asked yet). */
const enum Fact {
  WordKnown = 1,
  IsWord = 2,
  AccentedKnown = 4,
  HasAccented = 8,
}

/** What one lexicon says of a store's words, by word id (WordStore.factsFor). */
export class LexiconFacts {
  private bits = new Uint8Array(1024);
  private synced: number;

  constructor(private readonly store: WordStore, private readonly lexicon: Lexicon) {
    this.synced = store.generation;
  }

  /** True when word `id` (whose lower-case form is `lower`) is in the lexicon. */
  isWord(id: number, lower: string): boolean {
    let b = this.at(id);
    if (!(b & Fact.WordKnown)) this.bits[id] = b |= Fact.WordKnown | (this.lexicon.has(lower) ? Fact.IsWord : 0);
    return (b & Fact.IsWord) !== 0;
  }

  /** True when word `id` is a French word once accents are added or changed (french.ts). */
  hasAccentedVariant(id: number, lower: string): boolean {
    let b = this.at(id);
    if (!(b & Fact.AccentedKnown)) this.bits[id] = b |= Fact.AccentedKnown | (hasAccentedVariant(lower, this.lexicon) ? Fact.HasAccented : 0);
    return (b & Fact.HasAccented) !== 0;
  }

  /** The bits of word `id` (after the store's last clear), the array grown to hold it. */
  private at(id: number): number {
    if (this.synced !== this.store.generation) {
      this.synced = this.store.generation;
      this.bits.fill(0);
    }
    if (id >= this.bits.length) {
      let size = this.bits.length * 2;
      while (size <= id) size *= 2;
      this.bits = grow(this.bits, new Uint8Array(size));
    }
    return this.bits[id];
  }
}

/**
 * One glossary's view of a word store: per word id, what the analyser's loop must do with the
 * word (`kinds`), the glossary forms it starts (`forms`), and the analyser's memos (`info`,
 * `exact`), filled as the view first meets each id.
 */
export class WordTable<Info> implements WordProbe {
  /**
   * Per word id, WordKind bits: the analyser's loop reads one byte per word and goes on for the
   * ~90 % of words that need nothing, without touching the entry object.
   */
  kinds = new Uint8Array(1024);
  // Maps, not arrays: a view meets a scattered few of the store's ids (a course's words among
  // every course's), and an array written at such indexes turns into a slow dictionary.
  /** Glossary forms whose first folded word is the word's, longest first (words that start none: absent). */
  readonly forms = new Map<number, TermForm[]>();
  /** The analyser's memo per word (absent until computed). */
  readonly info = new Map<number, Info>();
  /**
   * The first one-word form the word is exactly (null: none), when no longer form follows it:
   * the analyser's shortcut, computed on first use.
   */
  readonly exact = new Map<number, TermForm | null>();
  /** The store's generation the arrays above are for. */
  private synced: number;

  constructor(private readonly byFirstWord: Map<string, TermForm[]>, readonly store: WordStore = new WordStore()) {
    this.synced = store.generation;
    // A new course's view of a store that knows thousands of words: sized once, not doubled up to it.
    if (store.size > this.kinds.length) this.kinds = new Uint8Array(store.size * 2);
  }

  /** The store's entries, by word id. */
  get entries(): WordEntry[] {
    return this.store.entries;
  }

  /** The store's generation: word ids from before a clear mean nothing after it. */
  get generation(): number {
    return this.store.generation;
  }

  /** Number of distinct words in the store. */
  get size(): number {
    return this.store.size;
  }

  /** Forgets every word (memory bound): the store's, so every view of it. */
  clear(): void {
    this.store.clear();
    this.sync();
  }

  /** Forgets this view's words when the store was cleared (by this view or another). */
  sync(): void {
    if (this.synced === this.store.generation) return;
    this.synced = this.store.generation;
    this.kinds.fill(0);
    this.forms.clear();
    this.info.clear();
    this.exact.clear();
  }

  /** Fills `out[k]` with the word id of every token of the buffer (see WordStore.resolve). */
  resolve(text: string, tokens: TokenBuffer, out: Int32Array): void {
    this.store.resolve(text, tokens, out);
    const count = tokens.count;
    for (let k = 0; k < count; k++) {
      const id = out[k];
      if (id >= this.kinds.length || this.kinds[id] === 0) this.see(id);
    }
  }

  /** The word id of text[s, s + len), whose hash is h (added to the store when new). */
  idOf(text: string, s: number, len: number, h: number): number {
    const id = this.store.idOf(text, s, len, h);
    if (id >= this.kinds.length || this.kinds[id] === 0) this.see(id);
    return id;
  }

  /** The word id of a word given as a string (added to the store when new). */
  idOfString(word: string): number {
    const id = this.store.idOfString(word);
    if (id >= this.kinds.length || this.kinds[id] === 0) this.see(id);
    return id;
  }

  /** Records the analyser's memo of word `id` (and whether it has candidates). */
  setInfo(id: number, info: Info, hasCandidates: boolean): void {
    this.info.set(id, info);
    this.kinds[id] = (this.kinds[id] & WordKind.Forms) | WordKind.Seen | (hasCandidates ? WordKind.Candidates : 0);
  }

  /** The view's first look at word `id`: the forms it starts, and what the loop must do. */
  private see(id: number): void {
    if (id >= this.kinds.length) {
      let size = this.kinds.length * 2;
      while (size <= id) size *= 2;
      this.kinds = grow(this.kinds, new Uint8Array(size));
    }
    const { folded } = this.store.entries[id];
    const forms = this.byFirstWord.get(folded);
    if (forms) this.forms.set(id, forms);
    this.kinds[id] = WordKind.Seen | (forms ? WordKind.Forms : 0) | (folded.length >= MIN_FUZZY_LENGTH ? WordKind.Unknown : 0);
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
