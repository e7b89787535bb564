/**
 * Definitions harvested from the notes, as one glossary part per course folder: every term a
 * note of the course defines (`**Terme** : définition`, « L'infogérance est le fait de… », see
 * harvest.ts) becomes an entry that points at its note and line. The part comes last in the
 * chains of the course's notes: a glossary that defines the same term wins (and the hover shows
 * both definitions). Pure.
 */

import { buildGlossary, CompileOptions, Glossary, GlossaryEntry } from './glossary';
import { MAX_FORM_LENGTH, normalizeForm } from './glossaryParse';
import { appliesTo, folderOf } from './scope';

/** A definition found in a note (the shape harvest.ts produces). */
export interface NoteDefinition {
  term: string;
  aliases: string[];
  definition: string;
  termRange: { start: number; end: number };
}

/** A note's harvested definitions and where each term is (0-based line and UTF-16 character, same order). */
export interface HarvestedNote {
  uri: string;
  definitions: NoteDefinition[];
  positions: { line: number; character: number }[];
}

/** The id of a harvested entry (kept apart from glossary ids: "note-" + the folded term). */
export function harvestedId(term: string): string {
  const slug = term.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `note-${slug || 'terme'}`;
}

/**
 * The course folder of a note: the folder of the nearest workspace glossary above it (its
 * course's glossary), else the note's own folder. Definitions harvested from a note apply to
 * every note under its course folder.
 */
export function courseFolderOf(noteUri: string, glossaryFolders: readonly string[]): string {
  let best = '';
  for (const f of glossaryFolders) if (f.length > best.length && appliesTo(f, noteUri)) best = f;
  return best || folderOf(noteUri);
}

/**
 * Compiles the definitions of a course's notes (sorted by URI: the first note to define a term
 * wins) into one glossary whose entries point at their note (`uri`, offsets of the term);
 * `positions` gives each entry's line and character by "note URI#entry id". `categoryLabel`
 * names the part in the panel.
 */
export function compileHarvested(notes: readonly HarvestedNote[], categoryLabel: string, options: CompileOptions = {}): { glossary: Glossary; positions: Map<string, { line: number; character: number }> } {
  // The entries are made as the JSON reader would make them (normalised forms, the checks of a
  // term's length), straight from the definitions: one course folder's part is compiled at each
  // change of its definitions, and a workspace has a part per course folder.
  const entries: GlossaryEntry[] = [];
  const positions = new Map<string, { line: number; character: number }>();
  const seen = new Set<string>();
  const fits = (form: string) => form.length > 0 && form.length <= MAX_FORM_LENGTH;
  for (const note of [...notes].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))) {
    note.definitions.forEach((d, k) => {
      const id = harvestedId(d.term);
      const term = normalizeForm(d.term, 'term');
      if (seen.has(id) || !fits(term)) return;
      seen.add(id);
      const synonyms = d.aliases.filter((a) => a.trim() && a !== d.term).map((a) => normalizeForm(a, 'synonyms')).filter(fits);
      const definition = normalizeForm(d.definition.replace(/\s*\n\s*/g, ' '), 'definition') || term;
      entries.push({
        id, term, category: HARVESTED_CATEGORY, definition, ...(synonyms.length ? { synonyms } : {}),
        uri: note.uri, start: d.termRange.start, end: d.termRange.end, categoryLabel, allForms: [],
      });
      positions.set(`${note.uri}#${id}`, note.positions[k] ?? { line: 0, character: 0 });
    });
  }
  const glossary = buildGlossary({ entries, categories: [{ id: HARVESTED_CATEGORY, label: categoryLabel }], problems: [], sources: new Map() }, options);
  // Problems of harvested text are not the student's glossary problems (a term claimed twice
  // loses quietly); the sources are the notes, read by their own URIs.
  glossary.problems = [];
  return { glossary, positions };
}

/** The category of harvested entries. */
const HARVESTED_CATEGORY = 'notes';
