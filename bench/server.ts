/**
 * The language server measured as an editor drives it: spawned over stdio, driven with
 * vscode-jsonrpc's node client. Measures spawn → first diagnostics, re-diagnosis after single
 * character edits in a 10k-line note, hover and completion with a 10,000-term glossary, and
 * the workspace index of 2,000 notes.
 *
 * Two clocks per keystroke and request: the round trip seen by the client, and the server's
 * own time (message in → answer written), logged by bench/lspTiming.cjs preloaded into the
 * unmodified server.
 */

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { GeneratedInputs } from './generate';
import { createRandom } from './generate';
import { median, now, percentile } from './stats';
import { getPackageRoot } from '../server/src/node/resources';

/** Rejects when `p` takes longer than `ms` (a server that never answers must not hang the bench). */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Latency distribution of one kind of request. */
export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Client round trip. */
  roundTripP50: number;
  roundTripP99: number;
}

/** What the server section reports. */
export interface ServerResult {
  firstDiagnosticsMs?: number;
  firstDiagnosticsRuns?: number[];
  /** The same without the V8 code cache (GLOSSAIRE_CODE_CACHE=off). */
  firstDiagnosticsNoCacheMs?: number;
  firstDiagnosticsNoCacheRuns?: number[];
  keystroke?: {
    edits: number;
    serverP50: number;
    serverP99: number;
    serverMax: number;
    roundTripP50: number;
    roundTripP99: number;
    diagnosticsPerPublish: number;
  };
  hover?: Latency;
  completion?: Latency & { itemsMedian: number };
  workspace?: WorkspaceIndexResult;
  /** The same with harvesting off. */
  workspaceNoHarvest?: WorkspaceIndexResult;
  /** With / without harvesting, per interleaved pair (wall time and the server's CPU time): medians. */
  harvestRatio?: { wall: number; cpu: number; pairs: number };
  notes?: string[];
}

type Log = [dir: 'in' | 'out', ns: number, method: string, id: number, version: number][];

interface Session {
  proc: ChildProcess;
  conn: MessageConnection;
  diagnostics: (uri: string, version?: number) => Promise<{ diagnostics: unknown[] }>;
  progressEnd: Promise<void>;
  /** The first `glossaire/occurrencesChanged` after the progress ends: the index is complete. */
  indexDone: Promise<void>;
  timingFile?: string;
  close: () => Promise<Log | undefined>;
}

/** Servers still running (killed when a phase fails). */
const live = new Set<ChildProcess>();

interface StartOptions {
  settings: Record<string, unknown>;
  folders?: string[];
  timingFile?: string;
  /** Extra environment of the server process. */
  env?: Record<string, string>;
}

function start(serverJs: string, o: StartOptions): { session: Session; initialized: Promise<void> } {
  const extra = process.env.GLOSSAIRE_BENCH_NODE_FLAGS ? process.env.GLOSSAIRE_BENCH_NODE_FLAGS.split(' ') : [];
  const args = [...extra, ...(o.timingFile ? ['--require', join(getPackageRoot(), 'bench', 'lspTiming.cjs'), serverJs, '--stdio'] : [serverJs, '--stdio'])];
  const env = { ...process.env, ...o.env };
  if (o.timingFile) env.GLOSSAIRE_BENCH_TIMING = o.timingFile;
  // The server's Node: the benchmark's own unless GLOSSAIRE_BENCH_SERVER_NODE names another
  // (a newer Node, or a wrapper script that runs the server under valgrind).
  const proc = spawn(process.env.GLOSSAIRE_BENCH_SERVER_NODE || process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], env });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  const reader = new StreamMessageReader(proc.stdout!);
  // A server killed mid-message must not leave a partial-message timer re-armed forever.
  reader.partialMessageTimeout = 0;
  const conn = createMessageConnection(reader, new StreamMessageWriter(proc.stdin!));
  const waiters: { uri: string; version?: number; resolve: (p: { diagnostics: unknown[] }) => void }[] = [];
  let endProgress: () => void = () => undefined;
  const progressEnd = new Promise<void>((r) => (endProgress = r));
  let ended = false;
  let endIndex: () => void = () => undefined;
  const indexDone = new Promise<void>((r) => (endIndex = r));
  conn.onNotification((method: string, params: unknown) => {
    if (method === 'glossaire/occurrencesChanged' && ended) endIndex();
    if (method === 'textDocument/publishDiagnostics') {
      const p = params as { uri: string; version?: number; diagnostics: unknown[] };
      for (let k = 0; k < waiters.length; k++) {
        const w = waiters[k];
        if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
          waiters.splice(k, 1);
          w.resolve(p);
          return;
        }
      }
    }
  });
  // vscode-jsonrpc routes $/progress to per-token handlers, and unknown tokens here.
  conn.onUnhandledProgress((p) => {
    if ((p.value as { kind?: string } | undefined)?.kind === 'end') {
      ended = true;
      endProgress();
    }
  });
  conn.onRequest(() => null); // registerCapability, workDoneProgress/create, configuration…
  conn.listen();
  const folders = o.folders ?? [];
  const initialized = (async () => {
    await withTimeout(conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.length ? folders.map((f) => ({ uri: pathToFileURL(f).href, name: 'ws' })) : null,
      capabilities: { window: { workDoneProgress: folders.length > 0 }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { locale: 'fr', settings: o.settings },
    }), 60_000, 'initialize');
    await conn.sendNotification('initialized', {});
  })();
  const session: Session = {
    proc,
    conn,
    progressEnd,
    indexDone,
    timingFile: o.timingFile,
    diagnostics: (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve })),
    close: async () => {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch {
        proc.kill();
      }
      await exited;
      conn.dispose();
      if (!o.timingFile || !existsSync(o.timingFile)) return undefined;
      const log = JSON.parse(readFileSync(o.timingFile, 'utf8')) as Log;
      rmSync(o.timingFile, { force: true });
      return log;
    },
  };
  return { session, initialized };
}

async function open(s: Session, path: string, version = 1): Promise<{ uri: string; text: string; diagnostics: unknown[] }> {
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const got = s.diagnostics(uri);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  return { uri, text, diagnostics: (await withTimeout(got, 60_000, 'diagnostics after didOpen')).diagnostics };
}

/** Spawn → first publishDiagnostics of a note opened right after initialization. */
async function firstDiagnostics(serverJs: string, notePath: string, codeCache: string): Promise<number> {
  const t0 = now();
  const { session, initialized } = start(serverJs, { settings: { indexWorkspace: false }, env: { GLOSSAIRE_CODE_CACHE: codeCache } });
  await initialized;
  await open(session, notePath);
  const ms = now() - t0;
  await session.close();
  return ms;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzéèàç';

/**
 * A random place in the text, every character offset equally likely (so a line is chosen in
 * proportion to its length: blank lines and fence lines are rarely hit, as when typing), as a
 * line and a character.
 */
function randomPlace(rng: () => number, lines: string[]): { line: number; ch: number } {
  let total = -1;
  for (const l of lines) total += l.length + 1;
  let offset = Math.floor(rng() * (total + 1));
  for (let line = 0; line < lines.length; line++) {
    if (offset <= lines[line].length) return { line, ch: offset };
    offset -= lines[line].length + 1;
  }
  return { line: lines.length - 1, ch: lines[lines.length - 1].length };
}

/** Single-character edits at random places of a 10k-line note. */
async function keystrokes(serverJs: string, notePath: string, count: number, work: string): Promise<ServerResult['keystroke']> {
  const timingFile = join(work, `timing-keystroke-${process.pid}.json`);
  const { session, initialized } = start(serverJs, { settings: { indexWorkspace: false }, timingFile });
  await initialized;
  const doc = await open(session, notePath);
  const lines = doc.text.split('\n');
  const rng = createRandom(7);
  let version = 1;
  const roundTrips: number[] = [];
  let diagCount = 0;
  const warmup = 50;
  for (let k = 0; k < warmup + count; k++) {
    const { line, ch } = randomPlace(rng, lines);
    const text = lines[line];
    const r = rng();
    let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
    if (r < 0.2 && ch < text.length) {
      change = { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' };
      lines[line] = text.slice(0, ch) + text.slice(ch + 1);
    } else {
      const c = r < 0.3 ? ' ' : LETTERS[Math.floor(rng() * LETTERS.length)];
      change = { range: { start: { line, character: ch }, end: { line, character: ch } }, text: c };
      lines[line] = text.slice(0, ch) + c + text.slice(ch);
    }
    version++;
    const got = session.diagnostics(doc.uri, version);
    const t0 = now();
    await session.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [change] });
    const p = await withTimeout(got, 30_000, `diagnostics of version ${version}`);
    if (k >= warmup) {
      roundTrips.push(now() - t0);
      diagCount += p.diagnostics.length;
    }
  }
  const log = await session.close();
  const server = pairKeystrokes(log ?? [], warmup + 2, version);
  return {
    edits: count,
    serverP50: percentile(server, 50),
    serverP99: percentile(server, 99),
    serverMax: Math.max(...server),
    roundTripP50: percentile(roundTrips, 50),
    roundTripP99: percentile(roundTrips, 99),
    diagnosticsPerPublish: diagCount / count,
  };
}

function pairKeystrokes(log: Log, firstVersion: number, lastVersion: number): number[] {
  const inAt = new Map<number, number>();
  const out: number[] = [];
  for (const [dir, ns, method, , version] of log) {
    if (dir === 'in' && method === 'textDocument/didChange' && !inAt.has(version)) inAt.set(version, ns);
    else if (dir === 'out' && method === 'textDocument/publishDiagnostics' && version >= firstVersion && version <= lastVersion && inAt.has(version)) {
      out.push((ns - inAt.get(version)!) / 1e6);
      inAt.delete(version);
    }
  }
  return out;
}

/** Server times of the requests of one method, in order, the first `skip` left out. */
function pairRequests(log: Log, requestMethod: string, skip: number): number[] {
  const inAt = new Map<number, number>();
  const out: number[] = [];
  for (const [dir, ns, method, id] of log) {
    if (dir === 'in' && method === requestMethod) inAt.set(id, ns);
    else if (dir === 'out' && !method && inAt.has(id)) {
      out.push((ns - inAt.get(id)!) / 1e6);
      inAt.delete(id);
    }
  }
  return out.slice(skip);
}

/** Hover on words and completion inside words, with a 10,000-term glossary. */
function requests(serverJs: string, notePath: string, glossaryPath: string, count: number, work: string): Promise<{ hover: Latency; completion: Latency & { itemsMedian: number } }> {
  return measureRequests(serverJs, { settings: { indexWorkspace: false, useBuiltinGlossary: false, glossaries: [glossaryPath] }, notePath, count, work });
}

/** What `measureRequests` runs. */
export interface RequestRun {
  settings: Record<string, unknown>;
  /** Workspace folders (none: a lone note). */
  folders?: string[];
  notePath: string;
  /** Measured requests of each kind (after a warm-up of 50). */
  count: number;
  work: string;
  /**
   * Called once the note is open, before the warm-up: waits until the server is in the state to
   * measure (and throws when it cannot get there), with a hover request at hand.
   */
  ready?: (hover: (line: number, character: number) => Promise<string>, text: string) => Promise<void>;
}

/** Hover on words and completion inside words of a note (random prose positions). */
export async function measureRequests(serverJs: string, run: RequestRun): Promise<{ hover: Latency; completion: Latency & { itemsMedian: number } }> {
  const { count, work } = run;
  const timingFile = join(work, `timing-requests-${process.pid}.json`);
  const { session, initialized } = start(serverJs, { settings: run.settings, folders: run.folders, timingFile });
  await initialized;
  const doc = await open(session, run.notePath);
  let readyHovers = 0; // left out of the figures with the warm-up
  if (run.ready) {
    await run.ready(async (line, character) => {
      readyHovers++;
      const h = (await withTimeout(session.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line, character } }), 30_000, 'hover')) as { contents?: { value?: string } } | null;
      return h?.contents?.value ?? '';
    }, doc.text);
  }
  const lines = doc.text.split('\n');
  const rng = createRandom(11);
  // Positions inside words of prose lines (letters on both sides).
  const wordAt = (): { line: number; character: number } => {
    for (;;) {
      const line = Math.floor(rng() * lines.length);
      const text = lines[line];
      if (text.length < 10 || text.startsWith('    ') || /^(```|\||<)/.test(text)) continue;
      const ch = 1 + Math.floor(rng() * (text.length - 2));
      if (/\p{L}/u.test(text[ch - 1]) && /\p{L}/u.test(text[ch])) return { line, character: ch };
    }
  };
  const hoverRt: number[] = [];
  const complRt: number[] = [];
  const items: number[] = [];
  const warmup = 50;
  for (let k = 0; k < warmup + count; k++) {
    const position = wordAt();
    let t0 = now();
    await withTimeout(session.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position }), 30_000, 'hover');
    if (k >= warmup) hoverRt.push(now() - t0);
    t0 = now();
    const list = (await withTimeout(session.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position }), 30_000, 'completion')) as { items?: unknown[] } | null;
    if (k >= warmup) {
      complRt.push(now() - t0);
      items.push(list?.items?.length ?? 0);
    }
  }
  const log = (await session.close()) ?? [];
  const hs = pairRequests(log, 'textDocument/hover', warmup + readyHovers);
  const cs = pairRequests(log, 'textDocument/completion', warmup);
  const lat = (server: number[], rt: number[]): Latency => ({
    count: rt.length,
    p50: percentile(server, 50),
    p99: percentile(server, 99),
    max: Math.max(...server),
    roundTripP50: percentile(rt, 50),
    roundTripP99: percentile(rt, 99),
  });
  return { hover: lat(hs, hoverRt), completion: { ...lat(cs, complRt), itemsMedian: median(items) } };
}

/**
 * Initialized → the index is complete (its progress ended and the server said the occurrences
 * changed: with harvesting, whatever the server does after the progress counts), and the
 * server's RSS then. `harvest` false turns harvesting off (what harvesting costs the index).
 */
async function workspaceIndex(serverJs: string, folder: string, files: number, harvest = true): Promise<WorkspaceIndexResult> {
  const { session, initialized } = start(serverJs, { settings: { indexWorkspace: true, harvestDefinitions: harvest }, folders: [folder] });
  const t0 = now();
  await initialized;
  await withTimeout(session.indexDone, 120_000, 'the end of the workspace index');
  const ms = now() - t0;
  const status = readFileSync(`/proc/${session.proc.pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  // utime + stime (fields 14 and 15, in clock ticks of 10 ms): what a busy machine inflates least.
  const stat = readFileSync(`/proc/${session.proc.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  await session.close();
  return { ms, cpuMs, rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024, files };
}

/**
 * Pairs of workspace index runs: 7 (quick) or 11, or GLOSSAIRE_BENCH_INDEX_PAIRS. On a shared
 * 2-core machine one run of the same build varies by ±15 %, as much as what harvesting adds:
 * fewer pairs gave +5 % and +20 % for the same build.
 */
function indexPairs(quick: boolean): number {
  const n = Number(process.env.GLOSSAIRE_BENCH_INDEX_PAIRS);
  return Number.isInteger(n) && n > 0 ? n : quick ? 7 : 11;
}

/** One workspace index run. */
export interface WorkspaceIndexResult {
  ms: number;
  /** The server process's CPU time (user + system), start-up included. */
  cpuMs: number;
  rssMiB: number;
  peakRssMiB: number;
  files: number;
}

/** Runs the server section. */
export async function runServer(serverJs: string, inputs: GeneratedInputs, quick: boolean, work: string): Promise<ServerResult> {
  const log = (s: string) => process.stderr.write(`bench: server: ${s}\n`);
  const result: ServerResult = { notes: [] };
  const phase = async (name: string, fn: () => Promise<void>) => {
    log(`${name}…`);
    try {
      await fn();
    } catch (e) {
      result.notes!.push(`${name} failed: ${(e as Error).message}`);
      log(`${name} failed: ${(e as Error).message}`);
    } finally {
      for (const p of live) p.kill();
      live.clear();
    }
  };
  const small = inputs.notes.find((n) => n.name === '10KB')!;
  await phase('spawn → first diagnostics', async () => {
    // With the code cache (a folder of this run's, written by the warm-up) and without it,
    // interleaved so that the machine's noise falls on both alike.
    const cacheDir = join(work, 'code-cache');
    const runs: number[] = [];
    const noCache: number[] = [];
    await firstDiagnostics(serverJs, small.path, cacheDir); // warm-up (disk cache, code cache)
    await firstDiagnostics(serverJs, small.path, 'off');
    for (let k = 0; k < (quick ? 3 : 7); k++) {
      runs.push(await firstDiagnostics(serverJs, small.path, cacheDir));
      noCache.push(await firstDiagnostics(serverJs, small.path, 'off'));
    }
    result.firstDiagnosticsMs = median(runs);
    result.firstDiagnosticsRuns = runs;
    result.firstDiagnosticsNoCacheMs = median(noCache);
    result.firstDiagnosticsNoCacheRuns = noCache;
  });
  await phase('keystrokes', async () => {
    result.keystroke = await keystrokes(serverJs, inputs.keystrokeNote.path, quick ? 300 : 1000, work);
  });
  const g10k = inputs.glossaries.find((g) => g.terms === 10000)!;
  await phase('hover and completion', async () => {
    Object.assign(result, await requests(serverJs, inputs.keystrokeNote.path, g10k.path, quick ? 300 : 1000, work));
  });
  await phase('workspace index', async () => {
    // With and without harvesting, interleaved (the noise falls on both alike).
    // One pair told +10 % and +52 % on the same build: the ratio is the median of several pairs.
    const ws: WorkspaceIndexResult[] = [];
    const off: WorkspaceIndexResult[] = [];
    for (let k = 0; k < indexPairs(quick); k++) {
      // Alternated order: whichever runs second in a pair finds the file cache warmer.
      const first = k % 2 === 0;
      const a = await workspaceIndex(serverJs, inputs.workspace.path, inputs.workspace.files, first);
      const b = await workspaceIndex(serverJs, inputs.workspace.path, inputs.workspace.files, !first);
      ws.push(first ? a : b);
      off.push(first ? b : a);
    }
    const summary = (list: WorkspaceIndexResult[]): WorkspaceIndexResult => ({
      ms: median(list.map((w) => w.ms)), cpuMs: median(list.map((w) => w.cpuMs)), rssMiB: median(list.map((w) => w.rssMiB)), peakRssMiB: median(list.map((w) => w.peakRssMiB)), files: inputs.workspace.files,
    });
    result.workspace = summary(ws);
    result.workspaceNoHarvest = summary(off);
    result.harvestRatio = { wall: median(ws.map((w, k) => w.ms / off[k].ms)), cpu: median(ws.map((w, k) => w.cpuMs / off[k].cpuMs)), pairs: ws.length };
  });
  return result;
}
