/**
 * « Ajouter au glossaire… »: one quick-input flow (the definition, prefilled by the server
 * with the note's own definition or the sentence around the word; then a category, existing
 * or new), then the server's WorkspaceEdit applied (undoable) and the glossary saved, so the
 * new term is live at once in every note of the course.
 */

import * as vscode from 'vscode';
import { ADD_TO_GLOSSARY_COMMAND, AddToGlossaryArgs, AddToGlossaryEditRequest } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';

/** Answers given in advance (the in-editor tests), instead of asking. */
export interface AddToGlossaryAnswers {
  definition?: string;
  category?: string;
}

/** Runs the flow; resolves with the glossary's URI once written, undefined when cancelled. */
export async function addToGlossary(client: GlossaireClient, args: AddToGlossaryArgs | undefined, answers: AddToGlossaryAnswers = {}): Promise<string | undefined> {
  args ??= await argsAtCursor();
  if (!args) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on a word (or select a term) to add it to the glossary.'));
    return undefined;
  }
  const title = vscode.l10n.t('Add “{0}” to the glossary', args.term);
  const definition = answers.definition ?? (await vscode.window.showInputBox({
    title: `${title} (1/2)`,
    prompt: vscode.l10n.t('Definition'),
    value: args.definition,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The definition cannot be empty')),
  }));
  if (!definition?.trim()) return undefined;
  let category = answers.category;
  if (category === undefined) {
    const newCategory = vscode.l10n.t('$(add) New category…');
    const picked = args.categories.length === 0
      ? newCategory
      : await vscode.window.showQuickPick([...args.categories, newCategory], { title: `${title} (2/2)`, placeHolder: vscode.l10n.t('Category'), ignoreFocusOut: true });
    if (picked === undefined) return undefined;
    category = picked === newCategory
      ? await vscode.window.showInputBox({ title: `${title} (2/2)`, prompt: vscode.l10n.t('New category'), value: args.categories.length === 0 ? vscode.l10n.t('Notions') : '', ignoreFocusOut: true })
      : picked;
    if (!category?.trim()) return undefined;
  }
  const r = await client.sendRequest(AddToGlossaryEditRequest, { uri: args.uri, term: args.term, definition, category });
  if (!r) return undefined;
  const edit = await client.asWorkspaceEdit(r.edit);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not write to {0}', vscode.Uri.parse(r.target).fsPath));
    return undefined;
  }
  // Saved: the file watcher makes the term live in the notes that are not open too.
  const target = vscode.Uri.parse(r.target);
  await vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString())?.save();
  vscode.window.setStatusBarMessage(vscode.l10n.t('“{0}” added to {1}', args.term, vscode.workspace.asRelativePath(target)), 4000);
  return r.target;
}

/** The server's arguments for the word or selection at the cursor (its code action). */
async function argsAtCursor(): Promise<AddToGlossaryArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', editor.document.uri, editor.selection,
  );
  for (const a of actions ?? []) {
    const command = 'command' in a && typeof a.command === 'object' ? a.command : (a as vscode.Command);
    if (command?.command === ADD_TO_GLOSSARY_COMMAND) return command.arguments?.[0] as AddToGlossaryArgs;
  }
  return undefined;
}
