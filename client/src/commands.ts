/**
 * Every command of the extension, in one table. Palette commands carry the "Glossaire"
 * category (package.json); the others serve the views' inline and context menus, the concept
 * page's links and the server's code actions. Each returns a value the in-editor tests check.
 */

import * as vscode from 'vscode';
import { AddToGlossaryArgs, ConceptSummary, FIX_ALL_KIND, IGNORE_WORD_COMMAND, ReloadGlossariesRequest } from '../../server/src/shared/protocol';
import { addToGlossary as addTermToGlossary, AddToGlossaryAnswers } from './addToGlossary';
import { ConceptPanel } from './conceptPanel';
import { pickConcept } from './conceptPicker';
import { ConceptsModel } from './conceptsModel';
import { ConceptsNode, ConceptsView } from './conceptsView';
import { GlossaireClient } from './languageClient';
import { NoteConceptsNode } from './noteConceptsView';
import { findConceptOccurrences, showLocations } from './occurrences';
import { addIgnoredWord, isChecked, setConceptsDescription } from './settings';
import { Quiz, QuizOptions } from './quiz';
import { exportGlossary, ExportOptions } from './studyExport';
import { addToGlossary, courseOfNode, StudyNode } from './studyView';

/** The server's fix-all kind (shared/protocol.ts) as a vscode kind. */
const fixAllKind = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

/** What the commands work with. */
export interface CommandContext {
  extensionUri: vscode.Uri;
  client: GlossaireClient;
  model: ConceptsModel;
  conceptsView: ConceptsView;
  panel: ConceptPanel;
  output: vscode.LogOutputChannel;
  editors: EditorTracker;
  quiz: Quiz;
}

/** Remembers the last text editor, for commands run from a view or the concept page. */
export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly listener = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e && e.document.uri.scheme !== 'output') this.last = e;
  });

  /** The active text editor, or the last one if it is still open. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== 'output') return active;
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    return vscode.window.visibleTextEditors.find((e) => e.document === last.document) ?? last;
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/** A command's argument naming a concept: its id, a view row, or nothing (selection / picker). */
type ConceptArg = string | ConceptsNode | NoteConceptsNode | undefined;

/** Registers every command. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const table: Record<string, (...args: any[]) => unknown> = {
    'glossaire.showConcept': (query?: string) => showConcept(ctx, query),
    'glossaire.showDefinition': async (arg?: ConceptArg) => {
      const c = await resolveConcept(ctx, arg);
      return c ? ctx.panel.show(c.id) : false;
    },
    'glossaire.insertTerm': async (arg?: ConceptArg) => {
      const c = await resolveConcept(ctx, arg);
      return c ? insertTerm(ctx, c.term) : false;
    },
    'glossaire.copyDefinition': async (arg?: ConceptArg) => {
      const c = await resolveConcept(ctx, arg);
      return c ? copyDefinition(ctx, c.id) : undefined;
    },
    'glossaire.findOccurrences': async (arg?: ConceptArg) => {
      const c = await resolveConcept(ctx, arg);
      return c ? findOccurrences(ctx, c) : [];
    },
    'glossaire.openConceptSource': async (arg?: ConceptArg) => {
      const c = await resolveConcept(ctx, arg);
      return c ? openConceptSource(ctx, c.id) : false;
    },
    'glossaire.revealOccurrence': (uri: vscode.Uri | string, range: vscode.Range) => revealOccurrence(uri, range),
    'glossaire.fixAll': () => fixAll(ctx),
    'glossaire.reloadGlossaries': () => reloadGlossaries(ctx),
    'glossaire.openBuiltinGlossary': () =>
      vscode.window.showTextDocument(vscode.Uri.joinPath(ctx.extensionUri, 'glossary', 'externalisation.json')),
    'glossaire.restartServer': () => restartServer(ctx),
    'glossaire.showOutput': () => ctx.output.show(true),
    'glossaire.conceptsView.showOccurrences': () => setConceptsDescription('occurrences'),
    'glossaire.conceptsView.showDefinitions': () => setConceptsDescription('definition'),
    [IGNORE_WORD_COMMAND]: (word: string) => ignoreWord(word),
    'glossaire.addToGlossary': (args?: AddToGlossaryArgs, answers?: AddToGlossaryAnswers) => addTermToGlossary(ctx.client, args, answers),
    // From a course's row of the Study view: that course.
    'glossaire.review': (options?: QuizOptions) => ctx.quiz.run(courseOfNode(options) ? { course: courseOfNode(options) } : options && typeof options === 'object' ? options : {}),
    'glossaire.exportGlossary': (options?: ExportOptions) => exportGlossary(ctx.client, options && typeof options === 'object' ? options : {}),
    'glossaire.showNoteConcepts': () => vscode.commands.executeCommand('glossaire.noteConcepts.focus'),
    'glossaire.study.addToGlossary': (node?: StudyNode | string) => addToGlossary(node),
  };
  return Object.entries(table).map(([id, run]) => vscode.commands.registerCommand(id, run));
}

/** The concept a command is about; asks with the picker when nothing names one. */
async function resolveConcept(ctx: CommandContext, arg: ConceptArg): Promise<ConceptSummary | undefined> {
  let id: string | undefined;
  if (typeof arg === 'string') id = arg;
  else if (arg && 'concept' in arg) id = arg.concept.id;
  else {
    const selected = ctx.conceptsView.treeView.selection.find((n) => n.kind === 'concept');
    if (selected?.kind === 'concept') id = selected.concept.id;
  }
  const { concepts } = await ctx.model.get();
  if (id !== undefined) return concepts.find((c) => c.id === id);
  return (await pickConcept(concepts))?.concept;
}

async function showConcept(ctx: CommandContext, query?: string): Promise<string | undefined> {
  let concepts: ConceptSummary[];
  try {
    concepts = (await ctx.model.get()).concepts;
  } catch (e) {
    serverDown(ctx, e);
    return undefined;
  }
  const pick = await pickConcept(concepts, typeof query === 'string' ? query : '');
  if (!pick) return undefined;
  if (pick.action === 'insert') await insertTerm(ctx, pick.concept.term);
  else if (pick.action === 'copy') await copyDefinition(ctx, pick.concept.id);
  else await ctx.panel.show(pick.concept.id);
  return pick.concept.id;
}

/** Replaces every selection of the note with the term; returns false without a note. */
async function insertTerm(ctx: CommandContext, term: string): Promise<boolean> {
  const target = ctx.editors.editor;
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a note to insert “{0}” into it.', term));
    return false;
  }
  // Focus the note first: the command may come from the panel or the concept page.
  const editor = await vscode.window.showTextDocument(target.document, { viewColumn: target.viewColumn, preserveFocus: false });
  return editor.edit((b) => {
    for (const s of editor.selections) b.replace(s, term);
  });
}

/** Copies "term: definition" (plain text). */
async function copyDefinition(ctx: CommandContext, id: string): Promise<string | undefined> {
  const d = await ctx.model.details(id);
  if (!d) return undefined;
  const plain = d.definition.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');
  const text = vscode.l10n.t('{0}: {1}', d.term, plain);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Definition of “{0}” copied', d.term), 3000);
  return text;
}

async function findOccurrences(ctx: CommandContext, concept: ConceptSummary): Promise<vscode.Location[]> {
  const { anchor, locations } = await vscode.window.withProgress(
    { location: { viewId: 'glossaire.concepts' }, title: vscode.l10n.t('Finding occurrences of “{0}”…', concept.term) },
    (_p, token) => findConceptOccurrences(ctx.client, concept, token),
  );
  if (!anchor || locations.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” does not occur in the notes yet.', concept.term));
    return [];
  }
  await showLocations(vscode.l10n.t('Occurrences of “{0}”', concept.term), anchor, locations);
  return locations;
}

async function openConceptSource(ctx: CommandContext, id: string): Promise<boolean> {
  const d = await ctx.model.details(id);
  if (!d?.location) return false;
  const r = d.location.range;
  await vscode.window.showTextDocument(vscode.Uri.parse(d.location.uri), {
    selection: new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character),
  });
  return true;
}

async function revealOccurrence(uri: vscode.Uri | string, range: vscode.Range): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : vscode.Uri.from(uri);
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(target, { selection, preserveFocus: false });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Applies the server's fix-all action to the active note; returns the number of edits. */
async function fixAll(ctx: CommandContext): Promise<number> {
  const editor = ctx.editors.editor;
  if (!editor || !isChecked(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a note to fix its glossary typos.'));
    return 0;
  }
  const doc = editor.document;
  const all = doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0));
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider', doc.uri, all, fixAllKind.value,
  )) ?? [];
  const action = actions.find((a) => a.kind && fixAllKind.contains(a.kind) && a.edit);
  const edits = action?.edit?.get(doc.uri) ?? [];
  if (!action?.edit || edits.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) No glossary typo in this note'), 3000);
    return 0;
  }
  if (!(await vscode.workspace.applyEdit(action.edit))) return 0;
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) {0} glossary typo(s) fixed', edits.length), 4000);
  return edits.length;
}

async function reloadGlossaries(ctx: CommandContext): Promise<{ concepts: number; problems: number } | undefined> {
  try {
    const r = await ctx.client.sendRequest(ReloadGlossariesRequest);
    ctx.model.invalidate();
    if (r.problems > 0) {
      const show = vscode.l10n.t('Show Problems');
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Glossaries reloaded: {0} concept(s), {1} problem(s).', r.concepts, r.problems), show,
      ).then((choice) => choice === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
    } else {
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Glossaries reloaded: {0} concept(s)', r.concepts), 4000);
    }
    return r;
  } catch (e) {
    serverDown(ctx, e);
    return undefined;
  }
}

async function restartServer(ctx: CommandContext): Promise<boolean> {
  try {
    await ctx.client.restart();
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Glossaire server restarted'), 3000);
    return true;
  } catch (e) {
    serverDown(ctx, e);
    return false;
  }
}

/** The server's "ignore this word" code action: adds it to the workspace's ignore list. */
async function ignoreWord(word: unknown): Promise<boolean> {
  if (typeof word !== 'string' || !word.trim()) return false;
  const added = await addIgnoredWord(word.trim());
  vscode.window.setStatusBarMessage(
    added
      ? vscode.l10n.t('“{0}” will no longer be flagged in this workspace', word)
      : vscode.l10n.t('“{0}” is already ignored', word),
    4000,
  );
  return added;
}

function serverDown(ctx: CommandContext, e: unknown): void {
  ctx.output.error(String(e));
  const open = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(vscode.l10n.t('The Glossaire server is not available: {0}', String(e)), open)
    .then((choice) => choice === open && ctx.output.show());
}
