import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deletions, editDistance, FuzzyIndex, MAX_KEYS_PER_LOOKUP } from '../../server/src/service/fuzzy';

describe('fuzzy', () => {
  it('measures edit distance with adjacent transpositions', () => {
    assert.equal(editDistance('infogerance', 'infogerance', 2), 0);
    assert.equal(editDistance('inforgerance', 'infogerance', 2), 1); // extra letter
    assert.equal(editDistance('infogrance', 'infogerance', 2), 1); // missing letter
    assert.equal(editDistance('infogerence', 'infogerance', 2), 1); // substitution
    assert.equal(editDistance('infogeranec', 'infogerance', 2), 1); // transposition
    assert.equal(editDistance('extarnilisation', 'externalisation', 2), 2);
  });

  it('stops early past the cap', () => {
    assert.equal(editDistance('nearshore', 'offshore', 1), 2);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });

  it('lists deletion variants up to a depth', () => {
    assert.deepEqual([...deletions('abc', 1)].sort(), ['ab', 'abc', 'ac', 'bc']);
    assert.equal(deletions('abcd', 2).size, 1 + 4 + 6);
    assert.deepEqual([...deletions('aa', 1)].sort(), ['a', 'aa']);
  });

  it('finds indexed keys within the distance, nearest first, never the key itself', () => {
    const index = new FuzzyIndex<string>(2);
    index.add('infogerance', 'infogérance');
    index.add('externalisation', 'externalisation');
    index.add('cloud', 'cloud');
    const maxFor = (n: number) => (n < 5 ? 0 : n < 8 ? 1 : 2);
    assert.deepEqual(index.lookup('inforgerance', maxFor).map((r) => [r.value, r.distance]), [['infogérance', 1]]);
    assert.deepEqual(index.lookup('extarnilisation', maxFor).map((r) => [r.value, r.distance]), [['externalisation', 2]]);
    assert.deepEqual(index.lookup('infogerance', maxFor), []);
    assert.deepEqual(index.lookup('clouds', maxFor).map((r) => r.value), ['cloud']);
    assert.deepEqual(index.lookup('cluod', maxFor).map((r) => r.value), ['cloud']);
    assert.deepEqual(index.lookup('clo', maxFor), []);
    assert.ok(index.variantCount > 0);
  });

  it("limits a match by the indexed key's own tolerance", () => {
    const index = new FuzzyIndex<string>(2);
    index.add('cloud', 'cloud');
    // 8 letters allow two edits, but the key "cloud" (5 letters) allows one.
    assert.deepEqual(index.lookup('clouddds', (n) => (n < 5 ? 0 : n < 8 ? 1 : 2)), []);
  });
});

describe('fuzzy: bounded work per look-up', () => {
  it('10,000 keys sharing a prefix: a look-up verifies at most MAX_KEYS_PER_LOOKUP keys, nearest kept', () => {
    const index = new FuzzyIndex<string>(2);
    // 'preambule' + two letters: every key is within two edits of 'preambule' and of each other.
    const letters = Array.from({ length: 100 }, (_, i) => String.fromCharCode(0x100 + i));
    for (const a of letters) for (const b of letters) index.add(`preambule${a}${b}`, `${a}${b}`);
    index.add('preambulex', 'near');
    const found = index.lookup('preambule', () => 2);
    assert.ok(found.length > 0 && found.length <= MAX_KEYS_PER_LOOKUP, `${found.length} candidates`);
    assert.ok(found.every((f, k) => f.distance <= 2 && (k === 0 || found[k - 1].distance <= f.distance)));
    assert.equal(found[0].value, 'near', 'the key one deletion away is met first and kept');
  });
});
