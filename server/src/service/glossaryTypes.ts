/**
 * The glossary file format (see glossary/schema.json, which documents the same shape for
 * authors). Plain data as read from JSON; `compileGlossary` turns it into a searchable model.
 */

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
