/**
 * Semantic tokens: every occurrence of a concept gets a `glossaryTerm` (or `glossaryAcronym`)
 * token, so terms of any glossary — not only the built-in one the TextMate grammar knows — are
 * highlighted. Tokens never span lines (split at line ends).
 */

import { SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import { ServerContext } from '../lsp/context';
import { FormKind } from '../service/glossary';
import { runSafe } from '../lsp/runSafe';

/** The token types, in legend order. */
export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: ['glossaryTerm', 'glossaryAcronym'], tokenModifiers: [] };

/** Registers textDocument/semanticTokens/full. */
export function registerSemanticTokens(ctx: ServerContext): void {
  ctx.connection.languages.semanticTokens.on((params, token) =>
    runSafe<SemanticTokens>(ctx.connection, 'semanticTokens', token, { data: [] }, () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      if (!doc || !ctx.isChecked(doc)) return { data: [] };
      const lines = ctx.lines(doc);
      const text = doc.getText();
      const builder = new SemanticTokensBuilder();
      for (const o of ctx.cache.get(doc).occurrences) {
        const type = o.kind === FormKind.Acronym ? 1 : 0;
        const start = lines.positionAt(o.start);
        const end = lines.positionAt(o.end);
        for (let line = start.line; line <= end.line; line++) {
          const from = line === start.line ? start.character : 0;
          let to: number;
          if (line === end.line) to = end.character;
          else {
            // Up to the line break.
            let e = lines.lineStart(line + 1);
            while (e > lines.lineStart(line) && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
            to = e - lines.lineStart(line);
          }
          if (to > from) builder.push(line, from, to - from, type, 0);
        }
      }
      return builder.build();
    }),
  );
}
