/**
 * The glossary file format (see glossary/schema.json, which documents the same shape for
 * authors). Plain data as read from JSON; `compileGlossary` turns it into a searchable model.
 * Also the validated model every glossary source produces (`GlossaryData`, glossaryParse.ts).
 */

import type { Lexicon } from './lexicon';
import type { Locale, MessageKey } from './messages';

/** A category groups concepts in the side panel. */
export interface GlossaryCategoryData {
  /** Stable id, referenced by entries' `category`. */
  id: string;
  /** Label shown to the user. */
  label: string;
  description?: string;
}

/** One concept of a glossary, as written in the file. */
export interface GlossaryEntryData {
  /** Stable id (kebab-case ASCII), unique in the glossary; used by `related` and `broader`. */
  id: string;
  /** The canonical term, as it should be written in running text (e.g. "infogérance", "SaaS"). */
  term: string;
  /** Category id (one of the glossary's `categories`). */
  category: string;
  /** The definition, in Markdown (no raw HTML). */
  definition: string;
  /** Inflected forms of the term recognised as the same concept (plurals…). */
  forms?: string[];
  /** Other names of the concept, recognised and never flagged (e.g. "services gérés"). */
  synonyms?: string[];
  /** Acronyms or abbreviations; matched case-sensitively, wrong casing is flagged. */
  acronyms?: string[];
  /** Known misspellings, always flagged with the term as the fix. */
  misspellings?: string[];
  advantages?: string[];
  disadvantages?: string[];
  examples?: string[];
  /** Id of the broader concept this one is a kind of. */
  broader?: string;
  /** Ids of related concepts. */
  related?: string[];
  /** Where the definition comes from (course, chapter…). */
  source?: string;
}

/** The whole glossary file. */
export interface GlossaryFileData {
  $schema?: string;
  /** Display name of the glossary. */
  name: string;
  /** BCP 47 language tag of the terms, e.g. "fr". */
  language: string;
  description?: string;
  categories: GlossaryCategoryData[];
  entries: GlossaryEntryData[];
}

/** A glossary file's text and where it comes from. */
export interface GlossarySource {
  /** URI or path of the file (reported in problems). */
  uri: string;
  /** The file's JSON text. */
  text: string;
  /** True for the built-in glossary. */
  builtin?: boolean;
}

/** A problem found while loading a glossary. */
export interface GlossaryProblem {
  uri: string;
  severity: 'error' | 'warning';
  /** Stable code, e.g. "glossary.duplicate-id". */
  code: MessageKey;
  /** Localised message, without the location. */
  message: string;
  /** Entry id (or index as "#3" when the id is missing). */
  entry?: string;
  field?: string;
  /** Offsets in the file's text of the offending node. */
  start: number;
  end: number;
}

/** A compiled entry. */
export interface GlossaryEntry extends GlossaryEntryData {
  /** The glossary file it comes from. */
  uri: string;
  /** Offsets of the entry object in that file. */
  start: number;
  end: number;
  categoryLabel: string;
  /** Correct forms (term, forms, synonyms, acronyms), as written. */
  allForms: string[];
}

/** Options of `compileGlossary`. */
export interface CompileOptions {
  locale?: Locale;
  /** Used to warn about misspellings that are real words. */
  lexicon?: Lexicon;
}

/**
 * The validated model of one or more glossary sources: plain entries (each with its file and
 * offsets, for locating problems) and categories, plus every problem found, located. What
 * `buildGlossary` indexes.
 *
 * - Another source format (a Markdown glossary) produces this same model: entries that satisfy
 *   `GlossaryEntry` (id, term, category, categoryLabel, definition, forms/synonyms/acronyms/
 *   misspellings as written, allForms = term + forms + synonyms + acronyms, uri/start/end of
 *   the entry in its file), its categories, its problems, and `sources` (uri → text).
 * - Several sources (built-in + course folders + harvested definitions) merge at this level:
 *   concatenate the models' entries, categories, problems and sources, dropping an entry whose
 *   id is already taken (with a `glossary.duplicate-id` problem) — or give `parseGlossary` all
 *   JSON sources at once, which does exactly that — then call `buildGlossary` once.
 */
export interface GlossaryData {
  entries: GlossaryEntry[];
  categories: GlossaryCategoryData[];
  problems: GlossaryProblem[];
  /** Source texts by URI (for definition locations). */
  sources: Map<string, string>;
}
