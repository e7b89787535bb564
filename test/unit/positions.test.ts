import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/service/positions';

describe('positions', () => {
  it('converts offsets with \\n line ends', () => {
    const lines = new LineIndex('ab\ncd\n');
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
  });

  it('treats \\r\\n as one line end', () => {
    const lines = new LineIndex('ab\r\ncd');
    assert.equal(lines.lineCount, 2);
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2); // clamped before \r\n
  });

  it('treats a lone \\r as a line end', () => {
    const lines = new LineIndex('ab\rcd\ref');
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
    assert.equal(lines.offsetAt({ line: 1, character: 5 }), 5);
  });

  it('counts UTF-16 code units (an emoji is two)', () => {
    const text = '😀 x';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(text.indexOf('x')), { line: 0, character: 3 });
  });

  it('round-trips every offset', () => {
    const text = 'Première ligne\r\n😀 deuxième\rtroisième\n\nfin';
    const lines = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const p = lines.positionAt(o);
      const back = lines.offsetAt(p);
      // Offsets inside a \r\n pair map to the line end.
      if (text[o - 1] === '\r' && text[o] === '\n') assert.equal(back, o - 1);
      else assert.equal(back, o, `offset ${o}`);
    }
  });

  it('clamps out-of-range input', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: -1, character: 0 }), 0);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 5);
  });

  it('gives ranges and line starts', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.rangeAt(1, 4), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
    assert.equal(lines.lineStart(1), 3);
    assert.equal(lines.lineStart(7), 3);
  });
});
