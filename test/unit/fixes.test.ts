import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Finding } from '../../server/src/service/analyze';
import { applyEdits, getFixAllEdits, getFixEdits } from '../../server/src/service/fixes';
import { LineIndex } from '../../server/src/service/positions';
import { findings, fixAll, ROOT } from './helpers';

const finding = (start: number, end: number, suggestions: string[], more: Partial<Finding> = {}): Finding => ({
  start, end, word: 'x', code: 'glossaire.misspelled-term', severity: 'warning', entryId: 'e', suggestions, ...more,
});

describe('fixes', () => {
  it('applies a chosen suggestion', () => {
    const f = finding(0, 4, ['abcd', 'wxyz']);
    assert.deepEqual(getFixEdits(f), [{ start: 0, end: 4, newText: 'abcd' }]);
    assert.deepEqual(getFixEdits(f, 1), [{ start: 0, end: 4, newText: 'wxyz' }]);
    assert.deepEqual(getFixEdits(f, 2), []);
  });

  it('applies all the edits of a note-level finding', () => {
    const edits = [{ start: 0, end: 1, newText: 'A' }, { start: 5, end: 6, newText: 'B' }];
    assert.deepEqual(getFixEdits(finding(0, 1, ['A'], { code: 'glossaire.unaccented-note', edits })), edits);
  });

  it('sorts fix-all edits and drops overlapping ones', () => {
    const edits = getFixAllEdits([finding(6, 8, ['Y']), finding(0, 4, ['X']), finding(2, 5, ['Z'])]);
    assert.deepEqual(edits.map((e) => e.newText), ['X', 'Y']);
  });

  it('applies edits in any order and refuses overlaps', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 6, newText: 'EF' }, { start: 0, end: 1, newText: 'A' }]), 'AbcdEF');
    assert.equal(applyEdits('abc', [{ start: 1, end: 1, newText: '+' }]), 'a+bc');
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]), /overlapping/);
  });

  it('fixes a note: article kept, case kept, elided term fixed', () => {
    assert.equal(fixAll('L’inforgérance et la sous traitance. INFORGÉRANCE.'), 'L’infogérance et la sous-traitance. INFOGÉRANCE.');
  });

  it('leaves nothing to flag once the examples are fixed, and changes nothing else', () => {
    for (const file of ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md']) {
      const text = readFileSync(`${ROOT}/examples/${file}`, 'utf8');
      const fixed = fixAll(text);
      assert.notEqual(fixed, text);
      assert.deepEqual(findings(fixed), [], file);
      // Only the lines with a finding change (code blocks, links and the rest stay as they are).
      const lines = new LineIndex(text);
      const flagged = new Set(findings(text).map((f) => lines.positionAt(f.start).line));
      const before = text.split('\n');
      const after = fixed.split('\n');
      assert.equal(after.length, before.length);
      assert.deepEqual(before.map((l, k) => (l !== after[k] ? k : -1)).filter((k) => k >= 0), [...flagged].sort((a, b) => a - b), file);
    }
  });

  it('keeps each word’s own Unicode form in a note mixing NFC and NFD (issue 13, item 10)', () => {
    // One NFD word made every fix NFD, the NFC words' included; an unaccented word follows the note.
    const text = `Avec l’inforgérance, ${'la délocation'.normalize('NFD')} et la delocalisation.`;
    const [nfc, nfd, bare] = findings(text);
    assert.equal(nfc.suggestions[0], 'infogérance');
    assert.equal(nfd.suggestions[0], 'délocalisation'.normalize('NFD'));
    assert.equal(bare.suggestions[0], 'délocalisation'.normalize('NFD'));
    assert.equal(fixAll(text), `Avec l’infogérance, ${'la délocalisation'.normalize('NFD')} et la ${'délocalisation'.normalize('NFD')}.`);
  });

  it('keeps a CRLF note CRLF', () => {
    const text = 'Ligne un.\r\nAvec l’inforgérance.\r\n';
    assert.equal(fixAll(text), 'Ligne un.\r\nAvec l’infogérance.\r\n');
  });
});
