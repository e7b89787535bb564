/**
 * The only file I/O of the server: finds, reads and re-reads the glossary files, compiles them
 * with the core, and keeps serving the last good version of a file that breaks (invalid JSON
 * or not an object) while its problems are reported.
 */

import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { URI } from 'vscode-uri';
import { compileGlossary, Glossary, GlossaryProblem, GlossarySource } from '../service/glossary';
import { createGlossaireService, GlossaireService } from '../service/service';
import { Locale, t } from '../service/messages';
import { getBuiltinGlossaryPath, loadLexicon } from '../node/resources';

/** A glossary file the store reads: its path and, when open in the editor, its live text. */
interface FileState {
  path: string;
  uri: string;
  lastGood?: string;
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

  constructor(private locale: Locale) {
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
    return createGlossaireService({ glossary, lexicon: () => loadLexicon(), locale: this.locale });
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

  /** Sets which files to read: the built-in one and extra paths (relative to `folders[0]`). */
  configure(useBuiltin: boolean, extra: string[], folders: string[], locale: Locale): void {
    this.locale = locale;
    const paths: string[] = [];
    if (useBuiltin) paths.push(getBuiltinGlossaryPath());
    for (const p of extra) {
      if (isAbsolute(p)) paths.push(p);
      else if (folders.length > 0) paths.push(join(folders[0], p));
      else paths.push(p);
    }
    const unique = [...new Set(paths)];
    // Same files, same language: initialize and initialized often configure alike; one compile is enough.
    if (this.configured && locale === this.configuredLocale && unique.length === this.files.length && unique.every((p, i) => this.files[i].path === p)) return;
    this.configured = true;
    this.configuredLocale = locale;
    const old = new Map(this.files.map((f) => [f.path, f]));
    this.files = unique.map((path) => old.get(path) ?? { path, uri: URI.file(path).toString() });
    this.reload();
  }

  /** The text last read of a glossary file (undefined when it could not be read). */
  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /** Uses an editor's unsaved text for a glossary file (or undefined to go back to disk). */
  setOverlay(uri: string, text: string | undefined): boolean {
    if (!this.isGlossaryFile(uri)) return false;
    if (text === undefined) this.overlays.delete(uri);
    else this.overlays.set(uri, text);
    this.reload();
    return true;
  }

  /** Re-reads every file and recompiles. */
  reload(): Glossary {
    const sources: GlossarySource[] = [];
    this.fileProblems = [];
    this.texts.clear();
    const builtin = getBuiltinGlossaryPath();
    for (const f of this.files) {
      let text = this.overlays.get(f.uri);
      if (text === undefined) {
        try {
          text = readFileSync(f.path, 'utf8');
        } catch (e) {
          // Not a JSON problem: the file is missing or unreadable, and the message says which.
          const err = e as NodeJS.ErrnoException;
          const detail = err.code === 'ENOENT' ? t(this.locale, 'glossary.no-such-file', {}) : err.message;
          this.fileProblems.push({
            uri: f.uri, severity: 'error', code: 'glossary.unreadable',
            message: t(this.locale, 'glossary.unreadable', { path: f.path, detail }), start: 0, end: 0,
          });
          if (f.lastGood !== undefined) sources.push({ uri: f.uri, text: f.lastGood, builtin: f.path === builtin });
          continue;
        }
      }
      this.texts.set(f.uri, text);
      sources.push({ uri: f.uri, text, builtin: f.path === builtin });
    }
    // The lexicon (loaded on first use) flags misspellings that are French words: they would be
    // flagged everywhere in the notes.
    const lexicon = { has: (w: string) => loadLexicon().has(w), get size() { return loadLexicon().size; } };
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
