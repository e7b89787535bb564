/**
 * The language client: starts the server (the factory given by the entry point: Node IPC on a
 * desktop, a web worker in a browser), restarts it cleanly, stops it on deactivate, and
 * re-emits the server's custom notifications as VS Code events. Every other client file talks
 * to the server through this class only.
 */

import * as vscode from 'vscode';
import { BaseLanguageClient, CloseAction, DocumentSelector, ErrorAction, LanguageClientOptions, State } from 'vscode-languageclient';
import type { MessageSignature, RequestType, RequestType0 } from 'vscode-jsonrpc';
import { GlossaireInitializationOptions, GlossaryChangedNotification, OccurrencesChangedNotification } from '../../server/src/shared/protocol';
import { logsConnectionError, RestartPolicy } from './restartPolicy';
import { getCheckedLanguages, getCheckedSchemes } from './settings';
import { registerWorkspaceFiles } from './workspaceFiles';

/** Client id (also the prefix of the `glossaire.trace.server` setting). */
export const CLIENT_ID = 'glossaire';

/** Creates the language client of one server run (the only part that differs on the web). */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

/** The document selector for the checked languages and schemes (see getCheckedSchemes). */
export function getDocumentSelector(languages: readonly string[], schemes: readonly string[]): DocumentSelector {
  return [
    ...languages.flatMap((language) => schemes.map((scheme) => ({ scheme, language }))),
    // JSON course glossaries are read live while they are edited (Markdown ones already are).
    ...schemes.filter((scheme) => scheme !== 'untitled').map((scheme) => ({ scheme, pattern: '**/*.glossaire.json' })),
  ];
}

/** Owns the LanguageClient; a restart creates a fresh one (the selector may have changed). */
export class GlossaireClient implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly listeners = new Map<BaseLanguageClient, vscode.Disposable[]>();
  /** Set until the first diagnostics of a note arrive (start-up time, logged once). */
  private firstDiagnosticsPending = true;

  private readonly glossaryChanged = new vscode.EventEmitter<{ concepts: number; problems: number }>();
  private readonly occurrencesChanged = new vscode.EventEmitter<{ uri?: string }>();
  private readonly running = new vscode.EventEmitter<boolean>();

  /** The server reloaded its glossaries (or the settings that select them changed). */
  readonly onDidChangeGlossary = this.glossaryChanged.event;
  /** The server re-analysed a document (uri) or its workspace index moved (no uri). */
  readonly onDidChangeOccurrences = this.occurrencesChanged.event;
  /** The server started (true) or stopped (false). */
  readonly onDidChangeRunning = this.running.event;

  /**
   * @param factory creates each run's LanguageClient (extension.ts, extensionWeb.ts)
   * @param activatedAt `Date.now()` when activation began (start-up time in the log)
   */
  constructor(
    private readonly factory: ClientFactory,
    private readonly output: vscode.LogOutputChannel,
    private readonly activatedAt = Date.now(),
  ) {
    this.disposables.push(
      this.glossaryChanged, this.occurrencesChanged, this.running,
      // The server is told at start whether the workspace is trusted (it then reads no file
      // that the workspace names); trust granted later needs a new server.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.output.info('The workspace is now trusted: restarting the language server with its settings');
        void this.restart();
      }),
    );
  }

  private readonly crashes = new RestartPolicy();

  /** The server's process id while it runs (desktop only; the in-editor tests kill it to test the restart). */
  get serverPid(): number | undefined {
    if (this.client?.state !== State.Running) return undefined;
    const proc = (this.client as { serverProcess?: { pid?: number } }).serverProcess;
    return proc?.pid;
  }

  /** True while the server is running. */
  get isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  /**
   * Starts the server, or waits for it: no-op when it runs, joins a start in progress (ours or
   * the client's own restart after a crash). Resolves once it is running.
   */
  async start(): Promise<void> {
    if (!this.client) {
      this.client = this.createClient();
      this.output.info('Starting the language server');
    }
    await this.client.start();
  }

  private createClient(): BaseLanguageClient {
    const clientOptions: LanguageClientOptions = {
      documentSelector: getDocumentSelector(getCheckedLanguages(), getCheckedSchemes()),
      outputChannel: this.output,
      initializationOptions: { locale: vscode.env.language, trusted: vscode.workspace.isTrusted } satisfies GlossaireInitializationOptions,
      // No `synchronize`: the server pulls its settings (workspace/configuration, section
      // CONFIG_SECTION) and registers the file watchers it needs itself.
      // A crashed server is started again (at most 4 times in 3 minutes; `Glossaire: Restart
      // the Server` starts over after that); the client then reopens the notes, so their
      // diagnostics come back. Connection errors never stop the client (restartPolicy.ts).
      // The output channel says what happened.
      errorHandler: {
        error: (error, _message, count) => {
          if (logsConnectionError(count)) this.output.error(`Language server connection error (${count ?? 1}): ${error?.message ?? String(error)}`);
          return { action: ErrorAction.Continue, handled: true };
        },
        closed: () => {
          const { restart, count } = this.crashes.crashed();
          if (restart) {
            this.output.warn(`The language server stopped unexpectedly (${count} time(s) in 3 minutes); restarting it`);
            return { action: CloseAction.Restart, handled: true };
          }
          const message = vscode.l10n.t('The Glossaire server stopped {0} times in 3 minutes and will not be restarted. Run “Glossaire: Restart the Server” to try again.', count);
          this.output.error(message);
          return { action: CloseAction.DoNotRestart, message };
        },
      },
      middleware: {
        handleDiagnostics: (uri, diagnostics, next) => {
          // A note's, not a glossary file's (the server clears those first).
          if (this.firstDiagnosticsPending && vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
            this.firstDiagnosticsPending = false;
            this.output.info(`First diagnostics ${Date.now() - this.activatedAt} ms after activation (${diagnostics.length} on ${uri.toString(true)})`);
          }
          next(uri, diagnostics);
        },
      },
    };
    const client = this.factory(CLIENT_ID, 'Glossaire', clientOptions);
    this.listeners.set(client, [
      client.onNotification(GlossaryChangedNotification, (p) => this.glossaryChanged.fire(p)),
      client.onNotification(OccurrencesChangedNotification, (p) => this.occurrencesChanged.fire(p ?? {})),
      ...registerWorkspaceFiles(client),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.running.fire(true);
        else if (e.oldState === State.Running) this.running.fire(false);
      }),
    ]);
    return client;
  }

  /** Stops the server (waits at most 2 s for it to exit). The next request starts a new one. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    try {
      if (client.needsStop()) await client.stop(2000);
    } catch (e) {
      this.output.warn(`The language server did not stop cleanly: ${String(e)}`);
    }
    for (const d of this.listeners.get(client) ?? []) d.dispose();
    this.listeners.delete(client);
  }

  /** Stops and starts the server with the current settings. */
  async restart(): Promise<void> {
    this.output.info('Restarting the language server');
    this.crashes.reset();
    await this.stop();
    await this.start();
  }

  /** Sends a custom request once the server runs. */
  sendRequest<R>(type: RequestType0<R, void>): Promise<R>;
  sendRequest<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  async sendRequest(type: MessageSignature, params?: unknown): Promise<unknown> {
    await this.start();
    const client = this.client;
    if (!client) throw new Error('the Glossaire language server is not running');
    return params === undefined
      ? client.sendRequest(type as RequestType0<unknown, void>)
      : client.sendRequest(type as RequestType<unknown, unknown, void>, params);
  }

  /** A protocol WorkspaceEdit (from a custom request) as VS Code's. */
  async asWorkspaceEdit(edit: unknown): Promise<vscode.WorkspaceEdit | undefined> {
    await this.start();
    return this.client?.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<BaseLanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0]);
  }

  /** Stops the server; deactivate() awaits it. */
  async dispose(): Promise<void> {
    await this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
