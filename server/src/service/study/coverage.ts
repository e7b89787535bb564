/**
 * Course coverage: which concepts the notes use (and how often), which they do not mention
 * yet, and which terms the notes put in bold that nothing defines (neither the glossary nor a
 * definition harvested from the notes). Pure: the caller gives the counts, the bold terms of
 * each note and the defined names.
 */

import { getProseSegments, isWordChar } from '../markdown';
import { fold, isAllUpper } from '../text';

/** A term written in bold in a note (`**term**` or `__term__`), cleaned of articles and punctuation. */
export interface BoldTerm {
  /** The term as written (NFC, single spaces). */
  text: string;
  /** Offsets of the bold span's content in the note. */
  start: number;
  end: number;
}

const MAX_TERM_LENGTH = 60;
const MAX_TERM_WORDS = 5;
// A bold span on one line; the content neither starts nor ends with a space (CommonMark's
// flanking rule, simplified).
const BOLD_RE = /(\*\*|__)(?=[^\s*_])([^\r\n]*?[^\s*_])\1/g;
const LEADING_ARTICLE_RE = /^(?:(?:le|la|les|un|une|des|du|de la|au|aux)\s+|(?:l|d)['’ʼ])/i;
// Words put in bold as labels or for emphasis (accent-folded).
const EMPHASIS_WORDS = new Set([
  'pour', 'contre', 'attention', 'important', 'importante', 'remarque', 'note', 'nb', 'rappel', 'exemple', 'exemples',
  'definition', 'avantages', 'avantage', 'inconvenients', 'inconvenient', 'conclusion', 'resume', 'introduction', 'objectif',
  'objectifs', 'oui', 'non', 'pas', 'jamais', 'toujours', 'tres', 'plus', 'moins', 'mais', 'donc', 'aussi', 'seulement',
  'warning', 'todo', 'question', 'reponse', 'solution', 'cause', 'causes', 'consequences', 'enjeux', 'limites', 'risques',
]);

/**
 * The bold terms of a note's prose (code, front matter and reference definitions are skipped).
 * "**L'offshore**" gives "offshore", "**Cloud :**" gives "Cloud", "**SSII / ESN**" gives both;
 * sentences in bold (more than five words or sixty characters) are emphasis, not terms.
 * Spans fully covered by `skip` (e.g. glossary occurrences, as [start, end] pairs) are left out.
 */
export function findBoldTerms(text: string, skip: readonly { start: number; end: number }[] = []): BoldTerm[] {
  const out: BoldTerm[] = [];
  const segments = getProseSegments(text);
  for (let s = 0; s < segments.length; s += 2) {
    const from = segments[s];
    // Inline code spans blanked out (same length, so offsets hold): `**x**` is not bold.
    const segment = text.slice(from, segments[s + 1]).replace(/(`+)[^`]*?\1/g, (code) => ' '.repeat(code.length));
    BOLD_RE.lastIndex = 0;
    for (let m = BOLD_RE.exec(segment); m; m = BOLD_RE.exec(segment)) {
      const contentStart = from + m.index + m[1].length;
      let offset = 0;
      for (const part of m[2].split(/\s+\/\s+/)) {
        const partStart = m[2].indexOf(part, offset);
        offset = partStart + part.length;
        const span = termSpan(part);
        if (!span) continue;
        const start = contentStart + partStart + span.start;
        const end = contentStart + partStart + span.end;
        if (skip.some((r) => r.start <= start && r.end >= end)) continue;
        out.push({ text: span.text, start, end });
      }
    }
  }
  return out;
}

/**
 * Skips what is not a word character (punctuation, quotes, emoji) from one edge of raw[from, to):
 * forwards (step 1) gives the first word character's offset, backwards (−1) the end of the last.
 */
function skipEdge(raw: string, from: number, to: number, step: 1 | -1): number {
  if (step === 1) {
    while (from < to && !isWordChar(raw.charCodeAt(from))) from++;
    return from;
  }
  while (to > from && !isWordChar(raw.charCodeAt(to - 1))) to--;
  return to;
}

/** A bold span's text as a term, or undefined when it is not one (a sentence, digits only…). */
export function cleanTerm(raw: string): string | undefined {
  return termSpan(raw)?.text;
}

/** The term inside a bold span's text and where it lies in it (article and punctuation left out). */
function termSpan(raw: string): { text: string; start: number; end: number } | undefined {
  let start = skipEdge(raw, 0, raw.length, 1);
  // « **TDN : Total Données Nettes** » puts a term and its meaning in bold: the term is before the colon.
  const colon = raw.indexOf(':', start);
  const cut = colon > start ? colon : raw.length;
  // A sentence in bold: no term however its edges are trimmed (checked first, it is the cost).
  if (cut - start > MAX_TERM_LENGTH * 2) return undefined;
  let end = skipEdge(raw, start, cut, -1);
  if (end <= start) return undefined;
  const article = LEADING_ARTICLE_RE.exec(raw.slice(start, end));
  if (article && article[0].length < end - start) start += article[0].length;
  start = skipEdge(raw, start, end, 1);
  const text = raw.slice(start, end).normalize('NFC').replace(/[*_`]/g, '').replace(/[’ʼ]/g, "'").replace(/\s+/g, ' ').trim();
  if (text.length < 2 || text.length > MAX_TERM_LENGTH) return undefined;
  if (text.split(' ').length > MAX_TERM_WORDS) return undefined;
  if (!/\p{L}/u.test(text)) return undefined;
  const words = text.split(' ');
  // Emphasis, not terms: a lone label word (« **Pour** : … », « **Attention** »), or a phrase
  // that starts with a verb (« **confier à une société** »).
  if (words.length === 1 && EMPHASIS_WORDS.has(fold(text))) return undefined;
  if (words.length > 1 && /^\p{Ll}+(?:er|ir)$/u.test(words[0])) return undefined;
  return { text, start, end };
}

/** Where a term is used: a note and offsets-free range (the caller's coordinates). */
export interface TermLocation<R> {
  uri: string;
  range: R;
}

/** The bold terms of one note, with the note's URI and the ranges in the caller's coordinates. */
export interface NoteBoldTerms<R> {
  uri: string;
  terms: { text: string; range: R }[];
}

/** What coverage is computed from. */
export interface CoverageInput<R> {
  /** The course's concepts in glossary order, with every name they are recognised by. */
  concepts: readonly { id: string; term: string; names: readonly string[] }[];
  /** Occurrences per concept id in the course's notes. */
  counts: ReadonlyMap<string, number>;
  /** Bold terms of each note of the course. */
  bold: readonly NoteBoldTerms<R>[];
  /**
   * Terms defined elsewhere than in the glossary, e.g. definitions harvested from the notes:
   * a bold term among them is not « sans définition ».
   */
  otherDefinedTerms?: Iterable<string>;
}

/** A bold term that nothing defines. */
export interface UndefinedTerm<R> {
  /** The most frequent spelling in the notes. */
  term: string;
  count: number;
  locations: TermLocation<R>[];
}

/** The three coverage groups. */
export interface Coverage<R> {
  /** Concepts the notes use, most used first. */
  used: { id: string; term: string; count: number }[];
  /** Concepts no note mentions yet, in glossary order (« Pas encore dans vos notes »). */
  notYetUsed: { id: string; term: string }[];
  /** Bold terms defined nowhere, most used first (« Sans définition »). */
  undefinedTerms: UndefinedTerm<R>[];
}

/** Splits a course's concepts into used / not yet used, and finds the bold terms defined nowhere. */
export function computeCoverage<R>(input: CoverageInput<R>): Coverage<R> {
  const used: Coverage<R>['used'] = [];
  const notYetUsed: Coverage<R>['notYetUsed'] = [];
  const defined = new Set<string>();
  for (const c of input.concepts) {
    const count = input.counts.get(c.id) ?? 0;
    if (count > 0) used.push({ id: c.id, term: c.term, count });
    else notYetUsed.push({ id: c.id, term: c.term });
    defined.add(fold(c.term));
    for (const n of c.names) defined.add(fold(n));
  }
  for (const t of input.otherDefinedTerms ?? []) defined.add(fold(cleanTerm(t) ?? t));
  used.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term, 'fr'));

  const byKey = new Map<string, { spellings: Map<string, number>; locations: TermLocation<R>[] }>();
  for (const note of input.bold) {
    for (const t of note.terms) {
      const key = fold(t.text);
      if (defined.has(key)) continue;
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { spellings: new Map(), locations: [] }));
      group.spellings.set(t.text, (group.spellings.get(t.text) ?? 0) + 1);
      group.locations.push({ uri: note.uri, range: t.range });
    }
  }
  const undefinedTerms = [...byKey.values()].map((g) => ({
    // Most frequent spelling; on a tie, an acronym's capitals, then lower case (a bold word
    // often starts a sentence), then code point order.
    term: [...g.spellings].sort((a, b) => b[1] - a[1] || spellingRank(a[0]) - spellingRank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0][0],
    count: g.locations.length,
    locations: g.locations,
  }));
  undefinedTerms.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term, 'fr'));
  return { used, notYetUsed, undefinedTerms };
}

function spellingRank(text: string): number {
  if (isAllUpper(text)) return 0;
  return text === text.toLowerCase() ? 1 : 2;
}
