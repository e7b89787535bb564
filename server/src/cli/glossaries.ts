/**
 * The glossaries `glossaire check` uses for each file, as the server finds them: the glossary
 * files (`glossaire.md`, `*.glossaire.md`, `*.glossaire.json`) of the file's folder and of
 * every folder above it, nearest first, then the `--glossary` files, then the built-in one
 * (unless a glossary of the chain turns it off). Each file is read and compiled once, each
 * distinct chain composed once.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Glossary, GlossaryProblem } from '../service/glossary';
import { loadGlossaryFile, LoadedGlossary } from '../service/glossaryFile';
import { composeChain, ComposedGlossary, extendChain, isGlossaryFileName } from '../service/scope';
import { Lexicon } from '../service/lexicon';
import { createGlossaireService, GlossaireService } from '../service/service';
import { Locale, t } from '../service/messages';
import { compileHarvested, HarvestedNote, NoteDefinition } from '../service/harvested';
import { LineIndex } from '../service/positions';
import { WordStore } from '../service/wordTable';

/** Options of `GlossaryResolver`. */
export interface ResolverOptions {
  /** Extra glossaries for every file (`--glossary`), then the built-in one when given. */
  extra: string[];
  builtin?: string;
  /** Look for glossary files in the checked files' folders and above. */
  discover: boolean;
  locale: Locale;
  lexicon: Lexicon;
  /** The English word list of the bilingual guard (loaded on first use). */
  english?: () => Lexicon;
  /** Reads a glossary file: its text, or a message saying why it cannot be read (default: UTF-8 from disk). */
  read?: (path: string) => { text: string } | { error: string };
  /** Finds the definitions a note writes (harvest.ts): they join the chains of its course folder. */
  harvester?: (text: string) => NoteDefinition[];
}

/** A file's chain: its composed glossary and the glossary files in it, nearest first. */
export interface Chain {
  glossary: Glossary;
  /** The core bound to the chain's glossary. */
  service: GlossaireService;
  paths: string[];
}

/** Finds, compiles and composes glossaries per checked file. */
export class GlossaryResolver {
  private readonly files = new Map<string, LoadedGlossary | undefined>();
  private readonly dirs = new Map<string, string[]>();
  private readonly chains = new Map<string, Chain>();
  /** The composed glossary files of a chain, by their paths (what a course's definitions extend). */
  private readonly bases = new Map<string, ComposedGlossary>();
  /** Problems of every glossary file read (each once), unreadable files included. */
  readonly problems: GlossaryProblem[] = [];
  /** Glossary files that could not be read: the message for each. */
  readonly readErrors: string[] = [];
  private readonly harvested = new Map<string, HarvestedNote>();
  private readonly harvestedParts = new Map<string, Glossary>();
  /** The distinct words of the notes, shared by every chain's service (wordTable.ts). */
  private readonly words = new WordStore();

  constructor(private readonly options: ResolverOptions) {}

  /** Reads the glossaries every file gets (`--glossary`, built-in), so their problems come first. */
  loadCommon(): void {
    for (const p of this.options.extra) this.load(p);
    if (this.options.builtin) this.load(this.options.builtin);
  }

  /** The chain of the file at `path`. */
  chainOf(path: string): Chain {
    const paths: string[] = [];
    if (this.options.discover) {
      for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
        paths.push(...this.glossariesIn(dir));
        if (dirname(dir) === dir) break;
      }
    }
    paths.push(...this.options.extra);
    const course = this.harvested.size > 0 ? this.courseFolder(path) : undefined;
    const loaded = paths.map((p) => ({ p, l: this.load(p) })).filter((x): x is { p: string; l: LoadedGlossary } => x.l !== undefined);
    const builtin = this.options.builtin;
    if (builtin && !loaded.some((x) => x.l.builtinOff)) {
      const l = this.load(builtin);
      if (l) loaded.push({ p: builtin, l });
    }
    const part = course !== undefined ? this.harvestedPart(course) : undefined;
    const key = loaded.map((x) => x.p).join('\n') + (part && part.entries.length > 0 ? `\nharvested:${course}` : '');
    let chain = this.chains.get(key);
    if (!chain) {
      const parts = loaded.map((x) => ({ glossary: x.l.glossary }));
      const harvested = part && part.entries.length > 0 ? part : undefined;
      let glossary: Glossary;
      if (parts.length === 0) glossary = harvested ?? loadGlossaryFile({ uri: '', text: '{"name":"","language":"fr","categories":[],"entries":[]}' }).glossary;
      else {
        // The chain of the glossary files, composed once; a course's definitions extend it.
        const filesKey = loaded.map((x) => x.p).join('\n');
        let files = this.bases.get(filesKey);
        if (!files) this.bases.set(filesKey, (files = composeChain(parts)));
        glossary = harvested ? extendChain(files, parts, { glossary: harvested }).glossary : files.glossary;
      }
      chain = { glossary, service: createGlossaireService({ glossary, lexicon: this.options.lexicon, english: this.options.english, locale: this.options.locale, words: this.words }), paths: loaded.map((x) => x.p) };
      this.chains.set(key, chain);
    }
    return chain;
  }

  /**
   * Harvests the notes about to be checked: their definitions join the chains of their course
   * folder (the folder of the nearest glossary above the note, else the note's folder).
   */
  harvest(path: string, text: string): void {
    const definitions = this.options.harvester?.(text) ?? [];
    if (definitions.length === 0) return;
    const lines = new LineIndex(text);
    this.harvested.set(resolve(path), { uri: resolve(path), definitions, positions: definitions.map((d) => lines.positionAt(d.termRange.start)) });
    this.harvestedParts.clear();
  }

  private courseFolder(path: string): string {
    for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
      if (this.glossariesIn(dir).length > 0) return dir;
      if (dirname(dir) === dir) return dirname(resolve(path));
    }
  }

  private harvestedPart(folder: string): Glossary {
    let g = this.harvestedParts.get(folder);
    if (!g) {
      const notes = [...this.harvested.values()].filter((n) => this.courseFolder(n.uri) === folder);
      g = compileHarvested(notes, t(this.options.locale, 'scope.harvested'), { locale: this.options.locale }).glossary;
      this.harvestedParts.set(folder, g);
    }
    return g;
  }

  /** The glossary files of one folder (not below), sorted. */
  private glossariesIn(dir: string): string[] {
    let list = this.dirs.get(dir);
    if (!list) {
      try {
        list = readdirSync(dir).filter(isGlossaryFileName).sort().map((n) => join(dir, n));
      } catch {
        list = [];
      }
      this.dirs.set(dir, list);
    }
    return list;
  }

  /** One glossary file compiled (undefined when it cannot be read or parsed at all). */
  private load(path: string): LoadedGlossary | undefined {
    if (this.files.has(path)) return this.files.get(path);
    let loaded: LoadedGlossary | undefined;
    const read = this.options.read ? this.options.read(path) : readUtf8(path, this.options.locale);
    if ('error' in read) this.readErrors.push(read.error);
    else {
      loaded = loadGlossaryFile({ uri: path, text: read.text, builtin: path === this.options.builtin }, { locale: this.options.locale, lexicon: this.options.lexicon });
      // A file with syntax errors is used for what the tolerant parser recovered, as before.
      this.problems.push(...loaded.glossary.problems);
    }
    this.files.set(path, loaded);
    return loaded;
  }
}

/** A file's UTF-8 text, or why it cannot be read. */
function readUtf8(path: string, locale: Locale): { text: string } | { error: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const detail = err.code === 'ENOENT' ? t(locale, 'glossary.no-such-file') : err.message;
    return { error: t(locale, 'glossary.unreadable', { path, detail }) };
  }
}
