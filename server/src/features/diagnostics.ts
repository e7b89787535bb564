/**
 * Diagnostics: pushed on open and change, cleared on close; a glossary file's problems are
 * published on that file. Every push is a fresh analysis of the document's current text, so a
 * burst of edits always ends with the diagnostics of the final text.
 */

import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { LiveDocument } from '../lsp/document';
import { ServerContext } from '../lsp/context';
import { toFindingData } from '../lsp/analysisCache';
import { findingMessage } from '../service/diagnostics';
import { Finding } from '../service/analyze';
import { LineIndex, Lines } from '../service/positions';
import { Locale } from '../service/messages';
import { runSafeVoid } from '../lsp/runSafe';
import { DIAGNOSTIC_TAIL } from '../transport/jsonEncoder';
import { OccurrencesChangedNotification } from '../shared/protocol';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts findings to LSP diagnostics. */
export function toDiagnostics(findings: Finding[], lines: Lines, ctx: ServerContext): Diagnostic[] {
  const out: Diagnostic[] = new Array(findings.length);
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    const s = cachedSaid(f, ctx.locale);
    let range = ranges.get(f);
    if (!range) ranges.set(f, (range = lines.rangeAt(f.start, f.end)));
    const severity = SEVERITY[f.severity];
    const data = toFindingData(f, s.entryId, s.suggestions);
    const d: Diagnostic & { [DIAGNOSTIC_TAIL]?: string } = { range, severity, source: 'glossaire', code: f.code, message: s.message, data };
    // The JSON of everything but the range, for the stdio encoder (jsonEncoder.ts); not for a
    // note-level finding, whose data holds offsets that move with every edit.
    if (!f.edits) {
      if (s.tail === undefined || s.tailSeverity !== severity) {
        s.tail = JSON.stringify({ severity, source: d.source, code: d.code, message: d.message, data });
        s.tailSeverity = severity;
      }
      d[DIAGNOSTIC_TAIL] = s.tail;
    }
    out[k] = d;
  }
  return out;
}

/**
 * The range of a finding. An incremental update keeps the finding objects before the edit,
 * whose offsets, lines and characters it did not change; it makes new ones for the others.
 */
const ranges = new WeakMap<Finding, Range>();

/**
 * What a finding's diagnostic says, remembered on the finding's suggestions array: an
 * incremental update keeps that array for every finding it only moves (and the copies it
 * makes), so at a keystroke only the new findings' messages are formatted.
 */
interface Said {
  code: string;
  word: string;
  entry: string;
  count: number;
  locale: Locale;
  message: string;
  suggestions: string[];
  /** The entry id, one byte per character. */
  entryId: string;
  /** JSON of the diagnostic without its range, and the severity it was made with. */
  tail?: string;
  tailSeverity?: DiagnosticSeverity;
}
const said = new WeakMap<string[], Said>();

function cachedSaid(f: Finding, locale: Locale): Said {
  const count = f.edits?.length ?? 1;
  const m = said.get(f.suggestions);
  if (m && m.code === f.code && m.word === f.word && m.entry === f.entryId && m.count === count && m.locale === locale) return m;
  const s: Said = {
    code: f.code, word: f.word, entry: f.entryId, count, locale,
    message: oneByte(findingMessage(f, locale)), suggestions: f.suggestions.map(oneByte), entryId: oneByte(f.entryId),
  };
  said.set(f.suggestions, s);
  return s;
}

/**
 * The same string, stored one byte per character when its characters allow (Latin-1).
 * Strings cut from a text that has any character past U+00FF (words of a note, ids of a
 * glossary) are two-byte strings in V8 whatever they hold, and one such string in a publish
 * makes JSON.stringify write the whole message two bytes per character: twice the size to
 * build, copy and encode at every keystroke.
 */
function oneByte(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return s;
  // Node only (Buffer): a browser's worker has no such copy, and no stdio encoder to feed.
  return typeof Buffer === 'undefined' ? s : Buffer.from(s, 'latin1').toString('latin1');
}

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
    diagnostics: toDiagnostics(analysis.findings, ctx.lines(doc), ctx),
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
    const where = [p.entry ? `${ctx.locale === 'fr' ? 'entrée' : 'entry'} ${p.entry}` : '', p.field ? `${ctx.locale === 'fr' ? 'champ' : 'field'} ${p.field}` : ''].filter(Boolean).join(', ');
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
