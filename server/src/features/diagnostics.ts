/**
 * Diagnostics: pushed on open and change, cleared on close; a glossary file's problems are
 * published on that file. Every push is a fresh analysis of the document's current text, so a
 * burst of edits always ends with the diagnostics of the final text.
 */

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { LiveDocument } from '../lsp/document';
import { ServerContext } from '../lsp/context';
import { LineIndex } from '../service/positions';
import { t } from '../service/messages';
import { runSafeVoid } from '../lsp/runSafe';
import { toDiagnostics } from '../transport/diagnosticJson';
import { OccurrencesChangedNotification } from '../shared/protocol';

/** Publishes the diagnostics of one document. */
export function validate(ctx: ServerContext, doc: LiveDocument): void {
  if (ctx.store.isGlossaryFile(doc.uri)) return publishGlossaryProblems(ctx);
  if (!ctx.isChecked(doc)) return;
  if (!ctx.settings.enable) {
    void ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
    return;
  }
  const analysis = ctx.cache.get(doc);
  const sent = ctx.connection.sendDiagnostics({
    uri: doc.uri,
    version: doc.version,
    diagnostics: toDiagnostics(analysis.findings, ctx.lines(doc), ctx.locale),
  });
  // The copies in the size of the note that an edit defers (the new text: document.ts; the
  // analysis's buffers: incremental.ts) are made once the diagnostics are written: between
  // keystrokes, not before their diagnostics.
  const settle = () => {
    doc.settle();
    ctx.cache.settle(doc.uri);
    // The garbage of this keystroke and its housekeeping is collected now (Node: idleGc.ts).
    ctx.host.idle?.();
  };
  sent.then(settle, settle);
}

let lastGlossaryUris = new Set<string>();

/** Publishes glossary problems on their files (and clears files that became clean). */
export function publishGlossaryProblems(ctx: ServerContext): void {
  const byUri = new Map<string, Diagnostic[]>();
  for (const uri of ctx.store.uris) byUri.set(uri, []);
  // One line index per file (not per problem: 10,000 problems in a 2 MB file took minutes).
  const indexes = new Map<string, LineIndex>();
  for (const p of ctx.store.problems) {
    let lines = indexes.get(p.uri);
    if (!lines) {
      const text = ctx.documents.get(p.uri)?.getText() ?? ctx.store.textOf(p.uri) ?? ctx.store.current.sources.get(p.uri) ?? '';
      indexes.set(p.uri, (lines = new LineIndex(text)));
    }
    const where = [p.entry ? t(ctx.locale, 'problem.entryShort', { entry: p.entry }) : '', p.field ? t(ctx.locale, 'problem.fieldShort', { field: p.field }) : ''].filter(Boolean).join(', ');
    const list = byUri.get(p.uri) ?? [];
    list.push({
      range: lines.rangeAt(p.start, p.end),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'glossaire',
      code: p.code,
      message: where ? `${p.message} (${where})` : p.message,
    });
    byUri.set(p.uri, list);
  }
  for (const uri of lastGlossaryUris) if (!byUri.has(uri)) byUri.set(uri, []);
  lastGlossaryUris = new Set(byUri.keys());
  for (const [uri, diagnostics] of byUri) void ctx.connection.sendDiagnostics({ uri, diagnostics });
}

/** Wires diagnostics to document events. */
export function registerDiagnostics(ctx: ServerContext): void {
  const { documents, connection } = ctx;
  documents.onDidOpen((e) => runSafeVoid(connection, 'didOpen', () => {
    if (ctx.store.setOverlay(e.document.uri, e.document.getText())) return onGlossaryEdited(ctx);
    validate(ctx, e.document);
    void connection.sendNotification(OccurrencesChangedNotification, { uri: e.document.uri });
  }));
  documents.onDidChangeContent((e) => runSafeVoid(connection, 'didChange', () => {
    const doc = e.document;
    if (ctx.store.isGlossaryFile(doc.uri) && ctx.store.setOverlay(doc.uri, doc.getText())) return onGlossaryEdited(ctx);
    validate(ctx, doc);
    void connection.sendNotification(OccurrencesChangedNotification, { uri: doc.uri });
    // A document that is not checked is flattened right away (validate does it for the others).
    if (!ctx.isChecked(doc) || !ctx.settings.enable) doc.settle();
  }));
  documents.onDidClose((e) => runSafeVoid(connection, 'didClose', () => {
    ctx.cache.delete(e.document.uri);
    if (ctx.store.setOverlay(e.document.uri, undefined)) return onGlossaryEdited(ctx);
    if (ctx.isChecked(e.document)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));
}

/** A glossary file was edited in the editor: recompile, republish everything. */
function onGlossaryEdited(ctx: ServerContext): void {
  ctx.cache.clear();
  publishGlossaryProblems(ctx);
  ctx.revalidateAll();
}
