/**
 * The "In This Note" view: the concepts the active note uses, most used first, each with its
 * count and its occurrences (the line, the term highlighted) that jump to the text. It follows
 * the active editor and the server's re-analyses, so it updates as the student types.
 */

import * as vscode from 'vscode';
import { DocumentConcept, DocumentConceptsRequest, ProtocolRange } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';
import { isChecked } from './settings';

/** The view's id (package.json contributes.views). */
export const NOTE_CONCEPTS_VIEW_ID = 'glossaire.noteConcepts';

/** A concept used by the note. */
export interface NoteConceptNode {
  kind: 'noteConcept';
  uri: vscode.Uri;
  concept: DocumentConcept;
}

/** One occurrence of a concept in the note. */
export interface OccurrenceNode {
  kind: 'occurrence';
  uri: vscode.Uri;
  concept: DocumentConcept;
  range: vscode.Range;
}

/** A row of the view. */
export type NoteConceptsNode = NoteConceptNode | OccurrenceNode;

/** Drives the welcome content (context key `glossaire.noteConceptsView`). */
export type NoteConceptsState = 'noEditor' | 'notChecked' | 'loading' | 'empty' | 'ready' | 'error';

/** What the view shows, as plain data (for the extension's API). */
export interface NoteConceptsSnapshot {
  state: NoteConceptsState;
  uri?: string;
  concepts: { id: string; label: string; count: number; occurrences: { line: number; character: number }[] }[];
}

/** Converts a protocol range. */
export function toRange(r: ProtocolRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The tree data provider and its TreeView. */
export class NoteConceptsView implements vscode.TreeDataProvider<NoteConceptsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NoteConceptsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<NoteConceptsNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private state: NoteConceptsState = 'noEditor';
  private timer: NodeJS.Timeout | undefined;
  /** The note shown (the last checked editor stays while focus is in a panel or a webview). */
  private note: vscode.TextDocument | undefined;

  constructor(private readonly client: GlossaireClient) {
    this.treeView = vscode.window.createTreeView(NOTE_CONCEPTS_VIEW_ID, { treeDataProvider: this });
    this.follow(vscode.window.activeTextEditor);
    this.disposables.push(
      this.treeView,
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      client.onDidChangeOccurrences(({ uri }) => {
        if (!uri || uri === this.note?.uri.toString()) this.refreshSoon();
      }),
      client.onDidChangeRunning(() => this.refreshSoon()),
      // The server notifies after each analysis; this covers a server that is busy or restarting.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.note && e.contentChanges.length > 0) this.refreshSoon(600);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.note) this.follow(vscode.window.activeTextEditor);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('glossaire.languages')) this.follow(vscode.window.activeTextEditor);
      }),
    );
  }

  /** The note whose concepts are shown. */
  get document(): vscode.TextDocument | undefined {
    return this.note;
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    // With focus in an output pane or a webview, the note still on screen stays shown.
    if (editor && editor.document.uri.scheme !== 'output') this.note = editor.document;
    else if (!vscode.window.visibleTextEditors.some((e) => e.document === this.note)) this.note = undefined;
    const doc = this.note;
    this.treeView.description = doc ? doc.uri.path.split('/').pop() : undefined;
    this.refreshSoon(0);
  }

  /** Re-reads the note's concepts after `delay` ms (calls in between are merged). */
  refreshSoon(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), delay);
  }

  private async setState(state: NoteConceptsState): Promise<void> {
    if (state === this.state) return;
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'glossaire.noteConceptsView', state);
  }

  /** The note's concepts from the server (empty when none, unchecked or on error). */
  private async fetch(): Promise<{ uri?: vscode.Uri; concepts: DocumentConcept[] }> {
    const doc = this.note;
    if (!doc) {
      await this.setState('noEditor');
      return { concepts: [] };
    }
    if (!isChecked(doc)) {
      await this.setState('notChecked');
      return { uri: doc.uri, concepts: [] };
    }
    try {
      if (!this.client.isRunning) await this.setState('loading');
      const concepts = (await this.client.sendRequest(DocumentConceptsRequest, { uri: doc.uri.toString() })) ?? [];
      await this.setState(concepts.length > 0 ? 'ready' : 'empty');
      return { uri: doc.uri, concepts };
    } catch (e) {
      console.error('[glossaire] note concepts view:', e);
      await this.setState('error');
      return { uri: doc.uri, concepts: [] };
    }
  }

  async getChildren(node?: NoteConceptsNode): Promise<NoteConceptsNode[]> {
    if (!node) {
      const { uri, concepts } = await this.fetch();
      return uri ? concepts.map((concept) => ({ kind: 'noteConcept', uri, concept })) : [];
    }
    if (node.kind === 'noteConcept') {
      return node.concept.ranges.map((r) => ({ kind: 'occurrence', uri: node.uri, concept: node.concept, range: toRange(r) }));
    }
    return [];
  }

  getTreeItem(node: NoteConceptsNode): vscode.TreeItem {
    if (node.kind === 'noteConcept') {
      const c = node.concept;
      const item = new vscode.TreeItem(c.term, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `note:${c.id}`;
      item.description = `×${c.count}`;
      item.tooltip = vscode.l10n.t('{0} — {1}: {2} occurrence(s) in this note', c.term, c.categoryLabel, c.count);
      item.iconPath = new vscode.ThemeIcon('symbol-key');
      item.contextValue = 'noteConcept';
      if (c.ranges.length > 0) {
        item.command = {
          command: 'glossaire.revealOccurrence',
          title: vscode.l10n.t('Go to the Occurrence'),
          arguments: [node.uri, toRange(c.ranges[0])],
        };
      }
      return item;
    }
    const doc = this.note?.uri.toString() === node.uri.toString() ? this.note : undefined;
    const line = node.range.start.line;
    const { text, highlight } = lineExcerpt(doc?.lineAt(line).text ?? '', node.range);
    const item = new vscode.TreeItem({ label: text, highlights: highlight ? [highlight] : [] });
    item.id = `note:${node.concept.id}:${line}:${node.range.start.character}`;
    item.description = vscode.l10n.t('line {0}', line + 1);
    item.contextValue = 'occurrence';
    item.command = {
      command: 'glossaire.revealOccurrence',
      title: vscode.l10n.t('Go to the Occurrence'),
      arguments: [node.uri, node.range],
    };
    return item;
  }

  getParent(node: NoteConceptsNode): NoteConceptsNode | undefined {
    return node.kind === 'occurrence' ? { kind: 'noteConcept', uri: node.uri, concept: node.concept } : undefined;
  }

  /** What the view shows now, as plain data. */
  async snapshot(): Promise<NoteConceptsSnapshot> {
    const { uri, concepts } = await this.fetch();
    return {
      state: this.state,
      uri: uri?.toString(),
      concepts: concepts.map((c) => ({
        id: c.id,
        label: c.term,
        count: c.count,
        occurrences: c.ranges.map((r) => ({ line: r.start.line, character: r.start.character })),
      })),
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** A line cut around an occurrence (at most ~60 characters), with the occurrence's span in it. */
export function lineExcerpt(line: string, range: vscode.Range): { text: string; highlight?: [number, number] } {
  const start = range.start.character;
  const end = range.end.line === range.start.line ? range.end.character : line.length;
  const from = Math.max(0, start - 25);
  const to = Math.min(line.length, Math.max(end + 30, from + 60));
  const prefix = from > 0 ? '…' : '';
  const raw = line.slice(from, to);
  // Leading blanks are trimmed from the label; keep the highlight aligned with what is shown.
  const lead = raw.length - raw.trimStart().length;
  if (!raw.trim()) return { text: line.trim() };
  const text = prefix + raw.trim() + (to < line.length ? '…' : '');
  const hs = prefix.length + start - from - lead;
  return { text, highlight: [hs, hs + (end - start)] };
}
