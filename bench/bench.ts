/**
 * `npm run bench`: the performance benchmark. Generates its inputs deterministically, measures
 * the core in-process, the CLI and cspell as whole processes, the language server over stdio
 * (when dist/server.js exists) and the shipped sizes, then prints one table and writes JSON to
 * bench/results/. Warm-up first, several runs, medians; nothing here asserts a time.
 *
 * Flags: --big (add the 10 MB note), --quick (fewer runs), --no-cspell, --no-server,
 * --only inprocess,process,server,sizes (a subset of the sections), --label NAME (stored in the
 * JSON), --section inprocess (internal: the child process).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join, relative } from 'node:path';
import { generateAll, GeneratedInputs } from './generate';
import { InProcessResult, runInProcess } from './inprocess';
import { CoursesResult, runCourses } from './courses';
import { compareProcesses, findCspell, ProcessStats } from './process';
import { runServer, ServerResult } from './server';
import { fmt } from './stats';
import { getBuiltinGlossaryPath, getLexiconPath, getPackageRoot } from '../server/src/node/resources';

interface Flags {
  big: boolean;
  quick: boolean;
  cspell: boolean;
  server: boolean;
  label: string;
  only?: Set<string>;
  section?: string;
  inputs?: string;
}

function parseFlags(argv: string[]): Flags {
  const f: Flags = { big: false, quick: false, cspell: true, server: true, label: '' };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--big') f.big = true;
    else if (a === '--quick') f.quick = true;
    else if (a === '--no-cspell') f.cspell = false;
    else if (a === '--no-server') f.server = false;
    else if (a === '--label') f.label = argv[++k] ?? '';
    else if (a === '--section') f.section = argv[++k];
    else if (a === '--only') f.only = new Set((argv[++k] ?? '').split(','));
    else if (a === '--inputs') f.inputs = argv[++k];
    else throw new Error(`unknown flag ${a}`);
  }
  return f;
}

/** A row of the printed table. */
interface Row {
  measure: string;
  value: string;
  target?: string;
  met?: boolean;
}

/** The whole result, as written to JSON. */
interface BenchResult {
  label: string;
  date: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; platform: string };
  inputs: GeneratedInputs;
  inProcess?: InProcessResult;
  processes: ProcessStats[];
  cspell?: { skipped?: string; ratio1MB?: number; issues1MB?: number };
  server?: ServerResult | { skipped: string };
  courses?: CoursesResult;
  sizes: Record<string, number | string>;
  table: Row[];
}

const ROOT = getPackageRoot();

/**
 * Ten course folders with the same 200 generated notes each (and so the definitions they write):
 * every course's chain meets the same words, as a student's courses, all in French, do.
 */
function sharedCourses(inputs: GeneratedInputs): string {
  const root = join(inputs.dir, 'courses-shared-10x200');
  if (existsSync(join(root, 'done'))) return root;
  const sources = readdirSync(inputs.workspace.path).sort().slice(0, 4).flatMap((d) => readdirSync(join(inputs.workspace.path, d)).map((f) => join(inputs.workspace.path, d, f)));
  for (let c = 0; c < 10; c++) {
    const folder = join(root, `cours-${c}`);
    mkdirSync(folder, { recursive: true });
    for (const f of sources) copyFileSync(f, join(folder, basename(f)));
  }
  writeFileSync(join(root, 'done'), '');
  return root;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.section === 'inprocess') {
    const inputs = JSON.parse(readFileSync(flags.inputs!, 'utf8')) as GeneratedInputs;
    process.stdout.write(JSON.stringify(runInProcess(inputs, flags.quick)));
    return;
  }
  const dataDir = join(ROOT, 'bench', '.data');
  const work = join(dataDir, 'tmp');
  mkdirSync(work, { recursive: true });
  const log = (s: string) => process.stderr.write(s + '\n');

  log('bench: generating inputs (cached in bench/.data/inputs)…');
  const inputs = generateAll(join(dataDir, 'inputs'), getLexiconPath(), getBuiltinGlossaryPath(), flags.big);
  const inputsFile = join(work, 'inputs.json');
  writeFileSync(inputsFile, JSON.stringify(inputs));

  const wants = (section: string) => !flags.only || flags.only.has(section);
  let inProcess: InProcessResult | undefined;
  if (wants('inprocess')) {
    log('bench: in-process core…');
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--section', 'inprocess', '--inputs', inputsFile, ...(flags.quick ? ['--quick'] : [])], {
      encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'],
    });
    inProcess = child.status === 0 ? (JSON.parse(child.stdout) as InProcessResult) : undefined;
    if (!inProcess) log(`bench: in-process section failed (exit ${child.status})`);
  }

  if (wants('process')) log('bench: whole processes (glossaire check, cspell)…');
  const cli = join(ROOT, 'dist', 'cli.js');
  const note = (name: string) => inputs.notes.find((n) => n.name === name)!;
  const g10k = inputs.glossaries.find((g) => g.terms === 10000)!;
  const runs = flags.quick ? 3 : 7;
  const cspell = flags.cspell ? findCspell(ROOT) : { missing: 'skipped (--no-cspell)' };
  const contenders1MB = [{ label: 'glossaire check 1 MB', args: [cli, 'check', '--quiet', note('1MB').path] }];
  const contenders10KB = [{ label: 'glossaire check 10 KB', args: [cli, 'check', '--quiet', note('10KB').path] }];
  let cspellInfo: BenchResult['cspell'];
  if ('bin' in cspell) {
    const config = cspell.config(work);
    const cs = (path: string) => ({ args: [cspell.bin, 'lint', '--config', config, '--no-progress', '--no-summary', '--no-cache', relative(inputs.dir, path)], cwd: inputs.dir });
    contenders1MB.push({ label: 'cspell 1 MB', ...cs(note('1MB').path) });
    contenders10KB.push({ label: 'cspell 10 KB', ...cs(note('10KB').path) });
  } else {
    cspellInfo = { skipped: cspell.missing };
    log(`bench: cspell side-by-side skipped: ${cspell.missing}`);
  }
  const processes: ProcessStats[] = [];
  if (wants('process')) {
    processes.push(
      ...compareProcesses(contenders1MB, flags.quick ? 3 : 5, work),
      ...compareProcesses(contenders10KB, runs, work),
      ...compareProcesses([{ label: 'glossaire check 1 MB, 10,000 terms', args: [cli, 'check', '--quiet', '--no-builtin', '--glossary', g10k.path, note('1MB').path] }], runs, work),
      ...compareProcesses([{ label: 'glossaire check 2,000 notes', args: [cli, 'check', '--quiet', inputs.workspace.path] }], flags.quick ? 2 : 3, work),
      ...compareProcesses([{ label: 'glossaire check 10 course folders sharing their vocabulary (2,000 notes)', args: [cli, 'check', '--quiet', sharedCourses(inputs)] }], flags.quick ? 2 : 3, work),
      // The floor of any Node CLI on this machine: starting Node and exiting.
      ...compareProcesses([{ label: 'node -e "" (Node start-up alone)', args: ['-e', ''] }], runs, work),
    );
    if (flags.big) processes.push(...compareProcesses([{ label: 'glossaire check 10 MB', args: [cli, 'check', '--quiet', note('10MB').path] }], 3, work));
    const g1 = processes.find((p) => p.label === 'glossaire check 1 MB')!;
    const c1 = processes.find((p) => p.label === 'cspell 1 MB');
    if (c1) cspellInfo = { ratio1MB: c1.wallMs / g1.wallMs, issues1MB: c1.outputLines };
  }

  let server: BenchResult['server'];
  const serverJs = join(ROOT, 'dist', 'server.js');
  if (!flags.server || !wants('server')) server = { skipped: 'skipped (--no-server or --only)' };
  else if (!existsSync(serverJs)) server = { skipped: 'dist/server.js does not exist yet' };
  else {
    log('bench: language server over stdio…');
    try {
      server = await runServer(serverJs, inputs, flags.quick, work);
    } catch (e) {
      server = { skipped: `failed: ${(e as Error).message}` };
    }
  }

  let courses: CoursesResult | undefined;
  if (wants('courses')) {
    log('bench: course glossaries (30 × 150 terms, 2,000 notes)…');
    const withServer = flags.server && existsSync(serverJs);
    courses = await runCourses(join(dataDir, 'inputs'), flags.quick, withServer ? serverJs : undefined, work);
  }

  const sizes = wants('sizes') ? measureSizes(work) : {};
  const table = makeTable(inProcess, processes, cspellInfo, server, sizes, inputs);
  if (courses) {
    const c = courses;
    table.push(
      { measure: `Course glossaries: discovery + parse + compile, ${c.courses} folders × ${c.termsPerCourse} terms (Markdown), ${c.notes} notes`, value: `${fmt(c.loadMs)} ms (median of ${c.runs}; CPU ${fmt(c.loadCpuMs)} ms)`, target: '≤ 300 ms', met: c.loadMs <= 300 },
      { measure: 'Course glossaries: then the fuzzy index of every chain (built by the first analysis of a note of each course; the workspace index never needs it)', value: `${fmt(c.fuzzyMs)} ms` },
      { measure: 'Course glossaries: a note opened in one course waits for discovery + its chain (the 29 other courses later)', value: `${fmt(c.firstNoteMs)} ms` },
      { measure: `One course glossary edited: recompiled ${c.editRecompiled.files} file / ${c.editRecompiled.chains} chain`, value: `${fmt(c.editMs)} ms`, target: '≤ 20 ms', met: c.editMs <= 20 },
    );
    const ch = c.chain;
    if (ch && 'skipped' in ch) table.push({ measure: 'Hover / completion with a chain of glossaries', value: ch.skipped });
    else if (ch) {
      const what = `chain root + course + built-in + notes' definitions (${ch.terms} terms + built-in)`;
      table.push(
        { measure: `Hover, ${what}, ${ch.hover.count} requests: server p50 / p99 (round trip)`, value: `${fmt(ch.hover.p50)} / ${fmt(ch.hover.p99)} ms (${fmt(ch.hover.roundTripP50)} / ${fmt(ch.hover.roundTripP99)})`, target: '≤ 0.3 ms p99', met: ch.hover.p99 <= 0.3 },
        { measure: `Completion, ${what}, ${ch.completion.count} requests: server p50 / p99 (round trip)`, value: `${fmt(ch.completion.p50)} / ${fmt(ch.completion.p99)} ms (${fmt(ch.completion.roundTripP50)} / ${fmt(ch.completion.roundTripP99)}), ${ch.completion.itemsMedian} items`, target: '≤ 2 ms p99', met: ch.completion.p99 <= 2 },
      );
    }
  }
  const result: BenchResult = {
    label: flags.label,
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    inputs, inProcess, processes, cspell: cspellInfo, server, courses, sizes, table,
  };
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = result.date.replace(/[:.]/g, '-');
  const file = join(resultsDir, `bench-${flags.label ? flags.label + '-' : ''}${stamp}.json`);
  writeFileSync(file, JSON.stringify(result, null, 1));
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(result, null, 1));
  process.stdout.write(printTable(result) + '\n');
  log(`bench: results in ${relative(process.cwd(), file)}`);
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'client', 'bench', 'esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return '?';
  }
}

function fileSize(path: string): number | string {
  return existsSync(path) ? statSync(path).size : 'absent';
}

function measureSizes(work: string): Record<string, number | string> {
  const sizes: Record<string, number | string> = {
    'dist/cli.js': fileSize(join(ROOT, 'dist', 'cli.js')),
    'dist/server.js': fileSize(join(ROOT, 'dist', 'server.js')),
    'dist/server-core.js': fileSize(join(ROOT, 'dist', 'server-core.js')),
    'dist/extension.js': fileSize(join(ROOT, 'dist', 'extension.js')),
    'dist/lexicon-fr.txt': fileSize(getLexiconPath()),
    'dist/lexicon-en.txt': fileSize(join(ROOT, 'dist', 'lexicon-en.txt')),
    'dist/lexicon-fr.fc': fileSize(join(ROOT, 'dist', 'lexicon-fr.fc')),
    'dist/lexicon-en.fc': fileSize(join(ROOT, 'dist', 'lexicon-en.fc')),
  };
  // The .vsix as vsce packages it (no dependencies: everything is bundled).
  const vsix = join(work, 'glossaire.vsix');
  rmSync(vsix, { force: true });
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) sizes.vsix = 'not packaged: dist/extension.js does not exist yet';
  else if (!existsSync(vsce)) sizes.vsix = 'not packaged: @vscode/vsce is not installed';
  else {
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], {
      cwd: ROOT, encoding: 'utf8', input: 'y\n',
    });
    sizes.vsix = existsSync(vsix) ? statSync(vsix).size : `vsce failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' ')}`;
  }
  return sizes;
}

const MiB = 1048576;

function makeTable(
  ip: InProcessResult | undefined,
  processes: ProcessStats[],
  cspell: BenchResult['cspell'],
  server: BenchResult['server'],
  sizes: Record<string, number | string>,
  inputs: GeneratedInputs,
): Row[] {
  const rows: Row[] = [];
  if (ip) {
    for (const r of ip.rows) {
      const size = r.note;
      const target = r.note !== '10KB' ? '≤ 10 ms/MB' : undefined;
      rows.push({
        measure: `Full diagnostics in-process, ${size} note, ${r.glossaryTerms} terms (warm | cold)`,
        value: `${fmt(r.warmMsPerMB)} | ${fmt(r.coldMsPerMB)} ms/MB  (${fmt(r.warmMs)} | ${fmt(r.coldMs)} ms, ${r.findings} findings; best warm ${fmt(r.warmBestMsPerMB)} ms/MB)`,
        target,
        met: target ? r.warmMsPerMB <= 10 && r.coldMsPerMB <= 10 : undefined,
      });
    }
    rows.push({
      measure: '20 → 10,000 terms, 1 MB (warm | cold)',
      value: `${fmt(ip.glossaryScaling.warm)}× | ${fmt(ip.glossaryScaling.cold)}×`,
      target: '≤ 1.5×',
      met: ip.glossaryScaling.warm <= 1.5 && ip.glossaryScaling.cold <= 1.5,
    });
    rows.push({ measure: 'Scanner alone, 1 MB', value: `${fmt(ip.scanMsPerMB)} ms/MB` });
    const ks = ip.keystroke;
    rows.push({
      measure: `Keystroke re-analysis in-process, ${inputs.keystrokeNote.lines} lines, ${ks.edits} edits at random offsets: p50 / p99`,
      value: `${fmt(ks.p50)} / ${fmt(ks.p99)} ms (max ${fmt(ks.max)}; ${ks.incremental} incremental; + ${fmt(ks.flattenP50)} ms p50 to flatten the new text)`,
    });
    rows.push({ measure: `Lexicon load (${ip.lexiconWords.toLocaleString('en')} words)`, value: `${fmt(ip.lexiconLoadMs)} ms` });
    for (const g of ip.glossaryCompile) rows.push({ measure: `Glossary compile, ${g.terms} terms (look-up indexes included)`, value: `${fmt(g.ms)} ms, ${fmt(g.heapMiB)} MiB heap` });
  }
  for (const p of processes) {
    const isCheck1MB = p.label === 'glossaire check 1 MB';
    rows.push({
      measure: `${p.label} (whole process, median of ${p.runs})`,
      value: `${fmt(p.wallMs)} ms, ${fmt(p.peakRssMiB)} MiB peak RSS`,
      target: isCheck1MB ? '≤ 60 MiB' : p.label === 'glossaire check 2,000 notes' ? undefined : undefined,
      met: isCheck1MB ? p.peakRssMiB <= 60 : undefined,
    });
  }
  const floor = processes.find((p) => p.label.startsWith('node -e'));
  const check1MB = processes.find((p) => p.label === 'glossaire check 1 MB');
  if (floor && check1MB) rows.push({ measure: 'glossaire check 1 MB beyond Node start-up (difference of medians)', value: `${fmt(check1MB.wallMs - floor.wallMs)} ms` });
  if (cspell?.skipped) rows.push({ measure: 'cspell side by side', value: cspell.skipped });
  else if (cspell?.ratio1MB !== undefined) {
    rows.push({ measure: 'cspell / glossaire, 1 MB whole process', value: `${fmt(cspell.ratio1MB)}×`, target: '≥ 30×', met: cspell.ratio1MB >= 30 });
  }
  if (server && 'skipped' in server) rows.push({ measure: 'Language server', value: server.skipped });
  else if (server) {
    if (server.firstDiagnosticsMs !== undefined) {
      rows.push({ measure: 'Server spawn → first diagnostics, 10 KB note (median)', value: `${fmt(server.firstDiagnosticsMs)} ms`, target: '≤ 150 ms', met: server.firstDiagnosticsMs <= 150 });
      if (server.firstDiagnosticsNoCacheMs !== undefined) {
        rows.push({ measure: 'Server spawn → first diagnostics without the code cache (median)', value: `${fmt(server.firstDiagnosticsNoCacheMs)} ms` });
      }
    }
    const k = server.keystroke;
    if (k) {
      rows.push({
        measure: `Keystroke → diagnostics, ${inputs.keystrokeNote.lines} lines, ${k.edits} edits: server time p50 / p99`,
        value: `${fmt(k.serverP50)} / ${fmt(k.serverP99)} ms (max ${fmt(k.serverMax)}, ${fmt(k.diagnosticsPerPublish)} diagnostics each)`,
        target: '≤ 1 ms p99', met: k.serverP99 <= 1,
      });
      rows.push({ measure: 'Keystroke → diagnostics round trip p50 / p99', value: `${fmt(k.roundTripP50)} / ${fmt(k.roundTripP99)} ms` });
    }
    const h = server.hover;
    if (h) rows.push({ measure: `Hover, 10,000 terms, ${h.count} requests: server p50 / p99 (round trip)`, value: `${fmt(h.p50)} / ${fmt(h.p99)} ms (${fmt(h.roundTripP50)} / ${fmt(h.roundTripP99)})`, target: '≤ 0.3 ms p99', met: h.p99 <= 0.3 });
    const c = server.completion;
    if (c) rows.push({ measure: `Completion, 10,000 terms, ${c.count} requests: server p50 / p99 (round trip)`, value: `${fmt(c.p50)} / ${fmt(c.p99)} ms (${fmt(c.roundTripP50)} / ${fmt(c.roundTripP99)}), ${c.itemsMedian} items`, target: '≤ 2 ms p99', met: c.p99 <= 2 });
    if (server.workspace) {
      rows.push({ measure: `Workspace index, ${inputs.workspace.files} notes (${fmt(inputs.workspace.bytes / 1e6)} MB), until complete`, value: `${fmt(server.workspace.ms)} ms, ${fmt(server.workspace.rssMiB)} MiB RSS after`, target: '≤ 1.5 s', met: server.workspace.ms <= 1500 });
      const off = server.workspaceNoHarvest;
      const ratio = server.harvestRatio;
      if (off && ratio) {
        const extra = (ratio.wall - 1) * 100;
        const extraCpu = (ratio.cpu - 1) * 100;
        rows.push({
          measure: `Workspace index without harvesting (what harvesting adds: median of ${ratio.pairs} interleaved pairs, wall / server CPU)`,
          value: `${fmt(off.ms)} ms, CPU ${fmt(off.cpuMs)} ms (with it: ${fmt(server.workspace.ms)} ms, CPU ${fmt(server.workspace.cpuMs)} ms; +${fmt(extra)} % / +${fmt(extraCpu)} %)`,
          target: '≤ +15 %',
          met: extra <= 15 && extraCpu <= 15,
        });
      }
    }
    if (server.notes) for (const n of server.notes) rows.push({ measure: 'Server note', value: n });
  }
  for (const [name, v] of Object.entries(sizes)) {
    if (name === 'vsix') rows.push({ measure: '.vsix', value: typeof v === 'number' ? `${fmt(v / MiB)} MiB` : v, target: '≤ 2 MB', met: typeof v === 'number' ? v <= 2_000_000 : undefined });
    else rows.push({ measure: `Size ${name}`, value: typeof v === 'number' ? `${fmt(v / 1024)} KiB` : v });
  }
  return rows;
}

function printTable(r: BenchResult): string {
  const header = `Glossaire bench ${r.label ? `“${r.label}” ` : ''}— ${r.date}, ${r.commit}, ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}`;
  const lines = [header, '', '| Measure | Result | Target | Met |', '| --- | --- | --- | --- |'];
  for (const row of r.table) lines.push(`| ${row.measure} | ${row.value} | ${row.target ?? ''} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
