/**
 * The status bar item of a note: how many glossary concepts it uses and how many glossary
 * typos it has (« 12 concepts · 2 fautes »); a click opens the panel on "In This Note".
 */

import * as vscode from 'vscode';
import { DocumentConceptsRequest } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';
import { isChecked } from './settings';

/** Command of a click on the item (registered in commands.ts): the panel on "In This Note". */
export const SHOW_NOTE_PANEL_COMMAND = 'glossaire.showNoteConcepts';

/** The item and what it shows (for the extension's API). */
export class NoteStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('glossaire.noteStatus', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The note and counts shown, once computed. */
  shown: { uri: string; concepts: number; typos: number } | undefined;

  constructor(private readonly client: GlossaireClient) {
    this.item.name = vscode.l10n.t('Glossaire: this note');
    this.item.command = SHOW_NOTE_PANEL_COMMAND;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.updateSoon(0)),
      client.onDidChangeOccurrences(() => this.updateSoon()),
      client.onDidChangeRunning(() => this.updateSoon()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = vscode.window.activeTextEditor?.document;
        if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) this.updateSoon();
      }),
    );
    this.updateSoon(0);
  }

  private updateSoon(delay = 250): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  /** Recomputes the item for the active editor. */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isChecked(doc) || !this.client.isRunning) {
      this.item.hide();
      this.shown = undefined;
      return;
    }
    let concepts: number;
    try {
      concepts = (await this.client.sendRequest(DocumentConceptsRequest, { uri: doc.uri.toString() })).length;
    } catch {
      return;
    }
    if (generation !== this.generation) return;
    const typos = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'glossaire').length;
    this.item.text = `$(book) ${conceptsText(concepts)} · ${typosText(typos)}`;
    this.item.tooltip = vscode.l10n.t('Glossary concepts and typos in this note: click to open the panel');
    this.item.accessibilityInformation = { label: `${conceptsText(concepts)}, ${typosText(typos)}` };
    this.item.show();
    this.shown = { uri: doc.uri.toString(), concepts, typos };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function conceptsText(n: number): string {
  if (n === 0) return vscode.l10n.t('no concept');
  return n === 1 ? vscode.l10n.t('1 concept') : vscode.l10n.t('{0} concepts', n);
}

function typosText(n: number): string {
  if (n === 0) return vscode.l10n.t('no typo');
  return n === 1 ? vscode.l10n.t('1 typo') : vscode.l10n.t('{0} typos', n);
}
