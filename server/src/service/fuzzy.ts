/**
 * Fuzzy look-up of glossary words without scanning the glossary per word: a deletion
 * neighbourhood index (as in SymSpell). Every indexed key is stored with all its variants of up
 * to `maxDistance` deleted characters; a query generates its own deletion variants and looks
 * them up, then candidates are verified with an exact (optimal string alignment) distance.
 * Cost per query depends on the word's length, not on the glossary's size.
 */

/** Optimal string alignment distance (Levenshtein + adjacent transposition), capped: returns
 * `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
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

/** A deletion-neighbourhood index from keys to values. */
export class FuzzyIndex<T> {
  private readonly map = new Map<string, T[]>();
  private readonly keys = new Map<T, string>();
  /** Length of the longest key: a word longer by more than the distance matches nothing. */
  private longest = 0;

  constructor(private readonly maxDistance: number) {}

  /** Indexes `value` under `key` (an accent-folded lower-case word). */
  add(key: string, value: T): void {
    this.keys.set(value, key);
    if (key.length > this.longest) this.longest = key.length;
    for (const d of deletions(key, Math.min(this.maxDistance, key.length - 1))) {
      const list = this.map.get(d);
      if (list) {
        if (!list.includes(value)) list.push(value);
      } else this.map.set(d, [value]);
    }
  }

  /**
   * Values whose key is within `maxDistance(keyLength)` of `word`, with their distance,
   * nearest first.
   */
  lookup(word: string, maxDistanceFor: (len: number) => number): { value: T; key: string; distance: number }[] {
    const depth = Math.min(this.maxDistance, maxDistanceFor(word.length));
    // Also spares a huge "word" (a pasted 1 MB string) its depth² deletion variants.
    if (depth <= 0 || word.length > this.longest + depth) return [];
    const seen = new Set<T>();
    const found: { value: T; key: string; distance: number }[] = [];
    for (const d of deletions(word, depth)) {
      const list = this.map.get(d);
      if (!list) continue;
      for (const value of list) {
        if (seen.has(value)) continue;
        seen.add(value);
        const key = this.keys.get(value)!;
        const allowed = Math.min(depth, maxDistanceFor(key.length));
        const dist = editDistance(word, key, allowed);
        if (dist <= allowed && dist > 0) found.push({ value, key, distance: dist });
      }
    }
    found.sort((a, b) => a.distance - b.distance);
    return found;
  }

  /** Number of stored deletion variants (memory indicator). */
  get variantCount(): number {
    return this.map.size;
  }
}
