/**
 * Writing a Markdown glossary (the format: glossaryMarkdown.ts): glossary data as a whole file,
 * and the edit that adds one entry to a file in its own style.
 */

import type { OffsetEdit } from './model';
import {
  closesFenceLine, Fence, fenceOpenedBy, FIELD_ORDER, LabelField, LABELS, labelKey, Line, readHeading, readLabelLine, readLines,
  SENTENCE_FIELDS, slugify, uniqueId,
} from './glossaryMarkdownSyntax';
import { GlossaryCategoryData, GlossaryEntryData, GlossaryFileData } from './glossaryTypes';
import { Locale } from './messages';

/** Options of `serializeMarkdownGlossary`. */
export interface SerializeOptions {
  /** Language of the labels and front matter keys (default fr). */
  labels?: Locale;
  /** Written as `glossaire-intégré: non` when false. */
  builtin?: boolean;
  /** Line break (default \n). */
  eol?: string;
}

/**
 * Writes glossary data as a Markdown glossary, formatted as a student would write it and
 * rendering well on GitHub: parsing the result gives the same data back.
 */
export function serializeMarkdownGlossary(data: GlossaryFileData, options: SerializeOptions = {}): string {
  const lang = options.labels ?? 'fr';
  const eol = options.eol ?? '\n';
  const out: string[] = ['---'];
  out.push(`${lang === 'fr' ? 'titre' : 'title'}: ${yamlScalar(data.name)}`);
  out.push(`${lang === 'fr' ? 'langue' : 'language'}: ${yamlScalar(data.language)}`);
  if (options.builtin === false) out.push(lang === 'fr' ? 'glossaire-intégré: non' : 'builtin: false');
  out.push('---', '');
  if (data.description) out.push(data.description, '');

  const style: LabelStyle = { bullet: '-', bold: 'inside', colon: lang === 'fr' ? ' :' : ':', labels: lang };
  const termOf = new Map(data.entries.map((e) => [e.id, e.term]));
  const categoryIds = new Set<string>();
  const entryIds = new Set<string>();
  // The ids the reader will derive, numbered as it numbers them (uniqueId).
  const categorySuffixes = new Map<string, number>();
  const entrySuffixes = new Map<string, number>();
  const sections: GlossaryCategoryData[] = [...data.categories];
  // Each category's entries, in the file's order (one pass, not one per category).
  const byCategory = new Map<string, GlossaryEntryData[]>(sections.map((c) => [c.id, []]));
  for (const e of data.entries) {
    let list = byCategory.get(e.category);
    if (!list) {
      sections.push({ id: e.category, label: e.category });
      byCategory.set(e.category, (list = []));
    }
    list.push(e);
  }
  for (const cat of sections) {
    out.push(`# ${cat.label}`, '');
    const derived = uniqueId(slugify(cat.label), categoryIds, 'categorie', categorySuffixes);
    categoryIds.add(cat.id);
    if (derived !== cat.id) out.push(labelLine(style, 'id', cat.id), '');
    if (cat.description) out.push(cat.description, '');
    // A category id listed twice gets its entries once, under its first section (twice would
    // write every term twice).
    const entries = byCategory.get(cat.id) ?? [];
    byCategory.set(cat.id, []);
    for (const e of entries) {
      out.push(`## ${e.term}`, '', e.definition, '');
      const derivedId = uniqueId(slugify(e.term), entryIds, 'terme', entrySuffixes);
      entryIds.add(e.id);
      const fieldLines = entryLabelLines(e, style, derivedId, termOf);
      if (fieldLines.length > 0) out.push(...fieldLines, '');
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join(eol) + eol;
}

/** How a file writes its labelled lines. */
interface LabelStyle {
  bullet: '' | '-' | '*' | '+';
  bold: 'inside' | 'outside' | 'none';
  colon: ' :' | ':';
  labels: Locale;
}

function labelLine(style: LabelStyle, field: LabelField, value: string): string {
  const name = LABELS[field][style.labels];
  const label = style.bold === 'inside' ? `**${name}${style.colon}**` : style.bold === 'outside' ? `**${name}**${style.colon}` : `${name}${style.colon}`;
  return `${style.bullet ? style.bullet + ' ' : ''}${label}${value ? ' ' + value : ''}`;
}

/** The labelled lines of an entry (the id only when the derived one would differ). */
function entryLabelLines(e: GlossaryEntryData, style: LabelStyle, derivedId: string, termOf: Map<string, string>): string[] {
  const out: string[] = [];
  const indent = style.bullet ? '  ' : '';
  for (const field of FIELD_ORDER) {
    if (field === 'id') {
      if (e.id !== derivedId) out.push(labelLine(style, 'id', e.id));
      continue;
    }
    if (field === 'source') {
      if (e.source) out.push(labelLine(style, 'source', e.source));
      continue;
    }
    if (field === 'broader') {
      if (e.broader) out.push(labelLine(style, 'broader', termOf.get(e.broader) ?? e.broader));
      continue;
    }
    let items = (e as unknown as Record<string, string[] | undefined>)[field];
    if (!items || items.length === 0) continue;
    if (field === 'related') items = items.map((id) => termOf.get(id) ?? id);
    if (SENTENCE_FIELDS.has(field) || items.some((x) => /[,;]/.test(x))) {
      out.push(labelLine(style, field, ''));
      for (const x of items) out.push(`${indent}- ${x}`);
    } else out.push(labelLine(style, field, items.join(', ')));
  }
  // Without bullets, consecutive lines would run together on GitHub: one paragraph each.
  return style.bullet ? out : out.flatMap((l, k) => (k > 0 && !l.startsWith('- ') ? ['', l] : [l]));
}

/** A YAML scalar, quoted when plain would be read otherwise. */
function yamlScalar(value: string): string {
  return /^[\p{L}\p{N}][^:#\n]*$/u.test(value) && value.trim() === value ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

// ---------------------------------------------------------------------------------------------
// Adding an entry

/** A new entry for `getInsertEntryEdit`. */
export interface NewMarkdownEntry {
  term: string;
  definition: string;
  /** The category's label (an existing category's label or id, or a new label). */
  category: string;
  synonyms?: string[];
  acronyms?: string[];
  source?: string;
}

/**
 * The edit that adds an entry to a Markdown glossary: at the end of its category's section (the
 * category is created at the end of the file when it is new), with the file's line breaks and
 * the style of its labelled lines. An empty text gets a whole new glossary.
 */
export function getInsertEntryEdit(text: string, entry: NewMarkdownEntry): OffsetEdit {
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
  const lines = readLines(text);
  const style = detectStyle(lines);
  const data: GlossaryEntryData = { id: slugify(entry.term), term: entry.term.trim(), category: '', definition: entry.definition.trim().replace(/\r\n?|\n/g, eol) };
  if (entry.synonyms?.length) data.synonyms = entry.synonyms;
  if (entry.acronyms?.length) data.acronyms = entry.acronyms;
  if (entry.source) data.source = entry.source;
  const block = [`## ${data.term}`, '', data.definition];
  const labelled = entryLabelLines(data, style, data.id, new Map());
  if (labelled.length > 0) block.push('', ...labelled);

  // Find the category's section (outside code fences).
  const wanted = labelKey(entry.category);
  let sectionEnd = -1; // index of the last line of the section
  let inSection = false;
  let fence: Fence | undefined;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (fence !== undefined) {
      if (closesFenceLine(l, fence)) fence = undefined;
      if (inSection) sectionEnd = k;
      continue;
    }
    fence = fenceOpenedBy(l);
    const h = fence ? undefined : readHeading(l);
    if (h?.level === 1) {
      if (inSection) break;
      inSection = labelKey(h.text) === wanted || slugify(h.text) === slugify(entry.category);
    }
    if (inSection) sectionEnd = k;
  }
  const lastNonBlank = (upTo: number) => {
    for (let k = upTo; k >= 0; k--) if (lines[k].text.trim()) return k;
    return -1;
  };
  if (sectionEnd !== -1) {
    const k = lastNonBlank(sectionEnd);
    return { start: lines[k].end, end: lines[k].end, newText: eol + eol + block.join(eol) };
  }
  const k = lastNonBlank(lines.length - 1);
  const whole = [`# ${entry.category.trim()}`, '', ...block];
  if (k === -1) return { start: 0, end: text.length, newText: whole.join(eol) + eol };
  return { start: lines[k].end, end: lines[k].end, newText: eol + eol + whole.join(eol) };
}

/** The style of the first labelled line of a file (bullets, bold, colon, language). */
function detectStyle(lines: Line[]): LabelStyle {
  let inEntry = false;
  for (const l of lines) {
    const h = readHeading(l);
    if (h) {
      inEntry = h.level === 2;
      continue;
    }
    if (!inEntry) continue;
    const lab = readLabelLine(l);
    if (lab?.field && lab.field !== 'id') {
      return {
        bullet: (lab.bullet as LabelStyle['bullet']) || '',
        bold: !lab.bold ? 'none' : /^\s*(?:[-*+]\s+)?(\*\*|__)[^*_]*:/.test(l.text) ? 'inside' : 'outside',
        colon: lab.colon as LabelStyle['colon'],
        labels: lab.english ? 'en' : 'fr',
      };
    }
  }
  return { bullet: '-', bold: 'inside', colon: ' :', labels: 'fr' };
}
