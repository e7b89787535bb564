/**
 * Background index of the workspace's Markdown notes: which concepts each note uses and where.
 * Feeds references and the panel's workspace counts. Built in slices (the event loop stays
 * free for requests), kept current by file events; open documents override their file.
 */

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { GlossaireService } from '../service/service';
import { LineIndex, Range } from '../service/positions';

const MAX_FILES = 20_000;
const MAX_FILE_SIZE = 5 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'target']);

/** Occurrences of concepts in one file: entry id → ranges. */
export type FileOccurrences = Map<string, Range[]>;

/** Computes a note's occurrences by concept. */
export function indexText(text: string, service: GlossaireService): FileOccurrences {
  const { occurrences } = service.analyze(text);
  const out: FileOccurrences = new Map();
  if (occurrences.length === 0) return out;
  const lines = new LineIndex(text);
  for (const o of occurrences) {
    const list = out.get(o.entryId);
    const r = lines.rangeAt(o.start, o.end);
    if (list) list.push(r);
    else out.set(o.entryId, [r]);
  }
  return out;
}

/** The workspace index. */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileOccurrences>();
  private generation = 0;
  /** Resolves when the current indexing run ends. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly getService: () => GlossaireService) {}

  /** Indexed file URIs. */
  get size(): number {
    return this.files.size;
  }

  /** (Re)builds the index of the given folders. `onProgress` gets (done, total). */
  rebuild(folders: string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const generation = ++this.generation;
    this.files.clear();
    const paths: string[] = [];
    for (const f of folders) collectMarkdown(f, paths);
    this.ready = new Promise((resolve) => {
      let i = 0;
      const step = () => {
        if (generation !== this.generation) return resolve();
        const sliceEnd = Date.now() + 15;
        while (i < paths.length && Date.now() < sliceEnd) this.updateFile(paths[i++]);
        onProgress?.(i, paths.length);
        if (i < paths.length) setImmediate(step);
        else resolve();
      };
      step();
    });
    return this.ready;
  }

  /** Re-reads one file (created or changed). */
  updateFile(path: string): void {
    const uri = URI.file(path).toString();
    try {
      if (statSync(path).size > MAX_FILE_SIZE) return;
      this.files.set(uri, indexText(readFileSync(path, 'utf8'), this.getService()));
    } catch {
      this.files.delete(uri);
    }
  }

  /** Sets a file's occurrences from text (an open document). */
  updateText(uri: string, text: string): void {
    this.files.set(uri, indexText(text, this.getService()));
  }

  /** Forgets a file (deleted). */
  deleteFile(uri: string): void {
    this.files.delete(uri);
  }

  /** Every indexed occurrence of a concept. */
  references(entryId: string): { uri: string; range: Range }[] {
    const out: { uri: string; range: Range }[] = [];
    for (const [uri, occ] of this.files) for (const range of occ.get(entryId) ?? []) out.push({ uri, range });
    return out;
  }

  /** Occurrence counts per concept over the index, leaving out some files (open ones). */
  counts(exclude: Set<string> = new Set()): Map<string, number> {
    const out = new Map<string, number>();
    for (const [uri, occ] of this.files) {
      if (exclude.has(uri)) continue;
      for (const [id, ranges] of occ) out.set(id, (out.get(id) ?? 0) + ranges.length);
    }
    return out;
  }
}

function collectMarkdown(dir: string, out: string[], seen = new Set<string>()): void {
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
    if (out.length >= MAX_FILES) return;
    if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) collectMarkdown(p, out, seen);
    else if (/\.(md|markdown)$/i.test(name)) out.push(p);
  }
}
