/**
 * The Markdown glossary format: a glossary a student writes as a plain document, mapped onto the
 * same data as the JSON format (`GlossaryFileData`). Pure: text in, data and located problems out.
 *
 *     ---
 *     titre: Réseaux informatiques         (or title / nom / name; default: the folder's name)
 *     langue: fr                           (or language; default fr)
 *     glossaire-intégré: non               (or builtin: false; turns the built-in glossary off here)
 *     ---
 *     Optional paragraphs: the glossary's description.
 *
 *     # Category label                     one `#` heading per category
 *     Optional paragraphs: the category's description.
 *
 *     ## term                              one `##` heading per term
 *     The definition: the paragraph(s) below the heading.
 *
 *     - **Synonymes :** a, b               optional labelled lines (see LABELS), bold or not,
 *     - **Avantages :**                    bulleted or not; a value is inline (split on `;` if
 *       - one item                         there is one, else on `,`) or a list of bullets below
 *
 * Ids are derived from the text (slug of the term or category label, `-2`, `-3`… on
 * collisions), so they stay stable while the student edits definitions; an `Identifiant :` line
 * pins another one (the serializer writes it only where the derived id would differ).
 * `Voir aussi` and `Sorte de` name terms (or their synonyms, forms, acronyms, or ids).
 * All offsets are UTF-16 offsets in the text; lines may end with \n, \r\n or \r.
 */

import type { OffsetEdit } from './analyze';
import { buildGlossary, CompileOptions, Glossary, GlossaryData, GlossaryEntry, GlossaryProblem } from './glossary';
import { GlossaryCategoryData, GlossaryEntryData, GlossaryFileData } from './glossaryTypes';
import { Locale, MessageKey, t } from './messages';
import { LineIndex, Range } from './positions';
import { fold, normalizePunctuation } from './text';

/** Entry fields written as labelled lines (`id` pins an id; the rest are model fields). */
export type LabelField =
  | 'id' | 'forms' | 'synonyms' | 'acronyms' | 'misspellings'
  | 'advantages' | 'disadvantages' | 'examples' | 'broader' | 'related' | 'source';

type ListField = 'forms' | 'synonyms' | 'acronyms' | 'misspellings' | 'advantages' | 'disadvantages' | 'examples' | 'related';

/** Label names by field: the French and English names the serializer writes, then other accepted spellings. */
const LABELS: Record<LabelField, { fr: string; en: string; frAlso: string[]; enAlso: string[] }> = {
  id: { fr: 'Identifiant', en: 'Id', frAlso: [], enAlso: ['identifier'] },
  forms: { fr: 'Formes', en: 'Forms', frAlso: ['forme', 'pluriel', 'pluriels'], enAlso: ['form', 'plural', 'plurals'] },
  synonyms: { fr: 'Synonymes', en: 'Synonyms', frAlso: ['synonyme'], enAlso: ['synonym'] },
  acronyms: { fr: 'Sigles', en: 'Acronyms', frAlso: ['sigle', 'acronyme', 'acronymes', 'abréviation', 'abréviations'], enAlso: ['acronym', 'abbreviation', 'abbreviations'] },
  misspellings: { fr: 'Fautes fréquentes', en: 'Common misspellings', frAlso: ['faute fréquente', 'fautes courantes', 'faute courante', 'fautes'], enAlso: ['misspellings', 'misspelling'] },
  advantages: { fr: 'Avantages', en: 'Advantages', frAlso: ['avantage'], enAlso: ['advantage', 'pros'] },
  disadvantages: { fr: 'Inconvénients', en: 'Disadvantages', frAlso: ['inconvénient'], enAlso: ['disadvantage', 'cons'] },
  examples: { fr: 'Exemples', en: 'Examples', frAlso: ['exemple'], enAlso: ['example'] },
  broader: { fr: 'Sorte de', en: 'Broader', frAlso: ['type de'], enAlso: ['kind of', 'broader term'] },
  related: { fr: 'Voir aussi', en: 'See also', frAlso: ['concepts liés', 'termes liés'], enAlso: ['related'] },
  source: { fr: 'Source', en: 'Source', frAlso: ['sources'], enAlso: [] },
};

/** Folded label name → field, and whether the name is English. */
const LABEL_BY_KEY = new Map<string, { field: LabelField; english: boolean }>();
for (const [field, names] of Object.entries(LABELS) as [LabelField, (typeof LABELS)[LabelField]][]) {
  for (const name of [names.fr, ...names.frAlso]) LABEL_BY_KEY.set(labelKey(name), { field, english: false });
  for (const name of [names.en, ...names.enAlso]) if (!LABEL_BY_KEY.has(labelKey(name))) LABEL_BY_KEY.set(labelKey(name), { field, english: true });
}

/** Fields whose items are short phrases (written as bullets by the serializer). */
const SENTENCE_FIELDS = new Set<LabelField>(['advantages', 'disadvantages', 'examples']);
/** Fields that take one value. */
const SINGLE_FIELDS = new Set<LabelField>(['id', 'broader', 'source']);
/** Order of the labelled lines the serializer writes. */
const FIELD_ORDER: LabelField[] = ['id', 'synonyms', 'acronyms', 'forms', 'misspellings', 'advantages', 'disadvantages', 'examples', 'broader', 'related', 'source'];

/** Front matter keys (folded) → meaning. */
const FRONT_KEYS = new Map<string, 'name' | 'language' | 'description' | 'builtin'>([
  ['titre', 'name'], ['title', 'name'], ['nom', 'name'], ['name', 'name'],
  ['langue', 'language'], ['language', 'language'], ['lang', 'language'],
  ['description', 'description'],
  ['glossaire-integre', 'builtin'], ['glossaire integre', 'builtin'], ['builtin', 'builtin'], ['built-in', 'builtin'],
]);
const TRUE_WORDS = new Set(['oui', 'yes', 'true', 'vrai', 'on']);
const FALSE_WORDS = new Set(['non', 'no', 'false', 'faux', 'off']);

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Longest term a `##` heading may hold (the JSON format's limit for a form). */
const MAX_TERM_LENGTH = 200;

/** Offsets of a span of the text. */
export interface Span {
  start: number;
  end: number;
}

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

interface Line {
  start: number;
  /** End of the line's text (before its line break). */
  end: number;
  /** Start of the next line. */
  next: number;
  text: string;
}

/** The text's lines, each with its offsets (line breaks \n, \r\n or \r). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : -1;
    if (c === 10 || c === 13 || c === -1) {
      const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next: Math.min(next, len), text: text.slice(start, i) });
      if (c === -1) break;
      start = next;
      i = next - 1;
    }
  }
  return lines;
}

/** A labelled line: `Label : value`, `**Label :** value`, `**Label** : value`, bulleted or not. */
interface LabelLine {
  /** The label as written and its offsets in the text. */
  label: string;
  labelStart: number;
  labelEnd: number;
  field?: LabelField;
  /** The inline value (trimmed) and its offset. */
  value: string;
  valueStart: number;
  bold: boolean;
  bullet: string;
  /** " :" or ":", as written. */
  colon: string;
  /** True when the label matched an English name. */
  english: boolean;
}

/** Reads a line as a labelled line, if it is one (the label is 1–3 words of letters). */
function readLabelLine(line: Line): LabelLine | undefined {
  const m = /^( {0,3}(?:[-*+][ \t]+)?)(.*)$/.exec(line.text)!;
  const bullet = m[1].trim();
  const rest = m[2];
  const at = line.start + m[1].length;
  let label: string;
  let labelStart: number;
  let colon: string;
  let bold = false;
  let after: number; // offset in `rest` after the colon (and closing emphasis)
  const em = /^(\*\*|__)/.exec(rest);
  if (em) {
    const close = rest.indexOf(em[1], 2);
    if (close === -1) return undefined;
    const inner = rest.slice(2, close);
    bold = true;
    const inside = /^\s*([^:]*?)(\s*):\s*$/.exec(inner);
    if (inside) {
      label = inside[1];
      labelStart = at + 2 + inner.indexOf(label);
      colon = inside[2] ? ' :' : ':';
      after = close + 2;
    } else {
      const outside = /^(\s*):/.exec(rest.slice(close + 2));
      if (!outside) return undefined;
      label = inner.trim();
      labelStart = at + 2 + inner.indexOf(label);
      colon = outside[1] ? ' :' : ':';
      after = close + 2 + outside[0].length;
    }
  } else {
    const plain = /^([^:]*?)(\s*):(?!\/\/)/.exec(rest);
    if (!plain) return undefined;
    label = plain[1];
    labelStart = at;
    colon = plain[2] ? ' :' : ':';
    after = plain[0].length;
  }
  // A label is a name, not a sentence: a few words of letters.
  if (!/^\p{L}[\p{L}\p{M}'’ -]*$/u.test(label) || label.split(/\s+/).length > 3 || label.length > 30) return undefined;
  let value = rest.slice(after);
  const lead = value.length - value.trimStart().length;
  value = value.trim();
  const known = LABEL_BY_KEY.get(labelKey(label));
  return { label, labelStart, labelEnd: labelStart + label.length, field: known?.field, value, valueStart: at + after + lead, bold, bullet, colon, english: known?.english ?? false };
}

/** Folded, single-spaced form of a label or a reference, for look-ups. */
function labelKey(label: string): string {
  return fold(normalizePunctuation(label.normalize('NFC'))).replace(/\s+/g, ' ').trim();
}

/** A stable id from a term or label: accents folded, lower-case ASCII words joined by "-". */
export function slugify(text: string): string {
  return fold(text.normalize('NFC')).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
function uniqueId(base: string, taken: Set<string>, fallback: string): string {
  const b = base || fallback;
  if (!taken.has(b)) return b;
  for (let k = 2; ; k++) if (!taken.has(`${b}-${k}`)) return `${b}-${k}`;
}

/** Removes emphasis and code marks around a heading or an item ("**Cloud**" → "Cloud"). */
function stripMarks(text: string): string {
  let s = text.trim();
  for (;;) {
    const m = /^(\*\*|__|\*|_|`)(.+)\1$/.exec(s);
    if (!m) return s;
    s = m[2].trim();
  }
}

/** An ATX heading: level and content span, or undefined. */
function readHeading(line: Line): { level: number; text: string; start: number } | undefined {
  const m = /^( {0,3})(#{1,6})(?:[ \t]+|$)(.*)$/.exec(line.text);
  if (!m) return undefined;
  let content = m[3].replace(/[ \t]+#+[ \t]*$/, '').replace(/^#+[ \t]*$/, '');
  const lead = content.length - content.trimStart().length;
  content = content.trim();
  const start = line.start + m[1].length + m[2].length + (line.text.length - m[1].length - m[2].length - m[3].length) + lead;
  const stripped = stripMarks(content);
  return { level: m[2].length, text: stripped, start: start + Math.max(0, content.indexOf(stripped)) };
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

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;

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
  const lines = splitLines(text);

  // Front matter.
  const meta: { name?: string; language?: string; description?: string; builtin?: boolean } = {};
  let first = 0;
  if (lines.length > 0 && /^---[ \t]*$/.test(lines[0].text.replace(/^\uFEFF/, ''))) {
    const close = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)[ \t]*$/.test(l.text));
    if (close === -1) {
      report('error', 'glossary.md-unclosed-front-matter', {}, { start: lines[0].start, end: lines[0].end });
    } else {
      for (let k = 1; k < close; k++) readFrontLine(lines[k], meta, report);
      first = close + 1;
    }
  }

  const categories: CategoryDraft[] = [];
  const drafts: EntryDraft[] = [];
  const preamble: number[] = [];
  let category: CategoryDraft | undefined;
  let entry: EntryDraft | undefined;
  let pendingList: { field: ListField; label: LabelLine } | undefined;
  let fence: string | undefined;

  const finishSection = (endLine: number) => {
    const end = endLine > 0 ? lines[endLine - 1].end : 0;
    if (entry) entry.end = Math.max(entry.start, end);
    entry = undefined;
    pendingList = undefined;
  };

  for (let k = first; k < lines.length; k++) {
    const line = lines[k];
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(line.text)) fence = undefined;
      addText(k);
      continue;
    }
    const fm = FENCE_RE.exec(line.text);
    if (fm) {
      fence = fm[1];
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
      const item = /^(\s*)[-*+][ \t]+(.*)$/.exec(line.text);
      if (item) {
        const startOff = line.start + line.text.length - item[2].length;
        const textItem = cleanItem(item[2], pendingList.field);
        if (textItem) (entry.lists[pendingList.field] ??= []).push({ text: textItem, start: startOff, end: startOff + item[2].trimEnd().length });
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
  for (const c of categories) {
    let id: string | undefined;
    if (c.explicitId) {
      if (!ID_RE.test(c.explicitId.value)) report('error', 'glossary.md-bad-id', { id: c.explicitId.value }, c.explicitId.span, undefined, 'id');
      else if (categoryIds.has(c.explicitId.value)) report('error', 'glossary.md-duplicate-id', { id: c.explicitId.value, line: '?' }, c.explicitId.span, undefined, 'id');
      else id = c.explicitId.value;
    }
    id ??= uniqueId(slugify(c.label), categoryIds, 'categorie');
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
    id ??= uniqueId(slugify(d.term), new Set(entryIds.keys()), 'terme');
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

/** One `key: value` line of the front matter. */
function readFrontLine(
  line: Line,
  meta: { name?: string; language?: string; description?: string; builtin?: boolean },
  report: (severity: 'error' | 'warning', code: MessageKey, params: Record<string, string | number>, span: Span) => void,
): void {
  if (!line.text.trim() || /^\s*#/.test(line.text)) return;
  const m = /^(\s*)([^:]+?)\s*:\s*(.*?)\s*$/.exec(line.text);
  if (!m) {
    report('warning', 'glossary.md-unknown-key', { key: line.text.trim(), known: 'titre, langue, description, glossaire-intégré' }, { start: line.start, end: line.end });
    return;
  }
  const keyStart = line.start + m[1].length;
  const keySpan = { start: keyStart, end: keyStart + m[2].length };
  const valueStart = line.start + line.text.lastIndexOf(m[3]);
  const valueSpan = { start: valueStart, end: valueStart + m[3].length };
  const kind = FRONT_KEYS.get(labelKey(m[2]));
  const value = unquote(m[3]);
  switch (kind) {
    case undefined:
      report('warning', 'glossary.md-unknown-key', { key: m[2], known: 'titre, langue, description, glossaire-intégré' }, keySpan);
      return;
    case 'builtin': {
      const v = fold(value);
      if (TRUE_WORDS.has(v)) meta.builtin = true;
      else if (FALSE_WORDS.has(v)) meta.builtin = false;
      else report('error', 'glossary.md-bad-value', { key: m[2], value, expected: 'oui / non (yes / no)' }, valueSpan);
      return;
    }
    case 'language':
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) report('error', 'glossary.md-bad-value', { key: m[2], value, expected: 'fr, fr-CA, en… (BCP 47)' }, valueSpan);
      else meta.language = value;
      return;
    default:
      if (value) meta[kind] = value.normalize('NFC');
  }
}

/** A YAML scalar without its quotes (double quotes take \" and \\ escapes). */
function unquote(value: string): string {
  if (value.length >= 2 && value[0] === '"' && value.endsWith('"')) return value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  if (value.length >= 2 && value[0] === "'" && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** The text of some lines, joined with \n, without trailing spaces nor blank lines around. */
function joinLines(lines: Line[], indices: number[]): string {
  const parts = indices.map((k) => lines[k].text.replace(/[ \t]+$/, ''));
  let a = 0;
  let b = parts.length;
  while (a < b && !parts[a].trim()) a++;
  while (b > a && !parts[b - 1].trim()) b--;
  // Runs of blank lines (the labels were between them, say) count as one paragraph break.
  const out: string[] = [];
  for (const p of parts.slice(a, b)) {
    if (!p.trim() && out.length > 0 && !out[out.length - 1].trim()) continue;
    out.push(p.trim() ? p : '');
  }
  return out.join('\n').normalize('NFC');
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

/** Fields normalised as the JSON format normalises them: terms and ids get straight apostrophes and hyphens. */
const TEXT_FIELDS = new Set(['definition', 'advantages', 'disadvantages', 'examples', 'source']);
function normalizeField(field: string, value: string): string {
  const v = value.trim().normalize('NFC');
  return TEXT_FIELDS.has(field) ? v : normalizePunctuation(v);
}

/**
 * A parsed Markdown glossary as the validated model `buildGlossary` indexes (the JSON format's
 * `parseGlossary` step): entries located at their `##` sections, its categories, its problems
 * and its text. Merge it with other sources' models (see `GlossaryData`), then build once.
 */
export function getMarkdownGlossaryData(md: MarkdownGlossary, text: string, uri: string): GlossaryData {
  const labels = new Map(md.data.categories.map((c) => [c.id, c.label]));
  const entries = md.data.entries.map((e, k): GlossaryEntry => {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(e)) {
      out[field] = Array.isArray(value) ? value.map((v: string) => normalizeField(field, v)) : normalizeField(field, value as string);
    }
    const loc = md.entries[k];
    return { ...(out as unknown as GlossaryEntryData), uri, start: loc.start, end: loc.end, categoryLabel: labels.get(e.category) ?? e.category, allForms: [] };
  });
  return { entries, categories: md.data.categories.map((c) => ({ ...c })), problems: [...md.problems], sources: new Map([[uri, text]]) };
}

/**
 * Moves the problems `buildGlossary` found in a Markdown glossary's entries (claimed spellings,
 * misspellings that are words…), which it locates at the entry, onto the field they are about.
 */
export function locateMarkdownProblems(problems: GlossaryProblem[], md: MarkdownGlossary, uri: string): GlossaryProblem[] {
  const locById = new Map(md.data.entries.map((e, k) => [e.id, md.entries[k]]));
  return problems.map((p) => {
    const loc = p.uri === uri && p.entry ? locById.get(p.entry) : undefined;
    if (!loc || p.start !== loc.start) return p;
    const span = (p.field === 'definition' ? loc.definition : p.field && p.field !== 'term' ? loc.fields[p.field as LabelField] : undefined) ?? loc.term;
    return { ...p, start: span.start, end: span.end };
  });
}

/**
 * Compiles one Markdown glossary alone, with the JSON format's checks (claims of a spelling by
 * two entries, misspellings that are words…), every problem located in the Markdown text.
 */
export function compileMarkdownGlossary(md: MarkdownGlossary, text: string, uri: string, options: CompileOptions = {}): { glossary: Glossary; problems: GlossaryProblem[] } {
  const glossary = buildGlossary(getMarkdownGlossaryData(md, text, uri), options);
  glossary.problems = locateMarkdownProblems(glossary.problems, md, uri).sort((a, b) => a.start - b.start);
  return { glossary, problems: glossary.problems };
}

/** A problem of a Markdown glossary as an LSP-ready diagnostic (0-based UTF-16 positions). */
export interface MarkdownGlossaryDiagnostic {
  range: Range;
  severity: 'error' | 'warning';
  code: MessageKey;
  message: string;
}

/**
 * The diagnostics the server publishes while a student edits a Markdown glossary: every
 * problem of `parseMarkdownGlossary`, located by line and UTF-16 character.
 */
export function getMarkdownGlossaryDiagnostics(text: string, uri: string, locale: Locale = 'fr'): MarkdownGlossaryDiagnostic[] {
  const lines = new LineIndex(text);
  return parseMarkdownGlossary(text, uri, { locale }).problems.map((p) => ({
    range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) },
    severity: p.severity,
    code: p.code,
    message: p.message,
  }));
}

/** True for the file names of Markdown glossaries: `glossaire.md`, `*.glossaire.md`. */
export function isMarkdownGlossaryName(fileName: string): boolean {
  return /(^|[\\/.])glossaire\.md$/i.test(fileName);
}

// ---------------------------------------------------------------------------------------------
// Writing

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
  const sections: GlossaryCategoryData[] = [...data.categories];
  for (const e of data.entries) if (!sections.some((c) => c.id === e.category)) sections.push({ id: e.category, label: e.category });
  for (const cat of sections) {
    out.push(`# ${cat.label}`, '');
    const derived = uniqueId(slugify(cat.label), categoryIds, 'categorie');
    categoryIds.add(cat.id);
    if (derived !== cat.id) out.push(labelLine(style, 'id', cat.id), '');
    if (cat.description) out.push(cat.description, '');
    for (const e of data.entries) {
      if (e.category !== cat.id) continue;
      out.push(`## ${e.term}`, '', e.definition, '');
      const derivedId = uniqueId(slugify(e.term), entryIds, 'terme');
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
  const lines = splitLines(text);
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
  let fence: string | undefined;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(l.text)) fence = undefined;
      if (inSection) sectionEnd = k;
      continue;
    }
    const fm = FENCE_RE.exec(l.text);
    if (fm) fence = fm[1];
    const h = fm ? undefined : readHeading(l);
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
