/**
 * Navigation: definition (a term → its entry in the glossary file), references (open documents
 * and the workspace index), document highlights, workspace symbols (concepts).
 */

import { DocumentHighlight, DocumentHighlightKind, Location, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import { LiveDocument } from '../lsp/document';
import { ServerContext } from '../lsp/context';
import { findAt } from '../service/hover';
import { GlossaryEntry } from '../service/glossary';
import { LineIndex } from '../service/positions';
import { fold } from '../service/text';
import { runSafe } from '../lsp/runSafe';

/** The concept under the cursor (an occurrence, or the target of a flagged misspelling). */
export function entryAt(ctx: ServerContext, doc: LiveDocument, offset: number): GlossaryEntry | undefined {
  const analysis = ctx.cache.get(doc);
  const hit = findAt(analysis.occurrences, offset) ?? findAt(analysis.findings, offset);
  return hit ? ctx.store.current.byId.get(hit.entryId) : undefined;
}

/** Where an entry is written in its glossary file. */
export function entryLocation(ctx: ServerContext, entry: GlossaryEntry): Location | undefined {
  const text = ctx.documents.get(entry.uri)?.getText() ?? ctx.store.current.sources.get(entry.uri);
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  return { uri: entry.uri, range: lines.rangeAt(entry.start, entry.start + 1) };
}

/** Every occurrence of a concept: open documents first-hand, other notes from the index. */
export function referencesOf(ctx: ServerContext, entryId: string): Location[] {
  const out: Location[] = [];
  const open = new Set<string>();
  for (const doc of ctx.documents.all()) {
    if (!ctx.isChecked(doc)) continue;
    open.add(doc.uri);
    const lines = ctx.lines(doc);
    for (const o of ctx.cache.get(doc).occurrences) if (o.entryId === entryId) out.push({ uri: doc.uri, range: lines.rangeAt(o.start, o.end) });
  }
  for (const r of ctx.index.references(entryId)) if (!open.has(r.uri)) out.push(r);
  return out;
}

/** Registers definition, references, highlights and workspace symbols. */
export function registerNavigation(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onDefinition((params, token) =>
    runSafe<Location | null>(connection, 'definition', token, null, () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return null;
      const entry = entryAt(ctx, doc, ctx.lines(doc).offsetAt(params.position));
      return entry ? entryLocation(ctx, entry) ?? null : null;
    }),
  );
  connection.onReferences((params, token) =>
    runSafe<Location[]>(connection, 'references', token, [], () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return [];
      const entry = entryAt(ctx, doc, ctx.lines(doc).offsetAt(params.position));
      if (!entry) return [];
      const refs = referencesOf(ctx, entry.id);
      const decl = params.context.includeDeclaration ? entryLocation(ctx, entry) : undefined;
      return decl ? [decl, ...refs] : refs;
    }),
  );
  connection.onDocumentHighlight((params, token) =>
    runSafe<DocumentHighlight[]>(connection, 'documentHighlight', token, [], () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return [];
      const lines = ctx.lines(doc);
      const entry = entryAt(ctx, doc, lines.offsetAt(params.position));
      if (!entry) return [];
      return ctx.cache.get(doc).occurrences.filter((o) => o.entryId === entry.id).map((o) => ({ range: lines.rangeAt(o.start, o.end), kind: DocumentHighlightKind.Text }));
    }),
  );
  connection.onWorkspaceSymbol((params, token) =>
    runSafe<SymbolInformation[]>(connection, 'workspaceSymbol', token, [], () => {
      const q = fold(params.query.trim());
      const out: SymbolInformation[] = [];
      for (const entry of ctx.store.current.entries) {
        if (q && !entry.allForms.some((f) => fold(f).includes(q)) && !fold(entry.id).includes(q)) continue;
        const location = entryLocation(ctx, entry);
        if (location) out.push({ name: entry.term, kind: SymbolKind.Constant, location, containerName: entry.categoryLabel });
      }
      return out;
    }),
  );
}
