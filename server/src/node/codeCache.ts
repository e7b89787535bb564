/**
 * Runs a CommonJS bundle (dist/server-core.js) through V8's code cache.
 *
 * Why: a short process spends a good part of its life compiling. The bundle's top level is
 * parsed and compiled at load, and every function again the first time it runs (V8 compiles
 * lazily): for the language server, ~20 ms of its spawn → first diagnostics. A code cache made
 * *after* a run (`createCachedData` then includes every function compiled so far) spares the
 * next process both. Node 22's `module.enableCompileCache` caches the top level only, so the
 * same `vm.Script` path is used on every version (Electron's Node included).
 *
 * The cache lives in the user's cache folder (never next to the bundle, which may be
 * read-only), one file per bundle, named after a hash of the bundle's bytes and the runtime:
 * V8 itself only checks the source's length, its version and its flags, and rejects data made
 * by another version or with other flags (the code then compiles as usual and the cache is
 * rewritten). V8 does not checksum the data in release builds, and flipped bits crash the
 * process inside the deserialiser: the file starts with a SHA-256 of the data, checked before
 * V8 sees it. Flags the bundle sets at run time (`--expose-gc`) change V8's flag hash, so a
 * cache written after them is rejected at every start: they are set before the compile
 * (`flags`). Any failure (no home, read-only folder, corrupt file) just means no cache.
 * GLOSSAIRE_CODE_CACHE=off turns it off; GLOSSAIRE_CODE_CACHE=<folder> puts it elsewhere.
 */

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** A loaded bundle and the means to save its compiled code. */
export interface CachedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** What became of the cache: none found (or turned off), used, or rejected (by its checksum or by V8). */
  cache: 'none' | 'accepted' | 'rejected';
  /**
   * Writes the cache when there was none, when V8 rejected it, or (with `grown`) when this
   * process compiled clearly more than the cache holds. Synchronous (safe in an 'exit' handler).
   */
  save(options?: { grown?: boolean }): void;
}

/** The folder of the code caches, or undefined when turned off or unknown. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.GLOSSAIRE_CODE_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  if (setting) return setting;
  try {
    if (process.platform === 'win32') {
      const local = env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local');
      return join(local, 'glossaire', 'Cache');
    }
    if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'glossaire');
    return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'glossaire');
  } catch {
    return undefined;
  }
}

/** Bytes of the SHA-256 that starts a cache file. */
const DIGEST = 32;

/** A cache file's bytes: the data's SHA-256, then the data. */
export function sealCache(data: Buffer): Buffer {
  return Buffer.concat([createHash('sha256').update(data).digest(), data]);
}

/** The data of a cache file, or undefined when its checksum does not match (a corrupt file). */
export function openCache(file: Buffer): Buffer | undefined {
  if (file.length <= DIGEST) return undefined;
  const data = file.subarray(DIGEST);
  return createHash('sha256').update(data).digest().equals(file.subarray(0, DIGEST)) ? data : undefined;
}

/**
 * Creates `dir` and at most `depth` missing parents. Not `mkdirSync(recursive)`: under /proc
 * it loops forever (every level "exists" and creating the next keeps failing).
 */
function makeDir(dir: string, depth = 3): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || depth === 0 || dirname(dir) === dir) throw e;
    makeDir(dirname(dir), depth - 1);
    mkdirSync(dir, { mode: 0o700 });
  }
}

/** Options of runCachedBundle. */
export interface RunOptions {
  /** V8 flags the bundle would set at run time: set before the compile, so the cache matches. */
  flags?: string[];
}

/**
 * Loads and runs the CommonJS bundle `file` as `require` would, with V8's code cache when one
 * is available and intact.
 */
export function runCachedBundle(file: string, options: RunOptions = {}): CachedBundle {
  for (const flag of options.flags ?? []) setFlagsFromString(flag);
  const source = readFileSync(file, 'utf8');
  const dir = codeCacheDir();
  let cacheFile: string | undefined;
  let cached: Buffer | undefined;
  let corrupt = false;
  if (dir) {
    // Source bytes and runtime in the name: a new version never meets an old cache.
    const id = createHash('sha1').update(source).update(`\0${process.version}\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 20);
    cacheFile = join(dir, `${basename(file, '.js')}-${id}.v8cache`);
    try {
      cached = openCache(readFileSync(cacheFile));
      corrupt = cached === undefined;
    } catch {
      cached = undefined;
    }
  }
  // The same wrapper as Node's CommonJS loader, so the bundle sees the usual module scope.
  const script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const req = Module.createRequire(file);
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, file, dirname(file));
  mod.loaded = true;

  let saved = false;
  return {
    exports: mod.exports as Record<string, unknown>,
    cache: corrupt ? 'rejected' : cached === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted',
    save(options = {}) {
      if (saved || !cacheFile || !dir) return;
      const usable = cached !== undefined && !script.cachedDataRejected;
      if (usable && !options.grown) return;
      saved = true;
      try {
        const data = script.createCachedData();
        // 10 % more: new functions ran (a first run that only printed --help, say).
        if (usable && data.length < cached!.length * 1.1) return;
        makeDir(dir);
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, sealCache(data), { mode: 0o600 });
        renameSync(tmp, cacheFile); // atomic: a concurrent process reads the old file or the new
        // Caches of this bundle not used for a week (earlier versions) go; recent ones stay: two
        // installed versions (two editors, a development build) must not evict each other.
        const prefix = `${basename(file, '.js')}-`;
        const old = Date.now() - 7 * 24 * 3600 * 1000;
        for (const name of readdirSync(dir)) {
          if (!name.startsWith(prefix) || !(name.endsWith('.v8cache') || name.endsWith('.tmp')) || join(dir, name) === cacheFile) continue;
          try {
            if (statSync(join(dir, name)).mtimeMs < old) unlinkSync(join(dir, name));
          } catch {
            // another process removed it first
          }
        }
      } catch {
        // No cache this time: nothing else depends on it.
      }
    },
  };
}
