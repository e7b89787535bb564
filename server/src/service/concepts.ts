/**
 * Concept views for hovers and the side panel: summaries, details, and the Markdown that
 * teaches a concept. Glossary text is untrusted: it goes through safeMarkdown.ts (no HTML, no
 * images, http(s) links only).
 */

import { Glossary, GlossaryEntry } from './glossary';
import { Locale, t } from './messages';
import { untrustedBlock, untrustedInline } from './safeMarkdown';

/**
 * Escapes raw HTML (and the plain `](command:` form) in Markdown that is kept as written, for
 * exported files. Not a sanitiser: anything shown in the editor goes through safeMarkdown.ts.
 */
export function escapeMarkdownHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\]\(command:/gi, '](command&#58;');
}

/** The first sentence of a definition, for lists and tooltips. */
export function getShortDefinition(definition: string, max = 120): string {
  const plain = definition.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(plain);
  const first = m ? m[1] : plain;
  return first.length > max ? first.slice(0, max - 1).trimEnd() + '…' : first;
}

/**
 * The whole entry as Markdown: term, category, definition, advantages and disadvantages,
 * synonyms and acronyms, related concepts, source.
 */
export function getEntryMarkdown(entry: GlossaryEntry, glossary: Glossary, locale: Locale, options: { heading?: boolean } = {}): string {
  // Made once per entry, locale and style: a compiled glossary never changes (a reload makes
  // new entries), and hovers ask for the same few entries again and again.
  const key = `${locale}${options.heading === false ? '-' : '#'}`;
  const markdownCache = glossary.memo.entryMarkdown;
  let byKey = markdownCache.get(entry);
  if (!byKey) markdownCache.set(entry, (byKey = new Map()));
  let md = byKey.get(key);
  if (md === undefined) byKey.set(key, (md = makeEntryMarkdown(entry, glossary, locale, options)));
  return md;
}

function makeEntryMarkdown(entry: GlossaryEntry, glossary: Glossary, locale: Locale, options: { heading?: boolean }): string {
  const e = untrustedInline;
  const out: string[] = [];
  const names = [...(entry.acronyms ?? []).filter((a) => a !== entry.term)];
  out.push(`${options.heading === false ? '**' : '### '}${e(entry.term)}${names.length ? ` (${names.map(e).join(', ')})` : ''}${options.heading === false ? '**' : ''}`);
  out.push(`*${t(locale, 'hover.category')}${t(locale, 'punct.colon')} ${e(entry.categoryLabel)}*`);
  out.push(untrustedBlock(entry.definition));
  const list = (key: Parameters<typeof t>[1], items: string[] | undefined) => {
    if (items && items.length > 0) out.push(`**${t(locale, key)}**\n${items.map((x) => `- ${e(x)}`).join('\n')}`);
  };
  list('hover.advantages', entry.advantages);
  list('hover.disadvantages', entry.disadvantages);
  list('hover.examples', entry.examples);
  const inline = (key: Parameters<typeof t>[1], items: string[] | undefined) => {
    if (items && items.length > 0) out.push(`**${t(locale, key)}${t(locale, 'punct.colon')}** ${items.map(e).join(', ')}`);
  };
  inline('hover.synonyms', entry.synonyms);
  inline('hover.forms', entry.forms);
  if (entry.broader) inline('hover.broader', [glossary.byId.get(entry.broader)?.term ?? entry.broader]);
  inline('hover.related', (entry.related ?? []).map((id) => glossary.byId.get(id)?.term ?? id));
  if (entry.source) out.push(`*${t(locale, 'hover.source')}${t(locale, 'punct.colon')} ${e(entry.source)}*`);
  return out.join('\n\n');
}
