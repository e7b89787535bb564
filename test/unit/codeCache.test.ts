import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDir } from '../../server/src/node/codeCache';

const tmp = mkdtempSync(join(tmpdir(), 'glossaire-codecache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const RUNNER = join(__dirname, '..', '..', 'server', 'src', 'node', 'codeCache.js');

/** Runs `bundle` through runCachedBundle in a new process; returns what it printed. */
function run(bundle: string, cacheSetting: string, options: { flags?: string[]; grown?: boolean } = {}): { cache: string; value: string } {
  const script = `
    const { runCachedBundle } = require(${JSON.stringify(RUNNER)});
    const b = runCachedBundle(${JSON.stringify(bundle)}${options.flags ? `, { flags: ${JSON.stringify(options.flags)} }` : ''});
    process.stdout.write(JSON.stringify({ cache: b.cache, value: b.exports.value() }));
    b.save({ grown: ${!!options.grown} });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, GLOSSAIRE_CODE_CACHE: cacheSetting }, timeout: 10_000 });
  assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as { cache: string; value: string };
}

/** A bundle of many functions, all run: its cache holds bytecode worth corrupting. */
function writeBigBundle(file: string): void {
  const fns: string[] = [];
  for (let i = 0; i < 400; i++) fns.push(`function f${i}(x) { const o = { a: x + ${i}, b: [x, ${i}, 'm${i}'] }; return o.b.length + o.a * ${i % 7} + (x > ${i} ? f${Math.max(0, i - 1)}(x - 1) : 0); }`);
  writeFileSync(file, `${fns.join('\n')}\nexports.value = () => { let t = 0; ${Array.from({ length: 400 }, (_, i) => `t += f${i}(3);`).join(' ')} return String(t); };\n`);
}

describe('code cache', () => {
  const bundle = join(tmp, 'bundle.js');
  const cacheDir = join(tmp, 'cache');
  const write = (greeting: string) =>
    writeFileSync(bundle, `const { basename } = require('node:path');\nexports.value = () => ${JSON.stringify(greeting)} + ' ' + basename(__filename) + ' ' + (module.exports === exports);\n`);

  it('runs the bundle as require would, then from the cache it wrote', () => {
    write('bonjour');
    assert.deepEqual(run(bundle, cacheDir), { cache: 'none', value: 'bonjour bundle.js true' });
    assert.equal(readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache')).length, 1);
    assert.deepEqual(run(bundle, cacheDir), { cache: 'accepted', value: 'bonjour bundle.js true' });
  });

  it('survives a corrupt cache file and replaces it', () => {
    const [name] = readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache'));
    writeFileSync(join(cacheDir, name), 'pas du tout un cache V8');
    assert.deepEqual(run(bundle, cacheDir), { cache: 'rejected', value: 'bonjour bundle.js true' });
    assert.deepEqual(run(bundle, cacheDir), { cache: 'accepted', value: 'bonjour bundle.js true' });
  });

  it('never uses the cache of other code (same length); drops caches unused for a week', () => {
    const [first] = readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache'));
    write('bonsoir'); // as long as "bonjour": V8 alone would not tell them apart
    assert.deepEqual(run(bundle, cacheDir), { cache: 'none', value: 'bonsoir bundle.js true' });
    // A recent cache of the other version stays (two installed versions must not evict each other)…
    assert.equal(readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache')).length, 2);
    assert.deepEqual(run(bundle, cacheDir), { cache: 'accepted', value: 'bonsoir bundle.js true' });
    // …an old one goes at the next write.
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(join(cacheDir, first), weekAgo, weekAgo);
    write('bonne nuit');
    assert.deepEqual(run(bundle, cacheDir), { cache: 'none', value: 'bonne nuit bundle.js true' });
    assert.equal(existsSync(join(cacheDir, first)), false);
    assert.equal(readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache')).length, 2);
  });

  it('a cache with flipped bits is caught by its checksum, never handed to V8 (which crashed on it)', () => {
    const big = join(tmp, 'big.js');
    const dir = join(tmp, 'cache-big');
    writeBigBundle(big);
    const first = run(big, dir, { grown: true });
    assert.equal(first.cache, 'none');
    assert.equal(run(big, dir).cache, 'accepted');
    const [name] = readdirSync(dir).filter((n) => n.endsWith('.v8cache'));
    const bytes = readFileSync(join(dir, name));
    for (let i = 200; i < bytes.length; i += 97) bytes[i] ^= 0xff;
    writeFileSync(join(dir, name), bytes);
    assert.deepEqual(run(big, dir), { cache: 'rejected', value: first.value });
    assert.deepEqual(run(big, dir), { cache: 'accepted', value: first.value });
  });

  it('a bundle that turns on --expose-gc at run time keeps its cache when the flag is set before the compile', () => {
    const gcBundle = join(tmp, 'gc.js');
    const dir = join(tmp, 'cache-gc');
    writeFileSync(gcBundle, `exports.value = () => { require('node:v8').setFlagsFromString('--expose-gc'); return typeof require('node:vm').runInNewContext('gc'); };\n`);
    assert.deepEqual(run(gcBundle, dir, { flags: ['--expose-gc'], grown: true }), { cache: 'none', value: 'function' });
    assert.deepEqual(run(gcBundle, dir, { flags: ['--expose-gc'], grown: true }), { cache: 'accepted', value: 'function' });
    assert.deepEqual(run(gcBundle, dir, { flags: ['--expose-gc'], grown: true }), { cache: 'accepted', value: 'function' });
  });

  it('a cache folder under /proc means no cache, and no endless mkdir', () => {
    assert.deepEqual(run(bundle, '/proc/self/glossaire-cache/x', { grown: true }), { cache: 'none', value: 'bonne nuit bundle.js true' });
  });

  it('can be turned off, and an unusable folder only means no cache', () => {
    const other = join(tmp, 'off');
    assert.deepEqual(run(bundle, 'off'), { cache: 'none', value: 'bonne nuit bundle.js true' });
    assert.equal(codeCacheDir({ GLOSSAIRE_CODE_CACHE: 'off' }), undefined);
    assert.equal(existsSync(other), false);
    writeFileSync(other, 'a file, not a folder');
    assert.deepEqual(run(bundle, join(other, 'cache')), { cache: 'none', value: 'bonne nuit bundle.js true' });
  });
});
