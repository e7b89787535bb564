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
import { composeChain, isGlossaryFileName } from '../service/scope';
import { Lexicon } from '../service/lexicon';
import { createGlossaireService, GlossaireService } from '../service/service';
import { Locale, t } from '../service/messages';

/** Options of `GlossaryResolver`. */
export interface ResolverOptions {
  /** Extra glossaries for every file (`--glossary`), then the built-in one when given. */
  extra: string[];
  builtin?: string;
  /** Look for glossary files in the checked files' folders and above. */
  discover: boolean;
  locale: Locale;
  lexicon: Lexicon;
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
  /** Problems of every glossary file read (each once), unreadable files included. */
  readonly problems: GlossaryProblem[] = [];

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
    const loaded = paths.map((p) => ({ p, l: this.load(p) })).filter((x): x is { p: string; l: LoadedGlossary } => x.l !== undefined);
    const builtin = this.options.builtin;
    if (builtin && !loaded.some((x) => x.l.builtinOff)) {
      const l = this.load(builtin);
      if (l) loaded.push({ p: builtin, l });
    }
    const key = loaded.map((x) => x.p).join('\n');
    let chain = this.chains.get(key);
    if (!chain) {
      const glossary = loaded.length === 0 ? loadGlossaryFile({ uri: '', text: '{"name":"","language":"fr","categories":[],"entries":[]}' }).glossary : composeChain(loaded.map((x) => ({ glossary: x.l.glossary }))).glossary;
      chain = { glossary, service: createGlossaireService({ glossary, lexicon: this.options.lexicon, locale: this.options.locale }), paths: loaded.map((x) => x.p) };
      this.chains.set(key, chain);
    }
    return chain;
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
    try {
      const text = readFileSync(path, 'utf8');
      loaded = loadGlossaryFile({ uri: path, text, builtin: path === this.options.builtin }, { locale: this.options.locale, lexicon: this.options.lexicon });
      // A file with syntax errors is used for what the tolerant parser recovered, as before.
      this.problems.push(...loaded.glossary.problems);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const detail = err.code === 'ENOENT' ? t(this.options.locale, 'glossary.no-such-file') : err.message;
      this.problems.push({ uri: path, severity: 'error', code: 'glossary.unreadable', message: t(this.options.locale, 'glossary.unreadable', { path, detail }), start: 0, end: 0 });
    }
    this.files.set(path, loaded);
    return loaded;
  }
}
