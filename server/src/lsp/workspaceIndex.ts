/**
 * Background index of the workspace's Markdown notes: which concepts each note uses and where.
 * Feeds references and the panel's workspace counts. Built in slices (the event loop stays
 * free for requests), kept current by file events; open documents override their file.
 */

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { analyzeText } from '../service/analyze';
import { Glossary } from '../service/glossary';
import { LineIndex, Range } from '../service/positions';
import { loadLexicon } from '../node/resources';
import { findBoldTerms } from '../service/study/coverage';

const MAX_FILES = 20_000;
const MAX_FILE_SIZE = 5 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'target']);

/** Occurrences of concepts in one file: entry id → ranges. */
export type FileOccurrences = Map<string, Range[]>;

/** A term in bold in a note that is not a glossary occurrence (for coverage). */
export interface IndexedBoldTerm {
  text: string;
  range: Range;
}

/** Computes a note's occurrences by concept. */
export function indexText(text: string, glossary: Glossary): FileOccurrences {
  return indexNote(text, glossary).occurrences;
}

/** A note's occurrences by concept, and its bold terms that are not glossary occurrences. */
export function indexNote(text: string, glossary: Glossary): { occurrences: FileOccurrences; bold: IndexedBoldTerm[] } {
  const { occurrences } = analyzeText(text, glossary, { lexicon: () => loadLexicon() });
  const out: FileOccurrences = new Map();
  // Most notes have no bold at all: no second pass for them.
  const boldSpans = text.includes('**') || text.includes('__') ? findBoldTerms(text, occurrences) : [];
  if (occurrences.length === 0 && boldSpans.length === 0) return { occurrences: out, bold: [] };
  const lines = new LineIndex(text);
  const bold = boldSpans.map((b) => ({ text: b.text, range: lines.rangeAt(b.start, b.end) }));
  for (const o of occurrences) {
    const list = out.get(o.entryId);
    const r = lines.rangeAt(o.start, o.end);
    if (list) list.push(r);
    else out.set(o.entryId, [r]);
  }
  return { occurrences: out, bold };
}

/** The workspace index. */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileOccurrences>();
  private readonly boldTerms = new Map<string, IndexedBoldTerm[]>();
  private generation = 0;
  /** Resolves when the current indexing run ends. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly getGlossary: () => Glossary) {}

  /** Indexed file URIs. */
  get size(): number {
    return this.files.size;
  }

  /** (Re)builds the index of the given folders. `onProgress` gets (done, total). */
  rebuild(folders: string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const generation = ++this.generation;
    this.files.clear();
    this.boldTerms.clear();
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
      this.setNote(uri, indexNote(readFileSync(path, 'utf8'), this.getGlossary()));
    } catch {
      this.deleteFile(uri);
    }
  }

  /** Sets a file's occurrences from text (an open document). */
  updateText(uri: string, text: string): void {
    this.setNote(uri, indexNote(text, this.getGlossary()));
  }

  private setNote(uri: string, note: ReturnType<typeof indexNote>): void {
    this.files.set(uri, note.occurrences);
    if (note.bold.length > 0) this.boldTerms.set(uri, note.bold);
    else this.boldTerms.delete(uri);
  }

  /** Forgets a file (deleted). */
  deleteFile(uri: string): void {
    this.files.delete(uri);
    this.boldTerms.delete(uri);
  }

  /** Bold terms that are not glossary occurrences, per indexed note, leaving out some files (open ones). */
  bold(exclude: Set<string> = new Set()): { uri: string; terms: IndexedBoldTerm[] }[] {
    const out: { uri: string; terms: IndexedBoldTerm[] }[] = [];
    for (const [uri, terms] of this.boldTerms) if (!exclude.has(uri)) out.push({ uri, terms });
    return out;
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
