/**
 * The settings the client itself reads (the server reads the rest through
 * workspace/configuration), and the "ignore this word" command that writes one.
 */

import * as vscode from 'vscode';
import { CONFIG_SECTION, DEFAULT_SETTINGS } from '../../server/src/shared/protocol';

/** What the Concepts view shows beside each term. */
export type ConceptsDescription = 'definition' | 'occurrences';

/** Language ids the server checks (`glossaire.languages`). */
export function getCheckedLanguages(): string[] {
  const value = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string[]>('languages');
  return Array.isArray(value) && value.length > 0 ? value : DEFAULT_SETTINGS.languages;
}

/**
 * URI schemes of the notes checked: files on disk, unsaved notes, and the workspace folders'
 * own schemes (vscode-vfs: on github.dev, vscode-remote: in code-server's browser host).
 */
export function getCheckedSchemes(): string[] {
  return [...new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
}

/** True when the document's language is checked. */
export function isChecked(document: vscode.TextDocument): boolean {
  return getCheckedSchemes().includes(document.uri.scheme) && getCheckedLanguages().includes(document.languageId);
}

/** `glossaire.completion.asYouType`: glossary terms as ghost text while typing. */
export function isAsYouTypeCompletionEnabled(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('completion.asYouType', true);
}

/** `glossaire.conceptsView.description`. */
export function getConceptsDescription(): ConceptsDescription {
  const v = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('conceptsView.description');
  return v === 'occurrences' ? 'occurrences' : 'definition';
}

/** Sets `glossaire.conceptsView.description` for the user. */
export async function setConceptsDescription(value: ConceptsDescription): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION)
    .update('conceptsView.description', value, vscode.ConfigurationTarget.Global);
}

/**
 * Adds a word to `glossaire.ignoreWords` in the workspace settings (the user settings when no
 * folder is open). Returns false when it was already there.
 */
export async function addIgnoredWord(word: string): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<string[]>('ignoreWords');
  const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  if (current.includes(word)) return false;
  await config.update('ignoreWords', [...current, word].sort((a, b) => a.localeCompare(b, 'fr')), target);
  return true;
}
