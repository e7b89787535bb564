/**
 * Realistic misspellings of glossary terms, for the injected-typo evaluation.
 *
 * Design: a misspelling is made on one word of a correct occurrence, keeping the writer's case.
 * Edit typos (missing, extra, swapped, neighbouring key on an AZERTY keyboard, two edits) are
 * made only on words of 5+ letters, and two-edit typos only on words of 8+ letters: shorter
 * words become other words about as often as typos, which is the typo finder's own distance
 * limit (`maxDistanceFor`). Spelling-rule typos (accents, -ance/-ence, -tion/-ssion, doubled
 * letters), compounds split or joined, and acronym casing apply wherever they make sense.
 * Everything is driven by a seeded generator, so a run is reproducible.
 */

import { editDistance } from '../../server/src/service/fuzzy';

/** Kinds of injected misspellings (the report's rows). */
export type TypoKind =
  | 'missing-letter'
  | 'extra-letter'
  | 'wrong-key'
  | 'transposition'
  | 'two-edits'
  | 'doubled-letter'
  | 'undoubled-letter'
  | 'accent-dropped'
  | 'accent-added'
  | 'accent-wrong'
  | 'suffix'
  | 'compound-split'
  | 'compound-joined'
  | 'compound-element'
  | 'hyphen-extra'
  | 'compound-both'
  | 'slash-joined'
  | 'acronym-case';

/** All kinds, in report order. */
export const TYPO_KINDS: TypoKind[] = [
  'missing-letter', 'extra-letter', 'wrong-key', 'transposition', 'two-edits', 'doubled-letter',
  'undoubled-letter', 'accent-dropped', 'accent-added', 'accent-wrong', 'suffix', 'compound-split',
  'compound-joined', 'compound-element', 'hyphen-extra', 'compound-both', 'slash-joined', 'acronym-case',
];

/** Relative frequency of each kind when several apply (edit typos are the most common). */
const WEIGHTS: Record<TypoKind, number> = {
  'missing-letter': 12, 'extra-letter': 8, 'wrong-key': 10, 'transposition': 8, 'two-edits': 8,
  'doubled-letter': 6, 'undoubled-letter': 6, 'accent-dropped': 12, 'accent-added': 4,
  'accent-wrong': 4, 'suffix': 8, 'compound-split': 10, 'compound-joined': 6, 'compound-element': 10, 'hyphen-extra': 4,
  'compound-both': 6, 'slash-joined': 6, 'acronym-case': 12,
};

/** Words another term is joined to with a slash ("sous-traitance/partenariat"): plain French nouns. */
export const SLASH_PARTNERS = ['partenariat', 'méthode', 'outil', 'contrôle', 'budget', 'usage'];

export { createRandom } from '../random';

// Neighbouring keys on a French AZERTY keyboard.
const AZERTY_ROWS = ['azertyuiop', 'qsdfghjklm', 'wxcvbn'];
const NEIGHBOURS = new Map<string, string>();
for (let r = 0; r < AZERTY_ROWS.length; r++) {
  for (let c = 0; c < AZERTY_ROWS[r].length; c++) {
    let near = '';
    for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, 0], [1, -1]]) {
      const ch = AZERTY_ROWS[r + dr]?.[c + dc];
      if (ch) near += ch;
    }
    NEIGHBOURS.set(AZERTY_ROWS[r][c], near);
  }
}

const ACCENT_DROP: Record<string, string> = { 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e', 'à': 'a', 'â': 'a', 'î': 'i', 'ï': 'i', 'ô': 'o', 'û': 'u', 'ù': 'u', 'ç': 'c' };
const ACCENT_WRONG: Record<string, string> = { 'é': 'è', 'è': 'é', 'ê': 'é', 'à': 'a', 'â': 'à', 'î': 'ï', 'ô': 'ö', 'û': 'ü' };

/** A misspelling of a term occurrence. */
export interface Typo {
  kind: TypoKind;
  /** The misspelled text replacing the whole occurrence. */
  text: string;
  /**
   * The correct text for the same place when it is not the occurrence itself (a slash-joined
   * typo adds its partner word, which stays after the fix).
   */
  expected?: string;
}

/** The words of an occurrence and what separates them (as written). */
export interface OccurrenceText {
  words: string[];
  /** Separators between words, length = words − 1 (" ", "-", "'", "’"…). */
  separators: string[];
  /** True when the form is an acronym (case-sensitive). */
  acronym: boolean;
}

/** Kinds that can be applied to this occurrence. */
export function applicableKinds(o: OccurrenceText): TypoKind[] {
  if (o.acronym) return o.words.length === 1 ? ['acronym-case'] : [];
  const kinds: TypoKind[] = [];
  const long = o.words.some((w) => letters(w) >= 5);
  const veryLong = o.words.some((w) => letters(w) >= 8);
  const lower = o.words.join(' ').toLowerCase();
  if (long) kinds.push('missing-letter', 'extra-letter', 'wrong-key', 'transposition');
  if (veryLong) kinds.push('two-edits');
  if (o.words.some((w) => letters(w) >= 5 && /([bcdfghlmnprstvz])(?!\1)[aeiouéèy]/i.test(w))) kinds.push('doubled-letter');
  if (o.words.some((w) => /(.)\1/.test(w.toLowerCase()) && letters(w) >= 5)) kinds.push('undoubled-letter');
  if (/[éèêëàâîïôûùç]/.test(lower)) kinds.push('accent-dropped', 'accent-wrong');
  if (o.words.some((w) => letters(w) >= 5 && /e/i.test(w))) kinds.push('accent-added');
  if (o.words.some((w) => SUFFIXES.some(([re]) => re.test(w.toLowerCase())))) kinds.push('suffix');
  if (o.separators.some((s) => s === '-' || s === '‐')) kinds.push('compound-split');
  if (o.words.length > 1 && o.separators.every((s) => s === ' ' || s === '-' || s === '‐')) kinds.push('compound-joined');
  // Typos in any element of a compound or multi-word term, even a short first one ("sou-traitance").
  if (o.words.length > 1 && o.words.some((w) => letters(w) >= 3)) kinds.push('compound-element');
  if (o.separators.includes(' ') && o.words.length > 1) kinds.push('hyphen-extra');
  if (o.separators.some((s) => s === '-' || s === '‐' || s === ' ') && o.words.some((w) => letters(w) >= 3)) kinds.push('compound-both');
  if (o.words.some((w) => letters(w) >= 5)) kinds.push('slash-joined');
  return kinds;
}

/** Picks a kind among the applicable ones, by weight. */
export function pickKind(kinds: TypoKind[], random: () => number): TypoKind | undefined {
  const total = kinds.reduce((s, k) => s + WEIGHTS[k], 0);
  let x = random() * total;
  for (const k of kinds) {
    x -= WEIGHTS[k];
    if (x < 0) return k;
  }
  return kinds[kinds.length - 1];
}

/** Makes a misspelling of kind `kind`, or undefined when it cannot (or gives the same text). */
export function makeTypo(o: OccurrenceText, kind: TypoKind, random: () => number): Typo | undefined {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const join = (words: string[], seps = o.separators) => words.map((w, k) => (k === 0 ? w : seps[k - 1] + w)).join('');
  const original = join(o.words);
  const onOneWord = (eligible: (w: string) => boolean, edit: (lower: string) => string | undefined): string | undefined => {
    const idx = o.words.map((w, k) => (eligible(w) ? k : -1)).filter((k) => k >= 0);
    if (idx.length === 0) return undefined;
    const k = pick(idx);
    const lower = o.words[k].toLowerCase();
    const edited = edit(lower);
    if (edited === undefined || edited === lower) return undefined;
    const words = [...o.words];
    words[k] = withCaseOf(o.words[k], edited);
    return join(words);
  };
  const long = (w: string) => letters(w) >= 5;
  // One edit on one element of a compound (any length from 3 letters): missing, doubled or
  // swapped letter — "sou-traitance", "sosu-traitance".
  const elementTypo = (): string[] | undefined => {
    const idx = o.words.map((w, k) => (letters(w) >= 3 ? k : -1)).filter((k) => k >= 0);
    if (idx.length === 0) return undefined;
    const k = pick(idx);
    const w = o.words[k].toLowerCase();
    const i = Math.floor(random() * w.length);
    const op = Math.floor(random() * 3);
    let edited: string;
    if (op === 0) edited = w.slice(0, i) + w.slice(i + 1);
    else if (op === 1) edited = w.slice(0, i + 1) + w[i] + w.slice(i + 1);
    else edited = i + 1 < w.length && w[i] !== w[i + 1] ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
    if (edited === w || letters(edited) < 2) return undefined;
    const words = [...o.words];
    words[k] = withCaseOf(o.words[k], edited);
    return words;
  };
  let text: string | undefined;
  let expected: string | undefined;
  switch (kind) {
    case 'missing-letter':
      text = onOneWord(long, (w) => { const i = Math.floor(random() * w.length); return w.slice(0, i) + w.slice(i + 1); });
      break;
    case 'extra-letter':
      text = onOneWord(long, (w) => {
        const i = Math.floor(random() * w.length);
        const near = NEIGHBOURS.get(fold1(w[i])) ?? 'e';
        return w.slice(0, i + 1) + pick([...near]) + w.slice(i + 1);
      });
      break;
    case 'wrong-key':
      text = onOneWord(long, (w) => {
        const positions = [...w].map((c, i) => (NEIGHBOURS.has(c) ? i : -1)).filter((i) => i >= 0);
        if (positions.length === 0) return undefined;
        const i = pick(positions);
        return w.slice(0, i) + pick([...NEIGHBOURS.get(w[i])!]) + w.slice(i + 1);
      });
      break;
    case 'transposition':
      text = onOneWord(long, (w) => {
        const i = Math.floor(random() * (w.length - 1));
        return w[i] === w[i + 1] ? undefined : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
      });
      break;
    case 'two-edits':
      text = onOneWord((w) => letters(w) >= 8, (w) => {
        let out = w;
        for (let n = 0; n < 2; n++) {
          const i = 1 + Math.floor(random() * (out.length - 2));
          const op = Math.floor(random() * 3);
          if (op === 0) out = out.slice(0, i) + out.slice(i + 1);
          else if (op === 1) out = out.slice(0, i) + pick([...(NEIGHBOURS.get(fold1(out[i])) ?? 'e')]) + out.slice(i + 1);
          else out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
        }
        // Two operations on overlapping letters can make one edit, or three: keep true two-edit typos.
        return editDistance(out, w, 3) === 2 ? out : undefined;
      });
      break;
    case 'doubled-letter':
      text = onOneWord(long, (w) => {
        const positions = [...w].map((c, i) => (/[bcdfghlmnprstvz]/.test(c) && w[i + 1] !== c && w[i - 1] !== c && i > 0 ? i : -1)).filter((i) => i >= 0);
        if (positions.length === 0) return undefined;
        const i = pick(positions);
        return w.slice(0, i + 1) + w[i] + w.slice(i + 1);
      });
      break;
    case 'undoubled-letter':
      text = onOneWord((w) => /(.)\1/.test(w.toLowerCase()) && long(w), (w) => w.replace(/(.)\1/, '$1'));
      break;
    case 'accent-dropped':
      text = onOneWord((w) => /[éèêëàâîïôûùç]/i.test(w), (w) => {
        const positions = [...w].map((c, i) => (ACCENT_DROP[c] ? i : -1)).filter((i) => i >= 0);
        if (random() < 0.5) return [...w].map((c) => ACCENT_DROP[c] ?? c).join('');
        const i = pick(positions);
        return w.slice(0, i) + ACCENT_DROP[w[i]] + w.slice(i + 1);
      });
      break;
    case 'accent-added':
      text = onOneWord((w) => long(w) && /e/i.test(w), (w) => {
        const positions = [...w].map((c, i) => (c === 'e' && i < w.length - 1 ? i : -1)).filter((i) => i >= 0);
        if (positions.length === 0) return undefined;
        const i = pick(positions);
        return w.slice(0, i) + pick(['é', 'é', 'è']) + w.slice(i + 1);
      });
      break;
    case 'accent-wrong':
      text = onOneWord((w) => /[éèêàâîôû]/i.test(w), (w) => {
        const positions = [...w].map((c, i) => (ACCENT_WRONG[c] ? i : -1)).filter((i) => i >= 0);
        if (positions.length === 0) return undefined;
        const i = pick(positions);
        return w.slice(0, i) + ACCENT_WRONG[w[i]] + w.slice(i + 1);
      });
      break;
    case 'suffix':
      text = onOneWord((w) => SUFFIXES.some(([re]) => re.test(w.toLowerCase())), (w) => {
        const rules = SUFFIXES.filter(([re]) => re.test(w));
        if (rules.length === 0) return undefined;
        const [re, replacements] = pick(rules);
        return w.replace(re, pick(replacements));
      });
      break;
    case 'compound-split': {
      const seps = o.separators.map((s) => (s === '-' || s === '‐' ? ' ' : s));
      text = join(o.words, seps);
      break;
    }
    case 'compound-joined': {
      const seps = o.separators.map((s) => (s === ' ' || s === '-' || s === '‐' ? '' : s));
      text = join(o.words, seps);
      break;
    }
    case 'compound-element': {
      const words = elementTypo();
      text = words && join(words);
      break;
    }
    case 'hyphen-extra': {
      // A hyphen between words that the term separates by a space ("cloud-computing").
      const seps = o.separators.map((s) => (s === ' ' ? '-' : s));
      text = join(o.words, seps);
      break;
    }
    case 'compound-both': {
      // A typo in an element and the separator missing or changed ("sou traitance", "chef-de-prjet").
      const words = elementTypo();
      if (!words) break;
      const seps = o.separators.map((s) => (s === '-' || s === '‐' ? (random() < 0.5 ? ' ' : '') : s === ' ' ? '-' : s));
      text = join(words, seps);
      break;
    }
    case 'slash-joined': {
      // The term joined to another word by a slash, with a typo in the term ("sous-traitanse/partenariat").
      const typo = makeTypo(o, pick(['missing-letter', 'wrong-key', 'transposition'] as TypoKind[]), random);
      if (!typo) break;
      const partner = pick(SLASH_PARTNERS);
      const before = random() < 0.5;
      text = before ? `${partner}/${typo.text}` : `${typo.text}/${partner}`;
      expected = before ? `${partner}/${original}` : `${original}/${partner}`;
      break;
    }
    case 'acronym-case': {
      const w = o.words[0];
      const variants = [w.toUpperCase(), w.toLowerCase(), w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()].filter((v) => v !== w);
      text = variants.length > 0 ? pick(variants) : undefined;
      break;
    }
  }
  if (text === undefined || text === original) return undefined;
  return expected === undefined ? { kind, text } : { kind, text, expected };
}

/** Phonetic suffix confusions common in French writing. */
const SUFFIXES: [RegExp, string[]][] = [
  [/ance(s?)$/, ['ence$1']],
  [/ence(s?)$/, ['ance$1']],
  [/tion(s?)$/, ['ssion$1', 'sion$1', 'cion$1']],
  [/aire(s?)$/, ['ère$1', 'air$1']],
  [/ique(s?)$/, ['ic$1', 'ik$1']],
  [/ing$/, ['in', 'ign']],
  [/ore$/, ['or']],
];

function letters(w: string): number {
  let n = 0;
  for (const ch of w) if (ch.toLowerCase() !== ch.toUpperCase()) n++;
  return n;
}

function fold1(c: string): string {
  return ACCENT_DROP[c] ?? c;
}

/** Gives `edited` (lower case) the case pattern of `written`. */
function withCaseOf(written: string, edited: string): string {
  if (written.length > 1 && written === written.toUpperCase() && written !== written.toLowerCase()) return edited.toUpperCase();
  if (written.charAt(0) !== written.charAt(0).toLowerCase()) return edited.charAt(0).toUpperCase() + edited.slice(1);
  return edited;
}
