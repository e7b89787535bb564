/**
 * Definitions harvested from a note: the ways students define terms in running text.
 *
 *   **Terme** = définition            **Terme** : définition          **Terme :** définition
 *   **Terme** ⇒ définition            **Terme** → définition          **A / B** ⇒ définition (two names)
 *   - **Terme** définition…           (a list item that starts with a bold term and a separator or verb)
 *   L'**infogérance** est le fait de…  La délocalisation est le fait de…   (determiner + term + verb:
 *   « est le fait de », « désigne », « consiste à / en », « fait référence à », « se définit comme »)
 *   Un **éditeur** est une entreprise…  (a bold term, subject of « est un / une », « sont des »)
 *   | Terme | Définition |             (a table with a term column and a definition column)
 *
 * The definition is the rest of the paragraph or list item, the lines that continue it included.
 * Precision comes first: a harvested "term" becomes a glossary term everywhere, so a sentence
 * fragment must never be one. Terms are 1–4 words of letters (no digits, no sentence
 * punctuation, no pronoun, conjunction or verb-like word), and the generic labels of a document's
 * structure (« Avantages : », « Objectif : »…) are not terms. The determiner + verb pattern is
 * looked for where a sentence starts a line (its cost in every sentence of every line is not
 * worth the few definitions written mid-line). One pass over the lines; lines are only looked
 * at closely when a cheap test says they may define something. Before it, a screen (a look at
 * each line's first character, a native match where a definition can start: mayDefine) turns
 * away the many notes that define nothing, and the pass starts at the last heading before the
 * first line that may.
 */

import { getProseSegments, segmentAt } from './blocks';
import { A, AP, E, hasLetters, isDefinitionLike, MIN_DEFINITION_LETTERS } from './harvestDefinition';
import { HarvestSpan, MAX_TERM_LENGTH, namesEnumeration, parseTerm } from './harvestTerms';
import { LineEnds, lineBreakBefore, lineEndAt, lineStartAt } from './lines';
import { AtxHeading, atxHeadingAt, continuesParagraph, listItemContentAt, quotedContentStart } from './lineShape';
import { isWhiteSpace } from './letters';
import { fold } from './text';

export type { HarvestSpan } from './harvestTerms';

/** How a definition was written. */
export type HarvestPattern = 'bold-separator' | 'bold-colon' | 'bold-list-item' | 'list-item' | 'verb' | 'table';

/** A definition found in a note. */
export interface HarvestedDefinition {
  /** The term as the note writes it (NFC; a capital that only starts the sentence lowered). */
  term: string;
  /** Other names given with it ("SSII / ESN" → term SSII, alias ESN; "SaaS (Software as a Service)"). */
  aliases: string[];
  /** The definition: the rest of the paragraph or list item, its lines joined by \n (NFC). */
  definition: string;
  /** UTF-16 offsets of the term in the note. */
  termRange: HarvestSpan;
  /** UTF-16 offsets of the definition in the note (as written, line breaks included). */
  definitionRange: HarvestSpan;
  pattern: HarvestPattern;
}

/** The connecting verbs of the "determiner + term + verb" pattern (accents optional, NFC or NFD). */
const VERB_RE = new RegExp(
  '(?:^|[\\s*_])(' +
    [
      `est\\s+le\\s+fait\\s+(?:de(?=\\s)|d${AP})`,
      `est\\s+l${AP}action\\s+(?:de(?=\\s)|d${AP})`,
      `d${E}signe(?:nt)?(?=\\s)`,
      `consiste(?:nt)?\\s+(?:${A}|en)(?=\\s)`,
      `f(?:ait|ont)\\s+r${E}f${E}rence\\s+(?:${A}|aux?)(?=\\s)`,
      `se\\s+d${E}finit\\s+comme(?=\\s)`,
    ].join('|') +
    ')',
  'iu',
);
/** Substrings one of which every verb above contains (but for its case): blocks without any are not searched for a verb. */
const VERB_HINTS = ['fait d', 'action d', 'signe', 'consist', 'férence', 'fe\u0301rence', 'finit comme'];
/** A line that is one run of bold text and nothing else. */
const BOLD_LINE_RE = /^\s*(\*\*|__)[^*_]+\1\s*$/;

/**
 * The offset of the colon that ends a line ("…sont :", "**Objectifs :**"), bold marks and
 * spaces after it allowed, or -1. By hand: a regex anchored at the end with a leading `\s*`
 * retries at every space of the line.
 */
function endingColon(s: string, from = 0, to = s.length): number {
  let e = to;
  while (e > from && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  if (e >= from + 2 && (s.charCodeAt(e - 1) === 42 || s.charCodeAt(e - 1) === 95) && s.charCodeAt(e - 2) === s.charCodeAt(e - 1)) e -= 2;
  return e > from && s.charCodeAt(e - 1) === 58 ? e - 1 - from : -1;
}
/** Verbs whose text stays in the definition ("le fait de…", "l'action de…"): only "est" is dropped. */
const KEEP_AFTER_EST = /^est\s+/iu;

/** A line of the note; its text is sliced only when a line is looked at closely. */
class Line {
  private sliced: string | undefined;
  private leadAt = -1;
  /**
   * @param prose false for the lines the block pass leaves out (front matter, code, reference
   * definitions: blocks.ts).
   */
  constructor(readonly source: string, readonly start: number, readonly end: number, readonly prose: boolean) {}
  get text(): string {
    return (this.sliced ??= this.source.slice(this.start, this.end));
  }
  /** Offset (in the line) of the first character that is not a space, a tab or a quote mark (">"). */
  lead(): number {
    // Asked several times of most lines (the block loop, `continues`, the verb test): read once.
    if (this.leadAt < 0) this.leadAt = quotedContentStart(this.source, this.start, this.end) - this.start;
    return this.leadAt;
  }
  /** The character code at an offset of the line (NaN past its end). */
  charAt(i: number): number {
    return this.start + i < this.end ? this.source.charCodeAt(this.start + i) : NaN;
  }
  /** True when bold (`**`, `__`) opens within the first characters of the line's text (after a list marker, a determiner). */
  boldNearStart(): boolean {
    const src = this.source;
    const from = this.start + this.lead();
    const to = Math.min(this.end - 1, from + 12);
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if ((c === 42 || c === 95) && src.charCodeAt(i + 1) === c) return true;
    }
    return false;
  }
  get length(): number {
    return this.end - this.start;
  }
}

/**
 * Finds the definitions written in a note. Pure, one pass over the lines; never throws.
 * @param segments the note's prose segments (getProseSegments), when the caller has them (the
 *   workspace index reads them once for harvesting and the analysis)
 */
export function harvestDefinitions(text: string, segments?: readonly number[]): HarvestedDefinition[] {
  let prose = segments;
  const proseOf = () => (prose ??= getProseSegments(text));
  const first = firstDefinitionLine(text, proseOf);
  if (first === -1) return [];
  return walkDefinitions(text, proseOf(), restartBefore(text, proseOf(), first), lastDefinitionLine(text, first));
}

/**
 * The walk over a note's lines that `harvestDefinitions` makes when the screen lets it, from
 * the line starting at `from` to the block holding the line starting at `to` (exported for the
 * tests that check the screen never hides a definition).
 */
export function walkDefinitions(text: string, segments: readonly number[] = getProseSegments(text), from = 0, to = Infinity): HarvestedDefinition[] {
  const out: HarvestedDefinition[] = [];
  const lines = readLines(text, segments, from, to);
  // What the list items below enumerate, as the last heading and the lead-in line say.
  // The heading is read only when a list item needs it (most headings have no list below).
  let heading: AtxHeading | undefined;
  let headingEnumerates: boolean | undefined;
  let leadIn = false;
  let leadInDepth = -1;
  // The terms defined so far (`out`), folded: see harvestPlainLabel.
  const defined = new DefinedTerms();
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    // Past the last line the screen lets through, no block starts a definition.
    if (line.start > to) break;
    // Front matter is metadata, code is code (the block pass decides, as for the analysis).
    if (!line.prose) continue;
    const at = line.lead();
    if (at === line.length) continue; // blank
    const c = line.charAt(at);
    if (c === 35 /* # */) {
      const h = atxHeadingAt(text, line.start + at, line.end);
      if (h) {
        heading = h;
        headingEnumerates = undefined;
        leadIn = false;
        continue;
      }
    }
    if (c === 124 /* | */ && k + 1 < lines.length && isTableRow(line.text) && isDelimiterRow(lines[k + 1].text)) {
      k = harvestTable(lines, k, out);
      continue;
    }
    // A block: this line and those continuing it (not blank, not a new item, heading or fence).
    let last = k;
    while (last + 1 < lines.length && continues(lines[last + 1])) last++;
    const inItem = listItemContentAt(text, line.start + at, line.end) !== -1;
    // An item's lead-in covers its sub-items: a sibling or a shallower item leaves them.
    if (inItem && at <= leadInDepth) leadIn = false;
    let labels = !inItem || !leadIn;
    // A remark in parentheses ("Fiche de poste (exemple…)") is not what the section lists.
    if (labels && inItem && heading) labels = !(headingEnumerates ??= namesEnumeration(text.slice(heading.start, heading.end).replace(/\([^()]*\)/g, '')));
    const verb = mayHoldVerb(lines, k, last);
    const bold = line.boldNearStart();
    if (bold || verb || (labels && inItem)) harvestBlock(text, lines, k, last, inItem, labels && (bold || verb), labels && inItem, verb, out, defined);
    // A block ending with a colon introduces the list below it: "Trois objectifs :" (what it
    // enumerates is no term), "Ces droits sont :" (what follows are properties).
    // Read in place: most blocks end without a colon, and their line need not be sliced.
    const colon = endingColon(text, lines[last].start, lines[last].end);
    if (colon !== -1) {
      // What the lead-in says is read from its last line (where "…trois objectifs :" is).
      const said = lines[last].text.slice(Math.max(0, colon - 120), colon).trimEnd();
      leadIn = /(?:^|\s)(?:sont|est)$/u.test(said) || namesEnumeration(said);
      leadInDepth = inItem ? at : -1;
    } else if (!inItem) {
      leadIn = false;
      // A line in bold alone ("**Compétences**") heads what follows as a heading would.
      if (k === last && line.boldNearStart() && BOLD_LINE_RE.test(line.text)) {
        heading = { level: 0, start: line.start, end: line.end };
        headingEnumerates = undefined;
      }
    }
    k = last; // a list item's sub-items are items (blocks) of their own
  }
  return out;
}

/*
 * The screen. Most notes define nothing, and the walk reads every line of a note in script
 * code; the screen looks at each line's first character, matches SCREEN_RE natively where a
 * definition can start, and runs the checks that need no context (readBold, readPlainLabel,
 * parseTerm, tableColumns; and the heading a list item sits under, where the walk certainly
 * holds it) on those lines. A note where none passes has no definition: the walk would find
 * none either, since each pattern it harvests passes one of them (tested on random notes:
 * harvest.test.ts). For the same reason the walk of a note that passes runs from the heading
 * before its first such line to the block of its last one. A new pattern of the walk needs its
 * first characters in mayStartScreenLine, its start in SCREEN_RE, its check in screenLine and
 * its shape in that test's generator: a pattern the screen does not know is never harvested.
 */

/** What a line may start with, after quote marks and a list marker, for the walk to find a definition there. */
const SCREEN_LEAD =
  // bold, a determiner allowed before it, up to its first closing mark (as readBold reads it:
  // not past it, or a bold word later in the line would do), then a colon inside it, or a
  // separator, a parenthesis before a copula, or a verb's first letters after it (est, sont,
  // se, désigne, consiste, fait, font: readBold's verbs ignore case, and "ſ" is an "s" to them)
  "(?:(?:[Ll]['’]|(?:[Ll]es?|[Ll]a|[Uu]ne?)\\s+)?(\\*\\*|__)(?=\\S)(?:(?!\\S\\1)[^\\n\\r])*(?::\\1|\\S\\1[^\\S\\n\\r]*(?:[-=:⇒→–—]|\\([^()\\n\\r]{1,60}\\)[^\\S\\n\\r]*(?:[Ee][Ssſ][Tt]|[Ssſ][Oo][Nn][Tt])|[Ee][Ssſ][Tt]|[Ssſ][Oo][Nn][Tt]|[Ssſ][Ee][^\\S\\n\\r]|[Dd][EeÉé]\\u0301?[Ssſ]|[Cc][Oo][Nn][Ssſ]|[Ff](?:[Aa][Ii]|[Oo][Nn])[Tt]))" +
  // a sentence with a verb's hint in its window (mayHoldVerb)
  `|[LlUu][^\\n\\r]{0,${MAX_TERM_LENGTH + 40}}?(?:fait d|action d|signe|consist|f(?:é|e\\u0301)rence|finit comme)` +
  // a table's header above its delimiter row (harvestTable)
  '|\\|[^\\n\\r]*(?:\\r\\n|\\r|\\n)\\s*\\|?\\s*:?-{2,})';
/** A list item's plain label: at most five words without digits, a colon and text after it (readPlainLabel). */
const SCREEN_LABEL = '[^\\S\\n\\r]*[^\\s\\d:*_`[\\]<>|]+(?:[^\\S\\n\\r]+[^\\s\\d:*_`[\\]<>|]+){0,4}[^\\S\\n\\r]*:[ \\t\\u00a0]+\\S';
/** A line where a definition may start, from its first character after the quote marks (sticky: tried there only). */
const SCREEN_RE = new RegExp(`(?:[-*+]|\\d{1,9}[.)])[ \\t]+${SCREEN_LABEL}|(?:(?:[-*+]|\\d{1,9}[.)])[ \\t]+)?${SCREEN_LEAD}`, 'y');

/**
 * True when SCREEN_RE matches at `at`. Every note uses the one regex object: a RegExp made per
 * call is compiled again (bytecode, then native code) whenever a GC has run since the last one,
 * and this one is large. `lastIndex` is set before each test: nothing carries between calls.
 */
function screenMatchesAt(text: string, at: number): boolean {
  SCREEN_RE.lastIndex = at;
  return SCREEN_RE.test(text);
}

/**
 * True for the first characters SCREEN_RE can start with: a list marker, bold, a determiner's
 * or a verb sentence's L or U, a table's "|". One look per line in script code is cheaper than
 * a search for line starts in the whole text (every character is tried there).
 */
function mayStartScreenLine(c: number): boolean {
  return c === 42 /* * */ || c === 45 /* - */ || c === 43 /* + */ || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 124 /* | */ || c === 76 /* L */ || c === 108 /* l */ || c === 85 /* U */ || c === 117 /* u */;
}
/**
 * False when the note certainly defines nothing: no line where a pattern of the walk can start
 * passes the checks that need no context. A look at each line's first character, a native
 * match and a few checks where one may start: a fraction of the walk's cost on a note without
 * definitions.
 */
export function mayDefine(text: string): boolean {
  let prose: readonly number[] | undefined;
  return firstDefinitionLine(text, () => (prose ??= getProseSegments(text))) !== -1;
}

/**
 * The start of the first line where a definition may start (see mayDefine), or -1.
 * @param segments the note's prose segments, asked only when a heading's context is needed
 */
function firstDefinitionLine(text: string, segments: () => readonly number[]): number {
  const headings = new HeadingContext(text, segments);
  const ends = new LineEnds(text);
  for (let start = 0; start < text.length; ) {
    const end = ends.endAt(start);
    const lead = quotedContentStart(text, start, end);
    // A blank line starts nothing; and a read past the text's end (its last line, empty) would
    // throw the compiled loop back to the interpreter.
    if (lead < end && mayStartScreenLine(text.charCodeAt(lead))) {
      if (screenMatchesAt(text, lead) && screenLine(text, start, lead, end, headings)) return start;
    }
    // The next line is looked at whatever a match spanned (a table's match ends in its delimiter row).
    if (end >= text.length) break;
    start = ends.after(end);
  }
  return -1;
}

/** A heading context that never turns a list item away: the screen's checks, loosened. */
const ANY_HEADING: Pick<HeadingContext, 'enumeratesAt'> = { enumeratesAt: () => false };

/**
 * The start of the last line after `first` (the first line that passes the screen) where a
 * definition may start, or `first`: the walk needs nothing after it, since no definition
 * starts past it and what it walked before does not depend on what follows. Read from the
 * note's end, so that a note of definitions is not screened line by line twice. The screen's
 * checks run without the heading a list item sits under: they pass a few more lines (the walk
 * then reads a little further), never fewer.
 */
function lastDefinitionLine(text: string, first: number): number {
  // Most notes end their lines with \n alone: a native search back finds each line's start.
  const lfOnly = text.indexOf('\r') === -1;
  for (let end = text.length; ; ) {
    const start = !lfOnly ? lineStartAt(text, end) : end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    if (start <= first) return first;
    const lead = quotedContentStart(text, start, end);
    if (lead < end && mayStartScreenLine(text.charCodeAt(lead))) {
      if (screenMatchesAt(text, lead) && screenLine(text, start, lead, end, ANY_HEADING)) return start;
    }
    end = lineBreakBefore(text, start);
  }
}

/**
 * Where the walk may start for a note whose first possible definition is on the line at
 * `first`: the last heading before it with a blank line (or nothing) above. The walk's state
 * there is what a heading sets, whatever came before (a heading ends the list and the lead-in
 * above it, and a blank line ends any block or table that could hold it), and no definition
 * comes before it; 0 when there is none.
 */
function restartBefore(text: string, segments: readonly number[], first: number): number {
  for (let to = first; ; ) {
    const start = lastHeadingLine(text, 0, to);
    if (start === -1) return 0;
    if (headingWalkReads(text, segments, start, lineEndAt(text, start))) return start;
    to = start;
  }
}

/**
 * The ATX heading on the line [start, end) when the walk certainly reads it as one, whatever
 * came before: in prose, with a blank line (or nothing) above (no block or table holds it).
 */
function headingWalkReads(text: string, segments: readonly number[], start: number, end: number): AtxHeading | undefined {
  return blankAbove(text, start) && isProse(segments, start) ? atxHeadingAt(text, quotedContentStart(text, start, end), end) : undefined;
}

/**
 * Whether the walk certainly holds, at a line, a heading that names an enumeration (namesEnumeration):
 * the list items there are then no definitions by their bold or label (walkDefinitions). Asked
 * of the screen's lines in order; each looks back (a native search for "#") only as far as the
 * line asked before. "Not certain" when the last heading is one the walk may not read, or a
 * line that may be a bold line alone (which heads what follows) comes between.
 */
class HeadingContext {
  /** Where the last look back started: the headings before it are known. */
  private searched = 0;
  /** The line start of the last ATX heading before `searched`, or -1. */
  private heading = -1;
  /** About that heading, read on first need: where its line ends when the walk certainly holds it and it names an enumeration, else -1. */
  private enumeratingEnd: number | undefined;
  /** The first line after it that may be a bold line alone (its line break), read on first need. */
  private boldAfter: number | undefined;
  /** The last search for such a line: from where, and what it found (the text's length: none). */
  private boldSearch = { from: -1, found: -1 };
  /**
   * The first "#" at or after `searched` (-1: none left; -2: not searched yet). Where none
   * comes before the line asked, there is nothing to look back for: the native search back
   * would run past `searched` to the previous "#", or to the text's start, at every line.
   */
  private nextHash = -2;

  constructor(private readonly text: string, private readonly segments: () => readonly number[]) {}

  /** True when the walk certainly holds an enumerating heading at the line starting at `start`. */
  enumeratesAt(start: number): boolean {
    const text = this.text;
    if (this.nextHash !== -1 && this.nextHash < this.searched) this.nextHash = text.indexOf('#', this.searched);
    const found = this.nextHash === -1 || this.nextHash >= start ? -1 : lastHeadingLine(text, this.searched, start);
    this.searched = start;
    if (found !== -1) {
      this.heading = found;
      this.enumeratingEnd = undefined;
      this.boldAfter = undefined;
    }
    if (this.heading === -1) return false;
    if (this.enumeratingEnd === undefined) {
      const end = lineEndAt(text, this.heading);
      const h = headingWalkReads(text, this.segments(), this.heading, end);
      this.enumeratingEnd = h && namesEnumeration(text.slice(h.start, h.end).replace(/\([^()]*\)/g, '')) ? end : -1;
    }
    if (this.enumeratingEnd === -1) return false;
    if (this.boldAfter === undefined) {
      // Headings come in order: a search from an earlier heading that found a line past this
      // one answers for it too (a note of many headings is not searched once per heading).
      const last = this.boldSearch;
      if (last.from === -1 || this.enumeratingEnd < last.from || last.found < this.enumeratingEnd) {
        this.boldSearch = { from: this.enumeratingEnd, found: boldStartFrom(text, this.enumeratingEnd) };
      }
      this.boldAfter = this.boldSearch.found;
    }
    return this.boldAfter + 1 >= start;
  }
}

/** The start of the last line in [from, to) that is an ATX heading (after quote marks), or -1. */
function lastHeadingLine(text: string, from: number, to: number): number {
  if (to <= from) return -1;
  for (let i = text.lastIndexOf('#', to - 1); i >= from; ) {
    const start = lineStartAt(text, i);
    if (start < from) return -1;
    // The line's first character after its quote marks (at i at the latest: "#" is none of them).
    const lead = quotedContentStart(text, start, i);
    if (text.charCodeAt(lead) === 35 && atxHeadingAt(text, lead, lineEndAt(text, lead))) return start;
    // No heading on this line: on to the line above (each line is read once, whatever its "#"s).
    i = start === 0 ? -1 : text.lastIndexOf('#', start - 1);
  }
  return -1;
}

/** A line that starts (after spaces and quote marks) with bold: maybe a bold line alone (BOLD_LINE_RE). */
const BOLD_START_RE = /[\n\r](?:[^\S\n\r]|>)*(?:\*\*|__)/g;
/** Where the first line break before such a line is, at or after `from`; the text's length when none (one regex object: see screenMatchesAt). */
function boldStartFrom(text: string, from: number): number {
  BOLD_START_RE.lastIndex = from;
  return BOLD_START_RE.exec(text)?.index ?? text.length;
}

/** True when the line above the one at `start` holds only spaces, tabs and quote marks (the walk's blank), or there is none. */
function blankAbove(text: string, start: number): boolean {
  if (start === 0) return true;
  const end = lineBreakBefore(text, start);
  return quotedContentStart(text, lineStartAt(text, end), end) === end;
}

/** True when the line at `start` is prose (as readLines says: it starts in a segment). */
function isProse(segments: readonly number[], start: number): boolean {
  // A binary search: a note of many code blocks has many segments, and many headings to ask.
  return segmentAt(segments, start) !== -1;
}

/**
 * True when a definition may start on the line [start, end) (`lead`: after its quote marks): its
 * bold start, a list item's plain label, a verb's hint, or a table's header pass the checks that
 * need no context.
 */
function screenLine(text: string, start: number, lead: number, end: number, headings: Pick<HeadingContext, 'enumeratesAt'>): boolean {
  // A table's header: its folded text must hold a definition column's name (cheaper than its cells).
  if (text.charCodeAt(lead) === 124) return DEFINITION_HEADER_HINT.test(fold(text.slice(start, end).replace(/[*_`]/g, ''))) && tableColumns(new Line(text, start, end, true)) !== undefined;
  const content = listItemContentAt(text, lead, end);
  const bodyStart = content === -1 ? lead : content;
  const c = text.charCodeAt(bodyStart);
  // Under a heading that names an enumeration, a list item defines nothing by its bold or its
  // label: asked once a bold or label start is read (most lines have neither).
  // Bold opens the body, or follows a determiner (L, l, U, u: readBold).
  if (c === 42 || c === 95 || c === 76 || c === 108 || c === 85 || c === 117) {
    const b = readBold(text, bodyStart, end);
    if (b && (content === -1 || !headings.enumeratesAt(start)) && parseTerm(b.term, b.termStart, true)) return true;
  }
  if (content !== -1) {
    const label = readPlainLabel(text, bodyStart, end);
    if (label && !headings.enumeratesAt(start) && parseTerm(label.text.trimEnd(), bodyStart, false)) return true;
  }
  if (c === 76 || c === 108 || c === 85 || c === 117) {
    const window = text.slice(bodyStart, Math.min(end, bodyStart + MAX_TERM_LENGTH + 40));
    if (VERB_HINTS.some((h) => window.includes(h))) return true;
  }
  return false;
}

/** The note's lines, each marked prose or not by the block pass (getProseSegments). */
function readLines(text: string, segments: readonly number[], from = 0, to = Infinity): Line[] {
  const out: Line[] = [];
  const ends = new LineEnds(text);
  let j = 0;
  // One object per line (no intermediate line records: this runs over every note of a workspace).
  for (let start = from; ; ) {
    const end = ends.endAt(start);
    // A line is prose when it starts in a segment (segments start and end at line starts, but
    // for the front matter's title, whose line is metadata).
    while (j < segments.length && segments[j + 1] <= start) j += 2;
    out.push(new Line(text, start, end, j < segments.length && segments[j] <= start));
    // A blank line past `to` ends any block or table that started before it (see walkDefinitions).
    if (end >= text.length || (start > to && quotedContentStart(text, start, end) === end)) return out;
    start = ends.after(end);
  }
}

/** True when a line continues the block above it (a paragraph's or a list item's text; a table row does not). */
function continues(line: Line): boolean {
  return line.prose && continuesParagraph(line.source, line.start, line.end) && line.charAt(line.lead()) !== 124 /* | */;
}

/** Offset in the line of its text after the quote marks and the list marker. */
function bodyOffset(line: Line): number {
  const at = line.lead();
  const content = listItemContentAt(line.source, line.start + at, line.end);
  return content === -1 ? at : content - line.start;
}

/**
 * True when a line of the block may start with "determiner + term + verb": the sentence starts
 * the block or a line after one that ends a sentence, starts with a determiner (or bold), and a
 * verb's letters come soon after. Cheap: most lines fail on their first letter.
 */
function mayHoldVerb(lines: Line[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    const line = lines[k];
    if (k > first && !endsSentence(lines[k - 1])) continue;
    const from = k === first ? bodyOffset(line) : line.lead();
    const c = line.charAt(from);
    if (c !== 76 /* L */ && c !== 108 /* l */ && c !== 85 /* U */ && c !== 117 /* u */) continue;
    const window = line.source.slice(line.start + from, Math.min(line.end, line.start + from + MAX_TERM_LENGTH + 40));
    if (VERB_HINTS.some((h) => window.includes(h))) return true;
  }
  return false;
}

/**
 * True when a line ends a sentence (`.`, `!`, `?`, `;` or `:`, bold marks and spaces after it
 * allowed), read in place: this is asked of most lines of a note's paragraphs.
 */
function endsSentence(line: Line): boolean {
  const s = line.source;
  let e = line.end;
  while (e > line.start && isSpace(s.charCodeAt(e - 1))) e--;
  if (e >= line.start + 2 && (s.charCodeAt(e - 1) === 42 || s.charCodeAt(e - 1) === 95) && s.charCodeAt(e - 2) === s.charCodeAt(e - 1)) e -= 2;
  if (e <= line.start) return false;
  const c = s.charCodeAt(e - 1);
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58;
}

/** A white-space character as `\s` has them, but the separators U+2028/U+2029 (a line holds no \n or \r). */
function isSpace(c: number): boolean {
  return isWhiteSpace(c) && c !== 0x2028 && c !== 0x2029;
}

/** The block's text from `offset` to its end, as written and as one definition. */
function definitionFrom(text: string, lines: Line[], offset: number, last: number): { definition: string; range: HarvestSpan } | undefined {
  const end = lines[last].end;
  let start = offset;
  while (start < end && /[\s:=⇒→>\-–—]/.test(text[start]) && !(text[start] === '-' && /\w/.test(text[start + 1] ?? ''))) start++;
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  if (e <= start) return undefined;
  const raw = text.slice(start, e);
  if (!hasLetters(raw, MIN_DEFINITION_LETTERS)) return undefined;
  const definition = (start >= lines[last].start ? raw.trim() : raw.split(/\r\n|\r|\n/).map((l) => l.trim().replace(/^>\s?/, '')).join('\n')).normalize('NFC');
  return { definition, range: { start, end: e } };
}

/**
 * Looks for one definition at the start of the block (`bold`: the bold patterns; `plain`: a
 * list item's plain label), or a verb pattern in it (`verb`: mayHoldVerb said it may hold one).
 */
function harvestBlock(
  text: string, lines: Line[], first: number, last: number, inItem: boolean, bold: boolean, plain: boolean, verb: boolean, out: HarvestedDefinition[], defined: DefinedTerms,
): void {
  const line = lines[first];
  const bodyStart = line.start + bodyOffset(line);
  if (bold && harvestBold(text, lines, bodyStart, line.end, last, inItem, out)) return;
  if (plain && harvestPlainLabel(text, lines, bodyStart, line.end, last, out, defined)) return;
  if (!verb) return;
  // Plain: a determiner and a term, then a verb, at the start of a sentence.
  for (let k = first; k <= last; k++) {
    const l = lines[k];
    // The sentence starts the block, or a line after one that ends a sentence (a sentence that
    // starts mid-line is not looked at: the cost of finding it in every line is not worth it).
    if (k !== first && !endsSentence(lines[k - 1])) continue;
    const from = k === first ? bodyStart - l.start : l.lead();
    const s = l.text.slice(from);
    const v = VERB_RE.exec(s);
    if (!v) continue;
    const verbAt = v.index + v[0].indexOf(v[1]);
    const subject = s.slice(0, verbAt);
    const m = /^((?:[Ll]['’])|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+)(\*\*|__)?([^*_]+?)\2?\s*$/.exec(subject.replace(/\s+$/, ''));
    if (!m) continue;
    const termStart = l.start + from + m[1].length + (m[2] ? 2 : 0);
    const verbText = v[1];
    const afterVerb = l.start + from + verbAt + (KEEP_AFTER_EST.test(verbText) ? /^est\s+/iu.exec(verbText)![0].length : verbText.length);
    if (push(out, text, lines, m[3], termStart, afterVerb, last, 'verb', !!m[2])) return;
  }
}

/** What a block's bold start says: the term and where its definition starts (readBold). */
interface BoldStart {
  term: string;
  termStart: number;
  defStart: number;
  /** `**X :** def`, `**X** sep def`, or a verb (`**X** est un…`, `**X** désigne…`). */
  kind: 'colon' | 'separator' | 'verb';
}

/**
 * The bold patterns at a block's start (`**X** sep`, `**X :**`, `**X** verb`, `L'**X** verb`),
 * read from the text alone: the walk (harvestBold) and the screen (mayDefine) both ask it.
 */
function readBold(text: string, bodyStart: number, lineEnd: number): BoldStart | undefined {
  const body = text.slice(bodyStart, lineEnd);
  const bold = /^((?:[Ll]['’]|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+)?)(\*\*|__)(?=\S)(.+?)(?<=\S)\2/.exec(body);
  if (!bold) return undefined;
  const determiner = !!bold[1];
  const inner = bold[3];
  const termStart = bodyStart + bold[1].length + 2;
  const afterBold = bodyStart + bold[0].length;
  const rest = text.slice(afterBold, lineEnd);
  // **X :** def. Alone on its line ("**Définition :**") it introduces the lines below, which may
  // hold a verb pattern.
  const colonInside = /^(.*?)\s*:$/.exec(inner);
  if (colonInside && !determiner) return /^\s*\S/.test(rest) ? { term: colonInside[1], termStart, defStart: afterBold, kind: 'colon' } : undefined;
  // **X** = / : / ⇒ / → / -> / => / – def
  const sep = /^\s*(=>|->|-->|[=:⇒→–—]|\s-\s)\s*/.exec(rest);
  if (sep && !determiner) return { term: inner, termStart, defStart: afterBold + sep[0].length, kind: 'separator' };
  // **X** est un… / Une **X** (…) est une…: a bold subject of "est un(e)" is being defined.
  const copula = /^(\s*(?:\([^()]{1,60}\)\s*)?)(?:est|sont)\s+(?=(?:une?|des)\s)/iu.exec(rest);
  if (copula) return { term: inner, termStart, defStart: afterBold + copula[0].length, kind: 'verb' };
  // **X** désigne… / L'**X** est le fait de…
  const space = /^\s*/.exec(rest)![0].length;
  const v = VERB_RE.exec(' ' + rest.slice(space));
  if (v && v.index === 0) {
    const defStart = afterBold + space + (KEEP_AFTER_EST.test(v[1]) ? /^est\s+/iu.exec(rest.slice(space))![0].length : v[1].length);
    return { term: inner, termStart, defStart, kind: 'verb' };
  }
  return undefined;
}

/** The bold patterns at a block's start (readBold); true when one matched. */
function harvestBold(text: string, lines: Line[], bodyStart: number, lineEnd: number, last: number, inItem: boolean, out: HarvestedDefinition[]): boolean {
  const b = readBold(text, bodyStart, lineEnd);
  if (!b) return false;
  const pattern: HarvestPattern = b.kind === 'colon' ? 'bold-colon' : b.kind === 'verb' ? 'verb' : inItem ? 'bold-list-item' : 'bold-separator';
  return push(out, text, lines, b.term, b.termStart, b.defStart, last, pattern, true);
}

/**
 * A list item that starts with a plain label and a colon ("- Routage : acheminer les
 * paquets…", "+ DHCPACK : réponse du serveur…"), a determiner allowed before it ("- Le point à
 * point: …"); the label is held to the rules of a plain term (at most 3 words).
 */
function harvestPlainLabel(text: string, lines: Line[], bodyStart: number, lineEnd: number, last: number, out: HarvestedDefinition[], defined: DefinedTerms): boolean {
  const label = readPlainLabel(text, bodyStart, lineEnd);
  if (!label) return false;
  // A term the note has defined already: a later "X : …" item says something of it (a
  // comparison, a remark), it does not define it again.
  if (defined.has(out, fold(label.text.trim().normalize('NFC')))) return false;
  return push(out, text, lines, label.text.trimEnd(), bodyStart, label.defStart, last, 'list-item', false);
}

/**
 * The folded terms of the definitions found so far, brought up to date from the walk's output
 * when asked: a note of thousands of labelled items is not read back once per item.
 */
class DefinedTerms {
  private readonly keys = new Set<string>();
  private read = 0;

  has(out: readonly HarvestedDefinition[], key: string): boolean {
    for (; this.read < out.length; this.read++) this.keys.add(fold(out[this.read].term));
    return this.keys.has(key);
  }
}

/** A list item's plain label and colon at `bodyStart`, read from the text alone (harvestPlainLabel, mayDefine). */
function readPlainLabel(text: string, bodyStart: number, lineEnd: number): { text: string; defStart: number } | undefined {
  const to = Math.min(lineEnd, bodyStart + MAX_TERM_LENGTH + 20);
  // Most items have no colon near their start: one look says so (not indexOf, which would
  // search the rest of the note for each item).
  let colon = bodyStart;
  while (colon < to && text.charCodeAt(colon) !== 58) colon++;
  if (colon >= to) return undefined;
  const body = text.slice(bodyStart, to);
  const m = /^([^:*_`[\]<>|]{1,80}?)[ \t\u00a0]?:(?=[ \t\u00a0]+\S)/u.exec(body);
  // A label of more than a determiner and four words, or with digits, is no term (cheap
  // tests before parseTerm's).
  if (!m || /\d/.test(m[1]) || m[1].trim().split(/\s+/).length > 5) return undefined;
  return { text: m[1], defStart: bodyStart + m[0].length };
}

/**
 * Checks a candidate term and, when it is one, records the definition. `bold` terms may start a
 * sentence with a capital; returns true when something was recorded.
 */
function push(out: HarvestedDefinition[], text: string, lines: Line[], rawTerm: string, termStart: number, defStart: number, last: number, pattern: HarvestPattern, bold: boolean): boolean {
  const parsed = parseTerm(rawTerm, termStart, bold);
  if (!parsed) return false;
  const def = definitionFrom(text, lines, defStart, last);
  if (!def) return false;
  if (!isDefinitionLike(def.definition, pattern !== 'table')) return false;
  out.push({ term: parsed.term, aliases: parsed.aliases, definition: def.definition, termRange: parsed.range, definitionRange: def.range, pattern });
  return true;
}

function isTableRow(s: string): boolean {
  return /^\s*\|?.*\|.*$/.test(s) && s.trim().length > 2;
}

function isDelimiterRow(s: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$/.test(s);
}

/** Cells of a table row with their offsets. */
function cells(line: Line): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const s = line.text;
  let i = s.indexOf('|') === s.search(/\S/) ? s.indexOf('|') + 1 : 0;
  let cellStart = i;
  for (; i <= s.length; i++) {
    if (i === s.length || (s[i] === '|' && s[i - 1] !== '\\')) {
      const raw = s.slice(cellStart, i);
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      if (i < s.length || t) out.push({ text: t, start: line.start + cellStart + lead, end: line.start + cellStart + lead + t.length });
      cellStart = i + 1;
    }
  }
  return out;
}

const DEFINITION_HEADERS = /^(definitions?|definition simple|signification|sens|meaning|explication|description)$/;
/** What every name of DEFINITION_HEADERS holds: a header line without any has no definition column. */
const DEFINITION_HEADER_HINT = /tion|sens|meaning/;
const TERM_HEADERS = /^(termes?|mots?|notions?|concepts?|sigles?|acronymes?|vocabulaire|expressions?|terms?|words?|acronyms?)$/;

/** The term and definition columns a table's header row names, if it names both. */
function tableColumns(header: Line): { termCol: number; defCol: number } | undefined {
  const heads = cells(header).map((c) => fold(c.text.replace(/[*_`]/g, '').trim()));
  const defCol = heads.findIndex((h) => DEFINITION_HEADERS.test(h));
  if (defCol === -1) return undefined;
  let termCol = heads.findIndex((h) => TERM_HEADERS.test(h));
  if (termCol === -1) termCol = defCol === 0 ? -1 : 0;
  return termCol === -1 || termCol === defCol ? undefined : { termCol, defCol };
}

/** Rows of a table whose header names a definition column; returns the table's last line. */
function harvestTable(lines: Line[], header: number, out: HarvestedDefinition[]): number {
  let last = header + 1;
  while (last + 1 < lines.length && lines[last + 1].text.includes('|') && lines[last + 1].lead() !== lines[last + 1].length) last++;
  const columns = tableColumns(lines[header]);
  if (!columns) return last;
  const { termCol, defCol } = columns;
  for (let k = header + 2; k <= last; k++) {
    const row = cells(lines[k]);
    const term = row[termCol];
    const def = row[defCol];
    if (!term || !def) continue;
    const m = /^(\*\*|__)?(.+?)\1?$/.exec(term.text);
    if (!m) continue;
    const parsed = parseTerm(m[2], term.start + (m[1] ? 2 : 0), true);
    const definition = def.text.replace(/<br\s*\/?>/gi, '\n').normalize('NFC');
    if (!parsed || !hasLetters(definition, MIN_DEFINITION_LETTERS)) continue;
    out.push({ term: parsed.term, aliases: parsed.aliases, definition, termRange: parsed.range, definitionRange: { start: def.start, end: def.end }, pattern: 'table' });
  }
  return last;
}
