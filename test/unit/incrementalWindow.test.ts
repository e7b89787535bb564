import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzeOptions, analyzeText } from '../../server/src/service/analyze';
import { AnalysisState, analyzeWithState, updateAnalysis } from '../../server/src/service/incremental';
import { OffsetEdit } from '../../server/src/service/model';
import { builtinGlossary, lexicon, ROOT } from './helpers';
import { createRandom, randomDocument, randomPiece, TERMS, TYPOS } from './fuzzText';

// The quick path of updateAnalysis (one edit in prose, done from the previous text and a window
// of tokens around the edit) on notes long enough for that window to be a small part of them.

const options = (): AnalyzeOptions => ({ lexicon: lexicon() });

function step(state: AnalysisState, edit: OffsetEdit, opts: AnalyzeOptions, what: string): AnalysisState {
  const text = state.text.slice(0, edit.start) + edit.newText + state.text.slice(edit.end);
  const next = updateAnalysis(state, text, [edit], builtinGlossary(), opts);
  assert.deepEqual(next.analysis, analyzeText(text, builtinGlossary(), opts), `${what}: ${JSON.stringify(edit)} (${next.mode}${next.quick ? ', quick' : ''})`);
  return next;
}

/** [start, end) of the lines that start with a letter. */
function proseLines(text: string): [number, number][] {
  const out: [number, number][] = [];
  let p = 0;
  for (const line of text.split('\n')) {
    if (/^[\p{L}]/u.test(line)) out.push([p, p + line.length]);
    p += line.length + 1;
  }
  return out;
}

/** An edit inside a prose line: typing, deleting, a term or a typo of one typed or replaced. */
function proseEdit(r: () => number, text: string, lines: [number, number][]): OffsetEdit {
  const [from, to] = lines[Math.floor(r() * lines.length)];
  const at = from + Math.floor(r() * (to - from + 1));
  const x = r();
  const pick = (list: string[]) => list[Math.floor(r() * list.length)];
  if (x < 0.45) return { start: at, end: at, newText: 'aeinorstuéèàç ’-'[Math.floor(r() * 16)] };
  if (x < 0.7) return { start: at, end: Math.min(to, at + 1 + Math.floor(r() * 3)), newText: '' };
  if (x < 0.85) return { start: at, end: at, newText: ` ${pick(r() < 0.5 ? TERMS : TYPOS)} ` };
  // Replace the word at `at` by a term or a typo.
  let s = at;
  let e = at;
  while (s > from && /\p{L}/u.test(text[s - 1])) s--;
  while (e < to && /\p{L}/u.test(text[e])) e++;
  return { start: s, end: e, newText: pick(r() < 0.5 ? TERMS : TYPOS) };
}

describe('incremental, quick path', () => {
  it('is exact, and taken, while typing anywhere in the prose of a long note', () => {
    const opts = options();
    const notes = ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
    let text = '';
    for (let k = 0; k < 10; k++) text += notes[k % 3] + '\n';
    const r = createRandom(11);
    let state = analyzeWithState(text, builtinGlossary(), opts);
    let quick = 0;
    const edits = 400;
    for (let k = 0; k < edits; k++) {
      state = step(state, proseEdit(r, state.text, proseLines(state.text)), opts, `edit ${k}`);
      if (state.quick) quick++;
    }
    assert.ok(quick >= edits * 0.6, `${quick}/${edits} edits on the quick path`);
  });

  it('is exact on long random Markdown, with CR LF and CR line endings, NFD text and markup', () => {
    const opts = options();
    let quick = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = createRandom(100 + seed);
      let state = analyzeWithState(randomDocument(r, 2500), builtinGlossary(), opts);
      for (let k = 0; k < 60; k++) {
        const lines = proseLines(state.text);
        const edit = r() < 0.7 && lines.length > 0
          ? proseEdit(r, state.text, lines)
          : (() => {
            const at = Math.floor(r() * (state.text.length + 1));
            return { start: at, end: Math.min(state.text.length, at + Math.floor(r() * 3)), newText: r() < 0.5 ? randomPiece(r) : '' };
          })();
        state = step(state, edit, opts, `seed ${seed}, edit ${k}`);
        if (state.quick) quick++;
      }
    }
    assert.ok(quick > 50, `${quick} quick updates`);
  });

  it('keeps multi-word fixes that take back results decided before the edit', () => {
    const opts = options();
    const filler = 'Le prestataire assure le service pour le client et la maintenance du projet. ';
    const base = `${filler.repeat(40)}\n\nNous passons au cloud computting et au cloud ici. ${filler.repeat(40)}\n`;
    let state = analyzeWithState(base, builtinGlossary(), opts);
    const at = state.text.indexOf('computting');
    // Fix the typo, then make it again, and type around the multi-word term.
    state = step(state, { start: at + 7, end: at + 8, newText: '' }, opts, 'fix');
    state = step(state, { start: at + 7, end: at + 7, newText: 't' }, opts, 'typo again');
    state = step(state, { start: at - 1, end: at - 1, newText: 'x' }, opts, 'before');
    state = step(state, { start: at - 1, end: at, newText: '' }, opts, 'undo');
    state = step(state, { start: at + 12, end: at + 12, newText: 's' }, opts, 'after');
    assert.ok(state.quick, 'the last edit took the quick path');
  });
});
