/**
 * Fuzzy ranking: a word's fuzzy candidates (from the glossary's deletion index, memoised per
 * distinct word as `WordInfo`) verified against the words around it, ranked, and turned into a
 * `misspelled-term` finding with its fixes and its severity (confidence).
 */

import { FormKind, FuzzyTarget, TermForm } from './glossary';
import { Gap, Token, TokenFlag } from './markdown';
import { Finding, Severity } from './model';
import { determinerNumber, isPluralForm, sharedAffixes, startsSentence } from './french';
import { replacementFor } from './replace';
import { isCapitalized } from './text';

/** What the rules remember of a distinct word (the word memo's value, see wordTable.ts). */
export interface WordInfo {
  candidates: { target: FuzzyTarget; distance: number }[];
  joined?: TermForm;
  /**
   * The word is a French word without its accents, or a term with an English ending: only its
   * multi-word candidates stand (the other words are the evidence).
   */
  guarded?: boolean;
}

/** Depth of the deletion search for a word: enough for any term the word may be a typo of. */
export function searchDepth(length: number): number {
  return length < 4 ? 0 : length < 6 ? 1 : 2;
}

/** Verifies fuzzy candidates in context and builds the finding for token i. */
export function fuzzyFinding(
  text: string,
  tokens: Token[],
  i: number,
  info: WordInfo,
  foldedAt: (k: number) => string,
  nfd: boolean,
  contextOnly: boolean,
): { finding: Finding; lastToken: number } | undefined {
  type Cand = { form: TermForm; first: number; last: number; distance: number };
  const verified: Cand[] = [];
  for (const { target, distance } of info.candidates) {
    const { form, word } = target;
    if (contextOnly && form.folded.length === 1) continue;
    const first = i - word;
    const last = first + form.folded.length - 1;
    if (first < 0 || last >= tokens.length) continue;
    let ok = true;
    for (let k = 0; k < form.folded.length && ok; k++) {
      const idx = first + k;
      if (idx === i) continue;
      ok = foldedAt(idx) === form.folded[k] && !(tokens[idx].flags & TokenFlag.HasDigit);
    }
    for (let k = 1; k < form.folded.length && ok; k++) {
      const gap = tokens[first + k].gapBefore;
      ok = gap === form.joiners[k - 1] || (form.joiners[k - 1] === Gap.Hyphen && gap === Gap.Space);
    }
    if (ok) verified.push({ form, first, last, distance });
  }
  if (verified.length === 0) return undefined;
  const key = foldedAt(i);
  const wordOf = (c: Cand) => c.form.folded[i - c.first];
  // Rank: most words (context is evidence), then distance, same first letter, agreement with
  // the determiner before ("les prestatairs" → plural, "l'offshors" → singular), the longest
  // shared beginning and end ("traitanc" → "traitance", "prestatairs" → "prestataires"), the term
  // itself, the nearest length.
  const agrees = (c: Cand) => {
    const number = determinerNumber(tokens, c.first);
    return number === undefined ? 0 : Number(isPluralForm(c.form) === (number === 'plural'));
  };
  verified.sort(
    (a, b) =>
      b.form.folded.length - a.form.folded.length ||
      a.distance - b.distance ||
      Number(wordOf(b)[0] === key[0]) - Number(wordOf(a)[0] === key[0]) ||
      agrees(b) - agrees(a) ||
      sharedAffixes(wordOf(b), key) - sharedAffixes(wordOf(a), key) ||
      Number(b.form.kind === FormKind.Term) - Number(a.form.kind === FormKind.Term) ||
      Math.abs(wordOf(a).length - key.length) - Math.abs(wordOf(b).length - key.length),
  );
  const best = verified[0];
  const sameSpan = verified.filter((c) => c.first === best.first && c.last === best.last);
  const start = tokens[best.first].start;
  const end = tokens[best.last].end;
  const suggestions: string[] = [];
  for (const c of sameSpan) {
    const s = replacementFor(text, tokens, c.first, c.last, c.form, nfd);
    if (!suggestions.includes(s)) suggestions.push(s);
  }
  // Confidence: context, one edit in a long word, two in a very long one → warning.
  const ambiguous = sameSpan.some((c) => c.distance === best.distance && c.form.entry !== best.form.entry);
  // A capital inside a sentence may make it a name ("le projet Offshora"): weaker.
  const name = isCapitalized(tokens[i].text) && !startsSentence(text, tokens[i].start);
  let severity: Severity = 'information';
  if (best.form.folded.length > 1) severity = 'warning';
  else if (!ambiguous && !name && (best.distance <= 1 ? key.length >= 6 : key.length >= 10)) severity = 'warning';
  return {
    finding: {
      start,
      end,
      word: text.slice(start, end),
      code: 'glossaire.misspelled-term',
      severity,
      entryId: best.form.entry.id,
      suggestions: suggestions.slice(0, 5),
      distance: best.distance,
    },
    lastToken: Math.max(i, best.last),
  };
}
