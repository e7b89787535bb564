/**
 * The fuzzy index's hashing (see fuzzy.ts, design note): polynomial prefix hashes give the
 * hash of every one- or two-deletion variant of a word without building it, and the probes
 * of the flat open-addressing table. All buffers live in a `FuzzyScratch` owned by one index.
 */

import { EditRows } from './editDistance';

// Hashing: two polynomial hashes mod 2^32 with different odd bases.
export const B1 = 0x01000193;
export const B2 = 0x5bd1e995;

/**
 * The working buffers of one index's look-ups and inserts (prefix hashes, deletion variants,
 * keys met), kept between calls so that a look-up allocates nothing. Owned by its FuzzyIndex:
 * two indexes never share buffers, and a look-up runs to its end before the next starts.
 */
export class FuzzyScratch {
  readonly rows = new EditRows();
  pow1 = new Int32Array(0);
  pow2 = new Int32Array(0);
  pre1 = new Int32Array(0);
  pre2 = new Int32Array(0);
  var1 = new Int32Array(256);
  var2 = new Int32Array(256);
  varCount = 0;
  x1 = new Int32Array(64);
  x2 = new Int32Array(64);
  y1 = new Int32Array(64);
  y2 = new Int32Array(64);
  // The keys a look-up meets, in the order met, and the variant that met each (see `probe`).
  metKeys = new Int32Array(256);
  metVariant = new Int32Array(256);
}

export function ensurePowers(s: FuzzyScratch, n: number): void {
  if (s.pow1.length > n) return;
  const size = Math.max(64, n + 1, s.pow1.length * 2);
  const pow1 = (s.pow1 = new Int32Array(size));
  const pow2 = (s.pow2 = new Int32Array(size));
  s.pre1 = new Int32Array(size);
  s.pre2 = new Int32Array(size);
  pow1[0] = 1;
  pow2[0] = 1;
  for (let k = 1; k < size; k++) {
    pow1[k] = Math.imul(pow1[k - 1], B1);
    pow2[k] = Math.imul(pow2[k - 1], B2);
  }
}

/** Fills the prefix hashes of `word` (pre[i] = hash of word[0, i)). */
export function prefixHashes(s: FuzzyScratch, word: string): void {
  ensurePowers(s, word.length);
  const pre1 = s.pre1;
  const pre2 = s.pre2;
  let h1 = 0;
  let h2 = 0;
  pre1[0] = 0;
  pre2[0] = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) + 1;
    h1 = (Math.imul(h1, B1) + c) | 0;
    h2 = (Math.imul(h2, B2) + c) | 0;
    pre1[i + 1] = h1;
    pre2[i + 1] = h2;
  }
}

// The deletion variants of the word whose prefix hashes are loaded, as two hash arrays in the
// order of `deletions` (depth-first). Kept in typed arrays, never in variables that outlive a
// call: a 32-bit hash outside the small-integer range would be boxed.
//
// With H(w) = Σ w[j]·B^(len-1-j), removing positions x < y gives
//   X[x] + Y[y] + H(w),  X[x] = (pre[x] - pre[x+1])·B^(len-2-x),  Y[y] = (pre[y] - pre[y+1])·B^(len-1-y)
// and removing position i alone gives Y[i] + H(w): one addition per variant.
//
// Repeated variants (a doubled letter) are not removed: the original walk skips a repeated
// variant's own deletions, but those are all repeats too, so visiting them finds nothing new
// and the order of first discovery is the same.
// Each pair of positions comes once, at its first place in that walk (see below).

/** Collects the variants of up to `depth` (≤ 2) deletions of the loaded word of length len. */
export function collectVariants(s: FuzzyScratch, len: number, depth: number): void {
  const most = 1 + len + (depth > 1 ? (len * (len - 1)) / 2 : 0);
  if (s.var1.length < most) {
    s.var1 = new Int32Array(most);
    s.var2 = new Int32Array(most);
  }
  if (s.x1.length < len) {
    s.x1 = new Int32Array(len * 2);
    s.x2 = new Int32Array(len * 2);
    s.y1 = new Int32Array(len * 2);
    s.y2 = new Int32Array(len * 2);
  }
  const { var1, var2, x1, x2, y1, y2, pre1, pre2, pow1, pow2 } = s;
  const h1 = pre1[len];
  const h2 = pre2[len];
  var1[0] = h1;
  var2[0] = h2;
  let n = 1;
  if (depth > 0 && len > 1) {
    for (let i = 0; i < len; i++) {
      y1[i] = Math.imul(pre1[i] - pre1[i + 1], pow1[len - 1 - i]);
      y2[i] = Math.imul(pre2[i] - pre2[i + 1], pow2[len - 1 - i]);
      if (i < len - 1) {
        x1[i] = Math.imul(pre1[i] - pre1[i + 1], pow1[len - 2 - i]);
        x2[i] = Math.imul(pre2[i] - pre2[i + 1], pow2[len - 2 - i]);
      }
    }
    const deep = depth > 1 && len - 1 > 1;
    for (let i = 0; i < len; i++) {
      var1[n] = (y1[i] + h1) | 0;
      var2[n] = (y2[i] + h2) | 0;
      n++;
      if (!deep) continue;
      // Deleting k from that variant removes original positions {k, i} (k < i) or {i, k + 1}.
      // A pair {k, i} with k < i came earlier, under the variant without k: only the pairs
      // {i, y > i} are new here, in that order.
      for (let y = i + 1; y < len; y++) {
        var1[n] = (x1[i] + y1[y] + h1) | 0;
        var2[n] = (x2[i] + y2[y] + h2) | 0;
        n++;
      }
    }
  }
  s.varCount = n;
}

/** A second, independent mix (for the presence filter). */
export function mix2(h1: number, h2: number): number {
  let h = h2 ^ Math.imul(h1, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/** Mixes two hashes into a table slot (murmur3 finaliser). */
export function mix(h1: number, h2: number): number {
  let h = h1 ^ Math.imul(h2, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** Keys up to which a look-up first checks the keys' character sets (see mayMatch). */
export const SMALL_INDEX = 512;

/** The set of a word's characters as 32 bits: a–z one bit each, other characters six more bits. */
export function charBits(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    bits |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6));
  }
  return bits;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** A look-up result. */
export type Found<T> = { value: T; key: string; distance: number };


/**
 * Probes the table with the `count` variants in var1/var2 and lists each key met for the first
 * time in this look-up (`keyStamp` = `gen` marks them) in metKeys, with the variant that met it
 * in metVariant; returns how many. A small function of its own: it is the whole cost of a
 * look-up in a big index, and a short process runs it before and while V8 optimises it.
 */
export function probe(s: FuzzyScratch, slots: Int32Array, mask: number, bits: Int32Array, bitMask: number, keyStamp: Int32Array, gen: number, count: number): number {
  const { var1, var2 } = s;
  let metKeys = s.metKeys;
  let metVariant = s.metVariant;
  let n = 0;
  for (let v = 0; v < count; v++) {
    const h1 = var1[v];
    const h2 = var2[v];
    const b = mix2(h1, h2) & bitMask;
    if ((bits[b >>> 5] & (1 << (b & 31))) === 0) continue;
    for (let i = mix(h1, h2) & mask, k = slots[3 * i + 2]; k !== 0; i = (i + 1) & mask, k = slots[3 * i + 2]) {
      if (slots[3 * i] !== h1 || slots[3 * i + 1] !== h2 || keyStamp[k - 1] === gen) continue;
      // Marked at once: the same key again in this run (a doubled letter gives a variant twice)
      // or under a later variant is not new.
      keyStamp[k - 1] = gen;
      if (n === metKeys.length) {
        const keys = new Int32Array(2 * n);
        const vars = new Int32Array(2 * n);
        keys.set(metKeys);
        vars.set(metVariant);
        metKeys = s.metKeys = keys;
        metVariant = s.metVariant = vars;
      }
      metKeys[n] = k;
      metVariant[n] = v;
      n++;
    }
  }
  return n;
}
