/**
 * The French lexicon that guards fuzzy matches: a correct French word is never flagged for
 * being close to a glossary term. Read from a sorted list (one lower-case NFC word a line,
 * built from @cspell/dict-fr-fr by scripts/build-lexicon.mjs) and searched by binary search.
 *
 * Two readers over the same format: `createLexicon` over a string (small lists, tests), and
 * `createLexiconFromBytes` over the file's raw UTF-8 bytes, which is what the checker loads:
 * no decoding, no line index, no per-word object; a look-up searches a small sample of the
 * lines, then ~10 lines in one stretch. UTF-8 byte order is code point order, which is the
 * list's UTF-16 order for the BMP (a French list has nothing beyond). What the runtime ships
 * and loads is the same list front-coded and searched in place (frontCoded.ts).
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
  return new ByteLexicon(bytes, new Set(extraWords));
}

/** Lines sampled every STEP bytes (see ByteLexicon). */
const STEP = 128;

/**
 * A look-up binary-searches a sample of line starts, one every ~128 bytes, by their first
 * four bytes as a number (small arrays that stay in cache), then reads one stretch of ~10
 * lines, instead of ~20 probes across the whole 5 MB. The sample is built at the first
 * look-up in well under a millisecond: it reads ~20 bytes per sample, not the whole list.
 */
class ByteLexicon implements Lexicon {
  private readonly len: number;
  private key = new Uint8Array(64);
  private sampleAt: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private sampleKey: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private sampleCount = -1;
  private lines = -1;

  constructor(private readonly bytes: Uint8Array, private readonly extra: Set<string>) {
    this.len = bytes.length;
  }

  get size(): number {
    if (this.lines < 0) {
      const bytes = this.bytes;
      let lines = 0;
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
      if (this.len > 0 && bytes[this.len - 1] !== 10) lines++;
      this.lines = lines;
    }
    return this.lines + this.extra.size;
  }

  has(lowerWord: string): boolean {
    if (this.extra.size > 0 && this.extra.has(lowerWord)) return true;
    const n = this.encode(lowerWord);
    if (this.sampleCount < 0) this.buildSamples();
    const { sampleAt, sampleKey, sampleCount, bytes, len } = this;
    const best = searchSamples(this.key, n, sampleKey, sampleAt, sampleCount, bytes, 0);
    if (best === FOUND) return true;
    if (best < 0) return false;
    // Then the lines up to the next sample, in order.
    const end = best + 1 < sampleCount ? sampleAt[best + 1] : len;
    for (let s = sampleAt[best]; s < end; ) {
      const c = compareKeyToLine(this.key, n, bytes, s, len);
      if (c === 0) return true;
      if (c < 0) return false;
      while (s < len && bytes[s] !== 10) s++;
      s++;
    }
    return false;
  }

  /** UTF-8 of `word` into `key`; returns its length. */
  private encode(word: string): number {
    if (this.key.length < word.length * 3) this.key = new Uint8Array(word.length * 3);
    return encodeUtf8(word, this.key);
  }

  private buildSamples(): void {
    const { at, keys, count } = computeSample(this.bytes);
    this.sampleAt = at;
    this.sampleKey = keys;
    this.sampleCount = count;
  }
}

/** Line starts, one every ~STEP bytes, and their keys (see ByteLexicon). */
function computeSample(bytes: Uint8Array): { at: Int32Array; keys: Uint32Array; count: number } {
  const len = bytes.length;
  const at = new Int32Array(Math.ceil(len / STEP) + 1);
  const keys = new Uint32Array(at.length);
  let count = 0;
  for (let b = 0; b < len; b += STEP) {
    let s = b;
    while (s > 0 && s < len && bytes[s - 1] !== 10) s++;
    if (s >= len || (count > 0 && at[count - 1] === s)) continue;
    at[count] = s;
    keys[count] = firstFour(bytes, s, len);
    count++;
  }
  return { at, keys, count };
}

/**
 * The first four bytes of a line (or of a key) from s as an unsigned big-endian number, 0
 * after its end (\n or `limit`): the order of these numbers is the order of the lines
 * whenever they differ.
 */
export function firstFour(src: Uint8Array, s: number, limit: number): number {
  let k = 0;
  let ended = false;
  for (let j = 0; j < 4; j++) {
    const b = ended || s + j >= limit ? 10 : src[s + j];
    if (b === 10) ended = true;
    k = k * 256 + (ended ? 0 : b);
  }
  return k;
}

/**
 * Writes the UTF-8 of `word` into `out` (at least 3 bytes per UTF-16 unit) and returns its
 * length. A lone surrogate becomes U+FFFD, which no word list holds.
 */
export function encodeUtf8(word: string, out: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    let c = word.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

/** `searchSamples` found the word itself. */
export const FOUND = -2;

/**
 * The last of `count` sampled lines (sorted, line k at `at[k] + skip` in `src`, keys from
 * `firstFour`) that sorts at or before key[0, n): its index, FOUND when one equals it, or -1
 * when all sort after it. Keys decide, the lines themselves only on a tie.
 */
export function searchSamples(key: Uint8Array, n: number, keys: ArrayLike<number>, at: ArrayLike<number>, count: number, src: Uint8Array, skip: number): number {
  const q = firstFour(key, 0, n);
  let lo = 0;
  let hi = count - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    const c = q !== k ? (q < k ? -1 : 1) : compareKeyToLine(key, n, src, at[mid] + skip, src.length);
    if (c === 0) return FOUND;
    if (c > 0) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Compares key[0, n) with the line of `src` at s (up to `\n` or `limit`): < 0 when the key sorts first, 0 when equal. */
export function compareKeyToLine(key: Uint8Array, n: number, src: Uint8Array, s: number, limit: number): number {
  for (let i = 0; ; i++) {
    const b = s + i < limit ? src[s + i] : 10;
    if (i === n) return b === 10 ? 0 : -1;
    if (b === 10) return 1;
    const d = key[i] - b;
    if (d !== 0) return d;
  }
}
