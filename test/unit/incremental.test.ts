import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzeOptions, analyzeText } from '../../server/src/service/analyze';
import { AnalysisState, analyzeWithState, updateAnalysis } from '../../server/src/service/incremental';
import { OffsetEdit } from '../../server/src/service/model';
import { builtinGlossary, lexicon, ROOT } from './helpers';
import { createRandom, randomDocument, randomPiece } from './fuzzText';

const options = (): AnalyzeOptions => ({ lexicon: lexicon() });

/** Random documents of the equivalence test (40 × 40 edits; raise it for a long run). */
const SEEDS = Number(process.env.GLOSSAIRE_INCREMENTAL_SEEDS ?? 40);

/** Applies one edit and checks the incremental state against a full analysis of the result. */
function step(state: AnalysisState, edit: OffsetEdit, opts: AnalyzeOptions, what: string): AnalysisState {
  const text = state.text.slice(0, edit.start) + edit.newText + state.text.slice(edit.end);
  const next = updateAnalysis(state, text, [edit], builtinGlossary(), opts);
  assert.deepEqual(next.analysis, analyzeText(text, builtinGlossary(), opts), `${what}: ${JSON.stringify(edit)} (${next.mode})`);
  return next;
}

/** A random edit: typing, deleting, or pasting one of the pieces that trip scanners. */
function randomEdit(r: () => number, text: string): OffsetEdit {
  const at = Math.floor(r() * (text.length + 1));
  const x = r();
  if (x < 0.35) return { start: at, end: at, newText: 'abcdeéfghilmnoprstu '[Math.floor(r() * 20)] };
  if (x < 0.55) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(r() * 3)), newText: '' };
  if (x < 0.8) return { start: at, end: at, newText: randomPiece(r) };
  return { start: at, end: Math.min(text.length, at + Math.floor(r() * 12)), newText: randomPiece(r) + randomPiece(r) };
}

/** Lines of prose (no Markdown markup) of a note, as [start, end) offsets. */
function proseLines(text: string): [number, number][] {
  const out: [number, number][] = [];
  let p = 0;
  for (const line of text.split('\n')) {
    if (/^[A-Za-zÀ-ÿ]/.test(line) && !/[<`[\]]/.test(line)) out.push([p, p + line.length]);
    p += line.length + 1;
  }
  return out;
}

describe('incremental', () => {
  it('gives the full analysis after every random edit of random Markdown (every piece that trips scanners)', () => {
    const opts = options();
    let incremental = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = createRandom(seed);
      let state = analyzeWithState(randomDocument(r, 150 + Math.floor(r() * 150)), builtinGlossary(), opts);
      for (let k = 0; k < 40; k++) {
        state = step(state, randomEdit(r, state.text), opts, `seed ${seed}, edit ${k}`);
        if (state.mode === 'incremental') incremental++;
      }
    }
    // Both paths are exercised (most of these edits touch markup, which goes the full way).
    assert.ok(incremental > SEEDS * 5, `${incremental} of ${SEEDS * 40} edits incremental`);
  });

  it('stays incremental, and exact, while typing in the prose of a real note', () => {
    const opts = options();
    const note = readFileSync(join(ROOT, 'examples', '01-externalisation.md'), 'utf8');
    const r = createRandom(7);
    let state = analyzeWithState(note, builtinGlossary(), opts);
    let incremental = 0;
    const edits = 300;
    for (let k = 0; k < edits; k++) {
      const lines = proseLines(state.text);
      const [from, to] = lines[Math.floor(r() * lines.length)];
      const at = from + Math.floor(r() * (to - from + 1));
      const edit = r() < 0.75 ? { start: at, end: at, newText: 'aeinorstu '[Math.floor(r() * 10)] } : { start: Math.max(from, at - 1), end: at, newText: '' };
      state = step(state, edit, opts, `edit ${k}`);
      if (state.mode === 'incremental') incremental++;
    }
    assert.ok(incremental >= edits * 0.9, `${incremental}/${edits} edits incremental`);
  });

  it('follows a typo being made and fixed in a term (findings appear and go)', () => {
    const opts = options();
    const text = 'Introduction.\n\nLe contrat d’infogérance est signé avec le prestataire.\n\nConclusion ici.\n';
    let state = analyzeWithState(text, builtinGlossary(), opts);
    assert.equal(state.analysis.findings.length, 0);
    const at = text.indexOf('infogérance') + 4;
    state = step(state, { start: at, end: at, newText: 'r' }, opts, 'typo');
    assert.equal(state.mode, 'incremental');
    assert.deepEqual(state.analysis.findings.map((f) => f.word), ['inforgérance']);
    state = step(state, { start: at, end: at + 1, newText: '' }, opts, 'fix');
    assert.equal(state.mode, 'incremental');
    assert.equal(state.analysis.findings.length, 0);
  });

  it('stays incremental, and exact, through Enter, joined lines and pasted lines (\\n and \\r\\n)', () => {
    const opts = options();
    for (const eol of ['\n', '\r\n']) {
      const note = readFileSync(join(ROOT, 'examples', '01-externalisation.md'), 'utf8').replace(/\r?\n/g, eol);
      const r = createRandom(eol.length);
      let state = analyzeWithState(note, builtinGlossary(), opts);
      let incremental = 0;
      const edits = 200;
      for (let k = 0; k < edits; k++) {
        const lines = proseLines(state.text.replace(/\r\n/g, ' \n'));
        const [from, to] = lines[Math.floor(r() * lines.length)];
        const at = from + Math.floor(r() * (to - from + 1));
        const x = r();
        const text = state.text;
        const nextBreak = text.indexOf(eol, at);
        const edit: OffsetEdit = x < 0.4 ? { start: at, end: at, newText: eol } // Enter
          : x < 0.55 ? { start: at, end: at, newText: eol + eol } // a new paragraph
          : x < 0.8 && nextBreak >= 0 ? { start: nextBreak, end: nextBreak + eol.length, newText: ' ' } // lines joined
          : { start: at, end: at, newText: `l’inforgérance${eol}et le clud` }; // lines pasted
        state = step(state, edit, opts, `${JSON.stringify(eol)} edit ${k}`);
        if (state.mode === 'incremental') incremental++;
      }
      assert.ok(incremental >= edits * 0.8, `${incremental}/${edits} edits incremental`);
    }
  });

  it('a deleted \'<\' that stopped a tag begun paragraphs before is seen (the tag now hides what follows)', () => {
    const opts = options();
    const text = 'Un <abc été\n\nLe clud est <!-- note --> là.\n';
    const at = text.indexOf('<!--');
    const state = step(analyzeWithState(text, builtinGlossary(), opts), { start: at, end: at + 1, newText: '' }, opts, "'<' deleted");
    assert.deepEqual(state.analysis.findings, []);
  });

  it('sees front matter opened or closed on the first line, after a byte order mark or before spaces', () => {
    const opts = options();
    for (const [text, at, newText] of [
      ['\uFEFF--\nauteur: une delocalisation\n---\nTexte du cours.\n', 3, '-'],
      ['\uFEFF---\nauteur: une delocalisation\n---\nTexte du cours.\n', 3, 'x'],
      ['--- \nauteur: une delocalisation\n---\nTexte du cours.\n', 4, 'x'],
    ] as const) {
      const state = step(analyzeWithState(text, builtinGlossary(), opts), { start: at, end: at, newText }, opts, 'first line');
      assert.equal(state.mode, 'full');
    }
  });

  it('takes several changes at once (LSP contentChanges, each in the text the previous one left)', () => {
    const opts = options();
    const text = 'Le cloud.\n\nUn prestataire gère l’infogérance.\n\nFin du texte, offshore.\n';
    const state = analyzeWithState(text, builtinGlossary(), opts);
    const edits: OffsetEdit[] = [
      { start: text.indexOf('prestataire') + 6, end: text.indexOf('prestataire') + 7, newText: '' }, // "prestaaire"
      { start: 0, end: 2, newText: 'Ce' },
    ];
    let after = text;
    for (const e of edits) after = after.slice(0, e.start) + e.newText + after.slice(e.end);
    const next = updateAnalysis(state, after, edits, builtinGlossary(), opts);
    assert.deepEqual(next.analysis, analyzeText(after, builtinGlossary(), opts));
    assert.ok(next.analysis.findings.some((f) => f.word === 'prestaaire'));
  });

  it('analyses everything again when the settings or the glossary change, or the edits do not fit the text', () => {
    const opts = options();
    const text = 'Le clud et le prestatair.\n';
    const state = analyzeWithState(text, builtinGlossary(), opts);
    const other: AnalyzeOptions = { ...opts, ignoreWords: ['clud'] };
    const next = updateAnalysis(state, text, [], builtinGlossary(), other);
    assert.equal(next.mode, 'full');
    assert.deepEqual(next.analysis, analyzeText(text, builtinGlossary(), other));
    const wrong = updateAnalysis(state, text + 'x', [{ start: 0, end: 0, newText: 'yy' }], builtinGlossary(), opts);
    assert.equal(wrong.mode, 'full');
    assert.deepEqual(wrong.analysis, analyzeText(text + 'x', builtinGlossary(), opts));
    assert.equal(updateAnalysis(state, text, [], builtinGlossary(), opts), state);
  });
});
