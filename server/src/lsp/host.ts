/**
 * The server's only door to files: everything the LSP layer reads (glossaries, notes of the
 * workspace, the extension's own data) goes through a ServerHost. Node reads the disk
 * (node/nodeHost.ts); in a browser's web worker the extension's files come by `fetch` and the
 * workspace's from the client, which reads them with `vscode.workspace.fs`
 * (browser/browserHost.ts). File changes need no member here: both get them as LSP
 * `workspace/didChangeWatchedFiles` notifications.
 */

import type { InitializeParams } from 'vscode-languageserver';
import { Lexicon } from '../service/lexicon';
import type { Locale } from '../service/messages';

/**
 * Why a file could not be read: `code` is 'ENOENT' when it does not exist, 'EFBIG' when too
 * large, 'EAGAIN' when it cannot be read yet (the browser's client answers only after
 * `initialized`: ask again then).
 */
export class HostFileError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** File access of the language server (see the module comment). */
export interface ServerHost {
  /** 'node' or 'browser': only for logs and the few messages that differ. */
  readonly kind: 'node' | 'browser';
  /** URI of the built-in course glossary. */
  readonly builtinGlossaryUri: string;
  /**
   * Reads a file (any URI the host knows: file:, the workspace's scheme, the extension's own
   * files) as UTF-8 text. Rejects with a HostFileError (code 'EFBIG' past `maxBytes`).
   */
  readText(uri: string, options?: { maxBytes?: number }): Promise<string>;
  /**
   * URIs of the files under the folders (URIs) whose path relative to their folder matches
   * `glob` (`**`, `*`, `?`, `{a,b}`; see globToRegExp), at most `limit`, hidden folders and
   * build output (node_modules, dist, out…) left out. The browser lists nothing before
   * `initialized` (its client cannot answer yet): list again after it. What the walk could
   * not enter or read (a dangling link, a device named *.md, a folder it may not read) goes to
   * `onProblem`, as a message in the locale asked.
   */
  findFiles(folders: string[], glob: string, limit: number, onProblem?: (describe: (locale: Locale) => string) => void): Promise<string[]>;
  /**
   * The French lexicon. Node loads it on first call. The browser fetches it in the background
   * (prepareLexicon) and, until it is there, returns PENDING_LEXICON, which takes every word
   * for French: the analysis then proposes no guess it would need the lexicon to confirm
   * (fewer findings, never a wrong one), and `onLexiconLoaded` listeners redo the work.
   */
  lexicon(): Lexicon;
  /** Starts loading the lexicon where that is asynchronous (nothing waits for it). */
  prepareLexicon(): Promise<void>;
  /** Registers what to redo once a lexicon that came late is there (browser only). */
  onLexiconLoaded?(listener: () => void): void;
  /**
   * The English word list of the bilingual guard, loaded on first call; a host without it
   * leaves the guard off.
   */
  englishLexicon?(): Lexicon;
  /** Runs right after a publish, when nothing waits (Node: a young-generation collection). */
  idle?(): void;
  /** Reads what the host needs from the client's `initialize` (the browser: the extension's URL). */
  initialize?(params: InitializeParams): void;
  /** The client sent `initialized`: it now answers requests (the browser's workspace files). */
  initialized?(): void;
}

/** The lexicon of a host still loading it: every word is taken as known (size 0 says so). */
export const PENDING_LEXICON: Lexicon = { has: () => true, size: 0 };

/** Folders never listed: build output and dependencies (hidden folders are skipped too). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'out', 'build', 'target']);

/**
 * The regular expression of a glob on '/'-separated relative paths: `**` any number of
 * folders, `*` and `?` within one name, `{a,b}` alternatives. Matching ignores case (notes
 * named NOTES.MD count).
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing `**` anything.
      if (glob[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** The glob of the notes the workspace index reads. */
export const MARKDOWN_GLOB = '**/*.{md,markdown}';
