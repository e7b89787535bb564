import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildGlossary, compileGlossary, GlossaryFileData, parseGlossary } from '../../server/src/service/glossary';
import {
  compileMarkdownGlossary, getInsertEntryEdit, getMarkdownGlossaryData, getMarkdownGlossaryDiagnostics, isMarkdownGlossaryName, parseMarkdownGlossary, serializeMarkdownGlossary, slugify,
} from '../../server/src/service/glossaryMarkdown';
import { applyEdits } from '../../server/src/service/fixes';
import { LineIndex } from '../../server/src/service/positions';
import { getBuiltinGlossaryPath } from '../../server/src/node/resources';
import { join } from 'node:path';
import { ROOT } from './helpers';

const URI = 'file:///cours/reseaux/glossaire.md';

/** A small networking glossary written the way a student would. */
const RESEAUX = `---
titre: Réseaux
langue: fr
---

Les mots du cours de réseaux.

# Adressage

Comment on nomme les machines.

## adresse IP

Numéro qui identifie une interface sur un réseau IP.

- **Synonymes :** adresse internet
- **Sigles :** IP
- **Formes :** adresses IP
- **Fautes fréquentes :** adrese IP, adresse IPP
- **Voir aussi :** masque de sous-réseau, DNS

## masque de sous-réseau

Suite de bits qui sépare, dans une adresse, la partie réseau de la partie machine.

Il s'écrit souvent après une barre oblique.

- **Sorte de :** adresse IP
- **Source :** chapitre 2

# Services

## DNS

Service qui traduit un nom de domaine en adresse IP.

- **Synonymes :** système de noms de domaine
- **Avantages :**
  - On retient un nom plutôt qu'un numéro
  - Le serveur peut changer d'adresse sans que les clients le voient
- **Inconvénients :** une panne rend les sites injoignables
- **Exemples :**
  - Le navigateur demande l'adresse de example.org avant de s'y connecter.
`;

/** The problems as "line:col code" (1-based), for compact assertions. */
function located(text: string): string[] {
  const lines = new LineIndex(text);
  return parseMarkdownGlossary(text, URI).problems.map((p) => {
    const pos = lines.positionAt(p.start);
    return `${pos.line + 1}:${pos.character + 1} ${p.code} ${text.slice(p.start, p.end)}`;
  });
}

describe('glossaryMarkdown: parsing', () => {
  it('reads categories, terms, definitions and every French label', () => {
    const g = parseMarkdownGlossary(RESEAUX, URI);
    assert.deepEqual(g.problems, []);
    assert.equal(g.data.name, 'Réseaux');
    assert.equal(g.data.language, 'fr');
    assert.equal(g.data.description, 'Les mots du cours de réseaux.');
    assert.deepEqual(g.data.categories, [
      { id: 'adressage', label: 'Adressage', description: 'Comment on nomme les machines.' },
      { id: 'services', label: 'Services' },
    ]);
    const [ip, masque, dns] = g.data.entries;
    assert.deepEqual(ip, {
      id: 'adresse-ip', term: 'adresse IP', category: 'adressage',
      definition: 'Numéro qui identifie une interface sur un réseau IP.',
      synonyms: ['adresse internet'], acronyms: ['IP'], forms: ['adresses IP'], misspellings: ['adrese IP', 'adresse IPP'],
      related: ['masque-de-sous-reseau', 'dns'],
    });
    assert.deepEqual(masque, {
      id: 'masque-de-sous-reseau', term: 'masque de sous-réseau', category: 'adressage',
      definition: 'Suite de bits qui sépare, dans une adresse, la partie réseau de la partie machine.\n\nIl s\'écrit souvent après une barre oblique.',
      broader: 'adresse-ip', source: 'chapitre 2',
    });
    assert.deepEqual(dns.advantages, ['On retient un nom plutôt qu\'un numéro', 'Le serveur peut changer d\'adresse sans que les clients le voient']);
    assert.deepEqual(dns.disadvantages, ['une panne rend les sites injoignables']);
    assert.deepEqual(dns.examples, ['Le navigateur demande l\'adresse de example.org avant de s\'y connecter.']);
    assert.equal(dns.category, 'services');
  });

  it('accepts the English labels, plain or bold, bulleted or not, with or without a space before the colon', () => {
    const text = [
      '# Basics', '', '## router', '', 'A device that forwards packets between networks.', '',
      'Synonyms: gateway', 'Acronyms: RT', 'Forms: routers', 'Common misspellings: rooter; routeur',
      '**Advantages:** one box for many networks', '**Disadvantages** : a single point of failure',
      '* Examples: a home box', '+ See also: switch', 'Broader: switch', 'Source: lecture 1', '',
      '## switch', '', 'A device that links machines of one network.', '',
    ].join('\n');
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.data.entries[0], {
      id: 'router', term: 'router', category: 'basics', definition: 'A device that forwards packets between networks.',
      synonyms: ['gateway'], acronyms: ['RT'], forms: ['routers'], misspellings: ['rooter', 'routeur'],
      advantages: ['one box for many networks'], disadvantages: ['a single point of failure'], examples: ['a home box'],
      related: ['switch'], broader: 'switch', source: 'lecture 1',
    });
  });

  it('accepts singular labels, "Pluriel" and labels without accents', () => {
    const text = '# C\n\n## pare-feu\n\nFiltre le trafic.\n\nSynonyme : firewall\nPluriel : pare-feux\nInconvenient : des règles à tenir à jour\n';
    const e = parseMarkdownGlossary(text, URI).data.entries[0];
    assert.deepEqual([e.synonyms, e.forms, e.disadvantages], [['firewall'], ['pare-feux'], ['des règles à tenir à jour']]);
  });

  it('keeps fenced code, deeper headings and lists in the definition', () => {
    const text = '# C\n\n## ping\n\nEnvoie un écho :\n\n```\n## pas un terme\nSynonymes : non\n```\n\n### Détail\n\n- une étape\n- une autre\n\n- **Synonymes :** écho\n';
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.problems, []);
    assert.equal(g.data.entries.length, 1);
    assert.equal(g.data.entries[0].definition, 'Envoie un écho :\n\n```\n## pas un terme\nSynonymes : non\n```\n\n### Détail\n\n- une étape\n- une autre');
    assert.deepEqual(g.data.entries[0].synonyms, ['écho']);
  });

  it('reads fences, headings and front matter as the notes are read (blocks.ts, lineShape.ts)', () => {
    // A tilde fence closes only on tildes as long; a heading's closing #s are not the term.
    const text = '\uFEFF---  \ntitre: Réseaux\n---\n# C\n\n## ping ##\n\nUn écho.\n\n~~~~\n## pas un terme\n```\n~~~\n## toujours pas\n~~~~\n\n## traceroute\n\nLa route.\n';
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.problems, []);
    assert.equal(g.data.name, 'Réseaux');
    assert.deepEqual(g.data.entries.map((e) => e.term), ['ping', 'traceroute']);
    assert.equal(text.slice(g.entries[0].term.start, g.entries[0].term.end), 'ping');
    // A new entry goes after the fence, at the end of its category.
    const edit = getInsertEntryEdit(text, { term: 'arp', definition: 'Résolution d\'adresses.', category: 'C' });
    assert.equal(edit.start, text.indexOf('La route.') + 'La route.'.length);
  });

  it('derives stable ids (slugs, -2 on collisions) and honours a pinned Identifiant', () => {
    const text = '# Cœur du réseau\n\n## Élément\n\nUn.\n\n## élément !\n\nDeux.\n\n## câble\n\nTrois.\n\n- **Identifiant :** fil\n';
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.data.categories.map((c) => c.id), ['coeur-du-reseau']);
    assert.deepEqual(g.data.entries.map((e) => e.id), ['element', 'element-2', 'fil']);
    // Editing a definition does not move the ids.
    const edited = parseMarkdownGlossary(text.replace('Deux.', 'Deux, réécrit.'), URI);
    assert.deepEqual(edited.data.entries.map((e) => e.id), ['element', 'element-2', 'fil']);
    assert.equal(slugify("Système d'information"), 'systeme-d-information');
  });

  it('numbers terms that slugify alike (Cyrillic, Greek) in order, around pinned ids, as the writer expects', () => {
    // Terms of other scripts all give "terme"; a pinned "terme-3" is skipped, not taken twice.
    const text = '# Лексика\n\n## сеть\n\nОдин.\n\n## узел\n\nДва.\n\n- **Identifiant :** terme-3\n\n## δίκτυο\n\nТри.\n\n## маршрут\n\nЧетыре.\n';
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.data.categories.map((c) => c.id), ['categorie']);
    assert.deepEqual(g.data.entries.map((e) => e.id), ['terme', 'terme-3', 'terme-2', 'terme-4']);
    // Categories and entries are numbered apart, even on the same slugs.
    const same = parseMarkdownGlossary('# Réseau\n\n## réseau\n\nUn.\n\n# Réseau !\n\n## réseau !\n\nDeux.\n\n# Réseau ?\n\n', URI);
    assert.deepEqual(same.data.categories.map((c) => c.id), ['reseau', 'reseau-2', 'reseau-3']);
    assert.deepEqual(same.data.entries.map((e) => e.id), ['reseau', 'reseau-2']);
    // The writer writes an Identifiant line only where the reader would derive another id: a
    // pinned id does not take the number the next term derives.
    const pinned: GlossaryFileData = {
      name: 'Словарь', language: 'ru', categories: [{ id: 'categorie', label: 'Лексика' }],
      entries: [{ id: 'terme', term: 'сеть', category: 'categorie', definition: 'Один.' }, { id: 'x', term: 'узел', category: 'categorie', definition: 'Два.' }, { id: 'terme-2', term: 'маршрут', category: 'categorie', definition: 'Три.' }],
    };
    const pinnedMd = serializeMarkdownGlossary(pinned, { labels: 'fr' });
    assert.equal(pinnedMd.match(/Identifiant/g)?.length, 1, pinnedMd);
    assert.deepEqual(parseMarkdownGlossary(pinnedMd, URI).data, pinned);
    // Thousands of them: numbered once each (the numbering resumes where it was), and the writer
    // agrees with the reader on every derived id (no Identifiant line written for them).
    const many: GlossaryFileData = { name: 'Словарь', language: 'ru', categories: [{ id: 'categorie', label: 'Лексика' }], entries: [] };
    for (let k = 0; k < 3000; k++) many.entries.push({ id: k === 0 ? 'terme' : `terme-${k + 1}`, term: `сеть ${'абвгдежзик'[k % 10]}${'абвгдежзик'[(k / 10 | 0) % 10]}${'абвгдежзик'[(k / 100 | 0) % 10]}${'абвгдежзик'[(k / 1000 | 0) % 10]}`, category: 'categorie', definition: 'Определение.' });
    const md = serializeMarkdownGlossary(many, { labels: 'fr' });
    assert.ok(!md.includes('Identifiant'), 'derived ids need no Identifiant line');
    const back = parseMarkdownGlossary(md, URI);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.data, many);
  });

  it('puts terms written before any category in one named after the glossary', () => {
    const g = parseMarkdownGlossary('## VLAN\n\nRéseau virtuel sur un même commutateur.\n', 'file:///cours/reseaux/glossaire.md');
    assert.deepEqual(g.data.categories, [{ id: 'reseaux', label: 'reseaux' }]);
    assert.equal(g.data.entries[0].category, 'reseaux');
    assert.equal(parseMarkdownGlossary('# A\n\n## b\n\nc\n', 'file:///x/systemes.glossaire.md').data.name, 'systemes');
  });

  it('turns the built-in glossary off from the front matter, in French or English', () => {
    assert.equal(parseMarkdownGlossary('---\nglossaire-intégré: non\n---\n# A\n\n## b\n\nc\n', URI).builtin, false);
    assert.equal(parseMarkdownGlossary('---\nbuiltin: false\n---\n# A\n\n## b\n\nc\n', URI).builtin, false);
    assert.equal(parseMarkdownGlossary('---\nglossaire-integre: oui\n---\n# A\n\n## b\n\nc\n', URI).builtin, true);
    assert.equal(parseMarkdownGlossary(RESEAUX, URI).builtin, undefined);
  });

  it('reads CRLF, CR and NFD text the same as LF and NFC', () => {
    const lf = parseMarkdownGlossary(RESEAUX, URI).data;
    assert.deepEqual(parseMarkdownGlossary(RESEAUX.replace(/\n/g, '\r\n'), URI).data, lf);
    assert.deepEqual(parseMarkdownGlossary(RESEAUX.replace(/\n/g, '\r'), URI).data, lf);
    assert.deepEqual(parseMarkdownGlossary(RESEAUX.normalize('NFD'), URI).data, lf);
  });

  it('locates each entry: its section, term, definition and fields', () => {
    const g = parseMarkdownGlossary(RESEAUX, URI);
    const loc = g.entries[1];
    assert.equal(RESEAUX.slice(loc.term.start, loc.term.end), 'masque de sous-réseau');
    assert.ok(RESEAUX.slice(loc.definition!.start, loc.definition!.end).startsWith('Suite de bits'));
    assert.equal(RESEAUX.slice(loc.fields.source!.start, loc.fields.source!.end), 'chapitre 2');
    assert.ok(RESEAUX.slice(loc.start, loc.end).startsWith('## masque'));
    assert.ok(!RESEAUX.slice(loc.start, loc.end).includes('# Services'));
  });

  it('recognises the file names of Markdown glossaries', () => {
    assert.ok(isMarkdownGlossaryName('glossaire.md'));
    assert.ok(isMarkdownGlossaryName('/a/b/reseaux.glossaire.md'));
    assert.ok(!isMarkdownGlossaryName('/a/mon-glossaire.md'));
    assert.ok(!isMarkdownGlossaryName('/a/glossaire.json'));
  });
});

describe('glossaryMarkdown: located problems', () => {
  it('an unknown bold label, or an unknown label among the labels', () => {
    const text = '# A\n\n## routeur\n\nRelie des réseaux.\n\n- **Synonymes :** passerelle\n- **Remarque :** vieux mot\n\n## hub\n\nRépète tout.\n\n**Note :** obsolète\n';
    assert.deepEqual(located(text), ['8:5 glossary.md-unknown-label Remarque', '14:3 glossary.md-unknown-label Note']);
  });

  it('a plain "Word :" line inside the definition is text, not a label', () => {
    const text = '# A\n\n## routeur\n\nRelie des réseaux.\nAttention : pas un commutateur.\n';
    assert.deepEqual(located(text), []);
    assert.equal(parseMarkdownGlossary(text, URI).data.entries[0].definition, 'Relie des réseaux.\nAttention : pas un commutateur.');
  });

  it('a Voir aussi or Sorte de that names no term, the rest being kept', () => {
    const text = '# A\n\n## routeur\n\nRelie des réseaux.\n\n- **Voir aussi :** hub, modem\n- **Sorte de :** boîtier\n\n## hub\n\nRépète tout.\n';
    assert.deepEqual(located(text), ['7:25 glossary.md-unknown-reference modem', '8:18 glossary.md-unknown-reference boîtier']);
    const e = parseMarkdownGlossary(text, URI).data.entries[0];
    assert.deepEqual(e.related, ['hub']);
    assert.equal(e.broader, undefined);
  });

  it('references resolve through synonyms, acronyms, forms and ids, whatever the case and accents', () => {
    const text = '# A\n\n## réseau local\n\nRéseau d\'un bâtiment.\n\n- **Sigles :** LAN\n- **Formes :** réseaux locaux\n\n## Wi-Fi\n\nRéseau sans fil.\n\n- **Voir aussi :** lan, Reseaux locaux, reseau-local\n';
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.data.entries[1].related, ['reseau-local']);
  });

  it('a duplicate term (any case or accents), a term without definition, an empty heading', () => {
    const text = '# A\n\n## routeur\n\nRelie des réseaux.\n\n## Routeur\n\nEncore.\n\n## modem\n\n- **Synonymes :** box\n\n##\n\nPerdu.\n';
    assert.deepEqual(located(text), [
      '7:4 glossary.md-duplicate-term Routeur',
      '11:4 glossary.md-no-definition modem',
      '15:1 glossary.md-empty-heading ##',
    ]);
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.data.entries.map((e) => e.term), ['routeur']);
    assert.match(g.problems[0].message, /déjà défini ligne 3/);
  });

  it('bad and duplicate ids, empty labels, several values for one, too long a term', () => {
    const long = 'mot '.repeat(60).trim();
    const text = `# A\n\n## a\n\nUn.\n\n- **Identifiant :** Pas_Bon\n\n## b\n\nDeux.\n\n- **Identifiant :** a\n- **Synonymes :**\n- **Sorte de :** a, b\n\n## ${long}\n\nTrois.\n`;
    assert.deepEqual(located(text).map((l) => l.split(' ').slice(0, 2).join(' ')), [
      '7:21 glossary.md-bad-id', '13:21 glossary.md-duplicate-id', '14:5 glossary.md-empty-label', '15:18 glossary.md-single-value', '17:4 glossary.md-term-too-long',
    ]);
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.data.entries.map((e) => e.id), ['a', 'b']);
    assert.equal(g.data.entries[1].broader, 'a');
  });

  it('front matter: unclosed, unknown key, bad values', () => {
    assert.deepEqual(located('---\ntitre: X\n# A\n'), ['1:1 glossary.md-unclosed-front-matter ---', '1:1 glossary.md-no-entries ---']);
    assert.deepEqual(located('---\nauteur: moi\nlangue: français\nglossaire-intégré: peut-être\n---\n# A\n\n## b\n\nc\n'), [
      '2:1 glossary.md-unknown-key auteur', '3:9 glossary.md-bad-value français', '4:20 glossary.md-bad-value peut-être',
    ]);
  });

  it('a label under a category rather than a term', () => {
    assert.deepEqual(located('# A\n\n- **Synonymes :** x\n\n## b\n\nc\n'), ['3:5 glossary.md-label-in-category Synonymes']);
  });

  it('diagnostics in UTF-16 positions on every line ending, with messages in French or English', () => {
    const text = '# É😀\n\n## routeur\n\nRelie.\n\n- **Voir aussi :** 😀modem\n';
    for (const eol of ['\n', '\r\n', '\r']) {
      const d = getMarkdownGlossaryDiagnostics(text.replace(/\n/g, eol), URI);
      assert.deepEqual(d.map((x) => [x.range, x.code]), [[{ start: { line: 6, character: 19 }, end: { line: 6, character: 26 } }, 'glossary.md-unknown-reference']]);
      assert.match(d[0].message, /ne nomme aucun terme/);
    }
    assert.match(getMarkdownGlossaryDiagnostics(text, URI, 'en')[0].message, /names no term/);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '#', '##', '---', '---\n---', '**', '- **Sigles :**', '## a\n- **Avantages :**\n  - \n', '```\n## a', '# a\n## b\nc\n- **Voir aussi :** ,,;\n', '\uFEFF# A\r\n## b\r\nc']) {
      const g = parseMarkdownGlossary(text, URI);
      assert.ok(Array.isArray(g.problems));
      for (const p of g.problems) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, `${JSON.stringify(text)}: ${p.code}`);
    }
  });
});

describe('glossaryMarkdown: round trips', () => {
  const builtin = JSON.parse(readFileSync(getBuiltinGlossaryPath(), 'utf8')) as GlossaryFileData;
  delete builtin.$schema;

  it('the built-in glossary: JSON → Markdown → JSON gives the same data, without problems', () => {
    const md = serializeMarkdownGlossary(builtin);
    const back = parseMarkdownGlossary(md, 'file:///x/externalisation.glossaire.md');
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.data, builtin);
  });

  it('the built-in glossary compiles to the same model from either format', () => {
    const md = serializeMarkdownGlossary(builtin);
    const fromJson = compileGlossary([{ uri: 'g', text: JSON.stringify(builtin) }]);
    const fromMd = compileMarkdownGlossary(parseMarkdownGlossary(md, 'g'), md, 'g').glossary;
    const shape = (g: typeof fromJson) => g.entries.map((e) => ({ ...e, start: 0, end: 0 }));
    assert.deepEqual(shape(fromMd), shape(fromJson));
    assert.deepEqual(fromMd.categories, fromJson.categories);
    assert.deepEqual(fromMd.problems, []);
    assert.equal(fromMd.forms.length, fromJson.forms.length);
    // Each entry points at its section of the Markdown text.
    const e = fromMd.byId.get('infogerance')!;
    assert.ok(md.slice(e.start, e.end).startsWith('## infogérance\n'));
  });

  it('merges with another source at the model level, apostrophes normalised as in JSON', () => {
    const text = '# Réseau\n\n## pare‑feu d’entrée\n\nFiltre le trafic qui entre.\n\n- **Synonymes :** filtre d’entrée\n';
    const data = getMarkdownGlossaryData(parseMarkdownGlossary(text, 'r.md'), text, 'r.md');
    assert.deepEqual([data.entries[0].term, data.entries[0].synonyms], ["pare-feu d'entrée", ["filtre d'entrée"]]);
    const json = parseGlossary([{ uri: getBuiltinGlossaryPath(), text: readFileSync(getBuiltinGlossaryPath(), 'utf8') }]);
    const merged = buildGlossary({
      entries: [...json.entries, ...data.entries], categories: [...json.categories, ...data.categories],
      problems: [...json.problems, ...data.problems], sources: new Map([...json.sources, ...data.sources]),
    });
    assert.deepEqual(merged.problems, []);
    assert.equal(merged.byId.get('pare-feu-d-entree')?.categoryLabel, 'Réseau');
    assert.ok(merged.byId.get('infogerance'));
  });

  it('Markdown → JSON → Markdown gives the same text for a file in the serializer\'s style', () => {
    const data = parseMarkdownGlossary(RESEAUX, URI).data;
    const md = serializeMarkdownGlossary(data);
    assert.equal(serializeMarkdownGlossary(parseMarkdownGlossary(md, URI).data), md);
    assert.deepEqual(parseMarkdownGlossary(md, URI).data, data);
  });

  it('writes what GitHub renders well: front matter, headings, bold labels in bullets, nested lists', () => {
    const md = serializeMarkdownGlossary(parseMarkdownGlossary(RESEAUX, URI).data);
    assert.ok(md.startsWith('---\ntitre: Réseaux\nlangue: fr\n---\n\nLes mots du cours de réseaux.\n\n# Adressage\n'));
    assert.ok(md.includes('\n## DNS\n\nService qui traduit un nom de domaine en adresse IP.\n\n- **Synonymes :** système de noms de domaine\n- **Avantages :**\n  - On retient'));
    assert.ok(md.includes('- **Voir aussi :** masque de sous-réseau, DNS\n'));
    assert.ok(!/\n\n\n/.test(md));
  });

  it('round-trips odd but valid data: commas in items, pinned ids, colliding slugs, quotes in the name, built-in off, English labels', () => {
    const data: GlossaryFileData = {
      name: 'Cours: "réseaux" #2', language: 'fr-CA',
      categories: [{ id: 'x', label: 'Général' }, { id: 'general', label: 'Autre' }],
      entries: [
        { id: 'a-2', term: 'a', category: 'x', definition: 'Premier.\nSur deux lignes.', synonyms: ['b, c'], related: ['a'] },
        { id: 'a', term: 'A!', category: 'general', definition: 'Second.', forms: ['as'], broader: 'a-2' },
      ],
    };
    for (const labels of ['fr', 'en'] as const) {
      const md = serializeMarkdownGlossary(data, { labels, builtin: false });
      const back = parseMarkdownGlossary(md, URI);
      assert.deepEqual(back.problems, [], md);
      assert.deepEqual(back.data, data, md);
      assert.equal(back.builtin, false);
    }
  });
});

describe('glossaryMarkdown: adding an entry', () => {
  it('at the end of an existing category, formatted like the file', () => {
    const edit = getInsertEntryEdit(RESEAUX, { term: 'passerelle', definition: 'Routeur de sortie d\'un réseau local.', category: 'adressage', synonyms: ['gateway'] });
    const text = applyEdits(RESEAUX, [edit]);
    assert.ok(text.includes('Il s\'écrit souvent après une barre oblique.\n\n- **Sorte de :** adresse IP\n- **Source :** chapitre 2\n\n## passerelle\n\nRouteur de sortie d\'un réseau local.\n\n- **Synonymes :** gateway\n\n# Services\n'), text);
    const g = parseMarkdownGlossary(text, URI);
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.data.entries.map((e) => `${e.category}/${e.id}`), ['adressage/adresse-ip', 'adressage/masque-de-sous-reseau', 'adressage/passerelle', 'services/dns']);
  });

  it('in a new category at the end, keeping CRLF and the file\'s plain label style', () => {
    const file = '# Couches\r\n\r\n## trame\r\n\r\nUnité de la couche liaison.\r\n\r\nSynonymes: frame\r\n';
    const text = applyEdits(file, [getInsertEntryEdit(file, { term: 'port', definition: 'Numéro d\'un service\nsur une machine.', category: 'Transport', acronyms: ['P'] })]);
    assert.equal(text, file.replace(/\r\n$/, '') + '\r\n\r\n# Transport\r\n\r\n## port\r\n\r\nNuméro d\'un service\r\nsur une machine.\r\n\r\nSigles: P\r\n');
    assert.deepEqual(parseMarkdownGlossary(text, URI).data.entries.map((e) => e.term), ['trame', 'port']);
  });

  it('into an empty file, a whole glossary; a category found by its label whatever the accents', () => {
    assert.equal(applyEdits('', [getInsertEntryEdit('', { term: 'bit', definition: 'Chiffre binaire.', category: 'Bases' })]), '# Bases\n\n## bit\n\nChiffre binaire.\n');
    const file = '# Généralités\n\n## octet\n\nHuit bits.\n\n# Autre\n\n## x\n\ny\n';
    const text = applyEdits(file, [getInsertEntryEdit(file, { term: 'bit', definition: 'Chiffre binaire.', category: 'generalites' })]);
    assert.deepEqual(parseMarkdownGlossary(text, URI).data.entries.map((e) => `${e.category}/${e.term}`), ['generalites/octet', 'generalites/bit', 'autre/x']);
  });

  it('ignores a category heading inside a code fence', () => {
    const file = '# A\n\n## x\n\n```\n# B\n```\n\n# C\n\n## y\n\nz\n';
    const text = applyEdits(file, [getInsertEntryEdit(file, { term: 'w', definition: 'v.', category: 'B' })]);
    assert.ok(text.endsWith('\n\n# B\n\n## w\n\nv.\n'), text);
  });
});

describe('glossaryMarkdown: the documented example', () => {
  it('the example of glossary/README.md parses without a problem into the terms it shows', () => {
    const readme = readFileSync(join(ROOT, 'glossary', 'README.md'), 'utf8');
    const block = /```markdown\n([\s\S]*?)\n```/.exec(readme)![1] + '\n';
    const g = parseMarkdownGlossary(block, 'file:///cours/reseaux/glossaire.md');
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.data.entries.map((e) => `${e.category}/${e.id}`), ['adressage/adresse-ip', 'equipements/routeur', 'equipements/passerelle', 'services/dhcp']);
    assert.equal(g.data.entries[2].broader, 'routeur');
    assert.deepEqual(g.data.entries[0].related, ['passerelle', 'dhcp']);
  });
});
