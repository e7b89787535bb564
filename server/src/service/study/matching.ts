/**
 * Quiz answer matching: the student typed a term for a definition. Exact, accent- and
 * case-tolerant (the core's `fold`), a near miss (« presque », with the right spelling shown),
 * or wrong. The edit distance is the core's (fuzzy.ts).
 */

import { editDistance } from '../fuzzy';
import { maxDistanceFor } from '../glossary';
import { fold, normalizePunctuation } from '../text';

/** How an answer compares with the expected term. */
export type AnswerGrade = 'exact' | 'tolerant' | 'almost' | 'wrong';

/** The verdict on one answer. */
export interface AnswerMatch {
  grade: AnswerGrade;
  /** The accepted form the answer was compared with (the term when the answer is wrong). */
  expected: string;
  /** Edit distance to `expected` on folded text (0 for exact and tolerant). */
  distance: number;
}

/** The concept a question asks for: its term and every other accepted name. */
export interface ExpectedAnswer {
  term: string;
  /** Forms, synonyms, acronyms: also accepted. */
  alternatives?: readonly string[];
}

/** Same text as the student means it: NFC, one space between words, uniform apostrophes. */
export function normalizeAnswer(text: string): string {
  return normalizePunctuation(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/**
 * Grades an answer against a concept: exact on any accepted name, tolerant when it differs only
 * by accents or case, « presque » within a small edit distance, wrong otherwise.
 */
export function matchAnswer(answer: string, expected: ExpectedAnswer): AnswerMatch {
  const given = normalizeAnswer(answer);
  const names = [expected.term, ...(expected.alternatives ?? [])].map(normalizeAnswer).filter((n) => n.length > 0);
  if (given.length === 0) return { grade: 'wrong', expected: expected.term, distance: Infinity };
  for (const n of names) if (n === given) return { grade: 'exact', expected: n, distance: 0 };
  const folded = fold(given);
  for (const n of names) if (fold(n) === folded) return { grade: 'tolerant', expected: n, distance: 0 };
  let best: AnswerMatch = { grade: 'wrong', expected: expected.term, distance: Infinity };
  for (const n of names) {
    const target = fold(n);
    // The analyser's tolerance: none under 5 letters (SaaS / PaaS are two concepts).
    const max = maxDistanceFor(target.length);
    if (max === 0) continue;
    const d = editDistance(folded, target, max);
    if (d <= max && d < best.distance) best = { grade: 'almost', expected: n, distance: d };
  }
  return best;
}

/**
 * Hides a concept's names in a text (its definition, shown as a question): each name, any case,
 * as a whole word, becomes "…". Longest names first, so "cloud computing" goes before "cloud".
 */
export function maskNames(text: string, names: readonly string[], mask = '…'): string {
  const sorted = [...new Set(names.map((n) => n.normalize('NFC').trim()).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return text;
  const escaped = sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+'));
  return text.normalize('NFC').replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), mask);
}
