import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLexicon, createLexiconFromBytes, EMPTY_LEXICON } from '../../server/src/service/lexicon';
import { readFileSync } from 'node:fs';
import { getLexiconPath } from '../../server/src/node/resources';
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

  it('answers the same over raw UTF-8 bytes', () => {
    const words = ['abri', 'cloud', 'externe', 'localisation', 'zèbre', 'été', 'œuvre'].sort();
    const list = words.join('\n');
    for (const text of [list + '\n', list]) {
      const lex = createLexiconFromBytes(Buffer.from(text), ['omega']);
      assert.equal(lex.size, words.length + 1);
      for (const w of [...words, 'omega']) assert.equal(lex.has(w), true, w);
      for (const w of ['a', 'abr', 'abris', 'zz', '', 'ete', 'zèbres', 'œ', '\ud800', 'é']) assert.equal(lex.has(w), false, w);
    }
    assert.equal(createLexiconFromBytes(new Uint8Array(0)).has('a'), false);
  });

  it('reads the real list in byte order (UTF-8 order is its UTF-16 order)', () => {
    const bytes = readFileSync(getLexiconPath());
    assert.equal(bytes.includes(13), false, 'no \\r');
    assert.ok(!bytes.some((b) => b >= 0xf0), 'nothing beyond the BMP');
    const text = bytes.toString('utf8');
    const strings = createLexicon(text);
    const raw = createLexiconFromBytes(bytes);
    assert.equal(raw.size, strings.size);
    const words = text.split('\n');
    for (let k = 0; k < words.length; k += 997) {
      const w = words[k];
      if (!w) continue;
      assert.equal(raw.has(w), true, w);
      for (const probe of [w + 'x', w.slice(0, -1), w.toUpperCase()]) assert.equal(raw.has(probe), strings.has(probe), probe);
    }
  });
});
