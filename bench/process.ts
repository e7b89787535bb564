/**
 * Whole-process measurements: wall time from spawn to exit and peak RSS of `glossaire check`
 * and, side by side in the same run, of cspell with the French dictionary on the same notes.
 * Peak RSS comes from `/usr/bin/time` when present, otherwise from a preloaded module that
 * reports `process.resourceUsage().maxRSS` at exit.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, now } from './stats';

/** One measured process. */
export interface ProcessRun {
  wallMs: number;
  peakRssMiB: number;
  exitCode: number;
}

/** Median wall time and peak RSS of several runs of one command. */
export interface ProcessStats {
  label: string;
  command: string;
  runs: number;
  wallMs: number;
  wallMinMs: number;
  peakRssMiB: number;
  exitCode: number;
  /** Lines the command printed on its first run (findings or issues). */
  outputLines?: number;
}

const TIME = '/usr/bin/time';

/** Spawns `node args…` and measures it. */
export function measureNode(args: string[], workDir: string, captureOutput = false, cwd?: string): ProcessRun & { stdout?: string } {
  mkdirSync(workDir, { recursive: true });
  const rssFile = join(workDir, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  let cmd: string;
  let argv: string[];
  const env = { ...process.env };
  if (existsSync(TIME)) {
    cmd = TIME;
    argv = ['-f', '%M', '-o', rssFile, process.execPath, ...args];
  } else {
    const preload = join(workDir, 'maxrss.cjs');
    writeFileSync(preload, "process.on('exit',()=>require('fs').writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)));\n");
    cmd = process.execPath;
    argv = ['--require', preload, ...args];
    env.BENCH_RSS_FILE = rssFile;
  }
  const t0 = now();
  const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', captureOutput ? 'pipe' : 'ignore', 'ignore'], env, maxBuffer: 1 << 30, encoding: 'utf8' });
  const wallMs = now() - t0;
  let peakRssMiB = NaN;
  try {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    peakRssMiB = Number(lines[lines.length - 1]) / 1024;
  } catch {
    // no RSS report: leave NaN
  }
  return { wallMs, peakRssMiB, exitCode: r.status ?? -1, stdout: captureOutput ? r.stdout : undefined };
}

/** A command to compare. */
export interface Contender {
  label: string;
  args: string[];
  /** Working directory (cspell only checks files under its root, the cwd). */
  cwd?: string;
}

/**
 * Runs contenders interleaved (A B A B …) after one warm-up each, so that machine noise hits
 * them alike; returns median wall time and median peak RSS.
 */
export function compareProcesses(contenders: Contender[], runs: number, workDir: string): ProcessStats[] {
  const samples = contenders.map(() => [] as ProcessRun[]);
  const outputLines: (number | undefined)[] = [];
  contenders.forEach((c) => {
    const warm = measureNode(c.args, workDir, true, c.cwd);
    outputLines.push(warm.stdout === undefined ? undefined : warm.stdout.split('\n').filter(Boolean).length);
  });
  for (let k = 0; k < runs; k++) contenders.forEach((c, i) => samples[i].push(measureNode(c.args, workDir, false, c.cwd)));
  return contenders.map((c, i) => ({
    label: c.label,
    command: `node ${c.args.join(' ')}`,
    runs,
    wallMs: median(samples[i].map((s) => s.wallMs)),
    wallMinMs: Math.min(...samples[i].map((s) => s.wallMs)),
    peakRssMiB: median(samples[i].map((s) => s.peakRssMiB)),
    exitCode: samples[i][0].exitCode,
    outputLines: outputLines[i],
  }));
}

/** Paths of cspell and its French dictionary, or a reason why they are not usable. */
export function findCspell(root: string): { bin: string; config: (dir: string) => string } | { missing: string } {
  const bin = join(root, 'node_modules', 'cspell', 'bin.mjs');
  const ext = join(root, 'node_modules', '@cspell', 'dict-fr-fr', 'cspell-ext.json');
  if (!existsSync(bin)) return { missing: 'cspell is not installed (node_modules/cspell)' };
  if (!existsSync(ext)) return { missing: '@cspell/dict-fr-fr is not installed' };
  let version = '';
  try {
    version = (JSON.parse(readFileSync(join(root, 'node_modules', 'cspell', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // unknown version
  }
  if (!version.startsWith('9.')) return { missing: `cspell ${version || '?'} is not 9.x` };
  return {
    bin,
    config: (dir: string) => {
      const path = join(dir, 'cspell.json');
      writeFileSync(path, JSON.stringify({ version: '0.2', language: 'fr', import: [ext] }, null, 1));
      return path;
    },
  };
}
