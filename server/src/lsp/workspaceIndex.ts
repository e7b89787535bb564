/**
 * Background index of the workspace's Markdown notes: which concepts each note uses and where.
 * Feeds references and the panel's workspace counts. Built in slices (the event loop stays
 * free for requests), kept current by file events; open documents override their file.
 */

import { AnalysisSettings, GlossaireService } from '../service/service';
import { LineIndex, Range } from '../service/positions';
import { MARKDOWN_GLOB, ServerHost } from './host';
import { isGlossaryUri } from '../service/scope';
import { findBoldTerms } from '../service/study/coverage';
import { getProseSegments } from '../service/markdown';
import type { Locale } from '../service/messages';

const MAX_FILES = 20_000;
const MAX_FILE_SIZE = 5 * 1024 * 1024;
/** Characters of notes a rebuild keeps between its two passes (see rebuild). */
const KEPT_TEXT_BUDGET = 32 * 1024 * 1024;

/** The next slice of work: after pending I/O (Node), or as soon as the worker is free (browser). */
const defer: (fn: () => void) => void = typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => void setTimeout(fn, 0);

/** Occurrences of concepts in one file: entry id → ranges. */
export type FileOccurrences = Map<string, Range[]>;

/** A term in bold in a note that is not a glossary occurrence (for coverage). */
export interface IndexedBoldTerm {
  text: string;
  range: Range;
  /** A single lower-case word: listed only when in bold twice (see coverage.ts). */
  weak?: boolean;
}

/** Computes a note's occurrences by concept. */
export function indexText(text: string, service: GlossaireService): FileOccurrences {
  return indexNote(text, service).occurrences;
}

/** The index needs where concepts are used, not the typos: about a third of the analysis less. */
const INDEX_SETTINGS: AnalysisSettings = Object.freeze({ typos: false });

/**
 * A note's occurrences by concept, and its bold terms that are not glossary occurrences.
 * @param segments the note's prose segments (getProseSegments), when the caller read them
 *   (harvesting did): the block pass runs once per note for all three readers.
 */
export function indexNote(text: string, service: GlossaireService, segments: readonly number[] = getProseSegments(text)): { occurrences: FileOccurrences; bold: IndexedBoldTerm[] } {
  const { occurrences } = service.analyze(text, INDEX_SETTINGS, segments);
  const out: FileOccurrences = new Map();
  // Most notes have no bold at all: no second pass for them.
  const boldSpans = text.includes('**') || text.includes('__') ? findBoldTerms(text, occurrences, segments) : [];
  if (occurrences.length === 0 && boldSpans.length === 0) return { occurrences: out, bold: [] };
  const lines = new LineIndex(text);
  const bold = boldSpans.map((b): IndexedBoldTerm => (b.weak ? { text: b.text, range: lines.rangeAt(b.start, b.end), weak: true } : { text: b.text, range: lines.rangeAt(b.start, b.end) }));
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
  /** Called with each note the index reads, and its prose segments (harvesting: see server.ts). */
  onText?: (uri: string, text: string, segments: readonly number[]) => void;
  /**
   * True when `onText` may change the glossaries (harvesting is on): a rebuild then reads every
   * note of a course (see `courseOf`) for `onText` before it indexes any of them, so that each
   * note is indexed once, with its course's glossary as the whole course defines it (indexing
   * while harvesting recompiled a course's chain at each new definition, then indexed the whole
   * workspace a second time).
   */
  textsFirst?: () => boolean;
  /**
   * The course of a note: the notes whose definitions can change its glossary (harvested.ts,
   * courseFolderOf). A rebuild reads and indexes one course at a time: a course's texts are
   * kept between its two passes, not the whole workspace's (they stay young in the heap and
   * warm in the cache). Without it, the whole workspace is one course.
   */
  courseOf?: (uri: string) => string;
  /** Resolves when the current indexing run ends. */
  ready: Promise<void> = Promise.resolve();

  /** `getService` gives the core bound to the glossary that applies to a note (its chain, see glossaryStore.ts). */
  constructor(private readonly getService: (uri: string) => GlossaireService, private readonly host: ServerHost) {}

  /** Indexed file URIs. */
  get size(): number {
    return this.files.size;
  }

  /**
   * (Re)builds the index of the given folders (URIs). `onProgress` gets (done, total);
   * `onProblem` what the walk could not enter or read (see ServerHost.findFiles).
   */
  rebuild(folders: string[], onProgress?: (done: number, total: number) => void, onProblem?: (describe: (locale: Locale) => string) => void): Promise<void> {
    const generation = ++this.generation;
    this.files.clear();
    this.boldTerms.clear();
    this.ready = (async () => {
      // Glossary files (glossaire.md…) are not notes.
      const uris = (await this.host.findFiles(folders, MARKDOWN_GLOB, MAX_FILES, onProblem)).filter((u) => !isGlossaryUri(u));
      const onText = this.onText;
      const textsFirst = onText !== undefined && (this.textsFirst?.() ?? false);
      // The steps in order: without harvesting, index each note; with it, per course, read
      // every note of the course (for onText), then index them.
      const steps: { uri: string; read: boolean }[] = [];
      if (textsFirst) {
        const courses = new Map<string, string[]>();
        for (const uri of uris) {
          const course = this.courseOf?.(uri) ?? '';
          const list = courses.get(course);
          if (list) list.push(uri);
          else courses.set(course, [uri]);
        }
        for (const list of courses.values()) {
          for (const uri of list) steps.push({ uri, read: true });
          for (const uri of list) steps.push({ uri, read: false });
        }
      } else for (const uri of uris) steps.push({ uri, read: false });
      const total = steps.length;
      let done = 0;
      // The texts a course's first pass read are kept for its second, up to a budget (beyond
      // it, read again): reading is about a tenth of indexing. With their prose segments: the
      // block pass runs once per note, for harvesting and indexing.
      const kept = new Map<string, { text: string; segments: readonly number[] }>();
      let keptChars = 0;
      const read = async (uri: string) => {
        const text = await this.readNote(uri);
        if (text === undefined) return;
        try {
          const segments = getProseSegments(text);
          if (keptChars + text.length <= KEPT_TEXT_BUDGET) {
            kept.set(uri, { text, segments });
            keptChars += text.length;
          }
          onText!(uri, text, segments);
        } catch {
          // As in indexFile: one note does not end the run.
        }
      };
      const index = (uri: string) => {
        const known = kept.get(uri);
        if (known) {
          kept.delete(uri);
          keptChars -= known.text.length;
        }
        return this.indexFile(uri, textsFirst ? undefined : onText, known);
      };
      // Slices of ~15 ms: requests are answered between them.
      for (let i = 0; i < steps.length; ) {
        const sliceEnd = Date.now() + 15;
        while (i < steps.length && Date.now() < sliceEnd) {
          const step = steps[i++];
          await (step.read ? read(step.uri) : index(step.uri));
          done++;
          if (generation !== this.generation) return;
        }
        onProgress?.(done, total);
        if (i < steps.length) await new Promise<void>((r) => defer(r));
      }
      onProgress?.(total, total);
    })().catch(() => undefined);
    return this.ready;
  }

  private async readNote(uri: string): Promise<string | undefined> {
    try {
      return await this.host.readText(uri, { maxBytes: MAX_FILE_SIZE });
    } catch {
      return undefined;
    }
  }

  /** Reads (unless given its text) and indexes one file (its text to `onText` first, when given). */
  private async indexFile(uri: string, onText: WorkspaceIndex['onText'], known?: { text: string; segments: readonly number[] }): Promise<void> {
    const text = known?.text ?? (await this.readNote(uri));
    if (text === undefined) {
      this.deleteFile(uri);
      return;
    }
    try {
      const segments = known?.segments ?? getProseSegments(text);
      onText?.(uri, text, segments);
      this.setNote(uri, indexNote(text, this.getService(uri), segments));
    } catch {
      // One note the core cannot take must not end the whole run.
      this.deleteFile(uri);
    }
  }

  /** Re-reads one file (created or changed); a file that cannot be read leaves the index. */
  updateFile(uri: string): Promise<void> {
    return this.indexFile(uri, this.onText);
  }

  /** Sets a file's occurrences from text (an open document). */
  updateText(uri: string, text: string): void {
    this.setNote(uri, indexNote(text, this.getService(uri)));
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

  /** Indexed note URIs. */
  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /**
   * Occurrence counts per concept over the index, leaving out some files (open ones) and, with
   * `include`, the files it rejects (the notes of other courses).
   */
  counts(exclude: Set<string> = new Set(), include?: (uri: string) => boolean): Map<string, number> {
    const out = new Map<string, number>();
    for (const [uri, occ] of this.files) {
      if (exclude.has(uri) || (include && !include(uri))) continue;
      for (const [id, ranges] of occ) out.set(id, (out.get(id) ?? 0) + ranges.length);
    }
    return out;
  }
}
