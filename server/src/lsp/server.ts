/**
 * Wiring only: creates the shared context, reads the settings, and registers each feature.
 * Every answer is computed by the pure core (service/); features are thin glue.
 */

import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  InitializeParams, InitializeResult, TextDocuments, TextDocumentSyncKind, CodeActionKind,
} from 'vscode-languageserver';
import { AnalysisCache } from './analysisCache';
import { Connection, getLines, ServerContext } from './context';
import { ServerHost } from './host';
import { LiveDocument } from './document';
import { GlossaryStore } from './glossaryStore';
import { CONFIG_SECTION, DEFAULT_SETTINGS, FIX_ALL_KIND, GlossaireInitializationOptions, GlossaireSettings, GlossaryChangedNotification, OccurrencesChangedNotification, ReloadGlossariesRequest } from '../shared/protocol';
import { FINDING_CODES, FindingCode, Severity } from '../service/analyze';
import { Locale, t, toLocale } from '../service/messages';
import { WorkspaceIndex } from './workspaceIndex';
import { publishGlossaryProblems, registerDiagnostics, validate } from '../features/diagnostics';
import { registerHover } from '../features/hover';
import { registerCompletion } from '../features/completion';
import { registerCodeActions } from '../features/codeActions';
import { registerNavigation } from '../features/navigation';
import { registerConcepts } from '../features/concepts';
import { registerStudy } from '../features/study';
import { registerSemanticTokens, SEMANTIC_LEGEND } from '../features/semanticTokens';
import { registerAddToGlossary } from '../features/addToGlossary';
import { NoteDefinition } from '../service/harvested';
import { runSafe, runSafeAsync, runSafeVoid } from './runSafe';
import { sanitizeSettings } from './settings';

/** Pause after a keystroke before a note's definitions are harvested again. */
const HARVEST_DEBOUNCE_MS = 300;

/** What the server may be given besides its connection and host. */
export interface ServerOptions {
  /**
   * Finds the definitions a note writes (service/harvest.ts); without it, or with the setting
   * `glossaire.harvestDefinitions` off, no definition is harvested. `segments`: the note's
   * prose segments, when the index read them already.
   */
  harvester?: (text: string, segments?: readonly number[]) => NoteDefinition[];
}

/**
 * Starts the Glossaire language server on a connection; every file it reads comes through
 * `host` (node/nodeHost.ts or browser/browserHost.ts).
 */
export function startServer(connection: Connection, host: ServerHost, options: ServerOptions = {}): void {
  const harvestNote = options.harvester;
  // Documents are updated in place (see document.ts), and the analysis cache gets each edit
  // as offsets (incremental re-analysis).
  const documents: TextDocuments<LiveDocument> = new TextDocuments({
    create: LiveDocument.create,
    update: (doc, changes, version) => {
      const from = doc.version;
      ctx.cache.recordEdits(doc, from, doc.update(changes, version));
      return doc;
    },
  });
  /** Workspace folders, as URIs (file: on a desktop, any scheme in a browser). */
  let folders: string[] = [];
  let canPullConfig = false;
  let canWatchFiles = false;
  let canReportProgress = false;
  let canChangeFolders = false;
  let initSettings: Partial<GlossaireSettings> = {};

  const store = new GlossaryStore('fr', host);
  const ctx: ServerContext = {
    connection,
    host,
    documents,
    store,
    cache: new AnalysisCache((uri) => store.serviceFor(uri)),
    index: new WorkspaceIndex((uri) => store.serviceFor(uri), host),
    settings: { ...DEFAULT_SETTINGS },
    locale: 'fr',
    glossaryFor: (uri) => store.forUri(uri),
    harvestedDefinition: (uri, term) => {
      const e = store.forUri(uri).entries.find((x) => x.term.toLowerCase() === term.toLowerCase() && store.harvestedPosition(x));
      return e?.definition;
    },
    serviceFor: (uri) => store.serviceFor(uri),
    trusted: true,
    isChecked: (doc) => ctx.settings.languages.includes(doc.languageId) && !store.isGlossaryFile(doc.uri),
    lines: getLines,
    revalidateAll: () => {
      for (const doc of documents.all()) validate(ctx, doc);
      void connection.sendNotification(OccurrencesChangedNotification, {});
    },
  };

  // The glossaries are read before the answer: the client opens documents only after it.
  // A lexicon that arrives after the glossary (the browser's): compile and analyse again with
  // it. Before `initialized` nothing may be sent: the publish that follows it will use it.
  let initialized = false;
  host.onLexiconLoaded?.(() => runSafeVoid(connection, 'lexiconLoaded', () => {
    store.recompile();
    ctx.cache.clear();
    if (initialized) glossaryChanged();
  }));

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    host.initialize?.(params);
    const raw = params.initializationOptions;
    const opts = (raw !== null && typeof raw === 'object' ? raw : {}) as GlossaireInitializationOptions;
    ctx.locale = toLocale(typeof opts.locale === 'string' ? opts.locale : params.locale);
    // Anything but an explicit false is trusted: editors without restricted mode send nothing.
    ctx.trusted = opts.trusted !== false;
    initSettings = opts.settings !== null && typeof opts.settings === 'object' ? opts.settings : {};
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canReportProgress = !!params.capabilities.window?.workDoneProgress;
    canChangeFolders = !!params.capabilities.workspace?.workspaceFolders;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    await applySettings(sanitizeSettings({ ...DEFAULT_SETTINGS, ...initSettings }));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: canChangeFolders } },
      },
      serverInfo: { name: 'glossaire', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    initialized = true;
    host.initialized?.();
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION });
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/*.json' }],
      });
    }
    // Multi-root: a folder added or removed brings or takes its glossaries and notes.
    if (canChangeFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => runSafeAsync(connection, 'didChangeWorkspaceFolders', () => {
      const removed = new Set(e.removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
      return discoverGlossaries().then(() => {
        glossaryChanged();
        return reindex();
      });
    }));
    // A host whose client answers only from now on (the browser) found no file during
    // initialize: the workspace's glossaries are looked for again.
    if (host.initialized) discoveredWith = undefined;
    runSafeAsync(connection, 'initialized', () => refreshSettings().then(() => reindex()));
  });

  async function applySettings(s: GlossaireSettings): Promise<void> {
    ctx.settings = s;
    ctx.cache.settings = {
      ignoreWords: s.ignoreWords,
      severities: Object.fromEntries(
        Object.entries(s.severity ?? {}).filter(([k]) => (FINDING_CODES as string[]).includes(k) || (FINDING_CODES as string[]).includes(`glossaire.${k}`))
          .map(([k, v]) => [k.startsWith('glossaire.') ? k : `glossaire.${k}`, v]),
      ) as Partial<Record<FindingCode, Severity | 'off'>>,
    };
    ctx.cache.clear();
    // Untrusted: the glossaries named by the settings (workspace settings can name any file)
    // are not read; the built-in glossary needs no trust.
    await store.configure(s.useBuiltinGlossary, ctx.trusted ? s.glossaries : [], folders, ctx.locale);
    store.setHarvester(s.harvestDefinitions && ctx.trusted ? harvestNote : undefined);
    // The walk is made once, and again when discovery is turned on or off.
    if (discoveredWith !== workspaceGlossariesOn()) await discoverGlossaries();
  }

  /**
   * Definitions typed in an open note join its course's glossary within one debounce: the
   * note is harvested again after a pause, and, when its definitions changed, every open
   * note is checked again with the new chain.
   */
  const harvestTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function harvestSoon(doc: LiveDocument): void {
    if (!store.harvesting || !ctx.isChecked(doc)) return;
    clearTimeout(harvestTimers.get(doc.uri));
    harvestTimers.set(doc.uri, setTimeout(() => runSafeVoid(connection, 'harvest', () => {
      harvestTimers.delete(doc.uri);
      if (documents.get(doc.uri) === doc && store.setNoteText(doc.uri, doc.getText())) glossaryChanged();
    }), HARVEST_DEBOUNCE_MS));
  }
  documents.onDidOpen((e) => harvestSoon(e.document));
  documents.onDidChangeContent((e) => harvestSoon(e.document));
  // The index reads every note: each is harvested on the way.
  ctx.index.onText = (uri, text, segments) => {
    if (store.setNoteText(uri, text, segments)) harvestChanged = true;
  };
  ctx.index.textsFirst = () => store.harvesting;
  ctx.index.courseOf = (uri) => store.courseFolder(uri);
  let harvestChanged = false;

  /** Finds the workspace's glossary files (none when discovery is off). */
  let discoveredWith: boolean | undefined;
  async function discoverGlossaries(): Promise<void> {
    discoveredWith = workspaceGlossariesOn();
    await store.discover(folders, discoveredWith);
  }

  /** Workspace glossaries are read when the setting says so, and never in an untrusted workspace. */
  function workspaceGlossariesOn(): boolean {
    return ctx.settings.workspaceGlossaries && ctx.trusted;
  }

  async function refreshSettings(): Promise<void> {
    let s: GlossaireSettings = { ...DEFAULT_SETTINGS, ...initSettings };
    if (canPullConfig) {
      try {
        const got = (await connection.workspace.getConfiguration(CONFIG_SECTION)) as Partial<GlossaireSettings> | null;
        if (got) s = { ...s, ...Object.fromEntries(Object.entries(got).filter(([, v]) => v !== undefined && v !== null)) };
      } catch (e) {
        connection.console.warn(`configuration: ${(e as Error).message}`);
      }
    }
    await applySettings(sanitizeSettings(s));
    glossaryChanged();
  }

  function glossaryChanged(): void {
    publishGlossaryProblems(ctx);
    ctx.revalidateAll();
    void connection.sendNotification(GlossaryChangedNotification, { concepts: store.current.entries.length, problems: store.problems.length });
  }

  async function reindex(): Promise<void> {
    if (!ctx.settings.indexWorkspace || folders.length === 0) return;
    let progress: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
    if (canReportProgress) {
      try {
        progress = await connection.window.createWorkDoneProgress();
        progress.begin(t(ctx.locale, 'progress.indexing'), 0);
      } catch {
        progress = undefined;
      }
    }
    harvestChanged = false;
    // Files the walk left out are told in the log (at most 20 a run: a folder of broken links
    // must not flood it).
    let told = 0;
    const onProblem = (describe: (locale: Locale) => string) => {
      if (told++ < 20) connection.console.warn(describe(ctx.locale));
      else if (told === 21) connection.console.warn(t(ctx.locale, 'index.more-problems'));
    };
    await ctx.index.rebuild(folders, (done, total) => progress?.report(total ? Math.round((100 * done) / total) : 100, `${done}/${total}`), onProblem);
    progress?.done();
    if (harvestChanged) {
      // Terms defined in the notes: the open notes are checked with them (the index read the
      // definitions of every note of a course before indexing it: see WorkspaceIndex.textsFirst).
      harvestChanged = false;
      glossaryChanged();
    }
    void connection.sendNotification(OccurrencesChangedNotification, {});
  }

  connection.onDidChangeConfiguration(() => runSafeAsync(connection, 'didChangeConfiguration', () => refreshSettings().then(() => reindex())));

  connection.onDidChangeWatchedFiles((params) => runSafeVoid(connection, 'didChangeWatchedFiles', () => {
    const glossaryEvents: Promise<boolean>[] = [];
    const updates: Promise<void>[] = [];
    for (const change of params.changes) {
      if (workspaceGlossariesOn() && store.isWorkspaceGlossaryUri(change.uri)) {
        // Created, changed or deleted: only the chains the file is in are made again.
        if (change.type === FileChangeType.Deleted) glossaryEvents.push(Promise.resolve(store.removeWorkspaceFile(change.uri)));
        else if (!store.isGlossaryFile(change.uri)) {
          // Created (or first heard of as changed: an editor may report a new file so).
          glossaryEvents.push(store.addWorkspaceFile(change.uri).then((added) => {
            // Open in the editor already (an add-to-glossary edit): its live text counts.
            const open = documents.get(change.uri);
            if (added && open) store.setOverlay(change.uri, open.getText());
            return added;
          }));
        } else if (!documents.get(change.uri)) glossaryEvents.push(store.fileChanged(change.uri));
        continue;
      }
      if (store.isGlossaryFile(change.uri)) {
        if (!documents.get(change.uri)) glossaryEvents.push(store.fileChanged(change.uri));
        continue;
      }
      // A deleted folder takes its glossaries with it.
      if (change.type === FileChangeType.Deleted && store.removeWorkspaceFile(change.uri)) glossaryEvents.push(Promise.resolve(true));
      if (!/\.(md|markdown)$/i.test(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        ctx.index.deleteFile(change.uri);
        if (store.removeNote(change.uri)) glossaryEvents.push(Promise.resolve(true));
      }
      else if (!documents.get(change.uri)) updates.push(ctx.index.updateFile(change.uri));
    }
    runSafeAsync(connection, 'didChangeWatchedFiles', () => Promise.all(glossaryEvents).then(async (touched) => {
      if (touched.some(Boolean)) {
        glossaryChanged();
        await reindex();
        return;
      }
      await Promise.all(updates);
      // A note on disk changed its definitions: its course's notes are checked again.
      if (harvestChanged) {
        harvestChanged = false;
        glossaryChanged();
      } else await connection.sendNotification(OccurrencesChangedNotification, {});
    }));
  }));

  /** Re-reads the glossaries, then republishes and reindexes with them. */
  async function reloadGlossaries(): Promise<void> {
    await discoverGlossaries();
    await store.reload();
    ctx.cache.clear();
    glossaryChanged();
    runSafeAsync(connection, 'reindex', reindex);
  }

  connection.onRequest(ReloadGlossariesRequest, async (token) => {
    try {
      await reloadGlossaries();
    } catch (e) {
      connection.console.error(`reloadGlossaries: ${(e as Error)?.stack ?? String(e)}`);
    }
    return runSafe(connection, 'reloadGlossaries', token, { concepts: 0, problems: 0 }, () =>
      ({ concepts: store.current.entries.length, problems: store.problems.length }));
  });

  registerDiagnostics(ctx);
  registerHover(ctx);
  registerCompletion(ctx);
  registerCodeActions(ctx);
  registerNavigation(ctx);
  registerConcepts(ctx);
  registerStudy(ctx);
  registerSemanticTokens(ctx);
  registerAddToGlossary(ctx);

  documents.listen(connection);
  connection.listen();
}
