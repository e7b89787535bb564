/**
 * Helpers of the in-editor suite: the extension's API, the workspace's notes, and polling
 * (the suite never sleeps a fixed time: it waits for a condition, with a deadline).
 */

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlossaireApi } from '../../../client/src/api';

/** The extension's id (publisher.name). */
export const EXTENSION_ID = 'glossaire.glossaire';

/** Activates the extension and waits for its language server. */
export async function getApi(): Promise<GlossaireApi> {
  const ext = vscode.extensions.getExtension<GlossaireApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready();
  return api;
}

/**
 * Calls `fn` until it returns a truthy value (which is returned) or `timeout` ms pass (throws,
 * with the last value or error). Exceptions count as "not yet".
 */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeout = 15_000, interval = 100): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The workspace folder (a temporary copy of examples/). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (a copy of examples/)');
  return folder.uri;
}

/** Opens a note of the workspace in an editor. */
export async function openNote(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), name));
  return vscode.window.showTextDocument(doc);
}

/** Opens an unsaved Markdown note with this text. */
export async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(doc);
}

/** Glossaire's diagnostics of a document. */
export function glossaireDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'glossaire');
}

/** The code of a diagnostic as a string. */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Waits until a document has exactly `count` Glossaire diagnostics and returns them. */
export function waitForDiagnostics(uri: vscode.Uri, count: number, timeout = 15_000): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const ds = glossaireDiagnostics(uri);
    return ds.length === count ? ds : undefined;
  }, `${count} Glossaire diagnostic(s) in ${uri.path.split('/').pop()} (now ${glossaireDiagnostics(uri).length})`, timeout);
}

/** Position of the `occurrence`-th match of `text` in a document. */
export function positionOf(doc: vscode.TextDocument, text: string, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" (#${occurrence}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at);
}

/** Reverts a document to its saved text (tests edit notes but never save them). */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  if (doc.isUntitled) {
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, doc.validateRange(all));
    await vscode.workspace.applyEdit(edit);
    return;
  }
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !doc.isDirty, `revert of ${doc.uri.path}`);
}

/** The text of a hover's contents. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** A finding planted in the example notes, from the table of examples/README.md. */
export interface PlantedTypo {
  file: string;
  line: number;
  written: string;
  fix: string;
}

/** Reads the table of planted typos from the workspace's README.md (the examples' own list). */
export async function plantedTypos(): Promise<PlantedTypo[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), 'README.md'));
  const out: PlantedTypo[] = [];
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    const m = /^\|\s*`([^`]+\.md)`\s*\|\s*(\d+)\s*\|\s*`([^`]+)`[^|]*\|\s*`([^`]+)`/.exec(line);
    if (m) out.push({ file: m[1], line: Number(m[2]), written: m[3], fix: m[4] });
  }
  assert.ok(out.length > 0, 'no planted typo listed in README.md');
  return out;
}

/** The built-in glossary's entries (read from the extension's folder). */
export async function builtinGlossary(): Promise<{
  categories: { id: string; label: string }[];
  entries: { id: string; term: string; category: string; definition: string; forms?: string[] }[];
}> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'glossary', 'externalisation.json'));
  return JSON.parse(new TextDecoder().decode(bytes));
}
