import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FINDING_CODES } from '../../server/src/service/analyze';
import { applyEdits, getFixEdits } from '../../server/src/service/fixes';
import { LineIndex } from '../../server/src/service/positions';
import { analyze, assertClean, assertFindings, findings, flags, miniGlossary, readRepoFile, ROOT } from './helpers';

const SEED = '/work/shared/seed/000_2ff0680cae5e3f54.txt';

describe('analyze: real notes', () => {
  (existsSafe(SEED) ? it : ((() => undefined) as unknown as typeof it))("the student's notes give exactly their three typos", () => {
    const text = readFileSync(SEED, 'utf8');
    assert.deepEqual(flags(text), ['délocation → délocalisation', 'inforgérance → infogérance', 'eternalisation → externalisation']);
  });

  it('the example notes give exactly the typos their README lists', () => {
    const rows = readRepoFile('examples', 'README.md').split('\n').filter((l) => /^\| `\d\d-/.test(l));
    assert.ok(rows.length >= 9);
    const expected = rows.map((row) => {
      const [file, line, written, fix] = row.split('|').slice(1, 5).map((c) => c.trim());
      const tick = (s: string) => /`([^`]+)`/.exec(s)![1];
      return `${tick(file)}:${line}: ${tick(written)} → ${tick(fix)}`;
    });
    const got: string[] = [];
    for (const file of [...new Set(expected.map((e) => e.split(':')[0]))]) {
      const text = readFileSync(`${ROOT}/examples/${file}`, 'utf8');
      const lines = new LineIndex(text);
      for (const f of findings(text)) got.push(`${file}:${lines.positionAt(f.start).line + 1}: ${f.word} → ${f.suggestions[0]}`);
    }
    assert.deepEqual(got, expected);
  });
});

describe('analyze: known misspellings and fuzzy typos', () => {
  it('flags a known misspelling with the term as the fix', () => {
    const [f] = assertFindings('Avec ⟦inforgérance⟧ on délègue.', ['infogérance']);
    assert.equal(f.code, 'glossaire.known-misspelling');
    assert.equal(f.entryId, 'infogerance');
  });

  it('flags a typo of a term (one or two edits by length)', () => {
    assertFindings('L’⟦externalisaion⟧ coûte.', ['externalisation']);
    assertFindings('L’⟦extarnilisation⟧ coûte.', ['externalisation']);
    assertFindings('Le ⟦nearshor⟧ rapproche.', ['nearshore']);
    const [f] = findings('Le prestatère');
    assert.equal(f.code, 'glossaire.known-misspelling');
  });

  it('keeps plural typos plural', () => {
    assertFindings('des ⟦infogérrances⟧', ['infogérances']);
  });

  it('never flags correct forms, plurals, synonyms and acronyms', () => {
    assertClean('L’externalisation, les externalisations, l’outsourcing, le BPO, l’infogérance, la délocalisation, ' +
      'l’offshore et le nearshore, les ESN et SSII, les prestataires, les sous-traitants, le cloud computing, ' +
      'l’informatique en nuage, les services gérés, le modèle interne, IaaS, PaaS, SaaS, le SI, la transformation digitale.');
  });
});

describe('analyze: accents', () => {
  it('flags a missing accent', () => {
    const [f] = assertFindings('La ⟦delocalisation⟧ coûte.', ['délocalisation']);
    assert.equal(f.code, 'glossaire.missing-accent');
  });

  it('flags a spurious or wrong accent', () => {
    assertFindings('L’⟦éxternalisation⟧ coûte.', ['externalisation']);
    assertFindings('L’⟦infogèrance⟧ coûte.', ['infogérance']);
  });

  it('does not flag a French word spelt with other accents', () => {
    assertClean('Il manage son équipe.'); // "manage" is not "managé"
  });
});

describe('analyze: elisions', () => {
  it("flags the word after l', d', qu' with either apostrophe, the article left out", () => {
    assertFindings("l'⟦inforgérance⟧ et l’⟦inforgérance⟧", ['infogérance', 'infogérance']);
    assertFindings("d'⟦infogérence⟧ et d’⟦infogérence⟧", ['infogérance', 'infogérance']);
    assertFindings("qu'⟦eternalisation⟧ et qu’⟦eternalisation⟧", ['externalisation', 'externalisation']);
    assertFindings('L’⟦Inforgérance⟧', ['Infogérance']);
  });
});

describe('analyze: multi-word terms', () => {
  it('flags typos in multi-word terms, over the whole term', () => {
    assertFindings('Le ⟦cloud computting⟧ change tout.', ['cloud computing']);
    assertFindings('Le ⟦servise managé⟧ suit.', ['service managé']);
    assertFindings('Le ⟦sytème d’information⟧ tombe.', ['système d’information']);
    assertFindings('Le ⟦systeme d’information⟧ tombe.', ['système d’information']);
  });

  it('needs the rest of the term: a lone word of a multi-word term is not flagged', () => {
    assertClean('Le servise est lent. Le computting aussi.');
  });

  it('recognises multi-word terms with either apostrophe and any case', () => {
    assertClean("Le système d'information, le système d’information, le Cloud Computing, le Service Managé.");
  });
});

describe('analyze: compounds', () => {
  it('flags a split compound and a joined one', () => {
    const [f] = assertFindings('La ⟦sous traitance⟧ et la ⟦soustraitance⟧.', ['sous-traitance', 'sous-traitance']);
    assert.equal(f.code, 'glossaire.compound');
    assertFindings('Des ⟦sous traitants⟧ et des ⟦soustraitants⟧.', ['sous-traitants', 'sous-traitants']);
    assertFindings('⟦Sous traitance⟧ :', ['Sous-traitance']);
  });

  it('accepts every hyphen variant', () => {
    assertClean('sous-traitance, sous‐traitance, sous‑traitance');
  });

  it('accepts every apostrophe variant, in notes and in glossaries', () => {
    assertClean("système d'information, système d’information, système dʼinformation");
    const g = miniGlossary([{ id: 'plan', term: 'plan d’action' }]);
    assertClean("Un plan d'action et un plan d’action.", g);
    assertFindings('Un ⟦plan d’acton⟧ et un ⟦plan d\'acton⟧.', ['plan d’action', "plan d'action"], g);
  });
});

describe('analyze: case', () => {
  it("keeps the writer's case in the fix", () => {
    assertFindings('⟦Inforgérance⟧ et ⟦INFORGÉRANCE⟧ et ⟦inforgérance⟧', ['Infogérance', 'INFOGÉRANCE', 'infogérance']);
    assertFindings('⟦Extarnilisation⟧ : définition', ['Externalisation']);
    assertFindings('⟦CLOUD COMPUTTING⟧', ['CLOUD COMPUTING']);
  });
});

describe('analyze: acronyms', () => {
  it('flags an acronym in another case', () => {
    const [f] = assertFindings('En ⟦Saas⟧, en ⟦SAAS⟧ ou en ⟦saas⟧.', ['SaaS', 'SaaS', 'SaaS']);
    assert.equal(f.code, 'glossaire.acronym-case');
    assertFindings('Les ⟦Esn⟧ recrutent.', ['ESN']);
  });

  it('never flags "si" and "Si" (a French word), and knows "SI"', () => {
    assertClean('Si le SI tombe, on appelle le prestataire, si besoin. SI : système d’information.');
    assert.equal(analyze('Le SI tombe.').occurrences[0].entryId, 'systeme-d-information');
  });

  it('does not flag acronyms in an all-caps heading', () => {
    assertClean('# LE SAAS ET LE PAAS EN BREF\n\nTexte.');
  });

  it('does not flag other acronyms', () => {
    assertClean('Le FAAS, le DAAS et AWS.');
  });
});

describe('analyze: the lexicon guard', () => {
  it('never flags French words near the terms', () => {
    assertClean('La localisation, la relocalisation, la location, les sous-traitants, externaliser, externalisé, ' +
      'l’internalisation, on délocalise, relocalisé, les prestations, elle externalise, la répartition, la partition.');
  });

  it('loads the lexicon lazily, only for candidates', () => {
    let loaded = 0;
    const lexicon = () => {
      loaded++;
      return { has: () => false, size: 0 };
    };
    const g = miniGlossary([{ id: 'a', term: 'infogérance' }]);
    analyze('Un texte sans rien de proche.', g, { lexicon });
    assert.equal(loaded, 0);
    analyze('Une inforgérance.', g, { lexicon });
    assert.equal(loaded, 1);
  });
});

describe('analyze: offsets and encodings', () => {
  it('gives UTF-16 offsets after emoji', () => {
    const text = '😀😀 Avec l’inforgérance 🚀';
    const [f] = findings(text);
    assert.equal(text.slice(f.start, f.end), 'inforgérance');
    assert.deepEqual(new LineIndex(text).rangeAt(f.start, f.end), { start: { line: 0, character: 12 }, end: { line: 0, character: 24 } });
  });

  it('handles CRLF and lone CR line ends', () => {
    for (const nl of ['\r\n', '\r']) {
      const text = `# Notes${nl}${nl}Ligne un.${nl}Avec l’inforgérance.${nl}`;
      const [f] = findings(text);
      assert.deepEqual(new LineIndex(text).positionAt(f.start), { line: 3, character: 7 }, JSON.stringify(nl));
    }
  });

  it('flags NFD-decomposed text with source ranges and an NFD fix', () => {
    const text = 'Avec l’inforgérance et la delocalisation.'.normalize('NFD');
    const [a, b] = findings(text);
    assert.equal(text.slice(a.start, a.end), 'inforgérance'.normalize('NFD'));
    assert.equal(a.suggestions[0], 'infogérance'.normalize('NFD'));
    assert.equal(b.suggestions[0], 'délocalisation'.normalize('NFD'));
    const fixed = applyEdits(text, [...getFixEdits(a), ...getFixEdits(b)]);
    assert.equal(fixed, 'Avec l’infogérance et la délocalisation.'.normalize('NFD'));
  });
});

describe('analyze: options', () => {
  it('ignores words from the options and from glossaire-ignore comments', () => {
    assertClean('Avec l’inforgérance.', undefined, { ignoreWords: ['Inforgérance'] });
    assertClean('<!-- glossaire-ignore: inforgérance -->\nAvec l’inforgérance.');
  });

  it('applies severities per code, or turns a code off', () => {
    const [f] = findings('Avec l’inforgérance.', undefined, { severities: { 'glossaire.known-misspelling': 'error' } });
    assert.equal(f.severity, 'error');
    assertClean('Avec l’inforgérance.', undefined, { severities: { 'glossaire.known-misspelling': 'off' } });
  });

  it('lists every code', () => {
    assert.equal(new Set(FINDING_CODES).size, 6);
  });

  it('works with a small inline glossary', () => {
    const g = miniGlossary([{ id: 'hebergeur', term: 'hébergeur', misspellings: ['hébergeurr'] }]);
    assertFindings('Un ⟦hébergeurr⟧, un ⟦hébergueur⟧, un ⟦hebergeur⟧.', ['hébergeur', 'hébergeur', 'hébergeur'], g);
    assertClean('Des hébergeurs.', g);
  });
});

const UNACCENTED_NOTE = [
  '# Cours 4 - Revision generale',
  '',
  'Pour le partiel, il faut savoir expliquer la delocalisation : une entreprise deplace une partie',
  "de son activite a l'etranger pour payer moins cher. Ce n'est pas pareil que l'infogerance, ou un",
  "prestataire gere le systeme d'information a la place du client. L'infogerant s'engage sur des",
  'niveaux de service et la repartition des taches est ecrite dans le contrat.',
  '',
  "Le modele interne reste le point de depart : l'entreprise heberge tout chez elle. Avec les",
  'services geres, le fournisseur s’occupe des mises a jour. Attention a la geolocalisation des',
  "donnees et a l'inforgerance mal cadree, c'est un piege classique.",
].join('\n');

describe('analyze: notes written without accents', () => {
  it('gives one note-level finding that fixes every unaccented term, and still flags real typos', () => {
    const all = findings(UNACCENTED_NOTE);
    assert.deepEqual(all.map((f) => f.code), ['glossaire.unaccented-note', 'glossaire.known-misspelling']);
    const [note, typo] = all;
    assert.equal(note.severity, 'information');
    assert.deepEqual(note.edits!.map((e) => `${UNACCENTED_NOTE.slice(e.start, e.end)} → ${e.newText}`), [
      'delocalisation → délocalisation',
      'infogerance → infogérance',
      "systeme d'information → système d'information",
      'modele interne → modèle interne',
      'services geres → services gérés',
    ]);
    assert.equal(typo.word, 'inforgerance');
    assert.equal(typo.suggestions[0], 'infogérance');
    const fixed = applyEdits(UNACCENTED_NOTE, getFixEdits(note));
    assert.match(fixed, /la délocalisation : une/);
    assert.match(fixed, /Le modèle interne reste/);
  });

  it('does not take French words written without accents for typos of terms', () => {
    // répartition ~ impartition, géolocalisation ~ délocalisation, infogérant ~ infogérance
    assert.ok(!findings(UNACCENTED_NOTE).some((f) => /repartition|geolocalisation|infogerant/.test(f.word)));
    assertClean('La repartition, la geolocalisation, l’infogerant, l’intolerance.');
  });

  it('flags each missing accent on its own in a note written with accents', () => {
    const note = 'Cette note est écrite avec des accents, comme il se doit : la délocalisation, le modèle interne, ' +
      'les prestataires et leurs équipes. Seul un terme les a perdus en route, ici : la delocalisation du support.';
    const all = findings(note);
    assert.deepEqual(all.map((f) => [f.code, f.word]), [['glossaire.missing-accent', 'delocalisation']]);
  });
});

describe('analyze: tuned rules', () => {
  it('tolerance is the term’s: two edits for long terms even when the typo is short', () => {
    assertFindings('L’⟦ofshre⟧ et le ⟦Sous-tatance⟧.', ['offshore', 'Sous-traitance']);
    assertFindings('Le ⟦Soctare as a Service⟧.', ['Software as a Service']);
  });

  it('a missing letter in a five-letter term is found, as a weak guess', () => {
    const [f] = assertFindings('Le ⟦clud⟧ privé.', ['cloud']);
    assert.equal(f.severity, 'information');
  });

  it('English endings on a term are not typos, nor English words near multi-word terms', () => {
    assertClean('A cloudy day, clouded judgement.');
    assertClean('The managed services of the enterprise system are here, computing costs.');
  });

  it('a word plus the tail of a term is a sibling compound, not a two-edit typo', () => {
    assertClean('Offshore, nearshore, onshore, farshore ; offshoring et onshoring.');
    assertFindings('L’⟦ofshre⟧ et le ⟦naershoer⟧.', ['offshore', 'nearshore']);
  });

  it('names and short capitals are not typos, unless the whole line is in capitals', () => {
    assertClean('Sur iCloud, chez OVHcloud, avec le CLUD et ACME-CLUD.');
    assertFindings('# LE ⟦CLUD⟧ ET LE SAAS\n\nTexte.', ['CLOUD']);
  });

  it('the capitals around a word are read on its own line, every near word counted, acronyms not', () => {
    // The next paragraph is not the line: "LE SAAS" is a line in capitals.
    assertClean('LE SAAS\n\nla suite');
    // A table row of its own; the word of the next line does not lend its capitals.
    assertFindings('| ⟦SAAS⟧ | x |\n`⟦SAAS⟧ ici', ['SaaS', 'SaaS']);
    // "le" is near "CLUD" past the emoji: a lower-case line, where CLUD is a name, whatever
    // the case of "esn" (its fix, "ESN", once turned CLUD into a typo of a line in capitals).
    assertFindings('⟦esn⟧ le😀CLUD', ['ESN']);
    assertFindings('ESN le😀CLUD', []);
    // An acronym is in capitals in any line: ESN is no sign that the line shouts.
    assertFindings('CLUD😀⟦esn⟧', ['ESN']);
    assertFindings('CLUD😀ESN', []);
    assertFindings('⟦esn⟧`CLUD', ['ESN']);
    assertFindings('ESN`CLUD', []);
    // Acronyms alone make no line in capitals: each is read as written.
    assertFindings('⟦SAAS⟧\u00a0⟦SAAS⟧\n\ninfogérance', ['SaaS', 'SaaS']);
    // Punctuation does not end the line's capitals.
    assertClean('NOTE : SAAS');
  });

  it('multi-word context outweighs the guards ("sévice" is French, "Sevice" here is not)', () => {
    assertFindings('Le ⟦Software as a Sevice⟧ et les ⟦sevices managés⟧.', ['Software as a Service', 'services managés']);
  });

  it('capitals may drop their accents', () => {
    assertClean('# INFOGERANCE ET DELOCALISATION\n\nTexte.');
    assertFindings('# ⟦INFORGÉRANCE⟧ ET ⟦DELOCATION⟧', ['INFOGÉRANCE', 'DÉLOCALISATION']);
  });

  it('an acronym in a heading in capitals is not flagged; elsewhere in capitals, weakly', () => {
    assertClean('## SAAS\n\nTexte.');
    const [caps, mixed] = assertFindings('- ⟦SAAS⟧ et ⟦Saas⟧', ['SaaS', 'SaaS']);
    assert.equal(caps.severity, 'information');
    assert.equal(mixed.severity, 'warning');
  });

  it('keeps the case of each word, also in joined words', () => {
    assertFindings('Le ⟦Cloud Computting⟧ et la ⟦CloudComputing⟧.', ['Cloud Computing', 'Cloud Computing']);
    assertFindings('La ⟦SOUSTRAITANCE⟧.', ['SOUS-TRAITANCE']);
    assertFindings('Les ⟦Entreprises de Servises du Numérique⟧.', ['Entreprises de Services du Numérique']);
  });

  it("keeps the writer's separators: apostrophe, line break", () => {
    assertFindings('Le ⟦sytème d’information⟧ et le ⟦sytème d\'information⟧.', ['système d’information', "système d'information"]);
    assertFindings('Le ⟦cloud\ncomputting⟧.', ['cloud\ncomputing']);
  });

  it('keeps emphasis markers inside a word in the fix', () => {
    const text = 'Le **S**ervise managé et l’**inforgérance**.';
    const [a, b] = findings(text);
    assert.equal(a.suggestions[0], 'S**ervice managé');
    assert.equal(text.slice(b.start, b.end), 'inforgérance');
    assert.equal(applyEdits(text, [...getFixEdits(a), ...getFixEdits(b)]), 'Le **S**ervice managé et l’**infogérance**.');
  });

  it('agrees with the determiner on singular and plural', () => {
    assertFindings('Les ⟦prestatairs⟧ et le ⟦prestatairs⟧.', ['prestataires', 'prestataire']);
    assertFindings('L’⟦offshors⟧.', ['offshore']);
  });

  it('prefers the candidate sharing the most of the word', () => {
    assertFindings('La ⟦sous-traitanc⟧.', ['sous-traitance']);
  });

  it('a capitalised guess inside a sentence may be a name: weaker', () => {
    const sev = (text: string) => findings(text).map((f) => f.severity);
    assert.deepEqual(sev('Le projet Offshora avance.'), ['information']);
    assert.deepEqual(sev('Offshora : à éviter. 1. Offshora'), ['warning', 'warning']);
    assert.deepEqual(sev('| Offshora | coût |'), ['warning']);
  });

  it('gives severity by confidence', () => {
    const sev = (text: string) => findings(text).map((f) => f.severity);
    assert.deepEqual(sev('L’inforgérance.'), ['warning']); // known misspelling
    assert.deepEqual(sev('La sous traitance.'), ['warning']); // compound
    assert.deepEqual(sev('La delocalisation, écrite avec des accents.'), ['warning']); // missing accent
    assert.deepEqual(sev('L’extarnilisation.'), ['warning']); // two edits in a long word
    assert.deepEqual(sev('Le nearshorre et le prestatiare.'), ['warning', 'warning']); // known or one edit
    assert.deepEqual(sev('L’ofshre.'), ['information']); // two edits in a short word
  });
});

function existsSafe(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
