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

// Keys next to each other on a French AZERTY keyboard (letters only), both ways. A typo hits a
// neighbouring key far more often than any other: the basis of `typoCost`.
const AZERTY = ['azertyuiop', 'qsdfghjklm', 'wxcvbn'];
const NEAR = new Map<string, string>();
for (let r = 0; r < AZERTY.length; r++) {
  for (let c = 0; c < AZERTY[r].length; c++) {
    const here = AZERTY[r][c];
    for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, 0], [1, -1]]) {
      const there = AZERTY[r + dr]?.[c + dc];
      if (there) NEAR.set(here, (NEAR.get(here) ?? '') + there);
    }
  }
}

/** True when two letters are neighbouring keys on an AZERTY keyboard. */
export function areNeighbourKeys(a: string, b: string): boolean {
  return b.length === 1 && (NEAR.get(a)?.includes(b) ?? false);
}

/**
 * How unlikely it is that typing `intended` gave `written` (both folded, lower-case), in
 * tenths of an edit: an edit distance whose edits are weighted by how often a hand makes them.
 * A letter missing, doubled, or two letters swapped: 10–11 (one specific slip); a neighbouring
 * key hit instead or as well: 15 (one of the key's 3–6 neighbours); any other letter: 25.
 * Only used to order candidates at the same edit distance ("couchex": a neighbour of s hit
 * for it, "couches", rather than an x added to "couche").
 */
export function typoCost(written: string, intended: string): number {
  const la = written.length;
  const lb = intended.length;
  const rows: number[][] = [];
  for (let i = 0; i <= la; i++) rows.push(new Array<number>(lb + 1).fill(0));
  for (let j = 1; j <= lb; j++) rows[0][j] = rows[0][j - 1] + 10;
  for (let i = 1; i <= la; i++) {
    const ch = written[i - 1];
    // A letter too many in the written word: doubled, a neighbour of a letter beside it, other.
    const before = written[i - 2] ?? '';
    const after = written[i] ?? '';
    const extra = ch === before || ch === after ? 10 : areNeighbourKeys(ch, before) || areNeighbourKeys(ch, after) ? 15 : 25;
    rows[i][0] = rows[i - 1][0] + extra;
    for (let j = 1; j <= lb; j++) {
      const want = intended[j - 1];
      let v = rows[i - 1][j] + extra;
      v = Math.min(v, rows[i][j - 1] + 10);
      v = Math.min(v, rows[i - 1][j - 1] + (ch === want ? 0 : areNeighbourKeys(ch, want) ? 15 : 25));
      if (i > 1 && j > 1 && ch === intended[j - 2] && before === want) v = Math.min(v, rows[i - 2][j - 2] + 11);
      rows[i][j] = v;
    }
  }
  return rows[la][lb];
}
