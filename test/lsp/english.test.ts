/**
 * The bilingual guard through the real server (issue 12): the Node host gives the analysis its
 * English word list, so an acronym's English expansion is not flagged while the same word alone
 * in a French sentence is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { getPackageRoot } from '../../server/src/node/resources';
import { TestClient } from './lspClient';

test('the server does not flag English words in English context, and flags them in French', async () => {
  const glossary = join(getPackageRoot(), 'test', 'eval', 'glossaries', 'reseaux-web-securite.json');
  const client = await TestClient.start({ settings: { glossaries: [glossary], useBuiltinGlossary: false, indexWorkspace: false } });
  try {
    await client.waitFor(() => client.notifications.some((n) => n.method === 'glossaire/glossaryChanged'), 30_000, 'glossary loaded');
    const uri = 'file:///anglais.md';
    await client.open(uri, 'Le poste parle FTP (File Transfer Protocol) au serveur.\nLe protocol maison est lent ; le client/serveur aussi.\n');
    // The course's glossary may come after the first publish: wait for its finding.
    const found = await client.waitFor(() => {
      const d = client.diagnostics.get(uri)?.diagnostics;
      return d && d.length > 0 ? d : undefined;
    }, 30_000, 'diagnostics of the note');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, (d.data as { suggestions: string[] }).suggestions[0]]), [[1, 3, 'protocole']]);
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
