/**
 * Background index of the workspace's Markdown notes: which concepts each note uses and where.
 * Feeds references and the panel's workspace counts. Built in slices (the event loop stays
 * free for requests), kept current by file events; open documents override their file.
 */

import { URI } from 'vscode-uri';
import { analyzeText } from '../service/analyze';
import { Glossary } from '../service/glossary';
import { LineIndex, Range } from '../service/positions';
import { loadLexicon } from '../node/resources';
import { FileProblem, isMarkdownName, MAX_NOTE_BYTES, readTextFile, walkFiles } from '../node/files';

const MAX_FILES = 20_000;

/** Occurrences of concepts in one file: entry id → ranges. */
export type FileOccurrences = Map<string, Range[]>;

/** Computes a note's occurrences by concept. */
export function indexText(text: string, glossary: Glossary): FileOccurrences {
  const { occurrences } = analyzeText(text, glossary, { lexicon: () => loadLexicon() });
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

  constructor(private readonly getGlossary: () => Glossary) {}

  /** Indexed file URIs. */
  get size(): number {
    return this.files.size;
  }

  /**
   * (Re)builds the index of the given folders. `onProgress` gets (done, total); `onProblem`
   * each path that was not indexed (a device or pipe named *.md, an unreadable folder…).
   */
  rebuild(folders: string[], onProgress?: (done: number, total: number) => void, onProblem?: (problem: FileProblem) => void): Promise<void> {
    const generation = ++this.generation;
    this.files.clear();
    // The CLI's walker: only regular files, each real folder once (links to a parent made the
    // walk exponential), devices and pipes reported instead of read.
    const { files: paths, problems } = walkFiles(folders, isMarkdownName, { maxFiles: MAX_FILES });
    if (onProblem) for (const p of problems) onProblem(p);
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

  /** Re-reads one file (created or changed); returns why it could not, if so. */
  updateFile(path: string): FileProblem | undefined {
    const uri = URI.file(path).toString();
    // A bounded read of a regular UTF-8 file: a pipe or /dev/zero behind the name hung or
    // exhausted the server, a file bigger than the cap is left out.
    const r = readTextFile(path, MAX_NOTE_BYTES);
    if (!r.ok) {
      this.files.delete(uri);
      return r.problem;
    }
    this.files.set(uri, indexText(r.text, this.getGlossary()));
    return undefined;
  }

  /** Sets a file's occurrences from text (an open document). */
  updateText(uri: string, text: string): void {
    this.files.set(uri, indexText(text, this.getGlossary()));
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
