import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LiveDocument } from '../../server/src/lsp/document';
import { LineIndex } from '../../server/src/service/positions';
import { createRandom } from './fuzzText';

// LiveDocument (server/src/lsp/document.ts) against the library's TextDocument and LineIndex: the
// same text, lines and positions after any change, settled or not. The reference text is made
// with LineIndex offsets, and the library document made afresh from it at each step: the
// library's own update loses count of the lines after a range past the last line.

const PIECES = ['a', 'é', ' ', 'mot', '’', '😀', '\n', '\r\n', '\r', '\r\r\n', '\n\n', '', 'x\ry'];

function randomChange(r: () => number, doc: TextDocument): TextDocumentContentChangeEvent {
  const pos = () => ({ line: Math.floor(r() * (doc.lineCount + 1)) - (r() < 0.05 ? 1 : 0), character: Math.floor(r() * 12) - (r() < 0.05 ? 2 : 0) });
  const text = Array.from({ length: Math.floor(r() * 3) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
  if (r() < 0.02) return { text };
  return { range: { start: pos(), end: r() < 0.6 ? pos() : pos() }, text };
}

function assertSame(live: LiveDocument, lib: TextDocument, r: () => number, what: string): void {
  const text = lib.getText();
  // Positions and characters first: the live text is then still the rope an edit made.
  assert.equal(live.length, text.length, `${what}: length`);
  assert.equal(live.lineCount, lib.lineCount, `${what}: lineCount`);
  const index = new LineIndex(text);
  for (let k = 0; k < 20; k++) {
    const offset = Math.floor(r() * (text.length + 3)) - 1;
    assert.deepEqual(live.positionAt(offset), lib.positionAt(offset), `${what}: positionAt(${offset})`);
    assert.deepEqual(live.positionAt(offset), index.positionAt(offset), `${what}: LineIndex.positionAt(${offset})`);
    const position = { line: Math.floor(r() * (lib.lineCount + 2)) - 1, character: Math.floor(r() * 15) - 1 };
    assert.equal(live.offsetAt(position), lib.offsetAt(position), `${what}: offsetAt(${JSON.stringify(position)})`);
    const line = Math.floor(r() * (lib.lineCount + 2)) - 1;
    assert.deepEqual(live.getLineRange(line), lib.getLineRange(line), `${what}: getLineRange(${line})`);
    assert.equal(live.getEOLCharacters(line), lib.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
    assert.equal(live.lineStart(line), index.lineStart(line), `${what}: lineStart(${line})`);
    if (offset >= 0 && offset < text.length) assert.equal(live.charCodeAt(offset), text.charCodeAt(offset), `${what}: charCodeAt(${offset})`);
  }
  assert.equal(live.getText(), text, what);
}

describe('LiveDocument', () => {
  it('keeps the text, lines and positions of the library document through random changes, \\r\\n joins and splits included', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = createRandom(seed);
      let text = Array.from({ length: 30 }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
      const live = LiveDocument.create('file:///a.md', 'markdown', 1, text);
      for (let k = 0; k < 60; k++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const expected: { start: number; end: number; newText: string }[] = [];
        for (let c = 0, count = r() < 0.8 ? 1 : 2 + Math.floor(r() * 2); c < count; c++) {
          // Each change in the text the previous one left.
          const change = randomChange(r, TextDocument.create('file:///a.md', 'markdown', 0, text));
          changes.push(change);
          if (!('range' in change)) text = change.text;
          else {
            const index = new LineIndex(text);
            let { start: from, end: to } = change.range;
            if (from.line > to.line || (from.line === to.line && from.character > to.character)) [from, to] = [to, from];
            const start = index.offsetAt(from);
            const end = Math.max(start, index.offsetAt(to));
            expected.push({ start, end, newText: change.text });
            text = text.slice(0, start) + change.text + text.slice(end);
          }
        }
        const version = k + 2;
        const edits = live.update(changes, version);
        assert.equal(live.version, version);
        if (changes.some((c) => !('range' in c))) assert.equal(edits, undefined, `seed ${seed}, change ${k}: a full change`);
        else assert.deepEqual(edits, expected, `seed ${seed}, change ${k}: offsets`);
        // Reads before and after settling (the server settles once diagnostics are out).
        if (r() < 0.5) live.settle();
        assertSame(live, TextDocument.create('file:///a.md', 'markdown', version, text), r, `seed ${seed}, change ${k}`);
      }
    }
  });

  it('reports the edits as offsets, each in the text the previous one left', () => {
    const live = LiveDocument.create('file:///b.md', 'markdown', 1, 'ab\r\ncd\nef');
    const edits = live.update([
      { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, text: 'X' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '12' },
    ], 2);
    assert.deepEqual(edits, [{ start: 5, end: 6, newText: 'X' }, { start: 0, end: 0, newText: '12' }]);
    assert.equal(live.getText(), '12ab\r\ncX\nef');
  });
});
