/**
 * One glossary file as the store holds it: where it comes from, what its last read gave, and
 * its compiled version. A file is read through the ServerHost (disk or client) and compiled on
 * its own; a file that stops parsing keeps serving its last good version, and a file that
 * cannot be read says why. Compiling reads nothing.
 */

import { URI } from 'vscode-uri';
import { Glossary, GlossaryProblem } from '../service/glossary';
import { isFatalProblem, loadGlossaryFile, LoadedGlossary } from '../service/glossaryFile';
import { Locale, t } from '../service/messages';
import { HostFileError, ServerHost } from './host';

/** What the last read of a file gave: its text, or why it failed. */
export type ReadResult = { text: string } | { error: HostFileError };

/** Where a glossary file comes from. */
export type Origin = 'builtin' | 'setting' | 'workspace';

/** A glossary file the store reads. */
export interface FileState {
  uri: string;
  origin: Origin;
  /** Notes under this folder URI get the file ('' = every note). */
  folder: string;
  /** The compiled file, or undefined until compiled (again). */
  loaded?: LoadedGlossary;
  /** The last read (overlays aside), undefined until read. */
  read?: ReadResult;
  /** The text last compiled (problems' offsets refer to it), undefined when unreadable. */
  text?: string;
  lastGood?: string;
  /** Problems of the file: unreadable, or its compile's. */
  problems: GlossaryProblem[];
  readGeneration?: number;
}

/** A file not read yet. */
export function newFile(uri: string, origin: Origin, folder: string): FileState {
  return { uri, origin, folder, problems: [] };
}

/** True for a read only put off (EAGAIN: the browser's client answers only after `initialized`). */
export function isPutOff(read: ReadResult | undefined): boolean {
  return read !== undefined && 'error' in read && read.error.code === 'EAGAIN';
}

/**
 * Reads files, the lexicon prepared alongside; `generation` orders reads of the same file (a
 * later read wins). Returns the files whose compiled version is now stale.
 */
export async function readGlossaryFiles(host: ServerHost, files: FileState[], generation: number): Promise<FileState[]> {
  const [, reads] = await Promise.all([
    // Node: at once; the browser starts fetching it (the compile is redone when it is there).
    host.prepareLexicon(),
    Promise.all(files.map(async (f): Promise<ReadResult> => {
      try {
        return { text: await host.readText(f.uri) };
      } catch (e) {
        return { error: e instanceof HostFileError ? e : new HostFileError('EIO', String((e as Error)?.message ?? e)) };
      }
    })),
  ]);
  const stale: FileState[] = [];
  files.forEach((f, k) => {
    // A newer read of the same file (another event) is kept.
    if (f.readGeneration !== undefined && f.readGeneration > generation) return;
    f.readGeneration = generation;
    f.read = reads[k];
    if (f.loaded) stale.push(f);
  });
  return stale;
}

/** What compiling a file needs besides the file. */
export interface CompileEnv {
  locale: Locale;
  host: ServerHost;
  /** The glossary of a file that never compiled. */
  empty: Glossary;
}

/**
 * Compiles a file from `overlay` (an editor's unsaved text) or its last read, and sets its
 * `loaded`, `text`, `lastGood` and `problems`. A file that does not parse at all keeps its last
 * good version in service.
 */
export function compileFileState(f: FileState, overlay: string | undefined, env: CompileEnv): LoadedGlossary {
  f.problems = [];
  let text = overlay;
  if (text === undefined) {
    const read = f.read;
    if (read === undefined || 'error' in read) {
      // Not a format problem: the file is missing or unreadable, and the message says which.
      const err = read?.error;
      const detail = !err || err.code === 'ENOENT' ? t(env.locale, 'glossary.no-such-file', {}) : err.message;
      f.problems.push({
        uri: f.uri, severity: 'error', code: 'glossary.unreadable',
        message: t(env.locale, 'glossary.unreadable', { path: displayPath(f.uri), detail }), start: 0, end: 0,
      });
      f.text = undefined;
      f.loaded = f.lastGood !== undefined ? compileText(f, f.lastGood, env) : { glossary: env.empty, builtinOff: false };
      return f.loaded;
    }
    text = read.text;
  }
  f.text = text;
  let loaded = compileText(f, text, env);
  const fatal = loaded.glossary.problems.filter((p) => isFatalProblem(p.code));
  if (fatal.length > 0) {
    f.problems.push(...fatal);
    if (f.lastGood !== undefined) loaded = compileText(f, f.lastGood, env);
  } else {
    f.problems.push(...loaded.glossary.problems);
    f.lastGood = text;
  }
  f.loaded = loaded;
  return loaded;
}

function compileText(f: FileState, text: string, env: CompileEnv): LoadedGlossary {
  // The lexicon (loaded on first use) flags misspellings that are French words: they would be
  // flagged everywhere in the notes. A lexicon still loading (size 0) flags nothing here: the
  // compile is redone when it is there.
  const host = env.host;
  const lexicon = {
    has: (w: string) => host.lexicon().size > 0 && host.lexicon().has(w),
    get size() { return host.lexicon().size; },
  };
  return loadGlossaryFile({ uri: f.uri, text, builtin: f.origin === 'builtin' }, { locale: env.locale, lexicon });
}

/** The path of a URI as a user wrote it (file URIs), the URI itself otherwise. */
function displayPath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : uri;
}

/** A short name for a glossary file in messages: its folder and name ("reseaux/glossaire.md"). */
export function displayName(uri: string): string {
  const parts = decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '')).split('/').filter(Boolean);
  return parts.slice(-2).join('/');
}
