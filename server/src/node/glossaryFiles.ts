/**
 * Finds the glossary files of a workspace (`glossaire.md`, `*.glossaire.md`,
 * `*.glossaire.json`), skipping hidden folders and node_modules. The one walk of the
 * discovery: swap it for the shared walker when there is one.
 */

import { Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isGlossaryFileName } from '../service/scope';

/** Most folders walked: a workspace opened on a home folder must not hang the server. */
const MAX_DIRS = 20_000;

/** The glossary files under `folders`, sorted. */
export function findGlossaryFiles(folders: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    if (seen.size >= MAX_DIRS) return;
    let entries: Dirent[];
    try {
      // A folder reached again through a link is walked once (links to a parent loop).
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const name = e.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(join(dir, name));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) walk(join(dir, name));
      else if (isFile && isGlossaryFileName(name)) out.push(join(dir, name));
    }
  };
  for (const f of folders) walk(f);
  return out.sort();
}
