/**
 * The server at the edges of the protocol, over stdio with a raw JSON-RPC connection (no
 * initialize done for us): requests before `initialize` get -32002, requests after `shutdown`
 * get -32600, `exit` after `shutdown` ends the process with 0; notifications whose params have
 * the wrong shape are dropped with a log line and never poison a document or end the process.
 */

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { Hover, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { connectTo, SERVER } from './lspClient';

const built = existsSync(SERVER);

interface Raw {
  proc: ChildProcess;
  connection: ProtocolConnection;
  exited: Promise<number | null>;
  stderr: () => string;
  logs: string[];
  diagnostics: Map<string, PublishDiagnosticsParams>;
}

const started: Raw[] = [];
after(() => {
  for (const r of started) if (r.proc.exitCode === null && r.proc.signalCode === null) r.proc.kill();
});

function spawnRaw(env: NodeJS.ProcessEnv = {}): Raw {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const connection = connectTo(proc);
  const logs: string[] = [];
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const raw = { proc, connection, exited, stderr: () => stderr, logs, diagnostics };
  started.push(raw);
  return raw;
}

async function errorOf(p: Promise<unknown>): Promise<{ code: number; message: string } | 'no error'> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e as { code: number; message: string };
  }
}

const INIT: InitializeParams = { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } }, locale: 'fr' };

/** Resolves when `check` holds (polled), rejects after `ms`. */
async function until<T>(check: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('language server: protocol edges', { skip: !built && 'dist/server.js not built' }, () => {
  test('a request before initialize is answered -32002 (ServerNotInitialized); initialize still works after', async () => {
    const s = spawnRaw();
    const hover = await errorOf(s.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///a.md' }, position: { line: 0, character: 0 } }));
    assert.notEqual(hover, 'no error');
    assert.equal((hover as { code: number }).code, -32002);
    const custom = await errorOf(s.connection.sendRequest('glossaire/concepts', {}));
    assert.equal((custom as { code: number }).code, -32002);
    const result = (await s.connection.sendRequest('initialize', INIT)) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(result.capabilities.hoverProvider, true);
    await s.connection.sendRequest('shutdown');
    await s.connection.sendNotification('exit');
    assert.equal(await s.exited, 0);
  });

  test('after shutdown a request is answered -32600 (InvalidRequest), and exit ends the process with 0', async () => {
    const s = spawnRaw();
    await s.connection.sendRequest('initialize', INIT);
    await s.connection.sendNotification('initialized', {});
    await s.connection.sendRequest('shutdown');
    const hover = await errorOf(s.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///a.md' }, position: { line: 0, character: 0 } }));
    assert.equal((hover as { code: number }).code, -32600);
    await s.connection.sendNotification('exit');
    const code = await Promise.race([s.exited, new Promise<string>((r) => setTimeout(() => r('still running after 5 s'), 5000))]);
    assert.equal(code, 0, s.stderr());
  });

  test('exit honoured even when the code cache folder is under /proc (mkdir -p used to loop there)', async () => {
    const s = spawnRaw({ GLOSSAIRE_CODE_CACHE: '/proc/self/glossaire-cache' });
    await s.connection.sendRequest('initialize', INIT);
    await s.connection.sendNotification('initialized', {});
    await s.connection.sendRequest('shutdown');
    await s.connection.sendNotification('exit');
    const code = await Promise.race([s.exited, new Promise<string>((r) => setTimeout(() => r('still running after 5 s'), 5000))]);
    assert.equal(code, 0, s.stderr());
  });

  test('didOpen/didChange with a text that is not a string are dropped and logged; the process survives a configuration change', async () => {
    const s = spawnRaw();
    await s.connection.sendRequest('initialize', INIT);
    await s.connection.sendNotification('initialized', {});
    const uri = 'file:///poison.md';
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 42 } });
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///n.md', languageId: 'markdown', version: 'un', text: 'x' } });
    // A valid open, then changes of every wrong shape.
    const good = 'file:///bon.md';
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: good, languageId: 'markdown', version: 1, text: "L'infogerance du SI.\n" } });
    for (const contentChanges of [[{ text: 7 }], [{ range: { start: { line: 'a' }, end: null }, text: 'x' }], 'pas une liste', [null]]) {
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: good, version: 2 }, contentChanges });
    }
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: good }, contentChanges: [{ text: 'x' }] });
    // This made refreshSettings → revalidateAll reject with the poisoned document, and the process exit.
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(s.proc.exitCode, null, `the server exited: ${s.stderr().slice(-1500)}`);
    assert.ok(s.logs.some((l) => /didOpen/.test(l)), `no log line about the dropped didOpen: ${s.logs.join('\n')}`);
    // The valid document is intact: its one finding is still where it was, and hover answers.
    const d = await until(() => s.diagnostics.get(good), 3000, 'diagnostics');
    assert.deepEqual(d.diagnostics.map((x) => x.range.start), [{ line: 0, character: 2 }]);
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: good }, position: { line: 0, character: 5 } })) as Hover | null;
    assert.ok(hover);
    assert.equal((await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } })), null);
    await s.connection.sendRequest('shutdown');
    await s.connection.sendNotification('exit');
    assert.equal(await s.exited, 0);
  });
});
