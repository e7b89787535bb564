/**
 * The ServerHost of Node (lsp/host.ts): the disk, the package's own files, V8's idle
 * collection. Reads are synchronous behind the promise: glossaries and notes are small, and
 * the workspace index slices its work by time anyway (a promise per read would only add
 * event-loop turns to a 20,000-note walk).
 */

import { URI } from 'vscode-uri';
import { globToRegExp, HostFileError, ServerHost } from '../lsp/host';
import { collectYoungGeneration } from '../transport/idleGc';
import { getBuiltinGlossaryPath, loadEnglishLexicon, loadLexicon } from './resources';
import { FileProblem, fileProblemMessage, readTextFile, walkFiles } from './files';

/** Read cap when the caller gives none: a path that leads to /dev/zero must still end. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The HostFileError code of a file problem ('ENOENT', 'EFBIG' as the interface says). */
function hostError(p: FileProblem): HostFileError {
  const code = p.kind === 'too-large' ? 'EFBIG' : p.kind === 'not-regular' ? 'EINVAL' : p.kind === 'not-utf8' || p.kind === 'utf16' ? 'EILSEQ' : p.detail ?? 'EIO';
  const what = p.kind === 'not-regular' ? 'not a regular file' : p.kind === 'too-large' ? `larger than ${p.detail} bytes` : p.kind === 'utf16' ? 'UTF-16, not UTF-8' : p.kind === 'not-utf8' ? `not UTF-8 (byte ${p.detail})` : code;
  return new HostFileError(code, `${p.path}: ${what}`);
}

/** A ServerHost on Node's file system. */
export function createNodeHost(): ServerHost {
  return {
    kind: 'node',
    builtinGlossaryUri: URI.file(getBuiltinGlossaryPath()).toString(),
    readText(uri, options = {}) {
      // The CLI's bounded read (node/files.ts): regular files only, never more than the cap
      // whatever stat says, strict UTF-8 (a pipe or /dev/zero named *.md hung the server).
      const r = readTextFile(URI.parse(uri).fsPath, options.maxBytes ?? DEFAULT_MAX_BYTES);
      return r.ok ? Promise.resolve(r.text) : Promise.reject(hostError(r.problem));
    },
    findFiles(folders, glob, limit, onProblem) {
      // The CLI's walker: each real folder once, devices and pipes left out (and told).
      const re = globToRegExp(glob);
      const roots = folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
      const walk = walkFiles(roots, (_name, relPath) => re.test(relPath), { maxFiles: limit });
      for (const p of walk.problems) onProblem?.((locale) => fileProblemMessage(locale, p));
      return Promise.resolve(walk.files.map((f) => URI.file(f).toString()));
    },
    lexicon: () => loadLexicon(),
    englishLexicon: () => loadEnglishLexicon(),
    prepareLexicon: () => Promise.resolve(),
    idle: () => void collectYoungGeneration(),
  };
}
