// `npm run bench [-- flags]`: builds what the benchmark measures (the shipped bundles, minified
// as they ship), bundles the benchmark itself, then runs it. Flags are passed through (see
// bench/bench.ts: --big, --quick, --no-cspell, --no-server, --label NAME).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
const out = join(root, 'bench', '.data', 'build', 'bench.js');
await build({
  entryPoints: [join(root, 'bench', 'bench.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
});
try {
  execFileSync(process.execPath, [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status ?? 1;
}
