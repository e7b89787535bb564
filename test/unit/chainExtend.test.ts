/**
 * `extendChain` (scope.ts) against `composeChain`: a course's chain made from its glossaries'
 * chain plus its harvested part must be the very glossary a full composition makes — same
 * entries, forms in the same order, same misspellings and fixes, same indexes, same shadowed
 * entries. Random glossaries drawn from a small vocabulary, so that terms, plurals, accents,
 * acronyms, misspellings, ids and relations collide often; seeded like property.test.ts.
 */

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileGlossary, Glossary, TermForm } from '../../server/src/service/glossary';
import { loadGlossaryFile } from '../../server/src/service/glossaryFile';
import { harvestDefinitions } from '../../server/src/service/harvest';
import { compileHarvested } from '../../server/src/service/harvested';
import { ChainPart, ComposedGlossary, composeChain, extendChain } from '../../server/src/service/scope';
import { ROOT } from './helpers';

const RUNS = Number(process.env.GLOSSAIRE_PROPERTY_RUNS ?? 1000);
const SEED = Number(process.env.GLOSSAIRE_PROPERTY_SEED ?? 13);

/** Everything a chain's glossary exposes, as plain data (entries by content, forms by what they are). */
function dump(c: ComposedGlossary): unknown {
  const g = c.glossary;
  const form = (f: TermForm | undefined): unknown => f && [f.entry.id, f.text, f.kind, f.textWords, f.lower, f.folded, f.joiners, f.caseSensitive, f.separators, f.fix && [f.fix.entry.id, f.fix.text, f.fix.kind]];
  return {
    entries: g.entries.map((e) => ({ ...e })),
    byId: [...g.byId].map(([k, e]) => [k, e.id, e.term]),
    categories: g.categories,
    forms: g.forms.map(form),
    pluralsFrom: g.pluralsFrom,
    misspellings: g.misspellings.map(form),
    problems: g.problems,
    sources: [...g.sources],
    byFirstWord: [...g.byFirstWord].map(([k, l]) => [k, l.map(form)]),
    joined: [...g.joined].map(([k, f]) => [k, form(f)]),
    hyphenWords: [...g.hyphenWords].map(([k, l]) => [k, l.map((t) => [form(t.form), t.word])]),
    shadowed: [...c.shadowed],
  };
}

/** True when the chain took the fast path (it shares the base's first form). */
const shares = (ext: ComposedGlossary, base: ComposedGlossary) => ext.glossary.forms.length > 0 && ext.glossary.forms[0] === base.glossary.forms[0];

// Names that collide every way a chain cares about: plurals, accents, case, acronyms, hyphens.
const NAMES = [
  'cloud', 'clouds', 'Cloud', 'cloud computing', 'cloud computings', 'SaaS', 'saas', 'SAAS', 'ESN', 'esn', 'SSII',
  'réseau', 'reseau', 'réseaux', 'routeur', 'routeurs', 'rooteur', 'sous-traitance', 'sous traitance', 'soustraitance',
  'infogérance', 'infogerance', 'inforgérance', 'infogérances', 'inforgérances', 'pare-feu', 'pare-feux', 'box',
  'commutateur', 'switch', 'switchs', 'hébergement', 'hebergement', 'hébergements', "l'hébergement", 'IPv6', 'Web 2.0', '—',
];
const IDS = ['a', 'b', 'c', 'd', 'e', 'note-cloud', 'note-routeur', 'note-saas'];
const name = fc.constantFrom(...NAMES);
const names = fc.array(name, { maxLength: 3 });
const entryArb = fc.record({
  id: fc.constantFrom(...IDS),
  term: name,
  category: fc.constantFrom('c', 'd', 'notes', 'absente'),
  definition: fc.constantFrom('Une définition.', 'Autre définition.'),
  forms: names, synonyms: names, acronyms: names, misspellings: names,
  related: fc.array(fc.constantFrom(...IDS), { maxLength: 2 }),
  broader: fc.option(fc.constantFrom(...IDS), { nil: undefined }),
}, { requiredKeys: ['id', 'term', 'category', 'definition'] });
const categoriesArb = fc.constantFrom(
  [{ id: 'c', label: 'C' }, { id: 'd', label: 'D' }],
  [{ id: 'c', label: 'Autre C' }, { id: 'notes', label: 'Notes du cours' }],
  [{ id: 'c', label: 'C' }, { id: 'c', label: 'C bis' }, { id: 'd', label: 'D' }],
);
/** A glossary file's content (compiled in the property: a failing case prints as data). */
const glossaryArb = fc.record({ entries: fc.array(entryArb, { maxLength: 6 }), categories: categoriesArb }).map((g) => ({ kind: 'file' as const, ...g }));
/** A harvested part: definitions of a few names (with aliases), in one or two notes. */
const harvestedArb = fc.array(fc.record({ term: name, aliases: names, note: fc.constantFrom(0, 1) }), { minLength: 1, maxLength: 5 }).map((definitions) => ({ kind: 'notes' as const, definitions }));
type Spec = { kind: 'file'; categories: readonly { id: string; label: string }[]; entries: readonly object[] } | { kind: 'notes'; definitions: readonly { term: string; aliases: string[]; note: number }[] };

let files = 0;
function compileSpec(spec: Spec): Glossary {
  if (spec.kind === 'file') return compileGlossary([{ uri: `file:///ws/g${files++}.json`, text: JSON.stringify({ name: 'G', language: 'fr', categories: spec.categories, entries: spec.entries }) }]);
  const defs = spec.definitions;
  return compileHarvested([0, 1].map((n) => ({
    uri: `file:///ws/cours/n${n}.md`,
    definitions: defs.filter((d) => d.note === n).map((d, k) => ({ term: d.term, aliases: d.aliases, definition: `Définition ${k}.`, termRange: { start: k * 10, end: k * 10 + d.term.length } })),
    positions: defs.filter((d) => d.note === n).map((_, k) => ({ line: k, character: 0 })),
  })), 'Vos notes').glossary;
}

function check(baseGlossaries: Glossary[], last: Glossary): boolean {
  const baseParts: ChainPart[] = baseGlossaries.map((glossary) => ({ glossary }));
  const base = composeChain(baseParts);
  const full = composeChain([...baseParts, { glossary: last }]);
  const ext = extendChain(base, baseParts, { glossary: last });
  const same = (a: ComposedGlossary) => {
    const x = dump(a) as Record<string, unknown>;
    const y = dump(full) as Record<string, unknown>;
    for (const k of Object.keys(y)) assert.deepEqual(x[k], y[k], `${k} differs`);
  };
  same(ext);
  // The base is left as it was (its memo aside): a second extension gives the same again.
  same(extendChain(base, baseParts, { glossary: last }));
  return shares(ext, base);
}

describe('scope: extending a chain by its last part equals composing it in full', () => {
  it('random glossaries and harvested parts, colliding names', () => {
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(glossaryArb, { minLength: 1, maxLength: 2 }), fc.oneof(harvestedArb, glossaryArb), (bases, last) => {
        total++;
        if (check(bases.map(compileSpec), compileSpec(last))) fast++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both ways are exercised: the shared path, and the full composition it falls back to.
    if (process.env.GLOSSAIRE_PROPERTY_RUNS) process.stdout.write(`shared path in ${fast} of ${total} cases\n`);
    assert.ok(fast > total / 4, `shared path in ${fast} of ${total} cases`);
    assert.ok(fast < total, 'the fallback never ran');
  });

  it('what a harvested term takes from the glossary: a plural, a misspelling, a misspelling\'s fix', () => {
    const file = (entries: object[]) => compileSpec({ kind: 'file', categories: [{ id: 'c', label: 'C' }], entries: entries.map((e) => ({ category: 'c', definition: 'D.', ...e })) });
    const notes = (...terms: string[]) => compileSpec({ kind: 'notes', definitions: terms.map((term) => ({ term, aliases: [], note: 0 })) });
    const chain = (base: Glossary, last: Glossary) => {
      assert.ok(check([base], last), 'shared path');
      return composeChain([{ glossary: base }, { glossary: last }]).glossary;
    };
    // The notes define "routeurs": the plural is theirs, not the glossary's "routeur"'s.
    let g = chain(file([{ id: 'a', term: 'routeur' }]), notes('routeurs'));
    assert.deepEqual(g.forms.map((f) => [f.text, f.entry.id]), [['routeur', 'a'], ['routeurs', 'note-routeurs']]);
    // A known misspelling the notes write with accents ("infogérance") is dropped: accents only.
    g = chain(file([{ id: 'a', term: 'cloud', misspellings: ['infogerance'] }]), notes('infogérance'));
    assert.deepEqual(g.misspellings, []);
    // The notes define the plural a misspelling was fixed to: its fix is the singular now (a full composition).
    const base = file([{ id: 'a', term: 'infogérance', misspellings: ['inforgérances'] }]);
    assert.equal(base.misspellings[0].fix?.text, 'infogérances');
    const full = composeChain([{ glossary: base }, { glossary: notes('infogérances') }]);
    assert.ok(!check([base], notes('infogérances')), 'composed in full');
    assert.equal(full.glossary.misspellings[0].fix?.text, 'infogérance');
  });

  it('the built-in glossary and the example course, with the definitions of the example notes', () => {
    const builtin = loadGlossaryFile({ uri: 'file:///builtin/externalisation.json', text: readFileSync(join(ROOT, 'glossary', 'externalisation.json'), 'utf8') }).glossary;
    const course = loadGlossaryFile({ uri: 'file:///ws/reseaux/glossaire.md', text: readFileSync(join(ROOT, 'examples', 'reseaux', 'glossaire.md'), 'utf8') }).glossary;
    const notes = ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md', 'reseaux/01-adressage.md', 'reseaux/02-transport.md', 'reseaux/03-routage.md'];
    const part = compileHarvested(notes.map((p) => {
      const definitions = harvestDefinitions(readFileSync(join(ROOT, 'examples', p), 'utf8'));
      return { uri: `file:///ws/${p}`, definitions, positions: definitions.map(() => ({ line: 0, character: 0 })) };
    }), 'Vos notes').glossary;
    assert.ok(part.entries.length > 0, 'the example notes define terms');
    for (const bases of [[builtin], [course], [course, builtin], [builtin, course]]) {
      // A harvested part takes the shared path; a glossary file with misspellings, the full one.
      assert.ok(check(bases, part), 'shared path');
      for (const last of [builtin, course]) if (!bases.includes(last)) check(bases, last);
    }
  });
});
