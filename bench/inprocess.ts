/**
 * In-process measurements over the pure core: glossary compile, lexicon load, scanning, and
 * full diagnostics (analysis + LSP ranges + messages, what the server publishes) per MB, cold
 * (a freshly compiled glossary, empty word memo) and warm (the long-lived server's case).
 * Runs in its own process (see bench.ts) so that its heap does not disturb other sections.
 */

import { readFileSync } from 'node:fs';
import { analyzeText, Finding } from '../server/src/service/analyze';
import { AnalysisScratch } from '../server/src/service/scratch';
import { compileGlossary, Glossary, prepareIndexes } from '../server/src/service/glossary';
import { scanTokens, TokenBuffer } from '../server/src/service/markdown';
import { createFrontCodedLexicon } from '../server/src/service/frontCoded';
import { createLexicon, Lexicon } from '../server/src/service/lexicon';
import { LineIndex } from '../server/src/service/positions';
import { findingMessage } from '../server/src/service/diagnostics';
import { getBuiltinGlossaryPath, getShippedLexiconPath } from '../server/src/node/resources';
import { analyzeWithState, updateAnalysis } from '../server/src/service/incremental';
import type { GeneratedInputs } from './generate';
import { createRandom } from './generate';
import { gc, median, now, percentile, time } from './stats';

/** One in-process result row. */
export interface InProcessRow {
  note: string;
  bytes: number;
  glossaryTerms: number;
  /** First analysis with a freshly compiled glossary (lexicon already loaded). */
  coldMs: number;
  /** Median of the following runs (word memo filled). */
  warmMs: number;
  warmMsPerMB: number;
  /** The fastest warm run, per MB (the machine's noise only ever adds time). */
  warmBestMsPerMB: number;
  coldMsPerMB: number;
  findings: number;
  occurrences: number;
  runs: number;
}

/** Everything this section reports. */
export interface InProcessResult {
  lexiconLoadMs: number;
  lexiconWords: number;
  glossaryCompile: { terms: number; ms: number; heapMiB: number }[];
  scanMsPerMB: number;
  rows: InProcessRow[];
  /** Warm and cold ratios of the 1 MB check with 10,000 terms over 20 terms. */
  glossaryScaling: { warm: number; cold: number };
  /** Re-analysis after single-character edits of the 10k-line note (service/incremental.ts). */
  keystroke: { edits: number; p50: number; p99: number; max: number; incremental: number; flattenP50: number };
}

/** The diagnostics a server publishes: LSP ranges and localised messages. */
export function toDiagnostics(text: string, findings: Finding[]): { range: unknown; message: string; code: string; severity: string }[] {
  if (findings.length === 0) return [];
  const lines = new LineIndex(text);
  return findings.map((f) => ({ range: lines.rangeAt(f.start, f.end), message: findingMessage(f, 'fr'), code: f.code, severity: f.severity }));
}

/** A glossary as the server's first analysis needs it: compiled, its look-up indexes built (they are otherwise built on first read). */
function compile(path: string, lexicon: Lexicon): Glossary {
  const builtin = getBuiltinGlossaryPath();
  return prepareIndexes(compileGlossary([{ uri: path, text: readFileSync(path, 'utf8'), builtin: path === builtin }], { lexicon }));
}

/** Runs the in-process section (heap figures include array buffers). */
export function runInProcess(inputs: GeneratedInputs, quick: boolean): InProcessResult {
  const lexTimes: number[] = [];
  let lexicon: Lexicon = createLexicon('');
  for (let k = 0; k < 5; k++) {
    gc();
    // As loadLexicon reads it (node/resources.ts: the front-coded file, searched in place),
    // without its once-per-process cache, and its first look-up.
    lexTimes.push(time(() => {
      lexicon = createFrontCodedLexicon(readFileSync(getShippedLexiconPath()));
      lexicon.has('externalisation');
    }));
  }
  const lexiconLoadMs = median(lexTimes);

  const glossaryCompile: InProcessResult['glossaryCompile'] = [];
  for (const g of inputs.glossaries) {
    const times: number[] = [];
    let heap = 0;
    const kept: Glossary[] = [];
    for (let k = 0; k < 3; k++) {
      gc();
      const h0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      times.push(time(() => { kept.push(compile(g.path, lexicon)); }));
      gc();
      heap = (process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - h0) / 1048576;
      kept.length = 0;
    }
    glossaryCompile.push({ terms: g.terms, ms: median(times), heapMiB: heap });
  }

  const oneMB = inputs.notes.find((n) => n.name === '1MB')!;
  const oneMBText = readFileSync(oneMB.path, 'utf8');
  const scans: number[] = [];
  const tokens = new TokenBuffer();
  // No forced GC between runs here or in the warm runs below: a forced full GC throws away
  // the optimised code of the functions it ran (V8 deoptimises code whose embedded objects
  // died), so every run after one would be partly a cold run again.
  gc();
  for (let k = 0; k < 9; k++) scans.push(time(() => scanTokens(oneMBText, tokens)));
  const scanMsPerMB = median(scans.slice(2)) / (oneMB.bytes / 1e6);

  const rows: InProcessRow[] = [];
  // One set of reusable buffers for every run, as a server's service keeps (a fresh service per
  // cold glossary would also time the growth of its token buffer).
  const scratch = new AnalysisScratch();
  for (const note of inputs.notes) {
    const text = readFileSync(note.path, 'utf8');
    const mb = note.bytes / 1e6;
    const runs = note.bytes < 100_000 ? 50 : note.bytes < 2_000_000 ? (quick ? 9 : 21) : 5;
    for (const g of inputs.glossaries) {
      const colds: number[] = [];
      let findings = 0;
      let occurrences = 0;
      // Cold: a new glossary each time (empty memo); a few repetitions for a stable median.
      for (let c = 0; c < (note.bytes < 100_000 ? 5 : 3); c++) {
        const glossary = compile(g.path, lexicon);
        gc();
        const t0 = now();
        const a = analyzeText(text, glossary, { lexicon }, scratch);
        toDiagnostics(text, a.findings);
        colds.push(now() - t0);
        findings = a.findings.length;
        occurrences = a.occurrences.length;
      }
      const glossary = compile(g.path, lexicon);
      analyzeText(text, glossary, { lexicon }, scratch); // fills the memo
      const warm: number[] = [];
      gc();
      for (let k = 0; k < runs; k++) {
        const t0 = now();
        const a = analyzeText(text, glossary, { lexicon }, scratch);
        toDiagnostics(text, a.findings);
        warm.push(now() - t0);
      }
      const coldMs = median(colds);
      const warmMs = median(warm);
      rows.push({
        note: note.name, bytes: note.bytes, glossaryTerms: g.terms, coldMs, warmMs,
        warmMsPerMB: warmMs / mb, warmBestMsPerMB: Math.min(...warm) / mb, coldMsPerMB: coldMs / mb, findings, occurrences, runs,
      });
    }
  }
  const keystroke = measureKeystrokes(inputs, lexicon, quick ? 300 : 1000);
  const r20 = rows.find((r) => r.note === '1MB' && r.glossaryTerms === 20)!;
  const r10k = rows.find((r) => r.note === '1MB' && r.glossaryTerms === 10000)!;
  return {
    lexiconLoadMs, lexiconWords: lexicon.size, glossaryCompile, scanMsPerMB, rows,
    glossaryScaling: { warm: r10k.warmMs / r20.warmMs, cold: r10k.coldMs / r20.coldMs },
    keystroke,
  };
}

/**
 * The server's re-analysis after a keystroke, in-process: single-character edits (typing a
 * letter or a space, deleting a character) at random offsets of the 10k-line note, each given
 * to updateAnalysis as the server does. The new text is flattened before the clock starts (a
 * JS string built by concatenation is copied once by whoever reads it first; that copy is
 * reported apart).
 */
function measureKeystrokes(inputs: GeneratedInputs, lexicon: Lexicon, edits: number): InProcessResult['keystroke'] {
  const glossary = compile(getBuiltinGlossaryPath(), lexicon);
  let text = readFileSync(inputs.keystrokeNote.path, 'utf8');
  const options = { lexicon };
  const scratch = new AnalysisScratch();
  let state = analyzeWithState(text, glossary, options, scratch);
  const rng = createRandom(7);
  const letters = 'abcdefghijklmnopqrstuvwxyzéèàç';
  const times: number[] = [];
  const flatten: number[] = [];
  let incremental = 0;
  const warmup = 100;
  for (let k = 0; k < warmup + edits; k++) {
    const at = Math.floor(rng() * (text.length + 1));
    const r = rng();
    const del = r < 0.2 && at < text.length && text[at] !== '\n';
    const edit = del ? { start: at, end: at + 1, newText: '' } : { start: at, end: at, newText: r < 0.3 ? ' ' : letters[Math.floor(rng() * letters.length)] };
    text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    const f0 = now();
    text.charCodeAt(text.length >> 1);
    const f1 = now();
    state = updateAnalysis(state, text, [edit], glossary, options, scratch);
    const t = now() - f1;
    if (k >= warmup) {
      times.push(t);
      flatten.push(f1 - f0);
      if (state.mode === 'incremental') incremental++;
    }
  }
  return { edits, p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times), incremental, flattenP50: percentile(flatten, 50) };
}
