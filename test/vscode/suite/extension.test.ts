/**
 * The extension as a whole: activation on Markdown, the manifest's contributions as VS Code
 * sees them, and the server commands (reload, restart, open the built-in glossary).
 */

import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, openNote, waitFor, waitForDiagnostics } from './helpers';

suite('Extension', () => {
  test('activates on a Markdown note and starts its language server', async () => {
    await openNote('02-cloud.md');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor(() => ext.isActive, 'activation on Markdown');
    const api = await getApi();
    assert.equal(api.isRunning, true);
  });

  test('contributes its commands with the Glossaire category', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['showConcept', 'fixAll', 'reloadGlossaries', 'openBuiltinGlossary', 'restartServer', 'ignoreWord', 'review', 'exportGlossary', 'showNoteConcepts']) {
      assert.ok(all.includes(`glossaire.${c}`), c);
    }
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const views = manifest.contributes.views.glossaire.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['glossaire.concepts', 'glossaire.noteConcepts', 'glossaire.study']);
  });

  test('"Reload Glossaries" reloads the built-in glossary', async () => {
    const r = await vscode.commands.executeCommand<{ concepts: number; problems: number }>('glossaire.reloadGlossaries');
    assert.ok(r && r.concepts >= 20, JSON.stringify(r));
    assert.equal(r.problems, 0);
  });

  test('"Open the Built-in Glossary" opens the shipped JSON file', async () => {
    await vscode.commands.executeCommand('glossaire.openBuiltinGlossary');
    const editor = await waitFor(() => vscode.window.activeTextEditor, 'an editor');
    assert.match(editor.document.uri.path, /\/glossary\/externalisation\.json$/);
    assert.equal(editor.document.languageId, 'json');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a server process that dies is started again and the notes get their diagnostics back', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const editor = await openNote('02-cloud.md');
    const count = await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'glossaire').length || undefined, 'diagnostics before the crash');
    const pid = await waitFor(() => api.serverPid, 'the server pid');
    process.kill(pid, 'SIGKILL');
    // Edits right after the crash: each change sent to the dead server is a connection error
    // (the client once stopped at the fourth, and then never started the server again).
    const end = () => editor.document.lineAt(editor.document.lineCount - 1).range.end;
    for (let k = 0; k < 6; k++) await editor.edit((b) => b.insert(end(), ' '));
    await editor.edit((b) => b.delete(new vscode.Range(end().translate(0, -6), end())));
    await waitFor(() => (api.serverPid !== undefined && api.serverPid !== pid) || undefined, 'a new server process', 30_000);
    await waitForDiagnostics(editor.document.uri, count);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('"Restart the Server" restarts it cleanly and diagnostics come back', async () => {
    const api = await getApi();
    const editor = await openNote('02-cloud.md');
    const count = (await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'glossaire').length || undefined, 'diagnostics before the restart'));
    assert.equal(await vscode.commands.executeCommand('glossaire.restartServer'), true);
    assert.equal(api.isRunning, true);
    await waitForDiagnostics(editor.document.uri, count);
    const concepts = await api.concepts();
    assert.ok(concepts.categories.length >= 4);
  });
});
