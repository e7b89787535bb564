/**
 * Block-level Markdown: the one owner of front matter, of which lines are code (fenced,
 * indented) or reference definitions, of paragraph bounds and of the `glossaire-ignore`
 * comment; what a single line is lives beside it in lineShape.ts, line ends in lines.ts. The
 * scanner (markdown.ts: the block pass below, then its inline pass), the incremental path
 * (incremental.ts: which edits keep the blocks), the "ignore in this file" edit (ignore.ts) and
 * the line-by-line readers (harvest.ts, the Markdown glossary) all read these, so a construct
 * recognised here is recognised the same way by all. Pure functions of the text; nothing here
 * holds state between calls.
 */

import { afterBreak, Chars, CH_NL, CH_CR, CH_SPACE, CH_TAB, lineBreakBefore, LineEnds, lineEndAt, lineStartAt } from './lines';
import { closesFence, fenceOpenAt, indentColumns, indentEnd, isReferenceDefinition, ListMarker, listMarkerAt } from './lineShape';

// ---- Front matter ----------------------------------------------------------------------

/** A front matter block: `---` alone on the first line, up to a `---` or `...` line. */
export interface FrontMatter {
  /** Start of the closing line. */
  readonly closeLine: number;
  /** Offset after the closing line (the first offset of the body). */
  readonly end: number;
}

/**
 * True when the text's first line opens front matter: `---` alone (a byte order mark before it
 * and spaces or tabs after it allowed).
 */
export function opensFrontMatter(text: string): boolean {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', from)) return false;
  const e = lineEndAt(text, from + 3);
  return indentEnd(text, from + 3, e) === e;
}

/**
 * True when a text starting with `head` (its first characters, 4 are enough) may open front
 * matter, whatever follows on the line: an edit of that line may open or close it.
 */
export function mayOpenFrontMatter(head: string): boolean {
  return head.startsWith('---') || head.startsWith('\uFEFF---');
}

/** The note's front matter, or undefined (none, or never closed: then it is prose). */
export function findFrontMatter(text: string, lines = new LineEnds(text)): FrontMatter | undefined {
  if (!opensFrontMatter(text)) return undefined;
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
  if (!opensFrontMatter(text)) return -1;
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

/** The prose segment [segments[k], segments[k + 1]) holding `pos` (its k), or -1: a binary search. */
export function segmentAt(segments: readonly number[], pos: number): number {
  let lo = 0;
  let hi = segments.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (pos < segments[2 * mid]) hi = mid - 1;
    else if (pos >= segments[2 * mid + 1]) lo = mid + 1;
    else return 2 * mid;
  }
  return -1;
}

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
      const run = fenceOpenAt(text, i, lineEnd);
      if (run > 0) {
        let p = lines.next(pos);
        let close = len;
        while (p < len) {
          const e = lines.endAt(p);
          if (closesFence(text, p, e, c0, run)) {
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
