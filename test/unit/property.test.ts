/**
 * Property tests of the core with fast-check (issue 13, "look further"): random and mutated
 * Markdown, random (hostile) glossaries and random edit sequences, with shrinking to the
 * smallest failing note. Invariants: no exception; findings and occurrences inside the note on
 * UTF-16 boundaries, positions that round-trip; the incremental analysis equals a full one;
 * applying every first fix removes exactly the fixed findings and changes nothing else.
 *
 * Seeded and bounded for `npm test` (a few seconds). `npm run fuzz` is the long run:
 * GLOSSAIRE_PROPERTY_RUNS (cases per property, default 60 here) and GLOSSAIRE_PROPERTY_SEED
 * (default 13) choose the size and the seed; it prints the slowest case of each property
 * (GLOSSAIRE_PROPERTY_SLOWEST=file.json keeps those inputs).
 */

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Finding } from '../../server/src/service/analyze';
import { applyEdits, getFixAllEdits } from '../../server/src/service/fixes';
import { compileGlossary } from '../../server/src/service/glossary';
import { LineIndex } from '../../server/src/service/positions';
import { createGlossaireService, GlossaireService } from '../../server/src/service/service';
import { builtinGlossary, lexicon, ROOT } from './helpers';
import { assertAnalysis, TERMS, TYPOS } from './fuzzText';

const RUNS = Number(process.env.GLOSSAIRE_PROPERTY_RUNS ?? 60);
const SEED = Number(process.env.GLOSSAIRE_PROPERTY_SEED ?? 13);

let builtinService: GlossaireService | undefined;
const service = () => (builtinService ??= createGlossaireService({ glossary: builtinGlossary(), lexicon: () => lexicon(), locale: 'fr' }));

/** Slowest case per property, reported at the end (the long run's figure). */
const slowest = new Map<string, { ms: number; size: number; value: unknown }>();
let cases = 0;
before(() => {
  // The lexicon loads on first use: not a case's time.
  service().analyze('inforgérance clud nearshor delocalisation');
});
after(() => {
  if (!process.env.GLOSSAIRE_PROPERTY_RUNS) return;
  process.stdout.write(`property cases: ${cases}\n`);
  for (const [name, s] of slowest) process.stdout.write(`slowest "${name}": ${s.ms.toFixed(1)} ms (${s.size} characters)\n`);
  // The slowest inputs, to time again alone (a pause of the machine or a real slow path?).
  if (process.env.GLOSSAIRE_PROPERTY_SLOWEST) writeFileSync(process.env.GLOSSAIRE_PROPERTY_SLOWEST, JSON.stringify(Object.fromEntries([...slowest].map(([k, s]) => [k, s.value]))));
});

/** Runs a property with the suite's seed and size, timing every case. */
function check<T>(name: string, arb: fc.Arbitrary<T>, size: (v: T) => number, body: (v: T) => void, runs = RUNS): void {
  fc.assert(
    fc.property(arb, (v) => {
      const t0 = performance.now();
      body(v);
      const ms = performance.now() - t0;
      cases++;
      const s = slowest.get(name);
      if (!s || ms > s.ms) slowest.set(name, { ms, size: size(v), value: v });
    }),
    { seed: SEED, numRuns: runs, endOnFailure: false },
  );
}

const MARKUP = [
  '`', '``', '```', '\n```\n', '\n~~~\n', '<!--', '-->', '<!-- glossaire-ignore: clud -->', '<', '>', '<code>', '</code>', '[', '](', ')', ']',
  '[^1]: ', '\n[ref]: https://x.org/clud\n', '\\', '&', '&amp;', '&#233;', '*', '**', '_', '~~', '\n# ', '#', '\n---\n', '\t', '\n    ', '\n- ',
  '\n1. ', '\n> ', ' | ', '|---|', 'https://example.org/clud', 'www.infogerance.fr', "l'", 'l\u2019', '-', '\u2010', '.', ',', '«', '»',
];
const UNICODE = [
  '😀', '𝔘', '👩\u200d💻', '🇫🇷', '\u200d', '\u200b', '\u202e', '\u2066', 'مرحبا', 'שלום', '\ud800', '\udc00', '\udbff', '\udfff', '\u0301',
  'e\u0301', 'infoge\u0301rance', 'de\u0301localisation', '\u00a0', '\u0000', '\u0007', '\u001b[31m', '\u0085', '\u2028', '\ufeff',
];
const FRENCH = ['le', 'la', 'les', 'une', 'des', 'et', 'à', 'est', 'pour', 'avec', 'contrat', 'entreprise', 'coût', 'équipe', 'été', 'Élève'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', ' ', ' ', ' '];

/** One piece of a note: words, terms and their typos, markup, odd Unicode, line breaks, raw text. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 4, arbitrary: fc.constantFrom(...FRENCH) },
  { weight: 3, arbitrary: fc.constantFrom(...TERMS) },
  { weight: 3, arbitrary: fc.constantFrom(...TYPOS) },
  { weight: 4, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...TERMS, ...TYPOS).map((w) => w.normalize('NFD')) },
);

/** A note: pieces, sometimes inside deep nesting or a giant table, with a random line ending style. */
const note: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(piece, { maxLength: 120 }),
    fc.constantFrom('none', 'quote', 'list', 'table'),
    fc.integer({ min: 1, max: 400 }),
    fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
  )
  .map(([pieces, wrap, depth, eol]) => {
    let text = pieces.join('');
    if (wrap === 'quote') text = '> '.repeat(depth) + text;
    else if (wrap === 'list') text = Array.from({ length: Math.min(depth, 60) }, (_, k) => ' '.repeat(2 * k) + '- ').join('') + text;
    else if (wrap === 'table') text = `| a | b |\n|---|---|\n` + Array.from({ length: depth }, (_, k) => `| ${pieces[k % Math.max(1, pieces.length)] ?? ''} | x |`).join('\n') + '\n' + text;
    if (eol !== 'mixed' && eol !== '\n') text = text.replace(/\r\n|\r|\n/g, eol);
    return text;
  });

const EXAMPLES = ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));

/** One edit of a note, by fractions of its length (so it applies to any note). */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(12), text: fc.oneof(piece, fc.constant('')) });
type Edit = { at: number; length: number; text: string };
function toOffsets(text: string, e: Edit): { start: number; end: number; newText: string } {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return { start, end: Math.min(text.length, start + e.length), newText: e.text };
}

/** An example note with random edits: realistic prose, damaged. */
const mutatedExample: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(edit, { maxLength: 25 }))
  .map(([text, edits]) => edits.reduce((t, e) => applyEdits(t, [toOffsets(t, e)]), text));

function assertPositions(text: string, findings: Finding[]): void {
  const lines = new LineIndex(text);
  for (const f of findings) {
    for (const o of [f.start, f.end]) assert.equal(lines.offsetAt(lines.positionAt(o)), o, `offset ${o} round-trips`);
  }
}

/** The invariant of fix-all: the fixed findings go, the others stay (moved), nothing else changes. */
function assertFixAll(text: string): void {
  const svc = service();
  const { findings } = svc.analyze(text);
  const edits = getFixAllEdits(findings);
  if (edits.length === 0) return;
  const fixed = applyEdits(text, edits);
  // Nothing else changes: outside the edits, the texts are equal piece by piece.
  let pos = 0;
  let delta = 0;
  for (const e of edits) {
    assert.ok(e.start >= pos && e.end <= text.length, 'edits sorted, disjoint, in bounds');
    assert.equal(fixed.slice(pos + delta, e.start + delta), text.slice(pos, e.start), 'text between edits unchanged');
    assert.equal(fixed.slice(e.start + delta, e.start + delta + e.newText.length), e.newText);
    delta += e.newText.length - (e.end - e.start);
    pos = e.end;
  }
  assert.equal(fixed.slice(pos + delta), text.slice(pos), 'text after the last edit unchanged');
  // No finding is left on a replaced span.
  const after = svc.analyze(fixed).findings.filter((f) => !f.edits);
  let d = 0;
  const spans = edits.map((e) => {
    const s = { start: e.start + d, end: e.start + d + e.newText.length };
    d += e.newText.length - (e.end - e.start);
    return s;
  });
  for (const f of after) {
    const on = spans.find((s) => s.start === f.start && s.end === f.end);
    assert.ok(!on, `the fix "${fixed.slice(f.start, f.end)}" is flagged again (${f.code})`);
  }
  // The findings that were not fixed stay, moved by the edits; no new one appears elsewhere.
  const fixedSet = new Set(edits);
  const map = (o: number) => o + edits.filter((e) => e.end <= o).reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
  const kept = findings.filter((f) => !f.edits && !getFixAllEdits([f]).some((e) => [...fixedSet].some((x) => x.start === e.start && x.end === e.end)));
  const expected = kept.map((f) => `${map(f.start)}:${f.code}:${f.word}`);
  const got = after.filter((f) => !spans.some((s) => f.start < s.end && s.start < f.end)).map((f) => `${f.start}:${f.code}:${f.word}`);
  const gotSet = new Set(got);
  assert.deepEqual(expected.filter((x) => !gotSet.has(x)), [], 'the findings not fixed stay, moved');
  // No fix makes a neighbour a finding: a fix keeps a word's capitals (or, for an acronym,
  // changes capitals that count for no line: french.ts, inUpperContext), and a line's capitals
  // are read on that line alone. "CLUD esn" → "CLUD ESN" once made CLUD a typo of CLOUD.
  assert.deepEqual(got, expected, 'no new finding outside the fixes');
}

describe('properties of the core (fast-check)', () => {
  it('random notes: no exception, spans inside the note on UTF-16 boundaries, positions round-trip', () => {
    check('analysis', note, (t) => t.length, (text) => {
      const a = service().analyze(text);
      assertAnalysis(text, a);
      assertPositions(text, a.findings);
    });
  });

  it('mutated example notes: the same invariants', () => {
    check('mutated', mutatedExample, (t) => t.length, (text) => {
      const a = service().analyze(text);
      assertAnalysis(text, a);
      assertPositions(text, a.findings);
    });
  });

  it('fix-all changes only the fixed words, and no fix is flagged again', () => {
    check('fix-all', fc.oneof(note, mutatedExample), (t) => t.length, assertFixAll);
  });

  it('random edit sequences: the incremental analysis equals a full one after every edit', () => {
    check('incremental', fc.tuple(fc.oneof(note, fc.constantFrom(...EXAMPLES)), fc.array(edit, { minLength: 1, maxLength: 20 })), ([t]) => t.length, ([start, edits]) => {
      const svc = service();
      let state = svc.analyzeWithState(start);
      for (const e of edits) {
        const o = toOffsets(state.text, e);
        const text = applyEdits(state.text, [o]);
        state = svc.updateAnalysis(state, text, [o]);
        assert.deepEqual(state.analysis, svc.analyze(text), `after ${JSON.stringify(o)} (${state.mode} ${state.reason ?? ''})`);
      }
    }, Math.max(10, Math.round(RUNS / 3)));
  });

  it('random glossaries (hostile shapes and terms): compiling never throws, problems stay in the file, notes still analyse', () => {
    const term = fc.oneof(fc.constantFrom(...TERMS, ...TYPOS, ...UNICODE, '', ' ', 'a', 'é-é', "l'x", '12', 'x'.repeat(300)), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 12 }));
    const entry = fc.record(
      {
        id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.string({ maxLength: 5 }), fc.constant(7)),
        term,
        category: fc.constantFrom('c', 'inconnue', ''),
        definition: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(null)),
        misspellings: fc.array(term, { maxLength: 3 }),
        synonyms: fc.array(term, { maxLength: 2 }),
        acronyms: fc.array(term, { maxLength: 2 }),
        related: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
      },
      { requiredKeys: ['term'] },
    );
    const file = fc.oneof(
      { weight: 6, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: entry }, { weight: 1, arbitrary: fc.anything() }), { maxLength: 12 }).map((entries) => JSON.stringify({ name: 'G', language: 'fr', categories: [{ id: 'c', label: 'C' }], entries })) },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    );
    check('glossary', fc.tuple(file, note), ([g, n]) => g.length + n.length, ([g, n]) => {
      const glossary = compileGlossary([{ uri: 'g.json', text: g }], { lexicon: lexicon() });
      for (const p of glossary.problems) assert.ok(p.start >= 0 && p.end <= g.length && p.start <= p.end, `problem inside the file: ${p.start}–${p.end}`);
      const svc = createGlossaireService({ glossary, lexicon: () => lexicon(), locale: 'fr' });
      const a = svc.analyze(n);
      for (const f of a.findings) assert.ok(f.start >= 0 && f.end <= n.length && f.start < f.end);
    }, Math.max(10, Math.round(RUNS / 2)));
  });
});
