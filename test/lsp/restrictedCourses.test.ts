/**
 * Restricted mode and course glossaries: an untrusted workspace gets neither the glossary
 * files found in its folders (glossaire.md, *.glossaire.json) nor the definitions its notes
 * write (harvesting); both come back when the workspace is trusted.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Hover } from 'vscode-languageserver-protocol';
import { SERVER, TestClient } from './lspClient';
import type { ConceptsResult } from '../../server/src/shared/protocol';

const built = existsSync(SERVER);
const hoverText = (h: Hover | null) => (h ? (h.contents as { value: string }).value : '');

describe('language server: restricted mode and course glossaries', { skip: !built && 'dist/server.js not built' }, () => {
  let ws: string;
  const clients: TestClient[] = [];
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-restricted-courses-'));
    writeFileSync(join(ws, 'glossaire.md'), '# Inventions\n\n## Zorglubation\n\nProcédé imaginaire qui change les objets en autre chose.\n');
    writeFileSync(join(ws, 'definitions.md'), '# Mes définitions\n\n**Bidulotron** : machine inventée <img src=x onerror=alert(1)> pour les [exemples](https://exemple.invalid/piege) de ce test.\n');
  });
  after(() => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  async function run(trusted: boolean): Promise<{ terms: string[]; files: string[]; hover: string }> {
    const client = await TestClient.start({
      workspaceFolders: [ws],
      settings: { indexWorkspace: true },
      initializationOptions: { locale: 'fr', trusted },
    });
    clients.push(client);
    await client.waitFor(() => client.notifications.some((n) => n.method === 'glossaire/glossaryChanged'), 10_000, 'glossaryChanged');
    const note = URI.file(join(ws, 'note.md')).toString();
    await client.open(note, 'Le bidulotron.\n');
    const hoverOf = async () => hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: note }, position: { line: 0, character: 6 } }));
    let hover: string;
    if (trusted) {
      // The index reads definitions.md after initialized: wait for its definition to arrive.
      const deadline = Date.now() + 10_000;
      for (hover = await hoverOf(); !/machine inventée/.test(hover) && Date.now() < deadline; hover = await hoverOf()) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } else {
      // Nothing to wait for when harvesting is off: leave the index well past its run and the
      // harvest debounce (300 ms), then look.
      await new Promise((r) => setTimeout(r, 1500));
      hover = await hoverOf();
    }
    const result = await client.request<ConceptsResult>('glossaire/concepts', {});
    assert.equal(await client.stop(), 0);
    return { terms: result.concepts.map((c) => c.term), files: result.glossaryFiles, hover };
  }

  test('untrusted: the workspace glossary and the notes’ definitions are ignored; the built-in glossary serves', async () => {
    const r = await run(false);
    assert.ok(!r.terms.includes('Zorglubation'), 'the workspace glossaire.md was read');
    assert.ok(!r.terms.some((t) => /bidulotron/i.test(t)), 'a definition was harvested');
    assert.ok(!r.files.some((f) => f.endsWith('/glossaire.md')), r.files.join(', '));
    assert.ok(r.terms.includes('infogérance'), 'the built-in glossary is missing');
    assert.doesNotMatch(r.hover, /machine inventée/);
  });

  test('trusted: the workspace glossary and the notes’ definitions are used', async () => {
    const r = await run(true);
    assert.ok(r.terms.includes('Zorglubation'), r.terms.slice(-5).join(', '));
    assert.ok(r.files.some((f) => f.endsWith('/glossaire.md')), r.files.join(', '));
    assert.match(r.hover, /machine inventée/);
    assert.match(r.hover, /definitions\.md/);
    // The notes' text is untrusted: its HTML is shown as text (escaped), never as a tag.
    assert.match(r.hover, /\\<img/);
    assert.doesNotMatch(r.hover, /(?<!\\)<img/);
  });
});
