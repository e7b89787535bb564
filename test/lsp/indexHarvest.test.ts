/**
 * The workspace index with harvesting on: every note's definitions are read before any note
 * is indexed, so a note read before the note that defines a term still counts its uses, in a
 * single pass (the index used to run a second time over the whole workspace).
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { harvestedId } from '../../server/src/service/harvested';
import { SERVER, TestClient } from './lspClient';

describe('workspace index and definitions written in the notes', { skip: !existsSync(SERVER) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-index-harvest-'));
    mkdirSync(join(ws, 'reseaux'));
    writeFileSync(join(ws, 'reseaux', 'glossaire.md'), '# Réseaux\n\n## Commutateur\n\nÉquipement qui relie les machines d’un même réseau local.\n');
    // a-… is read before z-…, which defines the term.
    writeFileSync(join(ws, 'reseaux', 'a-usage.md'), 'Le maillage relie chaque site à plusieurs autres ; un maillage complet coûte cher.\n');
    writeFileSync(join(ws, 'reseaux', 'z-definitions.md'), '**Maillage** : topologie où chaque nœud est relié à plusieurs autres nœuds.\n');
  });

  after(() => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('a note read before the defining note counts its uses; the index runs once', async () => {
    client = await TestClient.start({ workspaceFolders: [ws], settings: { indexWorkspace: true, harvestDefinitions: true } });
    const ended = () => client.notifications.filter((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end').length;
    await client.waitFor(() => ended() >= 1 || undefined, 15000, 'the end of indexing');
    const refs = await client.request<Location[]>('glossaire/conceptReferences', { id: harvestedId('Maillage') });
    assert.deepEqual(refs.map((r) => r.uri.slice(r.uri.lastIndexOf('/') + 1)).sort(), ['a-usage.md', 'a-usage.md', 'z-definitions.md']);
    // One indexing run, with one progress.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(ended(), 1);
    const begun = client.notifications.filter((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'begin').length;
    assert.equal(begun, 1);
  });
});
