/**
 * A real JSON-RPC LSP client for the tests: spawns `node dist/server.js --stdio` and speaks
 * to it through vscode-languageserver-protocol, as an editor would.
 */

import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection, Diagnostic, InitializeParams, ProtocolConnection, PublishDiagnosticsParams,
  StreamMessageReader, StreamMessageWriter, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

/** Path of the built server. */
export const SERVER = join(__dirname, '..', '..', '..', 'dist', 'server.js');

/** A protocol connection over a spawned server's stdio (not listening yet). */
export function connectTo(proc: ChildProcess): ProtocolConnection {
  const reader = new StreamMessageReader(proc.stdout!);
  // A server a test kills while it writes leaves half a message: the reader would then re-arm
  // a 10 s "partial message" timer forever and keep the test file's process alive.
  reader.partialMessageTimeout = 0;
  return createProtocolConnection(reader, new StreamMessageWriter(proc.stdin!));
}

/** Options of `TestClient.start`. */
export interface StartOptions {
  workspaceFolders?: string[];
  initializationOptions?: unknown;
  /** Answers workspace/configuration (section "glossaire"). */
  settings?: Record<string, unknown>;
  locale?: string;
}

/** A test LSP client over stdio. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  private listeners: (() => void)[] = [];
  stderr = '';

  private constructor(readonly proc: ChildProcess, readonly connection: ProtocolConnection) {}

  /** Spawns the server and initialises it. */
  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = connectTo(proc);
    const client = new TestClient(proc, connection);
    proc.stderr!.on('data', (d) => (client.stderr += String(d)));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p);
      client.fire();
    });
    for (const method of ['window/logMessage', 'glossaire/glossaryChanged', 'glossaire/occurrencesChanged', '$/progress']) {
      connection.onNotification(method, (params: unknown) => {
        client.notifications.push({ method, params });
        if (method === 'window/logMessage') client.logs.push((params as { message: string }).message);
        client.fire();
      });
    }
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => opts.settings ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const folders = opts.workspaceFolders ?? [];
    const init: InitializeParams = {
      processId: process.pid,
      rootUri: null,
      locale: opts.locale ?? 'fr',
      workspaceFolders: folders.map((f) => ({ uri: `file://${f}`, name: f })),
      initializationOptions: opts.initializationOptions,
      capabilities: {
        workspace: { configuration: !!opts.settings, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
      },
    };
    const result = await connection.sendRequest('initialize', init);
    (client as { initializeResult?: unknown }).initializeResult = result;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when `predicate` holds (checked on every message), or rejects after `ms`. */
  waitFor<T>(predicate: () => T | undefined | false, ms = 5000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = predicate();
        if (v) {
          done();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-500)}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
      };
      this.listeners.push(check);
      check();
    });
  }

  /** Waits for the diagnostics of a document version. */
  diagnosticsFor(uri: string, version?: number, ms = 5000): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const d = this.diagnostics.get(uri);
      return d && (version === undefined || d.version === version) ? d.diagnostics : undefined;
    }, ms, `diagnostics of ${uri}@${version}`);
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown + exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
