/**
 * The language features end to end, through VS Code's own APIs on the example notes: hovers,
 * completion (popup and ghost text), diagnostics (exactly the typos examples/README.md plants),
 * quick fixes applied as edits, fix-all, and "ignore this word".
 */

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GlossaireApi } from '../../../client/src/api';
import {
  builtinGlossary, codeOf, getApi, glossaireDiagnostics, hoverText, openNote, openUntitled, plantedTypos,
  positionOf, revert, waitFor, waitForDiagnostics, workspaceRoot,
} from './helpers';

suite('Language features', () => {
  let api: GlossaireApi;

  suiteSetup(async () => {
    api = await getApi();
  });

  teardown(async () => {
    for (const doc of vscode.workspace.textDocuments) await revert(doc);
  });

  test('hovering a term shows its definition from the glossary', async () => {
    const glossary = await builtinGlossary();
    const infogerance = glossary.entries.find((e) => e.id === 'infogerance')!;
    const editor = await openNote('01-externalisation.md');
    const at = positionOf(editor.document, 'Infogérance', 0).translate(0, 3);
    const text = await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
      return t.includes('infogérance') ? t : undefined;
    }, 'a hover on "Infogérance"');
    // The definition's first words, as the glossary writes them (Markdown may wrap the rest).
    assert.ok(text.includes(infogerance.definition.slice(0, 40)), text);
  });

  test('hovering a misspelling suggests the right term', async () => {
    const editor = await openNote('01-externalisation.md');
    const at = positionOf(editor.document, 'inforgérance').translate(0, 4);
    const text = await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at));
      return t.includes('infogérance') ? t : undefined;
    }, 'a hover on "inforgérance"');
    assert.match(text, /infogérance/);
  });

  test('completion proposes glossary terms without accents typed (Ctrl+Space)', async () => {
    const editor = await openUntitled("Le contrat d'infog");
    const end = editor.document.positionAt(editor.document.getText().length);
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', editor.document.uri, end);
      const ls = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return ls.includes('infogérance') ? ls : undefined;
    }, 'the completion "infogérance"');
    assert.ok(labels.includes('infogérance'));
  });

  test('as-you-type completion offers the term as ghost text, and only when it extends the word', async () => {
    assert.equal(await api.inlineCompletion("Le contrat d'infog"), 'infogérance');
    assert.equal(await api.inlineCompletion('Les Extern'), 'Externalisation');
    assert.equal(await api.inlineCompletion('le cloud comp'), 'cloud computing');
    assert.equal(await api.inlineCompletion('le cloud'), undefined, 'a complete term is left alone');
    assert.equal(await api.inlineCompletion('une inf', ''), undefined, 'too short');
    assert.equal(await api.inlineCompletion('infog', 'x'), undefined, 'inside a word');
  });

  test('diagnostics flag exactly the typos planted in the example notes', async () => {
    const planted = await plantedTypos();
    const files = [...new Set(planted.map((p) => p.file))];
    for (const file of files) {
      const editor = await openNote(file);
      const expected = planted.filter((p) => p.file === file);
      const ds = await waitForDiagnostics(editor.document.uri, expected.length);
      const found = ds
        .map((d) => ({ line: d.range.start.line + 1, written: editor.document.getText(d.range) }))
        .sort((a, b) => a.line - b.line);
      assert.deepEqual(found, expected.map((p) => ({ line: p.line, written: p.written })), file);
      for (const d of ds) {
        assert.match(codeOf(d), /^glossaire\.[a-z-]+$/);
        assert.ok([vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information].includes(d.severity));
      }
    }
  });

  test('the preferred quick fix repairs a typo and its diagnostic goes away', async () => {
    const planted = (await plantedTypos()).filter((p) => p.file === '01-externalisation.md');
    const editor = await openNote('01-externalisation.md');
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, planted.length);
    const target = ds.find((d) => doc.getText(d.range) === 'inforgérance');
    assert.ok(target, 'a diagnostic on "inforgérance"');
    // VS Code hands a provider the diagnostics it matches with its markers; right after the
    // server re-publishes (it does once its settings and index are ready) that can miss: poll.
    let actions: vscode.CodeAction[] = [];
    const fix = await waitFor(async () => {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', doc.uri, target.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((a) => a.isPreferred && a.edit?.get(doc.uri).some((e) => e.range.isEqual(target.range)));
    }, 'a preferred quick fix for "inforgérance"');
    assert.match(fix.title, /infogérance/);
    assert.ok(actions.some((a) => a.command?.command === 'glossaire.ignoreWord'), 'an "ignore this word" action');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(target.range.start.line).text.includes("l'infogérance"), true);
    await waitForDiagnostics(doc.uri, planted.length - 1);
  });

  test('"Fix All Glossary Typos in the File" repairs every typo of the note', async () => {
    const planted = (await plantedTypos()).filter((p) => p.file === '03-delocalisation.md');
    const editor = await openNote('03-delocalisation.md');
    await waitForDiagnostics(editor.document.uri, planted.length);
    const fixed = await vscode.commands.executeCommand<number>('glossaire.fixAll');
    assert.equal(fixed, planted.length);
    await waitForDiagnostics(editor.document.uri, 0);
    for (const p of planted) {
      assert.ok(editor.document.lineAt(p.line - 1).text.includes(p.fix), `line ${p.line} has "${p.fix}"`);
    }
  });

  test('"Ignore this word" adds it to the workspace settings and the diagnostic goes away', async () => {
    const editor = await openNote('03-delocalisation.md');
    const uri = editor.document.uri;
    const before = await waitFor(() => glossaireDiagnostics(uri).find((d) => editor.document.getText(d.range) === 'nearshor'),
      'the diagnostic on "nearshor"');
    assert.ok(before);
    const count = glossaireDiagnostics(uri).length;
    const config = () => vscode.workspace.getConfiguration('glossaire');
    try {
      assert.equal(await vscode.commands.executeCommand('glossaire.ignoreWord', 'nearshor'), true);
      assert.deepEqual(config().inspect<string[]>('ignoreWords')?.workspaceValue, ['nearshor']);
      await waitForDiagnostics(uri, count - 1);
      assert.equal(await vscode.commands.executeCommand('glossaire.ignoreWord', 'nearshor'), false, 'added once');
    } finally {
      await config().update('ignoreWords', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, count);
    // The settings file the command created belongs to the temporary workspace only.
    assert.ok(workspaceRoot().scheme === 'file');
  });
});
