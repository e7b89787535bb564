/**
 * Edit distance (optimal string alignment: insertions, deletions, substitutions and adjacent
 * transpositions) with an early exit past a bound, and deletion neighbourhoods: what the
 * fuzzy index (fuzzy.ts) verifies its candidates with and is built from.
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
