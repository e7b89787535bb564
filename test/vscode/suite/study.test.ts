/**
 * Study tools in the editor, on two courses (the examples' notes with the built-in glossary, and
 * a course folder with its glossaire.md that the suite writes): the Study view's per-course coverage
 * groups (following an open note), the note's status bar item, a quiz round of three questions
 * driven through the quick input (typing, then Enter as the keybinding does), the self-graded
 * kind of question, a quiz round on the second course picked in the quiz, and the export
 * command writing its three files.
 */

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { GlossaireApi } from '../../../client/src/api';
import { builtinGlossary, getApi, glossaireDiagnostics, openNote, openUntitled, revert, waitFor, workspaceRoot } from './helpers';

/** A second course, written by the suite in its own folder: a Markdown glossary and two notes. */
const COURSE_FOLDER = 'securite';
const COURSE_TITLE = 'Sécurité des SI';
const COURSE_TERMS = ['pare-feu', 'chiffrement', 'authentification forte', 'sauvegarde incrémentale'];
const COURSE_GLOSSARY = `---\ntitre: ${COURSE_TITLE}\n---\n\n# Protection\n\n`
  + '## pare-feu\n\nFiltre placé entre deux réseaux, qui ne laisse passer que le trafic permis par ses règles.\n\n'
  + '## chiffrement\n\nTransformation d’un message pour que seul le détenteur de la clé puisse le relire.\n\n'
  + '## authentification forte\n\nPreuve d’identité qui combine au moins deux facteurs différents.\n\n'
  + '## sauvegarde incrémentale\n\nCopie des seuls fichiers modifiés depuis la copie précédente.\n';
const COURSE_NOTES: Record<string, string> = {
  'td1.md': 'Le pare-feu du labo bloque tout, sauf le **VPN** ; le pare-feu journalise les refus.\n',
  'td2.md': 'Le chiffrement du disque, puis le **VPN** encore.\n',
};

/** Enter in the quick input. *//** Enter in the quick input. */
const ENTER = 'workbench.action.acceptSelectedQuickOpenItem';

suite('Study tools', () => {
  let api: GlossaireApi;

  suiteSetup(async () => {
    api = await getApi();
    const folder = vscode.Uri.joinPath(workspaceRoot(), COURSE_FOLDER);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'glossaire.md'), new TextEncoder().encode(COURSE_GLOSSARY));
    for (const [name, text] of Object.entries(COURSE_NOTES)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(text));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const folder = vscode.Uri.joinPath(workspaceRoot(), COURSE_FOLDER);
    // File by file (the watchers hear of files), then the folder; the later suites expect the examples alone.
    for (const name of ['glossaire.md', ...Object.keys(COURSE_NOTES)]) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name), { useTrash: false });
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    await vscode.commands.executeCommand('glossaire.reloadGlossaries');
    await waitFor(async () => ((await api.study()).courses.length === 1 ? true : undefined), 'one course left');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const doc of vscode.workspace.textDocuments) await revert(doc);
  });

  test('the Study view has one root per course, each with its coverage groups, following an open note', async () => {
    const glossary = await builtinGlossary();
    const courseId = vscode.Uri.joinPath(workspaceRoot(), COURSE_FOLDER).toString();
    type Course = Awaited<ReturnType<GlossaireApi['study']>>['courses'][number];
    const group = (c: Course, id: string) => c.groups.find((g) => g.id === id)!;
    let snap = await waitFor(async () => {
      const s = await api.study();
      return s.courses.length === 2 && s.courses.every((c) => c.groups.length === 3) && group(s.courses[0], 'notYetUsed').items.length < glossary.entries.length
        && group(s.courses[1], 'undefined').items.length > 0 ? s : undefined;
    }, 'the Study view with the workspace indexed, two courses');
    // The notes outside every course folder (built-in glossary), then the course folder.
    assert.deepEqual(snap.courses.map((c) => c.id), ['default', courseId]);
    assert.match(snap.courses[0].name, /Externalisation/);
    assert.equal(snap.courses[1].name, COURSE_TITLE);
    for (const c of snap.courses) assert.deepEqual(c.groups.map((g) => g.id), ['due', 'notYetUsed', 'undefined']);

    const [root, course] = snap.courses;
    const notYet = group(root, 'notYetUsed').items.map((i) => i.label);
    // The example notes never write « sous-traitance » and often write « infogérance ».
    assert.ok(notYet.includes('sous-traitance'), notYet.join(', '));
    assert.ok(!notYet.includes('infogérance'));
    for (const label of notYet) assert.ok(glossary.entries.some((e) => e.term === label), label);
    assert.deepEqual(group(root, 'undefined').items, [], 'every bold term of the examples is in the glossary');
    // The second course: its own concepts only, counted in its own notes.
    assert.deepEqual(group(course, 'notYetUsed').items.map((i) => i.label), ['authentification forte', 'sauvegarde incrémentale']);
    assert.deepEqual(group(course, 'undefined').items.map((i) => i.label), ['VPN'], 'bold in both notes of the course');
    assert.match(group(course, 'undefined').items[0].description ?? '', /^2 /);

    const editor = await openUntitled('Le **PRA** prévoit la sous-traitance ; le **PRA** est testé.\n');
    snap = await waitFor(async () => {
      const s = await api.study();
      return s.courses.length === 2 && group(s.courses[0], 'undefined').items.some((i) => i.label === 'PRA') ? s : undefined;
    }, '« PRA » in « Sans définition » of the default course');
    const pra = group(snap.courses[0], 'undefined').items.find((i) => i.label === 'PRA')!;
    assert.match(pra.description ?? '', /^2 /);
    assert.match(pra.contextValue, /^undefinedTerm/);
    assert.ok(!group(snap.courses[0], 'notYetUsed').items.some((i) => i.label === 'sous-traitance'), 'the open note uses it now');
    assert.ok(!group(snap.courses[1], 'undefined').items.some((i) => i.label === 'PRA'), 'a note outside the course folder is not the course\'s');
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
    const run = vscode.commands.executeCommand<{ id: string; outcome: string; grade?: string }[]>('glossaire.review', { course: 'default', mode: 'typeTerm', count: 3 });
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
    const second = vscode.commands.executeCommand<{ id: string; outcome: string }[]>('glossaire.review', { course: 'default', mode: 'writeDefinition', count: 1 });
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

  test('a quiz round on the second course: the course is picked in the quiz (the active note\'s first), its concepts are asked, its schedule is its own', async () => {
    const reseaux = COURSE_TERMS;
    await openNote(`${COURSE_FOLDER}/td2.md`);
    const run = vscode.commands.executeCommand<{ id: string; term: string; outcome: string }[]>('glossaire.review', { mode: 'typeTerm', count: 2 });
    const pick = await waitFor(() => (api.quiz.screen?.step === 'course' ? api.quiz.screen : undefined), 'the course question');
    assert.equal(pick.items.length, 2, pick.items.join(' | '));
    assert.ok(pick.items[0].includes(COURSE_TITLE), 'the course of the active note first');
    assert.match(pick.items[1], /Externalisation/);
    await vscode.commands.executeCommand(ENTER);
    const asked: string[] = [];
    for (let k = 0; k < 2; k++) {
      const screen = await waitFor(() => {
        const s = api.quiz.screen;
        return s?.step === 'question' && !asked.includes(s.conceptId!) ? s : undefined;
      }, `question ${k + 1} on the second course`);
      assert.ok(screen.title.includes(COURSE_TITLE), screen.title);
      asked.push(screen.conceptId!);
      // Never reviewed concepts come first, in the course's order: its glossary's first terms.
      const term = reseaux[k];
      assert.ok(!screen.prompt.toLowerCase().includes(term.toLowerCase()), `« ${term} » hidden in its definition: ${screen.prompt}`);
      assert.ok(api.quiz.type(k === 0 ? term : 'zzzz'));
      await vscode.commands.executeCommand(ENTER);
      const feedback = await waitFor(() => (api.quiz.screen?.step === 'feedback' ? api.quiz.screen : undefined), `verdict ${k + 1}`);
      assert.match(feedback.prompt, k === 0 ? /Right|Juste/ : /It was|C'était/);
      assert.ok(feedback.prompt.includes(term), feedback.prompt);
      await vscode.commands.executeCommand(ENTER);
    }
    const result = await run;
    assert.deepEqual(result.map((a) => [a.term, a.outcome]), [[reseaux[0], 'known'], [reseaux[1], 'forgotten']]);

    // The second course's schedule goes on with its next fresh concept; the default course's is untouched by it.
    const next = vscode.commands.executeCommand<{ term: string }[]>('glossaire.review', { course: vscode.Uri.joinPath(workspaceRoot(), COURSE_FOLDER).toString(), mode: 'typeTerm', count: 1 });
    const q = await waitFor(() => (api.quiz.screen?.step === 'question' ? api.quiz.screen : undefined), 'the next question');
    assert.ok(!asked.includes(q.conceptId!), 'a concept not reviewed yet');
    api.quiz.type(reseaux[2]);
    await vscode.commands.executeCommand(ENTER);
    await waitFor(() => (api.quiz.screen?.step === 'feedback' ? api.quiz.screen : undefined), 'the verdict');
    await vscode.commands.executeCommand(ENTER);
    assert.deepEqual((await next).map((a) => a.term), [reseaux[2]]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the export command writes the Markdown glossary, the Anki file and the CSV', async () => {
    const root = workspaceRoot();
    const written: vscode.Uri[] = [];
    try {
      for (const [format, name] of [['md', 'export-glossaire.md'], ['anki', 'export-anki.txt'], ['csv', 'export.csv']] as const) {
        const target = vscode.Uri.joinPath(root, name);
        const uri = await vscode.commands.executeCommand<vscode.Uri>('glossaire.exportGlossary', { course: 'default', format, target });
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
