/**
 * Glossaries that live with the notes: which glossary files apply to a note (its folder and
 * the folders above it, nearest first), and how the compiled glossaries of such a chain
 * compose into one (the nearer glossary wins a term both define). Pure: works on URIs as
 * strings, never on the file system.
 */

import { buildGlossary, Glossary, GlossaryCategoryData, GlossaryEntry, GlossaryEntryData } from './glossary';
import { fold } from './text';

/** `glossaire.md`, `*.glossaire.md`, `*.glossaire.json`: names of glossaries found in a workspace. */
const GLOSSARY_NAME_RE = /^(?:glossaire\.md|.+\.glossaire\.(?:md|json))$/i;

/** True when a file name (no folder) is one of a workspace glossary. */
export function isGlossaryFileName(name: string): boolean {
  return GLOSSARY_NAME_RE.test(name);
}

/** True when a URI (or path) names a workspace glossary file. */
export function isGlossaryUri(uri: string): boolean {
  return isGlossaryFileName(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The folder of a URI, without the trailing slash ("file:///a/b/c.md" → "file:///a/b"). */
export function folderOf(uri: string): string {
  const k = uri.lastIndexOf('/');
  return k === -1 ? '' : uri.slice(0, k);
}

/** A glossary file that may apply to notes: its URI and the folder it covers ('' = everywhere). */
export interface ScopedGlossary {
  uri: string;
  /** Notes under this folder (URI, no trailing slash) get the glossary; '' for every note. */
  folder: string;
}

/** True when the glossary covering `folder` applies to the note at `noteUri`. */
export function appliesTo(folder: string, noteUri: string): boolean {
  return folder === '' || (noteUri.length > folder.length && noteUri.charCodeAt(folder.length) === 47 /* / */ && noteUri.startsWith(folder));
}

/**
 * The glossaries that apply to a note, nearest first: the deepest folder first, and, within a
 * folder, in the order given (callers sort by name). Glossaries that cover every note
 * (folder '') come last.
 */
export function chainFor<T extends ScopedGlossary>(glossaries: readonly T[], noteUri: string): T[] {
  const out = glossaries.filter((g) => appliesTo(g.folder, noteUri));
  // Stable sort: same depth keeps the given order.
  return out.map((g, k) => ({ g, k })).sort((a, b) => b.g.folder.length - a.g.folder.length || a.k - b.k).map((x) => x.g);
}

/** A farther glossary's entry that a nearer one overrides (the hover says so). */
export interface ShadowedEntry {
  /** The overridden entry's id, term, definition and file. */
  id: string;
  term: string;
  definition: string;
  uri: string;
}

/** A chain's glossaries composed into one. */
export interface ComposedGlossary {
  glossary: Glossary;
  /** By the winning entry's id: the farther entries it overrides. */
  shadowed: Map<string, ShadowedEntry[]>;
}

/** One compiled glossary of a chain (nearest first) and the URI its entries are reported with. */
export interface ChainPart {
  glossary: Glossary;
}

/** The key a name of an entry claims in a chain: folded, or as written for an acronym. */
function nameKey(s: string, acronym: boolean): string {
  return acronym ? 'A:' + s : fold(s.toLowerCase());
}

/** The key of an entry's term (a term written like an acronym keeps its case). */
function termKey(e: GlossaryEntryData): string {
  return nameKey(e.term, (e.acronyms ?? []).includes(e.term) || (/^\S+$/.test(e.term) && /[A-Z].*[A-Z]/.test(e.term)));
}

/**
 * Composes the compiled glossaries of a chain (nearest first) into one. A nearer glossary wins:
 * a farther entry with the same id or the same term is left out (and listed in `shadowed`
 * under the winner); a farther entry's other forms that a nearer entry claims are dropped
 * from it. Categories are united (the nearer label wins). Each entry keeps its file and
 * offsets, so go-to-definition opens the right glossary. Problems are the parts' own (each
 * file is validated on its own): the composition adds none.
 */
export function composeChain(parts: readonly ChainPart[]): ComposedGlossary {
  if (parts.length === 1) return { glossary: parts[0].glossary, shadowed: new Map() };
  const byId = new Map<string, GlossaryEntry>();
  const claimed = new Map<string, GlossaryEntry>();
  const shadowed = new Map<string, ShadowedEntry[]>();
  const kept: GlossaryEntry[] = [];
  const categories: GlossaryCategoryData[] = [];
  const categoryIds = new Set<string>();
  const sources = new Map<string, string>();
  const shadow = (winner: GlossaryEntry, loser: GlossaryEntry) => {
    const list = shadowed.get(winner.id) ?? [];
    list.push({ id: loser.id, term: loser.term, definition: loser.definition, uri: loser.uri });
    shadowed.set(winner.id, list);
  };
  for (const { glossary } of parts) {
    for (const [uri, text] of glossary.sources) if (!sources.has(uri)) sources.set(uri, text);
    for (const c of glossary.categories) {
      if (categoryIds.has(c.id)) continue;
      categoryIds.add(c.id);
      categories.push(c);
    }
    for (const entry of glossary.entries) {
      const key = termKey(entry);
      const winner = byId.get(entry.id) ?? claimed.get(key);
      if (winner) {
        shadow(winner, entry);
        continue;
      }
      // Other names a nearer entry already claims go; the entry stays. The entry is copied (its
      // file's glossary keeps it as it is); lists it does not change are shared, never changed.
      const copy: GlossaryEntry = { ...entry, allForms: [] };
      const taken = (s: string, acronym: boolean) => claimed.has(nameKey(s, acronym));
      if (copy.forms) copy.forms = copy.forms.filter((f) => !taken(f, false));
      if (copy.synonyms) copy.synonyms = copy.synonyms.filter((f) => !taken(f, false));
      if (copy.acronyms) copy.acronyms = copy.acronyms.filter((a) => a === copy.term || !taken(a, true));
      byId.set(entry.id, entry);
      claimed.set(key, entry);
      const claim = (k: string) => {
        if (!claimed.has(k)) claimed.set(k, entry);
      };
      for (const f of copy.forms ?? []) claim(nameKey(f, false));
      for (const f of copy.synonyms ?? []) claim(nameKey(f, false));
      for (const a of copy.acronyms ?? []) if (a !== copy.term) claim(nameKey(a, true));
      kept.push(copy);
    }
  }
  // The kept entries compiled as one glossary (the claims, plurals and misspellings of the
  // whole chain), from the parts' validated data: nothing is parsed again, and the parts'
  // tokenised forms are reused; only the chain's indexes are new, built on first use (a chain
  // that only serves the workspace index never builds its fuzzy index).
  const labels = new Map(categories.map((c) => [c.id, c.label]));
  const ids = new Set(kept.map((e) => e.id));
  for (const e of kept) {
    e.categoryLabel = labels.get(e.category) ?? e.category;
    // A relation to an entry the chain left out goes, as it would in one file.
    if (e.related?.some((id) => !ids.has(id))) e.related = e.related.filter((id) => ids.has(id));
    if (e.broader && !ids.has(e.broader)) e.broader = undefined;
  }
  const glossary = buildGlossary({ entries: kept, categories, problems: [], sources }, {}, parts.map((p) => p.glossary));
  glossary.problems = [];
  return { glossary, shadowed };
}
