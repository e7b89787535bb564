/**
 * "Find occurrences in the notes": every place a concept is used, in the References view.
 *
 * The server answers textDocument/references from any occurrence of a concept, with every
 * occurrence it knows (open documents and its workspace index). From the panel there is no
 * occurrence to start from, so the client finds one: first in the open notes (through
 * glossaire/documentConcepts), then in the workspace's notes whose text contains one of the
 * concept's forms (accents and case folded), opened one at a time until the server confirms.
 * The results go to the built-in References view (vscode.references-view's API), or to a peek
 * in the editor where that extension is missing.
 */

import * as vscode from 'vscode';
import { ConceptSummary, DocumentConceptsRequest } from '../../server/src/protocol';
import { fold } from '../../server/src/service/text';
import { GlossaireClient } from './languageClient';
import { getCheckedLanguages, isChecked } from './settings';
import { toRange } from './noteConceptsView';

/** How many candidate files to open before giving up on finding a starting occurrence. */
const MAX_CANDIDATES = 50;

/** An occurrence to start the references request from. */
async function findAnchor(client: GlossaireClient, concept: ConceptSummary, token?: vscode.CancellationToken): Promise<vscode.Location | undefined> {
  const tryDocument = async (doc: vscode.TextDocument): Promise<vscode.Location | undefined> => {
    const used = await client.sendRequest(DocumentConceptsRequest, { uri: doc.uri.toString() });
    const hit = used?.find((c) => c.id === concept.id);
    return hit && hit.ranges.length > 0 ? new vscode.Location(doc.uri, toRange(hit.ranges[0])) : undefined;
  };
  const open = vscode.workspace.textDocuments.filter(isChecked);
  for (const doc of open) {
    const anchor = await tryDocument(doc);
    if (anchor || token?.isCancellationRequested) return anchor;
  }
  if (!vscode.workspace.workspaceFolders?.length) return undefined;
  const folded = concept.forms.map(fold).filter((f) => f.length > 1);
  const openUris = new Set(open.map((d) => d.uri.toString()));
  const files = await vscode.workspace.findFiles(notesGlob(), '**/{node_modules,.git,dist,out}/**', 5000, token);
  let tried = 0;
  for (const uri of files) {
    if (token?.isCancellationRequested || tried >= MAX_CANDIDATES) break;
    if (openUris.has(uri.toString())) continue;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      continue;
    }
    const haystack = fold(text);
    if (!folded.some((f) => haystack.includes(f))) continue;
    tried++;
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!isChecked(doc)) continue;
    const anchor = await tryDocument(doc);
    if (anchor) return anchor;
  }
  return undefined;
}

/** File globs of the checked languages (Markdown unless configured otherwise). */
function notesGlob(): string {
  const extensions = new Set<string>();
  for (const language of getCheckedLanguages()) {
    if (language === 'markdown') ['md', 'markdown'].forEach((e) => extensions.add(e));
    else if (language === 'plaintext') extensions.add('txt');
    else extensions.add(language);
  }
  return `**/*.{${[...extensions].join(',')}}`;
}

/**
 * Every occurrence of a concept in the notes, in document order (file, then position).
 */
export async function findConceptOccurrences(
  client: GlossaireClient,
  concept: ConceptSummary,
  token?: vscode.CancellationToken,
): Promise<{ anchor?: vscode.Location; locations: vscode.Location[] }> {
  const anchor = await findAnchor(client, concept, token);
  if (!anchor) return { locations: [] };
  const found = await client.references(anchor.uri, anchor.range.start);
  const seen = new Set<string>();
  const locations = found
    .filter((l) => {
      const key = `${l.uri.toString()}#${l.range.start.line}:${l.range.start.character}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.range.start.compareTo(b.range.start));
  return { anchor, locations };
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
