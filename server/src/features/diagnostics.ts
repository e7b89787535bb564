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
  const { findings } = ctx.cache.get(doc);
  // At most maxDiagnostics (a 10 MB generated note had 190k findings, each publish seconds and
  // gigabytes), then one diagnostic at the first finding left out says how many there are.
  const max = ctx.settings.maxDiagnostics;
  const lines = ctx.lines(doc);
  const diagnostics = toDiagnostics(findings.length > max ? findings.slice(0, max) : findings, lines, ctx.locale);
  if (findings.length > max) {
    const next = findings[max];
    diagnostics.push({
      range: lines.rangeAt(next.start, next.end),
      severity: DiagnosticSeverity.Information,
      source: 'glossaire',
      code: 'glossaire.too-many',
      message: t(ctx.locale, 'diagnostics.more', { count: findings.length - max, max }),
    });
  }
  const sent = ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
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

/**
 * Publishing of a note whose last publish took longer than this (ms) waits until its edits
 * pause for DEBOUNCE_MS; a normal note is published at every keystroke, at once.
 */
const SLOW_PUBLISH_MS = 20;
const DEBOUNCE_MS = 150;

/** Wires diagnostics to document events. */
export function registerDiagnostics(ctx: ServerContext): void {
  const { documents, connection } = ctx;
  // Per note: how long its last publish took, and its pending publish while edits keep coming.
  const cost = new Map<string, number>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const lastEdit = new Map<string, number>();
  const publish = (doc: LiveDocument) => {
    const t0 = performance.now();
    validate(ctx, doc);
    cost.set(doc.uri, performance.now() - t0);
    void connection.sendNotification(OccurrencesChangedNotification, { uri: doc.uri });
  };
  documents.onDidOpen((e) => runSafeVoid(connection, 'didOpen', () => {
    if (ctx.store.setOverlay(e.document.uri, e.document.getText())) return onGlossaryEdited(ctx);
    publish(e.document);
  }));
  documents.onDidChangeContent((e) => runSafeVoid(connection, 'didChange', () => {
    const doc = e.document;
    if (ctx.store.isGlossaryFile(doc.uri) && ctx.store.setOverlay(doc.uri, doc.getText())) return onGlossaryEdited(ctx);
    clearTimeout(pending.get(doc.uri));
    // The first edit after a pause is published at once; the following ones of a burst, on a
    // slow note, wait for the pause. The pause is counted from the end of the previous edit's
    // handling: edits queued behind a slow publish arrive with no pause at all.
    const inBurst = performance.now() - (lastEdit.get(doc.uri) ?? -Infinity) < DEBOUNCE_MS;
    if (inBurst && (cost.get(doc.uri) ?? 0) > SLOW_PUBLISH_MS && ctx.isChecked(doc) && ctx.settings.enable) {
      // A slow note: the versions typed in a burst are not each published, the last one is.
      pending.set(doc.uri, setTimeout(() => runSafeVoid(connection, 'didChange', () => {
        pending.delete(doc.uri);
        if (documents.get(doc.uri) === doc) publish(doc);
      }), DEBOUNCE_MS));
      lastEdit.set(doc.uri, performance.now());
      return;
    }
    pending.delete(doc.uri);
    publish(doc);
    lastEdit.set(doc.uri, performance.now());
    // A document that is not checked is flattened right away (validate does it for the others).
    if (!ctx.isChecked(doc) || !ctx.settings.enable) doc.settle();
  }));
  documents.onDidClose((e) => runSafeVoid(connection, 'didClose', () => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    cost.delete(e.document.uri);
    lastEdit.delete(e.document.uri);
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
