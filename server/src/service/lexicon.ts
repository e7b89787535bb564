/**
 * The French lexicon that guards fuzzy matches: a correct French word is never flagged for
 * being close to a glossary term. Read from a sorted list (one lower-case NFC word a line,
 * built from @cspell/dict-fr-fr by scripts/build-lexicon.mjs) and searched by binary search.
 *
 * Two readers over the same format: `createLexicon` over a string (small lists, tests), and
 * `createLexiconFromBytes` over the file's raw UTF-8 bytes, which is what the checker loads:
 * no decoding, no line index, no per-word object (5 MB of bytes, ~2 ms to read), and a look-up
 * is ~20 probes that each step back to the start of a line. UTF-8 byte order is code point
 * order, which is the list's UTF-16 order for the BMP (a French list has nothing beyond).
 */

/** Membership test over lower-case words. */
export interface Lexicon {
  /** True when the lower-case word is a known word. */
  has(lowerWord: string): boolean;
  /** Number of words. */
  readonly size: number;
}

/** A lexicon with no words (used when the word list is unavailable). */
export const EMPTY_LEXICON: Lexicon = { has: () => false, size: 0 };

/**
 * Builds a lexicon over a sorted word list (sorted by UTF-16 code units, `\n`-separated).
 * @param sortedList the file's content.
 * @param extraWords words to accept in addition (the user's own words, lower-case).
 */
export function createLexicon(sortedList: string, extraWords: Iterable<string> = []): Lexicon {
  let count = 0;
  for (let i = sortedList.indexOf('\n'); i !== -1; i = sortedList.indexOf('\n', i + 1)) count++;
  if (sortedList.length > 0 && !sortedList.endsWith('\n')) count++;
  const starts = new Uint32Array(count + 1);
  let n = 0;
  let p = 0;
  while (p < sortedList.length) {
    starts[n++] = p;
    const nl = sortedList.indexOf('\n', p);
    p = nl === -1 ? sortedList.length : nl + 1;
  }
  starts[n] = sortedList.length + (sortedList.endsWith('\n') ? 0 : 1);
  const extra = new Set(extraWords);

  // Compares `word` with the list entry at index k without slicing.
  const compare = (word: string, k: number): number => {
    const s = starts[k];
    const e = starts[k + 1] - 1;
    const len = e - s;
    const m = Math.min(len, word.length);
    for (let i = 0; i < m; i++) {
      const d = word.charCodeAt(i) - sortedList.charCodeAt(s + i);
      if (d !== 0) return d;
    }
    return word.length - len;
  };

  return {
    size: n + extra.size,
    has(lowerWord: string): boolean {
      if (extra.has(lowerWord)) return true;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(lowerWord, mid);
        if (c === 0) return true;
        if (c < 0) hi = mid - 1;
        else lo = mid + 1;
      }
      return false;
    },
  };
}

/**
 * Builds a lexicon over the raw bytes of a sorted UTF-8 word list (`\n`-separated, sorted by
 * code point, no `\r`), searched in place.
 * @param bytes the file's content.
 * @param extraWords words to accept in addition (the user's own words, lower-case).
 */
export function createLexiconFromBytes(bytes: Uint8Array, extraWords: Iterable<string> = []): Lexicon {
  const len = bytes.length;
  const extra = new Set(extraWords);
  let key = new Uint8Array(64);
  let size = -1;

  // UTF-8 of `word` into `key`; returns its length.
  const encode = (word: string): number => {
    if (key.length < word.length * 3) key = new Uint8Array(word.length * 3);
    let n = 0;
    for (let i = 0; i < word.length; i++) {
      let c = word.charCodeAt(i);
      if (c < 0x80) key[n++] = c;
      else if (c < 0x800) {
        key[n++] = 0xc0 | (c >> 6);
        key[n++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // not in a French list; never matches
        key[n++] = 0xe0 | (c >> 12);
        key[n++] = 0x80 | ((c >> 6) & 63);
        key[n++] = 0x80 | (c & 63);
      }
    }
    return n;
  };

  return {
    get size(): number {
      if (size < 0) {
        let lines = 0;
        for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
        if (len > 0 && bytes[len - 1] !== 10) lines++;
        size = lines + extra.size;
      }
      return size;
    },
    has(lowerWord: string): boolean {
      if (extra.has(lowerWord)) return true;
      const n = encode(lowerWord);
      // Invariant: the word, if present, starts a line that begins in [lo, hi).
      let lo = 0;
      let hi = len;
      while (lo < hi) {
        let s = (lo + hi) >>> 1;
        while (s > lo && bytes[s - 1] !== 10) s--;
        // Compare key with the line at s.
        let i = 0;
        let d = 0;
        for (;;) {
          const b = s + i < len ? bytes[s + i] : 10;
          if (i === n) {
            d = b === 10 ? 0 : -1;
            break;
          }
          if (b === 10) {
            d = 1;
            break;
          }
          d = key[i] - b;
          if (d !== 0) break;
          i++;
        }
        if (d === 0) return true;
        if (d < 0) hi = s;
        else {
          // Past this line.
          let e = s + i;
          while (e < len && bytes[e] !== 10) e++;
          lo = e + 1;
        }
      }
      return false;
    },
  };
}
