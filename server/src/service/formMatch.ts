/**
 * Rule 1 of the matcher (analyze.ts): which form of the glossary the words at a token are, and
 * how they are written there — exactly, as a known misspelling, without their accents, as a
 * compound written otherwise, an acronym in another case — and the finding that follows.
 */

import { EnglishGuard, isEnglishTerm, isEnglishUse } from './english';
import { inCapitalHeading, inUpperContext, LineMemo } from './french';
import { FormKind, TermForm } from './glossary';
import { Finding, FindingCode, Severity } from './model';
import { Token, TokenFlag } from './markdown';
import { gapFits } from './ranking';
import { replacementFor } from './replace';
import { fold, isAllUpper } from './text';

/** How the words at a token are a form, best first (the order bestFormMatch prefers). */
export const enum Match {
  Exact,
  Misspelling,
  Accent,
  Compound,
  AcronymCase,
}

/**
 * The form bestFormMatch finds Exact for a word when only one-word forms fit, or null: the
 * first one-word form of the list (in its order) that the word is, case-sensitively for
 * acronyms, case-insensitively otherwise. An exact match beats every other kind, so the other
 * forms' answers do not matter; words matching otherwise (capitals without accents…) take the
 * full path.
 */
export function exactFormOf(written: string, lower: string, list: TermForm[]): TermForm | null {
  for (const form of list) {
    if (form.folded.length !== 1) continue;
    if (form.caseSensitive ? written === form.textWords[0] : form.kind !== FormKind.Misspelling && lower === form.lower[0]) return form;
  }
  return null;
}

/** A form found at a token, and how it is written there. */
export interface FormMatch {
  form: TermForm;
  kind: Match;
}

/** The best form starting at token i: longest first, then exact > misspelling > accent > …. */
export function bestFormMatch(
  text: string,
  tokens: Token[],
  i: number,
  list: TermForm[],
  foldedAt: (k: number) => string,
  isWord: (lower: string) => boolean,
  headings: LineMemo,
  english: EnglishGuard | undefined,
  acronymAt?: (k: number) => boolean,
): FormMatch | undefined {
  let best: FormMatch | undefined;
  for (const form of list) {
    const len = form.folded.length;
    if (best && len < best.form.folded.length) break; // longest matches win; list is sorted
    if (i + len > tokens.length) continue;
    let compound = false;
    let ok = true;
    for (let k = 1; k < len; k++) {
      const tk = tokens[i + k];
      if (tk.flags & TokenFlag.HasDigit || foldedAt(i + k) !== form.folded[k]) { ok = false; break; }
      const want = form.joiners[k - 1];
      const got = tk.gapBefore;
      if (got === want) continue;
      if (gapFits(got, want)) compound = true;
      else { ok = false; break; }
    }
    if (!ok) continue;
    const kind = classify(text, tokens, i, form, compound, isWord, headings, english, acronymAt);
    if (kind === undefined) continue;
    // Among forms of one kind and length, the one written most alike ("Maitrise d'Oeuvre" is
    // "maîtrise d'oeuvre" without its accent, not "maîtrise d'œuvre").
    if (!best || kind < best.kind || len > best.form.folded.length ||
        (kind === best.kind && len === best.form.folded.length && sameWords(tokens, i, form) > sameWords(tokens, i, best.form))) best = { form, kind };
    if (kind === Match.Exact) break;
  }
  return best;
}

/** How many words from token i are written as the form's words (lower-case). */
function sameWords(tokens: Token[], i: number, form: TermForm): number {
  let n = 0;
  for (let k = 0; k < form.lower.length; k++) if (tokens[i + k].text.toLowerCase() === form.lower[k]) n++;
  return n;
}

/** How the words from token i are the form (undefined: they are not, or are a French word). */
function classify(
  text: string,
  tokens: Token[],
  i: number,
  form: TermForm,
  compound: boolean,
  isWord: (lower: string) => boolean,
  headings: LineMemo,
  english: EnglishGuard | undefined,
  acronymAt?: (k: number) => boolean,
): Match | undefined {
  const len = form.folded.length;
  if (form.caseSensitive) {
    let same = true;
    for (let k = 0; k < len && same; k++) same = tokens[i + k].text === form.textWords[k];
    if (same) return Match.Exact;
    // Another case: flagged unless it is a French word ("si" is not "SI") or the line shouts.
    const word = tokens[i].text;
    if (len === 1 && (isWord(word.toLowerCase()) || word.length < 3)) return undefined;
    if (isAllUpper(word) && (inUpperContext(text, tokens, i, acronymAt) || inCapitalHeading(text, tokens[i].start, headings))) return undefined;
    if (form.lower.some((w, k) => tokens[i + k].text.toLowerCase() !== w)) return undefined;
    return Match.AcronymCase;
  }
  let sameLower = true;
  let capitalsWithoutAccents = true;
  const differing: string[] = [];
  for (let k = 0; k < len; k++) {
    const written = tokens[i + k].text;
    const l = written.toLowerCase();
    if (l !== form.lower[k]) {
      sameLower = false;
      differing.push(l);
      if (!(written.length > 1 && isAllUpper(written) && fold(written) === l)) capitalsWithoutAccents = false;
    }
  }
  // A known misspelling is one whatever its accents ("delocation"), unless that makes a French word.
  if (form.kind === FormKind.Misspelling) return sameLower || !differing.some((w) => isWord(w)) ? Match.Misspelling : undefined;
  if (sameLower) return compound ? Match.Compound : Match.Exact;
  // Capitals may go without their accents ("INFOGERANCE" in a heading): that is the term.
  if (capitalsWithoutAccents) return compound ? Match.Compound : Match.Exact;
  // Same letters, other accents: a French word spelt so is not a typo ("manage", "marche").
  if (differing.every((w) => isWord(w))) return undefined;
  // An English word in English context ("one iteration per week") is not the French term.
  if (english && len === 1 && !isEnglishTerm(form.lower, english.english) && isEnglishUse(text, tokens[i].start, tokens[i].end, english)) return undefined;
  return Match.Accent;
}


const CODES: Record<Match, FindingCode> = {
  [Match.Exact]: 'glossaire.known-misspelling',
  [Match.Misspelling]: 'glossaire.known-misspelling',
  [Match.Accent]: 'glossaire.missing-accent',
  [Match.Compound]: 'glossaire.compound',
  [Match.AcronymCase]: 'glossaire.acronym-case',
};

/** The finding for a form matched otherwise than exactly over tokens first..last, with its fix. */
export function makeFinding(text: string, tokens: Token[], first: number, last: number, m: FormMatch, nfd: boolean): Finding {
  const start = tokens[first].start;
  const end = tokens[last].end;
  const target = m.form.fix ?? m.form;
  // An acronym merely written in capitals ("SAAS") is a matter of style more than an error.
  const severity: Severity = m.kind === Match.AcronymCase && isAllUpper(tokens[first].text) ? 'information' : 'warning';
  return {
    start,
    end,
    word: text.slice(start, end),
    code: CODES[m.kind],
    severity,
    entryId: m.form.entry.id,
    suggestions: [replacementFor(text, tokens, first, last, target, nfd)],
  };
}
