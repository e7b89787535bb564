#!/usr/bin/env node
// Runs an extension's in-editor test suite (a module exporting `run()`, as for
// @vscode/test-electron) inside a real VS Code: code-server + headless Chromium. Use it where VS
// Code cannot be downloaded; tools come from .ci/setup-e2e.sh.
//
//   node test/vscode/runInCodeServer.mjs --extension /abs/ext --tests /abs/ext/out/test/index.js \
//        --workspace /abs/folder [--timeout 180] [--logs DIR] [--verbose] [--keep]
//
// Exit code: the suite's own (0 passed, 1 failed); 124 on timeout; 2 when the infrastructure
// failed (code-server died, page crashed, bad arguments).
//
// Output: everything the extension host writes to its console (mocha's reporter included) is
// forwarded by VS Code to the page's `window.codeAutomationLog` while tests run; this script
// prints those lines to stdout as they arrive (warn/error lines to stderr), then a closing
// "vscode: N passed, N failed" line when mocha printed its counts. The workbench's own log lines
// arrive through the same function and are shown only with --verbose. `--logs DIR` saves
// code-server's output, all automation-log lines, VS Code's log files (handed over with the exit
// code) and, on timeout/crash, a screenshot into DIR.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { parseArgs, withCodeServer, workbenchUrl } from './codeServer.mjs';

const USAGE = `usage: runInCodeServer.mjs --extension DIR --tests FILE --workspace DIR
  [--timeout SECONDS (180, env GLOSSAIRE_E2E_TIMEOUT)] [--logs DIR] [--verbose] [--keep]`;

function fail(msg) {
  process.stderr.write(`[runInCodeServer] ${msg}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), { boolean: ['verbose', 'keep', 'help'] });
} catch (e) {
  fail(e.message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
for (const k of ['extension', 'tests', 'workspace']) {
  if (!args[k]) fail(`--${k} is required`);
  args[k] = path.resolve(args[k]);
  if (!fs.existsSync(args[k])) fail(`--${k} ${args[k]} does not exist`);
}
if (!fs.existsSync(path.join(args.extension, 'package.json'))) {
  fail(`${args.extension} has no package.json`);
}
const timeoutS = Number(args.timeout ?? process.env.GLOSSAIRE_E2E_TIMEOUT ?? 180);
if (!(timeoutS > 0)) fail(`bad --timeout ${args.timeout}`);
const logsDir = args.logs ? path.resolve(args.logs) : null;

const log = (m) => process.stderr.write(`[runInCodeServer] ${m}\n`);
const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Renders the arguments VS Code hands to codeAutomationLog (console-style, %s/%d/%o honoured). */
function render(logArgs) {
  const a = Array.isArray(logArgs) ? logArgs : [logArgs];
  return format(...a);
}

// Mocha's closing lines ("  3 passing", "  1 failing") seen in the extension host's output.
const counts = { passed: null, failed: 0 };
function countResults(line) {
  const m = /^\s*(\d+) (passing|failing)\b/.exec(line);
  if (m) counts[m[2] === 'passing' ? 'passed' : 'failed'] = Number(m[1]);
}
const workbenchLog = [];

let code;
try {
  code = await withCodeServer(
    { smokeTestDriver: true, verbose: args.verbose, keep: args.keep, log },
    async ({ server, page, context, sandbox }) => {
      let settle;
      const result = new Promise((resolve) => { settle = resolve; });

      // VS Code calls window.codeAutomationLog(type, args) for every log-service line while
      // extension tests run: the extension host's console (mocha's reporter) AND the workbench's
      // own log. They look alike, so a wrapper installed before the workbench loads tells them
      // apart by whether MainThreadConsole.$logExtensionHostMessage is on the call stack.
      await context.exposeFunction('__e2eLog', (type, logArgs, fromExtHost) => {
        const line = render(logArgs);
        workbenchLog.push(`[${type}]${fromExtHost ? ' [exthost]' : ''} ${line}`);
        if (fromExtHost) {
          countResults(line);
          (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
        } else if (args.verbose) {
          process.stderr.write(`[workbench ${type}] ${line}\n`);
        }
      });
      await context.addInitScript(() => {
        window.codeAutomationLog = (type, logArgs) => {
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 50;
          const stack = new Error().stack ?? '';
          Error.stackTraceLimit = limit;
          // eslint-disable-next-line no-undef
          return window.__e2eLog(type, logArgs, stack.includes('$logExtensionHostMessage'));
        };
      });
      await context.exposeFunction('codeAutomationExit', async (exitCode, logs) => {
        if (logsDir && Array.isArray(logs)) {
          for (const { relativePath, contents } of logs) {
            const f = path.join(logsDir, 'vscode', relativePath);
            fs.mkdirSync(path.dirname(f), { recursive: true });
            fs.writeFileSync(f, contents);
          }
        }
        settle({ code: typeof exitCode === 'number' ? exitCode : 1, why: 'exit' });
      });

      page.on('crash', () => settle({ code: 2, why: 'the page crashed' }));
      server.exited.then((c) => settle({ code: 2, why: `code-server exited (${c})` }));
      const timer = setTimeout(
        () => settle({ code: 124, why: `timed out after ${timeoutS} s` }),
        timeoutS * 1000,
      );

      const url = workbenchUrl(server, {
        folder: args.workspace,
        extensionDevelopmentPath: args.extension,
        extensionTestsPath: args.tests,
      });
      log(`opening ${url}`);
      await page.goto(url, { waitUntil: 'domcontentloaded' });

      const r = await result;
      clearTimeout(timer);
      if (logsDir) {
        fs.mkdirSync(logsDir, { recursive: true });
        fs.copyFileSync(server.logFile, path.join(logsDir, 'code-server.log'));
        fs.writeFileSync(path.join(logsDir, 'automation-log.txt'), workbenchLog.join('\n') + '\n');
      }
      if (r.why !== 'exit') {
        log(`FAILED: ${r.why}`);
        const shotDir = logsDir ?? (args.keep ? sandbox.dir : null);
        if (shotDir) {
          const shot = path.join(shotDir, 'failure.png');
          await page.screenshot({ path: shot }).then(() => log(`screenshot: ${shot}`), () => {});
        }
      }
      return r.code;
    },
  );
} catch (e) {
  log(`ERROR: ${e.stack ?? e}`);
  code = 2;
}
// A plain closing line that CI log readers understand (only when mocha reported counts).
if (counts.passed != null) process.stdout.write(`vscode: ${counts.passed} passed, ${counts.failed} failed\n`);
log(`exit code ${code} after ${secs()}`);
process.exit(code);
