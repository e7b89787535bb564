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

import { MatchRun } from './analyze';
import { frontMatterReach } from './blocks';
import { Glossary } from './glossary';
import { lineEndAt, lineStartAt } from './lines';
import { scanTokens, TokenBuffer, TokenFlag } from './markdown';
import { Analysis, AnalyzeOptions, Finding, FindingCode, OffsetEdit } from './model';
import { finishAnalysis } from './noteLevel';
import { getRuleInputs, optionsKey, ruleInputsOf } from './ruleInputs';
import { AnalysisScratch, getWordTable } from './scratch';
import { AnalysisTrace, copyToken, keptPrefix, lowerBound, NewText, shiftFinding, shiftOccurrence, shiftOffsets, spliceIds, spliceTokens } from './incrementalTrace';
import {
  AHEAD_CONTEXT, appendOldOccurrences, appendOldTail, BACK_CONTEXT, Change, countedIn, findWindow, locateChange, MAX_WINDOW, rescan,
  restartPoint, runToSync, takeBacksBefore, updatedCounts, Window,
} from './incrementalSteps';

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

/**
 * Analyses a note and keeps what later updates need. Same analysis as `analyzeText`.
 * @param scratch the caller's reusable buffers and memos (a service's); fresh ones otherwise.
 */
export function analyzeWithState(text: string, glossary: Glossary, options: AnalyzeOptions, scratch = new AnalysisScratch()): AnalysisState {
  const tokens = new TokenBuffer();
  const scan = scanTokens(text, tokens);
  const n = tokens.count;
  const table = getWordTable(glossary, scratch.words);
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
    glossary, optionsKey: optionsKey(options, scratch), wordStore: table.store, tableGeneration: table.generation, tokens, ids, decided,
    segments: scan.segments, spans: scan.spans, ignoredWords: scan.ignoredWords,
    findings: run.findings, findingAt: run.findingAt, occurrences: run.occurrences, occurrenceAt: run.occurrenceAt,
    takeBacks: run.takeBacks, words: run.words, accentedWords: run.accentedWords, decomposed, composed,
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
  const table = getWordTable(glossary, scratch.words);
  if (table.store !== trace.wordStore || table.generation !== trace.tableGeneration) return full('word memo cleared');
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
 * The update over the whole new text: steps 4 to 7 with the tokens spliced in place and the
 * rules run on the note's own buffers. For changes the quick path does not take (line
 * breaks, a line that changed shape, several edits).
 */
function updateAround(prev: AnalysisState, text: string, change: Change, w: Window, glossary: Glossary, options: AnalyzeOptions): AnalysisState | string {
  const t = prev.trace;
  const delta = change.newEnd - change.oldEnd;
  const scan = rescan(text, 0, prev.text, delta, w, t, glossary);
  if (typeof scan === 'string') return scan;
  const { win, winIds, decomposed, composed, nfd } = scan;
  const { oa, ob } = w;
  const oldTokens = t.tokens;
  const n = oldTokens.count;
  const wc = win.count;
  const n2 = n - (ob - oa) + wc;
  const dt = wc - (ob - oa);
  const windowCounts = countedIn(t, oa, ob);
  // Tokens and word ids are updated in place (the previous state hands them over); the old
  // decisions stay as they were, for the comparison.
  const s = restartPoint(t, oa, glossary, options); // before the splice: it reads the old tokens' count
  t.consumed = true;
  const tokens = oldTokens;
  spliceTokens(tokens, oa, ob, win, delta);
  const { ids, decided } = spliceIds(t, n, oa, ob, winIds, wc);

  const table = getWordTable(glossary);
  const run = new MatchRun(text, tokens, ids, table.entries, glossary, getRuleInputs(options, t.ignoredWords), decided, true, nfd);
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
    glossary, optionsKey: t.optionsKey, wordStore: t.wordStore, tableGeneration: t.tableGeneration, tokens, ids, decided,
    segments: w.segments, spans: shiftOffsets(t.spans, change.start, delta, prev.text.length), ignoredWords: t.ignoredWords,
    findings, findingAt, occurrences, occurrenceAt, takeBacks, words, accentedWords, decomposed, composed,
    frontMatterEnd: t.frontMatterEnd,
  };
  return { text, analysis: finish(trace, options), mode: 'incremental', trace };
}

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
  const s = restartPoint(t, oa, glossary, options);
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
  const { win, winIds, decomposed, composed, nfd } = scan;
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
    glossary, optionsKey: t.optionsKey, wordStore: t.wordStore, tableGeneration: t.tableGeneration, tokens: oldTokens, ids: t.ids, decided: t.decided,
    segments: w.segments, spans: shiftOffsets(t.spans, start, delta, old.length), ignoredWords: t.ignoredWords,
    findings, findingAt, occurrences: t.occurrences, occurrenceAt: t.occurrenceAt, takeBacks, words, accentedWords, decomposed, composed,
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
