/**
 * File access shared by the CLI and the server's workspace index: one walker for notes (and,
 * with another name predicate, glossary files), bounded reads of regular files only, strict
 * UTF-8 decoding and a write that edits a file in place of replacing it. Plain functions, no
 * module state; every path that could not be used comes back as a `FileProblem` to report.
 */

import {
  chmodSync, chownSync, closeSync, constants, Dirent, fstatSync, fsyncSync, ftruncateSync, lstatSync, openSync, readdirSync, readSync,
  realpathSync, renameSync, Stats, statSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Locale, MessageKey, t } from '../service/messages';
import { SKIP_DIRS } from '../lsp/host';

/** Largest note read (bytes): bigger files are reported, never read whole. */
export const MAX_NOTE_BYTES = 5 * 1024 * 1024;

/** Why a path could not be used. */
export type FileProblemKind =
  | 'missing' // a root path that does not exist
  | 'unreadable' // an error reading a folder or a file (permissions, dangling link, link loop…)
  | 'not-regular' // a device, a pipe, a socket behind the name
  | 'too-large'
  | 'not-utf8'
  | 'utf16'
  | 'read-only' // --fix: the file has no write permission
  | 'folder-not-writable' // --fix: the temporary file cannot be created beside it
  | 'write-failed';

/** A path that could not be used, and why. `detail`: the system error code or a byte offset. */
export interface FileProblem {
  path: string;
  kind: FileProblemKind;
  detail?: string;
}

/** Options of `walkFiles`. */
export interface WalkOptions {
  /** Stop after this many files (a huge workspace must not stall the server). */
  maxFiles?: number;
}

/** What `walkFiles` found: files in walk order (sorted names per folder) and problems. */
export interface WalkResult {
  files: string[];
  problems: FileProblem[];
}

/** Markdown notes: `*.md` and `*.markdown`. */
export function isMarkdownName(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

/**
 * Folders never walked into: hidden ones (.git, .vscode…), dependencies and build output
 * (node_modules, dist, out…: the list the server's hosts share, lsp/host.ts).
 */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIP_DIRS.has(name);
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * Expands roots into the regular files `accept`ed (by name, or by '/'-separated path relative
 * to their root for globs), walking folders (sorted, hidden
 * folders and node_modules skipped, each real folder once so symbolic link loops end). A root
 * that is a file is taken whatever its name. Devices, pipes, dangling links and unreadable
 * folders are reported, not skipped silently.
 */
export function walkFiles(roots: readonly string[], accept: (name: string, relPath: string) => boolean, options: WalkOptions = {}): WalkResult {
  const maxFiles = options.maxFiles ?? Infinity;
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const addFile = (path: string, st: Stats) => {
    // The same file reached by two names (links) is checked, and fixed, once.
    const id = `${st.dev}:${st.ino}`;
    if (seenFiles.has(id)) return;
    seenFiles.add(id);
    files.push(path);
  };

  const walk = (dir: string, rel: string) => {
    let dirents: Dirent[];
    try {
      const real = realpathSync(dir);
      if (seenDirs.has(real)) return; // a link back to a folder already walked
      seenDirs.add(real);
      dirents = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      problems.push({ path: dir, kind: 'unreadable', detail: errorCode(e) });
      return;
    }
    for (const dirent of dirents) {
      if (files.length >= maxFiles) return;
      const name = dirent.name;
      const p = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      // The folder's listing says what most names are: a plain file that is not wanted (most
      // notes, when looking for glossaries) costs no stat; links and unknown types are stat'ed.
      if (dirent.isFile() && !accept(name, relPath)) continue;
      if (dirent.isDirectory()) {
        if (!isSkippedFolder(name)) walk(p, relPath);
        continue;
      }
      let st: Stats;
      try {
        st = statSync(p); // follows links: what matters is what the name leads to
      } catch (e) {
        // A dangling link or a link loop: only worth a word if it would have been read.
        if (accept(name, relPath)) problems.push({ path: p, kind: 'unreadable', detail: errorCode(e) });
        continue;
      }
      if (st.isDirectory()) {
        if (!isSkippedFolder(name)) walk(p, relPath);
      } else if (accept(name, relPath)) {
        if (st.isFile()) addFile(p, st);
        else problems.push({ path: p, kind: 'not-regular' });
      }
    }
  };

  for (const root of roots) {
    if (files.length >= maxFiles) break;
    let st: Stats;
    try {
      st = statSync(root);
    } catch (e) {
      const code = errorCode(e);
      problems.push({ path: root, kind: code === 'ENOENT' ? 'missing' : 'unreadable', detail: code });
      continue;
    }
    if (st.isDirectory()) walk(root, '');
    else if (st.isFile()) addFile(root, st);
    else problems.push({ path: root, kind: 'not-regular' });
  }
  return { files, problems };
}

/** A successful read. */
export interface ReadBytes {
  ok: true;
  bytes: Buffer;
  stat: Stats;
}

/**
 * Reads a regular file, at most `maxBytes` (never trusting the size `stat` gives: /proc files
 * say 0, a file can grow while read). Opened without blocking so a FIFO cannot hang the
 * process; anything but a regular file is refused after the open.
 */
export function readBounded(path: string, maxBytes = MAX_NOTE_BYTES): ReadBytes | { ok: false; problem: FileProblem } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, problem: { path, kind: 'unreadable', detail: errorCode(e) } };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, problem: { path, kind: 'not-regular' } };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, problem: { path, kind: 'too-large', detail: String(maxBytes) } };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total), stat };
  } catch (e) {
    return { ok: false, problem: { path, kind: 'unreadable', detail: errorCode(e) } };
  } finally {
    closeSync(fd);
  }
}

/** Decoded text (a UTF-8 BOM removed, `bom` says it was there) or why it is not UTF-8. */
export type Decoded = { ok: true; text: string; bom: boolean } | { ok: false; kind: 'not-utf8' | 'utf16'; offset?: number };

/**
 * Strict UTF-8 decoding: a Latin-1 or broken file is refused (decoding it with U+FFFD and
 * writing it back destroyed its letters). `offset` is the first bad byte.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { ok: false, kind: 'utf16' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), bom };
  } catch {
    return { ok: false, kind: 'not-utf8', offset: (bom ? 3 : 0) + firstInvalidUtf8(body) };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (rare path). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // Overlongs and surrogates: let a one-sequence decode judge.
    if (len > 1) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(i, i + len));
      } catch {
        return i;
      }
    }
    i += len;
  }
  return i;
}

/** A text file read and decoded. */
export interface TextFile {
  ok: true;
  text: string;
  /** The file starts with a UTF-8 BOM (left out of `text`, written back by `writeTextFile`). */
  bom: boolean;
  stat: Stats;
}

/** Reads a regular UTF-8 file of at most `maxBytes`. */
export function readTextFile(path: string, maxBytes = MAX_NOTE_BYTES): TextFile | { ok: false; problem: FileProblem } {
  const r = readBounded(path, maxBytes);
  if (!r.ok) return r;
  const d = decodeText(r.bytes);
  if (!d.ok) return { ok: false, problem: { path, kind: d.kind, detail: d.offset === undefined ? undefined : String(d.offset) } };
  return { ok: true, text: d.text, bom: d.bom, stat: r.stat };
}

/**
 * Replaces a file's content as an edit, not a new file: through symbolic links to their
 * target; atomically (temporary file beside it, then rename) with the file's mode and owner
 * kept; in place when the file has other hard links (a rename would split them); refused for
 * a read-only file. Returns the problem, or undefined when written.
 */
export function writeTextFile(path: string, text: string, options: { bom?: boolean } = {}): FileProblem | undefined {
  const data = Buffer.from((options.bom ? '\uFEFF' : '') + text, 'utf8');
  let target: string;
  let st: Stats;
  try {
    target = realpathSync(path);
    st = lstatSync(target);
  } catch (e) {
    return { path, kind: 'unreadable', detail: errorCode(e) };
  }
  if (!st.isFile()) return { path, kind: 'not-regular' };
  // The mode bits, not access(): root may write anything, but a file its owner made
  // read-only is a choice to respect.
  if ((st.mode & 0o222) === 0) return { path, kind: 'read-only' };
  if (st.nlink > 1) return writeInPlace(path, target, data);
  const tmp = join(dirname(target), `.${basename(target)}.glossaire-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  let fd: number;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, st.mode & 0o7777);
  } catch (e) {
    const code = errorCode(e);
    return { path, kind: code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'folder-not-writable' : 'write-failed', detail: code };
  }
  try {
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, st.mode & 0o7777); // the umask narrowed the mode given to open
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch {
      // Only root may give a file away; a user's own file keeps its owner anyway.
    }
    renameSync(tmp, target);
    return undefined;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    return { path, kind: 'write-failed', detail: errorCode(e) };
  }
}

/** Writes over a file that has other hard links: new content, then the length cut. */
function writeInPlace(path: string, target: string, data: Buffer): FileProblem | undefined {
  let fd: number;
  try {
    fd = openSync(target, constants.O_WRONLY);
  } catch (e) {
    const code = errorCode(e);
    return { path, kind: code === 'EACCES' || code === 'EPERM' ? 'read-only' : 'write-failed', detail: code };
  }
  try {
    writeAll(fd, data, 0);
    ftruncateSync(fd, data.length);
    fsyncSync(fd);
    return undefined;
  } catch (e) {
    return { path, kind: 'write-failed', detail: errorCode(e) };
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: Buffer, position: number | null = null): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
}

/**
 * A path as printed for a person: control characters and bidirectional overrides escaped (a
 * newline in a name split a report line, an escape sequence reached the terminal).
 */
export function printablePath(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const REASONS = new Set(['ENOENT', 'ELOOP', 'EACCES', 'EPERM', 'EROFS']);

/** The located message of a file problem; `shown` is the path as it should be printed. */
export function fileProblemMessage(locale: Locale, problem: FileProblem, shown = printablePath(problem.path)): string {
  const d = problem.detail;
  const detail = d === undefined ? '' : REASONS.has(d) ? t(locale, `file.reason.${d}` as MessageKey) : d;
  return t(locale, `file.${problem.kind}` as MessageKey, { path: shown, detail, max: Math.round(MAX_NOTE_BYTES / (1024 * 1024)) });
}
