import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codePointAt, hasLetter, hasUpper, isLetter, isLower, isMark, isUpper, isWhiteSpace, lastCodePoint, letterRunEnd, withoutMarks } from '../../server/src/service/letters';
import { isAcronym, isTermLike, namesEnumeration, parseTerm } from '../../server/src/service/harvestTerms';
import { A, AP, E, isDefinitionLike } from '../../server/src/service/harvestDefinition';

/** Code points to compare on: all of Latin (the table) and of General Punctuation, a stride of the BMP, surrogates, astral letters and marks. */
function samples(): number[] {
  const out: number[] = [];
  for (let c = 0; c < 0x250; c++) out.push(c);
  for (let c = 0x250; c < 0x10000; c += 7) out.push(c);
  // General Punctuation, answered without the regexes: all of it.
  for (let c = 0x2000; c <= 0x206f; c++) out.push(c);
  out.push(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x1d465, 0x10400, 0x10428, 0x1f600, 0x1d167, 0xe0100, 0x20000);
  return out;
}

/** Strings of pieces that exercise the checks: letters of several scripts and cases, marks, separators, the words the rules name. */
const piece = fc.constantFrom(
  'a', 'e', 't', 's', 'é', 'e\u0301', 'É', 'L', 'l', 'Un', 'une ', 'Les ', "L'", 'L’', ' ', '\t', '\u00a0', '\u2009', '\u3000', '\n', '-', "'", '’', '/', ' / ', ' ou ',
  '(', ')', 'SSII', 'IaaS', 'ß', 'ǅ', 'ª', 'Ω', 'ω', 'Ж', 'ж', '𝑥', '𐐀', '𐐨', '😀', '\ud800', '\udc00', '\u0301', '1', '.', ',', ':',
  'ils', 'il', 'elles', 'on', 'vous', 'par', 'pour', 'en cas', 'gra\u0300ce', 'Vp(t)', '=', '==', 'créé', 'imposé', 'unité', ' par ',
  ' aux ', ' à ', 'es', 'Étapes', 'critères', 'ſ', 'Réseau', 'Cloud', 'Renault', 'adresse IP',
);
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));

// The regexes the letter classes replaced in the harvest's checks, as their specification.
const ACRONYM = /^\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*$/u;
const NARRATION = new RegExp(
  `^(?:(?:vous|nous|je|tu|non|trop|peu|pas)|(?:ils?|elles?|on)(?!\\s+(?:s${AP}?agi[st]|se\\s+d${E}fini|d${E}sign|correspond|repr${E}sent|consist|signifi|est\\s+(?:une?|le|la|l${AP}|ce|celui|celle)\\s|sont\\s+(?:des|les|ceux|celles)\\s)))(?![\\p{L}\\p{M}'’-])`,
  'iu',
);
const CIRCUMSTANCE = new RegExp(`^(?:(?:par|pour|afin|gr${A}ce|via|selon|lors|en\\s+cas)(?![\\p{L}\\p{M}'’-])|[^\\s=]{1,12}\\s?=(?!=))`, 'iu');
const PARTICIPLE = new RegExp(`^\\p{Ll}\\p{L}*[^t\\s](?:é|e\u0301)(?:e|s|es)?\\s+(?:par|${A}|au|aux|en|dans|sur|pour|avec)\\s`, 'u');

describe('letters: the Unicode classes without \\p{…} regexes', () => {
  it('answers as \\p{L}, \\p{Lu}, \\p{Ll} and \\p{M} on Latin (the table), the BMP beyond, surrogates and astral code points', () => {
    for (const cp of samples()) {
      const ch = String.fromCodePoint(cp);
      assert.equal(isLetter(cp), /^\p{L}$/u.test(ch), `L U+${cp.toString(16)}`);
      assert.equal(isUpper(cp), /^\p{Lu}$/u.test(ch), `Lu U+${cp.toString(16)}`);
      assert.equal(isLower(cp), /^\p{Ll}$/u.test(ch), `Ll U+${cp.toString(16)}`);
      assert.equal(isMark(cp), /^\p{M}$/u.test(ch), `M U+${cp.toString(16)}`);
    }
    // White space as \s has it, over the whole BMP.
    for (let c = 0; c < 0x10000; c++) assert.equal(isWhiteSpace(c), /\s/.test(String.fromCharCode(c)), `\\s U+${c.toString(16)}`);
    // -1 (past a string's end) is no code point.
    for (const f of [isLetter, isUpper, isLower, isMark]) assert.equal(f(-1), false);
  });

  it('reads code points as a u regex does: pairs, lone surrogates, runs of letters and marks, marks removed', () => {
    assert.equal(codePointAt('a𝑥', 1), 0x1d465);
    assert.equal(codePointAt('a', 1), -1);
    assert.equal(lastCodePoint('a𝑥'), 0x1d465);
    assert.equal(lastCodePoint('a\udc00'), 0xdc00);
    assert.equal(lastCodePoint(''), -1);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.nat(12), (s, from) => {
        assert.equal(withoutMarks(s), s.replace(/\p{M}/gu, ''));
        assert.equal(hasUpper(s, from), /\p{Lu}/u.test(s.slice(from)));
        assert.equal(hasLetter(s), /\p{L}/u.test(s));
        const at = Math.min(from, s.length);
        const run = /[\p{L}\p{M}]*/uy;
        run.lastIndex = at;
        // A run starts at a code point boundary in the harvest: the regex agrees there.
        if (at === 0 || !(s.charCodeAt(at) >= 0xdc00 && s.charCodeAt(at) <= 0xdfff)) assert.equal(letterRunEnd(s, at), at + run.exec(s)![0].length);
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('leaves the harvest\'s checks as the regexes they replaced say', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (s, bold) => {
        assert.equal(isAcronym(s), ACRONYM.test(s.trim()) && s.trim().length <= 8, s);
        const definitionLike = !(NARRATION.test(s) || CIRCUMSTANCE.test(s) || PARTICIPLE.test(s));
        // The first check of isDefinitionLike: a link, a number… and the words counted come after.
        if (!definitionLike) assert.equal(isDefinitionLike(s, false), false, s);
        else if (!/^(https?:|\[|!\[|`|\d)/.test(s)) assert.equal(isDefinitionLike(s, false), true, s);
        // A term starts and ends with a letter (\p{L}, read by code points).
        if (isTermLike(s, bold)) assert.ok(/^\p{L}/u.test(s.normalize('NFC')) && /\p{L}$/u.test(s.normalize('NFC')), s);
      }),
      { seed: 11, numRuns: 20000 },
    );
    // The examples each rule was written for.
    assert.equal(isDefinitionLike('imposé par défaut dans le contrat', false), false);
    assert.equal(isDefinitionLike('ils sont des prestataires externes', false), true);
    assert.equal(isDefinitionLike('ils peuvent tout gérer à distance', false), false);
    assert.equal(isDefinitionLike('parfois un prestataire gère tout', false), true);
    assert.equal(isDefinitionLike('Vp(t) = 3 t + 2', false), false);
    assert.equal(isAcronym('IaaS'), true);
    assert.equal(isAcronym('Cloud'), false);
    assert.equal(parseTerm('Cloud', 0, true)?.term, 'cloud');
    assert.equal(parseTerm('Réseau Privé', 0, true), undefined);
    assert.equal(parseTerm('L’𝑥-algèbre', 0, true)?.term, '𝑥-algèbre');
    assert.equal(namesEnumeration('Les étapes du projet'), true);
    assert.equal(namesEnumeration('Les e\u0301tapes'), true);
    assert.equal(namesEnumeration('Réseaux étendus'), false);
  });
});
