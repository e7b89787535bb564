/**
 * The glossary files: finds, reads (through the ServerHost) and re-reads them, compiles them
 * with the core, and keeps serving the last good version of a file that breaks (invalid JSON
 * or not an object) while its problems are reported.
 */

import { URI, Utils } from 'vscode-uri';
import { compileGlossary, Glossary, GlossaryProblem, GlossarySource } from '../service/glossary';
import { createGlossaireService, GlossaireService } from '../service/service';
import { Locale, t } from '../service/messages';
import { HostFileError, ServerHost } from './host';

/** A glossary file the store reads: its URI and the text last read that compiled. */
interface FileState {
  uri: string;
  lastGood?: string;
}

/** What the last read of a file gave: its text, or why it failed. */
type ReadResult = { text: string } | { error: HostFileError };

/** The path of a URI as a user wrote it (file URIs), the URI itself otherwise. */
function displayPath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : uri;
}

/** True for an absolute path ('/x', a backslash one, 'C:\\x', 'C:/x'); node:path is not in the browser. */
function isAbsolutePath(p: string): boolean {
  return /^([a-zA-Z]:[\\/]|[\\/])/.test(p);
}

/** Holds the compiled glossary of the current settings. */
export class GlossaryStore {
  private glossary: Glossary;
  /** The core bound to the current glossary (made again with each glossary). */
  private bound: GlossaireService;
  private files: FileState[] = [];
  private readonly overlays = new Map<string, string>();
  private fileProblems: GlossaryProblem[] = [];
  private configured = false;
  private configuredLocale: Locale | undefined;
  /** The text last read of each file: its problems' offsets refer to it, even when it did not load. */
  private readonly texts = new Map<string, string>();
  /** The last read of each file (overlays aside). */
  private readonly reads = new Map<string, ReadResult>();
  private generation = 0;

  constructor(private locale: Locale, private readonly host: ServerHost) {
    this.glossary = compileGlossary([], { locale });
    this.bound = this.bind(this.glossary);
  }

  /** The current glossary. */
  get current(): Glossary {
    return this.glossary;
  }

  /** The core service of the current glossary. */
  get service(): GlossaireService {
    return this.bound;
  }

  private bind(glossary: Glossary): GlossaireService {
    const english = this.host.englishLexicon?.bind(this.host);
    return createGlossaireService({ glossary, lexicon: () => this.host.lexicon(), english, locale: this.locale });
  }

  /** Problems of the last load, including unreadable files. */
  get problems(): GlossaryProblem[] {
    return [...this.fileProblems, ...this.glossary.problems];
  }

  /** URIs of the glossary files in use. */
  get uris(): string[] {
    return this.files.map((f) => f.uri);
  }

  /** True when `uri` is one of the glossary files. */
  isGlossaryFile(uri: string): boolean {
    return this.files.some((f) => f.uri === uri);
  }

  /**
   * Sets which files to read: the built-in one and extra paths (absolute, or relative to the
   * first workspace folder, a URI), then reads them.
   */
  async configure(useBuiltin: boolean, extra: string[], folders: string[], locale: Locale): Promise<void> {
    this.locale = locale;
    const uris: string[] = [];
    if (useBuiltin) uris.push(this.host.builtinGlossaryUri);
    for (const p of extra) {
      if (isAbsolutePath(p)) uris.push(URI.file(p).toString());
      else if (folders.length > 0) uris.push(Utils.joinPath(URI.parse(folders[0]), p).toString());
      else uris.push(URI.file(p).toString());
    }
    const unique = [...new Set(uris)];
    // Same files, same language: initialize and initialized often configure alike; one compile is
    // enough — unless a read was only put off (EAGAIN: the browser's client was not ready yet).
    const retry = [...this.reads.values()].some((r) => 'error' in r && r.error.code === 'EAGAIN');
    if (!retry && this.configured && locale === this.configuredLocale && unique.length === this.files.length && unique.every((u, i) => this.files[i].uri === u)) return;
    this.configured = true;
    this.configuredLocale = locale;
    const old = new Map(this.files.map((f) => [f.uri, f]));
    this.files = unique.map((uri) => old.get(uri) ?? { uri });
    await this.reload();
  }

  /** The text last read of a glossary file (undefined when it could not be read). */
  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /**
   * Uses an editor's unsaved text for a glossary file (or undefined to go back to the text
   * last read). Recompiles at once, without reading anything.
   */
  setOverlay(uri: string, text: string | undefined): boolean {
    if (!this.isGlossaryFile(uri)) return false;
    if (text === undefined) this.overlays.delete(uri);
    else this.overlays.set(uri, text);
    this.compile();
    return true;
  }

  /** Re-reads every file (but those open in the editor) and recompiles. */
  async reload(): Promise<Glossary> {
    const generation = ++this.generation;
    const files = this.files;
    const [, reads] = await Promise.all([
      // Node: at once; the browser starts fetching it (the compile is redone when it is there).
      this.host.prepareLexicon(),
      Promise.all(files.map(async (f): Promise<ReadResult | undefined> => {
        if (this.overlays.has(f.uri)) return undefined;
        try {
          return { text: await this.host.readText(f.uri) };
        } catch (e) {
          return { error: e instanceof HostFileError ? e : new HostFileError('EIO', String((e as Error)?.message ?? e)) };
        }
      })),
    ]);
    // A later reload (new settings, another file event) wins: its reads are the current ones.
    if (generation !== this.generation) return this.glossary;
    this.reads.clear();
    files.forEach((f, i) => {
      const r = reads[i];
      if (r) this.reads.set(f.uri, r);
    });
    return this.compile();
  }

  /** Compiles again from the texts already read (the lexicon came late, say). */
  recompile(): Glossary {
    return this.compile();
  }

  /** Compiles the overlays and the last reads. */
  private compile(): Glossary {
    const sources: GlossarySource[] = [];
    this.fileProblems = [];
    this.texts.clear();
    const builtin = this.host.builtinGlossaryUri;
    for (const f of this.files) {
      let text = this.overlays.get(f.uri);
      if (text === undefined) {
        const read = this.reads.get(f.uri);
        if (read === undefined || 'error' in read) {
          // Not a JSON problem: the file is missing or unreadable, and the message says which.
          const err = read?.error;
          const detail = !err || err.code === 'ENOENT' ? t(this.locale, 'glossary.no-such-file', {}) : err.message;
          this.fileProblems.push({
            uri: f.uri, severity: 'error', code: 'glossary.unreadable',
            message: t(this.locale, 'glossary.unreadable', { path: displayPath(f.uri), detail }), start: 0, end: 0,
          });
          if (f.lastGood !== undefined) sources.push({ uri: f.uri, text: f.lastGood, builtin: f.uri === builtin });
          continue;
        }
        text = read.text;
      }
      this.texts.set(f.uri, text);
      sources.push({ uri: f.uri, text, builtin: f.uri === builtin });
    }
    // The lexicon (loaded on first use) flags misspellings that are French words: they would be
    // flagged everywhere in the notes.
    const host = this.host;
    // A lexicon still loading (size 0) flags nothing here: the compile is redone when it is there.
    const lexicon = {
      has: (w: string) => host.lexicon().size > 0 && host.lexicon().has(w),
      get size() { return host.lexicon().size; },
    };
    const isFatal = (p: GlossaryProblem) => p.code === 'glossary.invalid-json' || p.code === 'glossary.not-object';
    let glossary = compileGlossary(sources, { locale: this.locale, lexicon });
    // A file that does not parse at all keeps its last good version in service: compile again
    // only in that (rare) case, so a normal reload compiles once.
    const fatal = new Set(glossary.problems.filter(isFatal).map((p) => p.uri));
    if (fatal.size > 0) {
      this.fileProblems.push(...glossary.problems.filter((p) => isFatal(p) && fatal.has(p.uri)));
      const kept: GlossarySource[] = [];
      for (const src of sources) {
        if (!fatal.has(src.uri)) kept.push(src);
        else {
          const lastGood = this.files.find((f) => f.uri === src.uri)?.lastGood;
          if (lastGood !== undefined) kept.push({ ...src, text: lastGood });
        }
      }
      glossary = compileGlossary(kept, { locale: this.locale, lexicon });
    }
    for (const f of this.files) {
      const text = this.texts.get(f.uri);
      if (text !== undefined && !fatal.has(f.uri)) f.lastGood = text;
    }
    this.glossary = glossary;
    this.bound = this.bind(glossary);
    return this.glossary;
  }
}
