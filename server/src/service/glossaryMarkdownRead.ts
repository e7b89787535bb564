/**
 * Reading a Markdown glossary (the format: glossaryMarkdown.ts) into the JSON format's data,
 * with the location of every entry and every problem. Pure: text in, data and problems out.
 */

import { GlossaryProblem } from './glossary';
import { readFrontMatter, FrontMeta } from './glossaryMarkdownFront';
import {
  bulletContentAt, closesFenceLine, Fence, fenceOpenedBy, FIELD_ORDER, joinLines, LabelField, LabelLine, LABELS, labelKey, ListField,
  readHeading, readLabelLine, readLines, SENTENCE_FIELDS, SINGLE_FIELDS, slugify, Span, stripMarks, uniqueId,
} from './glossaryMarkdownSyntax';
import { GlossaryCategoryData, GlossaryEntryData, GlossaryFileData } from './glossaryTypes';
import { indentEnd } from './lineShape';
import { Locale, MessageKey, t } from './messages';

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Longest term a `##` heading may hold (the JSON format's limit for a form). */
const MAX_TERM_LENGTH = 200;

/** Where an entry's parts are in the Markdown text. */
export interface MarkdownEntryLocation {
  /** The entry's section: from its `##` heading to the line before the next heading. */
  start: number;
  end: number;
  /** The term in the heading. */
  term: Span;
  /** The definition paragraphs. */
  definition?: Span;
  /** Each labelled line's value (the whole line when the value is a list below it). */
  fields: Partial<Record<LabelField, Span>>;
}

/** The result of parsing a Markdown glossary. */
export interface MarkdownGlossary {
  /** The same data as a JSON glossary file holds. */
  data: GlossaryFileData;
  /** False when the front matter turns the built-in glossary off for this folder. */
  builtin?: boolean;
  /** Locations of `data.entries`, index for index. */
  entries: MarkdownEntryLocation[];
  /** Locations of `data.categories`' headings (label span), index for index. */
  categories: Span[];
  /** Every problem, with offsets in the text; entries with errors that leave no valid entry are dropped. */
  problems: GlossaryProblem[];
}

/** Options of `parseMarkdownGlossary`. */
export interface ParseMarkdownOptions {
  locale?: Locale;
  /** Name of the glossary when the front matter gives none (default: from the URI). */
  defaultName?: string;
}

/** Splits an inline value into items: on ";" when there is one, else on ",". */
function splitInline(value: string, start: number, field: LabelField): { text: string; start: number; end: number }[] {
  if (SINGLE_FIELDS.has(field) && field !== 'broader') return value ? [{ text: value, start, end: start + value.length }] : [];
  const sep = value.includes(';') ? ';' : ',';
  const out: { text: string; start: number; end: number }[] = [];
  let at = 0;
  for (const part of value.split(sep)) {
    const lead = part.length - part.trimStart().length;
    const item = cleanItem(part, field);
    if (item) out.push({ text: item, start: start + at + lead, end: start + at + lead + part.trim().length });
    at += part.length + 1;
  }
  return out;
}

/** An item without its marks and, for a term, its final period. */
function cleanItem(text: string, field: LabelField): string {
  let s = stripMarks(text.trim());
  if (!SENTENCE_FIELDS.has(field) && field !== 'source') s = s.replace(/\.$/, '').trim();
  return s.normalize('NFC');
}

interface EntryDraft {
  term: string;
  termSpan: Span;
  headingLine: number;
  start: number;
  end: number;
  category: string;
  /** Definition lines (indices), in order. */
  defLines: number[];
  labelZone: boolean;
  explicitId?: { value: string; span: Span };
  lists: Partial<Record<ListField, { text: string; start: number; end: number }[]>>;
  singles: Partial<Record<'broader' | 'source', { text: string; start: number; end: number; label: string }>>;
  fieldSpans: Partial<Record<LabelField, Span>>;
  labelNames: Partial<Record<LabelField, string>>;
}

interface CategoryDraft {
  label: string;
  span: Span;
  lineIndex: number;
  descLines: number[];
  explicitId?: { value: string; span: Span };
  implicit?: boolean;
}


/**
 * Parses a Markdown glossary into the JSON format's data, with the location of every entry and
 * every problem (unknown label, a reference to no term, a duplicate term, a term without
 * definition, a bad front matter…). Never throws.
 */
export function parseMarkdownGlossary(text: string, uri: string, options: ParseMarkdownOptions = {}): MarkdownGlossary {
  const locale = options.locale ?? 'fr';
  const problems: GlossaryProblem[] = [];
  const report = (severity: 'error' | 'warning', code: MessageKey, params: Record<string, string | number>, span: Span, entry?: string, field?: string) => {
    problems.push({ uri, severity, code, message: t(locale, code, params), entry, field, start: span.start, end: Math.max(span.end, span.start) });
  };
  const lines = readLines(text);
  const meta: FrontMeta = {};
  const first = readFrontMatter(text, lines, meta, report);

  const categories: CategoryDraft[] = [];
  const drafts: EntryDraft[] = [];
  const preamble: number[] = [];
  let category: CategoryDraft | undefined;
  let entry: EntryDraft | undefined;
  let pendingList: { field: ListField; label: LabelLine } | undefined;
  let fence: Fence | undefined;

  const finishSection = (endLine: number) => {
    const end = endLine > 0 ? lines[endLine - 1].end : 0;
    if (entry) entry.end = Math.max(entry.start, end);
    entry = undefined;
    pendingList = undefined;
  };

  for (let k = first; k < lines.length; k++) {
    const line = lines[k];
    if (fence !== undefined) {
      if (closesFenceLine(line, fence)) fence = undefined;
      addText(k);
      continue;
    }
    const opened = fenceOpenedBy(line);
    if (opened) {
      fence = opened;
      pendingList = undefined;
      addText(k);
      continue;
    }
    const heading = readHeading(line);
    if (heading && heading.level <= 2) {
      finishSection(k);
      const span = { start: heading.start, end: heading.start + heading.text.length };
      if (!heading.text) {
        report('error', 'glossary.md-empty-heading', {}, { start: line.start, end: line.end });
        // The section's text still belongs somewhere: not to the previous entry.
        if (heading.level === 2) entry = undefined;
        continue;
      }
      if (heading.level === 1) {
        category = { label: heading.text.normalize('NFC'), span, lineIndex: k, descLines: [] };
        categories.push(category);
      } else {
        if (!category) {
          category = { label: meta.name ?? defaultName(uri, options), span: { start: line.start, end: line.start }, lineIndex: k, descLines: [], implicit: true };
          categories.push(category);
        }
        entry = {
          term: heading.text.normalize('NFC'), termSpan: span, headingLine: k, start: line.start, end: line.end,
          category: '', defLines: [], labelZone: false, lists: {}, singles: {}, fieldSpans: {}, labelNames: {},
        };
        (entry as EntryDraft & { categoryDraft: CategoryDraft }).categoryDraft = category;
        drafts.push(entry);
      }
      continue;
    }
    if (!entry) {
      if (category) {
        const lab = line.text.trim() ? readLabelLine(line) : undefined;
        if (lab?.field === 'id') {
          category.explicitId = { value: lab.value, span: { start: lab.valueStart, end: lab.valueStart + lab.value.length } };
        } else if (lab?.field) {
          report('warning', 'glossary.md-label-in-category', { label: lab.label }, { start: lab.labelStart, end: lab.labelEnd });
        } else category.descLines.push(k);
      } else preamble.push(k);
      continue;
    }
    // Inside an entry.
    const blank = !line.text.trim();
    if (blank) {
      if (!entry.labelZone) entry.defLines.push(k);
      continue;
    }
    const lab = readLabelLine(line);
    if (pendingList && !lab?.field && !(lab?.bold)) {
      const itemAt = bulletContentAt(line.text, indentEnd(line.text, 0, line.text.length));
      if (itemAt !== -1) {
        const item = line.text.slice(itemAt);
        const startOff = line.start + itemAt;
        const textItem = cleanItem(item, pendingList.field);
        if (textItem) (entry.lists[pendingList.field] ??= []).push({ text: textItem, start: startOff, end: startOff + item.trimEnd().length });
        entry.fieldSpans[pendingList.field] = { start: entry.fieldSpans[pendingList.field]!.start, end: line.end };
        continue;
      }
      pendingList = undefined;
    }
    if (lab?.field) {
      pendingList = undefined;
      entry.labelZone = true;
      const field = lab.field;
      const valueSpan = { start: lab.valueStart, end: lab.valueStart + lab.value.length };
      entry.labelNames[field] = lab.label;
      const prevSpan = entry.fieldSpans[field];
      entry.fieldSpans[field] = prevSpan ?? (lab.value ? valueSpan : { start: lab.labelStart, end: line.end });
      if (field === 'id') {
        if (!lab.value) report('warning', 'glossary.md-empty-label', { label: lab.label }, { start: lab.labelStart, end: lab.labelEnd });
        else entry.explicitId = { value: lab.value, span: valueSpan };
      } else if (field === 'source' || field === 'broader') {
        const items = field === 'source' ? (lab.value ? [{ text: cleanItem(lab.value, field), start: valueSpan.start, end: valueSpan.end }] : []) : splitInline(lab.value, lab.valueStart, field);
        if (items.length === 0) report('warning', 'glossary.md-empty-label', { label: lab.label }, { start: lab.labelStart, end: lab.labelEnd }, undefined, field);
        else {
          if (items.length > 1) report('warning', 'glossary.md-single-value', { label: lab.label, value: items[0].text }, valueSpan, undefined, field);
          entry.singles[field] = { ...items[0], label: lab.label };
        }
      } else {
        const items = splitInline(lab.value, lab.valueStart, field);
        (entry.lists[field] ??= []).push(...items);
        if (!lab.value) pendingList = { field, label: lab };
      }
      continue;
    }
    if (lab && (lab.bold || entry.labelZone)) {
      const known = FIELD_ORDER.filter((f) => f !== 'id').map((f) => LABELS[f][locale]).join(', ');
      report('warning', 'glossary.md-unknown-label', { label: lab.label, known }, { start: lab.labelStart, end: lab.labelEnd });
    }
    pendingList = undefined;
    entry.defLines.push(k);
  }
  finishSection(lines.length);

  function addText(k: number) {
    if (entry) entry.defLines.push(k);
    else if (category) category.descLines.push(k);
    else preamble.push(k);
  }

  // Categories: ids from the labels unless pinned.
  const data: GlossaryFileData = { name: meta.name ?? defaultName(uri, options), language: meta.language ?? 'fr', categories: [], entries: [] };
  const description = meta.description ?? joinLines(lines, preamble);
  if (description) data.description = description;
  const categoryIds = new Set<string>();
  const categorySpans: Span[] = [];
  const categoryIdOf = new Map<CategoryDraft, string>();
  // Where each derived id's numbering got to (uniqueId), for the categories' ids.
  const categorySuffixes = new Map<string, number>();
  for (const c of categories) {
    let id: string | undefined;
    if (c.explicitId) {
      if (!ID_RE.test(c.explicitId.value)) report('error', 'glossary.md-bad-id', { id: c.explicitId.value }, c.explicitId.span, undefined, 'id');
      else if (categoryIds.has(c.explicitId.value)) report('error', 'glossary.md-duplicate-id', { id: c.explicitId.value, line: '?' }, c.explicitId.span, undefined, 'id');
      else id = c.explicitId.value;
    }
    id ??= uniqueId(slugify(c.label), categoryIds, 'categorie', categorySuffixes);
    categoryIds.add(id);
    categoryIdOf.set(c, id);
    const cat: GlossaryCategoryData = { id, label: c.label };
    const desc = joinLines(lines, c.descLines);
    if (desc) cat.description = desc;
    data.categories.push(cat);
    categorySpans.push(c.span);
  }

  // Entries.
  const entryIds = new Map<string, number>(); // id → line
  const entrySuffixes = new Map<string, number>(); // see uniqueId
  const termLines = new Map<string, number>(); // folded term → line
  const kept: { data: GlossaryEntryData; loc: MarkdownEntryLocation; draft: EntryDraft }[] = [];
  for (const d of drafts) {
    const line = d.headingLine + 1;
    const definition = joinLines(lines, d.defLines);
    const key = labelKey(d.term);
    if (d.term.length > MAX_TERM_LENGTH) {
      report('error', 'glossary.md-term-too-long', { length: d.term.length, max: MAX_TERM_LENGTH }, d.termSpan, d.term, 'term');
      continue;
    }
    const seen = termLines.get(key);
    if (seen !== undefined) {
      report('error', 'glossary.md-duplicate-term', { term: d.term, line: seen }, d.termSpan, d.term, 'term');
      continue;
    }
    termLines.set(key, line);
    if (!definition) {
      report('error', 'glossary.md-no-definition', { term: d.term }, d.termSpan, d.term, 'definition');
      continue;
    }
    let id: string | undefined;
    if (d.explicitId) {
      const v = d.explicitId.value;
      if (!ID_RE.test(v)) report('error', 'glossary.md-bad-id', { id: v }, d.explicitId.span, d.term, 'id');
      else if (entryIds.has(v)) report('error', 'glossary.md-duplicate-id', { id: v, line: entryIds.get(v)! }, d.explicitId.span, d.term, 'id');
      else id = v;
    }
    id ??= uniqueId(slugify(d.term), entryIds, 'terme', entrySuffixes);
    entryIds.set(id, line);
    const e: GlossaryEntryData = { id, term: d.term, category: categoryIdOf.get((d as EntryDraft & { categoryDraft: CategoryDraft }).categoryDraft)!, definition };
    for (const field of FIELD_ORDER) {
      if (field === 'id' || field === 'broader' || field === 'related') continue;
      if (field === 'source') {
        if (d.singles.source) e.source = d.singles.source.text;
        continue;
      }
      const items = d.lists[field as ListField];
      if (items && items.length > 0) (e as unknown as Record<string, string[]>)[field] = items.map((x) => x.text);
    }
    for (const field of Object.keys(d.lists) as ListField[]) {
      if (d.lists[field]!.length === 0) report('warning', 'glossary.md-empty-label', { label: d.labelNames[field] ?? field }, d.fieldSpans[field]!, id, field);
    }
    const defStart = d.defLines.find((k) => lines[k].text.trim());
    const defEnd = [...d.defLines].reverse().find((k) => lines[k].text.trim());
    const loc: MarkdownEntryLocation = {
      start: d.start, end: d.end, term: d.termSpan,
      definition: defStart !== undefined && defEnd !== undefined ? { start: lines[defStart].start, end: lines[defEnd].end } : undefined,
      fields: { ...d.fieldSpans },
    };
    kept.push({ data: e, loc, draft: d });
  }
  if (drafts.length === 0) {
    const at = lines[first]?.start ?? 0;
    report('warning', 'glossary.md-no-entries', {}, { start: at, end: lines[first]?.end ?? at });
  }

  // References (Voir aussi, Sorte de) resolve against the terms, forms, synonyms, acronyms and ids.
  // Terms first (what the serializer writes), then the other names, then ids.
  const byName = new Map<string, string>();
  const name = (text: string, id: string) => {
    const k = labelKey(text);
    if (!byName.has(k)) byName.set(k, id);
  };
  for (const { data: e } of kept) name(e.term, e.id);
  for (const { data: e } of kept) for (const n of [...(e.forms ?? []), ...(e.synonyms ?? []), ...(e.acronyms ?? [])]) name(n, e.id);
  for (const { data: e } of kept) name(e.id, e.id);
  for (const { data: e, draft: d } of kept) {
    const broader = d.singles.broader;
    if (broader) {
      const id = byName.get(labelKey(broader.text));
      if (id) e.broader = id;
      else report('error', 'glossary.md-unknown-reference', { name: broader.text, label: broader.label }, broader, e.id, 'broader');
    }
    const related: string[] = [];
    for (const item of d.lists.related ?? []) {
      const id = byName.get(labelKey(item.text));
      if (id) {
        if (!related.includes(id)) related.push(id);
      } else report('error', 'glossary.md-unknown-reference', { name: item.text, label: d.labelNames.related ?? LABELS.related[locale] }, item, e.id, 'related');
    }
    if (related.length > 0) e.related = related;
  }

  data.entries = kept.map((x) => x.data);
  const result: MarkdownGlossary = { data, entries: kept.map((x) => x.loc), categories: categorySpans, problems };
  if (meta.builtin !== undefined) result.builtin = meta.builtin;
  problems.sort((a, b) => a.start - b.start);
  return result;
}

/** The glossary's name when the front matter gives none: "reseaux.glossaire.md" → "reseaux", "cours/glossaire.md" → "cours". */
function defaultName(uri: string, options: ParseMarkdownOptions): string {
  if (options.defaultName) return options.defaultName;
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch {
    // a malformed escape: the raw text is as good a name
  }
  const parts = path.split(/[\\/]/).filter(Boolean);
  const base = parts[parts.length - 1] ?? '';
  const m = /^(.+)\.glossaire\.md$/i.exec(base);
  if (m) return m[1];
  return parts[parts.length - 2] ?? 'Glossaire';
}
