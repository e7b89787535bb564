/**
 * Study tools of the pure core (service/study/): quiz answer matching, the Leitner schedule,
 * course coverage (used / not yet used / bold terms defined nowhere) on a small workspace, and
 * the export formats against golden files written with hostile definitions.
 * `GLOSSAIRE_UPDATE_GOLDEN=1` rewrites the golden files (review the diff before committing).
 */

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskNames, matchAnswer } from '../../server/src/service/study/matching';
import { BOX_COUNT, dueConcepts, emptyLeitnerState, parseLeitnerState, pickQuizConcepts, recordReview } from '../../server/src/service/study/leitner';
import { computeCoverage, findBoldTerms } from '../../server/src/service/study/coverage';
import { courseIdOf, courseProbeUri, DEFAULT_COURSE, folderName, glossaryTitle, listCourseIds, matchHarvested, notesOnlyTerms, ownFiles } from '../../server/src/service/study/courses';
import { ankiField, csvField, formatExport, relativePath, toExportConcepts } from '../../server/src/service/study/export';
import { analyze, builtinGlossary, compile, glossaryJson, ROOT } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

describe('quiz answer matching', () => {
  const infogerance = { term: 'infogérance', alternatives: ['services gérés'] };
  it('accepts the exact term and its other names', () => {
    assert.deepEqual(matchAnswer('infogérance', infogerance), { grade: 'exact', expected: 'infogérance', distance: 0 });
    assert.equal(matchAnswer('  services   gérés ', infogerance).grade, 'exact');
    assert.equal(matchAnswer('services gérés', infogerance).expected, 'services gérés');
  });
  it('tolerates accents and case, NFD and apostrophes', () => {
    assert.equal(matchAnswer('infogerance', infogerance).grade, 'tolerant');
    assert.equal(matchAnswer('INFOGÉRANCE', infogerance).grade, 'tolerant');
    assert.equal(matchAnswer('infoge\u0301rance', infogerance).grade, 'exact', 'NFD is the same text');
    assert.equal(matchAnswer('saas', { term: 'SaaS' }).grade, 'tolerant');
    assert.equal(matchAnswer('système d’information', { term: "système d'information" }).grade, 'exact');
  });
  it('calls a near miss « presque » and gives the right spelling', () => {
    assert.deepEqual(matchAnswer('inforgérance', infogerance), { grade: 'almost', expected: 'infogérance', distance: 1 });
    assert.equal(matchAnswer('delocalisaton', { term: 'délocalisation' }).grade, 'almost');
    assert.equal(matchAnswer('extrenalisaton', { term: 'externalisation' }).grade, 'almost', 'two changes on a long word');
  });
  it('says wrong for another word, a short word off by one letter, or nothing', () => {
    assert.equal(matchAnswer('délocalisation', infogerance).grade, 'wrong');
    assert.equal(matchAnswer('PaaS', { term: 'SaaS' }).grade, 'wrong', 'four letters: one change makes another acronym');
    assert.equal(matchAnswer('   ', infogerance).grade, 'wrong');
    assert.equal(matchAnswer('infogérance', { term: 'externalisation' }).expected, 'externalisation');
  });
});

describe('question masking', () => {
  it('hides every name of the concept, any case, whole words only, longest first', () => {
    assert.equal(maskNames('Le Cloud computing : du cloud, pas du nuage ni de cloudy.', ['cloud', 'cloud computing']), 'Le … : du …, pas du nuage ni de cloudy.');
    assert.equal(maskNames('L’infogérance (ou infoge\u0301rance) est…', ['infogérance']), 'L’… (ou …) est…');
    assert.equal(maskNames('Système d’information.', ["système d'information"]), '….');
    assert.equal(maskNames('a+b (x)', ['a+b', '(x)']), '… …');
  });
});

describe('Leitner schedule', () => {
  const now = Date.UTC(2026, 0, 10, 9);
  it('promotes a known concept box by box, up to the last box, with growing intervals', () => {
    let s = recordReview(emptyLeitnerState(), 'a', 'known', now);
    assert.equal(s.cards.a.box, 2);
    assert.equal(s.cards.a.due, now + 2 * DAY);
    let t = now;
    for (let k = 0; k < 10; k++) {
      t = s.cards.a.due;
      s = recordReview(s, 'a', 'known', t);
    }
    assert.equal(s.cards.a.box, BOX_COUNT);
    assert.equal(s.cards.a.due, t + 16 * DAY);
  });
  it('sends a forgotten concept back to box 1, keeps an almost-known one in its box for tomorrow', () => {
    let s = recordReview(recordReview(emptyLeitnerState(), 'a', 'known', now), 'a', 'known', now);
    assert.equal(s.cards.a.box, 3);
    const almost = recordReview(s, 'a', 'almost', now);
    assert.deepEqual(almost.cards.a, { box: 3, due: now + DAY, reviewed: now });
    s = recordReview(s, 'a', 'forgotten', now);
    assert.deepEqual(s.cards.a, { box: 1, due: now + DAY, reviewed: now });
  });
  it('does not change the state it is given', () => {
    const s = emptyLeitnerState();
    recordReview(s, 'a', 'known', now);
    assert.deepEqual(s.cards, {});
  });
  it('lists due concepts most overdue first, and picks due, then new, then the soonest', () => {
    let s = emptyLeitnerState();
    s = recordReview(s, 'late', 'forgotten', now - 5 * DAY);
    s = recordReview(s, 'due', 'forgotten', now - DAY);
    s = recordReview(s, 'later', 'known', now);
    s = recordReview(recordReview(s, 'soon', 'known', now), 'soon', 'forgotten', now);
    const ids = ['new1', 'later', 'due', 'soon', 'late', 'new2'];
    assert.deepEqual(dueConcepts(s, ids, now), ['late', 'due']);
    assert.deepEqual(pickQuizConcepts(s, ids, now, 10), ['late', 'due', 'new1', 'new2', 'soon', 'later']);
    assert.deepEqual(pickQuizConcepts(s, ids, now, 3), ['late', 'due', 'new1']);
    assert.deepEqual(dueConcepts(s, ['other'], now), [], 'concepts of another course are ignored');
  });
  it('reads stored state defensively', () => {
    const s = recordReview(emptyLeitnerState(), 'a', 'known', now);
    assert.deepEqual(parseLeitnerState(JSON.parse(JSON.stringify(s))), s);
    assert.deepEqual(parseLeitnerState(undefined), emptyLeitnerState());
    assert.deepEqual(parseLeitnerState({ version: 2, cards: {} }), emptyLeitnerState());
    assert.deepEqual(parseLeitnerState({ version: 1, cards: { a: { box: 9, due: 1, reviewed: 1 }, b: null, c: { box: 1, due: 'x', reviewed: 1 }, d: { box: 1, due: 5, reviewed: 4 } } }).cards,
      { d: { box: 1, due: 5, reviewed: 4 } });
  });
});

describe('course coverage', () => {
  it('finds bold terms in prose, without articles and punctuation, and not in code', () => {
    const text = "Intro **L'offshore** et __le nearshore__.\r\n**SSII / ESN**\n\n**Cloud :** texte\n\n```\n**dans le code**\n```\n" +
      '**une phrase entière en gras qui dépasse largement les cinq mots**\n`**code**` **2024**\n' +
      '**Pour** : moins cher. **Attention**, il faut **confier à une société** le **Plan de continuité**.\n' +
      '**TDN : total des données nettes** **C** **🧭 Gouvernance**\n';
    const terms = findBoldTerms(text);
    assert.deepEqual(terms.map((t) => t.text), ['offshore', 'nearshore', 'SSII', 'ESN', 'Plan de continuité', 'TDN', 'Gouvernance'], 'labels, emphasis and verb phrases are not terms');
    for (const t of terms) assert.equal(text.slice(t.start, t.end), t.text, 'the range covers the term');
  });
  it('is strict about what looks like a term: labels, headings, table names, lists, values, sentences, shouting are not', () => {
    const text = [
      '# Le **Chapitre** en titre', // heading
      '- **Contexte** : la société veut…', // label before a colon
      '- **Besoin :** un hébergeur', // label with its colon in bold
      '[^1]: **CAPEX** : dépenses d’investissement.', // defined right there
      '| **Terme** | **Sens** |', // a table's header row
      '| --- | --- |',
      '| **Coût** | élevé |', // a row's name
      '| **SLA** | contrat de service |', // an acronym in a cell stays
      'Les **2 vCores**, la **PHP 8.3**, l’**Exemple 1**, la **1. Phase**, le **IPv6** et la **5G**.', // values; IPv6 and 5G stay
      'Le **Niveau de service (SLA)**, la **Réversibilité[^3]**.', // expansion and footnote call cut
      '**ajouter, modifier et supprimer**, **DoS et DDoS**, **Sécurité & Isolation**, **Partie II — Plan**.', // lists, titles
      '**la solution hybride est recommandée**, **ne possède aucun droit**, **signe le contrat**, **en interne**, **plusieurs entités**.', // sentences, verbs
      '**TYPE DE CONTRAT**, **ENTREPRISE**, **RGPD**, **DDoS**, **vRack**.', // shouting; acronyms stay
      'Un **code objet** et une **œuvre dérivée**, puis le **mois**.', // noun phrases; one lower-case word is weak
    ].join('\n');
    const terms = findBoldTerms(text);
    assert.deepEqual(terms.map((t) => t.text), ['SLA', 'IPv6', '5G', 'Niveau de service', 'Réversibilité', 'RGPD', 'DDoS', 'vRack', 'code objet', 'œuvre dérivée', 'mois']);
    assert.deepEqual(terms.filter((t) => t.weak).map((t) => t.text), ['mois']);
    for (const t of terms) assert.equal(text.slice(t.start, t.end), t.text, 'the range covers the term');
    // CRLF lines: the table's header row is still seen.
    assert.deepEqual(findBoldTerms('| **Nom** | **Rôle** |\r\n|:---|---:|\r\n| x | **VPN** et **PKI** |\r\n').map((t) => t.text), ['VPN', 'PKI']);
  });
  it('judges each line once for all its bold spans: a heading, a table header, then prose, with any line ending', () => {
    const text = '# **Chapitre** et **Partie**\n**Routeur** et **Commutateur**\r| **Terme** | **Sens** |\r\n| --- | --- |\n| **Pare-feu** | **VPN** |\n**Passerelle**';
    assert.deepEqual(findBoldTerms(text).map((t) => t.text), ['Routeur', 'Commutateur', 'VPN', 'Passerelle']);
  });
  it('leaves out the bold terms that lie within a skipped range (glossary occurrences), given in any order', () => {
    const text = 'Le **routage** puis la **commutation** et le **pare-feu**, encore le **routage**.';
    const at = (word: string, nth = 0) => {
      let k = -1;
      for (let n = 0; n <= nth; n++) k = text.indexOf(word, k + 1);
      return { start: k, end: k + word.length };
    };
    const all = findBoldTerms(text).map((t) => t.text);
    assert.deepEqual(all, ['routage', 'commutation', 'pare-feu', 'routage']);
    // Skipped: the second « routage » and « commutation », listed backwards, with a range that covers
    // a larger span and one that only overlaps « pare-feu » (which stays).
    const skip = [at('routage', 1), { start: at('commutation').start - 3, end: at('commutation').end + 1 }, { start: at('pare-feu').start + 2, end: at('pare-feu').end }];
    assert.deepEqual(findBoldTerms(text, skip.reverse()).map((t) => t.text), ['routage', 'pare-feu']);
    // A range that starts before a term and ends after it, with many ranges before it.
    const many = Array.from({ length: 50 }, (_, k) => ({ start: k % 3, end: (k % 3) + 1 }));
    assert.deepEqual(findBoldTerms(text, [...many, { start: 0, end: text.length }]).map((t) => t.text), []);
  });
  it('lists a single lower-case word only when the notes put it in bold twice', () => {
    const bold = (uri: string, text: string) => ({ uri, terms: findBoldTerms(text).map((t) => ({ text: t.text, range: t.start, weak: t.weak })) });
    const cov = computeCoverage({ concepts: [], counts: new Map(), bold: [bold('a', 'Le **mois** et le **forfait**.'), bold('b', 'Au **forfait**, le **Forfait** et **VPN**.')] });
    assert.deepEqual(cov.undefinedTerms.map((u) => [u.term, u.count]), [['forfait', 3], ['VPN', 1]], 'once in bold: emphasis; capitalised once counts too');
  });
  it('normalises NFD bold text to NFC, keeping the offsets of the source', () => {
    const text = 'Une **re\u0301versibilite\u0301** ici.';
    const [t] = findBoldTerms(text);
    assert.equal(t.text, 'réversibilité');
    assert.equal(text.slice(t.start, t.end).normalize('NFC'), 'réversibilité');
  });
  it('groups a small workspace: used, not yet in the notes, bold terms defined nowhere', () => {
    const glossary = builtinGlossary();
    const notes: Record<string, string> = {
      'file:///cours/a.md': "# Cours A\n\nL'**infogérance** confie l'exploitation à un tiers. Le **PRA** est testé.\n\nLe **cloud** et le SaaS.\n",
      'file:///cours/b.md': 'Le **pra** et la **réversibilité** du contrat ; encore du cloud.\n\n**Plan de reprise** : voir le **PRA**.\n',
    };
    const counts = new Map<string, number>();
    const bold = Object.entries(notes).map(([uri, text]) => {
      const { occurrences } = analyze(text);
      for (const o of occurrences) counts.set(o.entryId, (counts.get(o.entryId) ?? 0) + 1);
      return { uri, terms: findBoldTerms(text, occurrences).map((t) => ({ text: t.text, range: [t.start, t.end] as const, weak: t.weak })) };
    });
    const concepts = glossary.entries.map((e) => ({ id: e.id, term: e.term, names: e.allForms }));
    const cov = computeCoverage({ concepts, counts, bold, otherDefinedTerms: ['plan de reprise'] });
    assert.deepEqual(cov.used.map((u) => `${u.id}:${u.count}`), ['cloud:2', 'infogerance:1', 'saas:1']);
    assert.equal(cov.notYetUsed.length, glossary.entries.length - 3);
    assert.deepEqual(cov.notYetUsed.map((c) => c.id), glossary.entries.map((e) => e.id).filter((id) => !['cloud', 'infogerance', 'saas'].includes(id)));
    // « PRA » thrice (any case), if the built-in glossary lacks it; « réversibilité », one lower-case
    // word in bold once, is emphasis; « plan de reprise » is harvested, so defined.
    const expected = [['PRA', 3]].filter(([t]) => !glossary.forms.some((f) => f.text.toLowerCase() === String(t).toLowerCase()));
    assert.deepEqual(cov.undefinedTerms.map((u) => [u.term, u.count]), expected);
    const pra = cov.undefinedTerms.find((u) => u.term === 'PRA');
    if (pra) assert.deepEqual(pra.locations.map((l) => l.uri), ['file:///cours/a.md', 'file:///cours/b.md', 'file:///cours/b.md']);
  });
  it('never lists a glossary term in bold as undefined, whatever its form', () => {
    const cov = computeCoverage({
      concepts: [{ id: 'esn', term: 'ESN', names: ['ESN', 'SSII', 'entreprise de services du numérique'] }],
      counts: new Map(),
      bold: [{ uri: 'u', terms: [{ text: 'ssii', range: 0 }, { text: 'Entreprise de services du numerique', range: 1 }, { text: 'MCO', range: 2 }] }],
    });
    assert.deepEqual(cov.undefinedTerms.map((u) => u.term), ['MCO']);
    assert.deepEqual(cov.notYetUsed, [{ id: 'esn', term: 'ESN' }]);
  });
});

describe('export formats', () => {
  // Hostile definitions: tabs, quotes, line breaks (LF, CRLF), HTML, commas, Markdown.
  const glossary = compile([{
    uri: 'hostile.json',
    text: glossaryJson([
      { id: 'infogerance', term: 'infogérance', category: 'c', definition: 'Confier l’exploitation\tà un « prestataire », "clé en main", <b>gras</b> & <script>alert(1)</script>.\nDeuxième ligne.\r\nTroisième, avec **gras** et *italique* et `code`.', synonyms: ['services gérés', 'tab\there'] },
      { id: 'saas', term: 'software as a service', category: 'c', definition: 'Logiciel "loué", en ligne.', acronyms: ['SaaS'] },
      { id: 'vide', term: 'concept inutilisé', category: 'c', definition: 'Jamais dans les notes ; une [ancre] et un | tube.' },
    ]),
  }]);
  const uses: Record<string, { label: string; href: string; line: number; count: number }[]> = {
    infogerance: [{ label: 'notes/cours 1.md', href: 'notes/cours 1.md', line: 4, count: 3 }, { label: 'notes/b(2).md', href: 'notes/b(2).md', line: 0, count: 1 }],
    saas: [{ label: 'notes/[x].md', href: 'notes/[x].md', line: 9, count: 2 }],
  };
  const doc = { title: 'Cours <test>', courseId: 'hostile course', concepts: toExportConcepts(glossary, (id) => uses[id] ?? []) };

  for (const [format, file] of [['md', 'study-export.md'], ['anki', 'study-export.anki.txt'], ['csv', 'study-export.csv']] as const) {
    it(`writes ${format} as its golden file`, () => {
      const got = formatExport(doc, format, 'fr');
      const path = join(ROOT, 'test', 'unit', 'golden', file);
      if (process.env.GLOSSAIRE_UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, got);
      assert.equal(got, readFileSync(path, 'utf8'));
    });
  }

  it('Anki: header lines, one note per concept with four tab-separated fields, no raw HTML', () => {
    const lines = formatExport(doc, 'anki', 'en', { reverse: true, deck: 'Cours::Test' }).split('\n');
    assert.deepEqual(lines.slice(0, 6), ['#separator:tab', '#html:true', '#notetype:Basic (and reversed card)', '#deck:Cours::Test', '#guid column:1', '#tags column:4']);
    const notes = lines.slice(6).filter((l) => l !== '');
    assert.equal(notes.length, 3);
    for (const n of notes) {
      assert.equal(n.split('\t').length, 4, n);
      assert.doesNotMatch(n, /<(?!\/?(b|i|br|code)>)/, 'only the tags the export makes');
      assert.doesNotMatch(n, /"/, 'quotes are entities (a leading quote would start a quoted field)');
    }
    assert.match(notes[0], /^glossaire-hostile_course-infogerance\tinfogérance\t/);
    assert.equal(ankiField('a\tb\nc "d" <e> & **f**'), 'a&#9;b<br>c &quot;d&quot; &lt;e&gt; &amp; <b>f</b>');
  });

  it('CSV: RFC 4180 quoting, CRLF records, the same field count on every record', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    const csv = formatExport(doc, 'csv', 'en');
    assert.ok(csv.endsWith('\r\n'));
    // A minimal RFC 4180 reader gives back the definitions as they were.
    const records = parseCsv(csv);
    assert.deepEqual(records[0], ['id', 'term', 'category', 'definition', 'synonyms', 'acronyms', 'occurrences', 'notes']);
    assert.equal(records.length, 4);
    for (const r of records) assert.equal(r.length, 8);
    assert.equal(records[1][3], glossary.byId.get('infogerance')!.definition);
    assert.equal(records[1][6], '4');
  });

  it('Markdown: links to the notes relative to the export, at the first line using the concept', () => {
    const md = formatExport(doc, 'md', 'en');
    assert.match(md, /\*\*In your notes:\*\* \[notes\/cours 1\.md\]\(notes\/cours%201\.md#L5\) \(3\), \[notes\/b\(2\)\.md\]\(notes\/b%282%29\.md#L1\) \(1\)/);
    assert.match(md, /\[notes\/\\\[x\\\]\.md\]\(notes\/%5Bx%5D\.md#L10\)/);
    assert.match(md, /### software as a service \(SaaS\)/);
    assert.doesNotMatch(md, /<script|<b>/, 'raw HTML is escaped');
    assert.match(md, /\*Not in your notes yet\.\*/);
    assert.equal(relativePath('/w/export/glossaire.md', '/w/notes/a.md'), '../notes/a.md');
    assert.equal(relativePath('/w/glossaire.md', '/w/notes/a.md'), 'notes/a.md');
    assert.equal(relativePath('/w/glossaire.md', '/w/a.md'), 'a.md');
  });
});

/** RFC 4180 records (quoted fields, doubled quotes, CRLF between records). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i++;
    } else field += c;
  }
  return records;
}

describe('courses', () => {
  const W = 'file:///w';
  const files = [
    { uri: 'builtin:externalisation.json', folder: '' },
    { uri: `${W}/cours.glossaire.json`, folder: '' }, // a setting: applies everywhere
    { uri: `${W}/reseaux/glossaire.md`, folder: `${W}/reseaux` },
    { uri: `${W}/reseaux/extra.glossaire.json`, folder: `${W}/reseaux` },
    { uri: `${W}/reseaux/tp/glossaire.md`, folder: `${W}/reseaux/tp` },
    { uri: `${W}/droit/glossaire.md`, folder: `${W}/droit` },
  ];
  const folders = [`${W}/droit`, `${W}/reseaux`, `${W}/reseaux/tp`];

  it('a note belongs to the deepest course folder above it, else to the default course', () => {
    assert.equal(courseIdOf(`${W}/reseaux/td1.md`, folders), `${W}/reseaux`);
    assert.equal(courseIdOf(`${W}/reseaux/tp/a/b.md`, folders), `${W}/reseaux/tp`);
    assert.equal(courseIdOf(`${W}/reseaux-bis/td.md`, folders), DEFAULT_COURSE, 'a folder name that only starts the same');
    assert.equal(courseIdOf(`${W}/intro.md`, folders), DEFAULT_COURSE);
    assert.equal(courseIdOf(`${W}/reseaux/td1.md`, []), DEFAULT_COURSE);
  });

  it('lists one course per course folder, and the default course only when a note is outside them all (or there is no folder)', () => {
    assert.deepEqual(listCourseIds(files, [`${W}/reseaux/td1.md`, `${W}/droit/cours.md`]), folders);
    assert.deepEqual(listCourseIds(files, [`${W}/reseaux/td1.md`, `${W}/intro.md`]), [DEFAULT_COURSE, ...folders]);
    assert.deepEqual(listCourseIds(files, []), folders, 'a course folder with no note yet is a course');
    assert.deepEqual(listCourseIds(files.slice(0, 2), [`${W}/reseaux/td1.md`]), [DEFAULT_COURSE]);
    assert.deepEqual(listCourseIds([], []), [DEFAULT_COURSE]);
  });

  it('a course\'s own glossaries are the files of its folder; the default course\'s, those that apply everywhere', () => {
    assert.deepEqual(ownFiles(files, `${W}/reseaux`).map((f) => f.uri), [`${W}/reseaux/glossaire.md`, `${W}/reseaux/extra.glossaire.json`]);
    assert.deepEqual(ownFiles(files, DEFAULT_COURSE).map((f) => f.uri), ['builtin:externalisation.json', `${W}/cours.glossaire.json`]);
    assert.deepEqual(ownFiles(files, `${W}/nowhere`), []);
    assert.equal(courseIdOf(courseProbeUri(`${W}/reseaux`), folders), `${W}/reseaux`, 'the probe is a note of its course');
    assert.equal(courseProbeUri(DEFAULT_COURSE), '');
  });

  it('names a course by its glossary\'s title (JSON name, Markdown front matter), else its folder', () => {
    assert.equal(glossaryTitle('{"name": " Réseaux ", "entries": []}'), 'Réseaux');
    assert.equal(glossaryTitle('---\r\nlangue: fr\r\ntitre: "Droit des contrats"\r\n---\r\n# A\n'), 'Droit des contrats');
    assert.equal(glossaryTitle('---\nTitle: Networks\n---\n'), 'Networks');
    assert.equal(glossaryTitle('# Catégorie\n\ntitre: pas dans un en-tête\n'), undefined);
    assert.equal(glossaryTitle('---\ntitre:\n---\n'), undefined);
    assert.equal(glossaryTitle('{broken'), undefined);
    assert.equal(glossaryTitle(undefined), undefined);
    assert.equal(folderName(`${W}/cours%20r%C3%A9seaux`), 'cours réseaux');
    assert.equal(folderName(`${W}/bad%E0`), 'bad%E0', 'a malformed escape stays as written');
  });

  it('matches the student\'s harvested definitions to the course\'s concepts by any name, accents and case aside', () => {
    const concepts = [
      { id: 'pare-feu', term: 'pare-feu', names: ['pare-feu', 'firewall'] },
      { id: 'hub', term: 'concentrateur', names: ['concentrateur', 'hub'] },
      { id: 'dns', term: 'DNS', names: ['DNS'] },
    ];
    const got = matchHarvested(concepts, [
      { term: 'Firewall', names: [], definition: 'mon mur' },
      { term: 'Pare-Feu', names: [], definition: 'ma barrière' },
      { term: 'dns', names: ['annuaire'], definition: 'l\'annuaire' },
      { term: 'routeur', names: [], definition: 'pas un concept du cours' },
    ]);
    assert.deepEqual([...got], [['pare-feu', 'ma barrière'], ['dns', 'l\'annuaire']]);
  });

  it('keeps the terms only the notes define as concepts of their own, each once, by any name', () => {
    const concepts = [
      { term: 'pare-feu', names: ['pare-feu', 'firewall'] },
      { term: 'DNS', names: ['DNS'] },
    ];
    const harvested = [
      { term: 'Firewall', names: [], definition: 'mon mur' }, // the glossary's pare-feu
      { term: 'routeur', names: ['router'], definition: 'relie deux réseaux' },
      { term: 'Routeur', names: [], definition: 'défini une seconde fois' }, // same term, another note
      { term: 'passerelle', names: ['Router'], definition: 'sort du réseau local' }, // an alias already taken
      { term: 'commutateur', names: ['switch'], definition: 'relie les machines d\'un réseau' },
      { term: 'dns', names: [], definition: 'l\'annuaire' },
    ];
    assert.deepEqual(notesOnlyTerms(concepts, harvested).map((h) => h.definition), ['relie deux réseaux', 'relie les machines d\'un réseau']);
    assert.deepEqual(notesOnlyTerms([], harvested.slice(1, 3)).map((h) => h.term), ['routeur']);
  });
});
