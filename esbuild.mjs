// One esbuild script for every bundle: the CLI and the language server (Node, CommonJS) and the
// VS Code client (which keeps `vscode` external). Bundles are skipped while their entry point
// does not exist yet, so the build works at every stage of the project.
import { build, context } from 'esbuild';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// dist/server.js is a small entry that runs the server's bundle (dist/server-core.js) through
// V8's code cache (server/src/node/codeCache.ts). The CLI does without: its bundle is small,
// and deserialising every function cost more memory (+2 MiB) than compiling the few it runs.
const targets = [
  { entry: 'server/src/cli.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { entry: 'server/src/node/serverEntry.ts', out: 'dist/server.js' },
  { entry: 'server/src/main.ts', out: 'dist/server-core.js' },
  { entry: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];

// The lexicon is data generated from an npm package, not code: build it first (cached).
execFileSync(process.execPath, ['scripts/build-lexicon.mjs'], { stdio: 'inherit' });
if (existsSync('scripts/build-grammar.mjs')) {
  execFileSync(process.execPath, ['scripts/build-grammar.mjs'], { stdio: 'inherit' });
}

for (const t of targets.filter((t) => existsSync(t.entry))) {
  const options = {
    entryPoints: [t.entry],
    outfile: t.out,
    bundle: true,
    platform: 'node',
    // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    external: t.external ?? [],
    banner: t.banner ? { js: t.banner } : undefined,
    logLevel: 'warning',
  };
  if (watch) await (await context(options)).watch();
  else await build(options);
}
