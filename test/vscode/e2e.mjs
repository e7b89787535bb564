#!/usr/bin/env node
// `npm run test:e2e`: Glossaire inside a real VS Code, here and in CI (.ci/run calls it).
//   1. compiles the tests (tsc) and packages the extension (`npm run package`: production
//      build + vsce) — the .vsix is what the UI check installs;
//   2. runs the in-editor suite (test/vscode/suite) in code-server's extension host, on a
//      temporary copy of examples/ (runInCodeServer.mjs);
//   3. runs the UI check (uiCheck.mjs --glossaire) on the student's notes with the packaged
//      .vsix, in headless Chromium, and saves its screenshots; then the course UI check
//      (coursesUiCheck.mjs: hover with both definitions, panel grouped by course, « Ajouter au
//      glossaire… », in French) on examples/reseaux/;
//   4. runs the web check (webCheck.mjs): the web-only variant of the package (VS Code for the
//      Web) in code-server's web worker extension host, on examples/01-externalisation.md (and
//      the student's notes when they are there), with its start-up time.
// Exits non-zero when anything fails. When the tools (code-server, Node 24, Chromium,
// playwright-core: .ci/setup-e2e.sh) are missing it runs the installer; if that fails too and
// CI is not set, it skips with a loud warning and exits 0.
//
//   node test/vscode/e2e.mjs [--suite-only | --ui-only | --web-only] [--no-web] [--screenshots DIR] [--note FILE] [--course DIR] [--locale en|fr] [--no-package]
//   Screenshots go to test/vscode/.screenshots-tmp (untracked). --note runs the UI check on one
//   of the project's example notes instead of the student's notes: `npm run screenshots` writes
//   the committed ones in docs/screenshots from examples/01-externalisation.md, so that they show
//   only the project's own text; --course DIR adds a course folder beside it (examples/reseaux):
//   two courses in the Study view and the quiz. --locale fr runs that UI check with VS Code in
//   French (the README's screenshots); by default it runs in English, the course check in French.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const option = (f, d) => (args.includes(f) ? args[args.indexOf(f) + 1] : d);
const t0 = Date.now();
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const log = (m) => process.stderr.write(`[e2e] ${m}\n`);
const isCI = !!process.env.CI && process.env.CI !== 'false';

/** Runs a command (output shown), returns its exit code. */
function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

/** Runs a command showing its output and keeping stdout; resolves { code, stdout }. */
function runTee(cmd, argv) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      process.stdout.write(d);
    });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

/**
 * Mocha's failure report ("N failing" and the numbered failures) cut from a run's output, so
 * that the summary can repeat it: CI keeps only the end of a long log, and the web check's
 * report comes after the suite's.
 */
function mochaFailures(stdout) {
  const lines = stdout.split(/\r?\n/);
  const from = lines.findIndex((l) => /^\s*\d+ failing\s*$/.test(l));
  if (from < 0) return '';
  const to = lines.findIndex((l, i) => i > from && /^(in-editor suite:|vscode: \d+ passed)/.test(l));
  const report = lines.slice(from, to < 0 ? undefined : to).filter((l) => !/^\s+at /.test(l) || /\/(test|client|server)\//.test(l));
  return report.slice(0, 60).join('\n');
}

async function toolsReady() {
  const { resolveTools } = await import('./codeServer.mjs');
  try {
    resolveTools();
    return true;
  } catch (e) {
    log(e.message);
    return false;
  }
}

// ---- 0. Tools --------------------------------------------------------------------------------
if (!(await toolsReady())) {
  log('installing the E2E tools (.ci/setup-e2e.sh)');
  const code = run('bash', [path.join(root, '.ci/setup-e2e.sh')]);
  if (code !== 0 || !(await toolsReady())) {
    if (isCI) {
      log('FAILED: the E2E tools could not be installed (CI is set, so this is an error)');
      process.exit(1);
    }
    const bar = '!'.repeat(78);
    process.stderr.write(`\n${bar}\n!! SKIPPED: the in-editor tests and the UI check did NOT run: code-server,\n` +
      `!! Node 24, Chromium or playwright-core could not be installed (.ci/setup-e2e.sh failed).\n` +
      `!! Set CI=1 to make this an error.\n${bar}\n\n`);
    process.exit(0);
  }
}

// ---- 1. Compile the tests, package the extension -----------------------------------------------
const results = [];
let t = Date.now();
if (run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']) !== 0) {
  log('FAILED: tsc');
  process.exit(1);
}
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
if (!flag('--no-package') || !fs.existsSync(vsix)) {
  if (run('npm', ['run', '--silent', 'package']) !== 0 || !fs.existsSync(vsix)) {
    log('FAILED: npm run package');
    process.exit(1);
  }
}
log(`compiled and packaged ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(2)} MB) in ${secs(t)}`);

const only = ['--suite-only', '--ui-only', '--web-only'].find(flag);
const runs = (step) => !only || only === `--${step}-only`;

// ---- 2. The in-editor suite in code-server ---------------------------------------------------
if (runs('suite')) {
  t = Date.now();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossaire-suite-'));
  for (const f of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md'))) {
    fs.copyFileSync(path.join(root, 'examples', f), path.join(workspace, f));
  }
  const { code, stdout } = await runTee(process.execPath, [
    path.join(root, 'test/vscode/runInCodeServer.mjs'),
    '--extension', root,
    '--tests', path.join(root, 'out/test/vscode/suite/index.js'),
    '--workspace', workspace,
  ]);
  fs.rmSync(workspace, { recursive: true, force: true });
  const counts = /vscode: (\d+) passed, (\d+) failed/.exec(stdout);
  results.push({
    name: 'in-editor suite (code-server)',
    ok: code === 0,
    detail: `${counts ? `${counts[1]} passed, ${counts[2]} failed` : `exit ${code}`}, ${secs(t)}`,
    // Retried tests are shown even when the suite passed: a flaky test is a defect to find.
    report: [...stdout.matchAll(/^in-editor suite: (retried once: .*)$/gm)].map((m) => m[1])
      .concat(code === 0 ? [] : [mochaFailures(stdout)]).filter(Boolean).join('\n'),
  });
}

// ---- 3. The UI check on the packaged extension -------------------------------------------------
if (runs('ui')) {
  t = Date.now();
  const shots = path.resolve(root, option('--screenshots', 'test/vscode/.screenshots-tmp'));
  const note = option('--note');
  const { code } = await runTee(process.execPath, [
    path.join(root, 'test/vscode/uiCheck.mjs'), '--glossaire', '--vsix', vsix, '--screenshots', shots,
    ...(note ? ['--note', path.resolve(root, note)] : []),
    ...(option('--course') ? ['--course', path.resolve(root, option('--course'))] : []),
    ...(option('--locale') ? ['--locale', option('--locale')] : []),
  ]);
  results.push({
    name: `UI check (packaged .vsix, Chromium, ${note ? path.basename(note) : "the student's notes"}${option('--locale') ? `, --locale ${option('--locale')}` : ''})`,
    ok: code === 0, detail: `exit ${code}, ${secs(t)}, screenshots in ${path.relative(root, shots)}`,
  });
  // The course glossaries in French, on examples/reseaux/ (its course-*.png screenshots).
  t = Date.now();
  const courses = await runTee(process.execPath, [path.join(root, 'test/vscode/coursesUiCheck.mjs'), '--vsix', vsix, '--screenshots', shots]);
  results.push({ name: 'course UI check (French, examples/reseaux/03-routage.md)', ok: courses.code === 0, detail: `exit ${courses.code}, ${secs(t)}` });
}

// ---- 4. VS Code for the Web: the web-only variant in the web worker extension host -------------
if (runs('web') && !flag('--no-web') && !option('--note')) {
  t = Date.now();
  const shots = path.resolve(root, option('--screenshots', 'test/vscode/.screenshots-tmp'), 'web');
  const { code, stdout } = await runTee(process.execPath, [
    path.join(root, 'test/vscode/webCheck.mjs'), '--vsix', vsix, '--seed', '--screenshots', shots,
  ]);
  const startup = [...stdout.matchAll(/"startupMs": (\d+)/g)].map((m) => `${m[1]} ms`).join(', ');
  results.push({
    name: 'web check (web-only .vsix, web worker extension host)',
    ok: code === 0, detail: `exit ${code}, ${secs(t)}, first diagnostics after activation: ${startup || '?'}`,
  });
}

// ---- Summary ---------------------------------------------------------------------------------
process.stderr.write('\n');
for (const r of results) {
  log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`);
  if (r.report) process.stderr.write(`${r.report.replace(/^/gm, '         ')}\n`);
}
const failed = results.filter((r) => !r.ok).length;
log(`${failed ? 'FAILED' : 'passed'} in ${secs(t0)}`);
process.exit(failed ? 1 : 0);
