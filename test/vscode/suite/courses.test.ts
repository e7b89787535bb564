/**
 * Course glossaries in the editor: a course folder with its own glossaire.md, found with no
 * setting; « Ajouter au glossaire » from a flagged word writes the term into that file and the
 * diagnostic goes; the Concepts view groups the concepts by glossary. The course folder is
 * created by the suite and removed at the end (the other suites see the examples only).
 */

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GlossaireApi } from '../../../client/src/api';
import { getApi, glossaireDiagnostics, revert, waitFor, workspaceRoot } from './helpers';

const GLOSSARY = '# Notions\n\n## routeur\n\nÉquipement qui achemine les paquets entre réseaux.\n';
const DEFS = '# Mes définitions\n\n**routeur** : la boîte qui relie mon réseau local à internet.\n';
const NOTE = 'Le routeur relie les réseaux.\n\nLes offshoreurs produisent loin de leurs clients.\n\nUn routeurr mal écrit.\n';

suite('Course glossaries', () => {
  let api: GlossaireApi;
  let course: vscode.Uri;
  let glossary: vscode.Uri;
  let note: vscode.Uri;

  suiteSetup(async () => {
    api = await getApi();
    course = vscode.Uri.joinPath(workspaceRoot(), 'cours-reseaux');
    glossary = vscode.Uri.joinPath(course, 'glossaire.md');
    note = vscode.Uri.joinPath(course, 'tp.md');
    await vscode.workspace.fs.createDirectory(course);
    await vscode.workspace.fs.writeFile(glossary, new TextEncoder().encode(GLOSSARY));
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode(NOTE));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(course, 'defs.md'), new TextEncoder().encode(DEFS));
  });

  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments) await revert(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // File by file (a watcher for notes and glossaries hears of files), then the folder.
    await vscode.workspace.fs.delete(glossary, { useTrash: false });
    await vscode.workspace.fs.delete(note, { useTrash: false });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(course, 'defs.md'), { useTrash: false });
    await vscode.workspace.fs.delete(course, { recursive: true, useTrash: false });
    // The other suites expect the built-in glossary alone (a reload also finds the files gone).
    await vscode.commands.executeCommand('glossaire.reloadGlossaries');
    await waitFor(async () => ((await api.concepts()).groups?.some((g) => g.label.startsWith('cours-reseaux/')) ? undefined : true), 'the course glossary to leave the panel');
  });

  test('a course glossary is found with no setting: its term is checked in the course notes', async () => {
    const doc = await vscode.workspace.openTextDocument(note);
    await vscode.window.showTextDocument(doc);
    const words = await waitFor(() => {
      const w = glossaireDiagnostics(doc.uri).map((d) => doc.getText(d.range));
      return w.includes('routeurr') ? w : undefined;
    }, 'the course term to be checked');
    assert.deepEqual(words.sort(), ['offshoreurs', 'routeurr']);
  });

  test('the Concepts view groups the concepts by glossary: the course, then the built-in one', async () => {
    const snap = await waitFor(async () => {
      const s = await api.concepts();
      return s.groups && s.groups.some((g) => g.label.endsWith('glossaire.md')) ? s : undefined;
    }, 'the Concepts view to show the course');
    // The course's glossary first, then the built-in one, then the notes' definitions by course.
    const labels = snap.groups!.map((g) => g.label);
    assert.equal(labels[0], 'cours-reseaux/glossaire.md', labels.join(', '));
    assert.deepEqual(snap.groups![0].categories.flatMap((c) => c.concepts.map((x) => x.label)), ['routeur']);
    assert.ok(snap.groups![1].categories.flatMap((c) => c.concepts).some((x) => x.label === 'infogérance'), labels.join(', '));
  });

  test('« Ajouter au glossaire » on a flagged word: the term lands in glossaire.md and the diagnostic goes', async () => {
    const doc = await vscode.workspace.openTextDocument(note);
    await vscode.window.showTextDocument(doc);
    const flagged = await waitFor(() => glossaireDiagnostics(doc.uri).find((d) => doc.getText(d.range) === 'offshoreurs'), 'offshoreurs flagged');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, flagged.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const add = actions.find((a) => a.command?.command === 'glossaire.addToGlossary');
    assert.ok(add, titles.join('\n'));
    assert.ok(titles.indexOf(add.title) > titles.findIndex((x) => /^(Ignore|Ignorer)/.test(x)), titles.join('\n'));
    assert.match(add.title, /offshoreurs/);
    const args = add.command!.arguments![0] as { definition: string; categories: string[]; target: string };
    assert.equal(args.definition, 'Les offshoreurs produisent loin de leurs clients.');
    assert.deepEqual(args.categories, ['Notions']);
    // The quick-input answers are given (the flow itself is the command's).
    const target = await vscode.commands.executeCommand<string>('glossaire.addToGlossary', args, { definition: 'Entreprises qui produisent à l’étranger.', category: 'Notions' });
    assert.equal(target, glossary.toString());
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(glossary));
    assert.equal(written, `${GLOSSARY}\n## offshoreurs\n\nEntreprises qui produisent à l’étranger.\n`);
    await waitFor(() => (glossaireDiagnostics(doc.uri).some((d) => doc.getText(d.range) === 'offshoreurs') ? undefined : true), 'the diagnostic to go');
    assert.deepEqual(glossaireDiagnostics(doc.uri).map((d) => doc.getText(d.range)), ['routeurr']);
  });

  test('the hover shows the student’s definition from the notes beside the course glossary’s', async () => {
    const doc = await vscode.workspace.openTextDocument(note);
    await vscode.window.showTextDocument(doc);
    const at = new vscode.Position(0, 5);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const t = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Your notes|Vos notes/.test(t) ? t : undefined;
    }, 'the hover with the notes’ definition');
    assert.match(text, /la boîte qui relie mon réseau local à internet/);
    assert.match(text, /Course glossary|Glossaire du cours/);
    assert.match(text, /achemine les paquets entre réseaux/);
    assert.match(text, /defs\.md#L3/);
  });
});
