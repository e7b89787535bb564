/**
 * `glossaire check [paths…]`: the command-line checker, over the same core as the server.
 * Exit codes: 0 no findings (with --fix: all fixed), 1 findings (left), 2 usage error, invalid
 * glossary, a path that could not be read or fixed, or nothing to check.
 */

import { readSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Finding, OffsetEdit } from '../service/analyze';
import { applyEdits, getFixAllEdits, getFixEdits } from '../service/fixes';
import { formatProblem } from '../service/glossary';
import { isGlossaryFileName } from '../service/scope';
import { harvestDefinitions } from '../service/harvest';
import { GlossaryResolver } from './glossaries';
import { LineIndex } from '../service/positions';
import { Locale, MessageKey, parseLocale, t, toLocale } from '../service/messages';
import { findingMessage } from '../service/diagnostics';
import { getBuiltinGlossaryPath, loadEnglishLexicon, loadLexicon } from '../node/resources';
import { glossaryMain } from './glossary';
import { decodeText, FileProblem, fileProblemMessage, isMarkdownName, MAX_NOTE_BYTES, printablePath, readTextFile, walkFiles, writeTextFile } from '../node/files';

const VERSION = '0.1.0';
/** The name shown for standard input (`check -`). */
const STDIN_NAME = '<stdin>';
/** Glossaries are small; a bigger file is not one. */
const MAX_GLOSSARY_BYTES = 20 * 1024 * 1024;

interface CliOptions {
  paths: string[];
  format: 'text' | 'json';
  fix: boolean;
  glossaries: string[];
  builtin: boolean;
  locale: Locale;
  quiet: boolean;
  verbose: boolean;
  workspaceGlossaries: boolean;
}

type Parsed =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help'; locale: Locale }
  | { kind: 'version' }
  | { kind: 'error'; locale: Locale; message: string };

/** The process environment's locale: GLOSSAIRE_LOCALE, then POSIX order (LC_ALL, LC_MESSAGES, LANG). */
function environmentLocale(env: NodeJS.ProcessEnv): Locale {
  const tag = [env.GLOSSAIRE_LOCALE, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return toLocale(tag);
}

/** Parses the command line; usage errors are messages in the locale asked for. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Parsed {
  // The locale first, wherever --locale is: --help and usage errors speak it too.
  let locale = environmentLocale(env);
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const value = argv[i] === '--locale' ? argv[i + 1] : argv[i].startsWith('--locale=') ? argv[i].slice(9) : undefined;
    if (value === undefined) continue;
    const l = parseLocale(value);
    if (!l) return { kind: 'error', locale, message: t(locale, 'cli.bad-locale', { value }) };
    locale = l;
  }
  const error = (key: MessageKey, params: Record<string, string>): Parsed => ({ kind: 'error', locale, message: t(locale, key, params) });
  const o: CliOptions = { paths: [], format: 'text', fix: false, glossaries: [], builtin: true, locale, quiet: false, verbose: false, workspaceGlossaries: true };
  const args = [...argv];
  if (args[0] === 'check') args.shift();
  else if (args.length > 0 && !args[0].startsWith('-')) return error('cli.unknown-command', { command: args[0] });
  let help = false;
  let version = false;
  let onlyPaths = false;
  while (args.length > 0) {
    let a = args.shift()!;
    if (onlyPaths || a === '-' || !a.startsWith('-')) {
      o.paths.push(a);
      continue;
    }
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const needsValue = a === '--format' || a === '--glossary' || a === '--locale';
    const value = needsValue ? inline ?? args.shift() : undefined;
    if (needsValue && value === undefined) return error('cli.needs-value', { option: a });
    if (!needsValue && inline !== undefined) return error('cli.unknown-option', { option: `${a}=${inline}` });
    switch (a) {
      case '--': onlyPaths = true; break;
      case '--format':
        if (value !== 'text' && value !== 'json') return error('cli.bad-format', { value: value! });
        o.format = value;
        break;
      case '--fix': o.fix = true; break;
      case '--glossary': o.glossaries.push(value!); break;
      case '--no-builtin': o.builtin = false; break;
      case '--verbose': o.verbose = true; break;
      case '--no-workspace-glossaries': o.workspaceGlossaries = false; break;
      case '--locale': break; // read above
      case '-q': case '--quiet': o.quiet = true; break;
      case '-h': case '--help': help = true; break;
      case '-v': case '--version': version = true; break;
      default: return error('cli.unknown-option', { option: a });
    }
  }
  if (help) return { kind: 'help', locale };
  if (version) return { kind: 'version' };
  if (o.paths.length === 0) o.paths.push('.');
  // Fixed text from standard input goes to standard output: nothing else may go there.
  if (o.fix && o.paths.includes('-') && (o.paths.length > 1 || o.format === 'json')) return error('cli.stdin-fix', {});
  return { kind: 'run', options: o };
}

/** Reads standard input whole (bounded), waiting out EAGAIN on a non-blocking pipe. */
function readStdin(maxBytes: number): Buffer | 'too-large' {
  const chunks: Buffer[] = [];
  let total = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // Windows, closed pipe
      throw e;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) return 'too-large';
  }
  return Buffer.concat(chunks, total);
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  if (argv[0] === 'glossary') return glossaryMain(argv.slice(1));
  const parsed = parseArgs(argv, env);
  if (parsed.kind === 'help') {
    process.stdout.write(t(parsed.locale, 'cli.help'));
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`glossaire ${VERSION}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${t(parsed.locale, 'cli.prefix')}${parsed.message}\n${t(parsed.locale, 'cli.see-help')}\n`);
    return 2;
  }
  const o = parsed.options;
  const L = o.locale;
  const say = (line: string) => process.stderr.write(line + '\n');
  const shownPath = (p: string) => relative(process.cwd(), p) || p;
  let usageError = false;
  let problems = 0;
  const reportProblem = (p: FileProblem) => {
    problems++;
    say(t(L, 'cli.prefix') + fileProblemMessage(L, p, printablePath(p.path === '-' ? STDIN_NAME : shownPath(p.path))));
  };

  const builtinPath = getBuiltinGlossaryPath();
  // The lexicon (loaded on first use) flags misspellings that are French words.
  const lexicon = { has: (w: string) => loadLexicon().has(w), get size() { return loadLexicon().size; } };
  // Each file's glossaries: those of its folder and above (nearest first), then --glossary, then
  // the built-in one (cli/glossaries.ts).
  const resolver = new GlossaryResolver({
    extra: o.glossaries, builtin: o.builtin ? builtinPath : undefined, discover: o.workspaceGlossaries, locale: L, lexicon, english: () => loadEnglishLexicon(), harvester: harvestDefinitions,
    read: (p) => {
      const r = readTextFile(p, MAX_GLOSSARY_BYTES);
      // The BOM goes back in: the core reads past it, and offsets stay the file's.
      if (r.ok) return { text: (r.bom ? '\uFEFF' : '') + r.text };
      if (r.problem.kind === 'unreadable' && r.problem.detail === 'ENOENT') return { error: t(L, 'glossary.unreadable', { path: printablePath(p), detail: t(L, 'glossary.no-such-file') }) };
      return { error: fileProblemMessage(L, r.problem, printablePath(p)) };
    },
  });
  resolver.loadCommon();

  const readsStdin = o.paths.includes('-');
  const walked = walkFiles(o.paths.filter((p) => p !== '-'), isMarkdownName);
  // Glossary files are not notes.
  const files = walked.files.filter((f) => !isGlossaryFileName(basename(f)));
  for (const p of walked.problems) reportProblem(p);
  // The notes are read twice: first for their definitions, which join their course's glossary
  // (and every glossary's problems are told before the findings), then one at a time to be
  // checked, so that memory does not grow with the size of the folder (2,000 notes, 9.5 MB:
  // peak RSS −35 MiB); their read problems are told once, at the second read.
  for (const f of files) {
    const r = readTextFile(f);
    if (r.ok) resolver.harvest(f, r.text);
  }
  const chains = new Map(files.map((f) => [f, resolver.chainOf(f)]));
  const stdinChain = readsStdin ? resolver.chainOf(join(process.cwd(), STDIN_NAME)) : undefined;
  for (const m of resolver.readErrors) {
    say(t(L, 'cli.prefix') + m);
    usageError = true;
  }
  for (const p of resolver.problems) {
    say(formatProblem({ ...p, uri: printablePath(relative(process.cwd(), p.uri) || p.uri) }, L));
    if (p.severity === 'error') usageError = true;
  }
  const fixToStdout = o.fix && readsStdin; // parseArgs made sure "-" is then the only path
  const progress = !o.quiet && process.stderr.isTTY && files.length > 20;
  const json: unknown[] = [];
  let checked = 0;
  let total = 0;
  let unfixed = 0;
  let fixedFiles = 0;

  const checkText = (text: string, file: string | undefined, bom: boolean) => {
    checked++;
    const chain = (file === undefined ? stdinChain : chains.get(file))!;
    if (o.verbose) {
      const list = chain.paths.map((p) => printablePath(shownPath(p))).join(', ') || t(L, 'cli.no-glossary');
      say(t(L, 'cli.used-glossaries', { file: file === undefined ? STDIN_NAME : printablePath(shownPath(file)), list }));
    }
    const { findings } = chain.service.analyze(text);
    total += findings.length;
    const jsonName = file === undefined ? STDIN_NAME : shownPath(file);
    const shown = file === undefined ? STDIN_NAME : printablePath(jsonName);
    const lines = new LineIndex(text);
    const out = fixToStdout ? say : (line: string) => process.stdout.write(line + '\n');
    let applied: OffsetEdit[] = [];
    let fixed = text;
    if (o.fix && findings.length > 0) {
      applied = getFixAllEdits(findings);
      fixed = applyEdits(text, applied);
      if (fixed !== text && file !== undefined) {
        const problem = writeTextFile(file, fixed, { bom });
        if (problem) {
          reportProblem(problem);
          applied = [];
        } else fixedFiles++;
      }
    }
    const appliedKeys = new Set(applied.map((e) => `${e.start}:${e.end}:${e.newText}`));
    const isFixed = (f: Finding) => {
      const edits = getFixEdits(f);
      return edits.length > 0 && edits.every((e) => appliedKeys.has(`${e.start}:${e.end}:${e.newText}`));
    };
    for (const f of findings) {
      const range = lines.rangeAt(f.start, f.end);
      const message = findingMessage(f, L);
      const fixedNow = o.fix && isFixed(f);
      if (o.fix && !fixedNow) unfixed++;
      if (o.format === 'json') {
        json.push({ file: jsonName, range, severity: f.severity, code: f.code, message, word: f.word, suggestions: f.suggestions, ...(o.fix ? { fixed: fixedNow } : {}) });
      } else out(`${shown}:${range.start.line + 1}:${range.start.character + 1}: ${f.severity}: ${message}`);
    }
    // What the fix changed, edit by edit (a whole-note accent fix is several words).
    if (o.format === 'text') {
      for (const e of applied) {
        const p = lines.positionAt(e.start);
        out(`${shown}:${p.line + 1}:${p.character + 1}: ${t(L, 'cli.fixed', { word: text.slice(e.start, e.end), fix: e.newText })}`);
      }
    }
    if (fixToStdout) process.stdout.write((bom ? '\uFEFF' : '') + fixed);
  };

  if (readsStdin) {
    const bytes = readStdin(MAX_NOTE_BYTES);
    const decoded = bytes === 'too-large' ? undefined : decodeText(bytes);
    if (bytes === 'too-large') reportProblem({ path: '-', kind: 'too-large' });
    else if (decoded && !decoded.ok) reportProblem({ path: '-', kind: decoded.kind, detail: decoded.offset === undefined ? undefined : String(decoded.offset) });
    else if (decoded?.ok) checkText(decoded.text, undefined, decoded.bom);
  }
  files.forEach((file, k) => {
    if (progress && (k % 10 === 0 || k === files.length - 1)) process.stderr.write(`\r${k + 1}/${files.length} ${printablePath(shownPath(file)).slice(-60).padEnd(60)}`);
    const r = readTextFile(file);
    if (!r.ok) reportProblem(r.problem);
    else checkText(r.text, file, r.bom);
  });
  if (progress) process.stderr.write('\r' + ' '.repeat(72) + '\r');
  if (o.format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');

  const nothingChecked = checked === 0 && problems === 0 && !usageError;
  if (nothingChecked) say(t(L, 'cli.prefix') + t(L, 'cli.no-files', { paths: o.paths.map(printablePath).join(', ') }));
  else if (!o.quiet && o.format === 'text') {
    say(t(L, o.fix ? 'cli.summary-fix' : 'cli.summary', { files: checked, findings: total, fixed: fixedFiles }));
    if (problems > 0) say(t(L, 'cli.summary-problems', { count: problems }));
  }
  if (usageError || problems > 0 || nothingChecked) return 2;
  return (o.fix ? unfixed : total) > 0 ? 1 : 0;
}

if (require.main === module) {
  // A short-lived process: V8's young generation is kept at its initial size (two 1 MiB
  // semi-spaces) instead of growing to 16 MiB ones that a run of a few hundred milliseconds
  // never needs. Peak RSS of a 1 MB note −9 MiB, same time. (A flag read when the space
  // would grow, so setting it now is safe; it only exists for this process.)
  setFlagsFromString('--semi-space-growth-factor=1');
  // `check … | head -1`: the reader went away; stop quietly (no EPIPE stack trace).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.exitCode = main(process.argv.slice(2));
}
