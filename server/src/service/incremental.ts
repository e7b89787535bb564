/**
 * Incremental re-analysis of an edited note: the edited paragraph is scanned again, the rules
 * run again from a little before it until their decisions agree with the previous run's, and
 * the rest of the previous analysis is kept, shifted. The result is always the analysis
 * `analyzeText` gives for the new text (the unit tests check it on thousands of random edits);
 * an edit that could reach past its paragraph makes a full analysis instead.
 *
 * Design note: why a paragraph is enough, and when it is not.
 * - Block structure (front matter, fences, indented code, lists, reference definitions) is
 *   decided line by line from each line's shape: blank or not, indentation, first character,
 *   list marker. An edit without a line break that keeps its line's shape, and touches neither
 *   the front matter nor a line starting with ` ~ or [, leaves every block where it was.
 * - Inline, an empty line resets the scanner (the next word starts a new phrase whatever came
 *   before), and code spans and link destinations end with their paragraph. Only HTML comments,
 *   tags and autolinks can reach further: the scan records those that span a line break, and a
 *   paragraph under one or holding a `<`, or an edit typing or deleting a `>`, is not done here.
 * - The rules decide word by word, each decision looking at most `longest form + 2` words
 *   back and ahead, and a multi-word fix may take back results decided just before it. The
 *   run restarts at a word the previous run decided at, far enough before the change and not
 *   inside such a take-back, and stops once both runs have decided at the same words and made
 *   the same results over a stretch longer than any decision can see, at a word the previous
 *   run did not take back from.
 * - Note-level facts (words and accented words counted, NFD note, ignore comments) are kept
 *   as counts and updated; an edit that flips the NFD question falls back to a full analysis.
 */

import { AnalysisScratch, finishAnalysis, getLongestForm, getRuleInputs, getWordTable, MatchRun, RuleInputs } from './analyze';
import { Analysis, AnalyzeOptions, Finding, FindingCode, OffsetEdit, Occurrence } from './model';
import { Glossary } from './glossary';
import { Chars, frontMatterReach, getProseSegments, hasIgnoreComment, lineEndAt, lineShape, lineStartAt, paragraphEnd, paragraphStart } from './blocks';
import { scanTokens, scanWindow, TokenBuffer, TokenFlag } from './markdown';
import {
  AnalysisTrace, copyToken, crlfAt, hasChar, hasLineBreak, inStepFrom, insideTakeBack, keptPrefix, lowerBound, NewText, overlapsSpan,
  sameNumbers, segmentAt, shiftFinding, shiftOccurrence, shiftOffsets, spliceIds, spliceTokens, withinOneSegment,
} from './incrementalTrace';

export type { AnalysisTrace } from './incrementalTrace';

/** An analysis, with what an update needs to redo only part of it. */
export interface AnalysisState {
  readonly text: string;
  readonly analysis: Analysis;
  /** How this state was made: the whole note analysed, or only around an edit. */
  readonly mode: 'full' | 'incremental';
  /** Why an update analysed the whole note (for tracing). */
  readonly reason?: string;
  /**
   * An update that read of the new text only the edit's surroundings, through the previous
   * text (so a rope made by the edit was not flattened for it).
   */
  readonly quick?: boolean;
  /** Internal: the previous run's tokens and decisions. */
  readonly trace: AnalysisTrace;
}

/** The longest paragraph re-scanned on its own; past that, the whole note is analysed. */
const MAX_WINDOW = 64 * 1024;

/**
 * Analyses a note and keeps what later updates need. Same analysis as `analyzeText`.
 * @param scratch the caller's reusable buffers and memos (a service's); fresh ones otherwise.
 */
export function analyzeWithState(text: string, glossary: Glossary, options: AnalyzeOptions, scratch = new AnalysisScratch()): AnalysisState {
  const tokens = new TokenBuffer();
  const scan = scanTokens(text, tokens);
  const n = tokens.count;
  const table = getWordTable(glossary);
  const ids = new Int32Array(Math.max(16, n));
  table.resolve(text, tokens, ids);
  const decided = new Uint8Array(Math.max(16, n));
  const run = new MatchRun(text, tokens, ids, table.entries, glossary, getRuleInputs(options, scan.ignoredWords), decided);
  run.match(0, n);
  let decomposed = 0;
  for (let k = 0; k < n; k++) if (tokens.flags[k] & TokenFlag.Decomposed) decomposed++;
  const trace: AnalysisTrace = {
    glossary, optionsKey: optionsKey(options, scratch), tableGeneration: table.generation, tokens, ids, decided,
    segments: scan.segments, spans: scan.spans, ignoredWords: scan.ignoredWords,
    findings: run.findings, findingAt: run.findingAt, occurrences: run.occurrences, occurrenceAt: run.occurrenceAt,
    takeBacks: run.takeBacks, words: run.words, accentedWords: run.accentedWords, decomposed,
    frontMatterEnd: frontMatterReach(text),
  };
  return { text, analysis: finish(trace, options), mode: 'full', trace };
}

/**
 * The state of the text after `edits`, from the state before them. The new state takes over
 * the old one's buffers: update a state once (a second update of it analyses the whole note;
 * its `analysis` stays valid).
 * @param text the text after the edits.
 * @param edits the changes, in order, each in the coordinates of the text the previous one
 * left (as LSP's incremental `contentChanges`).
 */
export function updateAnalysis(prev: AnalysisState, text: string, edits: readonly OffsetEdit[], glossary: Glossary, options: AnalyzeOptions, scratch = new AnalysisScratch()): AnalysisState {
  const trace = prev.trace;
  settleTrace(trace);
  const full = (reason: string): AnalysisState => ({ ...analyzeWithState(text, glossary, options, scratch), reason });
  if (trace.consumed) return full('state already updated');
  if (glossary !== trace.glossary) return full('glossary');
  if (optionsKey(options, scratch) !== trace.optionsKey) return full('options');
  const table = getWordTable(glossary);
  if (table.generation !== trace.tableGeneration) return full('word memo cleared');
  const change = mergeEdits(edits);
  if (!change) return text === prev.text ? prev : full('no edits');
  if (text.length !== prev.text.length + change.newEnd - change.oldEnd) return full('edits do not fit');
  // One edit is read through the previous text (NewText): typing in prose then never reads
  // `text`, so the editor's rope is not flattened for it. Several edits read the new text.
  const fresh = edits.length === 1 ? new NewText(prev.text, change.start, change.oldEnd, edits[0].newText) : text;
  const at = locateChange(prev.text, fresh, change, trace);
  if (typeof at === 'string') return full(at);
  const w = findWindow(prev.text, text, fresh, change, at, trace);
  if (typeof w === 'string') return full(w);
  if (fresh instanceof NewText && !at.reshaped && at.lineStart > 0) {
    const quick = updateFromEdit(prev, text, fresh, change, w, glossary, options, scratch);
    if (quick) return quick;
  }
  const next = updateAround(prev, text, change, w, glossary, options);
  return typeof next === 'string' ? full(next) : next;
}

interface Change {
  /** [start, oldEnd) of the old text became [start, newEnd) of the new one. */
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** One change covering sequential edits. */
function mergeEdits(edits: readonly OffsetEdit[]): Change | undefined {
  let change: Change | undefined;
  for (const e of edits) {
    const grow = e.newText.length - (e.end - e.start);
    if (!change) {
      change = { start: e.start, oldEnd: e.end, newEnd: e.start + e.newText.length };
      continue;
    }
    // e is in the coordinates of the text after `change`; beyond change.newEnd they are the
    // old ones shifted by newEnd - oldEnd.
    const end = Math.max(change.newEnd, e.end);
    change = { start: Math.min(change.start, e.start), oldEnd: end - (change.newEnd - change.oldEnd), newEnd: end + grow };
  }
  return change;
}

/**
 * The text after the change as an update reads it: the new string itself, or the old text
 * seen through a single edit (`NewText`, which never makes V8 flatten the new text).
 */
type NewTextView = Chars & { slice(from: number, to: number): string };

/** Where a change lies, and what it does to its line (step 1). */
interface Located {
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
interface Window {
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
interface Rescan {
  win: TokenBuffer;
  winIds: Int32Array;
  /** Tokens of the new text written with combining marks. */
  decomposed: number;
}

/**
 * Step 1, the guards: a reason when the change may reach past its paragraph (line breaks
 * that merge, HTML, front matter), else where it lies.
 */
function locateChange(old: string, fresh: NewTextView, change: Change, t: AnalysisTrace): Located | string {
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
  if (lineStart === 0 && (old.startsWith('---') || fresh.slice(0, 3) === '---')) return 'front matter';
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
function findWindow(old: string, text: string, fresh: NewTextView, change: Change, at: Located, t: AnalysisTrace): Window | string {
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
function rescan(part: string, from: number, old: string, delta: number, w: Window, t: AnalysisTrace, glossary: Glossary): Rescan | string {
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
  for (let k = w.oa; k < w.ob; k++) if (t.tokens.flags[k] & TokenFlag.Decomposed) decomposed--;
  for (let k = 0; k < win.count; k++) if (win.flags[k] & TokenFlag.Decomposed) decomposed++;
  if (decomposed > 0 !== t.decomposed > 0) return 'NFD'; // NFD fixes everywhere, or none
  const table = getWordTable(glossary);
  const winIds = new Int32Array(Math.max(1, win.count));
  table.resolve(part, win, winIds);
  if (table.generation !== t.tableGeneration) return 'word memo cleared';
  return { win, winIds, decomposed };
}

/** How far the rules look, in tokens, for a glossary (step 5). */
interface Reach {
  longest: number;
  /** How far a decision looks ahead, or back (with the determiner). */
  reach: number;
  /** What later decisions can still see or take back. */
  stretch: number;
  /** The word the rules start again from: decided by the old run far enough before the window, not inside a take-back. */
  r: number;
}

/** Step 5: where the rules start again, before the old tokens [oa, …). */
function restartPoint(t: AnalysisTrace, oa: number, glossary: Glossary): Reach {
  const longest = getLongestForm(glossary);
  const reach = longest + 3;
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
function runToSync(run: MatchRun, t: AnalysisTrace, decided: Uint8Array, s: Reach, n2: number, tb: number, dt: number, delta: number, base: number, limit: number): number {
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
function updatedCounts(t: AnalysisTrace, run: MatchRun, r: number, j: number, w: Window, windowCounts: number[], flags: Uint8Array, shiftAfter: number): { words: number; accentedWords: number } {
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
function countedIn(t: AnalysisTrace, oa: number, ob: number): number[] {
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
function appendOldTail(t: AnalysisTrace, j: number, dt: number, delta: number, findings: Finding[], findingAt: number[], takeBacks: number[]): void {
  for (let k = lowerBound(t.findingAt, t.findingAt.length, j); k < t.findings.length; k++) {
    findings.push(shiftFinding(t.findings[k], delta));
    findingAt.push(t.findingAt[k] + dt);
  }
  for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k] >= j) takeBacks.push(t.takeBacks[k] + dt, t.takeBacks[k + 1] + dt);
}

/** Step 7 for occurrences (made later on the quick path): the old ones from old token j on, shifted. */
function appendOldOccurrences(t: AnalysisTrace, occurrences: Occurrence[], occurrenceAt: number[], j: number, dt: number, delta: number): void {
  for (let k = lowerBound(t.occurrenceAt, t.occurrenceAt.length, j); k < t.occurrences.length; k++) {
    occurrences.push(shiftOccurrence(t.occurrences[k], delta));
    occurrenceAt.push(t.occurrenceAt[k] + dt);
  }
}

/** The take-backs the old run made before token r (they stand). */
function takeBacksBefore(t: AnalysisTrace, r: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k + 1] < r) out.push(t.takeBacks[k], t.takeBacks[k + 1]);
  return out;
}

/**
 * The update over the whole new text: steps 4 to 7 with the tokens spliced in place and the
 * rules run on the note's own buffers. For changes the quick path does not take (line
 * breaks, a line that changed shape, several edits).
 */
function updateAround(prev: AnalysisState, text: string, change: Change, w: Window, glossary: Glossary, options: AnalyzeOptions): AnalysisState | string {
  const t = prev.trace;
  const delta = change.newEnd - change.oldEnd;
  const scan = rescan(text, 0, prev.text, delta, w, t, glossary);
  if (typeof scan === 'string') return scan;
  const { win, winIds, decomposed } = scan;
  const { oa, ob } = w;
  const oldTokens = t.tokens;
  const n = oldTokens.count;
  const wc = win.count;
  const n2 = n - (ob - oa) + wc;
  const dt = wc - (ob - oa);
  const windowCounts = countedIn(t, oa, ob);
  // Tokens and word ids are updated in place (the previous state hands them over); the old
  // decisions stay as they were, for the comparison.
  const s = restartPoint(t, oa, glossary); // before the splice: it reads the old tokens' count
  t.consumed = true;
  const tokens = oldTokens;
  spliceTokens(tokens, oa, ob, win, delta);
  const { ids, decided } = spliceIds(t, n, oa, ob, winIds, wc);

  const table = getWordTable(glossary);
  const run = new MatchRun(text, tokens, ids, table.entries, glossary, getRuleInputs(options, t.ignoredWords), decided, true, decomposed > 0);
  const fi = lowerBound(t.findingAt, t.findingAt.length, s.r);
  const oi = lowerBound(t.occurrenceAt, t.occurrenceAt.length, s.r);
  for (let k = 0; k < fi; k++) {
    run.findings.push(t.findings[k]);
    run.findingAt.push(t.findingAt[k]);
  }
  for (let k = 0; k < oi; k++) {
    run.occurrences.push(t.occurrences[k]);
    run.occurrenceAt.push(t.occurrenceAt[k]);
  }
  const sync = runToSync(run, t, decided, s, n2, oa + wc, dt, delta, 0, n2);

  // Results: the new run's, then the old ones decided from the sync point on, shifted.
  const { findings, findingAt, occurrences, occurrenceAt } = run;
  const takeBacks = takeBacksBefore(t, s.r).concat(run.takeBacks);
  const j = sync >= 0 ? sync - dt : n; // the same word, old numbering
  if (sync >= 0) {
    appendOldTail(t, j, dt, delta, findings, findingAt, takeBacks);
    appendOldOccurrences(t, occurrences, occurrenceAt, j, dt, delta);
  }
  const { words, accentedWords } = updatedCounts(t, run, s.r, j, w, windowCounts, tokens.flags, dt);
  const trace: AnalysisTrace = {
    glossary, optionsKey: t.optionsKey, tableGeneration: t.tableGeneration, tokens, ids, decided,
    segments: w.segments, spans: shiftOffsets(t.spans, change.start, delta, prev.text.length), ignoredWords: t.ignoredWords,
    findings, findingAt, occurrences, occurrenceAt, takeBacks, words, accentedWords, decomposed,
    frontMatterEnd: t.frontMatterEnd,
  };
  return { text, analysis: finish(trace, options), mode: 'incremental', trace };
}

/** Tokens kept before the run's first word, and after its last, in the quick path's window. */
const BACK_CONTEXT = (longest: number) => 2 * longest + 8;
const AHEAD_CONTEXT = (longest: number) => longest + 8;

/**
 * The quick path, for one edit that keeps its line's shape in prose: the same steps and the
 * same result as updateAround, but the new text is only read around the edit, through the old
 * text (`NewText`), and the rules run on a window of tokens with a string of its own. An
 * analysis then costs nothing in the size of the note but array copies, and the note's new
 * text (a rope the editor's update made) is not flattened for it. Undefined when the rules
 * would need more than the window (updateAround then does it), before it changes anything of `prev`.
 */
function updateFromEdit(prev: AnalysisState, text: string, fresh: NewText, change: Change, w: Window, glossary: Glossary, options: AnalyzeOptions, buffers: AnalysisScratch): AnalysisState | undefined {
  const old = prev.text;
  const t = prev.trace;
  const { start, oldEnd } = change;
  const delta = change.newEnd - oldEnd;
  const { ws, we, oa, ob } = w;
  const oldTokens = t.tokens;
  const n = oldTokens.count;

  // Where the rules start again, and the tokens they may read: [l0, l1) in the new
  // numbering, the same count after the window in both numberings.
  const s = restartPoint(t, oa, glossary);
  const { longest, r } = s;
  const l0 = Math.max(0, r - BACK_CONTEXT(longest));
  const after = Math.min(n - ob, s.stretch + s.reach + AHEAD_CONTEXT(longest) + 64);

  // The new text the scan and the rules read: whole lines from before token l0 to after the
  // last token of the window of tokens, and past the paragraph.
  const firstAt = l0 < oa ? oldTokens.start[l0] : ws;
  const from = lineStartAt(old, Math.max(0, Math.min(ws, firstAt) - 1));
  let to = Math.max(we + 8, lineEndAt(old, oldEnd) + delta);
  if (after > 0) to = Math.max(to, lineEndAt(old, oldTokens.end[ob + after - 1]) + delta);
  to = Math.min(to, fresh.length);
  if (to - from > 4 * MAX_WINDOW) return undefined;
  const part = fresh.slice(from, to);
  const scan = rescan(part, from, old, delta, w, t, glossary);
  if (typeof scan === 'string') return undefined;
  const { win, winIds, decomposed } = scan;
  const wc = win.count;
  const n2 = n - (ob - oa) + wc;
  const dt = wc - (ob - oa);
  const tb = oa + wc;
  const l1 = tb + after;
  const m = l1 - l0;
  // The quick path's window of tokens, word ids and decisions, reused from edit to edit
  // (typed arrays are costly to make at each keystroke).
  const scratch = buffers.window;
  const local = scratch.tokens;
  local.clear();
  local.reserve(m);
  if (scratch.ids.length < m) scratch.ids = new Int32Array(m + (m >> 1));
  if (scratch.decided.length < m) scratch.decided = new Uint8Array(m + (m >> 1));
  const localIds = scratch.ids;
  // The old tokens before and after the window, and the window's (already in part's offsets).
  let c = 0;
  for (let k = l0; k < oa; k++, c++) copyToken(local, c, oldTokens, k, -from, localIds, t.ids[k]);
  for (let k = 0; k < wc; k++, c++) copyToken(local, c, win, k, 0, localIds, winIds[k]);
  for (let k = ob; k < ob + after; k++, c++) copyToken(local, c, oldTokens, k, delta - from, localIds, t.ids[k]);
  local.count = m;
  const localDecided = scratch.decided;
  const table = getWordTable(glossary);
  const run = new MatchRun(part, local, localIds, table.entries, glossary, ruleInputsOf(options, t.ignoredWords, buffers), localDecided, true, decomposed > 0);
  // The results decided in [l0, r) stand, and one before them as a guard: a fix decided from r
  // may take results back, never as far as the guard (see BACK_CONTEXT; checked below).
  const fi0 = Math.max(0, lowerBound(t.findingAt, t.findingAt.length, l0) - 1);
  const fi = lowerBound(t.findingAt, t.findingAt.length, r);
  for (let k = fi0; k < fi; k++) {
    run.findings.push(shiftFinding(t.findings[k], -from));
    run.findingAt.push(t.findingAt[k] - l0);
  }
  const oi0 = Math.max(0, lowerBound(t.occurrenceAt, t.occurrenceAt.length, l0) - 1);
  const oi = lowerBound(t.occurrenceAt, t.occurrenceAt.length, r);
  for (let k = oi0; k < oi; k++) {
    run.occurrences.push(shiftOccurrence(t.occurrences[k], -from));
    run.occurrenceAt.push(t.occurrenceAt[k] - l0);
  }
  const preFindings = run.findings.slice();
  const preOccurrences = run.occurrences.slice();
  const sync = runToSync(run, t, localDecided, s, n2, tb, dt, delta - from, l0, l1);
  if (sync === -2) return undefined; // the rules would read past the window
  // Results taken back are popped from the end: those still first are the ones never taken.
  const keptFindings = keptPrefix(run.findings, preFindings);
  const keptOccurrences = keptPrefix(run.occurrences, preOccurrences);
  if ((fi0 > 0 && keptFindings === 0) || (oi0 > 0 && keptOccurrences === 0)) return undefined; // the guard was taken
  const end = sync >= 0 ? sync : n2;
  const runDecided = localDecided.slice(r - l0, end - l0); // the scratch is reused before the deferred work runs
  const windowCounts = countedIn(t, oa, ob);

  // From here on, as updateAround: the previous state's buffers are taken over. What the
  // diagnostics need is made now: the findings, the counts, the blocks. The tokens, word ids,
  // decisions and occurrences (copies in the size of the note) are brought up to date later,
  // by `settleAnalysis` (the server calls it once the diagnostics are written) or at the next
  // update; the analysis's `occurrences` does it when read.
  t.consumed = true;
  const j = sync >= 0 ? sync - dt : n; // the same word, old numbering
  const findings = t.findings.slice(0, fi0);
  const findingAt = t.findingAt.slice(0, fi0);
  for (let k = 0; k < run.findings.length; k++) {
    findings.push(k < keptFindings ? t.findings[fi0 + k] : shiftFinding(run.findings[k], from));
    findingAt.push(run.findingAt[k] + l0);
  }
  const takeBacks = takeBacksBefore(t, r);
  for (let k = 0; k < run.takeBacks.length; k++) takeBacks.push(run.takeBacks[k] + l0);
  if (sync >= 0) appendOldTail(t, j, dt, delta, findings, findingAt, takeBacks);
  const { words, accentedWords } = updatedCounts(t, run, r, j, w, windowCounts, oldTokens.flags, 0);

  const trace: AnalysisTrace = {
    glossary, optionsKey: t.optionsKey, tableGeneration: t.tableGeneration, tokens: oldTokens, ids: t.ids, decided: t.decided,
    segments: w.segments, spans: shiftOffsets(t.spans, start, delta, old.length), ignoredWords: t.ignoredWords,
    findings, findingAt, occurrences: t.occurrences, occurrenceAt: t.occurrenceAt, takeBacks, words, accentedWords, decomposed,
    frontMatterEnd: t.frontMatterEnd,
  };
  trace.pending = () => {
    for (let k = 0; k < wc; k++) {
      win.start[k] += from;
      win.end[k] += from;
    }
    spliceTokens(oldTokens, oa, ob, win, delta);
    const { ids, decided } = spliceIds(t, n, oa, ob, winIds, wc);
    decided.set(runDecided, r);
    // Occurrences: the old ones before l0, the run's, the old ones from the sync point on.
    const occurrences = t.occurrences.slice(0, oi0);
    const occurrenceAt = t.occurrenceAt.slice(0, oi0);
    for (let k = 0; k < run.occurrences.length; k++) {
      occurrences.push(k < keptOccurrences ? t.occurrences[oi0 + k] : shiftOccurrence(run.occurrences[k], from));
      occurrenceAt.push(run.occurrenceAt[k] + l0);
    }
    if (sync >= 0) appendOldOccurrences(t, occurrences, occurrenceAt, j, dt, delta);
    trace.ids = ids;
    trace.decided = decided;
    trace.occurrences = occurrences;
    trace.occurrenceAt = occurrenceAt;
  };
  return { text, analysis: finishLater(trace, options), mode: 'incremental', quick: true, trace };
}

/** Does the work an update left for later (see updateFromEdit): none is left after it. */
function settleTrace(t: AnalysisTrace): void {
  const pending = t.pending;
  if (!pending) return;
  t.pending = undefined;
  pending();
}

/**
 * Brings a state's buffers up to date, work its update left for later (a copy in the size of
 * the note). Optional: the next update, or reading `analysis.occurrences`, does it anyway; a
 * server calls it when idle, so that the next keystroke does not.
 */
export function settleAnalysis(state: AnalysisState): void {
  settleTrace(state.trace);
}

/** `finish` for a trace with work left: its occurrences are made when first read. */
function finishLater(trace: AnalysisTrace, options: AnalyzeOptions): Analysis {
  const analysis = finishAnalysis(copyFindings(trace.findings, options), [], trace.words, trace.accentedWords, options.severities);
  Object.defineProperty(analysis, 'occurrences', {
    enumerable: true,
    configurable: true,
    get() {
      settleTrace(trace);
      const occurrences = trace.occurrences.slice();
      Object.defineProperty(analysis, 'occurrences', { value: occurrences, enumerable: true, configurable: true, writable: true });
      return occurrences;
    },
  });
  return analysis;
}

/** The analysis of a trace: the note-level steps on copies (the trace keeps the originals). */
function finish(trace: AnalysisTrace, options: AnalyzeOptions): Analysis {
  return finishAnalysis(copyFindings(trace.findings, options), trace.occurrences.slice(), trace.words, trace.accentedWords, options.severities);
}

/**
 * The findings finishAnalysis may change: copies when a severity setting rewrites them, else
 * the trace's own objects (finishAnalysis changes nothing else of them).
 */
function copyFindings(findings: Finding[], options: AnalyzeOptions): Finding[] {
  const sev = options.severities;
  let rewrites = false;
  if (sev) for (const code in sev) if (sev[code as FindingCode] !== 'off') rewrites = true;
  return rewrites ? findings.map((f) => ({ ...f })) : findings.slice();
}

/** What options change an analysis (the lexicon is taken to be the same one). */
function optionsKey(options: AnalyzeOptions, scratch: AnalysisScratch): string {
  const optionKeys = scratch.optionKeys;
  // Remembered per options object (an update compares it at every keystroke), while its
  // ignore list and severities are the same objects.
  const c = optionKeys.get(options);
  if (c && c.ignoreWords === options.ignoreWords && c.severities === options.severities) return c.key;
  const key = JSON.stringify([[...(options.ignoreWords ?? [])], options.severities ?? null]);
  optionKeys.set(options, { ignoreWords: options.ignoreWords, severities: options.severities, key });
  return key;
}

/** The rules' inputs of an update: the same as long as the options and the note's ignore list are. */
function ruleInputsOf(options: AnalyzeOptions, ignoredWords: string[], scratch: AnalysisScratch): RuleInputs {
  const ruleInputs = scratch.ruleInputs;
  const c = ruleInputs.get(options);
  if (c && c.ignoredWords === ignoredWords && c.ignoreWords === options.ignoreWords) return c.inputs;
  const inputs = getRuleInputs(options, ignoredWords);
  ruleInputs.set(options, { ignoredWords, ignoreWords: options.ignoreWords, inputs });
  return inputs;
}

