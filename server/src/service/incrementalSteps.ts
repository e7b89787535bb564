/**
 * The steps of an incremental update (see incremental.ts for why a paragraph is enough), in
 * order: locate the change and refuse what may reach past its paragraph (1), find the
 * paragraph to scan again and its old tokens (2, 3), scan it (4), find where the rules start
 * again (5), run them until they agree with the previous run (6), and merge the counts and
 * results (7). Both ways of updating (incremental.ts: in place, or on a window of tokens) run
 * exactly these steps; only where the tokens live differs.
 */

import { MatchRun } from './analyze';
import { ENGLISH_GUARD_REACH } from './english';
import { getProseSegments, hasIgnoreComment, mayOpenFrontMatter, paragraphEnd, paragraphStart, segmentAt } from './blocks';
import { Glossary } from './glossary';
import { Chars, lineEndAt, lineStartAt } from './lines';
import { lineShape } from './lineShape';
import { scanWindow, TokenBuffer, TokenFlag } from './markdown';
import { AnalyzeOptions, Finding, Occurrence } from './model';
import { isNfdNote } from './noteLevel';
import { getLongestForm, getWordTable } from './scratch';
import {
  AnalysisTrace, crlfAt, hasChar, hasLineBreak, inStepFrom, insideTakeBack, lowerBound, overlapsSpan, sameNumbers,
  shiftFinding, shiftOccurrence, shiftOffsets, withinOneSegment,
} from './incrementalTrace';

/** The longest paragraph re-scanned on its own; past that, the whole note is analysed. */
export const MAX_WINDOW = 64 * 1024;

/** Tokens kept before the run's first word, and after its last, in the quick path's window. */
export const BACK_CONTEXT = (longest: number) => 2 * longest + 8;
export const AHEAD_CONTEXT = (longest: number) => longest + 8;

export interface Change {
  /** [start, oldEnd) of the old text became [start, newEnd) of the new one. */
  start: number;
  oldEnd: number;
  newEnd: number;
}


/**
 * The text after the change as an update reads it: the new string itself, or the old text
 * seen through a single edit (`NewText`, which never makes V8 flatten the new text).
 */
export type NewTextView = Chars & { slice(from: number, to: number): string };

/** Where a change lies, and what it does to its line (step 1). */
export interface Located {
  /** The change typed or deleted a line break: [lineStart, line ends) spans several lines. */
  lineBreak: boolean;
  lineStart: number;
  oldLineEnd: number;
  newLineEnd: number;
  /** The line's shape before and after (blocks.ts); undefined across line breaks. */
  oldShape: string | undefined;
  newShape: string | undefined;
  /** The line changed shape, or may open or close a block. */
  reshaped: boolean;
}

/** The paragraph to scan again (step 2) and its tokens in the old numbering (step 3). */
export interface Window {
  /** [ws, we) of the new text; ws === we outside prose (nothing to scan). */
  ws: number;
  we: number;
  /** The prose segments of the new text. */
  segments: number[];
  /** The old tokens [oa, ob) the window's replace. */
  oa: number;
  ob: number;
}

/** The window scanned again (step 4). */
export interface Rescan {
  win: TokenBuffer;
  winIds: Int32Array;
  /** Words of the new text written with combining marks, and with composed accented letters. */
  decomposed: number;
  composed: number;
  /** isNfdNote of the new text: the form of fixes of unaccented words. */
  nfd: boolean;
}

/**
 * Step 1, the guards: a reason when the change may reach past its paragraph (line breaks
 * that merge, HTML, front matter), else where it lies.
 */
export function locateChange(old: string, fresh: NewTextView, change: Change, t: AnalysisTrace): Located | string {
  const { start, oldEnd, newEnd } = change;
  // A line break typed or deleted (Enter, joining lines, a pasted block) changes the lines
  // around it: handled as a line that changed shape, over every line it touches.
  const lineBreak = hasLineBreak(old, start, oldEnd) || hasLineBreak(fresh, start, newEnd);
  // A '\r' and a '\n' that meet (or part) at an end of the change make one line break of two
  // (or two of one) outside it: the lines there are not what the offsets say.
  if (lineBreak && (crlfAt(old, start) !== crlfAt(fresh, start) || crlfAt(old, oldEnd) !== crlfAt(fresh, newEnd))) return 'CR LF';
  // A '>' typed or deleted may close or open a tag begun paragraphs before; so may a '<'
  // deleted, which stopped a tag begun before it ("<abc …" then "<!--": without the second
  // '<', the first tag runs to the comment's '>').
  if (hasChar(old, start, oldEnd, 62) || hasChar(fresh, start, newEnd, 62)) return "'>'";
  if (hasChar(old, start, oldEnd, 60)) return "'<' deleted";
  const lineStart = lineStartAt(old, start);
  const oldLineEnd = lineEndAt(old, oldEnd);
  const newLineEnd = oldLineEnd + newEnd - oldEnd;
  if (t.frontMatterEnd >= 0 && lineStart <= t.frontMatterEnd) return 'front matter';
  if (lineStart === 0 && (mayOpenFrontMatter(old.slice(0, 4)) || mayOpenFrontMatter(fresh.slice(0, 4)))) return 'front matter';
  const oldShape = lineBreak ? undefined : lineShape(old, lineStart, oldLineEnd);
  let newShape: string | undefined;
  if (!lineBreak) {
    const line = fresh.slice(lineStart, newLineEnd);
    newShape = lineShape(line, 0, line.length);
  }
  const reshaped = oldShape === undefined || oldShape !== newShape;
  if (overlapsSpan(t.spans, lineStart - 1, oldLineEnd + 1)) return 'inside HTML';
  return { lineBreak, lineStart, oldLineEnd, newLineEnd, oldShape, newShape, reshaped };
}

/**
 * Steps 2 and 3: the paragraph to scan again and the old tokens it replaces; a reason when
 * the blocks changed or the paragraph is too long. When the line changed shape, paragraphs
 * may have split or merged: both texts' paragraphs are taken. `text` (the whole new text) is
 * read only then.
 */
export function findWindow(old: string, text: string, fresh: NewTextView, change: Change, at: Located, t: AnalysisTrace): Window | string {
  const { start, oldEnd } = change;
  const delta = change.newEnd - oldEnd;
  const { lineStart, oldLineEnd, newLineEnd, reshaped } = at;
  // A line of another shape (a word typed on an empty line, an indent), or one that may open
  // or close a block, may change the blocks after it: the block pass (a fraction of a
  // millisecond per MB) says whether it did.
  let segments = shiftOffsets(t.segments, start, delta, old.length);
  if (reshaped) {
    const blocks = getProseSegments(text);
    if (!sameNumbers(blocks, segments)) return 'block structure';
    segments = blocks;
  }
  const seg = segmentAt(segments, lineStart);
  // The window lies in one prose segment, or in none: lines changed across a block (several
  // edits merged into one change, a paste over a code block) go the full way.
  if (at.lineBreak && !withinOneSegment(segments, seg, lineStart, newLineEnd)) return 'across blocks';
  let ws = lineStart;
  let we = lineStart;
  if (seg >= 0 && !(at.oldShape === 'blank' && at.newShape === 'blank')) {
    // Before the change both texts are the same: the start is read in the old one.
    ws = paragraphStart(old, lineStart, segments[seg], MAX_WINDOW);
    we = paragraphEnd(fresh, newLineEnd, segments[seg + 1], MAX_WINDOW);
    if (reshaped) {
      const wsOld = paragraphStart(old, lineStart, t.segments[seg], MAX_WINDOW);
      const weOld = paragraphEnd(old, oldLineEnd, t.segments[seg + 1], MAX_WINDOW);
      if (wsOld < 0 || weOld < 0) return 'long paragraph';
      ws = Math.min(ws, wsOld);
      we = Math.max(we, weOld + delta);
    }
    if (ws < 0 || we < 0 || we - ws > MAX_WINDOW) return 'long paragraph';
    if (overlapsSpan(t.spans, ws - 1, we - delta + 1)) return 'inside HTML';
  }
  const n = t.tokens.count;
  const oa = lowerBound(t.tokens.start, n, ws);
  const ob = we > ws ? lowerBound(t.tokens.start, n, we - delta) : lowerBound(t.tokens.start, n, oldEnd);
  return { ws, we, segments, oa, ob };
}

/**
 * Step 4: the window's tokens and word ids, scanned again from `part` (the new text from
 * offset `from` on); a reason when the window holds what a paragraph cannot bound (HTML, an
 * ignore list) or flips the NFD question.
 */
export function rescan(part: string, from: number, old: string, delta: number, w: Window, t: AnalysisTrace, glossary: Glossary): Rescan | string {
  const win = new TokenBuffer();
  if (w.we > w.ws) {
    // HTML may reach past a paragraph, and an edit may uncover a '<' that a code span or a
    // link destination hid: the window's own '<' must all close on their line, and an ignore
    // list (read for the whole note) must not be in it. What the scan reads past the
    // paragraph's end is the empty line that ends it, or the note's end.
    const scanned = scanWindow(part, w.ws - from, w.we - from, win);
    if (scanned.spans.length > 0 || scanned.loneAngles > 0) return "'<' in the paragraph";
    if (scanned.ignoredWords.length > 0 || hasIgnoreComment(old, w.ws, w.we - delta)) return 'ignore comment';
  }
  let decomposed = t.decomposed;
  let composed = t.composed;
  for (let k = w.oa; k < w.ob; k++) {
    if (t.tokens.flags[k] & TokenFlag.Decomposed) decomposed--;
    else if (t.tokens.flags[k] & TokenFlag.NonAscii) composed--;
  }
  for (let k = 0; k < win.count; k++) {
    if (win.flags[k] & TokenFlag.Decomposed) decomposed++;
    else if (win.flags[k] & TokenFlag.NonAscii) composed++;
  }
  const nfd = isNfdNote(decomposed, composed);
  if (nfd !== isNfdNote(t.decomposed, t.composed)) return 'NFD'; // the form of fixes of unaccented words
  const table = getWordTable(glossary);
  const winIds = new Int32Array(Math.max(1, win.count));
  table.resolve(part, win, winIds);
  if (table.store !== t.wordStore || table.generation !== t.tableGeneration) return 'word memo cleared';
  return { win, winIds, decomposed, composed, nfd };
}

/** How far the rules look, in tokens, for a glossary (step 5). */
export interface Reach {
  longest: number;
  /** How far a decision looks ahead, or back (with the determiner). */
  reach: number;
  /** What later decisions can still see or take back. */
  stretch: number;
  /** The word the rules start again from: decided by the old run far enough before the window, not inside a take-back. */
  r: number;
}

/** Step 5: where the rules start again, before the old tokens [oa, …). */
export function restartPoint(t: AnalysisTrace, oa: number, glossary: Glossary, options: AnalyzeOptions): Reach {
  const longest = getLongestForm(glossary);
  // The longest form and the determiner or capitals around it, or the bilingual guard's
  // neighbours and acronym (english.ts).
  const reach = Math.max(longest + 3, options.english ? ENGLISH_GUARD_REACH + 1 : 0);
  const stretch = 2 * reach + longest;
  let r = Math.min(oa - reach - 1, t.tokens.count - 1);
  while (r > 0 && (!t.decided[r] || insideTakeBack(t.takeBacks, r))) r--;
  return { longest, reach, stretch, r: Math.max(0, r) };
}

/**
 * Step 6: runs the rules word by word from token `r` (note numbering; the run numbers its
 * tokens from `base`) until it is in step with the old run. Returns that token, -1 at the
 * note's end, -2 when the run would read past its last token `limit` (a window of tokens).
 */
export function runToSync(run: MatchRun, t: AnalysisTrace, decided: Uint8Array, s: Reach, n2: number, tb: number, dt: number, delta: number, base: number, limit: number): number {
  let i = s.r;
  while (i < n2) {
    if (i >= tb + s.stretch + s.reach && t.decided[i - dt] && inStepFrom(t, run, decided, i, dt, s.stretch, delta, base)) return i;
    if (limit < n2 && i + AHEAD_CONTEXT(s.longest) >= limit) return -2;
    const next = run.match(i - base, i - base + 1) + base;
    for (let k = i + 1; k < next; k++) decided[k - base] = 0;
    i = next;
  }
  return -1;
}

/**
 * Step 7, the counts: the old run's, less what it counted over [r, j) (old numbering), plus
 * the new run's. `flags` holds the old tokens before the window at their place and those
 * after it moved by `shiftAfter`; `windowFlags` the old tokens [oa, ob) of the window.
 */
export function updatedCounts(t: AnalysisTrace, run: MatchRun, r: number, j: number, w: Window, windowCounts: number[], flags: Uint8Array, shiftAfter: number): { words: number; accentedWords: number } {
  let words = t.words + run.words - windowCounts[0];
  let accentedWords = t.accentedWords + run.accentedWords - windowCounts[1];
  for (let k = r; k < j; k++) {
    if ((k >= w.oa && k < w.ob) || !t.decided[k]) continue;
    const f = flags[k < w.oa ? k : k + shiftAfter];
    if (f & TokenFlag.HasDigit) continue;
    words--;
    if (f & TokenFlag.NonAscii) accentedWords--;
  }
  return { words, accentedWords };
}

/** The words (and accented words) the old run counted over its tokens [oa, ob): read before they are replaced. */
export function countedIn(t: AnalysisTrace, oa: number, ob: number): number[] {
  const counts = [0, 0];
  for (let k = oa; k < ob; k++) {
    const f = t.tokens.flags[k];
    if (!t.decided[k] || f & TokenFlag.HasDigit) continue;
    counts[0]++;
    if (f & TokenFlag.NonAscii) counts[1]++;
  }
  return counts;
}

/** Step 7, the results after the sync point: the old ones decided from old token j on, shifted. */
export function appendOldTail(t: AnalysisTrace, j: number, dt: number, delta: number, findings: Finding[], findingAt: number[], takeBacks: number[]): void {
  for (let k = lowerBound(t.findingAt, t.findingAt.length, j); k < t.findings.length; k++) {
    findings.push(shiftFinding(t.findings[k], delta));
    findingAt.push(t.findingAt[k] + dt);
  }
  for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k] >= j) takeBacks.push(t.takeBacks[k] + dt, t.takeBacks[k + 1] + dt);
}

/** Step 7 for occurrences (made later on the quick path): the old ones from old token j on, shifted. */
export function appendOldOccurrences(t: AnalysisTrace, occurrences: Occurrence[], occurrenceAt: number[], j: number, dt: number, delta: number): void {
  for (let k = lowerBound(t.occurrenceAt, t.occurrenceAt.length, j); k < t.occurrences.length; k++) {
    occurrences.push(shiftOccurrence(t.occurrences[k], delta));
    occurrenceAt.push(t.occurrenceAt[k] + dt);
  }
}

/** The take-backs the old run made before token r (they stand). */
export function takeBacksBefore(t: AnalysisTrace, r: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k + 1] < r) out.push(t.takeBacks[k], t.takeBacks[k + 1]);
  return out;
}

