/**
 * The typo rules that make detection hold for any course (issue 12, second round): short words
 * of multi-word terms, English endings only on English words, literary verb forms, -ique
 * written -ic/-ik, multi-word terms written as one word with a typo, and the order of fixes by
 * how likely the slip is. Sentences and glossaries written for these tests.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadEnglishLexicon } from '../../server/src/node/resources';
import { AnalyzeOptions } from '../../server/src/service/analyze';
import { areNeighbourKeys, typoCost } from '../../server/src/service/editDistance';
import { hasAccentedVariant, isDerivedWord, isLiteraryEnding } from '../../server/src/service/french';
import { assertClean, assertFindings, builtinGlossary, checkRandomEdits, findings, lexicon, miniGlossary } from './helpers';

const withEnglish: Partial<AnalyzeOptions> = { english: () => loadEnglishLexicon() };

/** A small course: networking, project and law terms, some with short words. */
const course = () =>
  miniGlossary([
    { id: 'nom-de-domaine', term: 'nom de domaine', forms: ['noms de domaine'] },
    { id: 'serveur-web', term: 'serveur web', forms: ['serveurs web'] },
    { id: 'adresse-mac', term: 'adresse MAC', forms: ['adresses MAC'] },
    { id: 'chef-de-projet', term: 'chef de projet', forms: ['chefs de projet'] },
    { id: 'cahier-des-charges', term: 'cahier des charges' },
    { id: 'projet', term: 'projet', forms: ['projets'] },
    { id: 'contrat', term: 'contrat', forms: ['contrats'] },
    { id: 'clause', term: 'clause', forms: ['clauses'] },
    { id: 'couche', term: 'couche', forms: ['couches'] },
    { id: 'sponsor', term: 'sponsor', forms: ['sponsors'] },
    { id: 'numerique', term: 'numérique' },
    { id: 'informatique-en-nuage', term: 'informatique en nuage' },
    { id: 'cle-publique', term: 'clé publique' },
    { id: 'pare-feu', term: 'pare-feu', forms: ['pare-feux'] },
    { id: 'sous-titre', term: 'sous-titre', forms: ['sous-titres'] },
    { id: 'cloud', term: 'cloud' },
    { id: 'maitrise-oeuvre', term: 'maîtrise d’œuvre', forms: ['maîtrise d’oeuvre'] },
  ]);

describe('short words of multi-word terms', () => {
  it('catches a typo in a 2–3 letter word when the other words of the term are there', () => {
    const g = course();
    assertFindings('Le ⟦nmo de domaine⟧ expire.', ['nom de domaine'], g, withEnglish);
    assertFindings('Un ⟦serveur eb⟧ répond.', ['serveur web'], g, withEnglish);
    assertFindings('L’⟦adresse MCA⟧ est fixe.', ['adresse MAC'], g, withEnglish);
    assertFindings('Le ⟦Cef de projet⟧ arbitre.', ['Chef de projet'], g, withEnglish);
    assertFindings('Le ⟦cahier dse charges⟧ est signé.', ['cahier des charges'], g, withEnglish);
  });

  it('leaves short words alone without the rest of the term, and French words in its place', () => {
    const g = course();
    assertClean('Le nmo est un sigle, eb aussi, et MCA une société.', g, withEnglish);
    assertClean('Un non de principe au domaine, le mon de domaine n’existe pas.', g, withEnglish);
    assertClean('Le chez de projet reste une erreur de grammaire, pas de terme.', g, withEnglish);
  });
});

describe('English endings', () => {
  it('are a derivation only on an English word', () => {
    const en = loadEnglishLexicon();
    const isEnglish = (w: string) => en.has(w);
    assert.equal(isDerivedWord('cloudy', 'cloud', isEnglish), true);
    assert.equal(isDerivedWord('clouded', 'cloud', isEnglish), true);
    assert.equal(isDerivedWord('projety', 'projet', isEnglish), false);
    assert.equal(isDerivedWord('contraty', 'contrat', isEnglish), false);
    // Without the English list, the ending alone decides (the rule before the list).
    assert.equal(isDerivedWord('projety', 'projet'), true);
  });

  it('flags a French term with an English-looking ending, not an English word', () => {
    const g = course();
    assertFindings('Le ⟦projety⟧ avance.', ['projet'], g, withEnglish);
    assertFindings('Le ⟦contraty⟧ est signé.', ['contrat'], g, withEnglish);
    assertClean('A cloudy day, a clouded judgement, près du cloud.', g, withEnglish);
  });
});

describe('literary verb forms', () => {
  it('do not make an unaccented typo a French word', () => {
    assert.equal(isLiteraryEnding('â', 't'), true);
    assert.equal(isLiteraryEnding('î', 't'), true);
    assert.equal(isLiteraryEnding('é', 't'), false);
    assert.equal(hasAccentedVariant('contat', lexicon()), false, 'contât is an imperfect subjunctive');
    assert.equal(hasAccentedVariant('prevue', lexicon()), true, 'prévue');
    assert.equal(hasAccentedVariant('repartition', lexicon()), true, 'répartition');
    assert.equal(hasAccentedVariant('interet', lexicon()), true, 'intérêt: a circumflex before a final t that is no verb ending');
  });

  it('flags the typo, and leaves the verb form written with its accent', () => {
    const g = course();
    assertFindings('Le ⟦contat⟧ est signé.', ['contrat'], g, withEnglish);
    assertClean('Il fallait qu’il contât l’histoire, que le projet fût prêt.', g, withEnglish);
    assertClean('La repartition des couches est prevue.', g, withEnglish);
  });
});

describe('-ique written -ic or -ik', () => {
  it('is a typo of the term, alone or in a multi-word term', () => {
    const g = course();
    assertFindings('Le ⟦numéric⟧ progresse.', ['numérique'], g, withEnglish);
    assertFindings('Le ⟦numérik⟧ progresse.', ['numérique'], g, withEnglish);
    assertFindings('L’⟦informatic en nuage⟧ coûte.', ['informatique en nuage'], g, withEnglish);
  });

  it('leaves French words and English words in English context alone', () => {
    const g = course();
    // "public" is French (and "publique" its feminine); "Numeric" among English words.
    assertClean('Le service public et la clé publique.', g, withEnglish);
    assertClean('Le champ « Numeric Field Width » est un entier.', g, withEnglish);
  });
});

describe('multi-word terms written as one word with a typo', () => {
  it('are flagged with the term, in the writer’s case', () => {
    const g = course();
    assertFindings('Le ⟦parefe⟧ filtre.', ['pare-feu'], g, withEnglish);
    assertFindings('Les ⟦parefexu⟧ filtrent.', ['pare-feux'], g, withEnglish);
    assertFindings('Un ⟦SousTitrr⟧ manque.', ['Sous-Titre'], g, withEnglish);
    assertFindings('Le ⟦suostraitant⟧ livre.', ['sous-traitant'], builtinGlossary(), withEnglish);
    const [f] = findings('Le parefe filtre.', g, withEnglish);
    assert.equal(f.code, 'glossaire.misspelled-term');
  });

  it('leaves French words near a joined term alone', () => {
    // "soutire" and "surtitre" are within two edits of "soustitre".
    assertClean('Il soutire un surtitre au préfet.', course(), withEnglish);
  });
});

describe('multi-word terms written with hyphens and a typo', () => {
  it('are anchored by a word of the term written exactly', () => {
    const g = course();
    assertFindings('Le ⟦no-de-domaine⟧ expire.', ['nom de domaine'], g, withEnglish);
    assertFindings('L’⟦adresse-MA⟧ est fixe.', ['adresse MAC'], g, withEnglish);
    assertFindings('Le ⟦cahier-dse-charges⟧ est prêt.', ['cahier des charges'], g, withEnglish);
    assertFindings('La ⟦maîtrise-d’oevre⟧ valide.', ['maîtrise d’oeuvre'], g, withEnglish);
  });

  it('leaves the words alone with spaces, or without a near word of the term', () => {
    const g = course();
    // "no" and "ma" are French words: with spaces, no evidence that the term was meant.
    assertClean('Le no de domaine, ma adresse, un domaine-clé, un serveur-relais.', g, withEnglish);
    assertClean('Le nom de domaine et l’adresse MAC du serveur web.', g, withEnglish);
  });
});

describe('sibling compounds', () => {
  it('need a head that reads as a word and is not the term’s head with letters left out', () => {
    const g = miniGlossary([
      { id: 'protocole', term: 'protocole' },
      { id: 'commutateur', term: 'commutateur', forms: ['commutateurs'] },
      { id: 'offshore', term: 'offshore' },
    ]);
    assertFindings('Le ⟦Procole⟧ et les ⟦comtateurs⟧.', ['Protocole', 'commutateurs'], g, withEnglish);
    assertClean('Offshore, onshore et farshore.', g);
  });
});

describe('order of fixes: the likeliest slip first', () => {
  it('weighs a neighbouring key, a doubled letter and a missing letter above other edits', () => {
    assert.equal(areNeighbourKeys('s', 'x'), true);
    assert.equal(areNeighbourKeys('s', 'm'), false);
    assert.equal(areNeighbourKeys('s', ''), false);
    assert.ok(typoCost('couchex', 'couches') < typoCost('couchex', 'couche'), 'x for s (neighbours) before an added x');
    assert.ok(typoCost('clausse', 'clause') < typoCost('clausse', 'clauses'), 'a doubled letter before a swap');
    assert.ok(typoCost('sponsorf', 'sponsor') < typoCost('sponsorf', 'sponsors'), 'an added neighbour before a far key');
    assert.ok(typoCost('claues', 'clauses') < typoCost('claues', 'clause'), 'a missing letter before a swap');
    assert.equal(typoCost('clause', 'clause'), 0);
  });

  it('puts that fix first when the edit distance ties', () => {
    const g = course();
    assertFindings('Voir ⟦Couchex⟧ et ⟦Clausse⟧.', ['Couches', 'Clause'], g, withEnglish);
    assertFindings('Un ⟦sponsorf⟧ paie.', ['sponsor'], g, withEnglish);
    // The determiner still decides first.
    assertFindings('Une ⟦couchex⟧ de plus.', ['couche'], g, withEnglish);
  });

  it('weighs each word of context written exactly as one edit', () => {
    const g = miniGlossary([
      { id: 'adresse-ip', term: 'adresse IP', forms: ['adresses IP'] },
      { id: 'nat', term: 'traduction d’adresses' },
    ]);
    // "adressd IP": two words at one edit, not "Traduction d’adresses" at two.
    assertFindings('La Traduction d’⟦adressd IP⟧ vers une adresse MAC.', ['adresse IP'], g, withEnglish);
  });

  it('keeps an English ending on a word of a longer English term a typo of a French term', () => {
    const g = miniGlossary([
      { id: 'protocole', term: 'protocole', forms: ['protocoles'] },
      { id: 'ip', term: 'IP', synonyms: ['Internet Protocol'] },
    ]);
    assertFindings('Les ⟦protocoled⟧ réseau.', ['protocoles'], g, withEnglish);
  });

  it('keeps the writer’s spelling of œ in the fix', () => {
    const g = course();
    assertFindings('La ⟦maîtrise d’oevre⟧ valide.', ['maîtrise d’oeuvre'], g, withEnglish);
    assertFindings('La ⟦maîtrise d’œuvr⟧ valide.', ['maîtrise d’œuvre'], g, withEnglish);
  });
});

describe('incremental analysis with these rules', () => {
  it('gives the full analysis after random edits', () => {
    const g = course();
    const opts: AnalyzeOptions = { lexicon: lexicon(), english: loadEnglishLexicon() };
    const lines = [
      'Le nmo de domaine et le serveur eb, puis le Cef de projet.',
      'Le projety et le contat du numéric ; l’informatic en nuage.',
      'Les parefexu et le SousTitrr, Couchex et Clausse.',
      'Le no-de-domaine, l’adresse-MA et le cahier-dse-charges du Procole.',
      '',
      'Il soutire un surtitre ; le service public et la clé publique.',
    ];
    const pieces = ['nom', ' ', 'de ', '-', 'e', 'y', 'ic', 'ik', 'pare', 'feu', 'x', 's'];
    const incremental = checkRandomEdits(lines, pieces, g, opts, 10, 50);
    assert.ok(incremental > 200, `${incremental} of 500 edits incremental`);
  });
});
