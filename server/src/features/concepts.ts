/** The panel's custom requests (see protocol.ts): concepts, one concept's details, a note's concepts. */

import { ServerContext } from '../lsp/context';
import { ConceptDetails, ConceptDetailsRequest, ConceptGroup, ConceptReferencesRequest, ConceptsRequest, ConceptsResult, ConceptSummary, DocumentConcept, DocumentConceptsRequest } from '../shared/protocol';
import { getEntryMarkdown, getShortDefinition } from '../service/concepts';
import { GlossaryEntry } from '../service/glossary';
import { t } from '../service/messages';
import { runSafe } from '../lsp/runSafe';
import { displayName } from '../lsp/glossaryStore';
import { entryLocation, referencesOf } from './navigation';

/**
 * The panel's key of an entry: its id, or "id@glossary URI" when an earlier glossary in the
 * list has the same id (two courses may both define "routeur").
 */
function conceptKeys(ctx: ServerContext): { key: string; entry: GlossaryEntry; group: ConceptGroup }[] {
  const out: { key: string; entry: GlossaryEntry; group: ConceptGroup }[] = [];
  const seen = new Set<string>();
  for (const f of ctx.store.loadedFiles()) {
    const label = f.origin === 'builtin' ? t(ctx.locale, 'scope.builtin') : f.origin === 'setting' ? displayName(f.uri) : displayName(f.uri);
    const group: ConceptGroup = { id: f.uri, label, kind: f.origin };
    for (const entry of f.glossary.entries) {
      const key = seen.has(entry.id) ? `${entry.id}@${f.uri}` : entry.id;
      seen.add(entry.id);
      out.push({ key, entry, group });
    }
  }
  // Definitions harvested from the notes: one group per course folder, each concept marked with its note.
  for (const h of ctx.store.harvestedGroups()) {
    const group: ConceptGroup = { id: `harvested:${h.folder}`, label: `${t(ctx.locale, 'scope.harvested')} — ${courseName(h.folder)}`, kind: 'harvested' };
    for (const entry of h.glossary.entries) {
      const key = seen.has(entry.id) ? `${entry.id}@${entry.uri}` : entry.id;
      seen.add(entry.id);
      out.push({ key, entry, group });
    }
  }
  return out;
}

/** The entry of a panel key (see conceptKeys). */
function entryOfKey(ctx: ServerContext, key: string): GlossaryEntry | undefined {
  const at = key.indexOf('@');
  const id = at === -1 ? key : key.slice(0, at);
  for (const f of ctx.store.loadedFiles()) {
    if (at !== -1 && f.uri !== key.slice(at + 1)) continue;
    const e = f.glossary.byId.get(id);
    if (e) return e;
  }
  for (const h of ctx.store.harvestedGroups()) {
    const e = h.glossary.byId.get(id);
    if (e && (at === -1 || e.uri === key.slice(at + 1))) return e;
  }
  return undefined;
}

/** Registers glossaire/concepts, glossaire/conceptDetails, glossaire/conceptReferences and glossaire/documentConcepts. */
export function registerConcepts(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onRequest(ConceptsRequest, (params, token) =>
    runSafe<ConceptsResult>(connection, 'concepts', token, { categories: [], concepts: [], glossaryFiles: [], problemCount: 0 }, () => {
      const doc = params?.uri ? ctx.documents.get(params.uri) : undefined;
      const docCounts = new Map<string, number>();
      if (doc && ctx.isChecked(doc)) for (const o of ctx.cache.get(doc).occurrences) docCounts.set(o.entryId, (docCounts.get(o.entryId) ?? 0) + 1);
      // Open documents count with their live text, the other notes from the index.
      const open = ctx.documents.all().filter((d) => ctx.isChecked(d));
      const ws = ctx.index.counts(new Set(open.map((d) => d.uri)));
      for (const d of open) for (const o of ctx.cache.get(d).occurrences) ws.set(o.entryId, (ws.get(o.entryId) ?? 0) + 1);
      const keyed = conceptKeys(ctx);
      const groups = new Map<string, ConceptGroup>();
      const categories = new Map<string, { id: string; label: string; description?: string }>();
      for (const f of ctx.store.loadedFiles()) for (const c of f.glossary.categories) if (!categories.has(c.id)) categories.set(c.id, c);
      const concepts: ConceptSummary[] = keyed.map(({ key, entry: e, group }) => {
        groups.set(group.id, group);
        return {
          id: key,
          term: e.term,
          category: e.category,
          categoryLabel: e.categoryLabel,
          shortDefinition: getShortDefinition(e.definition),
          forms: e.allForms,
          documentCount: doc ? docCounts.get(e.id) ?? 0 : undefined,
          workspaceCount: ws.get(e.id) ?? 0,
          group: group.id,
          harvestedFrom: group.kind === 'harvested' ? { uri: e.uri, line: ctx.store.harvestedPosition(e)?.line ?? 0 } : undefined,
        };
      });
      return {
        categories: [...categories.values()],
        glossaryFiles: ctx.store.uris,
        problemCount: ctx.store.problems.length,
        concepts,
        groups: [...groups.values()],
      };
    }),
  );
  connection.onRequest(ConceptDetailsRequest, (params, token) =>
    runSafe<ConceptDetails | null>(connection, 'conceptDetails', token, null, () => {
      const e = typeof params?.id === 'string' ? entryOfKey(ctx, params.id) : undefined;
      if (!e) return null;
      // Relations name entries of the same chain: the glossary of the entry's own folder.
      const g = ctx.glossaryFor(e.uri);
      const ref = (id: string) => ({ id, term: g.byId.get(id)?.term ?? id });
      return {
        id: params.id, term: e.term, category: e.category, categoryLabel: e.categoryLabel,
        shortDefinition: getShortDefinition(e.definition), forms: e.allForms,
        definition: e.definition, advantages: e.advantages ?? [], disadvantages: e.disadvantages ?? [], examples: e.examples ?? [],
        synonyms: e.synonyms ?? [], acronyms: e.acronyms ?? [], related: (e.related ?? []).map(ref),
        broader: e.broader ? ref(e.broader) : undefined, source: e.source,
        markdown: getEntryMarkdown(e, g, ctx.locale),
        location: entryLocation(ctx, e),
      };
    }),
  );
  connection.onRequest(ConceptReferencesRequest, (params, token) =>
    runSafe(connection, 'conceptReferences', token, [], () => {
      const e = typeof params?.id === 'string' ? entryOfKey(ctx, params.id) : undefined;
      return e ? referencesOf(ctx, e.id) : [];
    }),
  );
  connection.onRequest(DocumentConceptsRequest, (params, token) =>
    runSafe<DocumentConcept[]>(connection, 'documentConcepts', token, [], () => {
      const doc = ctx.documents.get(params.uri);
      if (!doc || !ctx.isChecked(doc)) return [];
      const g = ctx.glossaryFor(doc.uri);
      const lines = ctx.lines(doc);
      const byId = new Map<string, DocumentConcept>();
      for (const o of ctx.cache.get(doc).occurrences) {
        const e = g.byId.get(o.entryId);
        if (!e) continue;
        let c = byId.get(e.id);
        if (!c) byId.set(e.id, (c = { id: e.id, term: e.term, categoryLabel: e.categoryLabel, count: 0, ranges: [] }));
        c.count++;
        c.ranges.push(lines.rangeAt(o.start, o.end));
      }
      return [...byId.values()].sort((a, b) => b.count - a.count || a.term.localeCompare(b.term, 'fr'));
    }),
  );
}

/** A course folder's own name ("file:///ws/reseaux" → "reseaux"): its notes' group in the panel. */
function courseName(folder: string): string {
  return decodeURIComponent(folder.slice(folder.lastIndexOf('/') + 1)) || folder;
}
