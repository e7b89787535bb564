/**
 * The "Study" view of the Glossaire panel: the course's coverage by the notes and its revision.
 * Groups: « Concepts à revoir » (due in the Leitner schedule), « Pas encore dans vos notes »
 * (concepts no note mentions), « Sans définition » (bold terms of the notes defined nowhere,
 * each with its places and « Ajouter au glossaire… » when that command exists). Title buttons
 * run the quiz and the export. Follows the server's re-analyses and the schedule.
 */

import * as vscode from 'vscode';
import { CoverageRequest, CoverageResult, ProtocolRange } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';
import { LeitnerStore } from './leitnerStore';

/** The view's id (package.json contributes.views). */
export const STUDY_VIEW_ID = 'glossaire.study';

/** The command « Ajouter au glossaire… » calls when it exists (built with courses per folder). */
export const ADD_TO_GLOSSARY_COMMAND = 'glossaire.addToGlossary';

/** The three groups. */
export type StudyGroupId = 'due' | 'notYetUsed' | 'undefined';

/** A row of the view. */
export type StudyNode =
  | { kind: 'group'; group: StudyGroupId; label: string; children: StudyNode[] }
  | { kind: 'studyConcept'; id: string; term: string; description?: string }
  | { kind: 'undefinedTerm'; term: string; count: number; locations: { uri: string; range: ProtocolRange }[] }
  | { kind: 'termLocation'; term: string; uri: string; range: ProtocolRange };

/** What the view shows, as plain data (for the extension's API and the in-editor tests). */
export interface StudySnapshot {
  course?: string;
  groups: { id: StudyGroupId; label: string; items: { label: string; description?: string; contextValue: string }[] }[];
}

/** The tree data provider and its TreeView. */
export class StudyView implements vscode.TreeDataProvider<StudyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StudyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<StudyNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  private canAdd = false;

  constructor(private readonly client: GlossaireClient, private readonly leitner: LeitnerStore) {
    this.treeView = vscode.window.createTreeView(STUDY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      client.onDidChangeOccurrences(() => this.refreshSoon()),
      client.onDidChangeGlossary(() => this.refreshSoon()),
      client.onDidChangeRunning(() => this.refreshSoon()),
      leitner.onDidChange(() => this.refresh()),
      this.treeView.onDidChangeVisibility(() => this.refreshSoon()),
    );
  }

  /** Re-reads everything. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    // The server notifies after every analysis: one refresh per pause in the typing, and none
    // while the view is hidden (showing it refreshes it).
    if (!this.treeView.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  /** The coverage and the due concepts, as the view's root groups. */
  private async groups(): Promise<{ coverage: CoverageResult; roots: StudyNode[] }> {
    const coverage = await this.client.sendRequest(CoverageRequest, {});
    // Hook: « Ajouter au glossaire… » shows once the command exists.
    this.canAdd = (await vscode.commands.getCommands(true)).includes(ADD_TO_GLOSSARY_COMMAND);
    const terms = new Map([...coverage.used, ...coverage.notYetUsed].map((c) => [c.id, c.term]));
    const due = this.leitner.due(coverage.course, [...terms.keys()]);
    const roots: StudyNode[] = [
      {
        kind: 'group', group: 'due', label: vscode.l10n.t('Concepts to Review'),
        children: due.map((id) => ({ kind: 'studyConcept', id, term: terms.get(id) ?? id })),
      },
      {
        kind: 'group', group: 'notYetUsed', label: vscode.l10n.t('Not in Your Notes Yet'),
        children: coverage.notYetUsed.map((c) => ({ kind: 'studyConcept', id: c.id, term: c.term })),
      },
      {
        kind: 'group', group: 'undefined', label: vscode.l10n.t('No Definition'),
        children: coverage.undefinedTerms.map((u) => ({ kind: 'undefinedTerm', term: u.term, count: u.count, locations: u.locations })),
      },
    ];
    return { coverage, roots };
  }

  async getChildren(node?: StudyNode): Promise<StudyNode[]> {
    if (node?.kind === 'group') return node.children;
    if (node?.kind === 'undefinedTerm') return node.locations.map((l) => ({ kind: 'termLocation', term: node.term, uri: l.uri, range: l.range }));
    if (node) return [];
    try {
      const { coverage, roots } = await this.groups();
      this.treeView.description = coverage.course.name;
      return roots;
    } catch (e) {
      console.error('[glossaire] study view:', e);
      return [];
    }
  }

  getTreeItem(node: StudyNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        // An empty group cannot be expanded; its id changes once it has rows, so that it opens.
        item.id = `study:${node.group}:${node.children.length > 0 ? 'rows' : 'empty'}`;
        item.description = String(node.children.length);
        item.contextValue = `studyGroup.${node.group}`;
        item.accessibilityInformation = { label: `${node.label}, ${node.children.length}` };
        item.iconPath = new vscode.ThemeIcon(node.group === 'due' ? 'history' : node.group === 'notYetUsed' ? 'circle-large-outline' : 'question');
        item.tooltip = node.group === 'due'
          ? vscode.l10n.t('Concepts whose review is due (Leitner boxes)')
          : node.group === 'notYetUsed'
            ? vscode.l10n.t('Concepts of the course that no note mentions yet')
            : vscode.l10n.t('Terms in bold in your notes that neither the glossary nor your notes define');
        return item;
      }
      case 'studyConcept': {
        const item = new vscode.TreeItem(node.term, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.contextValue = 'studyConcept';
        item.command = { command: 'glossaire.showDefinition', title: vscode.l10n.t('Show the Definition'), arguments: [node.id] };
        return item;
      }
      case 'undefinedTerm': {
        const item = new vscode.TreeItem(node.term, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = vscode.l10n.t('{0} in the notes', node.count);
        item.iconPath = new vscode.ThemeIcon('symbol-text');
        item.contextValue = this.canAdd ? 'undefinedTerm.addable' : 'undefinedTerm';
        return item;
      }
      case 'termLocation': {
        const file = decodeURIComponent(node.uri.replace(/^.*\//, ''));
        const item = new vscode.TreeItem(file, vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('line {0}', node.range.start.line + 1);
        item.iconPath = vscode.ThemeIcon.File;
        item.resourceUri = vscode.Uri.parse(node.uri);
        item.contextValue = 'termLocation';
        item.command = { command: 'glossaire.revealOccurrence', title: vscode.l10n.t('Go to the Occurrence'), arguments: [node.uri, node.range] };
        return item;
      }
    }
  }

  /** What the view shows now. */
  async snapshot(): Promise<StudySnapshot> {
    const roots = (await this.getChildren()) as Extract<StudyNode, { kind: 'group' }>[];
    return {
      course: typeof this.treeView.description === 'string' ? this.treeView.description : undefined,
      groups: roots.map((g) => ({
        id: g.group,
        label: g.label,
        items: g.children.map((c) => {
          const item = this.getTreeItem(c);
          return { label: String(item.label), description: typeof item.description === 'string' ? item.description : undefined, contextValue: item.contextValue ?? '' };
        }),
      })),
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** « Ajouter au glossaire… » on a « Sans définition » row: hands the term to the course command. */
export function addToGlossary(node: StudyNode | string | undefined): Thenable<unknown> | undefined {
  const term = typeof node === 'string' ? node : node && 'term' in node ? node.term : undefined;
  return term ? vscode.commands.executeCommand(ADD_TO_GLOSSARY_COMMAND, term) : undefined;
}
