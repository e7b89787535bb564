/**
 * "Add to the glossary…": a code action on any word or selection (and, on a flagged word, « Ce
 * n'est pas une faute : ajouter au glossaire »), whose command the client runs as one quick
 * input flow; then `glossaire/addToGlossaryEdit` gives the WorkspaceEdit that writes the entry
 * into the note's nearest Markdown glossary, or creates `glossaire.md` in the note's folder.
 */

import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import { ServerContext } from '../lsp/context';
import { LiveDocument } from '../lsp/document';
import { addTargetFor, sentenceAround, wordAround } from '../service/addToGlossary';
import { getInsertEntryEdit, parseMarkdownGlossary } from '../service/glossaryMarkdown';
import { LineIndex } from '../service/positions';
import { t } from '../service/messages';
import { runSafe } from '../lsp/runSafe';
import { ADD_TO_GLOSSARY_COMMAND, AddToGlossaryArgs, AddToGlossaryEditRequest } from '../shared/protocol';

/** Longest term offered (a selection of a whole paragraph is not a term). */
const MAX_TERM = 80;

/** The text of a glossary file as the editor or the disk has it. */
function glossaryText(ctx: ServerContext, uri: string): string | undefined {
  return ctx.documents.get(uri)?.getText() ?? ctx.store.textOf(uri);
}

/** What the client's flow starts from, for the term at [start, end) of a note. */
export function addToGlossaryArgs(ctx: ServerContext, doc: LiveDocument, start: number, end: number): AddToGlossaryArgs | undefined {
  const text = doc.getText();
  const term = text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (!term || term.length > MAX_TERM || !/\p{L}/u.test(term)) return undefined;
  const target = addTargetFor(doc.uri, ctx.store.chainUris(doc.uri));
  const targetText = target.exists ? glossaryText(ctx, target.uri) : undefined;
  const categories = targetText !== undefined ? parseMarkdownGlossary(targetText, target.uri, { locale: ctx.locale }).data.categories.map((c) => c.label) : [];
  return { uri: doc.uri, term, definition: ctx.harvestedDefinition?.(doc.uri, term) ?? sentenceAround(text, start, end), categories, target: target.uri, targetExists: targetText !== undefined };
}

/** The add-to-glossary actions for a code action request (the word at the cursor, or the selection). */
export function addToGlossaryActions(ctx: ServerContext, doc: LiveDocument, params: CodeActionParams, flagged: Diagnostic[]): CodeAction[] {
  const lines = ctx.lines(doc);
  const out: CodeAction[] = [];
  for (const d of flagged) {
    const args = addToGlossaryArgs(ctx, doc, lines.offsetAt(d.range.start), lines.offsetAt(d.range.end));
    if (!args) continue;
    const title = t(ctx.locale, 'action.notATypo', { word: args.term });
    out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: ADD_TO_GLOSSARY_COMMAND, arguments: [args] } });
  }
  if (out.length > 0) return out;
  let start = lines.offsetAt(params.range.start);
  let end = lines.offsetAt(params.range.end);
  if (start === end) {
    const w = wordAround(doc.getText(), start);
    if (!w) return [];
    ({ start, end } = w);
  }
  const args = addToGlossaryArgs(ctx, doc, start, end);
  if (!args) return [];
  const title = t(ctx.locale, 'action.addToGlossary', { word: args.term });
  return [{ title, kind: CodeActionKind.RefactorRewrite, command: { title, command: ADD_TO_GLOSSARY_COMMAND, arguments: [args] } }];
}

/** Registers glossaire/addToGlossaryEdit. */
export function registerAddToGlossary(ctx: ServerContext): void {
  ctx.connection.onRequest(AddToGlossaryEditRequest, (params, token) =>
    runSafe<{ edit: WorkspaceEdit; target: string } | null>(ctx.connection, 'addToGlossaryEdit', token, null, () => {
      const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const uri = str(params?.uri);
      const term = str(params?.term).replace(/\s+/g, ' ');
      const definition = str(params?.definition);
      const category = str(params?.category) || t(ctx.locale, 'glossary.new-category');
      if (!uri || !term || !definition || /[\r\n]/.test(term)) return null;
      const target = addTargetFor(uri, ctx.store.chainUris(uri));
      const text = target.exists ? glossaryText(ctx, target.uri) : undefined;
      const e = getInsertEntryEdit(text ?? '', { term, definition, category });
      if (text === undefined) {
        // A new glossary beside the note: created, then filled (one undoable edit).
        return {
          target: target.uri,
          edit: {
            documentChanges: [
              { kind: 'create', uri: target.uri, options: { ignoreIfExists: true } },
              { textDocument: { uri: target.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: e.newText }] },
            ],
          },
        };
      }
      const lines = new LineIndex(text);
      return { target: target.uri, edit: { changes: { [target.uri]: [{ range: lines.rangeAt(e.start, e.end), newText: e.newText }] } } };
    }),
  );
}
