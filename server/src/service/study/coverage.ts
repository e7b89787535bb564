/**
 * Course coverage: which concepts the notes use (and how often), which they do not mention
 * yet, and which terms the notes put in bold that nothing defines (neither the glossary nor a
 * definition harvested from the notes). Pure: the caller gives the counts, the bold terms of
 * each note and the defined names.
 */

import { getProseSegments, isWordChar } from '../markdown';
import { fold, isAllUpper } from '../text';
import { codePointAt, hasLetter, hasUpper, isLower, isUpper, isWhiteSpace, unitsOf } from '../letters';
import { afterBreak, lineEndAt, lineStartAt } from '../lines';

/** A term written in bold in a note (`**term**` or `__term__`), cleaned of articles and punctuation. */
export interface BoldTerm {
  /** The term as written (NFC, single spaces). */
  text: string;
  /** Offsets of the bold span's content in the note. */
  start: number;
  end: number;
  /**
   * A single lower-case word in bold (« **mois** », « **forfait** »): as often emphasis as a
   * term, so it is listed only when the notes put it in bold at least twice (computeCoverage).
   */
  weak?: boolean;
}

const MAX_TERM_LENGTH = 60;
/** A term is a noun phrase of one to four words; longer is a sentence or a title. */
const MAX_TERM_WORDS = 4;
/** An all-capitals word longer than this is shouting, not an acronym (« ENTREPRISE », « GATEWAY »). */
const MAX_ACRONYM_LENGTH = 5;
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
 * French words that a noun phrase does not start with (prepositions, adverbs, negation,
 * pronouns: « **en interne** », « **pas de clause** », « **on sait pourquoi** ») and that a
 * noun phrase does not hold (verbs « être », « avoir », modal verbs, subordinating words:
 * « **la solution est retenue** », « **compatible quand** »). Accent-folded.
 */
const NOT_NOUN_PHRASE_START = new Set([
  'en', 'chez', 'pas', 'ne', 'n', 'encore', 'tres', 'trop', 'bien', 'plus', 'moins', 'sans', 'avec', 'sous', 'sur', 'dans', 'par',
  'pour', 'vers', 'entre', 'si', 'quand', 'qui', 'que', 'qu', 'on', 'il', 'elle', 'ils', 'elles', 'nous', 'vous', 'je', 'tu',
  'ce', 'c', 'ces', 'cette', 'leur', 'leurs', 'son', 'sa', 'ses', 'mon', 'ma', 'mes', 'notre', 'votre', 'a', 'au', 'aux',
  'plusieurs', 'quelques', 'chaque', 'tout', 'tous', 'toute', 'toutes', 'certains', 'certaines', 'aucun', 'aucune',
]);
const NOT_IN_NOUN_PHRASE = new Set([
  'est', 'sont', 'etait', 'sera', 'ont', 'peut', 'peuvent', 'doit', 'doivent', 'ne', 'n', 'pas', 'quand', 'qu', 'que', 'qui',
  'on', 'il', 'elle', 'ils', 'elles', 'nous', 'vous', 'c', 'et', 'ou',
]);
/** Articles that follow a verb, never a noun, at the start of a phrase (« **signe le contrat** »). */
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'un', 'une']);

/**
 * The bold terms of a note's prose (code, front matter and reference definitions are skipped).
 * A bold span is a term only when it looks like one (see termSpan): "**L'offshore**" gives
 * "offshore", "**SSII / ESN**" gives both, "**TDN : total des données nettes**" gives "TDN",
 * "**Niveau de service (SLA)**" gives "Niveau de service"; not terms: a label before a colon
 * (« **Contexte** : », « **Cloud :** »), bold in a heading, in a table's header row or filling a
 * table cell (a row's name; acronyms aside), a
 * sentence or a title, a list (commas, « et », « ou »), a value (« **2 vCores** »), shouting
 * (« **TYPE DE CONTRAT** »). Spans fully covered by `skip` (e.g. glossary occurrences, as
 * [start, end] pairs) are left out. `segments`: the note's prose segments, when the caller has them.
 */
export function findBoldTerms(text: string, skip: readonly { start: number; end: number }[] = [], segments: readonly number[] = getProseSegments(text)): BoldTerm[] {
  const out: BoldTerm[] = [];
  const covered = coverTest(skip);
  const headerLine = new HeaderLines(text);
  for (let s = 0; s < segments.length; s += 2) {
    const from = segments[s];
    // Inline code spans blanked out (same length, so offsets hold): `**x**` is not bold.
    const segment = text.slice(from, segments[s + 1]).replace(/(`+)[^`]*?\1/g, (code) => ' '.repeat(code.length));
    BOLD_RE.lastIndex = 0;
    for (let m = BOLD_RE.exec(segment); m; m = BOLD_RE.exec(segment)) {
      const spanStart = from + m.index;
      if (isLabel(text, spanStart + m[0].length, m[2]) || headerLine.at(spanStart)) continue;
      // A table cell all in bold names a row or a column (« | **Coût** | … | »), unless it is an acronym.
      if (isWholeCell(text, spanStart, spanStart + m[0].length) && !isAcronymCell(m[2].trim())) continue;
      const contentStart = spanStart + m[1].length;
      let offset = 0;
      for (const part of m[2].split(/\s+\/\s+/)) {
        const partStart = m[2].indexOf(part, offset);
        offset = partStart + part.length;
        const span = termSpan(part);
        if (!span) continue;
        const start = contentStart + partStart + span.start;
        const end = contentStart + partStart + span.end;
        if (covered(start, end)) continue;
        out.push(span.weak ? { text: span.text, start, end, weak: true } : { text: span.text, start, end });
      }
    }
  }
  return out;
}

/**
 * A test of whether [start, end] lies within one of `ranges`, for spans given in increasing
 * `start` (the bold spans of a note, in order): one walk over the ranges sorted by start, with
 * the furthest end so far, instead of a search of every range per span (a note with thousands of
 * glossary occurrences and of bold spans).
 */
function coverTest(ranges: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  let sorted = ranges;
  for (let k = 1; k < ranges.length; k++) {
    if (ranges[k].start < ranges[k - 1].start) {
      sorted = [...ranges].sort((a, b) => a.start - b.start);
      break;
    }
  }
  let next = 0;
  let furthest = -1;
  return (start, end) => {
    while (next < sorted.length && sorted[next].start <= start) furthest = Math.max(furthest, sorted[next++].end);
    return furthest >= end;
  };
}

/** True when the bold span is a label: its text ends with a colon, or a colon follows it. */
function isLabel(text: string, after: number, content: string): boolean {
  if (/[:：]\s*$/.test(content)) return true;
  let k = after;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u00a0' || text[k] === '\u202f')) k++;
  return text[k] === ':' || text[k] === '：';
}

/**
 * Whether a bold span's offset is on a heading line or a table's header row, asked of the
 * spans of one note in order: the answer is kept for the last line asked (a line of many bold
 * spans is found and tested once, not once per span).
 */
class HeaderLines {
  /** The last line asked: [start, end) and its answer. */
  private start = -1;
  private end = -1;
  private header = false;

  constructor(private readonly text: string) {}

  at(offset: number): boolean {
    if (offset < this.start || offset > this.end) {
      // lines.ts reads to the line's ends by hand: a search back for "\r" in a note without one
      // would read the whole note.
      this.start = lineStartAt(this.text, offset);
      this.end = lineEndAt(this.text, offset);
      this.header = isHeadingOrTableHeader(this.text, this.start, this.end);
    }
    return this.header;
  }
}

/** True when the line [lineStart, lineEnd) is a heading (a title), or the header row of a table (column names). */
function isHeadingOrTableHeader(text: string, lineStart: number, lineEnd: number): boolean {
  const line = text.slice(lineStart, lineEnd);
  if (/^ {0,3}#{1,6}(?:\s|$)/.test(line)) return true;
  if (!/^\s*\|/.test(line)) return false;
  const next = afterBreak(text, lineEnd);
  const nextEnd = lineEndAt(text, next);
  return /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(text.slice(next, nextEnd));
}

/** True when the bold span [start, end) is the whole content of a table cell (`|` before and after, spaces aside). */
function isWholeCell(text: string, start: number, end: number): boolean {
  let k = start;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  if (text[k - 1] !== '|') return false;
  k = end;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
  return text[k] === '|';
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

// The letter tests below read letters.ts's tables: `\p{…}` regexes compile once per string
// representation a note has (and again after deopts), for every fresh server.

/** Digits then a lower-case letter, as a value's unit: « 2h », « 8vCores » (`/^\d+\p{Ll}/u`). */
function isNumberedWord(w: string): boolean {
  let i = 0;
  while (i < w.length && w.charCodeAt(i) >= 48 && w.charCodeAt(i) <= 57) i++;
  return i > 0 && isLower(codePointAt(w, i));
}

/** Lower-case letters ending in « er » or « ir », like an infinitive (`/^\p{Ll}+(?:er|ir)$/u`). */
function isInfinitiveLike(w: string): boolean {
  if (w.length < 3 || !(w.endsWith('er') || w.endsWith('ir'))) return false;
  for (let i = 0; i < w.length; ) {
    const cp = w.codePointAt(i)!;
    if (!isLower(cp)) return false;
    i += unitsOf(cp);
  }
  return true;
}

/** No white space and two capitals or more: an acronym (`/^\S*\p{Lu}\S*\p{Lu}\S*$/u`). */
function isAcronymCell(s: string): boolean {
  let capitals = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    if (isWhiteSpace(cp)) return false;
    if (isUpper(cp)) capitals++;
    i += unitsOf(cp);
  }
  return capitals >= 2;
}

/** A bold span's text as a term, or undefined when it is not one (a sentence, digits only…). */
export function cleanTerm(raw: string): string | undefined {
  return termSpan(raw)?.text;
}

/** The term inside a bold span's text and where it lies in it (article and punctuation left out). */
function termSpan(raw: string): { text: string; start: number; end: number; weak: boolean } | undefined {
  let start = skipEdge(raw, 0, raw.length, 1);
  // « **TDN : Total Données Nettes** » puts a term and its meaning in bold: the term is before
  // the colon; « **Niveau de service (SLA)** » an expansion or a note after the term, and
  // « **Réversibilité[^3]** » a footnote call.
  let cut = raw.length;
  for (const sep of [':', '(', '[']) {
    const k = raw.indexOf(sep, start);
    if (k > start && k < cut) cut = k;
  }
  // A sentence in bold: no term however its edges are trimmed (checked first, it is the cost).
  if (cut - start > MAX_TERM_LENGTH * 2) return undefined;
  let end = skipEdge(raw, start, cut, -1);
  if (end <= start) return undefined;
  const article = LEADING_ARTICLE_RE.exec(raw.slice(start, end));
  if (article && article[0].length < end - start) start += article[0].length;
  start = skipEdge(raw, start, end, 1);
  const text = raw.slice(start, end).normalize('NFC').replace(/[*_`]/g, '').replace(/[’ʼ]/g, "'").replace(/\s+/g, ' ').trim();
  if (text.length < 2 || text.length > MAX_TERM_LENGTH) return undefined;
  if (!hasLetter(text)) return undefined;
  // A list, a sentence, a title or a formula: commas, sentence marks, dashes, arrows, symbols.
  if (/[,;!?…=+<>→↔—–&|]|\s-\s/u.test(text)) return undefined;
  const words = text.split(' ');
  if (words.length > MAX_TERM_WORDS) return undefined;
  // A value or a numbered item: « 2 vCores », « 2h maximum », « PHP 8.3 », « Exemple 1 », « 1. Cadrage »
  // (« IPv6 », « 5G » stay).
  if (isNumberedWord(words[0]) || words.some((w) => /^[\d.,%]+$/.test(w))) return undefined;
  // Shouting: several words in capitals, or one capital word too long for an acronym.
  if (isAllUpper(text) && (words.length > 1 || text.length > MAX_ACRONYM_LENGTH)) return undefined;
  const folded = words.map((w) => fold(w).replace(/['’ʼ].*$/, ''));
  // Emphasis, not terms: a lone label word (« **Pour** : … », « **Attention** »), a phrase that
  // starts with a verb (« **confier à une société** », « **signe le contrat** ») or with what no
  // noun phrase starts with, or that holds a verb or a pronoun (a sentence).
  if (words.length === 1 && EMPHASIS_WORDS.has(folded[0])) return undefined;
  if (words.length > 1) {
    if (isInfinitiveLike(words[0])) return undefined;
    if (NOT_NOUN_PHRASE_START.has(folded[0]) || ARTICLES.has(folded[1])) return undefined;
    if (folded.some((w) => w.split('-').some((p) => NOT_IN_NOUN_PHRASE.has(p)))) return undefined;
  }
  const weak = words.length === 1 && isLower(codePointAt(text, 0)) && !hasUpper(text);
  return { text, start, end, weak };
}

/** Where a term is used: a note and offsets-free range (the caller's coordinates). */
export interface TermLocation<R> {
  uri: string;
  range: R;
}

/** The bold terms of one note, with the note's URI and the ranges in the caller's coordinates. */
export interface NoteBoldTerms<R> {
  uri: string;
  terms: { text: string; range: R; weak?: boolean }[];
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

  const byKey = new Map<string, { spellings: Map<string, number>; locations: TermLocation<R>[]; strong: boolean }>();
  for (const note of input.bold) {
    for (const t of note.terms) {
      const key = fold(t.text);
      if (defined.has(key)) continue;
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { spellings: new Map(), locations: [], strong: false }));
      group.spellings.set(t.text, (group.spellings.get(t.text) ?? 0) + 1);
      group.locations.push({ uri: note.uri, range: t.range });
      if (!t.weak) group.strong = true;
    }
  }
  // A single lower-case word in bold once is emphasis; twice, the student marks a term.
  const undefinedTerms = [...byKey.values()].filter((g) => g.strong || g.locations.length >= 2).map((g) => ({
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
