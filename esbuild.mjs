// One esbuild script for every bundle: the CLI and the language server (Node, CommonJS), the
// VS Code client (which keeps `vscode` external), and their web builds for VS Code for the Web
// (dist/web/: the client for the web extension host, the server for a web worker; platform
// 'browser', so a Node built-in anywhere in their imports fails the build). Bundles are skipped while their entry point
// does not exist yet, so the build works at every stage of the project.
import { build, context } from 'esbuild';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// dist/server.js is a small entry that runs the server's bundle (dist/server-core.js) through
// V8's code cache (server/src/node/codeCache.ts). The CLI does without: its bundle is small,
// and deserialising every function cost more memory (+2 MiB) than compiling the few it runs.
const targets = [
  { entry: 'server/src/cli/cli.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { entry: 'server/src/node/serverEntry.ts', out: 'dist/server.js' },
  { entry: 'server/src/lsp/main.ts', out: 'dist/server-core.js' },
  { entry: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { entry: 'client/src/extensionWeb.ts', out: 'dist/web/extension.js', external: ['vscode'], platform: 'browser' },
  { entry: 'server/src/browser/main.ts', out: 'dist/web/server.js', platform: 'browser', format: 'iife' },
];

// The lexicon is data generated from an npm package, not code: build it first (cached).
execFileSync(process.execPath, ['scripts/build-lexicon.mjs'], { stdio: 'inherit' });
if (existsSync('scripts/build-grammar.mjs')) {
  execFileSync(process.execPath, ['scripts/build-grammar.mjs'], { stdio: 'inherit' });
}

// The front-coded lists (dist/*.fc, service/frontCoded.ts), the only ones the runtime reads
// and the .vsix ships (a third of the plain lists' packed size, searched in place); the plain
// .txt stay in dist/ for the tests, bench and eval. Made by the runtime's own code.
const force = process.argv.includes('--force');
// Stale when older than the list or than the encoder (a format change rewrites them).
const stale = (file, from) => force || !existsSync(file) || [from, 'server/src/service/frontCoded.ts'].some((f) => statSync(file).mtimeMs < statSync(f).mtimeMs);
const outputs = [
  ['dist/lexicon-fr.txt', 'dist/lexicon-fr.fc', 'encodeFrontCoded'],
  ['dist/lexicon-en.txt', 'dist/lexicon-en.fc', 'encodeFrontCoded'],
].filter(([from, file]) => existsSync(from) && stale(file, from));
if (outputs.length > 0) {
  const out = await build({ entryPoints: ['server/src/service/frontCoded.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', out.outputFiles[0].text)(mod, mod.exports);
  for (const [from, file, encode] of outputs) writeFileSync(file, mod.exports[encode](readFileSync(from)));
}

for (const t of targets.filter((t) => existsSync(t.entry))) {
  const options = {
    entryPoints: [t.entry],
    outfile: t.out,
    bundle: true,
    platform: t.platform ?? 'node',
    // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
    mainFields: t.platform === 'browser' ? ['browser', 'module', 'main'] : ['module', 'main'],
    format: t.format ?? 'cjs',
    target: t.platform === 'browser' ? 'es2022' : 'node20',
    sourcemap: !production,
    minify: production,
    external: t.external ?? [],
    banner: t.banner ? { js: t.banner } : undefined,
    logLevel: 'warning',
  };
  if (watch) await (await context(options)).watch();
  else await build(options);
}
