/**
 * The server opening a workspace folder with a `*.md` symbolic link to /dev/zero, a FIFO named
 * `p.md` and symbolic link loops (issue 13, item 1): it grew to gigabytes or hung forever just
 * by indexing the folder. Now the index ends, counts the real notes, and the server answers.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { SERVER, TestClient } from './lspClient';

describe('language server on a hostile workspace folder', { skip: (!existsSync(SERVER) && 'dist/server.js not built') || (process.platform === 'win32' && 'no FIFO') }, () => {
  let client: TestClient;
  let ws: string;

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-hostile-'));
    mkdirSync(join(ws, 'cours'));
    writeFileSync(join(ws, 'a.md'), 'Une note sur l’infogérance.\n');
    writeFileSync(join(ws, 'cours', 'b.md'), 'Encore de l’infogérance, et l’infogérance.\n');
    symlinkSync('/dev/zero', join(ws, 'evil.md'));
    execFileSync('mkfifo', [join(ws, 'p.md')]);
    symlinkSync('..', join(ws, 'cours', 'parent'));
    symlinkSync('boucle.md', join(ws, 'boucle.md'));
  });

  after(() => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('indexes the real notes and keeps answering', async () => {
    client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
    await client.waitFor(() => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'), 15000, 'the end of indexing');
    const refs = await client.request<Location[]>('glossaire/conceptReferences', { id: 'infogerance' });
    assert.deepEqual(refs.map((r) => r.uri.slice(r.uri.lastIndexOf('/') + 1)).sort(), ['a.md', 'b.md', 'b.md']);
    // What was left out is told in the server's log, located, in the server's language.
    const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    for (const name of ['evil.md', 'p.md', 'boucle.md']) assert.ok(logged.some((m) => m.includes(name)), `${name} in:\n${logged.join('\n')}`);
    // A file event on the FIFO (as a watcher would send) does not block the server either.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${join(ws, 'p.md')}`, type: 2 }, { uri: `file://${join(ws, 'evil.md')}`, type: 2 }] });
    const uri = 'file:///hostile/note.md';
    await client.open(uri, 'Avec l’inforgérance.\n');
    const diags = await client.diagnosticsFor(uri, 1, 10000);
    assert.equal(diags.length, 1);
    assert.equal(client.proc.exitCode, null);
  });
});
