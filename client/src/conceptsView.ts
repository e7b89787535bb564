/**
 * The "Concepts" view: the glossary grouped by category, in the glossary's own order. Each
 * concept shows its term and either its short definition or its occurrence counts; the tooltip
 * (resolved lazily) is the whole entry. Typing in the view filters it (VS Code's tree find),
 * which is why categories start expanded.
 */

import * as vscode from 'vscode';
import { ConceptCategory, ConceptSummary } from '../../server/src/shared/protocol';
import { ConceptsModel } from './conceptsModel';
import { GlossaireClient } from './languageClient';
import { ConceptsDescription, getConceptsDescription } from './settings';

/** The view's id (package.json contributes.views). */
export const CONCEPTS_VIEW_ID = 'glossaire.concepts';

/** A category row. */
export interface CategoryNode {
  kind: 'category';
  category: ConceptCategory;
  concepts: ConceptSummary[];
}

/** A concept row. Commands contributed to the view receive it as their argument. */
export interface ConceptNode {
  kind: 'concept';
  concept: ConceptSummary;
}

/** The first row in restricted mode: why the folder's glossaries are missing, click to trust. */
export interface TrustNode {
  kind: 'trust';
}

/** A row of the Concepts view. */
export type ConceptsNode = CategoryNode | ConceptNode | TrustNode;

/** What the view shows, as plain data (the extension's API hands it to the in-editor tests). */
export interface ConceptsSnapshot {
  state: ConceptsViewState;
  /** The restricted-mode row's text, when shown. */
  restricted?: string;
  categories: { id: string; label: string; concepts: { id: string; label: string; description: string }[] }[];
}

/** Drives the welcome content (package.json viewsWelcome, context key `glossaire.conceptsView`). */
export type ConceptsViewState = 'loading' | 'ready' | 'empty' | 'error';

/** The tree data provider and its TreeView. */
export class ConceptsView implements vscode.TreeDataProvider<ConceptsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConceptsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<ConceptsNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private state: ConceptsViewState = 'loading';
  private countsTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: ConceptsModel,
    client: GlossaireClient,
  ) {
    this.treeView = vscode.window.createTreeView(CONCEPTS_VIEW_ID, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    void this.setState('loading');
    this.disposables.push(
      this.treeView,
      model.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('glossaire.conceptsView.description')) this.refresh();
      }),
      // Counts follow the notes (debounced: the server notifies after every analysis).
      client.onDidChangeOccurrences(() => this.refreshCountsSoon()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshCountsSoon()),
      this.treeView.onDidChangeVisibility(() => this.refreshCountsSoon()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    );
  }

  /** Re-reads everything. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  private refreshCountsSoon(): void {
    if (getConceptsDescription() !== 'occurrences' || !this.treeView.visible) return;
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => this.refresh(), 300);
  }

  private async setState(state: ConceptsViewState): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'glossaire.conceptsView', state);
  }

  async getChildren(node?: ConceptsNode): Promise<ConceptsNode[]> {
    if (node) return node.kind === 'category' ? node.concepts.map((concept) => ({ kind: 'concept', concept })) : [];
    // Restricted mode: the server reads no glossary the folder names (see the manifest's
    // untrustedWorkspaces); one row says so and opens the trust editor.
    const trust: ConceptsNode[] = vscode.workspace.isTrusted ? [] : [{ kind: 'trust' }];
    try {
      const mode = getConceptsDescription();
      const result = mode === 'occurrences'
        ? await this.model.getWithCounts(vscode.window.activeTextEditor?.document.uri)
        : await this.model.get();
      const byCategory = new Map<string, CategoryNode>();
      for (const category of result.categories) byCategory.set(category.id, { kind: 'category', category, concepts: [] });
      for (const concept of result.concepts) {
        let node = byCategory.get(concept.category);
        if (!node) {
          node = { kind: 'category', category: { id: concept.category, label: concept.categoryLabel }, concepts: [] };
          byCategory.set(concept.category, node);
        }
        node.concepts.push(concept);
      }
      const roots = [...byCategory.values()].filter((c) => c.concepts.length > 0);
      await this.setState(roots.length > 0 ? 'ready' : 'empty');
      this.treeView.message = result.problemCount > 0
        ? vscode.l10n.t('The glossaries have {0} problem(s): see the Problems panel.', result.problemCount)
        : undefined;
      return [...trust, ...roots];
    } catch (e) {
      await this.setState('error');
      this.treeView.message = undefined;
      console.error('[glossaire] concepts view:', e);
      return trust;
    }
  }

  getTreeItem(node: ConceptsNode): vscode.TreeItem {
    if (node.kind === 'trust') {
      const item = new vscode.TreeItem(restrictedNotice(), vscode.TreeItemCollapsibleState.None);
      item.id = 'trust';
      item.iconPath = new vscode.ThemeIcon('shield');
      item.contextValue = 'trust';
      item.command = { command: 'workbench.trust.manage', title: restrictedNotice() };
      return item;
    }
    if (node.kind === 'category') {
      const item = new vscode.TreeItem(node.category.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `category:${node.category.id}`;
      item.description = String(node.concepts.length);
      item.tooltip = node.category.description
        ? new vscode.MarkdownString().appendText(node.category.description)
        : node.category.label;
      item.contextValue = 'category';
      return item;
    }
    const c = node.concept;
    const item = new vscode.TreeItem(c.term, vscode.TreeItemCollapsibleState.None);
    item.id = `concept:${c.id}`;
    item.description = describe(c, getConceptsDescription());
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    item.contextValue = 'concept';
    item.accessibilityInformation = { label: `${c.term}, ${c.shortDefinition}` };
    item.command = {
      command: 'glossaire.showDefinition',
      title: vscode.l10n.t('Show the Definition'),
      arguments: [c.id],
    };
    return item;
  }

  /** The tooltip: the whole entry, fetched when the pointer rests on the row. */
  async resolveTreeItem(item: vscode.TreeItem, node: ConceptsNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'concept' || token.isCancellationRequested) return item;
    try {
      const details = await this.model.details(node.concept.id);
      if (details) {
        const md = new vscode.MarkdownString(details.markdown);
        md.supportHtml = false;
        md.isTrusted = false;
        const c = node.concept;
        if (c.workspaceCount !== undefined || c.documentCount !== undefined) {
          md.appendMarkdown('\n\n---\n\n').appendText(countsLine(c));
        }
        item.tooltip = md;
      }
    } catch {
      item.tooltip = node.concept.shortDefinition;
    }
    return item;
  }

  /** What the view shows now (categories and concept rows, as the tree renders them). */
  async snapshot(): Promise<ConceptsSnapshot> {
    const all = await this.getChildren();
    const roots = all.filter((n): n is CategoryNode => n.kind === 'category');
    const mode = getConceptsDescription();
    return {
      state: this.state,
      restricted: all.some((n) => n.kind === 'trust') ? restrictedNotice() : undefined,
      categories: roots.map((r) => ({
        id: r.category.id,
        label: r.category.label,
        concepts: r.concepts.map((c) => ({ id: c.id, label: c.term, description: describe(c, mode) })),
      })),
    };
  }

  dispose(): void {
    clearTimeout(this.countsTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The restricted-mode row. */
function restrictedNotice(): string {
  return vscode.l10n.t('Restricted mode: the glossaries named by this folder are not read. Trust the folder…');
}

/** The text beside a term. */
function describe(c: ConceptSummary, mode: ConceptsDescription): string {
  if (mode === 'definition') return c.shortDefinition;
  return countsLine(c);
}

function countsLine(c: ConceptSummary): string {
  const inNotes = c.workspaceCount ?? 0;
  if (c.documentCount === undefined) return vscode.l10n.t('{0} in the notes', inNotes);
  return vscode.l10n.t('{0} in this note, {1} in the notes', c.documentCount, inNotes);
}
