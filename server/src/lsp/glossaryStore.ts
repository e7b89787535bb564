/**
 * The glossaries of the workspace: the built-in one, the files of `glossaire.glossaries`, and
 * the glossary files found in the workspace (`glossaire.md`, `*.glossaire.md`,
 * `*.glossaire.json`), each of which applies to the notes of its folder and below. Every file
 * is compiled on its own (and keeps serving its last good version when it breaks); a note
 * gets the composition of the chain of files that apply to it, nearest first (scope.ts),
 * made once per distinct chain and cached. Editing a file recompiles that file and the chains
 * it is in, nothing else. The only file I/O of the glossaries.
 */

import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { URI } from 'vscode-uri';
import { compileGlossary, Glossary, GlossaryEntry, GlossaryProblem } from '../service/glossary';
import { isFatalProblem, loadGlossaryFile, LoadedGlossary } from '../service/glossaryFile';
import { appliesTo, chainFor, composeChain, ComposedGlossary, folderOf, isGlossaryUri, ShadowedEntry } from '../service/scope';
import { Locale, t } from '../service/messages';
import { getBuiltinGlossaryPath, loadLexicon } from '../node/resources';

/** Where a glossary file comes from. */
type Origin = 'builtin' | 'setting' | 'workspace';

/** A glossary file the store reads. */
interface FileState {
  path: string;
  uri: string;
  origin: Origin;
  /** Notes under this folder URI get the file ('' = every note). */
  folder: string;
  /** The compiled file, or undefined until compiled (again). */
  loaded?: LoadedGlossary;
  /** The text last read (problems' offsets refer to it), undefined when unreadable. */
  text?: string;
  lastGood?: string;
  /** Problems of the file: unreadable, or its compile's. */
  problems: GlossaryProblem[];
}

/** Holds the compiled glossaries of the current settings and workspace. */
export class GlossaryStore {
  private configuredFiles: FileState[] = [];
  private workspaceFiles: FileState[] = [];
  private readonly byUri = new Map<string, FileState>();
  private readonly overlays = new Map<string, string>();
  private readonly chains = new Map<string, ComposedGlossary>();
  /** Note URI → its chain's key (cleared when the set of files changes). */
  private readonly chainKeys = new Map<string, string>();
  /** Composed glossary → its chain (for hovers that say what a nearer glossary overrides). */
  private readonly composedOf = new WeakMap<Glossary, ComposedGlossary>();
  private folderUris: string[] = [];
  private configured = false;
  private configuredKey = '';
  private useBuiltin = true;
  private readonly empty: Glossary;
  /** Files compiled and chains composed since the start (for tests and the benchmark). */
  readonly stats = { files: 0, chains: 0 };

  constructor(private locale: Locale) {
    this.empty = compileGlossary([], { locale });
  }

  /** The glossary of a note outside every workspace glossary's folder (built-in + settings). */
  get current(): Glossary {
    return this.forUri('');
  }

  /** Problems of every file in use, including unreadable files. */
  get problems(): GlossaryProblem[] {
    return this.allFiles().flatMap((f) => {
      this.compiled(f); // files are compiled when first needed
      return f.problems;
    });
  }

  /** URIs of the glossary files in use. */
  get uris(): string[] {
    return this.allFiles().map((f) => f.uri);
  }

  /** True when `uri` is one of the glossary files. */
  isGlossaryFile(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Sets which files to read: the built-in one and extra paths (relative to `folders[0]`). */
  configure(useBuiltin: boolean, extra: string[], folders: string[], locale: Locale): void {
    const paths: string[] = [];
    if (useBuiltin) paths.push(getBuiltinGlossaryPath());
    for (const p of extra) {
      if (isAbsolute(p)) paths.push(p);
      else if (folders.length > 0) paths.push(join(folders[0], p));
      else paths.push(p);
    }
    const unique = [...new Set(paths)];
    const key = `${locale}\n${useBuiltin}\n${unique.join('\n')}`;
    // initialize and initialized often configure alike: one compile is enough.
    if (this.configured && key === this.configuredKey) return;
    const localeChanged = this.locale !== locale;
    this.configured = true;
    this.configuredKey = key;
    this.locale = locale;
    this.useBuiltin = useBuiltin;
    const builtin = getBuiltinGlossaryPath();
    const old = new Map(this.configuredFiles.map((f) => [f.path, f]));
    this.configuredFiles = unique.map((path) => old.get(path) ?? this.newFile(path, path === builtin ? 'builtin' : 'setting', ''));
    if (localeChanged) for (const f of this.allFiles()) f.loaded = undefined;
    this.filesChanged();
  }

  /**
   * Sets the glossary files found in the workspace (paths; see node/glossaryFiles.ts) and the
   * workspace folders (paths), in which a glossary opened in the editor joins at once.
   */
  setWorkspaceFiles(paths: string[], folders?: string[]): void {
    if (folders) this.folderUris = folders.map((f) => URI.file(f).toString());
    const old = new Map(this.workspaceFiles.map((f) => [f.path, f]));
    const sorted = [...new Set(paths)].sort();
    if (sorted.length === this.workspaceFiles.length && sorted.every((p, k) => this.workspaceFiles[k].path === p)) return;
    this.workspaceFiles = sorted.map((path) => old.get(path) ?? this.newFile(path, 'workspace', folderOf(URI.file(path).toString())));
    this.filesChanged();
  }

  /** A workspace glossary file was created (true when it is new). */
  addWorkspaceFile(path: string): boolean {
    if (this.workspaceFiles.some((f) => f.path === path)) return false;
    this.setWorkspaceFiles([...this.workspaceFiles.map((f) => f.path), path]);
    return true;
  }

  /** A workspace glossary file was deleted (true when it was one). */
  removeWorkspaceFile(uri: string): boolean {
    const f = this.byUri.get(uri);
    if (!f || f.origin !== 'workspace') return false;
    this.setWorkspaceFiles(this.workspaceFiles.filter((x) => x !== f).map((x) => x.path));
    return true;
  }

  /** A glossary file changed on disk: it is read again (true when it is one of ours). */
  fileChanged(uri: string): boolean {
    const f = this.byUri.get(uri);
    if (!f) return false;
    this.invalidate(f);
    return true;
  }

  /** The text the entries of a file were compiled from (its last good text when it breaks). */
  compiledTextOf(uri: string): string | undefined {
    const f = this.byUri.get(uri);
    return f ? this.compiled(f).glossary.sources.get(uri) : undefined;
  }

  /** Every entry of every file in use (a term defined twice is listed twice). */
  allEntries(): GlossaryEntry[] {
    return this.allFiles().flatMap((f) => this.compiled(f).glossary.entries);
  }

  /** The text last read of a glossary file (undefined when it could not be read). */
  textOf(uri: string): string | undefined {
    return this.byUri.get(uri)?.text;
  }

  /** Uses an editor's unsaved text for a glossary file (or undefined to go back to disk). */
  setOverlay(uri: string, text: string | undefined): boolean {
    // A glossary file opened before the file watcher told of it (just created): it joins now.
    if (text !== undefined && !this.byUri.has(uri) && uri.startsWith('file:') && isGlossaryUri(uri) && this.folderUris.some((f) => appliesTo(f, uri))) {
      this.addWorkspaceFile(URI.parse(uri).fsPath);
    }
    const f = this.byUri.get(uri);
    if (!f) return false;
    if (text === undefined) this.overlays.delete(uri);
    else if (this.overlays.get(uri) === text) return true;
    else this.overlays.set(uri, text);
    this.invalidate(f);
    return true;
  }

  /** Re-reads every file and recompiles. */
  reload(): Glossary {
    for (const f of this.allFiles()) f.loaded = undefined;
    this.chains.clear();
    return this.current;
  }

  /** The glossary that applies to a note: its chain of glossary files, composed. */
  forUri(noteUri: string): Glossary {
    let key = this.chainKeys.get(noteUri);
    let files: FileState[] | undefined;
    if (key === undefined) {
      files = this.chainFiles(noteUri);
      key = files.map((f) => f.uri).join('\n');
      this.chainKeys.set(noteUri, key);
    }
    let composed = this.chains.get(key);
    if (!composed) {
      files ??= this.chainFiles(noteUri);
      composed = files.length === 0 ? { glossary: this.empty, shadowed: new Map() } : composeChain(files.map((f) => ({ glossary: this.compiled(f).glossary })));
      this.stats.chains++;
      this.chains.set(key, composed);
      this.composedOf.set(composed.glossary, composed);
    }
    return composed.glossary;
  }

  /** The farther entries that the entry `id` of a composed glossary overrides. */
  shadowedBy(glossary: Glossary, id: string): ShadowedEntry[] {
    return this.composedOf.get(glossary)?.shadowed.get(id) ?? [];
  }

  /** The glossary files of a note's chain, nearest first (URIs). */
  chainUris(noteUri: string): string[] {
    return this.chainFiles(noteUri).map((f) => f.uri);
  }

  /** Every compiled glossary file in use, with its origin (for the panel's groups). */
  loadedFiles(): { uri: string; origin: Origin; folder: string; glossary: Glossary }[] {
    return this.allFiles().map((f) => ({ uri: f.uri, origin: f.origin, folder: f.folder, glossary: this.compiled(f).glossary }));
  }

  private chainFiles(noteUri: string): FileState[] {
    const scoped = chainFor([...this.workspaceFiles, ...this.configuredFiles.filter((f) => f.origin !== 'builtin')], noteUri);
    const builtin = this.configuredFiles.find((f) => f.origin === 'builtin');
    // A workspace glossary may turn the built-in glossary off for its folder.
    if (builtin && this.useBuiltin && !scoped.some((f) => this.compiled(f).builtinOff)) scoped.push(builtin);
    return scoped;
  }

  private newFile(path: string, origin: Origin, folder: string): FileState {
    return { path, uri: URI.file(path).toString(), origin, folder, problems: [] };
  }

  private allFiles(): FileState[] {
    return [...this.workspaceFiles, ...this.configuredFiles];
  }

  /** The set of files changed: the URI map, and every chain, are made again. */
  private filesChanged(): void {
    this.byUri.clear();
    for (const f of this.allFiles()) this.byUri.set(f.uri, f);
    for (const uri of this.overlays.keys()) if (!this.byUri.has(uri)) this.overlays.delete(uri);
    this.chainKeys.clear();
    this.chains.clear();
  }

  /** One file changed: it and the chains it is in are made again, the others are kept. */
  private invalidate(f: FileState): void {
    const hadBuiltinOff = f.loaded?.builtinOff;
    f.loaded = undefined;
    for (const key of [...this.chains.keys()]) if (key.split('\n').includes(f.uri)) this.chains.delete(key);
    // Turning the built-in glossary on or off changes which files are in the chains.
    if (this.compiled(f).builtinOff !== hadBuiltinOff && hadBuiltinOff !== undefined) {
      this.chainKeys.clear();
      this.chains.clear();
    }
  }

  /** The file compiled (read when needed; the last good text when it breaks). */
  private compiled(f: FileState): LoadedGlossary {
    if (f.loaded) return f.loaded;
    this.stats.files++;
    f.problems = [];
    let text = this.overlays.get(f.uri);
    if (text === undefined) {
      try {
        text = readFileSync(f.path, 'utf8');
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const detail = err.code === 'ENOENT' ? t(this.locale, 'glossary.no-such-file', {}) : err.message;
        f.problems.push({
          uri: f.uri, severity: 'error', code: 'glossary.unreadable',
          message: t(this.locale, 'glossary.unreadable', { path: f.path, detail }), start: 0, end: 0,
        });
        f.text = undefined;
        f.loaded = f.lastGood !== undefined ? this.compile(f, f.lastGood) : { glossary: this.empty, builtinOff: false };
        return f.loaded;
      }
    }
    f.text = text;
    let loaded = this.compile(f, text);
    const fatal = loaded.glossary.problems.filter((p) => isFatalProblem(p.code));
    if (fatal.length > 0) {
      // A file that does not parse at all keeps its last good version in service.
      f.problems.push(...fatal);
      if (f.lastGood !== undefined) loaded = this.compile(f, f.lastGood);
    } else {
      f.problems.push(...loaded.glossary.problems);
      f.lastGood = text;
    }
    f.loaded = loaded;
    return loaded;
  }

  private compile(f: FileState, text: string): LoadedGlossary {
    // The lexicon (loaded on first use) flags misspellings that are French words: they would be
    // flagged everywhere in the notes.
    const lexicon = { has: (w: string) => loadLexicon().has(w), get size() { return loadLexicon().size; } };
    return loadGlossaryFile({ uri: f.uri, text, builtin: f.origin === 'builtin' }, { locale: this.locale, lexicon });
  }
}

/** A short name for a glossary file in messages: its folder and name ("reseaux/glossaire.md"). */
export function displayName(uri: string): string {
  const parts = decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '')).split('/').filter(Boolean);
  return parts.slice(-2).join('/');
}
