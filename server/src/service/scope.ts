/**
 * Glossaries that live with the notes: which glossary files apply to a note (its folder and
 * the folders above it, nearest first), and how the compiled glossaries of such a chain
 * compose into one (the nearer glossary wins a term both define). Pure: works on URIs as
 * strings, never on the file system.
 */

import { buildGlossary, extendGlossary, Glossary, GlossaryCategoryData, GlossaryEntry, GlossaryEntryData } from './glossary';
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
 * The rule a chain applies to each entry after the nearer ones: the names nearer entries
 * claim (name key → the claiming entry's id) and the ids they took. An extension's claims
 * (`extendChain`) read those of its base, never changing them, and add their own.
 */
class ChainClaims {
  private readonly claimed = new Map<string, string>();
  private readonly ids = new Set<string>();

  constructor(private readonly base?: ChainClaims) {}

  /** The id of the entry that claims a name key, if one does. */
  private claimOf(key: string): string | undefined {
    return this.base?.claimOf(key) ?? this.claimed.get(key);
  }

  /** True when a kept entry has this id. */
  hasId(id: string): boolean {
    return (this.base?.hasId(id) ?? false) || this.ids.has(id);
  }

  /**
   * The entry as the chain keeps it, whose names it then claims: a copy (its file's glossary
   * keeps the entry as it is) without the other names a nearer entry claims. Or, when a nearer
   * entry has its id or its term, that entry's id: the entry is left out.
   */
  take(entry: GlossaryEntry): GlossaryEntry | string {
    const key = termKey(entry);
    const winner = this.hasId(entry.id) ? entry.id : this.claimOf(key);
    if (winner !== undefined) return winner;
    // Lists the copy does not change are shared, never changed.
    const copy: GlossaryEntry = { ...entry, allForms: [] };
    const taken = (s: string, acronym: boolean) => this.claimOf(nameKey(s, acronym)) !== undefined;
    if (copy.forms) copy.forms = copy.forms.filter((f) => !taken(f, false));
    if (copy.synonyms) copy.synonyms = copy.synonyms.filter((f) => !taken(f, false));
    if (copy.acronyms) copy.acronyms = copy.acronyms.filter((a) => a === copy.term || !taken(a, true));
    this.ids.add(entry.id);
    this.claimed.set(key, entry.id);
    const claim = (k: string) => {
      if (this.claimOf(k) === undefined) this.claimed.set(k, entry.id);
    };
    for (const f of copy.forms ?? []) claim(nameKey(f, false));
    for (const f of copy.synonyms ?? []) claim(nameKey(f, false));
    for (const a of copy.acronyms ?? []) if (a !== copy.term) claim(nameKey(a, true));
    return copy;
  }
}

/** Lists `loser` under the entry that won its place (a new list: the old one may be a base's). */
function shadow(shadowed: Map<string, ShadowedEntry[]>, winner: string, loser: GlossaryEntry): void {
  shadowed.set(winner, [...(shadowed.get(winner) ?? []), { id: loser.id, term: loser.term, definition: loser.definition, uri: loser.uri }]);
}

/** The kept copies' category labels (the nearer label wins), and their relations to entries the chain left out dropped, as one file would. */
function settle(kept: readonly GlossaryEntry[], labels: ReadonlyMap<string, string>, has: (id: string) => boolean): void {
  for (const e of kept) {
    e.categoryLabel = labels.get(e.category) ?? e.category;
    if (e.related?.some((id) => !has(id))) e.related = e.related.filter(has);
    if (e.broader && !has(e.broader)) e.broader = undefined;
  }
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
  const claims = new ChainClaims();
  const shadowed = new Map<string, ShadowedEntry[]>();
  const kept: GlossaryEntry[] = [];
  const categories: GlossaryCategoryData[] = [];
  const labels = new Map<string, string>();
  const sources = new Map<string, string>();
  for (const { glossary } of parts) {
    for (const [uri, text] of glossary.sources) if (!sources.has(uri)) sources.set(uri, text);
    for (const c of glossary.categories) {
      if (labels.has(c.id)) continue;
      labels.set(c.id, c.label);
      categories.push(c);
    }
    for (const entry of glossary.entries) {
      const taken = claims.take(entry);
      if (typeof taken === 'string') shadow(shadowed, taken, entry);
      else kept.push(taken);
    }
  }
  // The kept entries compiled as one glossary (the claims, plurals and misspellings of the
  // whole chain), from the parts' validated data: nothing is parsed again, and the parts'
  // tokenised forms are reused; only the chain's indexes are new, built on first use (a chain
  // that only serves the workspace index never builds its fuzzy index).
  settle(kept, labels, (id) => claims.hasId(id));
  const glossary = buildGlossary({ entries: kept, categories, problems: [], sources }, {}, parts.map((p) => p.glossary));
  glossary.problems = [];
  return { glossary, shadowed };
}

/**
 * What `extendChain` needs of a composed base, worked out once per base (its memo): the names
 * its entries claim, and whether its entries are what a longer chain would keep of them.
 */
interface ChainBase {
  /** What the base's entries claim (composeChain's rule). */
  claims: ChainClaims;
  /** Category id → label, as the chain unites them (nearer first). */
  labels: Map<string, string>;
  /** Ids the parts' entries relate to that the base lacks: an entry of the last part with one of them changes the base's entries. */
  unresolved: Set<string>;
  /** Categories of base entries that no base glossary declares: the last part may label them. */
  undeclared: Set<string>;
}

/**
 * `composeChain([...baseParts, last])`, given `base = composeChain(baseParts)`: the same
 * glossary, made from the base without composing its parts again. A course's harvested part
 * comes last in the chains of its notes, so each course has a chain that differs from the
 * others by that part only; composing each in full went over the course glossaries' forms
 * once per course. Here the base's entries and forms are shared (compiled ones never change)
 * and only the last part's entries are worked out (`extendGlossary`). When the base's entries
 * are not exactly what the longer chain would keep of them (a glossary file whose entries
 * collide, a relation to an entry only the last part has...), it composes in full.
 */
export function extendChain(base: ComposedGlossary, baseParts: readonly ChainPart[], last: ChainPart): ComposedGlossary {
  if (baseParts.length === 0) return composeChain([last]);
  const info = chainBaseOf(base.glossary, baseParts.length > 1 ? baseParts : []);
  if (!info) return composeChain([...baseParts, last]);
  const { glossary: b } = base;
  const categories = b.categories.slice();
  const labels = new Map(info.labels);
  for (const c of last.glossary.categories) {
    if (labels.has(c.id)) continue;
    if (info.undeclared.has(c.id)) return composeChain([...baseParts, last]);
    labels.set(c.id, c.label);
    categories.push(c);
  }
  const sources = new Map(b.sources);
  for (const [uri, text] of last.glossary.sources) if (!sources.has(uri)) sources.set(uri, text);
  const claims = new ChainClaims(info.claims);
  const shadowed = new Map(base.shadowed);
  const kept: GlossaryEntry[] = [];
  for (const entry of last.glossary.entries) {
    const taken = claims.take(entry);
    if (typeof taken === 'string') shadow(shadowed, taken, entry);
    else kept.push(taken);
  }
  // An entry of the last part that a base entry relates to would keep that relation, which the base dropped.
  if (kept.some((e) => info.unresolved.has(e.id))) return composeChain([...baseParts, last]);
  settle(kept, labels, (id) => claims.hasId(id));
  const glossary = extendGlossary(b, kept, { categories, sources }, [last.glossary]);
  if (!glossary) return composeChain([...baseParts, last]);
  return { glossary, shadowed };
}

/**
 * The base's `ChainBase` (memoised on it), or undefined when a chain on top of it must be
 * composed in full. `parts`: the parts the base was composed from, or none when the base is
 * one glossary as compiled (whose entries must then be exactly what a chain keeps of them).
 */
function chainBaseOf(glossary: Glossary, parts: readonly ChainPart[]): ChainBase | undefined {
  const memo = glossary.memo.chainBase as ChainBase | null | undefined;
  if (memo !== undefined) return memo ?? undefined;
  const info = makeChainBase(glossary, parts);
  glossary.memo.chainBase = info ?? null;
  return info;
}

function makeChainBase(glossary: Glossary, parts: readonly ChainPart[]): ChainBase | undefined {
  if (glossary.pluralsFrom === undefined) return undefined;
  const labels = new Map<string, string>();
  for (const c of glossary.categories) {
    if (labels.has(c.id)) return undefined;
    labels.set(c.id, c.label);
  }
  // composeChain's rule over the base's entries: it must keep each whole, as the base has it.
  const claims = new ChainClaims();
  const undeclared = new Set<string>();
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => a?.length === b?.length;
  for (const e of glossary.entries) {
    if (!labels.has(e.category)) undeclared.add(e.category);
    const kept = claims.take(e);
    if (typeof kept === 'string' || !same(kept.forms, e.forms) || !same(kept.synonyms, e.synonyms) || !same(kept.acronyms, e.acronyms)) return undefined;
    if (e.categoryLabel !== (labels.get(e.category) ?? e.category)) return undefined;
  }
  // Relations the base dropped (composed) or keeps dangling (one glossary: a chain would drop them).
  const unresolved = new Set<string>();
  const note = (id: string | undefined) => {
    if (id !== undefined && !claims.hasId(id)) unresolved.add(id);
  };
  for (const e of parts.length > 0 ? parts.flatMap((p) => p.glossary.entries) : glossary.entries) {
    e.related?.forEach(note);
    note(e.broader);
  }
  if (parts.length === 0 && unresolved.size > 0) return undefined;
  return { claims, labels, unresolved, undeclared };
}
