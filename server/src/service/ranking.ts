/**
 * Fuzzy ranking: a word's fuzzy candidates (from the glossary's deletion index, memoised per
 * distinct word as `WordInfo`) verified against the words around it, ranked, and turned into a
 * `misspelled-term` finding with its fixes and its severity (confidence).
 */

import { EnglishGuard, isEnglishTerm, isEnglishUse } from './english';
import { FuzzyIndex } from './fuzzy';
import { FormKind, FuzzyTarget, maxDistanceFor, TermForm } from './glossary';
import { Gap, Token, TokenFlag } from './markdown';
import { Finding, Severity } from './model';
import { determinerNumber, isPluralForm, sharedAffixes, startsSentence } from './french';
import { editDistance, typoCost } from './editDistance';
import { replacementFor } from './replace';
import { isCapitalized } from './text';

/** What the rules remember of a distinct word (the word memo's value, see wordTable.ts). */
export interface WordInfo {
  candidates: { target: FuzzyTarget; distance: number }[];
  joined?: TermForm;
  /** Edits between the word and `joined` without separators (0: the same letters). */
  joinedDistance?: number;
  /**
   * The word is a French word without its accents, or a term with an English ending: only its
   * multi-word candidates stand (the other words are the evidence).
   */
  guarded?: boolean;
  /** The word is French: its candidates are hyphenated terms it is exactly a word of. */
  hyphenAnchor?: boolean;
  /**
   * The word is exactly a word of multi-word terms with spaces: its candidates are those
   * terms, taken only where the text joins their words by hyphens instead (withAnchors).
   */
  spaceAnchor?: boolean;
  /** With spaceAnchor: how many words the candidates span before (× 256) and after the word. */
  reach?: number;
}

/**
 * Depth of the deletion search for a word: enough for any term the word may be a typo of. A
 * word of 2–3 letters is searched too, for the short words of multi-word terms ("nmo de
 * domaine", "serveur eb"), which stand only with the term's other words around them.
 */
export function searchDepth(length: number): number {
  return length < 2 ? 0 : length < 6 ? 1 : 2;
}

/**
 * The edit distance a candidate may have: the term word's own tolerance, or one edit for a
 * short word (3–4 letters) of a multi-word term, which then stands only with the term's other
 * words around it.
 */
export function toleranceFor(key: string, form: TermForm): number {
  const own = maxDistanceFor(key.length);
  return own === 0 && form.folded.length > 1 && key.length >= 3 ? 1 : own;
}

/**
 * True when a written separator may stand for the term's: the same, or a space for a hyphen
 * ("sous traitance") or a hyphen for a space ("cloud-computing"), both compound mistakes.
 */
export function gapFits(got: Gap, want: Gap): boolean {
  return got === want || (want === Gap.Hyphen && got === Gap.Space) || (want === Gap.Space && got === Gap.Hyphen);
}

/**
 * The term words a word may be written for with an English or German spelling of the French
 * ending -ique ("numéric", "informatik", "électroniks"): the folded word with its ending
 * "ic"/"ik" (plural -s) made "ique", when that is a word of a term. Such a word is three edits
 * from the term, past the tolerance, yet one slip of spelling: its candidates count as one edit.
 */
export function iqueCandidates(key: string, fuzzy: FuzzyIndex<FuzzyTarget>): { target: FuzzyTarget; distance: number }[] {
  const m = /^(.{3,}i)[ck](s?)$/.exec(key);
  if (!m) return [];
  return fuzzy.valuesOf(`${m[1]}que${m[2]}`).map((target) => ({ target, distance: 1 }));
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
  english: EnglishGuard | undefined,
  isWord: (lower: string) => boolean,
): { finding: Finding; lastToken: number } | undefined {
  type Cand = { form: TermForm; first: number; last: number; distance: number };
  const verified: Cand[] = [];
  // The bilingual guard, asked at most once, only for a one-word French term (the words of a
  // multi-word term around the typo are evidence enough).
  let englishHere: boolean | undefined;
  for (const { target, distance } of info.candidates) {
    const { form, word } = target;
    if (contextOnly && form.folded.length === 1) continue;
    if (english && form.folded.length === 1 && !isEnglishTerm(form.lower, english.english)) {
      englishHere ??= isEnglishUse(text, tokens[i].start, tokens[i].end, english);
      if (englishHere) continue;
    }
    const first = i - word;
    const last = first + form.folded.length - 1;
    if (first < 0 || last >= tokens.length) continue;
    let ok = true;
    // When this word is the term's word exactly, one other word may carry the typo, at one
    // edit ("sou-traitance", "cehf de projet"): the exact word and the rest are the evidence.
    let slack = distance === 0 ? 1 : 0;
    let extra = 0;
    for (let k = 0; k < form.folded.length && ok; k++) {
      const idx = first + k;
      if (idx === i) continue;
      if (tokens[idx].flags & TokenFlag.HasDigit) ok = false;
      else if (foldedAt(idx) === form.folded[k]) continue;
      else if (slack > 0 && form.folded[k].length >= 3 && isOneEdit(foldedAt(idx), form.folded[k])) {
        slack--;
        extra = 1;
      } else ok = false;
    }
    let hyphenForSpace = false;
    for (let k = 1; k < form.folded.length && ok; k++) {
      const gap = tokens[first + k].gapBefore;
      // A French word anchors only through the term's own hyphens.
      ok = info.hyphenAnchor ? gap === form.joiners[k - 1] : gapFits(gap, form.joiners[k - 1]);
      if (gap === Gap.Hyphen && form.joiners[k - 1] === Gap.Space) hyphenForSpace = true;
    }
    // A word of a spaced term anchors only where the text joins the term's words by hyphens.
    if (ok && info.spaceAnchor && !hyphenForSpace) ok = false;
    if (ok && (info.hyphenAnchor || info.spaceAnchor) && isWord(text.slice(tokens[first].start, tokens[last].end).normalize('NFC').toLowerCase())) ok = false;
    if (ok && distance + extra > 0) verified.push({ form, first, last, distance: distance + extra });
  }
  if (verified.length === 0) return undefined;
  const key = foldedAt(i);
  const wordOf = (c: Cand) => c.form.folded[i - c.first];
  // Rank: most words (context is evidence) for the fewest edits, then distance, most words,
  // same first letter, agreement with
  // the determiner before ("les prestatairs" → plural, "l'offshors" → singular), the longest
  // shared beginning and end ("traitanc" → "traitance", "prestatairs" → "prestataires"), the term
  // itself, the nearest length.
  const agrees = (c: Cand) => {
    const number = determinerNumber(tokens, c.first);
    return number === undefined ? 0 : Number(isPluralForm(c.form) === (number === 'plural'));
  };
  // The words other than this one written as the form writes them ("d'oeuvre" keeps the
  // synonym "maîtrise d'oeuvre" rather than the term "maîtrise d'œuvre").
  const writtenAlike = (c: Cand) => {
    let n = 0;
    for (let k = 0; k < c.form.lower.length; k++) if (c.first + k !== i && tokens[c.first + k].text.toLowerCase() === c.form.lower[k]) n++;
    return n;
  };
  // How likely a hand makes this slip (typoCost): a neighbouring key rather than any letter.
  const costs = new Map<Cand, number>();
  const cost = (c: Cand) => {
    let v = costs.get(c);
    if (v === undefined) costs.set(c, (v = typoCost(key, wordOf(c))));
    return v;
  };
  // The words as the form writes them, accents and ligatures kept ("oevre" is "oeuvre", not
  // "œuvre").
  const spelt = (c: Cand) => {
    let d = 0;
    for (let k = 0; k < c.form.lower.length; k++) d += editDistance(tokens[c.first + k].text.normalize('NFC').toLowerCase(), c.form.lower[k], 99);
    return d;
  };
  verified.sort(
    (a, b) =>
      // Each word of context written exactly is worth an edit: "adressd IP" is "adresse IP" (two
      // words, one edit), not "traduction d'adresses" after "Traduction d'" (three, two edits).
      a.distance - a.form.folded.length - (b.distance - b.form.folded.length) ||
      a.distance - b.distance ||
      b.form.folded.length - a.form.folded.length ||
      Number(wordOf(b)[0] === key[0]) - Number(wordOf(a)[0] === key[0]) ||
      agrees(b) - agrees(a) ||
      cost(a) - cost(b) ||
      Number(isAnagram(wordOf(b), key)) - Number(isAnagram(wordOf(a), key)) ||
      sharedAffixes(wordOf(b), key) - sharedAffixes(wordOf(a), key) ||
      writtenAlike(b) - writtenAlike(a) ||
      spelt(a) - spelt(b) ||
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

/**
 * True when two different words are one edit apart: a letter missing, added, changed, or two
 * neighbours swapped (editDistance ≤ 1, without its rows: this runs in the rule loop).
 */
export function isOneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let p = 0;
  while (p < a.length && p < b.length && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (a.length === b.length) {
    // A change at p, or a swap of p and p + 1; the rest the same.
    if (a.slice(p + 1) === b.slice(p + 1)) return true;
    return a[p] === b[p + 1] && a[p + 1] === b[p] && a.slice(p + 2) === b.slice(p + 2);
  }
  // One letter more in the longer word, at p.
  return a.length > b.length ? a.slice(p + 1) === b.slice(p) : a.slice(p) === b.slice(p + 1);
}

/** True when two words have the same letters in another order (a swap: "ressourcse"). */
function isAnagram(a: string, b: string): boolean {
  return a.length === b.length && a !== b && [...a].sort().join('') === [...b].sort().join('');
}
