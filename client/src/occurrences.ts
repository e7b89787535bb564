/**
 * "Find occurrences in the notes": every place a concept is used, in the References view.
 * The server answers glossaire/conceptReferences from open documents and its workspace index.
 * The results go to the built-in References view (vscode.references-view's API), or to a peek
 * in the editor where that extension is missing.
 */

import * as vscode from 'vscode';
import { ConceptReferencesRequest, ConceptSummary } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';
import { toRange } from './noteConceptsView';

/**
 * Every occurrence of a concept in the notes, in document order (file, then position).
 */
export async function findConceptOccurrences(
  client: GlossaireClient,
  concept: ConceptSummary,
  token?: vscode.CancellationToken,
): Promise<{ anchor?: vscode.Location; locations: vscode.Location[] }> {
  const found = token?.isCancellationRequested ? [] : (await client.sendRequest(ConceptReferencesRequest, { id: concept.id })) ?? [];
  const seen = new Set<string>();
  const locations = found
    .map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range)))
    .filter((l) => {
      const key = `${l.uri.toString()}#${l.range.start.line}:${l.range.start.character}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.range.start.compareTo(b.range.start));
  return { anchor: locations[0], locations };
}

// ---- The References view (vscode.references-view's API) ------------------------------------

/** What vscode.references-view exports (extensions/references-view/src/references-view.d.ts). */
interface SymbolTreeApi {
  setInput(input: SymbolTreeInput<unknown>): void;
}
interface SymbolTreeInput<T> {
  readonly contextValue: string;
  readonly title: string;
  readonly location: vscode.Location;
  resolve(): vscode.ProviderResult<SymbolTreeModel<T>>;
  with(location: vscode.Location): SymbolTreeInput<T>;
}
interface SymbolTreeModel<T> {
  message: string | undefined;
  provider: vscode.TreeDataProvider<T>;
}

type RefNode = { kind: 'file'; uri: vscode.Uri; locations: vscode.Location[] } | { kind: 'ref'; location: vscode.Location };

/** A tree of locations grouped by file, like the built-in "References" results. */
class LocationsProvider implements vscode.TreeDataProvider<RefNode> {
  private readonly files: RefNode[];

  constructor(locations: vscode.Location[]) {
    const byFile = new Map<string, { kind: 'file'; uri: vscode.Uri; locations: vscode.Location[] }>();
    for (const l of locations) {
      const key = l.uri.toString();
      let f = byFile.get(key);
      if (!f) byFile.set(key, (f = { kind: 'file', uri: l.uri, locations: [] }));
      f.locations.push(l);
    }
    this.files = [...byFile.values()];
  }

  getChildren(node?: RefNode): RefNode[] {
    if (!node) return this.files;
    return node.kind === 'file' ? node.locations.map((location) => ({ kind: 'ref', location })) : [];
  }

  async getTreeItem(node: RefNode): Promise<vscode.TreeItem> {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${vscode.workspace.asRelativePath(node.uri.with({ path: node.uri.path.replace(/\/[^/]*$/, '') }))} · ${node.locations.length}`;
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const { uri, range } = node.location;
    let line = '';
    try {
      line = (await vscode.workspace.openTextDocument(uri)).lineAt(range.start.line).text;
    } catch {
      // The file went away: show the position only.
    }
    const lead = line.length - line.trimStart().length;
    const text = line.trim() || vscode.l10n.t('line {0}', range.start.line + 1);
    const start = range.start.character - lead;
    const end = range.end.line === range.start.line ? range.end.character - lead : text.length;
    const item = new vscode.TreeItem(line.trim() ? { label: text, highlights: [[start, end]] } : text);
    item.description = vscode.l10n.t('line {0}', range.start.line + 1);
    item.command = { command: 'vscode.open', title: '', arguments: [uri, { selection: range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }
}

/**
 * Shows locations in the References view (falls back to a peek at the anchor). Returns where
 * they were shown.
 */
export async function showLocations(title: string, anchor: vscode.Location, locations: vscode.Location[]): Promise<'view' | 'peek'> {
  const ext = vscode.extensions.getExtension<SymbolTreeApi>('vscode.references-view');
  if (ext) {
    const api = ext.isActive ? ext.exports : await ext.activate();
    if (api && typeof api.setInput === 'function') {
      const input: SymbolTreeInput<RefNode> = {
        contextValue: 'glossaire.occurrences',
        title,
        location: anchor,
        resolve: () => ({
          message: vscode.l10n.t('{0} occurrence(s) in {1} note(s)', locations.length, new Set(locations.map((l) => l.uri.toString())).size),
          provider: new LocationsProvider(locations),
        }),
        with: () => input,
      };
      api.setInput(input);
      return 'view';
    }
  }
  const editor = await vscode.window.showTextDocument(anchor.uri, { selection: anchor.range });
  await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, anchor.range.start, locations);
  return 'peek';
}
