import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LiveDocument } from '../../server/src/lsp/document';
import { analyzeText } from '../../server/src/service/analyze';
import { analyzeWithState, updateAnalysis } from '../../server/src/service/incremental';
import { createRandom, TERMS, TYPOS } from './fuzzText';
import { builtinGlossary, lexicon, ROOT } from './helpers';

// What the server does at each didChange, in-process: LSP changes (several per event at
// times, each in the text the previous one left) applied to a LiveDocument, whose offset edits
// drive the incremental analysis; after every event it must equal a full analysis. Line
// breaks of every kind are typed, joined and pasted over, in notes with \n, \r\n and \r.

function randomChange(r: () => number, doc: TextDocument, eol: string): TextDocumentContentChangeEvent {
  const line = Math.floor(r() * doc.lineCount);
  const length = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/[\r\n]+$/, '').length;
  const at = { line, character: Math.floor(r() * (length + 1)) };
  const x = r();
  const pick = (list: readonly string[]) => list[Math.floor(r() * list.length)];
  if (x < 0.35) return { range: { start: at, end: at }, text: 'aeinorstuléèàç ’-'[Math.floor(r() * 17)] };
  if (x < 0.45) return { range: { start: at, end: { line, character: Math.min(length, at.character + 1 + Math.floor(r() * 3)) } }, text: '' };
  if (x < 0.55) return { range: { start: at, end: at }, text: ` ${pick(r() < 0.5 ? TERMS : TYPOS)}` };
  if (x < 0.75) return { range: { start: at, end: at }, text: pick([eol, '\n', '\r\n', '\r', eol + eol, `${eol}- `, `${eol}    code`, `${eol}\`\`\`${eol}`]) };
  if (x < 0.88) return { range: { start: { line, character: length }, end: { line: line + 1, character: 0 } }, text: r() < 0.5 ? '' : ' ' };
  const end = { line: Math.min(doc.lineCount - 1, line + 1 + Math.floor(r() * 3)), character: Math.floor(r() * 10) };
  return { range: { start: at, end }, text: `${pick(TYPOS)}${r() < 0.5 ? eol : ''}` };
}

describe('incremental analysis driven by LSP changes', () => {
  const notes = ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
  const long = Array.from({ length: 6 }, (_, k) => notes[k % 3]).join('\n');
  for (const [name, eol, text] of [['\\n', '\n', long], ['\\r\\n', '\r\n', long.replace(/\n/g, '\r\n')], ['\\r', '\r', long.replace(/\n/g, '\r')]] as const) {
    it(`equals a full analysis after every event (${name} note)`, () => {
      const opts = { lexicon: lexicon() };
      const glossary = builtinGlossary();
      let incremental = 0;
      let events = 0;
      for (let seed = 1; seed <= 4; seed++) {
        const r = createRandom(seed * 7 + name.length);
        let ref = TextDocument.create('u', 'markdown', 1, text);
        const doc = LiveDocument.create('u', 'markdown', 1, text);
        let state = analyzeWithState(text, glossary, opts);
        for (let k = 0; k < 80; k++) {
          const changes: TextDocumentContentChangeEvent[] = [];
          const count = r() < 0.2 ? 2 + Math.floor(r() * 3) : 1;
          let scratch = ref;
          for (let c = 0; c < count; c++) {
            const change = randomChange(r, scratch, eol);
            changes.push(change);
            scratch = TextDocument.create('u', 'markdown', 0, scratch.getText());
            TextDocument.update(scratch, [change], 0);
          }
          ref = TextDocument.update(ref, changes, k + 2);
          const edits = doc.update(changes, k + 2);
          const now = doc.getText();
          assert.equal(now, ref.getText(), `text, seed ${seed}, event ${k}`);
          state = edits ? updateAnalysis(state, now, edits, glossary, opts) : analyzeWithState(now, glossary, opts);
          assert.deepEqual(state.analysis, analyzeText(now, glossary, opts), `seed ${seed}, event ${k}: ${JSON.stringify(changes)} (${state.mode} ${state.reason ?? ''})`);
          events++;
          if (state.mode === 'incremental') incremental++;
        }
      }
      assert.ok(incremental > events / 2, `${incremental}/${events} events incremental`);
    });
  }
});
