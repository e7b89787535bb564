import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EnglishGuard, isEnglishTerm, isEnglishUse } from '../../server/src/service/english';
import { createLexicon } from '../../server/src/service/lexicon';

// Small lists written for these tests: what matters is which words are English, French or both.
const ENGLISH = ['access', 'authentication', 'check', 'cloud', 'computing', 'control', 'factor', 'file', 'integrity', 'internet',
  'key', 'license', 'message', 'multi', 'network', 'offshore', 'outsourcing', 'planning', 'point', 'project', 'protocol',
  'resource', 'server', 'shared', 'the', 'to', 'transfer', 'value', 'web'];
const FRENCH = new Set(['cloud', 'de', 'des', 'du', 'est', 'internet', 'le', 'libre', 'libres', 'multi', 'offshore', 'point',
  'protocole', 'sous', 'to', 'un', 'une', 'value', 'web', 'avec', 'via', 'les', 'projet']);
const guard: EnglishGuard = {
  english: createLexicon([...ENGLISH].sort().join('\n') + '\n'),
  isFrench: (w) => FRENCH.has(w),
};

/** isEnglishUse for the word marked ⟦…⟧ in the text. */
function english(marked: string): boolean {
  const start = marked.indexOf('⟦');
  const end = marked.indexOf('⟧') - 1;
  const text = marked.replace('⟦', '').replace('⟧', '');
  return isEnglishUse(text, start, end, guard);
}

describe('english guard: the context', () => {
  it('takes an English word among English words as English', () => {
    assert.equal(english('une clé (Shared Key ⟦Authentication⟧) est partagée'), true);
    assert.equal(english('Le champ ⟦Integrity⟧ Check Value protège la trame.'), true);
    assert.equal(english('le logiciel Apache web server ⟦project⟧ est connu'), true);
    assert.equal(english('| NRP | Network ⟦Resource⟧ Planning |'), true);
  });

  it('takes the expansion of an acronym written beside it as English', () => {
    // Neighbours that are French too (Internet, Point, to) are no evidence; the initials are.
    assert.equal(english('le protocole IP (Internet ⟦Protocol⟧) route les paquets'), true);
    assert.equal(english('PPP (Point-to-Point ⟦Protocol⟧) relie deux routeurs'), true);
    assert.equal(english('Internet ⟦Protocol⟧ (IP) : le protocole de routage'), true);
  });

  it('reads through emphasis markers inside words', () => {
    assert.equal(english('**MFA** = **M**ulti-**F**actor **⟦A**uthentication⟧ : une couche de plus'), true);
  });

  it('keeps a lone English spelling in a French sentence a typo', () => {
    assert.equal(english('Sous ⟦license⟧ libres, le code est diffusé.'), false);
    assert.equal(english('Le ⟦protocol⟧ est défini par la norme.'), false);
    assert.equal(english('Un ⟦project⟧ de sous-traitance.'), false);
  });

  it('does not read the context across a sentence or a cell', () => {
    assert.equal(english('Shared. ⟦Authentication⟧ de la machine.'), false);
    assert.equal(english('| server | ⟦protocol⟧ du réseau |'), false);
  });

  it('needs the word itself to be English and not French', () => {
    assert.equal(english('Shared Key ⟦Protocole⟧ Value'), false); // French word
    assert.equal(english('Shared Key ⟦Authentificatoin⟧ Value'), false); // a typo, not a word
    assert.equal(english('Internet ⟦Point⟧ (IP)'), false); // English and French: the French lexicon guards it already
  });

  it('needs the acronym to match the initials', () => {
    assert.equal(english('le protocole UDP (Internet ⟦Protocol⟧) route les paquets'), false);
  });
});

describe('english guard: English terms', () => {
  it('tells English terms from French ones', () => {
    assert.equal(isEnglishTerm(['outsourcing'], guard.english), true);
    assert.equal(isEnglishTerm(['cloud', 'computing'], guard.english), true);
    assert.equal(isEnglishTerm(['offshore'], guard.english), true);
    assert.equal(isEnglishTerm(['protocole'], guard.english), false);
    assert.equal(isEnglishTerm(['cloud', 'hybride'], guard.english), false);
    assert.equal(isEnglishTerm([], guard.english), false);
  });
});
