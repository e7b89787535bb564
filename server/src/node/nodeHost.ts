/**
 * The ServerHost of Node (lsp/host.ts): the disk, the package's own files, V8's idle
 * collection. Reads are synchronous behind the promise: glossaries and notes are small, and
 * the workspace index slices its work by time anyway (a promise per read would only add
 * event-loop turns to a 20,000-note walk).
 */

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { globToRegExp, HostFileError, ServerHost, SKIP_DIRS } from '../lsp/host';
import { collectYoungGeneration } from '../transport/idleGc';
import { getBuiltinGlossaryPath, loadLexicon } from './resources';

/** A ServerHost on Node's file system. */
export function createNodeHost(): ServerHost {
  return {
    kind: 'node',
    builtinGlossaryUri: URI.file(getBuiltinGlossaryPath()).toString(),
    readText(uri, options = {}) {
      try {
        const path = URI.parse(uri).fsPath;
        if (options.maxBytes !== undefined && statSync(path).size > options.maxBytes) {
          return Promise.reject(new HostFileError('EFBIG', `${path}: larger than ${options.maxBytes} bytes`));
        }
        return Promise.resolve(readFileSync(path, 'utf8'));
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        return Promise.reject(new HostFileError(err.code ?? 'EIO', err.message));
      }
    },
    findFiles(folders, glob, limit) {
      const re = globToRegExp(glob);
      const out: string[] = [];
      const seen = new Set<string>();
      for (const folder of folders) {
        const root = URI.parse(folder);
        if (root.scheme !== 'file') continue;
        walk(root.fsPath, '', re, out, limit, seen);
      }
      return Promise.resolve(out);
    },
    lexicon: () => loadLexicon(),
    prepareLexicon: () => Promise.resolve(),
    idle: () => void collectYoungGeneration(),
  };
}

function walk(dir: string, rel: string, re: RegExp, out: string[], limit: number, seen: Set<string>): void {
  let names: string[];
  try {
    // A folder reached again through a symbolic link is walked once: links to a parent (or
    // three links to '.') made the walk exponential and the server hung before answering.
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (out.length >= limit) return;
    if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    const relPath = rel ? `${rel}/${name}` : name;
    if (st.isDirectory()) walk(p, relPath, re, out, limit, seen);
    else if (re.test(relPath)) out.push(URI.file(p).toString());
  }
}
