import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildGlossary, compileGlossary, FormKind, formatProblem, Glossary, GlossaryProblem, maxDistanceFor, parseGlossary } from '../../server/src/service/glossary';
import { fold } from '../../server/src/service/text';
import { builtinGlossary, compile, glossaryJson, lexicon, miniGlossary } from './helpers';

const entry = (id: string, term: string, more: Record<string, unknown> = {}) => ({ id, term, category: 'c', definition: 'Définition.', ...more });

/** Compiles one file and returns its problems and the ids of the entries that loaded. */
function load(text: string, uri = '/notes/glossaire.json'): { g: Glossary; ids: string[]; problems: GlossaryProblem[] } {
  const g = compile([{ uri, text }]);
  return { g, ids: g.entries.map((e) => e.id), problems: g.problems };
}

/** Asserts one error with this code, naming the file, entry and field (in the data and the text). */
function assertProblem(problems: GlossaryProblem[], code: string, entryId: string | undefined, field: string | undefined, uri = '/notes/glossaire.json'): GlossaryProblem {
  const p = problems.find((x) => x.code === code && x.field === field);
  assert.ok(p, `no ${code} in ${JSON.stringify(problems.map((x) => x.code))}`);
  assert.equal(p.uri, uri);
  assert.equal(p.entry, entryId);
  assert.equal(p.field, field);
  const line = formatProblem(p);
  assert.ok(line.startsWith(uri + ':'), line);
  if (entryId) assert.ok(line.includes(`« ${entryId} »`), line);
  if (field) assert.ok(line.includes(`« ${field} »`), line);
  const en = formatProblem(p, 'en');
  if (entryId) assert.ok(en.includes(`entry "${entryId}"`), en);
  return p;
}

describe('glossary: the built-in glossary', () => {
  it('compiles without problems', () => {
    const g = builtinGlossary();
    assert.deepEqual(g.problems, []);
    assert.ok(g.entries.length >= 20);
    assert.ok(g.byId.get('infogerance'));
  });

  it('lists no misspelling that differs from a correct form only by accents', () => {
    const g = builtinGlossary();
    for (const e of g.entries) {
      for (const m of e.misspellings ?? []) {
        const same = g.forms.find((f) => !f.caseSensitive && f.folded.join(' ') === fold(m).split(' ').join(' '));
        assert.equal(same, undefined, `${e.id}: "${m}" is an accent variant of "${same?.text}"`);
      }
    }
  });

  it('indexes forms by their first folded word, longest first', () => {
    const list = builtinGlossary().byFirstWord.get('cloud')!;
    assert.deepEqual(list.map((f) => f.text).slice(0, 1), ['cloud computing']);
    assert.ok(list.some((f) => f.text === 'cloud'));
    for (let k = 1; k < list.length; k++) assert.ok(list[k - 1].folded.length >= list[k].folded.length);
  });

  it('adds regular plurals of one-word terms', () => {
    const g = miniGlossary([entry('a', 'hébergeur')]);
    assert.ok(g.forms.some((f) => f.text === 'hébergeurs' && f.kind === FormKind.Form));
    const h = miniGlossary([entry('a', 'processus')]);
    assert.equal(h.forms.length, 1);
  });

  it('matches acronyms case-sensitively and indexes joined compounds', () => {
    const g = builtinGlossary();
    assert.ok(g.forms.some((f) => f.text === 'SaaS' && f.caseSensitive));
    assert.equal(g.joined.get('soustraitance')?.text, 'sous-traitance');
    assert.equal(g.joined.get('cloudcomputing')?.text, 'cloud computing');
  });

  it('fixes a known misspelling with the nearest correct form of its entry', () => {
    const g = miniGlossary([entry('a', 'infogérance', { forms: ['infogérances'], misspellings: ['inforgérances'] })]);
    const m = g.byFirstWord.get('inforgerances')!.find((f) => f.kind === FormKind.Misspelling)!;
    assert.equal(m.fix?.text, 'infogérances');
  });

  it('gives fuzzy tolerance by length', () => {
    assert.deepEqual([3, 4, 5, 7, 8, 15].map(maxDistanceFor), [0, 0, 1, 1, 2, 2]);
  });
});

describe('glossary: problems name the file, the entry and the field, and loading goes on', () => {
  it('invalid JSON: each syntax error with its line and column; the rest loads', () => {
    const text = [
      '{ "name": "T", "language": "fr", "categories": [{ "id": "c", "label": "C" }],',
      '  "entries": [',
      '    { "id": "alpha", "term": "alpha", "category": "c", "definition": "D." }',
      '    { "id": "beta", "term": "beta", "category": "c", "definition": "D." }',
      '  ] }',
    ].join('\n');
    const { ids, problems } = load(text);
    const p = assertProblem(problems, 'glossary.invalid-json', 'beta', undefined);
    assert.match(p.message, /ligne 4, colonne 5/);
    assert.equal(text.slice(p.start, p.start + 1), '{');
    assert.deepEqual(ids, ['alpha', 'beta']);
  });

  it('invalid JSON: the syntax error in words of the locale, never the parser\'s code', () => {
    const text = '{ "name": "T", "language": "fr", "categories": [], "entries": [ { "id": "a" "term": "a" } ] }';
    const fr = compileGlossary([{ uri: 'g.json', text }], { locale: 'fr' }).problems.find((q) => q.code === 'glossary.invalid-json')!;
    const en = compileGlossary([{ uri: 'g.json', text }], { locale: 'en' }).problems.find((q) => q.code === 'glossary.invalid-json')!;
    assert.match(fr.message, /^JSON invalide : virgule attendue \(ligne 1, colonne \d+\)\.$/);
    assert.match(en.message, /comma expected \(line 1, column \d+\)/);
    for (const m of [fr.message, en.message]) assert.doesNotMatch(m, /[a-z][A-Z]/, 'no CamelCase parser code');
    assert.match(formatProblem(fr, 'fr'), /^g\.json: erreur \(entrée « a »/);
    assert.match(formatProblem(en, 'en'), /^g\.json: error \(entry "a"/);
  });

  it('invalid JSON inside an entry names its field', () => {
    const text = glossaryJson([entry('alpha', 'alpha'), entry('beta', 'beta')]).replace('"term": "beta"', '"term": "beta" "x"');
    const { problems } = load(text);
    assertProblem(problems, 'glossary.invalid-json', 'beta', 'term');
  });

  it('text that is not JSON at all', () => {
    const { ids, problems } = load('pas du JSON');
    assert.ok(problems.some((p) => p.code === 'glossary.invalid-json'));
    assert.deepEqual(ids, []);
  });

  it('unknown field', () => {
    const { ids, problems } = load(glossaryJson([entry('alpha', 'alpha', { couleur: 'rouge' }), entry('beta', 'beta')]));
    assertProblem(problems, 'glossary.unknown-field', 'alpha', 'couleur');
    assert.deepEqual(ids, ['alpha', 'beta']); // an unknown field does not drop the entry
  });

  it('unknown top-level field', () => {
    const { problems } = load(glossaryJson([entry('alpha', 'alpha')], { auteur: 'moi' }));
    assertProblem(problems, 'glossary.unknown-field', undefined, 'auteur');
  });

  it('missing field', () => {
    const { ids, problems } = load(glossaryJson([{ id: 'alpha', term: 'alpha', category: 'c' }, entry('beta', 'beta')]));
    assertProblem(problems, 'glossary.missing-field', 'alpha', 'definition');
    assertProblem(problems, 'glossary.entry-dropped', 'alpha', undefined);
    assert.deepEqual(ids, ['beta']);
  });

  it('missing field of an entry without id: named by its position', () => {
    const { problems } = load(glossaryJson([entry('alpha', 'alpha'), { term: 'beta', category: 'c', definition: 'D.' }]));
    assertProblem(problems, 'glossary.missing-field', '#2', 'id');
  });

  it('empty definition', () => {
    const { ids, problems } = load(glossaryJson([entry('alpha', 'alpha', { definition: '   ' }), entry('beta', 'beta')]));
    assertProblem(problems, 'glossary.empty-field', 'alpha', 'definition');
    assert.deepEqual(ids, ['beta']);
  });

  it('wrong type', () => {
    const { ids, problems } = load(glossaryJson([entry('alpha', 'alpha', { forms: 'alphas' }), entry('beta', 'beta')]));
    assertProblem(problems, 'glossary.wrong-type', 'alpha', 'forms');
    assert.deepEqual(ids, ['alpha', 'beta']);
  });

  it('invalid id', () => {
    const { ids, problems } = load(glossaryJson([entry('Alpha Id', 'alpha'), entry('beta', 'beta')]));
    assertProblem(problems, 'glossary.bad-id', 'Alpha Id', 'id');
    assert.deepEqual(ids, ['beta']);
  });

  it('duplicate id, also across files', () => {
    const { ids, problems } = load(glossaryJson([entry('alpha', 'alpha'), entry('alpha', 'beta'), entry('gamma', 'gamma')]));
    assertProblem(problems, 'glossary.duplicate-id', 'alpha', 'id');
    assert.deepEqual(ids, ['alpha', 'gamma']);
    const g = compile([
      { uri: '/a.json', text: glossaryJson([entry('alpha', 'alpha')]) },
      { uri: '/b.json', text: glossaryJson([entry('alpha', 'autre'), entry('beta', 'beta')]) },
    ]);
    const p = assertProblem(g.problems, 'glossary.duplicate-id', 'alpha', 'id', '/b.json');
    assert.match(p.message, /\/a\.json/);
    assert.deepEqual(g.entries.map((e) => e.id), ['alpha', 'beta']);
  });

  it('one term claimed by two entries', () => {
    const { g, problems } = load(glossaryJson([entry('alpha', 'alpha'), entry('beta', 'beta', { synonyms: ['Alpha'] })]));
    const p = assertProblem(problems, 'glossary.duplicate-term', 'beta', 'synonyms');
    assert.match(p.message, /alpha/);
    assert.equal(g.forms.filter((f) => f.lower[0] === 'alpha').length, 1);
  });

  it('a misspelling that is itself a correct term', () => {
    const { g, problems } = load(glossaryJson([entry('alpha', 'alpha'), entry('beta', 'beta', { misspellings: ['alpha'] })]));
    assertProblem(problems, 'glossary.misspelling-is-term', 'beta', 'misspellings');
    assert.ok(!g.byFirstWord.get('alpha')!.some((f) => f.kind === FormKind.Misspelling));
  });

  it('a misspelling that is a French word: a warning', () => {
    const { ids, problems } = load(glossaryJson([entry('delocalisation', 'délocalisation', { misspellings: ['location'] })]));
    const p = assertProblem(problems, 'glossary.misspelling-is-word', 'delocalisation', 'misspellings');
    assert.equal(p.severity, 'warning');
    assert.deepEqual(ids, ['delocalisation']);
  });

  it('a misspelling that differs only by accents: a warning, and left to the accent rule', () => {
    const { g, problems } = load(glossaryJson([entry('infogerance', 'infogérance', { misspellings: ['infogerance', 'inforgérance'] })]));
    const p = assertProblem(problems, 'glossary.misspelling-accent-only', 'infogerance', 'misspellings');
    assert.equal(p.severity, 'warning');
    assert.deepEqual(g.byFirstWord.get('infogerance')!.map((f) => f.kind), [FormKind.Term]);
  });

  it('relation to an unknown id (related and broader); the relation is dropped', () => {
    const { g, problems } = load(glossaryJson([entry('alpha', 'alpha', { related: ['beta', 'nulle-part'], broader: 'inconnu' }), entry('beta', 'beta')]));
    assertProblem(problems, 'glossary.unknown-relation', 'alpha', 'related');
    assert.ok(problems.some((p) => p.code === 'glossary.unknown-relation' && p.field === 'broader'));
    assert.deepEqual(g.byId.get('alpha')!.related, ['beta']);
    assert.equal(g.byId.get('alpha')!.broader, undefined);
  });

  it('relations may point into another file', () => {
    const g = compile([
      { uri: '/a.json', text: glossaryJson([entry('alpha', 'alpha', { related: ['beta'] })]) },
      { uri: '/b.json', text: glossaryJson([entry('beta', 'beta')]) },
    ]);
    assert.deepEqual(g.problems, []);
  });

  it('unknown category: reported, the entry kept', () => {
    const { ids, problems } = load(glossaryJson([entry('alpha', 'alpha', { category: 'inexistante' })]));
    assertProblem(problems, 'glossary.unknown-category', 'alpha', 'category');
    assert.deepEqual(ids, ['alpha']);
  });

  it('problems point at the offending text', () => {
    const text = glossaryJson([entry('alpha', 'alpha', { category: 'inexistante' })]);
    const p = load(text).problems[0];
    assert.equal(text.slice(p.start, p.end), '"inexistante"');
  });

  it('speaks English when asked', () => {
    const g = compileGlossary([{ uri: '/g.json', text: glossaryJson([entry('alpha', 'alpha', { category: 'nope' })]) }], { locale: 'en', lexicon: lexicon() });
    assert.match(formatProblem(g.problems[0], 'en'), /^\/g\.json: error \(entry "alpha", field "category"\): Unknown category "nope"\.$/);
  });
});

describe('glossary: parse and validate, then build (the two halves of compileGlossary)', () => {
  const a = glossaryJson([{ id: 'nuage', term: 'nuage', category: 'c', definition: 'D.', misspellings: ['nuagge'] }]);
  const b = glossaryJson([{ id: 'orage', term: 'orage', category: 'c', definition: 'D.' }, { id: 'x', term: 'x', category: 'inconnue', definition: 'D.' }]);

  it('parseGlossary gives the plain model with located problems; buildGlossary indexes it', () => {
    const data = parseGlossary([{ uri: 'b.json', text: b }]);
    assert.deepEqual(data.entries.map((e) => e.id), ['orage', 'x']);
    assert.deepEqual(data.problems.map((p) => [p.code, p.entry]), [['glossary.unknown-category', 'x']]);
    const g = buildGlossary(data, { lexicon: lexicon() });
    assert.ok(g.byFirstWord.has('orage'));
  });

  it('two models merged by concatenation build the same glossary as one compile of both files', () => {
    const pa = parseGlossary([{ uri: 'a.json', text: a }]);
    const pb = parseGlossary([{ uri: 'b.json', text: b }]);
    const merged = buildGlossary({
      entries: [...pa.entries, ...pb.entries], categories: [...pa.categories, ...pb.categories],
      problems: [...pa.problems, ...pb.problems], sources: new Map([...pa.sources, ...pb.sources]),
    }, { lexicon: lexicon() });
    const whole = compileGlossary([{ uri: 'a.json', text: a }, { uri: 'b.json', text: b }], { lexicon: lexicon() });
    assert.deepEqual(merged.entries.map((e) => e.id), whole.entries.map((e) => e.id));
    assert.deepEqual(merged.forms.map((f) => f.text), whole.forms.map((f) => f.text));
    assert.deepEqual([...merged.byFirstWord.keys()].sort(), [...whole.byFirstWord.keys()].sort());
    assert.deepEqual(merged.problems.map((p) => p.code), whole.problems.map((p) => p.code));
  });
});
