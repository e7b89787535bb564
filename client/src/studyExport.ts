/**
 * « Exporter le glossaire… »: writes a course's concepts as a Markdown glossary (linked to the
 * notes), an Anki import file or CSV. The server makes the text (the same core as the CLI);
 * this asks for the format and the file, and writes it.
 */

import * as vscode from 'vscode';
import { CoursesRequest, ExportGlossaryParams, ExportGlossaryRequest } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';
import { courseDescription } from './studyView';

/** The command's argument (everything optional: the format and the file are asked for). */
export interface ExportOptions {
  course?: string;
  format?: ExportGlossaryParams['format'];
  /** Where to write (a URI or its string). */
  target?: vscode.Uri | string;
  /** Anki: two cards per concept. */
  reverse?: boolean;
}

const FILE_NAMES: Record<ExportGlossaryParams['format'], string> = { md: 'glossaire.md', anki: 'glossaire-anki.txt', csv: 'glossaire.csv' };

/** Runs the export; resolves with the written file, or undefined when cancelled. */
export async function exportGlossary(client: GlossaireClient, options: ExportOptions = {}): Promise<vscode.Uri | undefined> {
  let course = options.course;
  if (course === undefined) {
    // Several courses: which one (the active note's first).
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const { courses, active } = await client.sendRequest(CoursesRequest, uri ? { uri } : {});
    if (courses.length > 1) {
      const ordered = [...courses.filter((c) => c.id === active), ...courses.filter((c) => c.id !== active)];
      const picked = await vscode.window.showQuickPick(
        ordered.map((c) => ({ id: c.id, label: c.name, description: courseDescription(c), detail: c.id === active ? vscode.l10n.t('The course of the active note') : undefined })),
        { title: vscode.l10n.t('Export the Glossary'), placeHolder: vscode.l10n.t('Which course?') },
      );
      if (!picked) return undefined;
      course = picked.id;
    }
  }
  let format = options.format;
  let reverse = options.reverse;
  if (!format) {
    const items: (vscode.QuickPickItem & { format: ExportGlossaryParams['format']; reverse?: boolean })[] = [
      { format: 'md', label: '$(markdown) Markdown', detail: vscode.l10n.t('A glossary document: terms, definitions, synonyms, links to your notes') },
      { format: 'anki', label: '$(layers) Anki', detail: vscode.l10n.t('Flashcards, one per concept (File → Import in Anki)') },
      { format: 'anki', reverse: true, label: `$(layers) ${vscode.l10n.t('Anki, both directions')}`, detail: vscode.l10n.t('Two flashcards per concept: term → definition and definition → term') },
      { format: 'csv', label: '$(table) CSV', detail: vscode.l10n.t('A table for a spreadsheet') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export the Glossary'), placeHolder: vscode.l10n.t('Format') });
    if (!picked) return undefined;
    format = picked.format;
    reverse = picked.reverse;
  }
  let target = typeof options.target === 'string' ? vscode.Uri.parse(options.target) : options.target;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the Glossary'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, FILE_NAMES[format]) : undefined,
      filters: format === 'md' ? { Markdown: ['md'] } : format === 'csv' ? { CSV: ['csv'] } : { [vscode.l10n.t('Text')]: ['txt'] },
    });
    if (!target) return undefined;
  }
  const result = await client.sendRequest(ExportGlossaryRequest, { format, course, targetUri: target.toString(), reverse: reverse === true });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} concept(s) exported to {1}.', result.concepts, vscode.workspace.asRelativePath(target)), open)
    .then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(target!);
    });
  return target;
}
