/**
 * The Glossaire panel and its actions, through the extension's API (the views' data as the
 * trees render it) and its commands: Concepts by category, "In This Note" following the active
 * editor and the typing, the concept page, insert, copy, find occurrences, the concept picker.
 */

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GlossaireApi } from '../../../client/src/api';
import { builtinGlossary, getApi, openNote, openUntitled, revert, waitFor } from './helpers';

suite('Glossaire panel', () => {
  let api: GlossaireApi;

  suiteSetup(async () => {
    api = await getApi();
  });

  teardown(async () => {
    for (const doc of vscode.workspace.textDocuments) await revert(doc);
    await vscode.workspace.getConfiguration('glossaire')
      .update('conceptsView.description', undefined, vscode.ConfigurationTarget.Global);
  });

  test('Concepts lists the whole glossary by category, in the glossary order, with short definitions', async () => {
    const glossary = await builtinGlossary();
    const snap = await waitFor(async () => {
      const s = await api.concepts();
      return s.state === 'ready' ? s : undefined;
    }, 'the Concepts view to be ready');
    // With the example notes' own definitions in use, the built-in glossary is one group of several.
    const categories = snap.groups ? snap.groups.find((g) => /Built-in|intégré/.test(g.label))!.categories : snap.categories;
    assert.deepEqual(categories.map((c) => c.label), glossary.categories.map((c) => c.label));
    for (const cat of categories) {
      const expected = glossary.entries.filter((e) => e.category === cat.id.replace(/^.*#/, ''));
      assert.deepEqual(cat.concepts.map((c) => c.label), expected.map((e) => e.term), cat.label);
      for (const c of cat.concepts) {
        const entry = expected.find((e) => e.id === c.id)!;
        // The short definition is the definition's first sentence, without Markdown.
        assert.ok(entry.definition.replace(/[*_`]/g, '').startsWith(c.description.replace(/…$/, '')), `${c.id}: ${c.description}`);
      }
    }
  });

  test('Concepts can show occurrence counts instead of definitions', async () => {
    await openNote('01-externalisation.md');
    await vscode.commands.executeCommand('glossaire.conceptsView.showOccurrences');
    const snap = await waitFor(async () => {
      const s = await api.concepts();
      const ext = s.categories.flatMap((c) => c.concepts).find((c) => c.id === 'externalisation');
      return ext && /\d+ in this note, \d+ in the notes|\d+ dans cette note/.test(ext.description) ? s : undefined;
    }, 'occurrence counts in the Concepts view');
    const ext = snap.categories.flatMap((c) => c.concepts).find((c) => c.id === 'externalisation')!;
    const [inNote, inNotes] = (ext.description.match(/\d+/g) ?? []).map(Number);
    assert.ok(inNote >= 1 && inNotes >= inNote, ext.description);
    await vscode.commands.executeCommand('glossaire.conceptsView.showDefinitions');
  });

  test('"In This Note" lists the active note\'s concepts with counts and follows editor switches', async () => {
    const cloud = await openNote('02-cloud.md');
    const snap = await waitFor(async () => {
      const s = await api.noteConcepts();
      return s.uri === cloud.document.uri.toString() && s.state === 'ready' ? s : undefined;
    }, '"In This Note" for 02-cloud.md');
    const ids = snap.concepts.map((c) => c.id);
    for (const id of ['cloud', 'saas', 'iaas', 'paas']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    for (const c of snap.concepts) {
      assert.equal(c.count, c.occurrences.length);
      for (const o of c.occurrences) {
        const word = cloud.document.getText(cloud.document.getWordRangeAtPosition(new vscode.Position(o.line, o.character), /[\p{L}\p{N}'’-]+/u));
        assert.ok(word.length > 0);
      }
    }
    const counts = snap.concepts.map((c) => c.count);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most used first');

    const delo = await openNote('03-delocalisation.md');
    await waitFor(async () => (await api.noteConcepts()).uri === delo.document.uri.toString(), 'the view to follow the editor');
  });

  test('"In This Note" updates as the student types', async () => {
    const editor = await openUntitled('Une note sur le cloud.\n');
    await waitFor(async () => {
      const s = await api.noteConcepts();
      return s.uri === editor.document.uri.toString() && s.concepts.some((c) => c.id === 'cloud');
    }, 'the untitled note in the view');
    assert.ok(!(await api.noteConcepts()).concepts.some((c) => c.id === 'infogerance'));
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), "On parle aussi d'infogérance.\n"));
    await waitFor(async () => (await api.noteConcepts()).concepts.some((c) => c.id === 'infogerance'), 'infogérance to appear');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('"In This Note" shows its welcome state for an empty note', async () => {
    const editor = await openUntitled('Rien à voir ici.\n');
    const snap = await waitFor(async () => {
      const s = await api.noteConcepts();
      return s.uri === editor.document.uri.toString() && s.state === 'empty' ? s : undefined;
    }, 'the empty state');
    assert.deepEqual(snap.concepts, []);
  });

  test('"Show the Definition" opens a themed page of the whole entry, with no script and no remote content', async () => {
    const glossary = await builtinGlossary();
    const entry = glossary.entries.find((e) => e.id === 'externalisation')!;
    assert.equal(await vscode.commands.executeCommand('glossaire.showDefinition', 'externalisation'), true);
    const page = api.conceptPage();
    assert.ok(page);
    assert.equal(page.id, 'externalisation');
    assert.match(page.title, /externalisation/);
    assert.match(page.html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/);
    assert.doesNotMatch(page.html, /<script|src=|https?:\/\/(?!www\.w3)/i);
    assert.ok(page.html.includes(entry.definition.slice(0, 30).replace(/'/g, '&#39;')), 'the definition');
    assert.match(page.html, /var\(--vscode-foreground\)/);
    assert.match(page.html, /command:glossaire\.showDefinition\?/, 'related concepts are links');
    // A row of the view is a valid argument too.
    assert.equal(await vscode.commands.executeCommand('glossaire.showDefinition', { kind: 'concept', concept: { id: 'saas' } }), true);
    assert.equal(api.conceptPage()?.id, 'saas');
  });

  test('"Insert the Term" writes the term at the cursor of the note', async () => {
    const editor = await openUntitled('Le contrat : ');
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await vscode.commands.executeCommand('glossaire.insertTerm', 'infogerance'), true);
    assert.equal(editor.document.getText(), 'Le contrat : infogérance');
  });

  test('"Copy the Definition" puts "term: definition" on the clipboard', async () => {
    const text = await vscode.commands.executeCommand<string>('glossaire.copyDefinition', 'nearshore');
    assert.match(text, /^nearshore ?: \S/);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  test('"Find Occurrences in the Notes" finds the concept in every note of the workspace', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('glossaire.findOccurrences', 'infogerance');
    const files = new Set(locations.map((l) => l.uri.path.split('/').pop()));
    for (const f of ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md']) assert.ok(files.has(f), `${f} in ${[...files].join(', ')}`);
    for (const l of locations) {
      const doc = await vscode.workspace.openTextDocument(l.uri);
      assert.match(doc.getText(l.range), /^infogérances?$/i, `${l.uri.path} ${JSON.stringify(l.range)} dirty=${doc.isDirty}`);
    }
  });

  test('"Show a Concept…" finds a concept without its accents and opens its page', async () => {
    const shown = vscode.commands.executeCommand<string | undefined>('glossaire.showConcept', 'delocalisation');
    let done = false;
    void shown.then(() => (done = true));
    // Accept the first row once the picker is up (the command resolves when it closes).
    await waitFor(async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    }, 'the concept picker to accept', 15_000, 250);
    assert.equal(await shown, 'delocalisation');
    assert.equal(api.conceptPage()?.id, 'delocalisation');
  });
});
