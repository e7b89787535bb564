/**
 * Block-level Markdown: the one owner of what a line is (its indentation, list marker, fence,
 * reference definition), of front matter, of paragraph bounds and of the `glossaire-ignore`
 * comment. The scanner (markdown.ts: the block pass below, then its inline pass), the
 * incremental path (incremental.ts: which edits keep the blocks) and the "ignore in this file"
 * edit (ignore.ts) all read these, so a construct recognised here is recognised the same way
 * by all three. Pure functions of the text; nothing here holds state between calls.
 */

export const CH_NL = 10, CH_CR = 13, CH_SPACE = 32, CH_TAB = 9;

/** What the line helpers read: a string, or a text seen through another (incremental's NewText). */
export interface Chars {
  readonly length: number;
  charCodeAt(index: number): number;
}

/** Start of the line holding `pos`. */
export function lineStartAt(text: string, pos: number): number {
  let p = pos;
  while (p > 0) {
    const c = text.charCodeAt(p - 1);
    if (c === CH_NL || c === CH_CR) break;
    p--;
  }
  return p;
}

/** End of the line holding `pos` (before its \r\n, \n or \r). */
export function lineEndAt(text: Chars, pos: number): number {
  let p = pos;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === CH_NL || c === CH_CR) break;
    p++;
  }
  return p;
}

/** Offset after the line break at `lineEnd`. */
export function afterBreak(text: Chars, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  return text.charCodeAt(lineEnd) === CH_CR && text.charCodeAt(lineEnd + 1) === CH_NL ? lineEnd + 2 : lineEnd + 1;
}

/** Offset of the line break that ends the line before the one starting at `lineStart`. */
export function lineBreakBefore(text: string, lineStart: number): number {
  const p = lineStart - 1;
  return text.charCodeAt(p) === CH_NL && p > 0 && text.charCodeAt(p - 1) === CH_CR ? p - 1 : p;
}

/**
 * Line ends of one text (\r\n, \n or \r), found with native searches: a line ends at the next
 * \n unless a \r comes first, and where the next \r lies is remembered (most notes have none,
 * so one search answers them all). Positions asked for only move forward, mostly.
 */
export class LineEnds {
  /** The first \r at or after `crFrom` (-1: none). */
  private cr: number;
  private crFrom = 0;

  constructor(private readonly text: string) {
    this.cr = text.indexOf('\r');
  }

  /** Offset of the end of the line containing `pos` (before \r\n, \n or \r). */
  endAt(pos: number): number {
    const text = this.text;
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    if (pos < this.crFrom || (this.cr !== -1 && this.cr < pos)) {
      this.cr = text.indexOf('\r', pos);
      this.crFrom = pos;
    }
    return this.cr !== -1 && this.cr < nl ? this.cr : nl;
  }

  /** Offset of the start of the next line. */
  next(pos: number): number {
    return this.after(this.endAt(pos));
  }

  /** Offset after the line break at `lineEnd` (a line end from `endAt`). */
  after(lineEnd: number): number {
    return afterBreak(this.text, lineEnd);
  }
}

// ---- One line's shape ------------------------------------------------------------------

/** The first offset of [from, to) after the line's indentation (spaces and tabs). */
export function indentEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== CH_SPACE && c !== CH_TAB) break;
    i++;
  }
  return i;
}

/** The width in columns of the indentation [from, i) (a tab goes to the next multiple of 4). */
export function indentColumns(text: string, from: number, i: number): number {
  let col = 0;
  for (let k = from; k < i; k++) col = text.charCodeAt(k) === CH_TAB ? col + 4 - (col % 4) : col + 1;
  return col;
}

/** The list marker a line's content (from `i`, after its indentation) starts with. */
export const enum ListMarker {
  None = 0,
  /** `-`, `*` or `+` and a space, a tab or the line's end. */
  Bullet = 1,
  /** One to nine digits, `.` or `)`, and a space or the line's end. */
  Ordered = 2,
}

/** True for `-`, `*`, `+`: the bullet marks (also emphasis, rules and front matter). */
export function isBulletMark(c: number): boolean {
  return c === 45 || c === 42 || c === 43;
}

/** End of the run of ASCII digits from `i` (not past `to`). */
export function digitsEnd(text: string, i: number, to: number): number {
  let j = i;
  while (j < to && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j;
}

/** The list marker at `i` of a line ending at `lineEnd`. */
export function listMarkerAt(text: string, i: number, lineEnd: number): ListMarker {
  const c = text.charCodeAt(i);
  if (isBulletMark(c) && (i + 1 === lineEnd || text.charCodeAt(i + 1) === CH_SPACE || text.charCodeAt(i + 1) === CH_TAB)) return ListMarker.Bullet;
  const j = digitsEnd(text, i, lineEnd);
  if (j > i && j - i <= 9) {
    const d = text.charCodeAt(j);
    if ((d === 46 || d === 41) && (j + 1 === lineEnd || text.charCodeAt(j + 1) === CH_SPACE)) return ListMarker.Ordered;
  }
  return ListMarker.None;
}

/** Length of the run of `c0` (a backtick or tilde) from `i`: a fence when 3 or more. */
export function markRun(text: string, i: number, to: number, c0: number): number {
  let run = 0;
  while (i + run < to && text.charCodeAt(i + run) === c0) run++;
  return run;
}

// A link reference definition; a footnote definition ("[^1]: text") is prose and stays.
const REF_DEF_RE = /^\[[^\]^][^\]]*\]:\s*\S/;

/** True when the line [from, to) starting with `[` is a link reference definition (the block pass skips it). */
export function isReferenceDefinition(text: string, from: number, to: number): boolean {
  return REF_DEF_RE.test(text.slice(from, to));
}

/**
 * What the block pass reads of a line: empty, blank, or its indentation, list marker and
 * first character. Undefined for a line that may open or close a block (a fence, a reference
 * definition): an edit of such a line is not done incrementally. Two lines of the same shape
 * leave the blocks around them as they were.
 */
export function lineShape(text: string, from: number, to: number): string | undefined {
  // Blank for the blocks either way, but only an empty line ends a link destination.
  if (from === to) return 'empty';
  const i = indentEnd(text, from, to);
  if (i >= to) return 'blank';
  const col = indentColumns(text, from, i);
  const c0 = text.charCodeAt(i);
  if ((c0 === 96 || c0 === 126) && markRun(text, i, to, c0) >= 3) return undefined;
  if (c0 === 91 && col <= 3 && isReferenceDefinition(text, i, to)) return undefined; // [
  const marker = listMarkerAt(text, i, to);
  let list = marker === ListMarker.Bullet ? 'bullet' : marker === ListMarker.Ordered ? 'ordered' : '';
  if (marker !== ListMarker.Bullet) {
    // A line starting with digits keeps its shape only with the same digits before the mark.
    const j = digitsEnd(text, i, to);
    if (j > i) list += `:${text.slice(i, Math.min(j + 2, to))}`;
  }
  return `${col}:${isBulletMark(c0) ? c0 : 0}:${list}`;
}

// ---- Front matter ----------------------------------------------------------------------

/** A front matter block: `---` alone on the first line, up to a `---` or `...` line. */
export interface FrontMatter {
  /** Start of the closing line. */
  readonly closeLine: number;
  /** Offset after the closing line (the first offset of the body). */
  readonly end: number;
}

/** The note's front matter, or undefined (none, or never closed: then it is prose). */
export function findFrontMatter(text: string, lines = new LineEnds(text)): FrontMatter | undefined {
  if (!text.startsWith('---') || lines.endAt(0) !== 3) return undefined;
  const len = text.length;
  let p = lines.next(0);
  while (p < len) {
    const e = lines.endAt(p);
    const line = text.slice(p, e).trimEnd();
    if (line === '---' || line === '...') return { closeLine: p, end: lines.after(e) };
    p = lines.after(e);
  }
  return undefined;
}

/**
 * Where an edit may change the front matter: its end, the whole text when the first line
 * opens one never closed (closing it turns prose into front matter), -1 without one.
 */
export function frontMatterReach(text: string): number {
  if (!text.startsWith('---') || lineEndAt(text, 0) !== 3) return -1;
  return findFrontMatter(text)?.end ?? text.length;
}

/**
 * The `title:` (or `titre:`) line of front matter and its value, unquoted and trimmed: what
 * /^(title|titre)\s*:\s*["']?(.*?)["']?\s*$/m captures, without that regex's quadratic
 * backtracking on a long run of inner spaces.
 */
export function frontMatterTitle(head: string): { index: number; key: string; value: string } | undefined {
  const m = /^(title|titre)\s*:\s*["']?/m.exec(head);
  if (!m) return undefined;
  let e = m.index + m[0].length;
  while (e < head.length && !isLineTerminator(head.charCodeAt(e))) e++;
  let value = head.slice(m.index + m[0].length, e).trimEnd();
  if (value.endsWith('"') || value.endsWith("'")) value = value.slice(0, -1);
  return { index: m.index, key: m[1], value };
}

/** The line terminators of JavaScript regexes (what `.` does not match). */
function isLineTerminator(c: number): boolean {
  return c === CH_NL || c === CH_CR || c === 0x2028 || c === 0x2029;
}

// ---- The block pass --------------------------------------------------------------------

/**
 * Block pass: returns a flat array [start0, end0, start1, end1, …] of prose segments, skipping
 * front matter (but its title), fenced code, indented code and reference definitions.
 */
export function getProseSegments(text: string): number[] {
  const out: number[] = [];
  const len = text.length;
  let pos = 0;
  let segStart = 0;
  const lines = new LineEnds(text);
  const skip = (from: number, to: number) => {
    if (from > segStart) out.push(segStart, from);
    segStart = to;
  };

  // Front matter: only the title's value is prose.
  const fm = findFrontMatter(text, lines);
  if (fm) {
    const m = frontMatterTitle(text.slice(0, fm.closeLine));
    if (m) {
      const vStart = text.indexOf(m.value, m.index + m.key.length);
      skip(0, vStart);
      skip(vStart + m.value.length, fm.end);
    } else skip(0, fm.end);
    pos = fm.end;
  }

  let prevBlank = true;
  let prevIndentedCode = false;
  let inList = false;
  while (pos < len) {
    const lineEnd = lines.endAt(pos);
    const i = indentEnd(text, pos, lineEnd);
    if (i >= lineEnd) {
      prevBlank = true;
      pos = lines.after(lineEnd);
      continue;
    }
    const col = indentColumns(text, pos, i);
    const c0 = text.charCodeAt(i);
    // Fenced code.
    if (col <= 3 && (c0 === 96 || c0 === 126)) {
      const run = markRun(text, i, len, c0);
      if (run >= 3 && (c0 === 126 || text.indexOf('`', i + run) === -1 || text.indexOf('`', i + run) >= lineEnd)) {
        let p = lines.next(pos);
        let close = len;
        while (p < len) {
          const e = lines.endAt(p);
          let j = p;
          while (j < e && text.charCodeAt(j) === CH_SPACE) j++;
          const r = markRun(text, j, len, c0);
          if (j - p <= 3 && r >= run && text.slice(j + r, e).trim() === '') {
            close = lines.after(e);
            break;
          }
          p = lines.after(e);
        }
        skip(pos, close);
        pos = close;
        prevBlank = false;
        prevIndentedCode = false;
        continue;
      }
    }
    const listItem = listMarkerAt(text, i, lineEnd) !== ListMarker.None;
    if (listItem) inList = true;
    else if (col < 2 && prevBlank) inList = false;
    // Indented code: after a blank line (or more code), outside lists.
    if (col >= 4 && !listItem && !inList && (prevBlank || prevIndentedCode)) {
      const next = lines.after(lineEnd);
      skip(pos, next);
      pos = next;
      prevIndentedCode = true;
      prevBlank = false;
      continue;
    }
    prevIndentedCode = false;
    // Reference definition: [label]: destination
    if (col <= 3 && c0 === 91 /* [ */ && isReferenceDefinition(text, i, lineEnd)) {
      const next = lines.after(lineEnd);
      skip(pos, next);
      pos = next;
      prevBlank = false;
      continue;
    }
    prevBlank = false;
    pos = lines.after(lineEnd);
  }
  if (segStart < len) out.push(segStart, len);
  return out;
}

// ---- Paragraphs ------------------------------------------------------------------------

/*
 * Paragraph bounds for re-scanning: an empty line (nothing between two line breaks), which
 * ends everything inline but HTML: code spans and link destinations too (a line of spaces
 * does not end a link destination), after a line that does not end with a backslash (which
 * would escape the line break and join the paragraphs into one phrase).
 */

/** Start of the paragraph holding the line at `lineStart` (not before `segStart`), or -1 past `limit` characters. */
export function paragraphStart(text: string, lineStart: number, segStart: number, limit: number): number {
  let p = lineStart;
  while (p > segStart) {
    const prevEnd = lineBreakBefore(text, p);
    const prevStart = lineStartAt(text, prevEnd);
    if (prevStart === prevEnd && prevStart > segStart) {
      const before = lineBreakBefore(text, prevStart);
      if (text.charCodeAt(before - 1) !== 92) return p;
    }
    p = prevStart;
    if (lineStart - p > limit) return -1;
  }
  return segStart;
}

/**
 * End of the paragraph holding the line ending at `lineEnd`: the start of the empty line after
 * it, or the segment's end; -1 past `limit` characters.
 */
export function paragraphEnd(text: Chars, lineEnd: number, segEnd: number, limit: number): number {
  let e = lineEnd;
  const from = lineEnd;
  for (;;) {
    if (e >= segEnd) return segEnd;
    const next = afterBreak(text, e);
    if (next >= segEnd) return segEnd;
    const nextEnd = lineEndAt(text, next);
    if (next === nextEnd && text.charCodeAt(e - 1) !== 92) return next;
    e = nextEnd;
    if (e - from > limit) return -1;
  }
}

/**
 * The first line break at or after `from` that a blank line (spaces allowed) follows, or -1:
 * where the inline scanner stops looking for a code span's closing run.
 */
export function blankLineAfter(text: string, from: number): number {
  const len = text.length;
  for (let i = from; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c !== CH_NL && c !== CH_CR) continue;
    let j = afterBreak(text, i);
    while (j < len && (text.charCodeAt(j) === CH_SPACE || text.charCodeAt(j) === CH_TAB)) j++;
    if (j < len && (text.charCodeAt(j) === CH_NL || text.charCodeAt(j) === CH_CR)) return i;
  }
  return -1;
}

// ---- The ignore comment ----------------------------------------------------------------

/** The keyword of `<!-- glossaire-ignore: word, word -->`: words the note asks not to check. */
export const IGNORE_KEYWORD = 'glossaire-ignore';

/** A whole ignore comment; group 1 is its list of words. */
export const IGNORE_COMMENT_RE = /<!--\s*glossaire-ignore\s*:?([\s\S]*?)-->/;

/** The start of an HTML comment's body that makes it an ignore comment. */
export const IGNORE_BODY_RE = /^\s*glossaire-ignore\s*:?/;

/** True when [from, to) of the text may hold (part of) an ignore comment. */
export function hasIgnoreComment(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes(IGNORE_KEYWORD);
}

/** An ignore comment listing `words` (already joined). */
export function formatIgnoreComment(words: string): string {
  return `<!-- ${IGNORE_KEYWORD}: ${words} -->`;
}

/** Splits an ignore comment's list into its words (spaces, commas or semicolons between). */
export function splitIgnoreList(list: string): string[] {
  return list.split(/[\s,;]+/).filter((w) => w.length > 0);
}
