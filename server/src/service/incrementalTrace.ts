/**
 * The incremental path's bookkeeping: what a run leaves behind (`AnalysisTrace`) and the
 * array work on it (splicing a window of tokens in, comparing two runs' results, shifting
 * offsets). incremental.ts decides what to redo; this file only moves and compares numbers.
 */

import { MatchRun } from './analyze';
import { Chars } from './lines';
import { Glossary } from './glossary';
import { TokenBuffer } from './markdown';
import { Finding, Occurrence } from './model';
import type { WordStore } from './wordTable';

/** What the previous run scanned and decided (internal to the incremental path). */
export interface AnalysisTrace {
  glossary: Glossary;
  optionsKey: string;
  /** The word store the ids are of, and its generation then. */
  wordStore: WordStore;
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

/**
 * The new text, read through the old one and the edit: what the quick path reads of it never
 * makes V8 flatten the new text (a rope after an edit: see server/src/lsp/document.ts).
 */
export class NewText implements Chars {
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

/** Copies token k of `src` to slot c of `dst` (room made), its offsets moved by `shift`, and its word id. */
export function copyToken(dst: TokenBuffer, c: number, src: TokenBuffer, k: number, shift: number, ids: Int32Array, id: number): void {
  dst.start[c] = src.start[k] + shift;
  dst.end[c] = src.end[k] + shift;
  dst.gap[c] = src.gap[k];
  dst.flags[c] = src.flags[k];
  dst.hash[c] = src.hash[k];
  ids[c] = id;
}

/** How many of `items` are still the objects `before` held first. */
export function keptPrefix<T>(items: T[], before: T[]): number {
  let k = 0;
  while (k < before.length && k < items.length && items[k] === before[k]) k++;
  return k;
}


/**
 * inStep for a run over the tokens from `base` on (its token k is the note's base + k); `delta`
 * maps old offsets to the run's (the edit's delta less the run's text's start).
 */
export function inStepFrom(t: AnalysisTrace, run: MatchRun, decided: Uint8Array, i: number, dt: number, stretch: number, delta: number, base: number): boolean {
  const j = i - dt;
  if (insideTakeBack(t.takeBacks, j)) return false;
  for (let k = i - stretch; k < i; k++) if (decided[k - base] !== t.decided[k - dt]) return false;
  return sameResults(run.findingAt, run.findings, t.findingAt, t.findings, i - stretch, i, dt, delta, sameFinding, base) &&
    sameResults(run.occurrenceAt, run.occurrences, t.occurrenceAt, t.occurrences, i - stretch, i, dt, delta, sameOccurrence, base);
}


/**
 * The results decided in [from, to) (new numbering) equal the old ones there, shifted. `base`:
 * the new run numbers its tokens from that one (a run over a window of tokens).
 */
export function sameResults<T>(newAt: number[], news: T[], oldAt: number[], olds: T[], from: number, to: number, dt: number, delta: number, same: (a: T, b: T, delta: number) => boolean, base = 0): boolean {
  let a = lowerBound(newAt, newAt.length, from - base);
  let b = lowerBound(oldAt, oldAt.length, from - dt);
  for (; a < newAt.length && newAt[a] + base < to; a++, b++) {
    if (b >= oldAt.length || oldAt[b] + dt !== newAt[a] + base || !same(news[a], olds[b], delta)) return false;
  }
  return b >= oldAt.length || oldAt[b] + dt >= to;
}

export function sameFinding(a: Finding, b: Finding, delta: number): boolean {
  return a.start === b.start + delta && a.end === b.end + delta && a.code === b.code && a.entryId === b.entryId &&
    a.severity === b.severity && a.word === b.word && a.distance === b.distance && a.suggestions.join('\u0000') === b.suggestions.join('\u0000');
}

export function sameOccurrence(a: Occurrence, b: Occurrence, delta: number): boolean {
  return a.start === b.start + delta && a.end === b.end + delta && a.entryId === b.entryId && a.kind === b.kind;
}

/** True when a take-back [lo, hi] has lo < k ≤ hi (a decision at or after k took back one before). */
export function insideTakeBack(takeBacks: number[], k: number): boolean {
  for (let x = 0; x < takeBacks.length; x += 2) if (takeBacks[x] < k && k <= takeBacks[x + 1]) return true;
  return false;
}

/** An occurrence moved by `delta`. */
export function shiftOccurrence(o: Occurrence, delta: number): Occurrence {
  return { start: o.start + delta, end: o.end + delta, entryId: o.entryId, kind: o.kind };
}

export function shiftFinding(f: Finding, delta: number): Finding {
  // A literal rather than a spread: a keystroke moves every finding after it.
  const shifted: Finding = { start: f.start + delta, end: f.end + delta, word: f.word, code: f.code, severity: f.severity, entryId: f.entryId, suggestions: f.suggestions };
  if ('distance' in f) shifted.distance = f.distance;
  if (f.edits) shifted.edits = f.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));
  return shifted;
}


/** Replaces tokens [oa, ob) by the window's, in place, and moves those after by delta. */
export function spliceTokens(buf: TokenBuffer, oa: number, ob: number, win: TokenBuffer, delta: number): void {
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

export function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Segment and span bounds after an edit at `at`: those after it move by delta, and so does
 * the end of the text (text typed at the end is inside the last segment). A bound at `at`
 * otherwise stays: bounds are line starts, and text typed there belongs to that line.
 */
export function shiftOffsets(offsets: number[], at: number, delta: number, oldLength: number): number[] {
  if (delta === 0) return offsets;
  return offsets.map((v) => (v > at || v === oldLength ? v + delta : v));
}

/** First index k in [0, n) with a[k] >= value (a sorted). */
export function lowerBound(a: ArrayLike<number>, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when [from, to] lies inside segment `seg` (its index in `segments`), or, for seg -1,
 * touches no segment at all.
 */
export function withinOneSegment(segments: number[], seg: number, from: number, to: number): boolean {
  if (seg >= 0) return to <= segments[seg + 1];
  for (let k = 0; k < segments.length; k += 2) if (segments[k] <= to && segments[k + 1] > from) return false;
  return true;
}

/** True when a recorded multi-line `<` construct overlaps [from, to). */
export function overlapsSpan(spans: number[], from: number, to: number): boolean {
  for (let k = 0; k < spans.length; k += 2) if (spans[k] < to && spans[k + 1] > from) return true;
  return false;
}


/**
 * The trace's word ids (of its `n` tokens before the splice) with tokens [oa, ob) replaced by the window's `w` ids (in place when
 * the array is big enough), and its decisions with that stretch left out (zeros for the
 * window's tokens, which the rules decide again).
 */
export function spliceIds(t: AnalysisTrace, n: number, oa: number, ob: number, winIds: Int32Array, w: number): { ids: Int32Array; decided: Uint8Array } {
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
export function crlfAt(text: Chars, at: number): boolean {
  return at > 0 && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10;
}

export function hasLineBreak(text: Chars, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

export function hasChar(text: Chars, from: number, to: number, ch: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === ch) return true;
  return false;
}
