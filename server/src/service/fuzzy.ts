/**
 * Fuzzy look-up of glossary words without scanning the glossary per word: a deletion
 * neighbourhood index (as in SymSpell). Every indexed key is stored with all its variants of up
 * to its tolerance in deleted characters; a query generates its own deletion variants and
 * looks them up, then candidates are verified with an exact (optimal string alignment)
 * distance. Cost per query depends on the word's length, not on the glossary's size.
 *
 * Design note (speed and memory): variants are never built as strings. A word's polynomial
 * prefix hashes give the hash of any one- or two-deletion variant in O(1), so a 10-letter
 * query costs ~56 table probes (one addition each to hash) and no allocation. The table is a flat open-addressing
 * multimap of (two 32-bit hashes → key id) in typed arrays: 10,000 terms take a few MB
 * instead of millions of strings. Both hashes must match, so a false candidate needs a 64-bit
 * collision; it would still be dropped by the exact distance check.
 * Order of results: nearest first; equal distances in the order the original string-based
 * index found them (the query's deletion variants depth-first, then values in insertion
 * order), which the ranking of suggestions relies on for ties.
 */

/** The three rows `editDistance` works in, grown on demand and reused by their owner. */
export class EditRows {
  a = new Int32Array(64);
  b = new Int32Array(64);
  c = new Int32Array(64);
}

/** Optimal string alignment distance (Levenshtein + adjacent transposition), capped: returns
 * `max + 1` as soon as the distance must exceed `max`. Allocation-free when given `rows`. */
export function editDistance(a: string, b: string, max: number, rows: EditRows = new EditRows()): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rows.a.length <= lb) {
    rows.a = new Int32Array(lb + 1);
    rows.b = new Int32Array(lb + 1);
    rows.c = new Int32Array(lb + 1);
  }
  let prev2 = rows.a.fill(0, 0, lb + 1);
  let prev = rows.b;
  let cur = rows.c;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const pa = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      const sub = prev[j - 1] + (ca === cb ? 0 : 1);
      if (sub < v) v = sub;
      if (j > 1 && pa === cb && ca === b.charCodeAt(j - 2) && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** All strings obtained by deleting up to `depth` characters (the string itself included). */
export function deletions(word: string, depth: number, out: Set<string> = new Set()): Set<string> {
  out.add(word);
  if (depth === 0 || word.length <= 1) return out;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(d)) deletions(d, depth - 1, out);
  }
  return out;
}

// Hashing: two polynomial hashes mod 2^32 with different odd bases.
const B1 = 0x01000193;
const B2 = 0x5bd1e995;

/**
 * The working buffers of one index's look-ups and inserts (prefix hashes, deletion variants,
 * keys met), kept between calls so that a look-up allocates nothing. Owned by its FuzzyIndex:
 * two indexes never share buffers, and a look-up runs to its end before the next starts.
 */
class FuzzyScratch {
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

function ensurePowers(s: FuzzyScratch, n: number): void {
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
function prefixHashes(s: FuzzyScratch, word: string): void {
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
function collectVariants(s: FuzzyScratch, len: number, depth: number): void {
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
function mix2(h1: number, h2: number): number {
  let h = h2 ^ Math.imul(h1, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/** Mixes two hashes into a table slot (murmur3 finaliser). */
function mix(h1: number, h2: number): number {
  let h = h1 ^ Math.imul(h2, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** Keys up to which a look-up first checks the keys' character sets (see mayMatch). */
const SMALL_INDEX = 512;

/** The set of a word's characters as 32 bits: a–z one bit each, other characters six more bits. */
function charBits(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    bits |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6));
  }
  return bits;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** A look-up result. */
type Found<T> = { value: T; key: string; distance: number };


/**
 * Probes the table with the `count` variants in var1/var2 and lists each key met for the first
 * time in this look-up (`keyStamp` = `gen` marks them) in metKeys, with the variant that met it
 * in metVariant; returns how many. A small function of its own: it is the whole cost of a
 * look-up in a big index, and a short process runs it before and while V8 optimises it.
 */
/**
 * Keys verified per look-up at most. A big glossary whose terms share affixes (10,000 terms
 * "prefix + two letters") put thousands of keys within reach of one word, each verified with
 * an edit distance: 3.4 ms per word. Past the bound, the keys whose length is closest to the
 * word's (the lower bound of their distance) are verified, the others dropped.
 */
export const MAX_KEYS_PER_LOOKUP = 256;

function probe(s: FuzzyScratch, slots: Int32Array, mask: number, bits: Int32Array, bitMask: number, keyStamp: Int32Array, gen: number, count: number): number {
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

/** A deletion-neighbourhood index from keys to values. */
export class FuzzyIndex<T> {
  /** Distinct keys, their values in insertion order, and each value's insertion number. */
  private readonly keyIds = new Map<string, number>();
  private readonly keyText: string[] = [];
  private readonly keyValues: T[][] = [];
  private readonly keySeqs: number[][] = [];
  /** The key each value was last added under (what it is verified against). */
  private readonly valueKey = new Map<T, number>();
  /** Some value was added under two keys: look-ups must then track values, not keys. */
  private shared = false;
  /** Per key: the look-up that last met it (look-ups count up in `generation`). */
  private keyStamp = new Int32Array(64);
  private generation = 0;
  private seq = 0;
  // Variants added since the table was last built: (h1, h2, key id + 1) triples. The table is
  // built once, at its final size, at the first look-up after them (no rehash per doubling).
  private pending = new Int32Array(3 * 1024);
  private pendingCount = 0;
  // Open-addressing multimap: variant hashes → key id + 1 (0: empty slot), one slot as three
  // neighbouring numbers (h1, h2, key id + 1): a probe of a big table (10,000 terms: 2 M slots)
  // is one cache miss, not one per array.
  private slots = new Int32Array(3 * 1024);
  private slotCount = 1024;
  private mask = 1023;
  /**
   * Presence filter in front of the table: 8 bits per slot, one set per stored variant (by a
   * second mix of its hashes). Nearly every probe of a query misses; most stop at this bit
   * (a few KB for a course glossary) instead of walking a run of the table.
   */
  private bits = new Int32Array(1024 / 4);
  private bitMask = 1024 * 8 - 1;
  private entries = 0;
  /** Length of the longest key: a word longer by more than the distance matches nothing. */
  private longest = 0;
  /** Per key: its length and the set of its characters as bits (see `mayMatch`). */
  private keyLength: number[] = [];
  private keyChars: number[] = [];

  /** This index's working buffers (see FuzzyScratch). */
  private readonly scratch = new FuzzyScratch();

  constructor(private readonly maxDistance: number) {}

  /**
   * Indexes `value` under `key` (an accent-folded lower-case word), with all its variants of
   * up to `maxDistance` deletions: fewer would find the same keys, but not always first
   * through the same variant, and the order of equally distant results must not change.
   */
  add(key: string, value: T): void {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyText.length;
      this.keyIds.set(key, id);
      this.keyText.push(key);
      this.keyValues.push([]);
      this.keySeqs.push([]);
      this.keyLength.push(key.length);
      this.keyChars.push(charBits(key));
      if (key.length > this.longest) this.longest = key.length;
      const s = this.scratch;
      prefixHashes(s, key);
      collectVariants(s, key.length, Math.min(this.maxDistance, key.length - 1));
      const { var1, var2, varCount } = s;
      if (3 * (this.pendingCount + varCount) > this.pending.length) {
        const grown = new Int32Array(Math.max(2 * this.pending.length, 3 * (this.pendingCount + varCount)));
        grown.set(this.pending.subarray(0, 3 * this.pendingCount));
        this.pending = grown;
      }
      const pending = this.pending;
      for (let v = 0; v < varCount; v++) {
        const at = 3 * (this.pendingCount + v);
        pending[at] = var1[v];
        pending[at + 1] = var2[v];
        pending[at + 2] = id + 1;
      }
      this.pendingCount += varCount;
    }
    const previous = this.valueKey.get(value);
    if (previous !== undefined && previous !== id) this.shared = true;
    this.valueKey.set(value, id);
    if (id >= this.keyStamp.length) {
      const grown = new Int32Array(this.keyStamp.length * 2);
      grown.set(this.keyStamp);
      this.keyStamp = grown;
    }
    const values = this.keyValues[id];
    if (!values.includes(value)) {
      values.push(value);
      this.keySeqs[id].push(this.seq++);
    }
  }

  /**
   * Puts the variants added so far in the table (grown once, to a load of at most ~0.6). The
   * first look-up does it if needed; a glossary does it when compiled, so that its first
   * analysis does not pay for it.
   */
  build(): void {
    const count = this.pendingCount;
    if ((this.entries + count) * 10 > this.slotCount * 6) this.grow(this.entries + count);
    const pending = this.pending;
    for (let v = 0; v < count; v++) this.insert(pending[3 * v], pending[3 * v + 1], pending[3 * v + 2]);
    this.pendingCount = 0;
    this.pending = new Int32Array(3 * 1024);
  }

  private insert(h1: number, h2: number, keyId: number): void {
    const b = mix2(h1, h2) & this.bitMask;
    this.bits[b >>> 5] |= 1 << (b & 31);
    const slots = this.slots;
    let i = mix(h1, h2) & this.mask;
    while (slots[3 * i + 2] !== 0) i = (i + 1) & this.mask;
    slots[3 * i] = h1;
    slots[3 * i + 1] = h2;
    slots[3 * i + 2] = keyId;
    this.entries++;
  }

  /** Grows the table to hold `entries` at a load of at most ~0.6. */
  private grow(entries: number): void {
    const old = this.slots;
    const oldCount = this.slotCount;
    let size = oldCount;
    while (entries * 10 > size * 6) size *= 2;
    const slots = (this.slots = new Int32Array(3 * size));
    this.slotCount = size;
    this.mask = size - 1;
    this.bits = new Int32Array(size / 4);
    this.bitMask = size * 8 - 1;
    for (let j = 0; j < oldCount; j++) {
      const key = old[3 * j + 2];
      if (key === 0) continue;
      const h1 = old[3 * j];
      const h2 = old[3 * j + 1];
      const b = mix2(h1, h2) & this.bitMask;
      this.bits[b >>> 5] |= 1 << (b & 31);
      let i = mix(h1, h2) & this.mask;
      while (slots[3 * i + 2] !== 0) i = (i + 1) & this.mask;
      slots[3 * i] = h1;
      slots[3 * i + 1] = h2;
      slots[3 * i + 2] = key;
    }
  }

  /**
   * Values whose key is within `maxDistance(keyLength)` of `word`, with their distance,
   * nearest first.
   */
  lookup(word: string, maxDistanceFor: (len: number) => number): { value: T; key: string; distance: number }[] {
    const depth = Math.min(this.maxDistance, maxDistanceFor(word.length));
    if (this.pendingCount > 0) this.build();
    // Also spares a huge "word" (a pasted 1 MB string) its depth² deletion variants.
    if (depth <= 0 || word.length > this.longest + depth || this.entries === 0) return [];
    if (!this.mayMatch(word, depth)) return [];
    const gen = ++this.generation;
    const s = this.scratch;
    prefixHashes(s, word);
    collectVariants(s, word.length, depth);
    let met = probe(s, this.slots, this.mask, this.bits, this.bitMask, this.keyStamp, gen, s.varCount);
    if (met === 0) return [];
    if (met > MAX_KEYS_PER_LOOKUP) met = this.keepClosest(word.length, met);
    const { metKeys, metVariant, rows } = s;
    let found: Found<T>[] | undefined;
    const seen = this.shared ? new Set<T>() : undefined;
    // The keys met, a variant's at a time: one key (nearly always) has its values in order;
    // several, or values under several keys, take the general path.
    for (let j = 0; j < met; ) {
      let e = j + 1;
      while (e < met && metVariant[e] === metVariant[j]) e++;
      if (e === j + 1 && !seen) {
        const id = metKeys[j] - 1;
        const key = this.keyText[id];
        const allowed = Math.min(depth, maxDistanceFor(key.length));
        const dist = editDistance(word, key, allowed, rows);
        if (dist <= allowed && dist > 0) for (const value of this.keyValues[id]) (found ??= []).push({ value, key, distance: dist });
      } else found = this.collectGroup(word, depth, maxDistanceFor, j, e, found, seen);
      j = e;
    }
    if (!found) return [];
    found.sort((a, b) => a.distance - b.distance);
    return found;
  }

  /**
   * Keeps MAX_KEYS_PER_LOOKUP of the `met` keys, those whose length differs least from the
   * word's, in their order (a variant's keys stay together); returns how many.
   */
  private keepClosest(len: number, met: number): number {
    const { metKeys, metVariant } = this.scratch;
    const gap = (j: number) => Math.abs(this.keyText[metKeys[j] - 1].length - len);
    const perGap: number[] = [];
    for (let j = 0; j < met; j++) perGap[gap(j)] = (perGap[gap(j)] ?? 0) + 1;
    // The widest gap kept, and how many of its keys fit.
    let cut = 0;
    let room = MAX_KEYS_PER_LOOKUP;
    while ((perGap[cut] ?? 0) < room) room -= perGap[cut++] ?? 0;
    let n = 0;
    for (let j = 0; j < met; j++) {
      const g = gap(j);
      if (g < cut || (g === cut && room-- > 0)) {
        metKeys[n] = metKeys[j];
        metVariant[n] = metVariant[j];
        n++;
      }
    }
    return n;
  }

  /**
   * The values of the keys met at one variant (metKeys[from, to)), in insertion order, verified
   * against the key each was last added under; with `seen`, each value once per look-up.
   */
  private collectGroup(word: string, depth: number, maxDistanceFor: (len: number) => number, from: number, to: number, found: Found<T>[] | undefined, seen: Set<T> | undefined): Found<T>[] | undefined {
    const { metKeys, metVariant, rows } = this.scratch;
    if (!seen) {
      // Each value is verified against its own key: one distance per key, and only the keys
      // that pass have their values merged (usually one, or none, of the few met here).
      let passed = 0;
      for (let j = from; j < to; j++) {
        const key = this.keyText[metKeys[j] - 1];
        const allowed = Math.min(depth, maxDistanceFor(key.length));
        const dist = editDistance(word, key, allowed, rows);
        if (dist <= allowed && dist > 0) {
          metKeys[from + passed] = metKeys[j];
          metVariant[from + passed] = dist; // the slot is this group's: reused for the distance
          passed++;
        }
      }
      if (passed === 0) return found;
      if (passed === 1) {
        const id = metKeys[from] - 1;
        const key = this.keyText[id];
        for (const value of this.keyValues[id]) (found ??= []).push({ value, key, distance: metVariant[from] });
        return found;
      }
      const merged: [number, Found<T>][] = [];
      for (let j = from; j < from + passed; j++) {
        const id = metKeys[j] - 1;
        const key = this.keyText[id];
        this.keyValues[id].forEach((value, n) => merged.push([this.keySeqs[id][n], { value, key, distance: metVariant[j] }]));
      }
      merged.sort((a, b) => a[0] - b[0]);
      for (const m of merged) (found ??= []).push(m[1]);
      return found;
    }
    let values = this.keyValues[metKeys[from] - 1];
    if (to - from > 1) {
      const merged: [number, T][] = [];
      for (let j = from; j < to; j++) {
        const k = metKeys[j] - 1;
        this.keyValues[k].forEach((value, n) => merged.push([this.keySeqs[k][n], value]));
      }
      merged.sort((a, b) => a[0] - b[0]);
      values = merged.map((m) => m[1]);
    }
    for (const value of values) {
      if (seen) {
        if (seen.has(value)) continue;
        seen.add(value);
      }
      const key = this.keyText[this.valueKey.get(value)!];
      const allowed = Math.min(depth, maxDistanceFor(key.length));
      const dist = editDistance(word, key, allowed, rows);
      if (dist <= allowed && dist > 0) (found ??= []).push({ value, key, distance: dist });
    }
    return found;
  }

  /**
   * False when no key can be within `depth` edits of the word, told from lengths and character
   * sets alone: an edit removes at most one character of one string from the other, so a key
   * within d edits lacks at most d of the word's distinct characters and has at most d the
   * word lacks. Checked only for a small index (a course glossary's few hundred words), where
   * it is cheaper than the word's deletion variants and turns most words away; a big index
   * goes straight to its table. Never says no to a match, so results are the same.
   */
  private mayMatch(word: string, depth: number): boolean {
    const n = this.keyLength.length;
    if (n > SMALL_INDEX) return true;
    const chars = charBits(word);
    const len = word.length;
    const { keyLength, keyChars } = this;
    for (let k = 0; k < n; k++) {
      const d = keyLength[k] - len;
      if (d > depth || d < -depth) continue;
      const kc = keyChars[k];
      if (popcount(kc & ~chars) <= depth && popcount(chars & ~kc) <= depth) return true;
    }
    return false;
  }

  /** True when look-ups go through the key filter of a small index (see mayMatch). */
  get small(): boolean {
    return this.keyLength.length <= SMALL_INDEX;
  }

  /** Number of stored (variant, key) pairs (memory indicator). */
  get variantCount(): number {
    return this.entries + this.pendingCount;
  }
}
