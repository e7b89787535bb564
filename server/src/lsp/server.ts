/**
 * Wiring only: creates the shared context, reads the settings, and registers each feature.
 * Every answer is computed by the pure core (service/); features are thin glue.
 */

import {
  Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  InitializeParams, InitializeResult, TextDocuments, TextDocumentSyncKind, CodeActionKind,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { AnalysisCache } from './analysisCache';
import { getLines, ServerContext } from './context';
import { LiveDocument } from './document';
import { GlossaryStore } from './glossaryStore';
import { CONFIG_SECTION, DEFAULT_SETTINGS, GlossaireSettings, GlossaryChangedNotification, OccurrencesChangedNotification, ReloadGlossariesRequest } from '../shared/protocol';
import { FINDING_CODES, FindingCode, Severity } from '../service/analyze';
import { toLocale } from '../service/messages';
import { WorkspaceIndex } from './workspaceIndex';
import { publishGlossaryProblems, registerDiagnostics, validate } from '../features/diagnostics';
import { registerHover } from '../features/hover';
import { registerCompletion } from '../features/completion';
import { FIX_ALL_KIND, registerCodeActions } from '../features/codeActions';
import { registerNavigation } from '../features/navigation';
import { registerConcepts } from '../features/concepts';
import { registerSemanticTokens, SEMANTIC_LEGEND } from '../features/semanticTokens';
import { runSafe, runSafeAsync, runSafeVoid } from './runSafe';
import { sanitizeSettings } from './settings';

/** Starts the Glossaire language server on a connection. */
export function startServer(connection: Connection): void {
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
  let folders: string[] = [];
  let canPullConfig = false;
  let canWatchFiles = false;
  let canReportProgress = false;
  let initSettings: Partial<GlossaireSettings> = {};

  const store = new GlossaryStore('fr');
  const ctx: ServerContext = {
    connection,
    documents,
    store,
    cache: new AnalysisCache(() => store.current),
    index: new WorkspaceIndex(() => store.current),
    settings: { ...DEFAULT_SETTINGS },
    locale: 'fr',
    isChecked: (doc) => ctx.settings.languages.includes(doc.languageId) && !store.isGlossaryFile(doc.uri),
    lines: getLines,
    revalidateAll: () => {
      for (const doc of documents.all()) validate(ctx, doc);
      void connection.sendNotification(OccurrencesChangedNotification, {});
    },
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as { locale?: string; settings?: Partial<GlossaireSettings> };
    ctx.locale = toLocale(opts.locale ?? params.locale);
    initSettings = opts.settings ?? {};
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canReportProgress = !!params.capabilities.window?.workDoneProgress;
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    applySettings(sanitizeSettings({ ...DEFAULT_SETTINGS, ...initSettings }));
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
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION });
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/*.json' }],
      });
    }
    runSafeAsync(connection, 'initialized', () => refreshSettings().then(() => reindex()));
  });

  function applySettings(s: GlossaireSettings): void {
    ctx.settings = s;
    ctx.cache.settings = {
      ignoreWords: s.ignoreWords,
      severities: Object.fromEntries(
        Object.entries(s.severity ?? {}).filter(([k]) => (FINDING_CODES as string[]).includes(k) || (FINDING_CODES as string[]).includes(`glossaire.${k}`))
          .map(([k, v]) => [k.startsWith('glossaire.') ? k : `glossaire.${k}`, v]),
      ) as Partial<Record<FindingCode, Severity | 'off'>>,
    };
    ctx.cache.clear();
    store.configure(s.useBuiltinGlossary, s.glossaries, folders, ctx.locale);
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
    applySettings(sanitizeSettings(s));
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
        progress.begin(ctx.locale === 'fr' ? 'Glossaire : indexation des notes' : 'Glossaire: indexing notes', 0);
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
    for (const change of params.changes) {
      if (store.isGlossaryFile(change.uri)) {
        glossaryTouched = true;
        continue;
      }
      const path = URI.parse(change.uri).fsPath;
      if (!/\.(md|markdown)$/i.test(path)) continue;
      if (change.type === FileChangeType.Deleted) ctx.index.deleteFile(change.uri);
      else if (!documents.get(change.uri)) ctx.index.updateFile(path);
    }
    if (glossaryTouched) {
      store.reload();
      ctx.cache.clear();
      glossaryChanged();
      runSafeAsync(connection, 'reindex', reindex);
    } else void connection.sendNotification(OccurrencesChangedNotification, {});
  }));

  connection.onRequest(ReloadGlossariesRequest, (token) =>
    runSafe(connection, 'reloadGlossaries', token, { concepts: 0, problems: 0 }, () => {
      store.reload();
      ctx.cache.clear();
      glossaryChanged();
      runSafeAsync(connection, 'reindex', reindex);
      return { concepts: store.current.entries.length, problems: store.problems.length };
    }),
  );

  registerDiagnostics(ctx);
  registerHover(ctx);
  registerCompletion(ctx);
  registerCodeActions(ctx);
  registerNavigation(ctx);
  registerConcepts(ctx);
  registerSemanticTokens(ctx);

  documents.listen(connection);
  connection.listen();
}
