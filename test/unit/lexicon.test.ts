import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLexicon, EMPTY_LEXICON } from '../../server/src/service/lexicon';
import { lexicon } from './helpers';

describe('lexicon', () => {
  it('answers membership over a sorted list', () => {
    const lex = createLexicon(['abri', 'cloud', 'externe', 'localisation', 'zèbre', 'été'].join('\n') + '\n');
    assert.equal(lex.size, 6);
    for (const w of ['abri', 'cloud', 'externe', 'localisation', 'zèbre', 'été']) assert.equal(lex.has(w), true, w);
    for (const w of ['a', 'abr', 'abris', 'zz', '', 'ete']) assert.equal(lex.has(w), false, w);
  });

  it('reads a list without a final line break', () => {
    const lex = createLexicon('alpha\nbeta');
    assert.equal(lex.size, 2);
    assert.equal(lex.has('beta'), true);
    assert.equal(lex.has('bet'), false);
  });

  it('accepts extra words (the user dictionary)', () => {
    const lex = createLexicon('alpha\n', ['omega']);
    assert.equal(lex.has('omega'), true);
    assert.equal(lex.size, 2);
  });

  it('has an empty fallback', () => {
    assert.equal(EMPTY_LEXICON.has('localisation'), false);
    assert.equal(createLexicon('').has('a'), false);
  });

  it('knows the French words near glossary terms (the real list)', () => {
    const lex = lexicon();
    for (const w of ['localisation', 'relocalisation', 'location', 'sous-traitants', 'externaliser', 'externalisé', 'internalisation', 'infogérance', 'si']) {
      assert.equal(lex.has(w), true, w);
    }
  });

  it('does not know the misspellings it guards against', () => {
    const lex = lexicon();
    for (const w of ['inforgérance', 'délocation', 'eternalisation', 'externalistion', 'nearshor']) assert.equal(lex.has(w), false, w);
  });
});
