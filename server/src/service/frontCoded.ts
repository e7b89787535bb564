/**
 * Front-coded word lists (dist/lexicon-*.fc): what the .vsix ships and what the runtime
 * searches in place. A sorted list shares long prefixes, so this is ~3.5 times smaller than
 * the plain list once deflated; and since it is searched as it is, loading it is reading the
 * file (no decoding of 5 MB at every start, no copy of the plain list in memory).
 *
 * Layout (all numbers little-endian):
 * - header (16 bytes): the magic "GLFC", a version byte (2), the decoded length (u32), the
 *   number of restarts R (u32), the restart interval (u8), two zero bytes (so that the table
 *   is aligned and read as it is);
 * - the restart table: R record offsets (u32, from the file's start), then R keys (u32, the
 *   first four bytes of the restart's line, see `firstFour`);
 * - the records, one per line: one byte, the number of leading bytes shared with the previous
 *   line (capped at 255, and 0 at every restart, so a restart's line is written whole), the
 *   rest of the line, and `\n`.
 * Bytes, not characters: a shared prefix may end inside a UTF-8 sequence, which is harmless
 * since decoding rebuilds the same bytes.
 */

import { encodeUtf8, firstFour, FOUND, Lexicon, searchSamples } from './lexicon';

const MAGIC = [0x47, 0x4c, 0x46, 0x43]; // "GLFC"
const VERSION = 2;
const HEADER = 16;
/** Lines between restarts: a look-up decodes at most this many lines after its binary search. */
export const RESTART_INTERVAL = 32;

/**
 * Front-codes `bytes` (a `\n`-separated list; any bytes round-trip, sorted or not, with or
 * without a final `\n`). `decodeFrontCoded` is its exact inverse; `createFrontCodedLexicon`
 * searches the result when the list is sorted by code point.
 */
export function encodeFrontCoded(bytes: Uint8Array, interval = RESTART_INTERVAL): Uint8Array {
  if (bytes.length > 0xffffffff) throw new RangeError('front coding: input over 4 GiB');
  if (!(interval >= 1 && interval <= 255)) throw new RangeError(`front coding: restart interval ${interval} not in 1..255`);
  let lines = 0;
  for (let s = 0; s < bytes.length; lines++) {
    const e = bytes.indexOf(10, s);
    s = e === -1 ? bytes.length : e + 1;
  }
  const restarts = Math.ceil(lines / interval);
  const tableEnd = HEADER + 8 * restarts;
  // Worst case: one prefix byte per line plus a final `\n` the input may lack.
  const out = new Uint8Array(tableEnd + bytes.length + lines + 1);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  view.setUint32(5, bytes.length, true);
  view.setUint32(9, restarts, true);
  out[13] = interval;
  let o = tableEnd;
  let prev = 0;
  let prevLen = 0;
  let line = 0;
  for (let s = 0; s < bytes.length; line++) {
    let e = bytes.indexOf(10, s);
    if (e === -1) e = bytes.length;
    const len = e - s;
    let p = 0;
    if (line % interval === 0) {
      const r = line / interval;
      view.setUint32(HEADER + 4 * r, o, true);
      view.setUint32(HEADER + 4 * (restarts + r), firstFour(bytes, s, e), true);
    } else {
      const max = Math.min(255, len, prevLen);
      while (p < max && bytes[s + p] === bytes[prev + p]) p++;
    }
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

/** The header and restart table of a front-coded file, checked. */
interface Layout {
  length: number;
  restarts: number;
  interval: number;
  recordsStart: number;
}

const bad = (why: string, at: number) => new RangeError(`not a front-coded word list (${why} at byte ${at})`);

/** Reads and checks the header (throws a located RangeError on a file this module did not write). */
function readLayout(file: Uint8Array): Layout {
  if (file.length < HEADER || MAGIC.some((b, i) => file[i] !== b)) throw bad('no GLFC header', 0);
  if (file[4] !== VERSION) throw bad(`unknown version ${file[4]}`, 4);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const length = view.getUint32(5, true);
  const restarts = view.getUint32(9, true);
  const interval = file[13];
  if (interval === 0) throw bad('restart interval 0', 13);
  const recordsStart = HEADER + 8 * restarts;
  if (recordsStart > file.length) throw bad(`restart table of ${restarts} entries beyond the end`, 9);
  // A record of n bytes yields at most n - 1 + 255 bytes: a larger claim is corrupt (and must
  // not allocate gigabytes).
  if (length > (file.length - recordsStart) * 256) throw bad(`implausible length ${length}`, 5);
  return { length, restarts, interval, recordsStart };
}

/**
 * Decodes what `encodeFrontCoded` wrote into the plain list's bytes. Throws a RangeError
 * naming the offset on a file that is not one (wrong header, truncated, a prefix longer than
 * the previous line, a restart table that does not match the records, wrong length), never
 * returns partial data.
 */
export function decodeFrontCoded(file: Uint8Array): Uint8Array {
  const { length, restarts, interval, recordsStart } = readLayout(file);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  // One spare byte for the `\n` written after a last line that had none.
  const out = new Uint8Array(length + 1);
  let o = 0;
  let prev = 0;
  let prevLen = 0;
  let line = 0;
  let i = recordsStart;
  while (i < file.length) {
    if (line % interval === 0) {
      const r = line / interval;
      if (r >= restarts || view.getUint32(HEADER + 4 * r, true) !== i) throw bad(`restart ${r} not in the table`, i);
    }
    const p = file[i];
    if (p > prevLen || (line % interval === 0 && p !== 0)) throw bad(`shared prefix ${p} longer than the previous line`, i);
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
    line++;
  }
  if (Math.ceil(line / interval) !== restarts) throw bad(`${restarts} restarts declared for ${line} lines`, 9);
  // Equal to the length, or one more when the input had no final `\n`.
  if (o !== length && !(o === length + 1 && length > 0)) throw bad(`decoded ${o} bytes, declared ${length}`, file.length);
  return out.subarray(0, length);
}

/**
 * A lexicon over a front-coded sorted list (sorted by code point, as the build writes it),
 * searched in place: a binary search of the restarts' keys, then at most one interval of lines
 * decoded into a small buffer. The header and the whole restart table are checked here (a
 * located RangeError otherwise); a record damaged between restarts makes look-ups near it
 * answer "unknown", never read out of bounds.
 * @param file the .fc file's bytes (kept, not copied).
 * @param extraWords words to accept in addition (the user's own words, lower-case).
 */
export function createFrontCodedLexicon(file: Uint8Array, extraWords: Iterable<string> = []): Lexicon {
  return new FrontCodedLexicon(file, readLayout(file), new Set(extraWords));
}

class FrontCodedLexicon implements Lexicon {
  private readonly at: Uint32Array<ArrayBufferLike>;
  private readonly keys: Uint32Array<ArrayBufferLike>;
  private key: Uint8Array = new Uint8Array(64);
  private line: Uint8Array = new Uint8Array(64);
  private lines = -1;

  constructor(private readonly file: Uint8Array, private readonly layout: Layout, private readonly extra: Set<string>) {
    const { restarts, recordsStart } = layout;
    this.at = readTable(file, HEADER, restarts);
    this.keys = readTable(file, HEADER + 4 * restarts, restarts);
    // Each restart is a whole line that starts a record, after the previous restart (all of
    // them: a look-up trusts these bounds); keys are spot-checked (a wrong one only misleads).
    const { at, keys } = this;
    const keyStep = Math.max(1, restarts >> 8);
    for (let r = 0; r < restarts; r++) {
      const a = at[r];
      if (a < recordsStart || a >= file.length || file[a] !== 0 || (a > recordsStart && file[a - 1] !== 10) || (r > 0 && a <= at[r - 1])) {
        throw bad(`restart ${r} does not point at a whole line`, HEADER + 4 * r);
      }
      if (r % keyStep === 0 && keys[r] !== firstFour(file, a + 1, file.length)) throw bad(`restart ${r} has a wrong key`, HEADER + 4 * (restarts + r));
    }
  }

  get size(): number {
    if (this.lines < 0) {
      // Every block but the last holds `interval` lines: only the last one is counted, record
      // by record (a prefix byte may be 10 too), not the whole 2 MB (7 ms at start-up).
      const { file, at } = this;
      const r = at.length;
      let lines = r > 0 ? (r - 1) * this.layout.interval : 0;
      for (let i = r > 0 ? at[r - 1] : file.length; i < file.length; lines++) {
        const nl = file.indexOf(10, i + 1);
        i = nl === -1 ? file.length : nl + 1;
      }
      this.lines = lines;
    }
    return this.lines + this.extra.size;
  }

  has(lowerWord: string): boolean {
    if (this.extra.size > 0 && this.extra.has(lowerWord)) return true;
    if (this.key.length < lowerWord.length * 3) this.key = new Uint8Array(lowerWord.length * 3);
    const n = encodeUtf8(lowerWord, this.key);
    const { at, keys, file } = this;
    // The last restart ≤ the word (its line is written whole after its prefix byte).
    const best = searchSamples(this.key, n, keys, at, at.length, file, 1);
    if (best === FOUND) return true;
    if (best < 0) return false;
    // Then the lines up to the next restart, rebuilt one after the other.
    const end = best + 1 < at.length ? at[best + 1] : file.length;
    let len = 0;
    for (let i = at[best]; i < end; ) {
      const p = file[i++];
      if (p > len) return false; // damaged record
      len = p;
      for (; i < end && file[i] !== 10; i++) {
        if (len === this.line.length) this.line = growCopy(this.line);
        this.line[len++] = file[i];
      }
      i++;
      const c = compareBytes(this.key, n, this.line, len);
      if (c === 0) return true;
      if (c < 0) return false;
    }
    return false;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `count` little-endian u32 at `offset` of `file`: a view when aligned (no copy), else a copy. */
function readTable(file: Uint8Array, offset: number, count: number): Uint32Array<ArrayBufferLike> {
  if (LITTLE_ENDIAN && (file.byteOffset + offset) % 4 === 0) return new Uint32Array(file.buffer, file.byteOffset + offset, count);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint32(offset + 4 * i, true);
  return out;
}

function compareBytes(a: Uint8Array, an: number, b: Uint8Array, bn: number): number {
  const m = Math.min(an, bn);
  for (let i = 0; i < m; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return an - bn;
}

function growCopy(buf: Uint8Array): Uint8Array {
  const out = new Uint8Array(buf.length * 2);
  out.set(buf);
  return out;
}
