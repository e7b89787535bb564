/**
 * The syntax of the Markdown glossary format (see glossaryMarkdown.ts), shared by reading
 * (glossaryMarkdownRead.ts) and writing (glossaryMarkdownWrite.ts): its labels and fields, its
 * lines, headings, fences and labelled lines, and the ids derived from its text. What a line
 * is (heading, list marker, fence) is read through lineShape.ts, as everywhere.
 */

import { splitLines } from './lines';
import { atxHeadingAt, closesFence, fenceOpenAt, indentColumns, indentEnd, ListMarker, listMarkerAt } from './lineShape';
import { MessageKey } from './messages';
import { fold, normalizePunctuation } from './text';

/** Entry fields written as labelled lines (`id` pins an id; the rest are model fields). */
export type LabelField =
  | 'id' | 'forms' | 'synonyms' | 'acronyms' | 'misspellings'
  | 'advantages' | 'disadvantages' | 'examples' | 'broader' | 'related' | 'source';

/** Fields that hold a list of items. */
export type ListField = 'forms' | 'synonyms' | 'acronyms' | 'misspellings' | 'advantages' | 'disadvantages' | 'examples' | 'related';

/** Label names by field: the French and English names the serializer writes, then other accepted spellings. */
export const LABELS: Record<LabelField, { fr: string; en: string; frAlso: string[]; enAlso: string[] }> = {
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
export const LABEL_BY_KEY = new Map<string, { field: LabelField; english: boolean }>();
for (const [field, names] of Object.entries(LABELS) as [LabelField, (typeof LABELS)[LabelField]][]) {
  for (const name of [names.fr, ...names.frAlso]) LABEL_BY_KEY.set(labelKey(name), { field, english: false });
  for (const name of [names.en, ...names.enAlso]) if (!LABEL_BY_KEY.has(labelKey(name))) LABEL_BY_KEY.set(labelKey(name), { field, english: true });
}

/** Fields whose items are short phrases (written as bullets by the serializer). */
export const SENTENCE_FIELDS = new Set<LabelField>(['advantages', 'disadvantages', 'examples']);
/** Fields that take one value. */
export const SINGLE_FIELDS = new Set<LabelField>(['id', 'broader', 'source']);
/** Order of the labelled lines the serializer writes. */
export const FIELD_ORDER: LabelField[] = ['id', 'synonyms', 'acronyms', 'forms', 'misspellings', 'advantages', 'disadvantages', 'examples', 'broader', 'related', 'source'];

/** Offsets of a span of the text. */
export interface Span {
  start: number;
  end: number;
}

/** Records a problem at a span of the text (the parser's collector). */
export type ReportProblem = (severity: 'error' | 'warning', code: MessageKey, params: Record<string, string | number>, span: Span) => void;

/** A line of the glossary, with its offsets and its text. */
export interface Line {
  start: number;
  /** End of the line's text (before its line break). */
  end: number;
  /** Start of the next line. */
  next: number;
  text: string;
}

/** The text's lines, each with its offsets (line breaks \n, \r\n or \r). */
export function readLines(text: string): Line[] {
  return splitLines(text).map((l) => ({ start: l.start, end: l.end, next: l.next, text: text.slice(l.start, l.end) }));
}

/** An open code fence: its mark (a backtick or a tilde) and the length of its run. */
export interface Fence {
  mark: number;
  run: number;
}

/** The code fence a line opens, or undefined. */
export function fenceOpenedBy(line: Line): Fence | undefined {
  const t = line.text;
  const i = indentEnd(t, 0, t.length);
  if (indentColumns(t, 0, i) > 3) return undefined;
  const run = fenceOpenAt(t, i, t.length);
  return run > 0 ? { mark: t.charCodeAt(i), run } : undefined;
}

/** True when a line closes the fence. */
export function closesFenceLine(line: Line, fence: Fence): boolean {
  return closesFence(line.text, 0, line.text.length, fence.mark, fence.run);
}

/** Offset of the text of a bullet item (`-`, `*`, `+` then spaces) whose marker is at `i` of `t`, or -1. */
export function bulletContentAt(t: string, i: number): number {
  if (listMarkerAt(t, i, t.length) !== ListMarker.Bullet || i + 1 >= t.length) return -1;
  return indentEnd(t, i + 1, t.length);
}

/** A labelled line: `Label : value`, `**Label :** value`, `**Label** : value`, bulleted or not. */
export interface LabelLine {
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
export function readLabelLine(line: Line): LabelLine | undefined {
  // Up to 3 spaces, then maybe a bullet.
  const t = line.text;
  let i = 0;
  while (i < 3 && t.charCodeAt(i) === 32) i++;
  const content = bulletContentAt(t, i);
  const prefix = content === -1 ? i : content;
  const bullet = t.slice(0, prefix).trim();
  const rest = t.slice(prefix);
  const at = line.start + prefix;
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
export function labelKey(label: string): string {
  return fold(normalizePunctuation(label.normalize('NFC'))).replace(/\s+/g, ' ').trim();
}

/** A stable id from a term or label: accents folded, lower-case ASCII words joined by "-". */
export function slugify(text: string): string {
  return fold(text.normalize('NFC')).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * `base`, or `base-2`, `base-3`… whichever is not taken yet. `next` (one per run of calls, over
 * a `taken` that only grows) remembers where each base's search ended: terms that all slugify
 * alike (Cyrillic, Greek, Chinese terms all give "terme") are not numbered from 2 each time.
 */
export function uniqueId(base: string, taken: { has(id: string): boolean }, fallback: string, next?: Map<string, number>): string {
  const b = base || fallback;
  if (!taken.has(b)) return b;
  let k = next?.get(b) ?? 2;
  while (taken.has(`${b}-${k}`)) k++;
  // Not k + 1: the caller may not take this one (the writer takes the entry's own id).
  next?.set(b, k);
  return `${b}-${k}`;
}

/** Removes emphasis and code marks around a heading or an item ("**Cloud**" → "Cloud"). */
export function stripMarks(text: string): string {
  let s = text.trim();
  for (;;) {
    const m = /^(\*\*|__|\*|_|`)(.+)\1$/.exec(s);
    if (!m) return s;
    s = m[2].trim();
  }
}

/** An ATX heading: level and content span, or undefined. */
export function readHeading(line: Line): { level: number; text: string; start: number } | undefined {
  const h = atxHeadingAt(line.text, 0, line.text.length);
  if (!h) return undefined;
  const content = line.text.slice(h.start, h.end);
  const stripped = stripMarks(content);
  return { level: h.level, text: stripped, start: line.start + h.start + Math.max(0, content.indexOf(stripped)) };
}

/** The text of some lines, joined with \n, without trailing spaces nor blank lines around. */
export function joinLines(lines: Line[], indices: number[]): string {
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
