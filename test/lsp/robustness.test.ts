/**
 * The language server against bad input, through the real dist/server.js over stdio: requests
 * on unknown documents, positions out of range, edits out of range, huge and adversarial
 * documents, malformed custom requests and settings, and broken glossary files. After each
 * round the server must still be alive and answer a normal hover correctly; glossary problems
 * must name the file (the diagnostics' URI), the entry and the field.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';
import { ADVERSARIAL, createRandom, randomDocument } from '../unit/fuzzText';

const ROOT = join(__dirname, '..', '..', '..');
const built = existsSync(join(ROOT, 'dist', 'server.js'));

const NOTE = "# Cours\n\nL'infogérance confie le SI à un prestataire.\n";
const INFOGERANCE = { line: 2, character: 4 };

/** The server is alive and a normal hover on "infogérance" gives its definition. */
async function assertServing(client: TestClient, uri = 'file:///sain.md'): Promise<void> {
  assert.equal(client.proc.exitCode, null, `the server exited; stderr: ${client.stderr.slice(-2000)}`);
  await client.open(uri, NOTE, 1);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: INFOGERANCE });
  assert.ok(hover, 'no hover on infogérance');
  assert.match((hover.contents as { value: string }).value, /### infogérance/);
  assert.deepEqual(hover.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 13 } });
  await client.close(uri);
}

/** The text each diagnostic covers is the word its message quotes first (« word »). */
function assertDiagnosticsMatchText(text: string, diags: Diagnostic[]): void {
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
  for (const d of diags) {
    const word = /« ([^»]+) »/.exec(String(d.message))?.[1];
    if (d.code === 'glossaire.unaccented-note') continue;
    assert.equal(doc.getText(d.range).normalize('NFC'), word?.normalize('NFC'), `${JSON.stringify(d.range)}: ${d.message}`);
  }
}

/** Sends a request; resolves with its result, or with the error it was answered with. */
async function answer(client: TestClient, method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  try {
    return { result: await client.request(method, params) };
  } catch (e) {
    return { error: e as { code: number; message: string } };
  }
}

describe('language server: odd requests and bad documents', { skip: !built && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-robust-'));
    writeFileSync(join(ws, 'a.md'), NOTE);
    client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
    await assertServing(client);
  });

  after(async () => {
    if (client && client.proc.exitCode === null) client.proc.kill();
    rmSync(ws, { recursive: true, force: true });
  });

  test('requests on a document that was never opened get empty answers, not errors', async () => {
    const textDocument = { uri: 'file:///jamais-ouvert.md' };
    const position = { line: 0, character: 0 };
    const range = { start: position, end: position };
    const expect: [string, unknown, unknown][] = [
      ['textDocument/hover', { textDocument, position }, null],
      ['textDocument/completion', { textDocument, position }, null],
      ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }, []],
      ['textDocument/definition', { textDocument, position }, null],
      ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }, []],
      ['textDocument/documentHighlight', { textDocument, position }, []],
      ['textDocument/semanticTokens/full', { textDocument }, { data: [] }],
      ['glossaire/documentConcepts', { uri: textDocument.uri }, []],
    ];
    for (const [method, params, result] of expect) assert.deepEqual(await answer(client, method, params), { result }, method);
    const concepts = (await answer(client, 'glossaire/concepts', { uri: textDocument.uri })).result as { concepts: { documentCount?: number }[] };
    assert.ok(concepts.concepts.length > 20 && concepts.concepts.every((c) => c.documentCount === undefined));
    await assertServing(client);
  });

  test('positions out of range (negative, past the line end, past the last line, huge) are clamped', async () => {
    const uri = 'file:///positions.md';
    const text = 'Le SaaS et le clud.\r\nL’infogérance 😀 ici\rfin\n';
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, 1);
    assertDiagnosticsMatchText(text, diags);
    const positions = [
      { line: -1, character: 0 }, { line: 0, character: -5 }, { line: -3, character: -3 },
      { line: 0, character: 500 }, { line: 1, character: 14 }, { line: 1, character: 15 }, { line: 2, character: 99 },
      { line: 3, character: 0 }, { line: 4, character: 2 }, { line: 99, character: 99 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    ];
    for (const position of positions) {
      const textDocument = { uri };
      for (const [method, params] of [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: false } }],
        ['textDocument/documentHighlight', { textDocument, position }],
        ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: diags } }],
      ] as const) {
        const r = await answer(client, method, params);
        assert.equal(r.error, undefined, `${method} at ${JSON.stringify(position)}: ${r.error?.message}`);
      }
    }
    // Past the end of line 0 is its end: the hover is on "clud." no more, but nothing breaks;
    // past the last line is the end of the text.
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
    assert.match((h!.contents as { value: string }).value, /infogérance/);
    await client.close(uri);
    await assertServing(client);
  });

  test('\\r\\n and \\r notes get the ranges and semantic tokens of their \\n form', async () => {
    const lf = 'Le SaaS et le cloud\ncomputing, 😀 le clud\n\nL’inforgérance.\n';
    const answers = async (text: string, k: number) => {
      const uri = `file:///eol-${k}.md`;
      await client.open(uri, text);
      const diags = (await client.diagnosticsFor(uri, 1)).map((d) => ({ range: d.range, code: d.code }));
      const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      const highlights = await client.request<unknown[]>('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 0, character: 15 } });
      await client.close(uri);
      return { diags, tokens: tokens.data, highlights };
    };
    const expected = await answers(lf, 0);
    assert.equal(expected.diags.length, 2);
    assert.deepEqual(await answers(lf.replace(/\n/g, '\r\n'), 1), expected);
    assert.deepEqual(await answers(lf.replace(/\n/g, '\r'), 2), expected);
  });

  test('didChange with ranges out of range, reversed or on a closed document keeps the text in step', async () => {
    const uri = 'file:///edits.md';
    let doc = TextDocument.create(uri, 'markdown', 1, 'Un texte sur le clud.\n');
    await client.open(uri, doc.getText());
    await client.diagnosticsFor(uri, 1);
    const edits = [
      { range: { start: { line: 5, character: 0 }, end: { line: 9, character: 3 } }, text: '\nEt le nearshor.' },
      { range: { start: { line: -2, character: -4 }, end: { line: 0, character: 2 } }, text: 'Avec' },
      { range: { start: { line: 0, character: 200 }, end: { line: 0, character: 1 } }, text: ' ofshore ' },
      { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, text: '😀\r\n' },
      { range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, text: 'Tout remplacé : l’inforgérance.\r\nEt le clud.' },
    ];
    let version = 1;
    for (const change of edits) {
      version++;
      await client.change(uri, version, [change]);
      doc = TextDocument.update(doc, [change], version);
      const diags = await client.diagnosticsFor(uri, version);
      assertDiagnosticsMatchText(doc.getText(), diags);
    }
    assert.deepEqual((await client.diagnosticsFor(uri, version)).map((d) => (d.data as { suggestions: string[] }).suggestions[0]), ['infogérance', 'cloud']);
    // Edits to documents the server does not know, or without a version: ignored.
    await client.change('file:///inconnu.md', 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'sans version' }] });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///jamais.md' } });
    await client.open(uri, 'Rouvert sans fermer : clud.', 1); // a second didOpen of the same URI
    await client.close(uri);
    await assertServing(client);
  });

  test('a 2 MB document of random Markdown-ish text is analysed; hover and completion answer on it', async () => {
    const random = createRandom(7);
    let text = '';
    while (text.length < 2_000_000) text += randomDocument(random, 200) + '\n\n';
    const uri = 'file:///gros.md';
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, 1, 60_000);
    assert.ok(diags.length > 100, `${diags.length} diagnostics`);
    assertDiagnosticsMatchText(text, diags);
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    const position = doc.positionAt(text.length >> 1);
    assert.equal((await answer(client, 'textDocument/hover', { textDocument: { uri }, position })).error, undefined);
    assert.equal((await answer(client, 'textDocument/completion', { textDocument: { uri }, position })).error, undefined);
    const fixAll = await answer(client, 'textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll.glossaire'] } });
    assert.equal(fixAll.error, undefined);
    await client.close(uri);
    await assertServing(client);
  });

  test('documents full of adversarial input: each analysed, the server keeps answering', async () => {
    for (const [name, make] of ADVERSARIAL) {
      const uri = `file:///adverse-${name.replace(/\W+/g, '-')}.md`;
      const text = make();
      await client.open(uri, text);
      await client.diagnosticsFor(uri, 1, 30_000).catch((e: Error) => assert.fail(`${name}: ${e.message}`));
      const doc = TextDocument.create(uri, 'markdown', 1, text);
      for (const o of [0, text.length >> 1, text.length]) {
        const r = await answer(client, 'textDocument/hover', { textDocument: { uri }, position: doc.positionAt(o) });
        assert.equal(r.error, undefined, `${name}: hover at ${o}: ${r.error?.message}`);
      }
      const tokens = await answer(client, 'textDocument/semanticTokens/full', { textDocument: { uri } });
      assert.equal(tokens.error, undefined, `${name}: semantic tokens`);
      await client.close(uri);
    }
    await assertServing(client);
  });

  test('custom requests with missing or wrong params, unknown methods: answered, never fatal', async () => {
    const cases: [string, unknown][] = [
      ['glossaire/conceptDetails', undefined],
      ['glossaire/conceptDetails', null],
      ['glossaire/conceptDetails', { id: 42 }],
      ['glossaire/conceptDetails', { id: { toString: 1 } }],
      ['glossaire/conceptReferences', undefined],
      ['glossaire/conceptReferences', { id: ['infogerance'] }],
      ['glossaire/documentConcepts', undefined],
      ['glossaire/documentConcepts', { uri: 12 }],
      ['glossaire/concepts', undefined],
      ['glossaire/concepts', { uri: null }],
      ['glossaire/reloadGlossaries', undefined],
      ['workspace/symbol', {}],
      ['workspace/symbol', { query: 7 }],
      ['completionItem/resolve', { label: 'x', data: 'pas un objet' }],
      ['completionItem/resolve', { label: 'x', data: { entryId: { nope: true } } }],
      ['textDocument/hover', { textDocument: { uri: 'file:///sain.md' } }],
      ['textDocument/hover', {}],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.md' } }],
      ['textDocument/semanticTokens/full', {}],
    ];
    for (const [method, params] of cases) {
      const r = await answer(client, method, params);
      if (r.error) assert.notEqual(r.error.code, -32603, `${method} ${JSON.stringify(params)}: internal error ${r.error.message}`);
    }
    const details = await answer(client, 'glossaire/conceptDetails', undefined);
    assert.deepEqual(details, { result: null });
    // A code action whose diagnostic carries garbage data.
    const uri = 'file:///garbage.md';
    await client.open(uri, 'Le clud et le nearshor.\n');
    const diags = await client.diagnosticsFor(uri, 1);
    const bad = diags.map((d, k) => ({ ...d, data: [null, 'texte', { suggestions: 'pas un tableau' }, { edits: 5 }][k % 4] }));
    const actions = await answer(client, 'textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: bad } });
    assert.equal(actions.error, undefined);
    await client.close(uri);
    // Unknown method: the standard "method not found", and the server goes on.
    const unknown = await answer(client, 'glossaire/nExistePas', {});
    assert.equal(unknown.error?.code, -32601);
    await client.connection.sendNotification('glossaire/notificationInconnue', { x: 1 });
    await assertServing(client);
  });

  test('settings of the wrong type fall back to their defaults; the server keeps checking', async () => {
    const notes = mkdtempSync(join(tmpdir(), 'glossaire-settings-'));
    const odd = await TestClient.start({
      workspaceFolders: [notes],
      settings: { ignoreWords: [1, null, 'ofshore'], glossaries: 'pas-un-tableau.json', languages: 'markdown', severity: 'fort', enable: 'oui', indexWorkspace: 3, useBuiltinGlossary: 'non' },
    });
    try {
      // The settings pulled after initialisation are applied when the glossary is announced.
      await odd.waitFor(() => odd.notifications.some((n) => n.method === 'glossaire/glossaryChanged'), 10_000, 'settings applied');
      const uri = 'file:///reglages.md';
      await odd.open(uri, 'Le clud et le ofshore.\n');
      const diags = await odd.diagnosticsFor(uri, 1);
      assert.deepEqual(diags.map((d) => (d.data as { suggestions: string[] }).suggestions[0]), ['cloud'], odd.logs.join('\n'));
      // "pas-un-tableau.json" is not read as one path per character.
      const concepts = await odd.request<{ glossaryFiles: string[] }>('glossaire/concepts', {});
      assert.deepEqual(concepts.glossaryFiles.map((f) => f.replace(/^.*\//, '')), ['externalisation.json']);
      assert.equal(odd.logs.join('\n'), '');
      await assertServing(odd);
      assert.equal(await odd.stop(), 0);
    } finally {
      if (odd.proc.exitCode === null) odd.proc.kill();
      rmSync(notes, { recursive: true, force: true });
    }
  });

  test('nothing above crashed the server or logged an uncaught error', async () => {
    await assertServing(client);
    assert.doesNotMatch(client.stderr, /uncaught|unhandled|RangeError|Maximum call stack/i);
    assert.equal(await client.stop(), 0);
  });
});

describe('language server: a workspace with symbolic-link loops', { skip: !built && 'dist/server.js not built' }, () => {
  test('is indexed once and the server answers (three links to "." made the walk 3^40 folders deep)', async (t) => {
    const ws = mkdtempSync(join(tmpdir(), 'glossaire-loop-'));
    try {
      writeFileSync(join(ws, 'a.md'), NOTE);
      mkdirSync(join(ws, 'boucle'));
      try {
        for (const name of ['x', 'y', 'z']) symlinkSync('.', join(ws, 'boucle', name), 'dir');
        symlinkSync('..', join(ws, 'boucle', 'parent'), 'dir');
      } catch {
        t.skip('cannot create symbolic links here');
        return;
      }
      const client = await TestClient.start({ workspaceFolders: [ws], settings: {} });
      try {
        await client.waitFor(() => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'), 20_000, 'the index');
        await assertServing(client);
        const refs = await client.request<unknown[]>('glossaire/conceptReferences', { id: 'infogerance' });
        assert.equal(refs.length, 1, 'a.md indexed once');
        assert.equal(await client.stop(), 0);
      } finally {
        if (client.proc.exitCode === null) client.proc.kill();
      }
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('language server: broken glossary files', { skip: !built && 'dist/server.js not built' }, () => {
  test('each broken file gets diagnostics naming entry and field; valid entries and the built-in glossary keep serving', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'glossaire-broken-lsp-'));
    const entry = (id: string, term: string, more: Record<string, unknown> = {}) => ({ id, term, category: 'c', definition: 'Définition.', ...more });
    const json = (entries: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'T', language: 'fr', categories: [{ id: 'c', label: 'C' }], entries, ...extra }, null, 2);
    const letters = (k: number) => Array.from(k.toString(26), (d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    const many = Array.from({ length: 10_000 }, (_, k) => entry(`e${k % 7000}`, `vocable${letters(k)}`));
    const files: Record<string, string> = {
      'pas-json.json': '{ "name": "T", "language": "fr", "categories": [{"id":"c","label":"C"}],\n  "entries": [\n    {"id":"a","term":"alpha","category":"c","definition":"d"}\n    {"id":"b" "term":"beta"}\n',
      'tableau.json': '[{"id": "a"}]',
      'entrees-objet.json': json({ a: entry('a', 'alpha') }),
      'dix-mille.json': json([entry('maquette', 'maquettage'), ...many, entry('typ', 42 as unknown as string), entry('form', 'formule', { forms: ['formules', 7] })]),
      'profond.json': '['.repeat(100_000),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(ws, name), text);
    const paths = [...Object.keys(files).map((n) => join(ws, n)), join(ws, 'absent.json')];
    const client = await TestClient.start({ workspaceFolders: [ws], settings: { glossaries: paths, indexWorkspace: false } });
    try {
      const diagsOf = (name: string) => client.waitFor(() => {
        const d = client.diagnostics.get(`file://${join(ws, name)}`)?.diagnostics;
        return d && d.length > 0 ? d : undefined;
      }, 30_000, `diagnostics of ${name}`);
      const messages = async (name: string) => (await diagsOf(name)).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n');

      // Not JSON: the error at its line, with the entry and the field it is in.
      const notJson = await diagsOf('pas-json.json');
      const comma = notJson.find((d) => d.code === 'glossary.invalid-json')!;
      assert.match(String(comma.message), /JSON invalide : virgule attendue \(ligne 4, colonne 5\)\. \(entrée b\)/);
      assert.deepEqual(comma.range.start, { line: 3, character: 4 }, 'the diagnostic is where the error is, though the file is not open');
      assert.match(await messages('tableau.json'), /glossary.not-object .*Le glossaire doit être un objet JSON/);
      assert.match(await messages('entrees-objet.json'), /glossary.wrong-type .*Le champ « entries » doit être un tableau.*\(champ entries\)/);
      assert.match(await messages('profond.json'), /glossary.invalid-json 0:100 JSON invalide : plus de 100 niveaux d’imbrication/);
      const big = await messages('dix-mille.json');
      assert.match(big, /glossary.duplicate-id \d+:\d+ Identifiant « e0 » déjà utilisé.*\(entrée e0, champ id\)/);
      assert.match(big, /glossary.wrong-type .*Le champ « term » doit être une chaîne.*\(entrée typ, champ term\)/);
      assert.match(big, /glossary.wrong-type .*Le champ « forms ».*\(entrée form, champ forms\)/);
      assert.equal((await diagsOf('dix-mille.json')).filter((d) => d.code === 'glossary.duplicate-id').length, 3000);
      assert.match(await messages('absent.json'), /glossary.unreadable .*Glossaire illisible \(.*absent\.json\) : fichier introuvable/);

      // Still serving: valid entries of the broken files and the built-in glossary.
      const uri = 'file:///note.md';
      await client.open(uri, 'Le maquetage, les formules, le vocablebc et l’inforgérance.\n');
      const found = await client.diagnosticsFor(uri, 1, 30_000);
      assert.deepEqual(found.map((d) => (d.data as { suggestions: string[] }).suggestions[0]), ['maquettage', 'infogérance']);
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 33 } });
      assert.match((h.contents as { value: string }).value, /### vocablebc/);
      const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 8 } });
      assert.ok(completion.items.some((i) => i.label === 'maquettage'));
      await assertServing(client);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
