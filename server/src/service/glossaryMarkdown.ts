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
 *
 * Files: glossaryMarkdownSyntax.ts (labels, lines, headings, labelled lines, ids),
 * glossaryMarkdownFront.ts (the front matter), glossaryMarkdownRead.ts (text → data and
 * located problems), glossaryMarkdownWrite.ts (data → text, the edit adding an entry); this
 * file: the data as the model `buildGlossary` indexes, and the problems as diagnostics.
 */

import { buildGlossary, CompileOptions, Glossary, GlossaryData, GlossaryEntry, GlossaryProblem } from './glossary';
import { MarkdownGlossary, parseMarkdownGlossary } from './glossaryMarkdownRead';
import { LabelField } from './glossaryMarkdownSyntax';
import { GlossaryEntryData } from './glossaryTypes';
import { Locale, MessageKey } from './messages';
import { LineIndex, Range } from './positions';
import { normalizePunctuation } from './text';

// Reading and writing live beside this file; these names stay importable from here.
export { parseMarkdownGlossary } from './glossaryMarkdownRead';
export type { MarkdownEntryLocation, MarkdownGlossary, ParseMarkdownOptions } from './glossaryMarkdownRead';
export { slugify } from './glossaryMarkdownSyntax';
export type { LabelField, Span } from './glossaryMarkdownSyntax';
export { getInsertEntryEdit, serializeMarkdownGlossary } from './glossaryMarkdownWrite';
export type { NewMarkdownEntry, SerializeOptions } from './glossaryMarkdownWrite';

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
