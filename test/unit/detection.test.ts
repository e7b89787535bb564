/**
 * Detection for any course (issue 12): the bilingual guard, typos in compounds, words joined by
 * a slash or markup, and the Unicode form of fixes. Sentences written for these tests.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadEnglishLexicon } from '../../server/src/node/resources';
import { AnalyzeOptions } from '../../server/src/service/analyze';
import { editDistance } from '../../server/src/service/fuzzy';
import { isOneEdit } from '../../server/src/service/ranking';
import { createRandom } from '../random';
import { assertClean, assertFindings, builtinGlossary, checkRandomEdits, findings, lexicon, miniGlossary } from './helpers';

const withEnglish: Partial<AnalyzeOptions> = { english: () => loadEnglishLexicon() };

/** A course with French terms that have English twins, and terms that are English. */
const course = () =>
  miniGlossary([
    { id: 'protocole', term: 'protocole', forms: ['protocoles'] },
    { id: 'integrite', term: 'intégrité' },
    { id: 'authentification', term: 'authentification' },
    { id: 'ressource', term: 'ressource', forms: ['ressources'] },
    { id: 'projet', term: 'projet', forms: ['projets'] },
    { id: 'licence', term: 'licence', forms: ['licences'] },
    { id: 'iteration', term: 'itération', forms: ['itérations'] },
    { id: 'chef-de-projet', term: 'chef de projet' },
    { id: 'cloud-computing', term: 'cloud computing' },
    { id: 'sprint', term: 'sprint', forms: ['sprints'] },
    { id: 'offshore', term: 'offshore' },
    { id: 'sous-reseau', term: 'sous-réseau', forms: ['sous-réseaux'] },
  ]);

describe('bilingual guard', () => {
  it('does not flag the English expansion of an acronym', () => {
    const g = course();
    assertClean('Le poste envoie ses fichiers en FTP (File Transfer Protocol) vers le serveur.', g, withEnglish);
    assertClean('Chaque paquet IP (Internet Protocol) porte deux adresses.', g, withEnglish);
    assertClean('**MFA** = **M**ulti-**F**actor **A**uthentication : un second facteur.', g, withEnglish);
  });

  it('does not flag English words among English words', () => {
    const g = course();
    assertClean('La trame finit par un champ Integrity Check Value calculé sur les données.', g, withEnglish);
    assertClean('Le module Human Resource Planning gère les congés.', g, withEnglish);
    assertClean('On lit le guide « open source project governance » avant de contribuer.', g, withEnglish);
    assertClean('Le rapport parle de « one iteration per week » pour l’équipe.', g, withEnglish);
  });

  it('flags an English spelling inside a French sentence', () => {
    const g = course();
    assertFindings('Le ⟦protocol⟧ choisi est lent.', ['protocole'], g, withEnglish);
    assertFindings('Le code est publié sous ⟦license⟧ libre.', ['licence'], g, withEnglish);
    assertFindings('Chaque ⟦iteration⟧ dure deux semaines.', ['itération'], g, withEnglish);
  });

  it('still flags typos that are no English word in English context', () => {
    assertFindings('Shared Key ⟦Authentificaton⟧ Value', ['Authentification'], course(), withEnglish);
  });

  it('keeps the typo detection of terms that are English', () => {
    const g = course();
    // "spring" is an English word, among English words, but "sprint" is an English term.
    assertFindings('Pendant the next ⟦spring⟧ review, on démontre le produit.', ['sprint'], g, withEnglish);
    assertFindings('Le ⟦cloud commputing⟧ est facturé à l’usage.', ['cloud computing'], g, withEnglish);
  });

  it('leaves correct French words near English terms alone', () => {
    const g = course();
    assertClean('La location d’un serveur offshore coûte moins cher.', g, withEnglish);
    assertClean('Un projet cloud computing et sa licence.', g, withEnglish);
  });

  it('is off without the English list (the same note is then flagged)', () => {
    const text = 'Le poste envoie ses fichiers en FTP (File Transfer Protocol) vers le serveur.';
    assert.deepEqual(findings(text, course()).map((f) => f.word), ['Protocol']);
  });
});

describe('compounds', () => {
  it('catches a typo in the first element of a hyphenated term', () => {
    assertFindings('La ⟦sou-traitance⟧ coûte cher.', ['sous-traitance'], builtinGlossary(), withEnglish);
    assertFindings('La ⟦sosu-traitance⟧ coûte cher.', ['sous-traitance'], builtinGlossary(), withEnglish);
    assertFindings('Les ⟦sous-traitnats⟧ livrent.', ['sous-traitants'], builtinGlossary(), withEnglish);
  });

  it('catches an extra hyphen, and a hyphen changed with a typo', () => {
    const g = course();
    assertFindings('Le ⟦cloud-computing⟧ public.', ['cloud computing'], g, withEnglish);
    assertFindings('Le ⟦cloud-computting⟧ public.', ['cloud computing'], g, withEnglish);
    assertFindings('Un ⟦sous résaeu⟧ par étage.', ['sous-réseau'], g, withEnglish);
  });

  it('leaves French compounds and words near compound terms alone', () => {
    assertClean('Un sou de plus, et la traite est payée au sous-sol.', builtinGlossary(), withEnglish);
    assertClean('Une application cloud-native tourne sur le cloud.', course(), withEnglish);
    assertClean('Le chef du projet et le sous-chef.', course(), withEnglish);
  });
});

describe('one edit apart (the compound check in the rule loop)', () => {
  it('agrees with the edit distance on random short words', () => {
    const r = createRandom(3);
    const word = () => Array.from({ length: 1 + Math.floor(r() * 5) }, () => 'abcs'[Math.floor(r() * 4)]).join('');
    for (let k = 0; k < 20000; k++) {
      const a = word();
      const b = word();
      assert.equal(isOneEdit(a, b), editDistance(a, b, 1) === 1, `${a} / ${b}`);
    }
  });
});

describe('joined words', () => {
  it('checks words joined by a slash as the words they are', () => {
    const g = builtinGlossary();
    assertFindings('La ⟦sous-traitanse⟧/externalisation du support.', ['sous-traitance'], g, withEnglish);
    assertFindings('Le choix cloud/⟦infogérence⟧ reste ouvert.', ['infogérance'], g, withEnglish);
    assertClean('Le modèle client/serveur et la pile TCP/IP.', g, withEnglish);
  });

  it('still skips paths and addresses', () => {
    const g = builtinGlossary();
    assertClean('Voir docs/infogerence/notes.md et https://exemple.fr/infogerence ou /usr/share/infogerence.', g, withEnglish);
  });

  it('checks a word with markup inside as the word it is, and keeps the markup in the fix', () => {
    const g = builtinGlossary();
    assertClean('L’**I**nfogérance est un contrat.', g, withEnglish);
    const [f] = assertFindings('L’**⟦I**nforgérance⟧ est un contrat.', ['I**nfogérance'], g, withEnglish);
    assert.equal(f.entryId, 'infogerance');
  });
});

describe('fix form', () => {
  it('keeps the Unicode form of the word it replaces, whatever the note is written in', () => {
    const g = builtinGlossary();
    const nfd = (s: string) => s.normalize('NFD');
    // An NFD note with one NFC typo: the fix is NFC.
    const note1 = nfd('Une délocalisation réussie, une équipe dédiée. ') + 'L’inforgérance coûte.';
    const f1 = findings(note1, g, withEnglish);
    assert.equal(f1.length, 1);
    assert.equal(f1[0].suggestions[0], 'infogérance'.normalize('NFC'));
    // An NFC note with one NFD typo: the fix is NFD.
    const note2 = 'Une délocalisation réussie, une équipe dédiée. L’' + nfd('inforgérance') + ' coûte.';
    const f2 = findings(note2, g, withEnglish);
    assert.equal(f2.length, 1);
    assert.equal(f2[0].suggestions[0], nfd('infogérance'));
  });
});

describe('incremental analysis with the new rules', () => {
  it('gives the full analysis after random edits near English expansions, compounds and slashes', () => {
    const g = course();
    const opts: AnalyzeOptions = { lexicon: lexicon(), english: loadEnglishLexicon() };
    const lines = [
      'Le poste parle FTP (File Transfer Protocol) et le protocol maison avec le serveur.',
      'Un champ Integrity Check Value suit chaque trame ; l’integrite compte.',
      'Le sou-réseau et le sous résaeu du cloud-computing, puis la licence/ressource du projet.',
      'Pendant the next spring review, le chef de prjet parle de la license libre.',
      '',
      'IP (Internet Protocol) et PPP (Point-to-Point Protocol) : voir docs/protocole/notes.md.',
    ];
    const pieces = ['Protocol', ' ', '/', '(', ')', 'IP', 'Key ', 'de ', '-', 'e', 'r', '**', 'Shared ', 'ressource'];
    const incremental = checkRandomEdits(lines, pieces, g, opts, 12, 60);
    assert.ok(incremental > 300, `${incremental} of 720 edits incremental`);
  });
});
