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

import { editDistance } from './editDistance';
import { charBits, collectVariants, Found, FuzzyScratch, mix, mix2, popcount, prefixHashes, probe, SMALL_INDEX } from './fuzzyHash';

export { deletions, editDistance, EditRows } from './editDistance';

/**
 * Keys verified per look-up at most. A big glossary whose terms share affixes (10,000 terms
 * "prefix + two letters") put thousands of keys within reach of one word, each verified with
 * an edit distance: 3.4 ms per word. Past the bound, the keys whose length is closest to the
 * word's (the lower bound of their distance) are verified, the others dropped.
 */
export const MAX_KEYS_PER_LOOKUP = 256;

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

  /** The values indexed under exactly this key (none: an empty list). */
  valuesOf(key: string): readonly T[] {
    const id = this.keyIds.get(key);
    return id === undefined ? [] : this.keyValues[id];
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
