/**
 * Glossaries that live with the notes, over stdio: a workspace with two courses (each its own
 * glossary file) and one at the root, a second workspace folder, live edits of a glossary in
 * the editor, and glossary files created on disk.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

const ROOT = join(__dirname, '..', '..', '..');

const glossary = (entries: { id: string; term: string; definition: string; synonyms?: string[] }[]) =>
  JSON.stringify({ name: 'Cours', language: 'fr', categories: [{ id: 'c', label: 'Notions' }], entries: entries.map((e) => ({ category: 'c', ...e })) }, null, 2);

const words = (diags: Diagnostic[]) => diags.map((d) => (d.data as { suggestions: string[] }).suggestions[0]);
const hoverText = (h: Hover | null) => (h ? (h.contents as { value: string }).value : '');

describe('language server: course glossaries in the workspace', { skip: !existsSync(join(ROOT, 'dist', 'server.js')) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let ws: string;
  let other: string;
  const uri = (...p: string[]) => URI.file(join(ws, ...p)).toString();

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'glossaire-courses-'));
    other = mkdtempSync(join(tmpdir(), 'glossaire-courses-2-'));
    mkdirSync(join(ws, 'reseaux', 'td'), { recursive: true });
    mkdirSync(join(ws, 'droit'));
    mkdirSync(join(ws, '.cache'));
    writeFileSync(join(ws, 'cours.glossaire.json'), glossary([
      { id: 'routeur', term: 'routeur', definition: 'Définition générale du routeur.' },
      { id: 'protocole', term: 'protocole', definition: 'Règles d’un échange.' },
    ]));
    writeFileSync(join(ws, 'reseaux', 'reseaux.glossaire.json'), glossary([
      { id: 'routeur', term: 'routeur', definition: 'Équipement qui achemine les paquets entre réseaux.' },
      { id: 'commutateur', term: 'commutateur', definition: 'Relie les machines d’un réseau local.', synonyms: ['switch'] },
    ]));
    writeFileSync(join(ws, 'droit', 'droit.glossaire.json'), glossary([{ id: 'jurisprudence', term: 'jurisprudence', definition: 'Décisions des tribunaux.' }]));
    // Hidden folders are not searched.
    writeFileSync(join(ws, '.cache', 'cache.glossaire.json'), glossary([{ id: 'cache', term: 'antememoire', definition: 'x' }]));
    mkdirSync(join(ws, 'histoire'));
    writeFileSync(join(ws, 'histoire', 'glossaire.md'), '---\nglossaire-intégré: non\n---\n\n# Périodes\n\n## Renaissance\n\nPériode de renouveau des arts et des sciences.\n\n- **Synonymes :** Renouveau\n');
    writeFileSync(join(other, 'glossaire-autre.glossaire.json'), glossary([{ id: 'sociologie', term: 'sociologie', definition: 'Étude des sociétés.' }]));
    client = await TestClient.start({ workspaceFolders: [ws, other], settings: { indexWorkspace: false } });
    await client.waitFor(() => client.notifications.some((n) => n.method === 'glossaire/glossaryChanged'), 10_000, 'glossaries loaded');
  });

  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    rmSync(ws, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });

  test('each course note gets its course glossary, the root one and the built-in one; not the other course', async () => {
    const net = uri('reseaux', 'td', 'tp.md');
    await client.open(net, 'Un routeurr, un commutateurr, un protocolle, de la jurisprudance et de l’inforgérance.\n');
    assert.deepEqual(words(await client.diagnosticsFor(net, 1)), ['routeur', 'commutateur', 'protocole', 'infogérance']);
    const law = uri('droit', 'cours.md');
    await client.open(law, 'Un routeurr, un commutateurr, de la jurisprudance et de l’inforgérance.\n');
    assert.deepEqual(words(await client.diagnosticsFor(law, 1)), ['routeur', 'jurisprudence', 'infogérance']);
    // The second workspace folder has its own glossary, and the first one's do not apply there.
    const soc = URI.file(join(other, 'n.md')).toString();
    await client.open(soc, 'La sociologye et le routeurr.\n');
    assert.deepEqual(words(await client.diagnosticsFor(soc, 1)), ['sociologie']);
  });

  test('nearer wins: the course definition, and the hover says which glossary it overrides', async () => {
    const net = uri('reseaux', 'td', 'tp.md');
    const course = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: net }, position: { line: 0, character: 4 } }));
    assert.match(course, /achemine les paquets/);
    assert.doesNotMatch(course, /Définition générale/);
    assert.match(course, /l’emporte sur `[^`]*cours\.glossaire\.json`/);
    const law = uri('droit', 'cours.md');
    const general = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: law }, position: { line: 0, character: 4 } }));
    assert.match(general, /Définition générale/);
    assert.doesNotMatch(general, /l’emporte/);
    // Go to definition opens the glossary that won.
    const def = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: net }, position: { line: 0, character: 4 } });
    assert.equal(def?.uri, uri('reseaux', 'reseaux.glossaire.json'));
  });

  test('editing a course glossary in the editor: its notes follow at once, the other course does not change', async () => {
    const gUri = uri('reseaux', 'reseaux.glossaire.json');
    const text = glossary([
      { id: 'routeur', term: 'routeur', definition: 'Équipement qui achemine les paquets entre réseaux.' },
      { id: 'commutateur', term: 'commutateur', definition: 'Relie les machines d’un réseau local.' },
      { id: 'datagramme', term: 'datagramme', definition: 'Paquet autonome.' },
    ]);
    await client.open(gUri, text, 1, 'json');
    const net = uri('reseaux', 'td', 'tp.md');
    await client.change(net, 2, [{ text: 'Un datagrame et un routeurr.\n' }]);
    assert.deepEqual(words(await client.diagnosticsFor(net, 2)), ['datagramme', 'routeur']);
    // Remove the term while typing: the note's diagnostic goes.
    const before = client.diagnostics.get(net);
    await client.change(gUri, 2, [{ text: glossary([{ id: 'routeur', term: 'routeur', definition: 'Équipement.' }]) }]);
    await client.waitFor(() => client.diagnostics.get(net) !== before && client.diagnostics.get(net), 5000, 'republished');
    assert.deepEqual(words(client.diagnostics.get(net)!.diagnostics), ['routeur']);
    const law = uri('droit', 'cours.md');
    await client.change(law, 2, [{ text: 'Un datagrame.\n' }]);
    assert.deepEqual(words(await client.diagnosticsFor(law, 2)), []);
    await client.close(gUri);
  });

  test('a glossary file created on disk joins its folder’s notes; deleted, it leaves', async () => {
    const law = uri('droit', 'cours.md');
    const path = join(ws, 'droit', 'penal.glossaire.json');
    writeFileSync(path, glossary([{ id: 'infraction', term: 'infraction', definition: 'Acte puni par la loi.' }]));
    let before = client.diagnostics.get(law);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path).toString(), type: 1 }] });
    await client.change(law, 3, [{ text: 'Une infracton.\n' }]);
    assert.deepEqual(words(await client.diagnosticsFor(law, 3)), ['infraction']);
    rmSync(path);
    before = client.diagnostics.get(law);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path).toString(), type: 3 }] });
    await client.waitFor(() => client.diagnostics.get(law) !== before && client.diagnostics.get(law), 5000, 'republished');
    assert.deepEqual(words(client.diagnostics.get(law)!.diagnostics), []);
  });

  test('the panel lists the concepts of every glossary, grouped by glossary file', async () => {
    const r = await client.request<{ concepts: { id: string; term: string; group: string }[]; groups: { id: string; label: string; kind: string }[] }>('glossaire/concepts', {});
    const labels = r.groups.map((g) => g.label);
    for (const l of ['/cours.glossaire.json', 'droit/droit.glossaire.json', 'reseaux/reseaux.glossaire.json', '/glossaire-autre.glossaire.json']) assert.ok(labels.some((x) => x.endsWith(l)), `${l} in ${labels}`);
    assert.ok(!labels.some((x) => x.includes('cache')), 'hidden folders are not searched');
    assert.equal(r.groups.at(-1)!.kind, 'builtin');
    // "routeur" is in two glossaries: two concepts with distinct ids, each in its group.
    const routeurs = r.concepts.filter((c) => c.term === 'routeur');
    assert.equal(routeurs.length, 2);
    assert.notEqual(routeurs[0].id, routeurs[1].id);
    const details = await client.request<{ definition: string } | null>('glossaire/conceptDetails', { id: routeurs.find((c) => c.group === uri('reseaux', 'reseaux.glossaire.json'))!.id });
    assert.match(details!.definition, /achemine les paquets|Équipement/);
  });

  test('a Markdown glossary applies to its folder, and may turn the built-in glossary off there', async () => {
    const hist = uri('histoire', 'cours.md');
    await client.open(hist, 'La Renaissanse et l’inforgérance.\n');
    assert.deepEqual(words(await client.diagnosticsFor(hist, 1)), ['Renaissance']);
    const h = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: hist }, position: { line: 0, character: 6 } }));
    assert.match(h, /renouveau des arts/);
  });

  test('add to the glossary: the action on a word and on a flagged word, the edit into the nearest Markdown glossary', async () => {
    const hist = uri('histoire', 'cours.md');
    const text = 'La Renaissanse et l’inforgérance.\n\nLe mécénat est le soutien des artistes par un protecteur. Il finance les œuvres.\n';
    await client.change(hist, 2, [{ text }]);
    const diags = await client.diagnosticsFor(hist, 2);
    const at = { line: 2, character: 5 };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: hist }, range: { start: at, end: at }, context: { diagnostics: [] } });
    const add = actions.find((a) => a.command?.command === 'glossaire.addToGlossary');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(add.title, 'Ajouter « mécénat » au glossaire…');
    const args = add.command!.arguments![0] as { term: string; definition: string; categories: string[]; target: string; targetExists: boolean };
    assert.deepEqual(args, {
      uri: hist, term: 'mécénat', definition: 'Le mécénat est le soutien des artistes par un protecteur.',
      categories: ['Périodes'], target: uri('histoire', 'glossaire.md'), targetExists: true,
    });
    // On a flagged word: « Ce n'est pas une faute », after the fixes and « ignorer ».
    const onTypo = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: hist }, range: diags[0].range, context: { diagnostics: [diags[0]] } });
    const titles = onTypo.map((a) => a.title);
    assert.ok(titles.indexOf('Ce n’est pas une faute : ajouter « Renaissanse » au glossaire…') > titles.findIndex((x) => x.startsWith('Ignorer')), titles.join('\n'));
    // The edit: under the chosen category, formatted like the file.
    const r = await client.request<{ edit: { changes: Record<string, TextEdit[]> }; target: string }>('glossaire/addToGlossaryEdit', { uri: hist, term: 'mécénat', definition: args.definition, category: 'Périodes' });
    const gUri = uri('histoire', 'glossaire.md');
    const before = readFileSync(join(ws, 'histoire', 'glossaire.md'), 'utf8');
    const after = TextDocument.applyEdits(TextDocument.create(gUri, 'markdown', 1, before), r.edit.changes[gUri]);
    assert.equal(after, before.trimEnd() + '\n\n## mécénat\n\nLe mécénat est le soutien des artistes par un protecteur.\n');
    // Applied in the editor, the term is live at once.
    await client.open(gUri, after, 1);
    await client.change(hist, 3, [{ text: 'Le mécénta.\n' }]);
    assert.deepEqual(words(await client.diagnosticsFor(hist, 3)), ['mécénat']);
    await client.close(gUri);
  });

  test('add to the glossary with no Markdown glossary near: glossaire.md is created in the note’s folder', async () => {
    const law = uri('droit', 'cours.md');
    const r = await client.request<{ edit: { documentChanges: unknown[] }; target: string }>('glossaire/addToGlossaryEdit', { uri: law, term: 'contrat', definition: 'Accord de volontés.', category: '' });
    assert.equal(r.target, uri('droit', 'glossaire.md'));
    const [create, fill] = r.edit.documentChanges as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: TextEdit[] }];
    assert.deepEqual(create, { kind: 'create', uri: r.target, options: { ignoreIfExists: true } });
    assert.equal(fill.textDocument.uri, r.target);
    assert.equal(fill.edits[0].newText, '# Nouvelle catégorie\n\n## contrat\n\nAccord de volontés.\n');
    // Written and announced by the file watcher: the droit notes get the term.
    writeFileSync(join(ws, 'droit', 'glossaire.md'), fill.edits[0].newText);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: r.target, type: 1 }] });
    await client.change(law, 4, [{ text: 'Un contart.\n' }]);
    assert.deepEqual(words(await client.diagnosticsFor(law, 4)), ['contrat']);
    // Empty definitions or terms get no edit.
    assert.equal(await client.request('glossaire/addToGlossaryEdit', { uri: law, term: 'x', definition: ' ', category: 'c' }), null);
    assert.equal(await client.request('glossaire/addToGlossaryEdit', { uri: law, term: '', definition: 'd', category: 'c' }), null);
  });

  test('definitions written in a note join their course: hover with both definitions, a term only the notes define, live edits', async () => {
    const def = uri('reseaux', 'td', 'defs.md');
    await client.open(def, '# Définitions\n\n**Commutateur** : boîtier qui relie les machines d’un même réseau local.\n\n**Encapsulation** : ajout d’un en-tête par chaque couche du modèle réseau.\n');
    const note = uri('reseaux', 'td', 'tp.md');
    // Within one debounce the other notes of the course are checked with the new terms.
    await client.change(note, 10, [{ text: 'L’encapsulation et le commutateur, puis encapsulaton.\n' }]);
    const diags = await client.waitFor(() => {
      const d = client.diagnostics.get(note);
      return d && words(d.diagnostics).includes('encapsulation') ? d.diagnostics : undefined;
    }, 5000, 'harvested term checked');
    assert.deepEqual(words(diags), ['encapsulation']);
    const both = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: note }, position: { line: 0, character: 25 } }));
    assert.match(both, /Vos notes/);
    assert.match(both, /boîtier qui relie les machines/);
    assert.match(both, /Glossaire du cours/);
    assert.match(both, /Relie les machines d’un réseau local/);
    assert.match(both, /defs\.md#L3/);
    const own = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: note }, position: { line: 0, character: 5 } }));
    assert.match(own, /ajout d’un en-tête/);
    assert.match(own, /defs\.md#L5/);
    assert.doesNotMatch(own, /Glossaire du cours/);
    // The panel: one group for the course's notes, named after the course folder.
    const panel = await client.request<{ groups: { label: string; kind: string }[] }>('glossaire/concepts', {});
    assert.deepEqual(panel.groups.filter((g) => g.kind === 'harvested').map((g) => g.label), ['Définitions des notes — reseaux']);
    // Go to definition: the note's line.
    const loc = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: note }, position: { line: 0, character: 5 } });
    assert.deepEqual(loc, { uri: def, range: { start: { line: 4, character: 2 }, end: { line: 4, character: 15 } } });
    // The other course does not get them.
    const law = uri('droit', 'cours.md');
    await client.change(law, 10, [{ text: 'Un encapsulaton.\n' }]);
    assert.deepEqual(words(await client.diagnosticsFor(law, 10)), []);
    // The definitions are removed while typing: the term goes.
    await client.change(def, 2, [{ text: '# Définitions\n\nRien.\n' }]);
    await client.waitFor(() => {
      const d = client.diagnostics.get(note);
      return d && d.diagnostics.length === 0;
    }, 5000, 'the harvested term gone');
    await client.close(def);
  });
});
