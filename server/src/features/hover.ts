/**
 * Hover: delegates to the core's getHover over the cached analysis, then says where the
 * definition comes from when several sources define the term: the student's own definition
 * from a note ("Vos notes", with a link to its line) beside the course glossary's ("Glossaire
 * du cours"), and which farther glossary the nearer one overrides.
 */

import { Hover, MarkupKind } from 'vscode-languageserver';
import { ServerContext } from '../lsp/context';
import { findAt, getHover } from '../service/hover';
import { untrustedBlock, untrustedInline } from '../service/safeMarkdown';
import { GlossaryEntry } from '../service/glossary';
import { t } from '../service/messages';
import { displayName } from '../lsp/glossaryStore';
import { runSafe } from '../lsp/runSafe';

/**
 * "Vos notes : définition — [note, ligne N](link)": a harvested definition. The notes' text is
 * untrusted (a cloned course): rendered through safeMarkdown, no HTML, link or block syntax.
 */
function fromNotes(ctx: ServerContext, uri: string, definition: string, position: { line: number; character: number } | undefined): string {
  const line = (position?.line ?? 0) + 1;
  // A plain link to the note's line (file URI + #L fragment): no command link, nothing to trust.
  const link = `${uri.replace(/[()]/g, (c) => encodeURIComponent(c))}#L${line}`;
  const where = t(ctx.locale, 'scope.definedIn', { file: untrustedInline(displayName(uri)), line, link });
  return `**${t(ctx.locale, 'scope.yourNotes')}**${t(ctx.locale, 'punct.colon')} ${untrustedBlock(definition)}\n\n*${where}*`;
}

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
      const hit = findAt(analysis.occurrences, offset) ?? findAt(analysis.findings, offset);
      const entry: GlossaryEntry | undefined = hit ? glossary.byId.get(hit.entryId) : undefined;
      let value = h.markdown;
      if (entry) {
        const shadowed = ctx.store.shadowedBy(glossary, entry.id);
        const own = ctx.store.harvestedPosition(entry);
        const notes = shadowed.filter((s) => !ctx.store.isGlossaryFile(s.uri));
        const files = shadowed.filter((s) => ctx.store.isGlossaryFile(s.uri));
        if (own) {
          // The term is defined in the notes only (after "Did you mean…" on a typo).
          const head = value.startsWith('### ') ? '' : `${value.split('\n\n---\n\n')[0]}\n\n---\n\n`;
          value = `${head}### ${untrustedInline(entry.term)}\n\n${fromNotes(ctx, entry.uri, entry.definition, own)}`;
        } else if (notes.length > 0) {
          // Both: the student's definition first, the course glossary's below (a thin one shows).
          const s = notes[0];
          const pos = ctx.store.harvestedPosition({ ...entry, id: s.id, uri: s.uri });
          value = `${fromNotes(ctx, s.uri, s.definition, pos)}\n\n---\n\n**${t(ctx.locale, 'scope.courseGlossary')}**\n\n${value}`;
        }
        if (files.length > 0) {
          // The nearer glossary won a term that a farther one defines too.
          // A code span shows its text literally (no HTML, no link): only a backtick could end it.
          const names = files.map((s) => `\`${displayName(s.uri).replace(/`/g, "'")}\``).join(', ');
          value += `\n\n---\n\n*${t(ctx.locale, 'scope.overrides', { files: names, term: untrustedInline(files[0].term) })}*`;
        }
      }
      return { contents: { kind: MarkupKind.Markdown, value }, range: lines.rangeAt(h.start, h.end) };
    }),
  );
}
