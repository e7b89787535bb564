/**
 * The glossaries of the workspace: the built-in one, the files of `glossaire.glossaries`, and
 * the glossary files found in the workspace (`glossaire.md`, `*.glossaire.md`,
 * `*.glossaire.json`), each of which applies to the notes of its folder and below. Every file
 * is compiled on its own (and keeps serving its last good version when it breaks); a note
 * gets the composition of the chain of files that apply to it, nearest first (scope.ts),
 * made once per distinct chain and cached. Editing a file recompiles that file and the chains
 * it is in, nothing else. A chain is composed when a note of its folder first needs it (an open
 * note does not wait for the other courses). Each file's reads and compiles: glossaryFiles.ts;
 * the definitions harvested from the notes: harvestedDefinitions.ts.
 */

import { URI, Utils } from 'vscode-uri';
import { compileGlossary, Glossary, GlossaryEntry, GlossaryProblem } from '../service/glossary';
import { LoadedGlossary } from '../service/glossaryFile';
import { appliesTo, chainFor, composeChain, ComposedGlossary, extendChain, folderOf, isGlossaryUri, ShadowedEntry } from '../service/scope';
import { Locale } from '../service/messages';
import { createGlossaireService, GlossaireService } from '../service/service';
import { courseFolderOf, NoteDefinition } from '../service/harvested';
import { compileFileState, FileState, isPutOff, newFile, Origin, readGlossaryFiles } from './glossaryFiles';
import { HarvestedDefinitions } from './harvestedDefinitions';
import { ServerHost } from './host';
import { WordStore } from '../service/wordTable';

export { displayName } from './glossaryFiles';

/** True for an absolute path ('/x', a backslash one, 'C:\\x', 'C:/x'); node:path is not in the browser. */
function isAbsolutePath(p: string): boolean {
  return /^([a-zA-Z]:[\\/]|[\\/])/.test(p);
}

/** The glob of workspace glossary files (see scope.ts isGlossaryFileName). */
export const GLOSSARY_GLOB = '**/{glossaire.md,*.glossaire.md,*.glossaire.json}';

/** Most glossary files read from a workspace. */
const MAX_GLOSSARY_FILES = 2_000;

/** Holds the compiled glossaries of the current settings and workspace. */
export class GlossaryStore {
  private configuredFiles: FileState[] = [];
  private workspaceFiles: FileState[] = [];
  private readonly byUri = new Map<string, FileState>();
  private readonly overlays = new Map<string, string>();
  private readonly chains = new Map<string, ComposedGlossary & { service: GlossaireService }>();
  /**
   * A note's folder → its chain's key (cleared when the set of files changes). Which files
   * apply, and the course, depend on the folder alone (scope.ts, appliesTo): the notes of a
   * folder share one look-up. '\0' stands for the chain of no note.
   */
  private readonly chainKeys = new Map<string, string>();
  /** A note's folder → its course folder (cleared when the set of files changes). */
  private readonly courseFolders = new Map<string, string>();
  /** Composed glossary → its chain (for hovers that say what a nearer glossary overrides). */
  private readonly composedOf = new WeakMap<Glossary, ComposedGlossary>();
  private folderUris: string[] = [];
  private configured = false;
  private configuredKey = '';
  private useBuiltin = true;
  private readonly empty: Glossary;
  /** The definitions harvested from the notes, by course folder. */
  /** The distinct words of the notes, shared by every chain's service (wordTable.ts). */
  private readonly words = new WordStore();
  private readonly harvested = new HarvestedDefinitions((uri) => this.courseFolder(uri), () => this.locale);
  private generation = 0;
  /** Files compiled and chains composed since the start (for tests and the benchmark). */
  readonly stats = { files: 0, chains: 0 };

  constructor(private locale: Locale, private readonly host: ServerHost) {
    this.empty = compileGlossary([], { locale });
  }

  /** The glossary of a note outside every workspace glossary's folder (built-in + settings). */
  get current(): Glossary {
    return this.forUri('');
  }

  /** The core bound to `current`. */
  get service(): GlossaireService {
    return this.serviceFor('');
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

  /**
   * Sets which files to read: the built-in one and extra paths (absolute, or relative to the
   * first workspace folder, a URI), then reads the new ones.
   */
  async configure(useBuiltin: boolean, extra: string[], folders: string[], locale: Locale): Promise<void> {
    const uris: string[] = [];
    if (useBuiltin) uris.push(this.host.builtinGlossaryUri);
    for (const p of extra) {
      if (isAbsolutePath(p)) uris.push(URI.file(p).toString());
      else if (folders.length > 0) uris.push(Utils.joinPath(URI.parse(folders[0]), p).toString());
      else uris.push(URI.file(p).toString());
    }
    const unique = [...new Set(uris)];
    const key = `${locale}\n${useBuiltin}\n${unique.join('\n')}`;
    // Same files, same language: initialize and initialized often configure alike; one compile is
    // enough — unless a read was only put off (EAGAIN: the browser's client was not ready yet).
    const retry = this.allFiles().some((f) => isPutOff(f.read));
    if (!retry && this.configured && key === this.configuredKey) return;
    const localeChanged = this.locale !== locale;
    this.configured = true;
    this.configuredKey = key;
    this.locale = locale;
    this.useBuiltin = useBuiltin;
    const builtin = this.host.builtinGlossaryUri;
    const old = new Map(this.configuredFiles.map((f) => [f.uri, f]));
    this.configuredFiles = unique.map((uri) => old.get(uri) ?? newFile(uri, uri === builtin ? 'builtin' : 'setting', ''));
    if (localeChanged) for (const f of this.allFiles()) f.loaded = undefined;
    this.filesChanged();
    await this.readUnread();
  }

  /**
   * Finds the glossary files of the workspace folders (URIs; none when `discover` is false)
   * and reads the new ones. A glossary opened in the editor inside these folders joins at once.
   */
  async discover(folders: string[], discover: boolean): Promise<void> {
    this.folderUris = discover ? [...folders] : [];
    const found = discover && folders.length > 0 ? await this.host.findFiles(folders, GLOSSARY_GLOB, MAX_GLOSSARY_FILES) : [];
    this.setWorkspaceFiles(found);
    await this.readUnread();
  }

  private setWorkspaceFiles(uris: string[]): void {
    const old = new Map(this.workspaceFiles.map((f) => [f.uri, f]));
    const sorted = [...new Set(uris)].sort();
    if (sorted.length === this.workspaceFiles.length && sorted.every((u, k) => this.workspaceFiles[k].uri === u)) return;
    this.workspaceFiles = sorted.map((uri) => old.get(uri) ?? newFile(uri, 'workspace', folderOf(uri)));
    this.filesChanged();
  }

  /** True when `uri` may be a workspace glossary (its name, inside a workspace folder). */
  isWorkspaceGlossaryUri(uri: string): boolean {
    return isGlossaryUri(uri) && this.folderUris.some((f) => appliesTo(f, uri));
  }

  /** A workspace glossary file was created: read and added (true when it is new). */
  async addWorkspaceFile(uri: string): Promise<boolean> {
    if (this.byUri.has(uri) || !this.isWorkspaceGlossaryUri(uri)) return false;
    this.setWorkspaceFiles([...this.workspaceFiles.map((f) => f.uri), uri]);
    await this.readUnread();
    return true;
  }

  /** A workspace glossary file, or a folder holding some, was deleted (true when one left). */
  removeWorkspaceFile(uri: string): boolean {
    const gone = this.workspaceFiles.filter((f) => f.uri === uri || appliesTo(uri, f.uri));
    if (gone.length === 0) return false;
    this.setWorkspaceFiles(this.workspaceFiles.filter((x) => !gone.includes(x)).map((x) => x.uri));
    return true;
  }

  /** A glossary file changed on disk: it is read again (true when it is one of ours). */
  async fileChanged(uri: string): Promise<boolean> {
    const f = this.byUri.get(uri);
    if (!f) return false;
    await this.readFiles([f]);
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
    // A glossary file opened before the file watcher told of it (just created): it joins now,
    // with its editor text (its read may fail: it may not be on disk yet).
    if (text !== undefined && !this.byUri.has(uri) && this.isWorkspaceGlossaryUri(uri)) {
      this.setWorkspaceFiles([...this.workspaceFiles.map((f) => f.uri), uri]);
    }
    const f = this.byUri.get(uri);
    if (!f) return false;
    if (text === undefined) this.overlays.delete(uri);
    else if (this.overlays.get(uri) === text) return true;
    else this.overlays.set(uri, text);
    this.invalidate(f);
    return true;
  }

  /** Re-reads every file (but those open in the editor) and recompiles. */
  async reload(): Promise<Glossary> {
    await this.readFiles(this.allFiles());
    for (const f of this.allFiles()) f.loaded = undefined;
    this.chains.clear();
    return this.current;
  }

  /** Reads the files not read yet. */
  private readUnread(): Promise<void> {
    return this.readFiles(this.allFiles().filter((f) => (f.read === undefined || isPutOff(f.read)) && !this.overlays.has(f.uri)));
  }

  /** Reads files (a later read of the same files wins); the files that changed are compiled again. */
  private async readFiles(files: FileState[]): Promise<void> {
    if (files.length === 0) return;
    for (const f of await readGlossaryFiles(this.host, files, ++this.generation)) this.invalidate(f);
  }

  /** Compiles again from the texts already read (the lexicon came late, say). */
  recompile(): void {
    for (const f of this.allFiles()) f.loaded = undefined;
    this.chains.clear();
    this.harvested.clearParts();
  }

  /** The glossary that applies to a note: its chain of glossary files, composed. */
  forUri(noteUri: string): Glossary {
    return this.chainOf(noteUri).glossary;
  }

  /** The core bound to the glossary of a note (one per distinct chain). */
  serviceFor(noteUri: string): GlossaireService {
    return this.chainOf(noteUri).service;
  }

  private chainOf(noteUri: string): ComposedGlossary & { service: GlossaireService } {
    const slot = noteUri ? folderOf(noteUri) : '\0';
    let key = this.chainKeys.get(slot);
    let files: FileState[] | undefined;
    if (key === undefined) {
      files = this.chainFiles(noteUri);
      key = files.map((f) => f.uri).join('\n');
      // The definitions of the note's course come last (a glossary wins a term both define).
      if (this.harvested.on && noteUri) key += `\nharvested:${this.courseFolder(noteUri)}`;
      this.chainKeys.set(slot, key);
    }
    let composed = this.chains.get(key);
    if (!composed) {
      files ??= this.chainFiles(noteUri);
      const h = key.lastIndexOf('\nharvested:');
      const part = h === -1 ? undefined : this.harvested.part(key.slice(h + '\nharvested:'.length));
      if (!part) composed = this.compose(key, files);
      else {
        // The chain of the course's glossary files: the notes with no harvesting read with it,
        // and the course's chain is made from it.
        const baseKey = key.slice(0, h);
        const base = this.chains.get(baseKey) ?? this.compose(baseKey, files);
        if (part.glossary.entries.length === 0) {
          // A course whose notes define nothing reads its notes with its glossary files alone:
          // it shares that chain (and its service's memo of words) with the notes that have no
          // harvesting, until a note of the course defines a term (dropHarvestedChains).
          composed = base;
          this.chains.set(key, composed);
        } else composed = this.compose(key, files, { base, part: part.glossary });
      }
    }
    return composed;
  }

  /**
   * Composes a chain of files (and a course's harvested part, last, on top of the files' own
   * chain `base`), gives it its service, keeps it under `key`.
   */
  private compose(key: string, files: FileState[], harvested?: { base: ComposedGlossary; part: Glossary }): ComposedGlossary & { service: GlossaireService } {
    const parts = files.map((f) => ({ glossary: this.compiled(f).glossary }));
    const c = harvested ? extendChain(harvested.base, parts, { glossary: harvested.part }) : parts.length === 0 ? { glossary: this.empty, shadowed: new Map() } : composeChain(parts);
    const composed = { ...c, service: createGlossaireService({ glossary: c.glossary, lexicon: () => this.host.lexicon(), english: this.host.englishLexicon?.bind(this.host), locale: this.locale, words: this.words }) };
    this.stats.chains++;
    this.chains.set(key, composed);
    this.composedOf.set(composed.glossary, composed);
    return composed;
  }

  /** Harvesting on (with the harvester) or off; every chain is made again. */
  setHarvester(harvester: ((text: string, segments?: readonly number[]) => NoteDefinition[]) | undefined): void {
    if (!this.harvested.setHarvester(harvester)) return;
    this.chainKeys.clear();
    this.chains.clear();
  }

  /** True when harvesting is on. */
  get harvesting(): boolean {
    return this.harvested.on;
  }

  /**
   * Harvests a note's text (read from the workspace or live in the editor); true when its
   * definitions changed, i.e. the chains of its course were made again.
   */
  setNoteText(uri: string, text: string, segments?: readonly number[]): boolean {
    if (this.byUri.has(uri)) return false;
    const change = this.harvested.setNoteText(uri, text, segments);
    if (change?.definitionsChanged) this.dropHarvestedChains(change.folder);
    return change?.definitionsChanged ?? false;
  }

  /** A note was deleted: its definitions leave (true when it had some). */
  removeNote(uri: string): boolean {
    const folder = this.harvested.removeNote(uri);
    if (folder === undefined) return false;
    this.dropHarvestedChains(folder);
    return true;
  }

  /** Where a harvested entry is defined: its note's line and character (undefined for a glossary entry). */
  harvestedPosition(entry: GlossaryEntry): { line: number; character: number } | undefined {
    return this.byUri.has(entry.uri) ? undefined : this.harvested.position(entry);
  }

  /** The course folders that have harvested definitions, with their compiled part (for the panel). */
  harvestedGroups(): { folder: string; glossary: Glossary }[] {
    return this.harvested.groups();
  }

  /** A note's course folder: the notes whose definitions join its chain (harvested.ts, courseFolderOf). */
  courseFolder(noteUri: string): string {
    const folder = folderOf(noteUri);
    let course = this.courseFolders.get(folder);
    if (course === undefined) {
      course = courseFolderOf(noteUri, this.workspaceFiles.map((f) => f.folder));
      this.courseFolders.set(folder, course);
    }
    return course;
  }

  /** The chains that end with a course folder's harvested part. */
  private dropHarvestedChains(folder: string): void {
    const tail = `\nharvested:${folder}`;
    for (const key of [...this.chains.keys()]) if (key.endsWith(tail)) this.chains.delete(key);
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

  private allFiles(): FileState[] {
    return [...this.workspaceFiles, ...this.configuredFiles];
  }

  /** The set of files changed: the URI map, and every chain, are made again. */
  private filesChanged(): void {
    this.byUri.clear();
    for (const f of this.allFiles()) this.byUri.set(f.uri, f);
    for (const uri of this.overlays.keys()) if (!this.byUri.has(uri)) this.overlays.delete(uri);
    this.chainKeys.clear();
    this.courseFolders.clear();
    this.chains.clear();
    this.harvested.clearParts();
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

  /** The file compiled (the last good text when it breaks). */
  private compiled(f: FileState): LoadedGlossary {
    if (f.loaded) return f.loaded;
    this.stats.files++;
    return compileFileState(f, this.overlays.get(f.uri), { locale: this.locale, host: this.host, empty: this.empty });
  }
}
