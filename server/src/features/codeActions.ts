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
import { OffsetEdit } from '../service/model';
import { runSafe } from '../lsp/runSafe';
import { t } from '../service/messages';
import { FIX_ALL_KIND, IGNORE_WORD_COMMAND } from '../shared/protocol';


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
      const locale = ctx.locale;
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
                title: t(locale, 'action.restoreAccents', { count: note.edits.length }), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
                edit: { changes: { [uri]: note.edits.map((e) => ({ range: lines.rangeAt(e.start, e.end), newText: e.newText })) } },
              });
            }
            continue;
          }
          data.suggestions.forEach((s, k) => {
            actions.push({
              title: t(locale, 'action.fix', { fix: s }), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: k === 0,
              edit: { changes: { [uri]: [{ range: d.range, newText: s }] } },
            });
          });
          const word = doc.getText(d.range);
          actions.push({
            title: t(locale, 'action.ignoreFile', { word }), kind: CodeActionKind.QuickFix, diagnostics: [d],
            edit: { changes: { [uri]: [toTextEdit(ctx, doc, getIgnoreCommentEdit(doc.getText(), word))] } },
          });
          const ignore = t(locale, 'action.ignoreWorkspace', { word });
          actions.push({ title: ignore, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: ignore, command: IGNORE_WORD_COMMAND, arguments: [word] } });
        }
      }
      const fixAllRequested = only?.some((k) => k === CodeActionKind.Source || k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND) ?? false;
      if ((fixAllRequested || (wants(CodeActionKind.QuickFix) && ours.length > 0 && analysis.findings.length > 1)) && analysis.findings.length > 0) {
        const edits = getFixAllTextEdits(ctx, doc);
        if (edits.length > 0) {
          actions.push({ title: t(locale, 'action.fixAll'), kind: fixAllRequested ? FIX_ALL_KIND : CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
        }
      }
      return actions;
    }),
  );
}

function toTextEdit(ctx: ServerContext, doc: LiveDocument, e: OffsetEdit): TextEdit {
  return { range: ctx.lines(doc).rangeAt(e.start, e.end), newText: e.newText };
}

