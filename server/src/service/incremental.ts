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

import { AnalysisScratch, finishAnalysis, getLongestForm, isNfdNote, getRuleInputs, getWordTable, MatchRun, RuleInputs } from './analyze';
import { ENGLISH_GUARD_REACH } from './english';
import { Analysis, AnalyzeOptions, Finding, FindingCode, OffsetEdit, Occurrence } from './model';
import { Glossary } from './glossary';
import { getProseSegments, isReferenceDefinition, scanTokens, scanWindow, TokenBuffer, TokenFlag } from './markdown';

/** @deprecated the same shape as `OffsetEdit` (model.ts): use that name. */
export type TextEdit = OffsetEdit;

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

/** What the previous run scanned and decided (internal to this module). */
export interface AnalysisTrace {
  glossary: Glossary;
  optionsKey: string;
  tableGeneration: number;
  tokens: TokenBuffer;
  /** Word-memo entry of each token. */
  ids: Int32Array;
  /** 1 where the rules decided (a word not taken by the previous match). */
  decided: Uint8Array;
  segments: number[];
  spans: number[];
  ignoredWords: string[];
  /** The rules' results before the note-level steps, and the token each was decided at. */
  findings: Finding[];
  findingAt: number[];
  occurrences: Occurrence[];
  occurrenceAt: number[];
  takeBacks: number[];
  words: number;
  accentedWords: number;
  /** Words written with combining marks (see isNfdNote). */
  decomposed: number;
  /** Words written with composed accented letters (see isNfdNote). */
  composed: number;
  /** Offset of the end of the front matter (-1: none). */
  frontMatterEnd: number;
  /** An update took over the tokens and word ids: this trace cannot be updated again. */
  consumed?: boolean;
  /**
   * Work the update that made this trace left for later: until it is done, tokens, ids,
   * decided and occurrences are the previous trace's (see settleTrace).
   */
  pending?: () => void;
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
  let composed = 0;
  for (let k = 0; k < n; k++) {
    if (tokens.flags[k] & TokenFlag.Decomposed) decomposed++;
    else if (tokens.flags[k] & TokenFlag.NonAscii) composed++;
  }
  const trace: AnalysisTrace = {
    glossary, optionsKey: optionsKey(options, scratch), tableGeneration: table.generation, tokens, ids, decided,
    segments: scan.segments, spans: scan.spans, ignoredWords: scan.ignoredWords,
    findings: run.findings, findingAt: run.findingAt, occurrences: run.occurrences, occurrenceAt: run.occurrenceAt,
    takeBacks: run.takeBacks, words: run.words, accentedWords: run.accentedWords, decomposed, composed,
    frontMatterEnd: frontMatterEnd(text),
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
  // Typing in prose: done from the previous text and the edit, without reading `text` (see
  // updateFromEdit). Anything else reads the new text.
  if (edits.length === 1) {
    const quick = updateFromEdit(prev, text, change, edits[0].newText, glossary, options, scratch);
    if (quick) return quick;
  }
  const next = updateAround(prev, text, change, glossary, options);
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

/** The incremental path; a reason when the change may reach past its paragraph. */
function updateAround(prev: AnalysisState, text: string, change: Change, glossary: Glossary, options: AnalyzeOptions): AnalysisState | string {
  const old = prev.text;
  const t = prev.trace;
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;
  // A line break typed or deleted (Enter, joining lines, a pasted block) changes the lines
  // around it: handled as a line that changed shape (below), over every line it touches.
  const lineBreak = hasLineBreak(old, start, oldEnd) || hasLineBreak(text, start, newEnd);
  // A '\r' and a '\n' that meet (or part) at an end of the change make one line break of two
  // (or two of one) outside it: the lines there are not what the offsets say.
  if (lineBreak && (crlfAt(old, start) !== crlfAt(text, start) || crlfAt(old, oldEnd) !== crlfAt(text, newEnd))) return 'CR LF';
  // A '>' typed or deleted may close or open a tag begun paragraphs before; so may a '<'
  // deleted, which stopped a tag begun before it ("<abc …" then "<!--": without the second
  // '<', the first tag runs to the comment's '>').
  if (hasChar(old, start, oldEnd, 62) || hasChar(text, start, newEnd, 62)) return "'>'";
  if (hasChar(old, start, oldEnd, 60)) return "'<' deleted";
  const lineStart = lineStartAt(old, start);
  const oldLineEnd = lineEndAt(old, oldEnd);
  const newLineEnd = oldLineEnd + delta;
  if (t.frontMatterEnd >= 0 && lineStart <= t.frontMatterEnd) return 'front matter';
  if (lineStart === 0 && (old.startsWith('---') || text.startsWith('---'))) return 'front matter';
  // With a line break, [lineStart, lineEnd) spans several lines in one of the texts: no shape.
  const oldShape = lineBreak ? undefined : lineShape(old, lineStart, oldLineEnd);
  const newShape = lineBreak ? undefined : lineShape(text, lineStart, newLineEnd);
  const reshaped = oldShape === undefined || oldShape !== newShape;
  if (overlapsSpan(t.spans, lineStart - 1, oldLineEnd + 1)) return 'inside HTML';
  // A line of another shape (a word typed on an empty line, an indent), or one that may open
  // or close a block, may change the blocks after it: the block pass (a fraction of a
  // millisecond per MB) says whether it did.
  let segments = shiftOffsets(t.segments, start, delta, old.length);
  if (reshaped) {
    const fresh = getProseSegments(text);
    if (!sameNumbers(fresh, segments)) return 'block structure';
    segments = fresh;
  }

  // The paragraph to scan again, in the new text ([ws, we)), or none outside prose. When the
  // line changed shape, paragraphs may have split or merged: both texts' paragraphs are taken.
  const seg = segmentAt(segments, lineStart);
  // The window below lies in one prose segment, or in none: lines changed across a block
  // (several edits merged into one change, a paste over a code block) go the full way.
  if (lineBreak && !withinOneSegment(segments, seg, lineStart, newLineEnd)) return 'across blocks';
  let ws = lineStart;
  let we = lineStart;
  if (seg >= 0 && !(oldShape === 'blank' && newShape === 'blank')) {
    ws = paragraphStart(text, lineStart, segments[seg]);
    we = paragraphEnd(text, newLineEnd, segments[seg + 1]);
    if (reshaped) {
      const wsOld = paragraphStart(old, lineStart, t.segments[seg]);
      const weOld = paragraphEnd(old, oldLineEnd, t.segments[seg + 1]);
      if (wsOld < 0 || weOld < 0) return 'long paragraph';
      ws = Math.min(ws, wsOld);
      we = Math.max(we, weOld + delta);
    }
    if (ws < 0 || we < 0 || we - ws > MAX_WINDOW) return 'long paragraph';
    if (overlapsSpan(t.spans, ws - 1, we - delta + 1)) return 'inside HTML';
  }
  const weOld = we - delta;

  // Tokens: the old ones before and after the window, the window scanned again.
  const oldTokens = t.tokens;
  const n = oldTokens.count;
  const oa = lowerBound(oldTokens.start, n, ws);
  const ob = we > ws ? lowerBound(oldTokens.start, n, weOld) : lowerBound(oldTokens.start, n, oldEnd);
  const win = new TokenBuffer();
  if (we > ws) {
    // HTML may reach past a paragraph, and an edit may uncover a '<' that a code span or a
    // link destination hid: the window's own '<' must all close on their line, and an ignore
    // list (read for the whole note) must not be in it.
    const scanned = scanWindow(text, ws, we, win);
    if (scanned.spans.length > 0 || scanned.loneAngles > 0) return "'<' in the paragraph";
    if (scanned.ignoredWords.length > 0 || hasIgnoreComment(old, ws, we - delta)) return 'ignore comment';
  }
  const w = win.count;
  let decomposed = t.decomposed;
  let composed = t.composed;
  for (let k = oa; k < ob; k++) {
    if (oldTokens.flags[k] & TokenFlag.Decomposed) decomposed--;
    else if (oldTokens.flags[k] & TokenFlag.NonAscii) composed--;
  }
  for (let k = 0; k < w; k++) {
    if (win.flags[k] & TokenFlag.Decomposed) decomposed++;
    else if (win.flags[k] & TokenFlag.NonAscii) composed++;
  }
  const nfd = isNfdNote(decomposed, composed);
  if (nfd !== isNfdNote(t.decomposed, t.composed)) return 'NFD'; // the form of fixes of unaccented words
  const table = getWordTable(glossary);
  const winIds = new Int32Array(Math.max(1, w));
  table.resolve(text, win, winIds);
  if (table.generation !== t.tableGeneration) return 'word memo cleared';

  const n2 = n - (ob - oa) + w;
  const dt = w - (ob - oa);
  // What the old run counted in the window, before the window's tokens are replaced.
  let oldWords = 0;
  let oldAccented = 0;
  for (let k = oa; k < ob; k++) {
    if (!t.decided[k] || oldTokens.flags[k] & TokenFlag.HasDigit) continue;
    oldWords++;
    if (oldTokens.flags[k] & TokenFlag.NonAscii) oldAccented++;
  }
  // Tokens and word ids are updated in place (the previous state hands them over); the old
  // decisions stay as they were, for the comparison below.
  t.consumed = true;
  const tokens = oldTokens;
  spliceTokens(tokens, oa, ob, win, delta);
  const { ids, decided } = spliceIds(t, n, oa, ob, winIds, w);

  // The rules again, from a word decided far enough before the change.
  const longest = getLongestForm(glossary);
  const reach = reachOf(longest, options); // how far a decision looks ahead, or back (with the determiner)
  const stretch = 2 * reach + longest; // what later decisions can still see or take back
  let r = Math.min(oa - reach - 1, n - 1);
  while (r > 0 && (!t.decided[r] || insideTakeBack(t.takeBacks, r))) r--;
  if (r < 0) r = 0;
  const fi = lowerBound(t.findingAt, t.findingAt.length, r);
  const oi = lowerBound(t.occurrenceAt, t.occurrenceAt.length, r);
  const run = new MatchRun(text, tokens, ids, table.entries, glossary, getRuleInputs(options, t.ignoredWords), decided, true, nfd);
  for (let k = 0; k < fi; k++) {
    run.findings.push(t.findings[k]);
    run.findingAt.push(t.findingAt[k]);
  }
  for (let k = 0; k < oi; k++) {
    run.occurrences.push(t.occurrences[k]);
    run.occurrenceAt.push(t.occurrenceAt[k]);
  }
  for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k + 1] < r) run.takeBacks.push(t.takeBacks[k], t.takeBacks[k + 1]);
  const tb = oa + w; // first token after the window, new numbering
  let i = r;
  let sync = -1; // where the old decisions take over (new numbering)
  while (i < n2) {
    if (i >= tb + stretch + reach && t.decided[i - dt] && inStep(t, run, decided, i, dt, stretch, delta)) {
      sync = i;
      break;
    }
    const next = run.match(i, i + 1);
    for (let k = i + 1; k < next; k++) decided[k] = 0;
    i = next;
  }

  // Results: the new run's, then the old ones decided from the sync point on, shifted.
  const findings = run.findings;
  const findingAt = run.findingAt;
  const occurrences = run.occurrences;
  const occurrenceAt = run.occurrenceAt;
  const takeBacks = run.takeBacks;
  const j = sync >= 0 ? sync - dt : n; // the same word, old numbering
  if (sync >= 0) {
    for (let k = lowerBound(t.findingAt, t.findingAt.length, j); k < t.findings.length; k++) {
      findings.push(shiftFinding(t.findings[k], delta));
      findingAt.push(t.findingAt[k] + dt);
    }
    for (let k = lowerBound(t.occurrenceAt, t.occurrenceAt.length, j); k < t.occurrences.length; k++) {
      const o = t.occurrences[k];
      occurrences.push({ start: o.start + delta, end: o.end + delta, entryId: o.entryId, kind: o.kind });
      occurrenceAt.push(t.occurrenceAt[k] + dt);
    }
    for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k] >= j) takeBacks.push(t.takeBacks[k] + dt, t.takeBacks[k + 1] + dt);
  }
  // Word counts: the old run's, less what it counted over [r, j), plus the new run's. Old
  // tokens before the window are in place, after it they moved by dt (same words).
  let words = t.words + run.words - oldWords;
  let accentedWords = t.accentedWords + run.accentedWords - oldAccented;
  for (let k = r; k < j; k++) {
    if (k >= oa && k < ob) continue;
    if (!t.decided[k]) continue;
    const flags = tokens.flags[k < oa ? k : k + dt];
    if (flags & TokenFlag.HasDigit) continue;
    words--;
    if (flags & TokenFlag.NonAscii) accentedWords--;
  }

  const trace: AnalysisTrace = {
    glossary, optionsKey: t.optionsKey, tableGeneration: t.tableGeneration, tokens, ids, decided,
    segments, spans: shiftOffsets(t.spans, start, delta, old.length), ignoredWords: t.ignoredWords,
    findings, findingAt, occurrences, occurrenceAt, takeBacks, words, accentedWords, decomposed, composed,
    frontMatterEnd: t.frontMatterEnd,
  };
  return { text, analysis: finish(trace, options), mode: 'incremental', trace };
}

/**
 * The new text, read through the old one and the edit: what the quick path reads of it never
 * makes V8 flatten the new text (a rope after an edit: see server/src/lsp/document.ts).
 */
class NewText implements Chars {
  readonly length: number;
  private readonly delta: number;
  constructor(private readonly old: string, private readonly start: number, oldEnd: number, private readonly inserted: string) {
    this.delta = inserted.length - (oldEnd - start);
    this.length = old.length + this.delta;
  }

  charCodeAt(p: number): number {
    if (p < 0 || p >= this.length) return NaN;
    if (p < this.start) return this.old.charCodeAt(p);
    const q = p - this.start;
    if (q < this.inserted.length) return this.inserted.charCodeAt(q);
    return this.old.charCodeAt(p - this.delta);
  }

  /** [from, to) of the new text, as a string of its own. */
  slice(from: number, to: number): string {
    const { start, inserted, delta } = this;
    const insEnd = start + inserted.length;
    if (to <= start) return this.old.slice(from, to);
    if (from >= insEnd) return this.old.slice(from - delta, to - delta);
    return this.old.slice(from, start) + inserted.slice(Math.max(0, from - start), to - start) + this.old.slice(Math.max(from, insEnd) - delta, Math.max(to, insEnd) - delta);
  }
}


/** Tokens kept before the run's first word, and after its last, in the quick path's window. */
const BACK_CONTEXT = (longest: number) => 2 * longest + 8;
const AHEAD_CONTEXT = (longest: number) => longest + 8;

/**
 * The quick path of updateAround for one edit that keeps its line's shape in prose: the same
 * steps and the same result, but the new text is only read around the edit, through the old
 * text (`NewText`), and the rules run on a window of tokens with a string of its own. An
 * analysis then costs nothing in the size of the note but array copies, and the note's new
 * text (a rope the editor's update made) is not flattened for it. Undefined for anything else
 * (updateAround decides, reading the new text), and before it changes anything of `prev`.
 */
function updateFromEdit(prev: AnalysisState, text: string, change: Change, inserted: string, glossary: Glossary, options: AnalyzeOptions, buffers: AnalysisScratch): AnalysisState | undefined {
  const old = prev.text;
  const t = prev.trace;
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;
  if (hasLineBreak(old, start, oldEnd) || hasLineBreak(inserted, 0, inserted.length)) return undefined;
  if (hasChar(old, start, oldEnd, 62) || hasChar(inserted, 0, inserted.length, 62) || hasChar(old, start, oldEnd, 60)) return undefined;
  const lineStart = lineStartAt(old, start);
  if (lineStart === 0 || (t.frontMatterEnd >= 0 && lineStart <= t.frontMatterEnd)) return undefined;
  const oldLineEnd = lineEndAt(old, oldEnd);
  const newLineEnd = oldLineEnd + delta;
  const fresh = new NewText(old, start, oldEnd, inserted);
  const shape = lineShape(old, lineStart, oldLineEnd);
  const line = fresh.slice(lineStart, newLineEnd);
  if (shape === undefined || shape !== lineShape(line, 0, line.length)) return undefined;
  if (overlapsSpan(t.spans, lineStart - 1, oldLineEnd + 1)) return undefined;
  const segments = shiftOffsets(t.segments, start, delta, old.length);

  // The paragraph to scan again ([ws, we) of the new text), as updateAround finds it: before
  // the edit the texts are the same.
  const seg = segmentAt(segments, lineStart);
  let ws = lineStart;
  let we = lineStart;
  if (seg >= 0 && shape !== 'blank') {
    ws = paragraphStart(old, lineStart, segments[seg]);
    we = paragraphEnd(fresh, newLineEnd, segments[seg + 1]);
    if (ws < 0 || we < 0 || we - ws > MAX_WINDOW) return undefined;
    if (overlapsSpan(t.spans, ws - 1, we - delta + 1)) return undefined;
  }
  const weOld = we - delta;
  const oldTokens = t.tokens;
  const n = oldTokens.count;
  const oa = lowerBound(oldTokens.start, n, ws);
  const ob = we > ws ? lowerBound(oldTokens.start, n, weOld) : lowerBound(oldTokens.start, n, oldEnd);

  // Where the rules start again (as updateAround), and the tokens they may read: [l0, l1) in
  // the new numbering, the same count after the window in both numberings.
  const longest = getLongestForm(glossary);
  const reach = reachOf(longest, options);
  const stretch = 2 * reach + longest;
  let r = Math.min(oa - reach - 1, n - 1);
  while (r > 0 && (!t.decided[r] || insideTakeBack(t.takeBacks, r))) r--;
  if (r < 0) r = 0;
  const l0 = Math.max(0, r - BACK_CONTEXT(longest));
  const after = Math.min(n - ob, stretch + reach + AHEAD_CONTEXT(longest) + 64);

  // The new text the scan and the rules read: whole lines from before token l0 to after the
  // last token of the window of tokens, and past the paragraph.
  const firstAt = l0 < oa ? oldTokens.start[l0] : ws;
  const from = lineStartAt(old, Math.max(0, Math.min(ws, firstAt) - 1));
  let to = Math.max(we + 8, newLineEnd);
  if (after > 0) to = Math.max(to, lineEndAt(old, oldTokens.end[ob + after - 1]) + delta);
  to = Math.min(to, fresh.length);
  if (to - from > 4 * MAX_WINDOW) return undefined;
  const part = fresh.slice(from, to);

  const win = new TokenBuffer();
  if (we > ws) {
    // `part` holds the paragraph and more: what the scan reads past the paragraph's end is
    // the empty line that ends it (a search that goes further, for a comment's `-->` or a
    // closing tag, only decides when it finds one inside the paragraph), or the note's end.
    const scanned = scanWindow(part, ws - from, we - from, win);
    if (scanned.spans.length > 0 || scanned.loneAngles > 0) return undefined;
    if (scanned.ignoredWords.length > 0 || hasIgnoreComment(old, ws, weOld)) return undefined;
  }
  const w = win.count;
  let decomposed = t.decomposed;
  let composed = t.composed;
  for (let k = oa; k < ob; k++) {
    if (oldTokens.flags[k] & TokenFlag.Decomposed) decomposed--;
    else if (oldTokens.flags[k] & TokenFlag.NonAscii) composed--;
  }
  for (let k = 0; k < w; k++) {
    if (win.flags[k] & TokenFlag.Decomposed) decomposed++;
    else if (win.flags[k] & TokenFlag.NonAscii) composed++;
  }
  const nfd = isNfdNote(decomposed, composed);
  if (nfd !== isNfdNote(t.decomposed, t.composed)) return undefined;
  const table = getWordTable(glossary);
  const winIds = new Int32Array(Math.max(1, w));
  table.resolve(part, win, winIds);
  if (table.generation !== t.tableGeneration) return undefined;

  const n2 = n - (ob - oa) + w;
  const dt = w - (ob - oa);
  const tb = oa + w;
  const l1 = tb + after;
  // The window of tokens, in `part`'s offsets.
  const m = l1 - l0;
  // Scratch buffers, used only in this call (typed arrays are costly to make at each keystroke).
  // The quick path's window of tokens, word ids and decisions, reused from edit to edit.
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
  for (let k = 0; k < w; k++, c++) copyToken(local, c, win, k, 0, localIds, winIds[k]);
  for (let k = ob; k < ob + after; k++, c++) copyToken(local, c, oldTokens, k, delta - from, localIds, t.ids[k]);
  local.count = m;
  const localDecided = scratch.decided;
  const run = new MatchRun(part, local, localIds, table.entries, glossary, ruleInputsOf(options, t.ignoredWords, buffers), localDecided, true, nfd);
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
    const o = t.occurrences[k];
    run.occurrences.push({ start: o.start - from, end: o.end - from, entryId: o.entryId, kind: o.kind });
    run.occurrenceAt.push(t.occurrenceAt[k] - l0);
  }
  const preFindings = run.findings.slice();
  const preOccurrences = run.occurrences.slice();
  let i = r;
  let sync = -1;
  while (i < n2) {
    if (i >= tb + stretch + reach && t.decided[i - dt] && inStepFrom(t, run, localDecided, i, dt, stretch, delta - from, l0)) {
      sync = i;
      break;
    }
    if (l1 < n2 && i + AHEAD_CONTEXT(longest) >= l1) return undefined; // the rules would read past the window
    const next = run.match(i - l0, i - l0 + 1) + l0;
    for (let k = i + 1; k < next; k++) localDecided[k - l0] = 0;
    i = next;
  }
  // Results taken back are popped from the end: those still first are the ones never taken.
  const keptFindings = keptPrefix(run.findings, preFindings);
  const keptOccurrences = keptPrefix(run.occurrences, preOccurrences);
  if ((fi0 > 0 && keptFindings === 0) || (oi0 > 0 && keptOccurrences === 0)) return undefined; // the guard was taken
  const end = sync >= 0 ? sync : n2;
  const runDecided = localDecided.slice(r - l0, end - l0); // the scratch is reused before the deferred work runs
  let oldWords = 0;
  let oldAccented = 0;
  for (let k = oa; k < ob; k++) {
    if (!t.decided[k] || oldTokens.flags[k] & TokenFlag.HasDigit) continue;
    oldWords++;
    if (oldTokens.flags[k] & TokenFlag.NonAscii) oldAccented++;
  }

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
  const takeBacks: number[] = [];
  for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k + 1] < r) takeBacks.push(t.takeBacks[k], t.takeBacks[k + 1]);
  for (let k = 0; k < run.takeBacks.length; k++) takeBacks.push(run.takeBacks[k] + l0);
  if (sync >= 0) {
    for (let k = lowerBound(t.findingAt, t.findingAt.length, j); k < t.findings.length; k++) {
      findings.push(shiftFinding(t.findings[k], delta));
      findingAt.push(t.findingAt[k] + dt);
    }
    for (let k = 0; k < t.takeBacks.length; k += 2) if (t.takeBacks[k] >= j) takeBacks.push(t.takeBacks[k] + dt, t.takeBacks[k + 1] + dt);
  }
  // Word counts: the old run's, less what it counted over [r, j) (old numbering), plus the new run's.
  let words = t.words + run.words - oldWords;
  let accentedWords = t.accentedWords + run.accentedWords - oldAccented;
  for (let k = r; k < j; k++) {
    if ((k >= oa && k < ob) || !t.decided[k]) continue;
    const flags = oldTokens.flags[k];
    if (flags & TokenFlag.HasDigit) continue;
    words--;
    if (flags & TokenFlag.NonAscii) accentedWords--;
  }

  const trace: AnalysisTrace = {
    glossary, optionsKey: t.optionsKey, tableGeneration: t.tableGeneration, tokens: oldTokens, ids: t.ids, decided: t.decided,
    segments, spans: shiftOffsets(t.spans, start, delta, old.length), ignoredWords: t.ignoredWords,
    findings, findingAt, occurrences: t.occurrences, occurrenceAt: t.occurrenceAt, takeBacks, words, accentedWords, decomposed, composed,
    frontMatterEnd: t.frontMatterEnd,
  };
  trace.pending = () => {
    for (let k = 0; k < w; k++) {
      win.start[k] += from;
      win.end[k] += from;
    }
    spliceTokens(oldTokens, oa, ob, win, delta);
    const { ids, decided } = spliceIds(t, n, oa, ob, winIds, w);
    decided.set(runDecided, r);
    // Occurrences: the old ones before l0, the run's, the old ones from the sync point on.
    const occurrences = t.occurrences.slice(0, oi0);
    const occurrenceAt = t.occurrenceAt.slice(0, oi0);
    for (let k = 0; k < run.occurrences.length; k++) {
      const o = run.occurrences[k];
      occurrences.push(k < keptOccurrences ? t.occurrences[oi0 + k] : { start: o.start + from, end: o.end + from, entryId: o.entryId, kind: o.kind });
      occurrenceAt.push(run.occurrenceAt[k] + l0);
    }
    if (sync >= 0) {
      for (let k = lowerBound(t.occurrenceAt, t.occurrenceAt.length, j); k < t.occurrences.length; k++) {
        const o = t.occurrences[k];
        occurrences.push({ start: o.start + delta, end: o.end + delta, entryId: o.entryId, kind: o.kind });
        occurrenceAt.push(t.occurrenceAt[k] + dt);
      }
    }
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

/** Copies token k of `src` to slot c of `dst` (room made), its offsets moved by `shift`, and its word id. */
function copyToken(dst: TokenBuffer, c: number, src: TokenBuffer, k: number, shift: number, ids: Int32Array, id: number): void {
  dst.start[c] = src.start[k] + shift;
  dst.end[c] = src.end[k] + shift;
  dst.gap[c] = src.gap[k];
  dst.flags[c] = src.flags[k];
  dst.hash[c] = src.hash[k];
  ids[c] = id;
}

/** How many of `items` are still the objects `before` held first. */
function keptPrefix<T>(items: T[], before: T[]): number {
  let k = 0;
  while (k < before.length && k < items.length && items[k] === before[k]) k++;
  return k;
}

/**
 * inStep for a run over the tokens from `base` on (its token k is the note's base + k); `delta`
 * maps old offsets to the run's (the edit's delta less the run's text's start).
 */
function inStepFrom(t: AnalysisTrace, run: MatchRun, decided: Uint8Array, i: number, dt: number, stretch: number, delta: number, base: number): boolean {
  const j = i - dt;
  if (insideTakeBack(t.takeBacks, j)) return false;
  for (let k = i - stretch; k < i; k++) if (decided[k - base] !== t.decided[k - dt]) return false;
  return sameResults(run.findingAt, run.findings, t.findingAt, t.findings, i - stretch, i, dt, delta, sameFinding, base) &&
    sameResults(run.occurrenceAt, run.occurrences, t.occurrenceAt, t.occurrences, i - stretch, i, dt, delta, sameOccurrence, base);
}

/**
 * True when the new run, about to decide at token i, is in step with the old one: the old
 * run decided at the same word and no later old decision took back anything before it, and
 * over the last `stretch` tokens both runs decided at the same words and made the same results.
 */
function inStep(t: AnalysisTrace, run: MatchRun, decided: Uint8Array, i: number, dt: number, stretch: number, delta: number): boolean {
  const j = i - dt;
  if (insideTakeBack(t.takeBacks, j)) return false;
  for (let k = i - stretch; k < i; k++) if (decided[k] !== t.decided[k - dt]) return false;
  return sameResults(run.findingAt, run.findings, t.findingAt, t.findings, i - stretch, i, dt, delta, sameFinding) &&
    sameResults(run.occurrenceAt, run.occurrences, t.occurrenceAt, t.occurrences, i - stretch, i, dt, delta, sameOccurrence);
}

/**
 * The results decided in [from, to) (new numbering) equal the old ones there, shifted. `base`:
 * the new run numbers its tokens from that one (a run over a window of tokens).
 */
function sameResults<T>(newAt: number[], news: T[], oldAt: number[], olds: T[], from: number, to: number, dt: number, delta: number, same: (a: T, b: T, delta: number) => boolean, base = 0): boolean {
  let a = lowerBound(newAt, newAt.length, from - base);
  let b = lowerBound(oldAt, oldAt.length, from - dt);
  for (; a < newAt.length && newAt[a] + base < to; a++, b++) {
    if (b >= oldAt.length || oldAt[b] + dt !== newAt[a] + base || !same(news[a], olds[b], delta)) return false;
  }
  return b >= oldAt.length || oldAt[b] + dt >= to;
}

function sameFinding(a: Finding, b: Finding, delta: number): boolean {
  return a.start === b.start + delta && a.end === b.end + delta && a.code === b.code && a.entryId === b.entryId &&
    a.severity === b.severity && a.word === b.word && a.distance === b.distance && a.suggestions.join('\u0000') === b.suggestions.join('\u0000');
}

function sameOccurrence(a: Occurrence, b: Occurrence, delta: number): boolean {
  return a.start === b.start + delta && a.end === b.end + delta && a.entryId === b.entryId && a.kind === b.kind;
}

/** True when a take-back [lo, hi] has lo < k ≤ hi (a decision at or after k took back one before). */
function insideTakeBack(takeBacks: number[], k: number): boolean {
  for (let x = 0; x < takeBacks.length; x += 2) if (takeBacks[x] < k && k <= takeBacks[x + 1]) return true;
  return false;
}

function shiftFinding(f: Finding, delta: number): Finding {
  // A literal rather than a spread: a keystroke moves every finding after it.
  const shifted: Finding = { start: f.start + delta, end: f.end + delta, word: f.word, code: f.code, severity: f.severity, entryId: f.entryId, suggestions: f.suggestions };
  if ('distance' in f) shifted.distance = f.distance;
  if (f.edits) shifted.edits = f.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));
  return shifted;
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

/**
 * How many words a decision may look at on either side: the longest form and the determiner
 * or capitals around it, or the bilingual guard's neighbours and acronym (english.ts).
 */
function reachOf(longest: number, options: AnalyzeOptions): number {
  return Math.max(longest + 3, options.english ? ENGLISH_GUARD_REACH + 1 : 0);
}

/** What options change an analysis (the lexicons are taken to be the same ones). */
function optionsKey(options: AnalyzeOptions, scratch: AnalysisScratch): string {
  const optionKeys = scratch.optionKeys;
  // Remembered per options object (an update compares it at every keystroke), while its
  // ignore list and severities are the same objects.
  const c = optionKeys.get(options);
  if (c && c.ignoreWords === options.ignoreWords && c.severities === options.severities) return c.key;
  const key = JSON.stringify([[...(options.ignoreWords ?? [])], options.severities ?? null, options.english !== undefined]);
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

/** Replaces tokens [oa, ob) by the window's, in place, and moves those after by delta. */
function spliceTokens(buf: TokenBuffer, oa: number, ob: number, win: TokenBuffer, delta: number): void {
  const n = buf.count;
  const w = win.count;
  const n2 = n - (ob - oa) + w;
  buf.reserve(n2 + (n2 >> 3));
  if (w !== ob - oa) {
    buf.start.copyWithin(oa + w, ob, n);
    buf.end.copyWithin(oa + w, ob, n);
    buf.hash.copyWithin(oa + w, ob, n);
    buf.gap.copyWithin(oa + w, ob, n);
    buf.flags.copyWithin(oa + w, ob, n);
  }
  buf.start.set(win.start.subarray(0, w), oa);
  buf.end.set(win.end.subarray(0, w), oa);
  buf.hash.set(win.hash.subarray(0, w), oa);
  buf.gap.set(win.gap.subarray(0, w), oa);
  buf.flags.set(win.flags.subarray(0, w), oa);
  if (delta !== 0) {
    const { start, end } = buf;
    for (let k = oa + w; k < n2; k++) {
      start[k] += delta;
      end[k] += delta;
    }
  }
  buf.count = n2;
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Segment and span bounds after an edit at `at`: those after it move by delta, and so does
 * the end of the text (text typed at the end is inside the last segment). A bound at `at`
 * otherwise stays: bounds are line starts, and text typed there belongs to that line.
 */
function shiftOffsets(offsets: number[], at: number, delta: number, oldLength: number): number[] {
  if (delta === 0) return offsets;
  return offsets.map((v) => (v > at || v === oldLength ? v + delta : v));
}

/** First index k in [0, n) with a[k] >= value (a sorted). */
function lowerBound(a: ArrayLike<number>, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The prose segment [segments[k], segments[k + 1]) holding `pos`, or -1. */
function segmentAt(segments: number[], pos: number): number {
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
 * True when [from, to] lies inside segment `seg` (its index in `segments`), or, for seg -1,
 * touches no segment at all.
 */
function withinOneSegment(segments: number[], seg: number, from: number, to: number): boolean {
  if (seg >= 0) return to <= segments[seg + 1];
  for (let k = 0; k < segments.length; k += 2) if (segments[k] <= to && segments[k + 1] > from) return false;
  return true;
}

/** True when a recorded multi-line `<` construct overlaps [from, to). */
function overlapsSpan(spans: number[], from: number, to: number): boolean {
  for (let k = 0; k < spans.length; k += 2) if (spans[k] < to && spans[k + 1] > from) return true;
  return false;
}

function hasIgnoreComment(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes('glossaire-ignore');
}

/**
 * The trace's word ids (of its `n` tokens before the splice) with tokens [oa, ob) replaced by the window's `w` ids (in place when
 * the array is big enough), and its decisions with that stretch left out (zeros for the
 * window's tokens, which the rules decide again).
 */
function spliceIds(t: AnalysisTrace, n: number, oa: number, ob: number, winIds: Int32Array, w: number): { ids: Int32Array; decided: Uint8Array } {
  const n2 = n - (ob - oa) + w;
  let ids = t.ids;
  if (ids.length < n2) {
    ids = new Int32Array(n2 + (n2 >> 2));
    ids.set(t.ids.subarray(0, n));
  }
  if (ob - oa !== w) ids.copyWithin(oa + w, ob, n);
  ids.set(winIds.subarray(0, w), oa);
  const decided = new Uint8Array(Math.max(16, n2));
  decided.set(t.decided.subarray(0, oa), 0);
  decided.set(t.decided.subarray(ob, n), oa + w);
  return { ids, decided };
}

/** True when a '\r' before `at` and a '\n' at `at` make one line break. */
function crlfAt(text: string, at: number): boolean {
  return at > 0 && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

function hasChar(text: string, from: number, to: number, ch: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === ch) return true;
  return false;
}

function lineStartAt(text: string, pos: number): number {
  let p = pos;
  while (p > 0) {
    const c = text.charCodeAt(p - 1);
    if (c === 10 || c === 13) break;
    p--;
  }
  return p;
}

/** What the line helpers read: a string, or the new text seen through the old one (NewText). */
interface Chars {
  readonly length: number;
  charCodeAt(index: number): number;
}

function lineEndAt(text: Chars, pos: number): number {
  let p = pos;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) break;
    p++;
  }
  return p;
}

/** Offset after the line break at `lineEnd`. */
function afterBreak(text: Chars, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  return text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
}

/**
 * What the block pass reads of a line: empty, blank, or its indentation, list marker and
 * first character. Undefined for a line that may open or close a block (a fence, a reference
 * definition): those edits are not done incrementally.
 */
function lineShape(text: string, from: number, to: number): string | undefined {
  // Blank for the blocks either way, but only an empty line ends a link destination.
  if (from === to) return 'empty';
  let i = from;
  let col = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
    i++;
  }
  if (i >= to) return 'blank';
  const c0 = text.charCodeAt(i);
  if (c0 === 96 || c0 === 126) {
    // A fence opens or closes with three or more (indented by three spaces at most).
    let run = 0;
    while (i + run < to && text.charCodeAt(i + run) === c0) run++;
    if (run >= 3) return undefined;
  }
  if (c0 === 91 && col <= 3 && isReferenceDefinition(text, i, to)) return undefined; // [
  let list = '';
  if ((c0 === 45 || c0 === 42 || c0 === 43) && (i + 1 === to || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) list = 'bullet';
  else {
    let j = i;
    while (j < to && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j > i && j - i <= 9) {
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) && (j + 1 === to || text.charCodeAt(j + 1) === 32)) list = 'ordered';
    }
    // A line starting with digits keeps its shape only with the same digits before the mark.
    if (j > i) list += `:${text.slice(i, Math.min(j + 2, to))}`;
  }
  return `${col}:${c0 === 45 || c0 === 42 || c0 === 43 ? c0 : 0}:${list}`;
}

/*
 * Paragraph bounds for re-scanning: an empty line (nothing between two line breaks), which
 * ends everything inline but HTML: code spans and link destinations too (a line of spaces
 * does not end a link destination), after a line that does not end with a backslash (which
 * would escape the line break and join the paragraphs into one phrase).
 */

/** Start of the paragraph holding the line at `lineStart`, or -1 past the bound. */
function paragraphStart(text: string, lineStart: number, segStart: number): number {
  let p = lineStart;
  while (p > segStart) {
    const prevEnd = lineBreakBefore(text, p);
    const prevStart = lineStartAt(text, prevEnd);
    if (prevStart === prevEnd && prevStart > segStart) {
      const before = lineBreakBefore(text, prevStart);
      if (text.charCodeAt(before - 1) !== 92) return p;
    }
    p = prevStart;
    if (lineStart - p > MAX_WINDOW) return -1;
  }
  return segStart;
}

/** End of the paragraph holding the line ending at `lineEnd`: the start of the empty line after it, or the segment's end. */
function paragraphEnd(text: Chars, lineEnd: number, segEnd: number): number {
  let e = lineEnd;
  const from = lineEnd;
  for (;;) {
    if (e >= segEnd) return segEnd;
    const next = afterBreak(text, e);
    if (next >= segEnd) return segEnd;
    const nextEnd = lineEndAt(text, next);
    if (next === nextEnd && text.charCodeAt(e - 1) !== 92) return next;
    e = nextEnd;
    if (e - from > MAX_WINDOW) return -1;
  }
}

/** Offset of the line break that ends the line before the one starting at `lineStart`. */
function lineBreakBefore(text: string, lineStart: number): number {
  const p = lineStart - 1;
  return text.charCodeAt(p) === 10 && p > 0 && text.charCodeAt(p - 1) === 13 ? p - 1 : p;
}

/** End offset of the front matter block (-1: none), as the block pass finds it. */
function frontMatterEnd(text: string): number {
  if (!text.startsWith('---') || lineEndAt(text, 0) !== 3) return -1;
  let p = afterBreak(text, 3);
  while (p < text.length) {
    const e = lineEndAt(text, p);
    const line = text.slice(p, e).trimEnd();
    if (line === '---' || line === '...') return afterBreak(text, e);
    p = afterBreak(text, e);
  }
  return text.length;
}
