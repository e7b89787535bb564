/** Hover: delegates to the core's getHover over the cached analysis. */

import { Hover, MarkupKind } from 'vscode-languageserver';
import { ServerContext } from '../lsp/context';
import { findAt, getHover } from '../service/hover';
import { escapeMarkdownHtml } from '../service/concepts';
import { t } from '../service/messages';
import { displayName } from '../lsp/glossaryStore';
import { runSafe } from '../lsp/runSafe';

/** Registers textDocument/hover. */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params, token) =>
    runSafe<Hover | null>(ctx.connection, 'hover', token, null, () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return null;
      const lines = ctx.lines(doc);
      const glossary = ctx.glossaryFor(doc.uri);
      const analysis = ctx.cache.get(doc);
      const offset = lines.offsetAt(params.position);
      const h = getHover(analysis, offset, glossary, ctx.locale);
      if (!h) return null;
      // The nearer glossary won a term that a farther one defines too: the hover says so.
      const hit = findAt(analysis.occurrences, offset) ?? findAt(analysis.findings, offset);
      const shadowed = hit ? ctx.store.shadowedBy(glossary, hit.entryId) : [];
      let value = h.markdown;
      if (shadowed.length > 0) {
        const files = shadowed.map((s) => `\`${escapeMarkdownHtml(displayName(s.uri))}\``).join(', ');
        value += `\n\n---\n\n*${t(ctx.locale, 'scope.overrides', { files, term: escapeMarkdownHtml(shadowed[0].term) })}*`;
      }
      return { contents: { kind: MarkupKind.Markdown, value }, range: lines.rangeAt(h.start, h.end) };
    }),
  );
}
