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
import { t, toLocale } from '../service/messages';
import { WorkspaceIndex } from './workspaceIndex';
import { publishGlossaryProblems, registerDiagnostics, validate } from '../features/diagnostics';
import { registerHover } from '../features/hover';
import { registerCompletion } from '../features/completion';
import { registerCodeActions } from '../features/codeActions';
import { registerNavigation } from '../features/navigation';
import { registerConcepts } from '../features/concepts';
import { registerStudy } from '../features/study';
import { registerSemanticTokens, SEMANTIC_LEGEND } from '../features/semanticTokens';
import { runSafe, runSafeAsync, runSafeVoid } from './runSafe';
import { sanitizeSettings } from './settings';

/**
 * Starts the Glossaire language server on a connection; every file it reads comes through
 * `host` (node/nodeHost.ts or browser/browserHost.ts).
 */
export function startServer(connection: Connection, host: ServerHost): void {
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
  let initSettings: Partial<GlossaireSettings> = {};

  const store = new GlossaryStore('fr', host);
  const ctx: ServerContext = {
    connection,
    host,
    documents,
    store,
    cache: new AnalysisCache(() => store.service),
    index: new WorkspaceIndex(() => store.service, host),
    settings: { ...DEFAULT_SETTINGS },
    locale: 'fr',
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
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    await applySettings(sanitizeSettings({ ...DEFAULT_SETTINGS, ...initSettings }));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        workspace: { workspaceFolders: { supported: true } },
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
    await ctx.index.rebuild(folders, (done, total) => progress?.report(total ? Math.round((100 * done) / total) : 100, `${done}/${total}`));
    progress?.done();
    void connection.sendNotification(OccurrencesChangedNotification, {});
  }

  connection.onDidChangeConfiguration(() => runSafeAsync(connection, 'didChangeConfiguration', () => refreshSettings().then(() => reindex())));

  connection.onDidChangeWatchedFiles((params) => runSafeVoid(connection, 'didChangeWatchedFiles', () => {
    let glossaryTouched = false;
    const updates: Promise<void>[] = [];
    for (const change of params.changes) {
      if (store.isGlossaryFile(change.uri)) {
        glossaryTouched = true;
        continue;
      }
      if (!/\.(md|markdown)$/i.test(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) ctx.index.deleteFile(change.uri);
      else if (!documents.get(change.uri)) updates.push(ctx.index.updateFile(change.uri));
    }
    if (glossaryTouched) runSafeAsync(connection, 'reloadGlossaries', reloadGlossaries);
    else runSafeAsync(connection, 'didChangeWatchedFiles', () => Promise.all(updates).then(() => connection.sendNotification(OccurrencesChangedNotification, {})));
  }));

  /** Re-reads the glossaries, then republishes and reindexes with them. */
  async function reloadGlossaries(): Promise<void> {
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

  documents.listen(connection);
  connection.listen();
}
