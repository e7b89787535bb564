/**
 * The French lexicon that guards fuzzy matches: a correct French word is never flagged for
 * being close to a glossary term. Read from a sorted list (one lower-case NFC word a line,
 * built from @cspell/dict-fr-fr by scripts/build-lexicon.mjs) and searched by binary search.
 *
 * Two readers over the same format: `createLexicon` over a string (small lists, tests), and
 * `createLexiconFromBytes` over the file's raw UTF-8 bytes, which is what the checker loads:
 * no decoding, no line index, no per-word object (5 MB of bytes, ~2 ms to read); a look-up
 * searches a small sample of the lines, then ~10 lines in one stretch. UTF-8 byte order is
 * code point order, which is the list's UTF-16 order for the BMP (a French list has nothing
 * beyond).
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
export function createLexiconFromBytes(bytes: Uint8Array, extraWords: Iterable<string> = [], sample?: Uint8Array): Lexicon {
  const lexicon = new ByteLexicon(bytes, new Set(extraWords));
  if (sample) lexicon.useSample(sample);
  return lexicon;
}

/** First number of a sample file ("GLX1"), then the list's byte length, the count and STEP. */
const SAMPLE_MAGIC = 0x47584c31;

/**
 * The sample of a word list (see ByteLexicon) as a file (dist/lexicon-fr.idx, written at build
 * time): a 16-byte header, the line starts, then their keys, as 32-bit numbers in the
 * platform's byte order. Building it in a fresh process costs ~8 ms of the first look-up (the
 * code is not optimised yet); reading 330 KB costs a fraction of that.
 */
export function encodeLexiconSample(bytes: Uint8Array): Uint8Array {
  const { at, keys, count } = computeSample(bytes);
  const out = new Uint32Array(4 + 2 * count);
  out.set([SAMPLE_MAGIC, bytes.length, count, STEP]);
  out.set(new Uint32Array(at.buffer, 0, count), 4);
  out.set(keys.subarray(0, count), 4 + count);
  return new Uint8Array(out.buffer);
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
    const q = firstFour(this.key, 0, n);
    // The last sampled line ≤ the word (keys first, the line itself on a tie).
    let lo = 0;
    let hi = sampleCount - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = sampleKey[mid];
      const c = q !== k ? (q < k ? -1 : 1) : this.compareLine(n, sampleAt[mid]);
      if (c === 0) return true;
      if (c > 0) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return false;
    // Then the lines up to the next sample, in order.
    const end = best + 1 < sampleCount ? sampleAt[best + 1] : len;
    for (let s = sampleAt[best]; s < end; ) {
      const c = this.compareLine(n, s);
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
    const key = this.key;
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
  }

  /** Compares key[0, n) with the line at s: < 0 when the key sorts first, 0 when equal. */
  private compareLine(n: number, s: number): number {
    const { bytes, len, key } = this;
    for (let i = 0; ; i++) {
      const b = s + i < len ? bytes[s + i] : 10;
      if (i === n) return b === 10 ? 0 : -1;
      if (b === 10) return 1;
      const d = key[i] - b;
      if (d !== 0) return d;
    }
  }

  private buildSamples(): void {
    const { at, keys, count } = computeSample(this.bytes);
    this.sampleAt = at;
    this.sampleKey = keys;
    this.sampleCount = count;
  }

  /**
   * Takes a sample written by `encodeLexiconSample`, if it is this list's: same length, same
   * step, and spot checks of its entries (a stale or foreign file is ignored, and the sample is
   * built as usual).
   */
  useSample(file: Uint8Array): void {
    if (file.byteLength < 16 || file.byteLength % 4 !== 0) return;
    // Typed-array views need an aligned offset; a file read whole has one, but be sure.
    const words = file.byteOffset % 4 === 0 ? new Uint32Array(file.buffer, file.byteOffset, file.byteLength / 4) : new Uint32Array(new Uint8Array(file).buffer);
    const count = words[2];
    if (words[0] !== SAMPLE_MAGIC || words[1] !== this.len || words[3] !== STEP || words.length !== 4 + 2 * count) return;
    const at = new Int32Array(words.buffer, words.byteOffset + 16, count);
    const keys = words.subarray(4 + count);
    const { bytes, len } = this;
    for (let k = 0; k < count; k += Math.max(1, count >> 6)) {
      const s = at[k];
      if (s < 0 || s >= len || (s > 0 && bytes[s - 1] !== 10) || (k > 0 && at[k - 1] >= s) || keys[k] !== firstFour(bytes, s, len)) return;
    }
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
function firstFour(src: Uint8Array, s: number, limit: number): number {
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
 * Front coding of a word list (dist/lexicon-*.fc, what the .vsix ships: a sorted list shares
 * long prefixes, so this is ~3.5 times smaller than the plain list once deflated). Layout: the
 * magic "GLFC", a version byte, the decoded length (32-bit little-endian), then one record per
 * line: one byte, the number of leading bytes shared with the previous line (capped at 255),
 * the rest of the line, and `\n`. Bytes, not characters: a shared prefix may end inside a
 * UTF-8 sequence, which is harmless since decoding rebuilds the same bytes.
 */
const FRONT_CODED_MAGIC = [0x47, 0x4c, 0x46, 0x43]; // "GLFC"
const FRONT_CODED_VERSION = 1;
const FRONT_CODED_HEADER = 9;

/**
 * Front-codes `bytes` (a `\n`-separated list; any bytes round-trip, sorted or not, with or
 * without a final `\n`). `decodeFrontCoded` is its exact inverse.
 */
export function encodeFrontCoded(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffffffff) throw new RangeError('front coding: input over 4 GiB');
  // Worst case: one prefix byte per line plus a final `\n` the input may lack.
  let lines = 1;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  const out = new Uint8Array(FRONT_CODED_HEADER + bytes.length + lines + 1);
  out.set(FRONT_CODED_MAGIC, 0);
  out[4] = FRONT_CODED_VERSION;
  new DataView(out.buffer).setUint32(5, bytes.length, true);
  let o = FRONT_CODED_HEADER;
  let prev = 0;
  let prevLen = 0;
  for (let s = 0; s < bytes.length; ) {
    let e = bytes.indexOf(10, s);
    if (e === -1) e = bytes.length;
    const len = e - s;
    const max = Math.min(255, len, prevLen);
    let p = 0;
    while (p < max && bytes[s + p] === bytes[prev + p]) p++;
    out[o++] = p;
    out.set(bytes.subarray(s + p, e), o);
    o += len - p;
    // A missing final `\n` is written anyway: the decoded length drops it.
    out[o++] = 10;
    prev = s;
    prevLen = len;
    s = e + 1;
  }
  return out.slice(0, o);
}

/**
 * Decodes what `encodeFrontCoded` wrote. Throws a RangeError naming the offset on a file that
 * is not one (wrong header, truncated, a prefix longer than the previous line, wrong length),
 * never returns partial data.
 */
export function decodeFrontCoded(file: Uint8Array): Uint8Array {
  const bad = (why: string, at: number) => new RangeError(`not a front-coded word list (${why} at byte ${at})`);
  if (file.length < FRONT_CODED_HEADER || FRONT_CODED_MAGIC.some((b, i) => file[i] !== b)) throw bad('no GLFC header', 0);
  if (file[4] !== FRONT_CODED_VERSION) throw bad(`unknown version ${file[4]}`, 4);
  const length = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(5, true);
  // A record of n bytes yields at most n - 1 + 255 bytes: a larger claim is corrupt (and must
  // not allocate gigabytes).
  if (length > (file.length - FRONT_CODED_HEADER) * 256) throw bad(`implausible length ${length}`, 5);
  // One spare byte for the `\n` written after a last line that had none.
  const out = new Uint8Array(length + 1);
  let o = 0;
  let prev = 0;
  let prevLen = 0;
  let i = FRONT_CODED_HEADER;
  while (i < file.length) {
    const p = file[i];
    if (p > prevLen) throw bad(`shared prefix ${p} longer than the previous line`, i);
    if (o + p >= out.length) throw bad('more data than the declared length', i);
    // Plain loops: the copies are a few bytes each, where subarray/set cost more than they save.
    const start = o;
    for (let k = 0; k < p; k++) out[o++] = out[prev + k];
    let b = 0;
    for (i++; i < file.length && (b = file[i]) !== 10; i++) {
      if (o >= length) throw bad('more data than the declared length', i);
      out[o++] = b;
    }
    if (b !== 10) throw bad('unterminated line', i);
    prev = start;
    prevLen = o - start;
    out[o++] = 10;
    i++;
  }
  // Equal to the length, or one more when the input had no final `\n`.
  if (o !== length && !(o === length + 1 && length > 0)) throw bad(`decoded ${o} bytes, declared ${length}`, file.length);
  return out.subarray(0, length);
}
