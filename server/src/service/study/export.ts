/**
 * Export of a course's concepts: a Markdown glossary document (term, definition, synonyms,
 * where the notes use it, linked), an Anki import file (tab-separated, HTML fields, with Anki's
 * header lines) and CSV (RFC 4180). Pure text in, text out; the caller resolves links.
 */

import { escapeMarkdownHtml } from '../concepts';
import { Glossary } from '../glossary';
import { Locale, t } from '../messages';

/** Where a concept is used: one note, its first line using it, and how many times. */
export interface ExportUse {
  /** The note's path as shown (relative to the export, '/' separators). */
  label: string;
  /** Link target of the note (relative to the exported file), without fragment. */
  href: string;
  /** First line (0-based) using the concept. */
  line: number;
  count: number;
}

/** One concept as exported. */
export interface ExportConcept {
  id: string;
  term: string;
  categoryId: string;
  categoryLabel: string;
  /** Markdown (no raw HTML, see the glossary format). */
  definition: string;
  synonyms: string[];
  acronyms: string[];
  /** Notes using the concept, in the order to show them. */
  usedIn: ExportUse[];
}

/** What is exported: a course's name and its concepts in glossary order. */
export interface ExportDocument {
  /** The course's (glossary's) name. */
  title: string;
  /** Stable id of the course, used in Anki GUIDs ("builtin" for the built-in glossary). */
  courseId: string;
  concepts: ExportConcept[];
}

/** Export formats. */
export type ExportFormat = 'md' | 'anki' | 'csv';

/** The formats, for argument checks. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'anki', 'csv'];

/** Options of the Anki export. */
export interface AnkiOptions {
  /** Deck to import into (Anki makes it when missing); `::` separates sub-decks. */
  deck?: string;
  /** Note type; by default Anki's stock "Basic" type in the locale's name. */
  notetype?: string;
  /** Two cards per concept (term → definition and definition → term). */
  reverse?: boolean;
}

/** The export's concepts from a compiled glossary; `usedIn` from the caller's index. */
export function toExportConcepts(glossary: Pick<Glossary, 'entries'>, usedIn: (id: string) => ExportUse[] = () => []): ExportConcept[] {
  return glossary.entries.map((e) => ({
    id: e.id,
    term: e.term,
    categoryId: e.category,
    categoryLabel: e.categoryLabel,
    definition: e.definition,
    synonyms: [...(e.synonyms ?? [])],
    acronyms: (e.acronyms ?? []).filter((a) => a !== e.term),
    usedIn: usedIn(e.id),
  }));
}

/** Writes the document in a format. */
export function formatExport(doc: ExportDocument, format: ExportFormat, locale: Locale, anki: AnkiOptions = {}): string {
  if (format === 'md') return toMarkdownGlossary(doc, locale);
  if (format === 'anki') return toAnkiFile(doc, locale, anki);
  return toCsv(doc, locale);
}

/** One line of text: line breaks and tabs become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').trim();
}

/** Escapes the characters that end a Markdown link label. */
function escapeLinkLabel(text: string): string {
  return oneLine(escapeMarkdownHtml(text)).replace(/([[\]\\])/g, '\\$1');
}

/** A link destination that survives spaces and parentheses. */
function linkDestination(href: string): string {
  return encodeURI(href).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/**
 * The Markdown glossary: one section per category, one per concept with its acronyms, its
 * definition, its synonyms and links to the notes using it (at the first line using it).
 */
export function toMarkdownGlossary(doc: ExportDocument, locale: Locale): string {
  const e = (s: string) => oneLine(escapeMarkdownHtml(s));
  const colon = locale === 'fr' ? ' :' : ':';
  const out: string[] = [`# ${e(doc.title)}`, '', t(locale, 'study.export.generated', { count: doc.concepts.length })];
  let category: string | undefined;
  for (const c of doc.concepts) {
    if (c.categoryId !== category) {
      category = c.categoryId;
      out.push('', `## ${e(c.categoryLabel)}`);
    }
    out.push('', `### ${e(c.term)}${c.acronyms.length ? ` (${c.acronyms.map(e).join(', ')})` : ''}`, '');
    // The definition is Markdown: kept as written (paragraphs too), raw HTML escaped.
    out.push(escapeMarkdownHtml(c.definition.replace(/\r\n?/g, '\n').trim()));
    if (c.synonyms.length) out.push('', `**${t(locale, 'hover.synonyms')}${colon}** ${c.synonyms.map(e).join(', ')}`);
    const uses = c.usedIn.map((u) => `[${escapeLinkLabel(u.label)}](${linkDestination(u.href)}#L${u.line + 1}) (${u.count})`);
    out.push('', uses.length
      ? `**${t(locale, 'study.export.usedIn')}${colon}** ${uses.join(', ')}`
      : `*${t(locale, 'study.export.notUsed')}*`);
  }
  return out.join('\n') + '\n';
}

/** A field of an HTML-enabled Anki note: escaped, Markdown emphasis and line breaks as HTML. */
export function ankiField(markdown: string): string {
  return markdown
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/\r\n?|\n/g, '<br>')
    // A tab would split the field; Anki shows the entity as a tab.
    .replace(/\t/g, '&#9;')
    .replace(/\*\*(?=\S)(.*?\S)\*\*/g, '<b>$1</b>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<i>$2</i>');
}

/** Tag-safe text: Anki tags are separated by spaces. */
function ankiTag(text: string): string {
  return text.replace(/[\s"]+/g, '_');
}

/**
 * The Anki import file: Anki's header lines (tab separator, HTML fields, note type, deck, GUID
 * and tags columns), then one note per concept: GUID (re-importing updates instead of
 * duplicating), front (term and acronyms), back (definition and synonyms), tags (category).
 */
export function toAnkiFile(doc: ExportDocument, locale: Locale, options: AnkiOptions = {}): string {
  const notetype = options.notetype
    ?? t(locale, options.reverse ? 'study.anki.notetypeReversed' : 'study.anki.notetype');
  const deck = options.deck ?? `Glossaire::${doc.title}`;
  const lines = [
    '#separator:tab',
    '#html:true',
    `#notetype:${oneLine(notetype)}`,
    `#deck:${oneLine(deck)}`,
    '#guid column:1',
    '#tags column:4',
  ];
  const colon = locale === 'fr' ? ' :' : ':';
  for (const c of doc.concepts) {
    const front = ankiField(oneLine(c.term)) + (c.acronyms.length ? ` (${c.acronyms.map((a) => ankiField(oneLine(a))).join(', ')})` : '');
    let back = ankiField(c.definition.trim());
    if (c.synonyms.length) back += `<br><br><i>${ankiField(t(locale, 'hover.synonyms') + colon)} ${c.synonyms.map((s) => ankiField(oneLine(s))).join(', ')}</i>`;
    const guid = `glossaire-${ankiTag(doc.courseId)}-${c.id}`;
    lines.push([guid, front, back, `glossaire::${ankiTag(c.categoryId)}`].join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV (RFC 4180: CRLF between records, a header record): id, term, category, definition,
 * synonyms, acronyms, occurrences in the notes, notes using the concept.
 */
export function toCsv(doc: ExportDocument, locale: Locale): string {
  const rows: (string | number)[][] = [t(locale, 'study.csv.header').split(',')];
  for (const c of doc.concepts) {
    rows.push([
      c.id, c.term, c.categoryLabel, c.definition, c.synonyms.join('; '), c.acronyms.join('; '),
      c.usedIn.reduce((n, u) => n + u.count, 0), c.usedIn.map((u) => u.label).join('; '),
    ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * The path of `to` relative to the folder of `from` (both absolute, '/' separators, e.g. URI
 * paths): how the Markdown export links to the notes.
 */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k++;
  return [...Array(a.length - k).fill('..'), ...b.slice(k)].join('/');
}

/** The `name` of a glossary file's JSON text, or undefined when it has none (or is not JSON). */
export function readGlossaryName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Per concept, the notes using it: from each note's occurrences (offsets → first line). */
export function collectUses(
  notes: readonly { label: string; href: string; occurrences: readonly { entryId: string; line: number }[] }[],
): Map<string, ExportUse[]> {
  const out = new Map<string, ExportUse[]>();
  for (const n of notes) {
    const byId = new Map<string, ExportUse>();
    for (const o of n.occurrences) {
      const u = byId.get(o.entryId);
      if (u) {
        u.count++;
        if (o.line < u.line) u.line = o.line;
      } else byId.set(o.entryId, { label: n.label, href: n.href, line: o.line, count: 1 });
    }
    for (const [id, u] of byId) {
      const list = out.get(id);
      if (list) list.push(u);
      else out.set(id, [u]);
    }
  }
  return out;
}
