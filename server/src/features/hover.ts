/** Hover: delegates to the core's getHover over the cached analysis. */

import { Hover, MarkupKind } from 'vscode-languageserver';
import { ServerContext } from '../lsp/context';
import { getHover } from '../service/hover';
import { runSafe } from '../lsp/runSafe';

/** Registers textDocument/hover. */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params, token) =>
    runSafe<Hover | null>(ctx.connection, 'hover', token, null, () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return null;
      const lines = ctx.lines(doc);
      const h = getHover(ctx.cache.get(doc), lines.offsetAt(params.position), ctx.store.current, ctx.locale);
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: lines.rangeAt(h.start, h.end) };
    }),
  );
}
