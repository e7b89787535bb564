/**
 * Completion of glossary terms: accent- and case-insensitive prefix matching over every
 * correct form, multi-word prefixes ("cloud comp"), and a one-edit fuzzy prefix ("infpg").
 * The replace range starts after an elided article ("l'infog" replaces "infog").
 */

import { FormKind, Glossary, TermForm } from './glossary';
import { isWordChar } from './markdown';
import { applyCase, fold, normalizePunctuation } from './text';

/** A completion candidate, before LSP conversion. */
export interface CompletionCandidate {
  /** Text shown and inserted (in the writer's case). */
  label: string;
  /** The concept. */
  entryId: string;
  /** The canonical term when the label is another form. */
  term: string;
  kind: FormKind;
  /** Offsets replaced by the insertion. */
  replaceStart: number;
  replaceEnd: number;
  /** Sorts: exact-prefix terms, then other forms, then fuzzy matches. */
  sortText: string;
  /** What the client filters on (the text the user typed, so accent-free typing matches). */
  filterText: string;
}

interface PrefixIndex {
  /** Correct forms sorted by their folded text (words joined with single spaces). */
  sorted: { key: string; form: TermForm }[];
  /** The same, bucketed by first folded letter, for the fuzzy pass. */
  byFirst: Map<string, { key: string; form: TermForm }[]>;
}

/** The glossary's prefix index, built at its first completion and kept in its memo. */
function getIndex(glossary: Glossary): PrefixIndex {
  let idx = glossary.memo.completion as PrefixIndex | undefined;
  if (!idx) {
    const sorted = glossary.forms.map((form) => ({ key: foldedKey(form), form })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const byFirst = new Map<string, { key: string; form: TermForm }[]>();
    for (const s of sorted) {
      const list = byFirst.get(s.key[0]);
      if (list) list.push(s);
      else byFirst.set(s.key[0], [s]);
    }
    glossary.memo.completion = idx = { sorted, byFirst };
  }
  return idx;
}

function foldedKey(form: TermForm): string {
  return fold(normalizePunctuation(form.text)).replace(/\s+/g, ' ');
}

/**
 * Completion candidates at `offset` in `text`.
 * @param limit the maximum number of candidates.
 */
export function getCompletions(text: string, offset: number, glossary: Glossary, limit = 50): CompletionCandidate[] {
  // The word being typed: letters, hyphens and apostrophes inside it; up to two words before
  // it on the same line may belong to a multi-word term.
  let start = offset;
  while (start > 0 && (isWordChar(text.charCodeAt(start - 1)) || (isJoiner(text.charCodeAt(start - 1)) && start - 1 > 0 && isWordChar(text.charCodeAt(start - 2))))) start--;
  // An elided article is not part of the term.
  const elision = /^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’]/i.exec(text.slice(start, offset));
  if (elision) start += elision[0].length;
  if (start === offset) return [];
  const idx = getIndex(glossary);
  const out: CompletionCandidate[] = [];
  const seen = new Set<string>();
  const add = (form: TermForm, replaceStart: number, rank: number) => {
    const written = text.slice(replaceStart, offset);
    const label = applyCase(written, form.text, form.caseSensitive);
    const id = `${form.entry.id}\u0000${label}`;
    if (seen.has(id)) return;
    seen.add(id);
    const kindRank = form.kind === FormKind.Term || form.kind === FormKind.Acronym ? 0 : 1;
    out.push({
      label,
      entryId: form.entry.id,
      term: form.entry.term,
      kind: form.kind,
      replaceStart,
      replaceEnd: offset,
      sortText: `${rank}${kindRank}${fold(label)}`,
      filterText: written,
    });
  };

  // Multi-word prefixes first (longest), then the single word.
  const starts = [start];
  let s = start;
  for (let k = 0; k < 2; k++) {
    let p = s - 1;
    while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    if (p < 0 || p === s - 1 || !isWordChar(text.charCodeAt(p))) break;
    while (p > 0 && (isWordChar(text.charCodeAt(p - 1)) || isJoiner(text.charCodeAt(p - 1)))) p--;
    starts.unshift(p);
    s = p;
  }
  for (const from of starts) {
    const prefix = fold(normalizePunctuation(text.slice(from, offset))).replace(/\s+/g, ' ');
    if (!prefix) continue;
    const multi = from !== start;
    for (const { form } of prefixRange(idx.sorted, prefix)) {
      if (multi && form.folded.length < 2) continue;
      add(form, from, 0);
      if (out.length >= limit) return out;
    }
  }
  // Fuzzy: one edit in the typed prefix, same first letter (typos rarely hit it).
  const prefix = fold(normalizePunctuation(text.slice(start, offset)));
  if (prefix.length >= 4 && out.length < 5) {
    for (const { key, form } of idx.byFirst.get(prefix[0]) ?? []) {
      if (withinOneEdit(prefix, key, prefix.length) || withinOneEdit(prefix, key, prefix.length + 1)) {
        add(form, start, 1);
        if (out.length >= limit) break;
      }
    }
  }
  return out;
}

/**
 * editDistance(a, b.slice(0, bLength), 1) <= 1, in one pass without slicing: equal, or one
 * substitution, insertion, deletion or swap of adjacent letters apart (the bucket of a
 * 10,000-term glossary is a thousand keys long, at every keystroke of a completion).
 */
function withinOneEdit(a: string, b: string, bLength: number): boolean {
  const la = a.length;
  const lb = Math.min(bLength, b.length);
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  const rest = (x: number, y: number): boolean => {
    if (la - x !== lb - y) return false;
    for (; x < la; x++, y++) if (a.charCodeAt(x) !== b.charCodeAt(y)) return false;
    return true;
  };
  if (la === lb) {
    if (rest(i + 1, i + 1)) return true; // substitution
    // adjacent swap
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && rest(i + 2, i + 2);
  }
  return la < lb ? rest(i, i + 1) : rest(i + 1, i);
}

function isJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019 || c === 0x2010;
}

/** The entries of a sorted array whose key starts with `prefix` (binary search). */
function prefixRange<T extends { key: string }>(sorted: T[], prefix: string): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].key < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i].key.startsWith(prefix); i++) out.push(sorted[i]);
  return out;
}
