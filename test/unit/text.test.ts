import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyCase, fold, hasCombiningMark, isAllUpper, isCapitalized, isCombiningMark, normalizePunctuation } from '../../server/src/service/text';

describe('text', () => {
  it('folds case and accents', () => {
    assert.equal(fold('Infogérance'), 'infogerance');
    assert.equal(fold('DÉLOCALISATION'), 'delocalisation');
    assert.equal(fold('Œuvre'), 'oeuvre');
    assert.equal(fold('maîtrise'), 'maitrise');
    assert.equal(fold('ça'), 'ca');
    assert.equal(fold('cloud'), 'cloud');
  });

  it('folds NFD-decomposed words like their NFC form', () => {
    assert.equal(fold('Infoge\u0301rance'), 'infogerance');
    assert.equal(fold('Infogérance'.normalize('NFD')), fold('Infogérance'));
  });

  it('folds letters outside the table through NFD', () => {
    assert.equal(fold('Ångström'), 'angstrom');
    assert.equal(fold('naïve'), 'naive');
  });

  it('tells all-caps and capitalised words', () => {
    assert.equal(isAllUpper('SAAS'), true);
    assert.equal(isAllUpper('INFOGÉRANCE'), true);
    assert.equal(isAllUpper('SaaS'), false);
    assert.equal(isAllUpper('123'), false);
    assert.equal(isCapitalized('Infogérance'), true);
    assert.equal(isCapitalized('Élément'), true);
    assert.equal(isCapitalized('SAAS'), false);
    assert.equal(isCapitalized('cloud'), false);
  });

  it("keeps the writer's case in a replacement", () => {
    assert.equal(applyCase('Inforgérance', 'infogérance'), 'Infogérance');
    assert.equal(applyCase('INFORGÉRANCE', 'infogérance'), 'INFOGÉRANCE');
    assert.equal(applyCase('inforgérance', 'infogérance'), 'infogérance');
    assert.equal(applyCase('Éternalisation', 'externalisation'), 'Externalisation');
  });

  it('keeps an acronym in its own case', () => {
    assert.equal(applyCase('SAAS', 'SaaS', true), 'SaaS');
    assert.equal(applyCase('saas', 'SaaS', true), 'SaaS');
  });

  it('finds combining marks', () => {
    assert.equal(isCombiningMark(0x301), true);
    assert.equal(isCombiningMark(0x41), false);
    assert.equal(hasCombiningMark('de\u0301localisation'), true);
    assert.equal(hasCombiningMark('délocalisation'), false);
  });

  it('normalises apostrophe and hyphen variants', () => {
    assert.equal(normalizePunctuation('système d’information'), "système d'information");
    assert.equal(normalizePunctuation('sous‐traitance'), 'sous-traitance');
    assert.equal(normalizePunctuation('sous‑traitance'), 'sous-traitance');
  });
});
