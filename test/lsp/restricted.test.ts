/**
 * Restricted mode: a workspace the user has not trusted must not make the server read files
 * that its settings name (a cloned repository's .vscode/settings.json can point
 * `glossaire.glossaries` at any file of the machine). The client says whether the workspace is
 * trusted in the initialization options (`trusted`); other editors, which have no such notion,
 * leave it out and keep every setting.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { SERVER, TestClient } from './lspClient';
import type { ConceptsResult } from '../../server/src/shared/protocol';
import { glossaryJson } from '../unit/helpers';

const built = existsSync(SERVER);

describe('language server: restricted mode', { skip: !built && 'dist/server.js not built' }, () => {
  let ws: string;
  let outside: string;
  const clients: TestClient[] = [];
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-restricted-'));
    outside = mkdtempSync(join(tmpdir(), 'glossaire-outside-'));
    const entry = (term: string) => ({ id: term, term, category: 'c', definition: `La définition de ${term}.` });
    writeFileSync(join(ws, 'cours.glossaire.json'), glossaryJson([entry('zorglubation')]));
    writeFileSync(join(outside, 'secret.json'), glossaryJson([entry('bidulotron')]));
  });
  after(async () => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  async function terms(trusted: boolean | undefined): Promise<{ terms: string[]; files: string[]; hover: Hover | null }> {
    const settings = { glossaries: ['cours.glossaire.json', join(outside, 'secret.json')], indexWorkspace: false };
    const client = await TestClient.start({
      workspaceFolders: [ws],
      settings,
      initializationOptions: { locale: 'fr', ...(trusted === undefined ? {} : { trusted }) },
    });
    clients.push(client);
    await client.waitFor(() => client.notifications.some((n) => n.method === 'glossaire/glossaryChanged'), 10_000, 'glossaryChanged');
    const result = await client.request<ConceptsResult>('glossaire/concepts', {});
    const uri = 'file:///note.md';
    await client.open(uri, 'La zorglubation du bidulotron.\n');
    await client.diagnosticsFor(uri, 1, 10_000);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
    assert.equal(await client.stop(), 0);
    return { terms: result.concepts.map((c) => c.term), files: result.glossaryFiles, hover };
  }

  test('untrusted: glossaries named by the settings are not read (relative or absolute); the built-in one serves', async () => {
    const r = await terms(false);
    assert.ok(!r.terms.includes('zorglubation'), 'the workspace glossary was read');
    assert.ok(!r.terms.includes('bidulotron'), 'a file outside the workspace was read');
    assert.ok(r.terms.includes('infogérance'), 'the built-in glossary is missing');
    assert.ok(!r.files.some((f) => /cours\.glossaire|secret/.test(f)), r.files.join(', '));
    assert.equal(r.hover, null);
  });

  test('trusted (or no word on trust, as from other editors): the same settings are honoured', async () => {
    for (const trusted of [true, undefined]) {
      const r = await terms(trusted);
      assert.ok(r.terms.includes('zorglubation') && r.terms.includes('bidulotron'), `${trusted}: ${r.terms.slice(-3).join(', ')}`);
      assert.match((r.hover?.contents as { value: string }).value, /zorglubation/);
    }
  });
});
