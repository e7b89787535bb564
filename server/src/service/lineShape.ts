/**
 * What one line of Markdown is: its indentation, list marker, fence, heading, thematic break,
 * reference definition, and whether it continues the paragraph above. The block pass
 * (blocks.ts), the incremental path (`lineShape`) and the line-by-line readers (harvest.ts,
 * the Markdown glossary) all read a line through these. Pure functions of the text.
 */

import { CH_SPACE, CH_TAB } from './lines';

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

/**
 * The run length of the code fence a line opens at `i` (after at most 3 columns of
 * indentation): 3 or more backticks or tildes, a backtick fence's info string without
 * backticks; 0 when the line opens none.
 */
export function fenceOpenAt(text: string, i: number, lineEnd: number): number {
  const c0 = text.charCodeAt(i);
  if (c0 !== 96 && c0 !== 126) return 0;
  const run = markRun(text, i, lineEnd, c0);
  if (run < 3) return 0;
  if (c0 === 96) {
    const tick = text.indexOf('`', i + run);
    if (tick !== -1 && tick < lineEnd) return 0;
  }
  return run;
}

/** True when the line [from, lineEnd) closes a fence of `run` marks `c0` (up to 3 spaces, nothing after). */
export function closesFence(text: string, from: number, lineEnd: number, c0: number, run: number): boolean {
  let j = from;
  while (j < lineEnd && text.charCodeAt(j) === CH_SPACE) j++;
  const r = markRun(text, j, lineEnd, c0);
  return j - from <= 3 && r >= run && text.slice(j + r, lineEnd).trim() === '';
}

/** Length of the run of `c0` (a backtick or tilde) from `i`: a fence when 3 or more. */
export function markRun(text: string, i: number, to: number, c0: number): number {
  let run = 0;
  while (i + run < to && text.charCodeAt(i + run) === c0) run++;
  return run;
}

/** Offset of the content of a list item whose marker is at `i` (after the marker and its spaces), or -1 when none is. */
export function listItemContentAt(text: string, i: number, lineEnd: number): number {
  const marker = listMarkerAt(text, i, lineEnd);
  if (marker === ListMarker.None) return -1;
  const after = marker === ListMarker.Bullet ? i + 1 : digitsEnd(text, i, lineEnd) + 1;
  return indentEnd(text, after, lineEnd);
}

/** The first offset of [from, to) after the indentation and the block quote marks (`>`). */
export function quotedContentStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== CH_SPACE && c !== CH_TAB && c !== 62) break;
    i++;
  }
  return i;
}

/** True when [i, lineEnd) is a thematic break: three or more `-`, `*` or `_` alike, spaces between. */
export function isThematicBreak(text: string, i: number, lineEnd: number): boolean {
  const c0 = text.charCodeAt(i);
  if (c0 !== 45 && c0 !== 42 && c0 !== 95) return false;
  let marks = 0;
  for (let k = i; k < lineEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === c0) marks++;
    else if (c !== CH_SPACE && c !== CH_TAB) return false;
  }
  return marks >= 3;
}

/** An ATX heading: its level and its content (trimmed, closing `#`s removed). */
export interface AtxHeading {
  readonly level: number;
  readonly start: number;
  readonly end: number;
}

/** The ATX heading the line [from, to) is (`#` to `######` after at most 3 spaces), or undefined. */
export function atxHeadingAt(text: string, from: number, to: number): AtxHeading | undefined {
  let i = from;
  while (i < to && i - from < 4 && text.charCodeAt(i) === CH_SPACE) i++;
  if (i - from > 3) return undefined;
  const level = markRun(text, i, to, 35);
  if (level === 0 || level > 6) return undefined;
  let start = i + level;
  if (start < to && text.charCodeAt(start) !== CH_SPACE && text.charCodeAt(start) !== CH_TAB) return undefined;
  start = indentEnd(text, start, to);
  let end = to;
  while (end > start && (text.charCodeAt(end - 1) === CH_SPACE || text.charCodeAt(end - 1) === CH_TAB)) end--;
  // A closing sequence: #s after a space (or the whole content).
  let h = end;
  while (h > start && text.charCodeAt(h - 1) === 35) h--;
  if (h < end && (h === start || text.charCodeAt(h - 1) === CH_SPACE || text.charCodeAt(h - 1) === CH_TAB)) {
    end = h;
    while (end > start && (text.charCodeAt(end - 1) === CH_SPACE || text.charCodeAt(end - 1) === CH_TAB)) end--;
  }
  return { level, start, end };
}

/**
 * True when the line [from, to) continues the paragraph or list item above it (lazily, as
 * CommonMark's paragraph continuation): not blank, and opening no other block — a heading, a
 * fence, a thematic break or a list item.
 */
export function continuesParagraph(text: string, from: number, to: number): boolean {
  const i = quotedContentStart(text, from, to);
  if (i >= to) return false;
  const c = text.charCodeAt(i);
  if (c === 35 && atxHeadingAt(text, i, to)) return false;
  if (fenceOpenAt(text, i, to) > 0 || isThematicBreak(text, i, to)) return false;
  return listMarkerAt(text, i, to) === ListMarker.None;
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
