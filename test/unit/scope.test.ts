import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service/analyze';
import { compileGlossary, Glossary, GlossaryEntryData } from '../../server/src/service/glossary';
import { appliesTo, chainFor, composeChain, folderOf, isGlossaryFileName } from '../../server/src/service/scope';
import { URI } from 'vscode-uri';
import { createNodeHost } from '../../server/src/node/nodeHost';
import { GLOSSARY_GLOB, GlossaryStore } from '../../server/src/lsp/glossaryStore';
import { globToRegExp, HostFileError, ServerHost } from '../../server/src/lsp/host';
import { GlossaryResolver } from '../../server/src/cli/glossaries';
import { glossaryJson, lexicon } from './helpers';

const entry = (id: string, term: string, definition: string, more: Partial<GlossaryEntryData> = {}) => ({ id, term, category: 'c', definition, ...more });
const compileAt = (uri: string, entries: Partial<GlossaryEntryData>[]) => compileGlossary([{ uri, text: glossaryJson(entries) }]);

describe('scope: which glossaries apply to a note', () => {
  it('recognises glossary file names, and only those', () => {
    for (const n of ['glossaire.md', 'Glossaire.MD', 'reseaux.glossaire.md', 'cours.glossaire.json']) assert.ok(isGlossaryFileName(n), n);
    for (const n of ['glossaire.json', 'mon-glossaire.md', 'glossaire.md.bak', 'notes.md', '.glossaire.md', 'glossaire.txt']) assert.ok(!isGlossaryFileName(n), n);
  });

  it('a glossary applies to its folder and below, not to a sibling folder with the same prefix', () => {
    assert.equal(folderOf('file:///ws/reseaux/glossaire.md'), 'file:///ws/reseaux');
    assert.ok(appliesTo('file:///ws/reseaux', 'file:///ws/reseaux/cours1.md'));
    assert.ok(appliesTo('file:///ws/reseaux', 'file:///ws/reseaux/td/tp2.md'));
    assert.ok(!appliesTo('file:///ws/reseaux', 'file:///ws/reseaux-avances/cours.md'));
    assert.ok(!appliesTo('file:///ws/reseaux', 'file:///ws/notes.md'));
    assert.ok(appliesTo('', 'file:///anywhere/x.md'));
  });

  it('root + course: both apply to a course note, nearest first; only the root to a note elsewhere', () => {
    const root = { uri: 'file:///ws/glossaire.md', folder: 'file:///ws' };
    const course = { uri: 'file:///ws/reseaux/glossaire.md', folder: 'file:///ws/reseaux' };
    const extra = { uri: 'file:///cfg/perso.glossaire.json', folder: '' };
    const other = { uri: 'file:///ws/droit/glossaire.md', folder: 'file:///ws/droit' };
    const all = [extra, root, other, course];
    assert.deepEqual(chainFor(all, 'file:///ws/reseaux/td/tp.md').map((g) => g.uri), [course.uri, root.uri, extra.uri]);
    assert.deepEqual(chainFor(all, 'file:///ws/histoire/x.md').map((g) => g.uri), [root.uri, extra.uri]);
    assert.deepEqual(chainFor(all, 'file:///ws/droit/x.md').map((g) => g.uri), [other.uri, root.uri, extra.uri]);
  });

  it('multi-root: each workspace folder has its own glossaries', () => {
    const a = { uri: 'file:///un/glossaire.md', folder: 'file:///un' };
    const b = { uri: 'file:///deux/glossaire.md', folder: 'file:///deux' };
    assert.deepEqual(chainFor([a, b], 'file:///un/n.md').map((g) => g.uri), [a.uri]);
    assert.deepEqual(chainFor([a, b], 'file:///deux/sous/n.md').map((g) => g.uri), [b.uri]);
    assert.deepEqual(chainFor([a, b], 'file:///trois/n.md'), []);
  });
});

describe('scope: composing a chain (nearer wins)', () => {
  const course = compileAt('file:///ws/reseaux/glossaire.json', [
    entry('routeur', 'routeur', 'Équipement qui relie des réseaux (cours).'),
    entry('commutateur', 'commutateur', 'Relie les machines d’un réseau local.', { synonyms: ['switch'] }),
  ]);
  const root = compileAt('file:///ws/glossaire.json', [
    entry('routeur', 'routeur', 'Définition générale.'),
    entry('passerelle', 'passerelle', 'Point de sortie d’un réseau.', { synonyms: ['switch', 'gateway'] }),
    entry('protocole', 'protocole', 'Règles d’un échange.'),
  ]);

  it('a term both define is the nearer one, and the farther one is listed as overridden', () => {
    const { glossary, shadowed } = composeChain([{ glossary: course }, { glossary: root }]);
    assert.deepEqual(glossary.entries.map((e) => e.id), ['routeur', 'commutateur', 'passerelle', 'protocole']);
    assert.equal(glossary.byId.get('routeur')!.definition, 'Équipement qui relie des réseaux (cours).');
    assert.deepEqual(shadowed.get('routeur'), [{ id: 'routeur', term: 'routeur', definition: 'Définition générale.', uri: 'file:///ws/glossaire.json' }]);
    // Each entry keeps its own file and offsets (go to definition opens the right glossary).
    assert.equal(glossary.byId.get('routeur')!.uri, 'file:///ws/reseaux/glossaire.json');
    const p = glossary.byId.get('protocole')!;
    assert.equal(p.uri, 'file:///ws/glossaire.json');
    assert.equal(glossary.sources.get(p.uri)!.slice(p.start, p.end), root.sources.get(p.uri)!.slice(root.byId.get('protocole')!.start, root.byId.get('protocole')!.end));
  });

  it('a synonym the nearer glossary claims is dropped from the farther entry, which stays', () => {
    const { glossary } = composeChain([{ glossary: course }, { glossary: root }]);
    const passerelle = glossary.byId.get('passerelle')!;
    assert.deepEqual(passerelle.synonyms, ['gateway']);
    const { occurrences } = analyzeText('Le switch et la gateway.', glossary, { lexicon: lexicon() });
    assert.deepEqual(occurrences.map((o) => o.entryId), ['commutateur', 'passerelle']);
  });

  it('the composed glossary finds typos of terms from every part, with the nearer term as fix', () => {
    const { glossary } = composeChain([{ glossary: course }, { glossary: root }]);
    const { findings } = analyzeText('Un protocolle et un routeurr.', glossary, { lexicon: lexicon() });
    assert.deepEqual(findings.map((f) => [f.word, f.suggestions[0]]), [['protocolle', 'protocole'], ['routeurr', 'routeur']]);
  });

  it('one part is served as is; parts are never changed', () => {
    assert.equal(composeChain([{ glossary: course }]).glossary, course);
    composeChain([{ glossary: course }, { glossary: root }]);
    assert.deepEqual(root.byId.get('passerelle')!.synonyms, ['switch', 'gateway']);
    assert.equal(root.byId.get('routeur')!.uri, 'file:///ws/glossaire.json');
  });
});

describe('scope: a composed chain indexes exactly what one file of its entries would', () => {
  // What the chain keeps, compiled again from scratch as one JSON file: the composition reuses its
  // parts' forms and data, and must index the same forms, plurals, misspellings and fixes.
  const signature = (g: Glossary) => ({
    entries: g.entries.map((e) => [e.id, e.uri, e.categoryLabel, e.allForms, e.related ?? [], e.broader ?? null]),
    // Each form names the glossary's own entry object (the hover and the panel read it).
    forms: g.forms.map((f) => [f.text, f.kind, f.entry.id, g.byId.get(f.entry.id) === f.entry, f.folded.join(' '), f.caseSensitive]),
    misspellings: g.misspellings.map((f) => [f.text, f.entry.id, f.fix?.text]),
    byFirstWord: [...g.byFirstWord].map(([k, list]) => [k, list.map((f) => `${f.entry.id}:${f.text}`)]),
    joined: [...g.joined].map(([k, f]) => [k, f.text]),
    hyphenWords: [...g.hyphenWords.keys()],
    fuzzy: ['delocalisaton', 'serveurss', 'sou-traitance', 'protocle', 'nuagge', 'routeurz', 'comutateur'].map((w) => g.fuzzy.lookup(w, () => 2).map((r) => `${r.key}:${r.value.form.text}:${r.distance}`)),
  });
  const fromScratch = (g: Glossary) => {
    const data = g.entries.map(({ uri: _u, start: _s, end: _e, categoryLabel: _c, allForms: _a, ...rest }) => rest);
    const compiled = compileGlossary([{ uri: 'x', text: JSON.stringify({ name: 'x', language: 'fr', categories: g.categories, entries: data }) }]);
    compiled.entries.forEach((e, k) => { e.uri = g.entries[k].uri; });
    return compiled;
  };
  const near = compileAt('file:///ws/reseaux/glossaire.json', [
    entry('delocalisation', 'délocalisation', 'Déplacer une activité (cours).', { synonyms: ['switch'] }),
    entry('serveur', 'serveur', 'Machine qui sert.'),
    entry('nuage', 'cloud', 'Le nuage du cours.', { forms: ['clouds'], misspellings: ['cloude'] }),
    entry('sous-traitance', 'sous-traitance', 'Confier à un tiers.', { synonyms: ['cloud computing'] }),
  ]);
  const far = compileAt('file:///ws/glossaire.json', [
    entry('cloud', 'cloud', 'Informatique en nuage.', { forms: ['nuage'] }),
    entry('saas', 'SaaS', 'Logiciel en service.', { related: ['cloud', 'protocole'], broader: 'cloud' }),
    entry('serveurs', 'serveurs', 'Un terme qui est le pluriel d’un terme plus proche.'),
    entry('protocole', 'protocole', 'Règles d’un échange.', { misspellings: ['protocolle', 'delocalisation', 'switsh', 'protocoles'], synonyms: ['switch', 'commutateur'] }),
    entry('routeur', 'routeur', 'Relie des réseaux.', { misspellings: ['routeurz'] }),
  ]);

  it('same entries, forms, misspellings and look-ups as the kept entries compiled anew', () => {
    const { glossary } = composeChain([{ glossary: near }, { glossary: far }]);
    assert.deepEqual(signature(glossary), signature(fromScratch(glossary)));
    // What the chain decided, as the hover and the panel see it.
    assert.deepEqual(glossary.entries.map((e) => e.id), ['delocalisation', 'serveur', 'nuage', 'sous-traitance', 'saas', 'serveurs', 'protocole', 'routeur']);
    assert.deepEqual(glossary.byId.get('saas')!.related, ['protocole'], 'the relation to the overridden entry goes');
    assert.equal(glossary.byId.get('saas')!.broader, undefined);
    assert.deepEqual(glossary.byId.get('protocole')!.synonyms, ['commutateur']);
    // A farther misspelling that spells a nearer term (accents aside) is not a misspelling here.
    assert.deepEqual(glossary.misspellings.map((f) => f.text), ['cloude', 'protocolle', 'switsh', 'routeurz']);
    // The farther term "serveurs" keeps its name: the nearer term's plural does not take it.
    assert.equal(glossary.forms.find((f) => f.text === 'serveurs')!.entry.id, 'serveurs');
  });

  it('three parts, and the parts themselves unchanged', () => {
    const mid = compileAt('file:///ws/reseaux/td/glossaire.json', [entry('routeur', 'routeur', 'Le routeur du TD.', { forms: ['routeurs'], misspellings: ['rooteur'] })]);
    const before = signature(far);
    const { glossary, shadowed } = composeChain([{ glossary: mid }, { glossary: near }, { glossary: far }]);
    assert.deepEqual(signature(glossary), signature(fromScratch(glossary)));
    assert.deepEqual(shadowed.get('routeur')!.map((s) => s.definition), ['Relie des réseaux.']);
    assert.deepEqual(signature(far), before);
    assert.deepEqual(far.byId.get('protocole')!.synonyms, ['switch', 'commutateur']);
  });
});

describe('scope: discovery on disk, and the CLI chain', () => {
  it('finds glossary files in every folder, skipping hidden folders and node_modules', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'glossaire-scope-'));
    try {
      for (const d of ['reseaux/td', '.cache', 'node_modules/pkg', 'droit']) mkdirSync(join(ws, d), { recursive: true });
      const write = (p: string) => writeFileSync(join(ws, p), glossaryJson([]));
      for (const p of ['glossaire.md', 'reseaux/glossaire.md', 'reseaux/td/tp.glossaire.json', '.cache/glossaire.md', 'node_modules/pkg/glossaire.md', 'droit/notes.md', 'droit/glossaire.json']) write(p);
      const found = await createNodeHost().findFiles([URI.file(ws).toString()], GLOSSARY_GLOB, 100);
      assert.deepEqual(found.map((u) => URI.parse(u).fsPath.slice(ws.length + 1)).sort(), ['glossaire.md', 'reseaux/glossaire.md', 'reseaux/td/tp.glossaire.json']);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('the CLI resolver gives each file the glossaries of its folder and above, nearest first', () => {
    const ws = mkdtempSync(join(tmpdir(), 'glossaire-scope-'));
    try {
      mkdirSync(join(ws, 'reseaux'));
      mkdirSync(join(ws, 'droit'));
      writeFileSync(join(ws, 'cours.glossaire.json'), glossaryJson([entry('protocole', 'protocole', 'Règles.')]));
      writeFileSync(join(ws, 'reseaux', 'reseaux.glossaire.json'), glossaryJson([entry('routeur', 'routeur', 'Relie des réseaux.')]));
      const r = new GlossaryResolver({ extra: [], discover: true, locale: 'fr', lexicon: lexicon() });
      const net = r.chainOf(join(ws, 'reseaux', 'n.md'));
      assert.deepEqual(net.paths, [join(ws, 'reseaux', 'reseaux.glossaire.json'), join(ws, 'cours.glossaire.json')]);
      assert.deepEqual(net.glossary.entries.map((e) => e.id), ['routeur', 'protocole']);
      const law = r.chainOf(join(ws, 'droit', 'n.md'));
      assert.deepEqual(law.paths, [join(ws, 'cours.glossaire.json')]);
      // The same chain is composed once.
      assert.equal(r.chainOf(join(ws, 'droit', 'autre.md')), law);
      const off = new GlossaryResolver({ extra: [], discover: false, locale: 'fr', lexicon: lexicon() });
      assert.deepEqual(off.chainOf(join(ws, 'reseaux', 'n.md')).paths, []);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('scope: the glossary store (chains cached, recompiled only where a file is in them, harvested definitions)', () => {
  const ROOT = 'mem://ws';
  const files: Record<string, string> = {
    'mem://ext/builtin.json': glossaryJson([entry('cloud', 'cloud', 'Informatique en nuage.')]),
    [`${ROOT}/reseaux/glossaire.md`]: '# Notions\n\n## routeur\n\nRelie des réseaux.\n',
    [`${ROOT}/droit/glossaire.md`]: '---\nglossaire-intégré: non\n---\n\n# Notions\n\n## contrat\n\nAccord de volontés.\n',
  };
  const host = (): ServerHost => ({
    kind: 'browser',
    builtinGlossaryUri: 'mem://ext/builtin.json',
    readText: async (uri) => {
      const text = files[uri];
      if (text === undefined) throw new HostFileError('ENOENT', uri);
      return text;
    },
    findFiles: async (folders, glob, limit) => {
      const re = globToRegExp(glob);
      return Object.keys(files).filter((u) => folders.some((f) => u.startsWith(`${f}/`) && re.test(u.slice(f.length + 1)))).slice(0, limit);
    },
    lexicon: () => lexicon(),
    prepareLexicon: async () => undefined,
  });
  // A stand-in harvester for the store's plumbing: "**Term** : definition" lines.
  const harvester = (text: string) => [...text.matchAll(/\*\*([^*]+)\*\* : (.+)/g)].map((m) => ({
    term: m[1], aliases: [], definition: m[2], termRange: { start: m.index! + 2, end: m.index! + 2 + m[1].length },
  }));

  it('one composed glossary per distinct chain; the built-in one off where a glossary says so', async () => {
    const store = new GlossaryStore('fr', host());
    await store.configure(true, [], [ROOT], 'fr');
    await store.discover([ROOT], true);
    const a = store.forUri(`${ROOT}/reseaux/c1.md`);
    assert.equal(store.forUri(`${ROOT}/reseaux/td/c2.md`), a, 'same chain, same object');
    assert.deepEqual(a.entries.map((e) => e.term), ['routeur', 'cloud']);
    assert.deepEqual(store.forUri(`${ROOT}/droit/c.md`).entries.map((e) => e.term), ['contrat']);
    assert.deepEqual(store.chainUris(`${ROOT}/reseaux/c1.md`), [`${ROOT}/reseaux/glossaire.md`, 'mem://ext/builtin.json']);
  });

  it('editing one glossary recompiles that file and its chains only', async () => {
    const store = new GlossaryStore('fr', host());
    await store.configure(true, [], [ROOT], 'fr');
    await store.discover([ROOT], true);
    const net = store.forUri(`${ROOT}/reseaux/c.md`);
    const law = store.forUri(`${ROOT}/droit/c.md`);
    const before = { ...store.stats };
    store.setOverlay(`${ROOT}/reseaux/glossaire.md`, '# Notions\n\n## routeur\n\nRelie des réseaux.\n\n## commutateur\n\nRelie des machines.\n');
    const net2 = store.forUri(`${ROOT}/reseaux/c.md`);
    assert.notEqual(net2, net);
    assert.deepEqual(net2.entries.map((e) => e.term), ['routeur', 'commutateur', 'cloud']);
    assert.equal(store.forUri(`${ROOT}/droit/c.md`), law, 'the other course keeps its glossary');
    assert.deepEqual({ files: store.stats.files - before.files, chains: store.stats.chains - before.chains }, { files: 1, chains: 1 });
  });

  it('harvested definitions join the chains of their course folder only, after the glossaries', async () => {
    const store = new GlossaryStore('fr', host());
    await store.configure(true, [], [ROOT], 'fr');
    await store.discover([ROOT], true);
    store.setHarvester(harvester);
    assert.equal(store.setNoteText(`${ROOT}/reseaux/td/tp.md`, 'Intro.\n\n**passerelle** : point de sortie du réseau local.\n**routeur** : ma définition.\n'), true);
    const net = store.forUri(`${ROOT}/reseaux/cours.md`);
    assert.deepEqual(net.entries.map((e) => e.term), ['routeur', 'cloud', 'passerelle']);
    const p = net.entries.find((e) => e.term === 'passerelle')!;
    assert.equal(p.uri, `${ROOT}/reseaux/td/tp.md`);
    assert.deepEqual(store.harvestedPosition(p), { line: 2, character: 2 });
    // The course glossary's routeur wins; the note's definition is kept beside it.
    assert.deepEqual(store.shadowedBy(net, 'routeur').map((s) => [s.definition, s.uri]), [['ma définition.', `${ROOT}/reseaux/td/tp.md`]]);
    assert.deepEqual(store.forUri(`${ROOT}/droit/c.md`).entries.map((e) => e.term), ['contrat']);
    // Same definitions again: nothing is made again; changed: the course's chains are.
    assert.equal(store.setNoteText(`${ROOT}/reseaux/td/tp.md`, 'Intro.\n\n**passerelle** : point de sortie du réseau local.\n**routeur** : ma définition.\n'), false);
    assert.equal(store.forUri(`${ROOT}/reseaux/cours.md`), net);
    assert.equal(store.setNoteText(`${ROOT}/reseaux/td/tp.md`, 'Intro.\n'), true);
    const plain = store.forUri(`${ROOT}/reseaux/cours.md`);
    assert.deepEqual(plain.entries.map((e) => e.term), ['routeur', 'cloud']);
    // The course's chain was its glossaries' chain extended by the definitions (extendChain):
    // it shared that chain's compiled forms instead of composing the glossaries again.
    assert.equal(net.forms[0], plain.forms[0]);
    store.setHarvester(undefined);
    assert.equal(store.setNoteText(`${ROOT}/reseaux/x.md`, '**pont** : relie deux segments du réseau.\n'), false);
  });
});
