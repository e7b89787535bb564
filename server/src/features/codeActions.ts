/**
 * Code actions: a quick fix per diagnostic (ranked suggestions, the first preferred), fix-all
 * (`source.fixAll.glossaire`, for editor.codeActionsOnSave), "ignore this word" (workspace
 * settings, through the client's command) and "ignore in this file" (a comment).
 */

import { CodeAction, CodeActionKind, TextEdit } from 'vscode-languageserver';
import { LiveDocument } from '../lsp/document';
import { ServerContext } from '../lsp/context';
import { FindingData } from '../lsp/analysisCache';
import { getFixAllEdits } from '../service/fixes';
import { getIgnoreCommentEdit } from '../service/ignore';
import { runSafe } from '../lsp/runSafe';
import { IGNORE_WORD_COMMAND } from '../shared/protocol';

/** The kind of the fix-all action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.glossaire`;

const L = {
  fr: { fix: (s: string) => `Remplacer par « ${s} »`, all: 'Corriger toutes les fautes du glossaire dans ce fichier', ignore: (w: string) => `Ignorer « ${w} » dans l’espace de travail`, ignoreFile: (w: string) => `Ignorer « ${w} » dans ce fichier`, accents: (n: number) => `Rétablir les accents (${n} terme(s))` },
  en: { fix: (s: string) => `Replace with "${s}"`, all: 'Fix all glossary typos in this file', ignore: (w: string) => `Ignore "${w}" in the workspace`, ignoreFile: (w: string) => `Ignore "${w}" in this file`, accents: (n: number) => `Restore the accents (${n} term(s))` },
};

/** The edits that fix every glossary typo of a document. */
export function getFixAllTextEdits(ctx: ServerContext, doc: LiveDocument): TextEdit[] {
  const lines = ctx.lines(doc);
  return getFixAllEdits(ctx.cache.get(doc).findings).map((e) => ({ range: lines.rangeAt(e.start, e.end), newText: e.newText }));
}

/** Registers textDocument/codeAction. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(ctx.connection, 'codeAction', token, [], () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return [];
      const l = L[ctx.locale];
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
      const actions: CodeAction[] = [];
      const uri = doc.uri;
      const lines = ctx.lines(doc);
      const analysis = ctx.cache.get(doc);
      const ours = params.context.diagnostics.filter((d) => d.source === 'glossaire' && d.data);
      if (wants(CodeActionKind.QuickFix)) {
        for (const d of ours) {
          const data = d.data as FindingData;
          if (data.edits) {
            // Note-level: recompute the edits on the current text.
            const note = analysis.findings.find((f) => f.code === 'glossaire.unaccented-note');
            if (note?.edits) {
              actions.push({
                title: l.accents(note.edits.length), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
                edit: { changes: { [uri]: note.edits.map((e) => ({ range: lines.rangeAt(e.start, e.end), newText: e.newText })) } },
              });
            }
            continue;
          }
          data.suggestions.forEach((s, k) => {
            actions.push({
              title: l.fix(s), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: k === 0,
              edit: { changes: { [uri]: [{ range: d.range, newText: s }] } },
            });
          });
          const word = doc.getText(d.range);
          actions.push({
            title: l.ignoreFile(word), kind: CodeActionKind.QuickFix, diagnostics: [d],
            edit: { changes: { [uri]: [toTextEdit(ctx, doc, getIgnoreCommentEdit(doc.getText(), word))] } },
          });
          actions.push({ title: l.ignore(word), kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: l.ignore(word), command: IGNORE_WORD_COMMAND, arguments: [word] } });
        }
      }
      const fixAllRequested = only?.some((k) => k === CodeActionKind.Source || k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND) ?? false;
      if ((fixAllRequested || (wants(CodeActionKind.QuickFix) && ours.length > 0 && analysis.findings.length > 1)) && analysis.findings.length > 0) {
        const edits = getFixAllTextEdits(ctx, doc);
        if (edits.length > 0) {
          actions.push({ title: l.all, kind: fixAllRequested ? FIX_ALL_KIND : CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
        }
      }
      return actions;
    }),
  );
}

function toTextEdit(ctx: ServerContext, doc: LiveDocument, e: { start: number; end: number; newText: string }): TextEdit {
  return { range: ctx.lines(doc).rangeAt(e.start, e.end), newText: e.newText };
}

