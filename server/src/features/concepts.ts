/** The panel's custom requests (see protocol.ts): concepts, one concept's details, a note's concepts. */

import { ServerContext } from '../lsp/context';
import { ConceptDetails, ConceptDetailsRequest, ConceptReferencesRequest, ConceptsRequest, ConceptsResult, DocumentConcept, DocumentConceptsRequest } from '../shared/protocol';
import { getEntryMarkdown, getShortDefinition } from '../service/concepts';
import { runSafe } from '../lsp/runSafe';
import { entryLocation, referencesOf } from './navigation';

/** Registers glossaire/concepts, glossaire/conceptDetails, glossaire/conceptReferences and glossaire/documentConcepts. */
export function registerConcepts(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onRequest(ConceptsRequest, (params, token) =>
    runSafe<ConceptsResult>(connection, 'concepts', token, { categories: [], concepts: [], glossaryFiles: [], problemCount: 0 }, () => {
      const g = ctx.store.current;
      const doc = params?.uri ? ctx.documents.get(params.uri) : undefined;
      const docCounts = new Map<string, number>();
      if (doc && ctx.isChecked(doc)) for (const o of ctx.cache.get(doc).occurrences) docCounts.set(o.entryId, (docCounts.get(o.entryId) ?? 0) + 1);
      // Open documents count with their live text, the other notes from the index.
      const open = ctx.documents.all().filter((d) => ctx.isChecked(d));
      const ws = ctx.index.counts(new Set(open.map((d) => d.uri)));
      for (const d of open) for (const o of ctx.cache.get(d).occurrences) ws.set(o.entryId, (ws.get(o.entryId) ?? 0) + 1);
      return {
        categories: g.categories,
        glossaryFiles: ctx.store.uris,
        problemCount: ctx.store.problems.length,
        concepts: g.entries.map((e) => ({
          id: e.id,
          term: e.term,
          category: e.category,
          categoryLabel: e.categoryLabel,
          shortDefinition: getShortDefinition(e.definition),
          forms: e.allForms,
          documentCount: doc ? docCounts.get(e.id) ?? 0 : undefined,
          workspaceCount: ws.get(e.id) ?? 0,
        })),
      };
    }),
  );
  connection.onRequest(ConceptDetailsRequest, (params, token) =>
    runSafe<ConceptDetails | null>(connection, 'conceptDetails', token, null, () => {
      const g = ctx.store.current;
      const e = g.byId.get(params.id);
      if (!e) return null;
      const ref = (id: string) => ({ id, term: g.byId.get(id)?.term ?? id });
      return {
        id: e.id, term: e.term, category: e.category, categoryLabel: e.categoryLabel,
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
    runSafe(connection, 'conceptReferences', token, [], () => (params?.id && ctx.store.current.byId.has(params.id) ? referencesOf(ctx, params.id) : [])),
  );
  connection.onRequest(DocumentConceptsRequest, (params, token) =>
    runSafe<DocumentConcept[]>(connection, 'documentConcepts', token, [], () => {
      const doc = ctx.documents.get(params.uri);
      if (!doc || !ctx.isChecked(doc)) return [];
      const g = ctx.store.current;
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
