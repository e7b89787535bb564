/**
 * Study tools in the editor: the Study view's coverage groups (following an open note), the
 * note's status bar item, a quiz round of three questions driven through the quick input
 * (typing, then Enter as the keybinding does), the self-graded kind of question, and the export
 * command writing its three files.
 */

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GlossaireApi } from '../../../client/src/api';
import { builtinGlossary, getApi, glossaireDiagnostics, openNote, openUntitled, revert, waitFor, workspaceRoot } from './helpers';

/** Enter in the quick input. */
const ENTER = 'workbench.action.acceptSelectedQuickOpenItem';

suite('Study tools', () => {
  let api: GlossaireApi;

  suiteSetup(async () => {
    api = await getApi();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const doc of vscode.workspace.textDocuments) await revert(doc);
  });

  test('the Study view groups the course: not yet in the notes, no definition, following an open note', async () => {
    const glossary = await builtinGlossary();
    const group = (s: Awaited<ReturnType<GlossaireApi['study']>>, id: string) => s.groups.find((g) => g.id === id)!;
    let snap = await waitFor(async () => {
      const s = await api.study();
      return s.groups.length === 3 && group(s, 'notYetUsed').items.length < glossary.entries.length ? s : undefined;
    }, 'the Study view with the workspace indexed');
    assert.deepEqual(snap.groups.map((g) => g.id), ['due', 'notYetUsed', 'undefined']);
    assert.match(snap.course ?? '', /Externalisation/);
    const notYet = group(snap, 'notYetUsed').items.map((i) => i.label);
    // The example notes never write « sous-traitance » and often write « infogérance ».
    assert.ok(notYet.includes('sous-traitance'), notYet.join(', '));
    assert.ok(!notYet.includes('infogérance'));
    for (const label of notYet) assert.ok(glossary.entries.some((e) => e.term === label), label);
    assert.deepEqual(group(snap, 'undefined').items, [], 'every bold term of the examples is in the glossary');

    const editor = await openUntitled('Le **PRA** prévoit la sous-traitance ; le **PRA** est testé.\n');
    snap = await waitFor(async () => {
      const s = await api.study();
      return group(s, 'undefined').items.some((i) => i.label === 'PRA') ? s : undefined;
    }, '« PRA » in « Sans définition »');
    const pra = group(snap, 'undefined').items.find((i) => i.label === 'PRA')!;
    assert.match(pra.description ?? '', /^2 /);
    assert.match(pra.contextValue, /^undefinedTerm/);
    assert.ok(!group(snap, 'notYetUsed').items.some((i) => i.label === 'sous-traitance'), 'the open note uses it now');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    void editor;
  });

  test('the status bar shows the note\'s concepts and typos, and opens the panel', async () => {
    const editor = await openNote('01-externalisation.md');
    const uri = editor.document.uri.toString();
    const shown = await waitFor(async () => {
      const s = api.noteStatus();
      const note = await api.noteConcepts();
      const typos = glossaireDiagnostics(editor.document.uri).length;
      return s && s.uri === uri && note.uri === uri && note.state === 'ready' && typos > 0 && s.concepts === note.concepts.length && s.typos === typos ? s : undefined;
    }, 'the status bar item of 01-externalisation.md');
    assert.match(shown.text, new RegExp(`^\\$\\(book\\) ${shown.concepts} concepts · ${shown.typos} (typos|fautes)$`));
    await vscode.commands.executeCommand('glossaire.showNoteConcepts');
  });

  test('a quiz round of three questions: right, almost (with the spelling), wrong; the schedule moves on', async () => {
    const glossary = await builtinGlossary();
    const run = vscode.commands.executeCommand<{ id: string; outcome: string; grade?: string }[]>('glossaire.review', { mode: 'typeTerm', count: 3 });
    const asked: string[] = [];
    const answers = [
      (term: string) => term.toUpperCase(), // right, case aside
      (term: string) => term.slice(0, 2) + term.slice(3), // a letter missing: « presque »
      () => 'zzzz',
    ];
    const verdicts = [/Right|Juste/, /Almost|Presque/, /It was|C'était/];
    for (let k = 0; k < 3; k++) {
      const screen = await waitFor(() => {
        const s = api.quiz.screen;
        return s?.step === 'question' && !asked.includes(s.conceptId!) ? s : undefined;
      }, `question ${k + 1}`);
      assert.match(screen.title, new RegExp(`${k + 1}\\D+3`));
      const entry = glossary.entries.find((e) => e.id === screen.conceptId)!;
      asked.push(entry.id);
      assert.ok(screen.prompt.length > 10, 'the definition is the question');
      assert.ok(!screen.prompt.toLowerCase().includes(` ${entry.term.toLowerCase()} `), 'the term is hidden in its definition');
      assert.ok(api.quiz.type(answers[k](entry.term)));
      await vscode.commands.executeCommand(ENTER);
      const feedback = await waitFor(() => (api.quiz.screen?.step === 'feedback' ? api.quiz.screen : undefined), `verdict ${k + 1}`);
      assert.match(feedback.prompt, verdicts[k]);
      assert.ok(feedback.prompt.includes(entry.term), `the right spelling « ${entry.term} » in ${feedback.prompt}`);
      await vscode.commands.executeCommand(ENTER);
    }
    const result = await run;
    assert.deepEqual(result.map((a) => a.outcome), ['known', 'almost', 'forgotten']);
    assert.deepEqual(result.map((a) => a.id), asked);
    // Never reviewed concepts come first, in the course's order.
    assert.deepEqual(asked, glossary.entries.slice(0, 3).map((e) => e.id));

    // Next time, the schedule (kept in the extension's storage) asks other concepts: the term
    // is shown, the student writes a definition, compares and grades themselves.
    const second = vscode.commands.executeCommand<{ id: string; outcome: string }[]>('glossaire.review', { mode: 'writeDefinition', count: 1 });
    const q = await waitFor(() => (api.quiz.screen?.step === 'question' ? api.quiz.screen : undefined), 'the term question');
    assert.equal(q.conceptId, glossary.entries[3].id);
    assert.ok(q.prompt.includes(glossary.entries[3].term));
    api.quiz.type('Ma définition, de mémoire.');
    await vscode.commands.executeCommand(ENTER);
    const grade = await waitFor(() => (api.quiz.screen?.step === 'selfGrade' ? api.quiz.screen : undefined), 'the self-grade');
    assert.ok(grade.items.some((i) => i.startsWith(glossary.entries[3].definition.replace(/[*_`]/g, '').slice(0, 30))), 'the glossary definition to compare with');
    assert.ok(grade.items.includes('Ma définition, de mémoire.'), 'the student\'s answer beside it');
    assert.equal(api.conceptPage()?.id, glossary.entries[3].id, 'the whole entry on the concept page');
    await vscode.commands.executeCommand(ENTER);
    assert.deepEqual((await second).map((a) => [a.id, a.outcome]), [[glossary.entries[3].id, 'known']]);
  });

  test('the export command writes the Markdown glossary, the Anki file and the CSV', async () => {
    const root = workspaceRoot();
    const written: vscode.Uri[] = [];
    try {
      for (const [format, name] of [['md', 'export-glossaire.md'], ['anki', 'export-anki.txt'], ['csv', 'export.csv']] as const) {
        const target = vscode.Uri.joinPath(root, name);
        const uri = await vscode.commands.executeCommand<vscode.Uri>('glossaire.exportGlossary', { format, target });
        assert.equal(uri?.toString(), target.toString());
        written.push(target);
      }
      const read = async (u: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(u));
      const md = await read(written[0]);
      assert.match(md, /^# Externalisation/);
      assert.match(md, /### infogérance\n/);
      assert.match(md, /\[01-externalisation\.md\]\(01-externalisation\.md#L\d+\) \(\d+\)/, 'links to the notes, relative to the file');
      const anki = (await read(written[1])).split('\n');
      assert.deepEqual(anki.slice(0, 2), ['#separator:tab', '#html:true']);
      assert.ok(anki.some((l) => /^glossaire-builtin-infogerance\tinfogérance\t/.test(l)));
      const csv = await read(written[2]);
      assert.match(csv, /^(id,term|identifiant,terme),/);
      assert.ok(csv.includes('\r\n'));
    } finally {
      for (const u of written) await vscode.workspace.fs.delete(u).then(undefined, () => undefined);
    }
  });
});
