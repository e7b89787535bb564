/**
 * What the scanner produces: tokens (a word's offsets, what separates it from the previous
 * one, its flags) in a `TokenBuffer` of typed arrays, the character classes its loops read,
 * and the hash a word is looked up by. markdown.ts scans; this file is its vocabulary.
 */

import { CH_CR, CH_NL, CH_SPACE, CH_TAB } from './lines';
import { isCombiningMark } from './text';

/** What separates a token from the previous one. */
export const enum Gap {
  /** First token, or nothing between (should not happen). */
  None = 0,
  /** Spaces or a single line break: words of one phrase. */
  Space = 1,
  /** A hyphen with no spaces around it ("sous-traitance"). */
  Hyphen = 2,
  /** An apostrophe ("l'infogérance", "système d'information"). */
  Apostrophe = 3,
  /** Punctuation, a blank line, skipped code or markup: no term spans it. */
  Break = 4,
}

/** Token flags. */
export const enum TokenFlag {
  HasDigit = 1,
  /** The source has combining marks: `text` was normalised to NFC. */
  Decomposed = 2,
  /** The source has emphasis markers inside the word. */
  HasMarkers = 4,
  /** Internal to `TokenBuffer`: the word has a non-ASCII character (never set on `Token`). */
  NonAscii = 8,
}

/** A word of the prose. */
export interface Token {
  /** Offset of the first character (UTF-16 code units). */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** The word's letters, NFC, without inner emphasis markers. */
  text: string;
  gapBefore: Gap;
  flags: number;
}

/** The result of scanning a note. */
export interface ScanResult {
  tokens: Token[];
  /** Words listed in `<!-- glossaire-ignore: w1, w2 -->` comments (as written). */
  ignoredWords: string[];
}


/** True for letters (any script), digits and combining marks. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (isCombiningMark(c)) return true;
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates: emoji and rare scripts end words
  return LETTER_RE.test(String.fromCharCode(c));
}
const LETTER_RE = /[\p{L}\p{M}\p{Nd}]/u;

export function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_NL || c === CH_CR || c === 0xa0 || c === 0x202f || c === 0x2009;
}
export function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}
export function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc;
}
/** Emphasis and strikethrough markers, transparent between and inside words. */
export function isMarker(c: number): boolean {
  return c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */;
}

// Character classes for the scanning loops: one table load per character instead of a chain
// of comparisons. Filled for Latin at load, and lazily (from the functions above) for the
// rest of the BMP, so that the answers are those functions' by construction. A constant table
// in all but its filling: an entry, once set, is the fixed class of its code unit (the
// functions above are pure), so no caller can observe when it was filled (filling the whole
// BMP at load would cost every process ~10 ms of regex tests).
export const CC_WORD = 1, CC_COMBINING = 2, CC_DIGIT = 4, CC_SPACE = 8, CC_HYPHEN = 16, CC_APOSTROPHE = 32, CC_MARKER = 64, CC_KNOWN = 128;
// The high byte holds the TokenFlag bits a word character gives its word (digit, combining
// mark, non-ASCII), so that scanWord sets them without a branch.
export const charClasses = new Uint16Array(0x10000);
export function classify(c: number): number {
  const word = isWordChar(c);
  const tokenFlags = !word ? 0 : c >= 0x80 ? TokenFlag.NonAscii | (isCombiningMark(c) ? TokenFlag.Decomposed : 0) : c >= 48 && c <= 57 ? TokenFlag.HasDigit : 0;
  const k = CC_KNOWN | (word ? CC_WORD : 0) | (isCombiningMark(c) ? CC_COMBINING : 0) | (c >= 48 && c <= 57 ? CC_DIGIT : 0) |
    (isSpace(c) ? CC_SPACE : 0) | (isHyphen(c) ? CC_HYPHEN : 0) | (isApostrophe(c) ? CC_APOSTROPHE : 0) | (isMarker(c) ? CC_MARKER : 0) |
    (tokenFlags << 8);
  charClasses[c] = k;
  return k;
}
for (let c = 0; c < 0x250; c++) classify(c);
/** The class bits of a UTF-16 code unit. */
export function classOf(c: number): number {
  const k = charClasses[c];
  return k === 0 ? classify(c) : k;
}
/** isWordChar through the table. */
export function isWordCode(c: number): boolean {
  return (classOf(c) & CC_WORD) !== 0;
}

/**
 * The words of a note in typed arrays: what `scanMarkdown` returns, without an object or a
 * string per word. `hash[k]` is `hashWord` of the word's text as the scan read it (inner
 * markers left out, before NFC normalisation of a decomposed word).
 */
export class TokenBuffer {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  gap: Uint8Array;
  flags: Uint8Array;
  /** The flags of every token pushed since the last clear, or-ed (is any word decomposed?). */
  anyFlags = 0;
  /**
   * Where scanTokens was given a word table: each token's id in it, or -1 for a word whose
   * text differs from its source (decomposed, inner markers), which the caller resolves.
   */
  id: Int32Array;
  words: WordProbe | undefined = undefined;

  constructor(capacity = 256) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.hash = new Int32Array(capacity);
    this.gap = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.id = new Int32Array(capacity);
  }

  /** Empties the buffer, keeping its memory. */
  clear(): void {
    this.count = 0;
    this.anyFlags = 0;
  }

  /** Appends a token. */
  push(text: string, start: number, end: number, gap: Gap, flags: number, hash: number): void {
    const k = this.count;
    if (k === this.start.length) this.grow(Math.max(16, k * 2));
    this.start[k] = start;
    this.end[k] = end;
    this.gap[k] = gap;
    this.flags[k] = flags;
    this.hash[k] = hash;
    this.anyFlags |= flags;
    this.id[k] = this.words === undefined || flags & (TokenFlag.Decomposed | TokenFlag.HasMarkers) ? -1 : this.words.idOf(text, start, end - start, hash);
    this.count = k + 1;
  }

  /** Makes room for `capacity` tokens. */
  reserve(capacity: number): void {
    if (capacity > this.start.length) this.grow(capacity);
  }

  private grow(size: number): void {
    const copy = <A extends Int32Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
    this.start = copy(this.start, new Int32Array(size));
    this.end = copy(this.end, new Int32Array(size));
    this.hash = copy(this.hash, new Int32Array(size));
    this.gap = copy(this.gap, new Uint8Array(size));
    this.flags = copy(this.flags, new Uint8Array(size));
    this.id = copy(this.id, new Int32Array(size));
  }

  /** Token k's text as `Token.text` has it: NFC, without inner emphasis markers. */
  textOf(text: string, k: number): string {
    let t = text.slice(this.start[k], this.end[k]);
    const flags = this.flags[k];
    // Inside a token, marker characters only ever belong to transparent runs.
    if (flags & TokenFlag.HasMarkers) t = t.replace(/[*_~]/g, '');
    if (flags & TokenFlag.Decomposed) t = t.normalize('NFC');
    return t;
  }
}

export const HASH_SEED = 0x811c9dc5 | 0;

/**
 * The hash `TokenBuffer` keeps of a word's text: FNV-1a over UTF-16 code units, cut to 30 bits
 * so that it stays a small integer (a 32-bit one would be boxed when stored in a variable).
 */
export function hashWord(word: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * A table of distinct words the scan can look each word up in as it reads it (the analyser's
 * word memo): the id lands in `TokenBuffer.id`, while the word's characters are still in cache.
 */
export interface WordProbe {
  /** The id of the word text[start, start + length) whose hash is `hash` (added when new). */
  idOf(text: string, start: number, length: number, hash: number): number;
}
