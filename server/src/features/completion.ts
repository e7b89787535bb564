/** Completion of glossary terms: candidates from the core, documentation resolved lazily. */

import { CompletionItem, CompletionItemKind, CompletionList, MarkupKind } from 'vscode-languageserver';
import { ServerContext } from '../lsp/context';
import { getCompletions } from '../service/completion';
import { getEntryMarkdown, getShortDefinition } from '../service/concepts';
import { FormKind, GlossaryEntry } from '../service/glossary';
import { runSafe } from '../lsp/runSafe';

/** An entry's short definition, made once per entry (the client asks again at every keystroke). */
const shortDefinitions = new WeakMap<GlossaryEntry, string>();
function shortDefinition(entry: GlossaryEntry): string {
  let d = shortDefinitions.get(entry);
  if (d === undefined) shortDefinitions.set(entry, (d = getShortDefinition(entry.definition, 60)));
  return d;
}

/** Registers textDocument/completion and completionItem/resolve. */
export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params, token) =>
    runSafe<CompletionList | null>(ctx.connection, 'completion', token, null, () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return null;
      const lines = ctx.lines(doc);
      const glossary = ctx.store.current;
      const candidates = getCompletions(doc.getText(), lines.offsetAt(params.position), glossary);
      const items: CompletionItem[] = candidates.map((c) => {
        const entry = glossary.byId.get(c.entryId)!;
        const range = lines.rangeAt(c.replaceStart, c.replaceEnd);
        return {
          label: c.label,
          kind: CompletionItemKind.Text,
          detail: c.kind === FormKind.Term || c.kind === FormKind.Acronym ? entry.categoryLabel : `→ ${c.term}`,
          labelDetails: { description: shortDefinition(entry) },
          sortText: c.sortText,
          filterText: c.filterText,
          textEdit: { range, newText: c.label },
          data: { entryId: c.entryId },
        };
      });
      // The client re-asks at each keystroke: our matching is accent-insensitive, its own is not.
      return { isIncomplete: true, items };
    }),
  );
  ctx.connection.onCompletionResolve((item, token) =>
    runSafe<CompletionItem>(ctx.connection, 'completionResolve', token, item, () => {
      const entry = ctx.store.current.byId.get((item.data as { entryId?: string })?.entryId ?? '');
      if (entry) item.documentation = { kind: MarkupKind.Markdown, value: getEntryMarkdown(entry, ctx.store.current, ctx.locale) };
      return item;
    }),
  );
}
