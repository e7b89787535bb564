/**
 * Glossaries that live with the notes: which glossary files apply to a note (its folder and
 * the folders above it, nearest first), and how the compiled glossaries of such a chain
 * compose into one (the nearer glossary wins a term both define). Pure: works on URIs as
 * strings, never on the file system.
 */

import { compileGlossary, Glossary, GlossaryCategoryData, GlossaryEntry, GlossaryEntryData } from './glossary';
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

/** Forms of an entry that name it in notes, folded (acronyms keep their case). */
function keysOf(e: GlossaryEntryData): { term: string; others: Map<string, string> } {
  const key = (s: string, acronym: boolean) => (acronym ? 'A:' + s : fold(s.toLowerCase()));
  const isAcronym = (s: string) => (e.acronyms ?? []).includes(s) || (/^\S+$/.test(s) && /[A-Z].*[A-Z]/.test(s));
  const others = new Map<string, string>();
  for (const f of [...(e.forms ?? []), ...(e.synonyms ?? [])]) others.set(key(f, false), f);
  for (const a of e.acronyms ?? []) if (a !== e.term) others.set(key(a, true), a);
  return { term: key(e.term, isAcronym(e.term)), others };
}

const COMPILED_ONLY = new Set(['uri', 'start', 'end', 'categoryLabel', 'allForms']);

/** The entry as written in a glossary file (without what compiling added). */
function dataOf(e: GlossaryEntry): GlossaryEntryData {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (!COMPILED_ONLY.has(k) && v !== undefined) out[k] = Array.isArray(v) ? [...v] : v;
  return out as unknown as GlossaryEntryData;
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
  const kept: { entry: GlossaryEntry; data: GlossaryEntryData }[] = [];
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
      const keys = keysOf(entry);
      const winner = byId.get(entry.id) ?? claimed.get(keys.term);
      if (winner) {
        shadow(winner, entry);
        continue;
      }
      const data = dataOf(entry);
      // Other names a nearer entry already claims go; the entry stays.
      const taken = (s: string, acronym: boolean) => claimed.has(acronym ? 'A:' + s : fold(s.toLowerCase()));
      if (data.forms) data.forms = data.forms.filter((f) => !taken(f, false));
      if (data.synonyms) data.synonyms = data.synonyms.filter((f) => !taken(f, false));
      if (data.acronyms) data.acronyms = data.acronyms.filter((a) => a === data.term || !taken(a, true));
      byId.set(entry.id, entry);
      claimed.set(keys.term, entry);
      for (const k of keysOf(data).others.keys()) if (!claimed.has(k)) claimed.set(k, entry);
      kept.push({ entry, data });
    }
  }
  // Until the core splits validation from index building, the indexes are built by compiling
  // the composed entries as one (already valid) file, then each entry gets its origin back.
  const text = JSON.stringify({ name: 'chain', language: 'fr', categories, entries: kept.map((k) => k.data) });
  const glossary = compileGlossary([{ uri: 'glossaire:chain', text }]);
  const origin = new Map(kept.map((k) => [k.entry.id, k.entry]));
  for (const e of glossary.entries) {
    const o = origin.get(e.id)!;
    e.uri = o.uri;
    e.start = o.start;
    e.end = o.end;
  }
  glossary.problems = [];
  glossary.sources = sources;
  return { glossary, shadowed };
}
