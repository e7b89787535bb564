/**
 * The language server end to end: the built dist/server.js driven over stdio by a real
 * JSON-RPC client (see lspClient.ts), as Neovim or VS Code would drive it.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Location, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

const ROOT = join(__dirname, '..', '..', '..');
const SEED = join(ROOT, '..', 'shared', 'seed', '000_2ff0680cae5e3f54.txt');
const hasSeed = existsSync(SEED);

// The seed's tests are extras: registered only where ../shared is beside the clone (a plain
// clone runs their twins on the project's own examples), so a plain run reports no skips.
const seedTest = hasSeed ? test : ((() => undefined) as unknown as typeof test);
const EXAMPLE = join(ROOT, 'examples', '01-externalisation.md');

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

function offsetOf(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in text`);
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
  return doc.positionAt(at);
}

describe('language server over stdio', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;
  const noteA = () => join(ws, 'a.md');

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-lsp-'));
    writeFileSync(join(ws, 'a.md'), "# Cours\n\nL'infogérance confie le SI à un prestataire.\n");
    writeFileSync(join(ws, 'b.md'), 'Une autre note sur l’infogérance et le cloud.\n\nEncore de l’infogérance.\n');
    client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
  });

  after(async () => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('the example note: exactly its four planted typos, at the right ranges, with fixes', async () => {
    // examples/01-externalisation.md ships with the project (its typos: examples/README.md).
    const text = readFileSync(EXAMPLE, 'utf8');
    const uri = 'file:///examples/01-externalisation.md';
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, 1);
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    assert.deepEqual(diags.map((d) => doc.getText(d.range)), ['Extarnilisation', 'sous traitance', 'externalistion', 'inforgérance']);
    assert.deepEqual(diags.map((d) => d.range.start.line + 1), [5, 26, 39, 44]);
    assert.deepEqual(diags[3].range.start, offsetOf(text, 'inforgérance'));
    assert.deepEqual(diags.map((d) => (d.data as { suggestions: string[] }).suggestions[0]), ['Externalisation', 'sous-traitance', 'externalisation', 'infogérance']);
    for (const d of diags) {
      assert.equal(d.source, 'glossaire');
      assert.match(String(d.message), /«/);
    }
  });

  test('hover in the example note: a term gives its definition; a misspelling, the right term', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const uri = 'file:///examples/01-externalisation.md';
    const onTerm = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: offsetOf(text, 'externalisation') });
    const md = (onTerm.contents as { value: string }).value;
    assert.match(md, /### externalisation/);
    assert.match(md, /prestataire|tiers|externe/i);
    const onTypo = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: offsetOf(text, 'inforgérance') });
    assert.match((onTypo.contents as { value: string }).value, /Vouliez-vous dire « infogérance » \?/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } }), null);
  });

  seedTest('extra, the student’s notes (../shared/seed): exactly the three typos, at the right ranges, with fixes', async () => {
    const text = readFileSync(SEED, 'utf8');
    const uri = 'file:///seed/notes.md';
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, 1);
    const words = diags.map((d) => TextDocument.create(uri, 'markdown', 1, text).getText(d.range));
    assert.deepEqual(words, ['délocation', 'inforgérance', 'eternalisation']);
    for (const d of diags) {
      assert.equal(d.source, 'glossaire');
      assert.equal(typeof d.code, 'string');
      assert.match(String(d.message), /«/);
    }
    assert.deepEqual(diags[1].range.start, offsetOf(text, 'inforgérance'));
    assert.deepEqual(diags.map((d) => (d.data as { suggestions: string[] }).suggestions[0]), ['délocalisation', 'infogérance', 'externalisation']);
  });

  seedTest('extra, the student’s notes (../shared/seed): hover on a term and on a misspelling', async () => {
    const text = readFileSync(SEED, 'utf8');
    const uri = 'file:///seed/notes.md';
    const onTerm = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: offsetOf(text, 'infogérance') });
    const md = (onTerm.contents as { value: string }).value;
    assert.match(md, /### infogérance/);
    assert.match(md, /prestataire/i);
    const onTypo = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: offsetOf(text, 'inforgérance') });
    assert.match((onTypo.contents as { value: string }).value, /Vouliez-vous dire « infogérance » \?/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  });

  test('completion offers the term at "infog", "deloc" and after an elision', async () => {
    const uri = 'file:///c.md';
    await client.open(uri, "On parle d'infog\nla deloc\nle nearsh");
    const at = async (line: number, character: number) =>
      (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } })).items;
    const a = await at(0, 16);
    assert.equal(a[0].label, 'infogérance');
    assert.deepEqual((a[0].textEdit as TextEdit).range, { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } });
    const b = await at(1, 8);
    assert.ok(b.some((i) => i.label === 'délocalisation'), JSON.stringify(b.map((i) => i.label)));
    const c = await at(2, 9);
    assert.equal(c[0].label, 'nearshore');
    const resolved = await client.request<{ documentation?: { value: string } }>('completionItem/resolve', a[0]);
    assert.match(resolved.documentation!.value, /infogérance/);
  });

  test('quick fix repairs the text; fix-all cleans the file', async () => {
    const uri = 'file:///q.md';
    const text = "L'inforgérance et la délocation, puis l'eternalisation.\n";
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 3);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diags[0].range, context: { diagnostics: [diags[0]] },
    });
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, 'Remplacer par « infogérance »');
    const fixed = apply(text, preferred.edit!.changes![uri]);
    assert.equal(fixed, "L'infogérance et la délocation, puis l'eternalisation.\n");
    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.glossaire'] },
    });
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.glossaire');
    const clean = apply(text, all[0].edit!.changes![uri]);
    assert.equal(clean, "L'infogérance et la délocalisation, puis l'externalisation.\n");
    await client.change(uri, 2, [{ text: clean }]);
    assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
    // Ignore actions: in the file (a comment) and in the workspace (the client's command).
    const ignoreFile = actions.find((a) => a.title.startsWith('Ignorer « inforgérance » dans ce fichier'))!;
    assert.match(apply(text, ignoreFile.edit!.changes![uri]), /^<!-- glossaire-ignore: inforgérance -->\n/);
    assert.ok(actions.some((a) => a.command?.command === 'glossaire.ignoreWord' && a.command.arguments?.[0] === 'inforgérance'));
  });

  test('typing "nearshor" incrementally adds a diagnostic at the right place; fixing it clears it', async () => {
    const uri = 'file:///inc.md';
    const text = 'Le choix du\n\nfin.\n';
    await client.open(uri, text);
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
    const word = ' nearshor';
    for (let k = 0; k < word.length; k++) {
      await client.change(uri, 2 + k, [{ range: { start: { line: 0, character: 11 + k }, end: { line: 0, character: 11 + k } }, text: word[k] }]);
    }
    const v = 1 + word.length;
    const diags = await client.diagnosticsFor(uri, v);
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 20 } });
    assert.equal((diags[0].data as { suggestions: string[] }).suggestions[0], 'nearshore');
    await client.change(uri, v + 1, [{ range: diags[0].range.end.line === 0 ? { start: { line: 0, character: 20 }, end: { line: 0, character: 20 } } : diags[0].range, text: 'e' }]);
    assert.deepEqual(await client.diagnosticsFor(uri, v + 1), []);
  });

  test('definition, references across notes on disk, workspace symbols', async () => {
    for (const other of ['file:///examples/01-externalisation.md', ...(hasSeed ? ['file:///seed/notes.md'] : []), 'file:///c.md', 'file:///q.md', 'file:///inc.md']) await client.close(other);
    // The background index reports its end through work-done progress.
    await client.waitFor(() => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'), 5000, 'index');
    const text = readFileSync(noteA(), 'utf8');
    const uri = `file://${noteA()}`;
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const pos = offsetOf(text, 'infogérance');
    const def = await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: pos });
    assert.match(def.uri, /glossary\/externalisation\.json$/);
    const glossaryText = readFileSync(join(ROOT, 'glossary', 'externalisation.json'), 'utf8');
    assert.match(glossaryText.split('\n').slice(def.range.start.line, def.range.start.line + 3).join('\n'), /"id": "infogerance"/);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: false } });
    const files = refs.map((r) => r.uri.replace(/^.*\//, '')).sort();
    assert.deepEqual(files, ['a.md', 'b.md', 'b.md']);
    const syms = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'deloc' });
    assert.ok(syms.some((s) => s.name === 'délocalisation'), JSON.stringify(syms.map((s) => s.name)));
  });

  test('custom requests for the panel', async () => {
    const uri = `file://${noteA()}`;
    const res = await client.request<{ concepts: { id: string; documentCount?: number; workspaceCount?: number }[]; categories: unknown[] }>('glossaire/concepts', { uri });
    assert.ok(res.categories.length >= 3);
    const info = res.concepts.find((c) => c.id === 'infogerance')!;
    assert.equal(info.documentCount, 1);
    assert.equal(info.workspaceCount, 3);
    const inNote = await client.request<{ id: string; count: number }[]>('glossaire/documentConcepts', { uri });
    assert.deepEqual(inNote.map((c) => c.id).sort(), ['infogerance', 'prestataire', 'systeme-d-information']);
    const refs = await client.request<Location[]>('glossaire/conceptReferences', { id: 'infogerance' });
    assert.deepEqual(refs.map((r) => r.uri.replace(/^.*\//, '')).sort(), ['a.md', 'b.md', 'b.md']);
    assert.deepEqual(await client.request('glossaire/conceptReferences', { id: 'nope' }), []);
    const details = await client.request<{ markdown: string; location: Location }>('glossaire/conceptDetails', { id: 'saas' });
    assert.match(details.markdown, /SaaS/);
    assert.equal(await client.request('glossaire/conceptDetails', { id: 'nope' }), null);
  });

  test('after a burst of random edits, the diagnostics equal a fresh check of the final text', async () => {
    const uri = 'file:///burst.md';
    let text = "# L'infogérance\n\nLa délocalisation et le nearshore.\n\n- l'inforgérance du SI\n- le cloud computing et le SaaS\n";
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pieces = ['e', 'é', ' ', '\n', 'infog', 'r', '`', '*', "l'", 'nearshor', '\n\n', '-', 'Saas', 'sous traitance'];
    let version = 1;
    for (let k = 0; k < 300; k++) {
      const doc = TextDocument.create(uri, 'markdown', version, text);
      const a = rnd(text.length + 1);
      const b = Math.min(text.length, a + (rnd(4) === 0 ? rnd(6) : 0));
      const insert = rnd(3) === 0 ? '' : pieces[rnd(pieces.length)];
      const range = { start: doc.positionAt(a), end: doc.positionAt(b) };
      text = text.slice(0, a) + insert + text.slice(b);
      await client.change(uri, ++version, [{ range, text: insert }]);
    }
    const final = await client.diagnosticsFor(uri, version, 10000);
    const fresh = 'file:///burst-fresh.md';
    await client.open(fresh, text);
    const expected = await client.diagnosticsFor(fresh, 1);
    const strip = (d: Diagnostic[]) => d.map((x) => ({ range: x.range, code: x.code, message: x.message }));
    assert.deepEqual(strip(final), strip(expected));
    await client.close(uri);
    await client.close(fresh);
  });

  test('semantic tokens mark every occurrence, split at line ends', async () => {
    const uri = 'file:///sem.md';
    await client.open(uri, 'Le SaaS et le cloud\ncomputing, puis `cloud`.\n');
    const res = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // [deltaLine, deltaStart, length, type, modifiers] per token.
    assert.deepEqual(res.data, [0, 3, 4, 1, 0, 0, 11, 5, 0, 0, 1, 0, 9, 0, 0]);
    await client.close(uri);
  });

  test('shutdown and exit are clean', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('a broken glossary', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  test('gets diagnostics in its file while the server keeps serving', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'glossaire-bad-'));
    const bad = join(ws, 'cours.json');
    writeFileSync(bad, JSON.stringify({
      name: 'Cours', language: 'fr', categories: [{ id: 'c', label: 'C' }],
      entries: [
        { id: 'ok', term: 'maquettage', category: 'c', definition: 'Faire une maquette.' },
        { id: 'ok', term: 'doublon', category: 'c', definition: 'Même id.' },
        { id: 'vide', term: 'vide', category: 'c', definition: '' },
        { id: 'rel', term: 'relation', category: 'c', definition: 'x', related: ['inconnu'], couleur: 'rouge' },
      ],
    }, null, 2));
    const client = await TestClient.start({ workspaceFolders: [ws], settings: { glossaries: [bad], indexWorkspace: false } });
    try {
      const uri = `file://${bad}`;
      const diags: Diagnostic[] = await client.waitFor(() => {
        const d = client.diagnostics.get(uri)?.diagnostics;
        return d && d.length > 0 ? d : undefined;
      }, 5000, 'glossary diagnostics');
      const codes = diags.map((d) => d.code).sort();
      for (const c of ['glossary.duplicate-id', 'glossary.empty-field', 'glossary.unknown-relation', 'glossary.unknown-field']) assert.ok(codes.includes(c), codes.join());
      assert.ok(diags.some((d) => /entrée vide/.test(String(d.message)) && /champ definition/.test(String(d.message))), diags.map((d) => String(d.message)).join('\n'));
      // Still serving: the valid entry of the extra glossary and the built-in one.
      await client.open('file:///n.md', 'Le maquetage et l’inforgérance.\n');
      const found = await client.diagnosticsFor('file:///n.md', 1);
      assert.deepEqual(found.map((d) => (d.data as { suggestions: string[] }).suggestions[0]), ['maquettage', 'infogérance']);
      // Breaking the JSON itself keeps the last good glossary in service.
      await client.open(uri, '{ "name": ', 1, 'json');
      await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'glossary.invalid-json'), 5000, 'invalid-json');
      await client.change('file:///n.md', 2, [{ text: 'Le maquetage encore.\n' }]);
      assert.equal((await client.diagnosticsFor('file:///n.md', 2)).length, 1);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
