import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/service/analyze';
import { createGlossaireService, GlossaireService } from '../../server/src/service/service';
import { lexicon, miniGlossary } from './helpers';

// Two course glossaries that share a word ("gestion") but not their terms: a memo or buffer
// shared between them would show up as one's terms or misspellings in the other's results.
function twoServices(): [GlossaireService, GlossaireService] {
  const a = miniGlossary([{ id: 'infogerance', term: 'infogérance', misspellings: ['inforgérance'] }, { id: 'gestion-projet', term: 'gestion de projet' }], 'a.json');
  const b = miniGlossary([{ id: 'photosynthese', term: 'photosynthèse', misspellings: ['photosinthèse'] }, { id: 'gestion-eau', term: 'gestion de l’eau' }], 'b.json');
  return [createGlossaireService({ glossary: a, lexicon: lexicon() }), createGlossaireService({ glossary: b, lexicon: lexicon(), locale: 'en' })];
}

const NOTE_A = 'La gestion de projet et l’inforgérance, puis la photosinthèse.';
const NOTE_B = 'La photosinthèse et la gestion de l’eau ; l’inforgérance aussi.';

function summary(s: GlossaireService, text: string): string[] {
  const { findings, occurrences } = s.analyze(text);
  return [...findings.map((f) => `${f.word} → ${f.suggestions[0]}`), ...occurrences.map((o) => `@${o.entryId}`)];
}

describe('glossaire service', () => {
  it('gives each of two services its own glossary\'s results, interleaved', () => {
    const [a, b] = twoServices();
    // Each service alone, on fresh glossaries: the reference results.
    const [a0] = twoServices();
    const refA = [summary(a0, NOTE_A), summary(a0, NOTE_B)];
    const [, b1] = twoServices();
    const refB = [summary(b1, NOTE_A), summary(b1, NOTE_B)];
    assert.deepEqual(refA[0], ['inforgérance → infogérance', '@gestion-projet']);
    assert.deepEqual(refB[1], ['photosinthèse → photosynthèse', '@gestion-eau']);
    // Interleaved, several rounds: each call sees only its own glossary.
    for (let round = 0; round < 3; round++) {
      assert.deepEqual(summary(a, NOTE_A), refA[0]);
      assert.deepEqual(summary(b, NOTE_A), refB[0]);
      assert.deepEqual(summary(a, NOTE_B), refA[1]);
      assert.deepEqual(summary(b, NOTE_B), refB[1]);
    }
  });

  it('keeps incremental states of two services apart', () => {
    const [a, b] = twoServices();
    let sa = a.analyzeWithState(NOTE_A);
    let sb = b.analyzeWithState(NOTE_A);
    // The same keystroke in both notes, alternately, several times: each update must equal a
    // full analysis with its own glossary.
    let text = NOTE_A;
    for (let k = 0; k < 5; k++) {
      const at = text.indexOf('puis') + k;
      const next = text.slice(0, at) + 'x' + text.slice(at);
      const edit = { start: at, end: at, newText: 'x' };
      sa = a.updateAnalysis(sa, next, [edit]);
      sb = b.updateAnalysis(sb, next, [edit]);
      text = next;
      assert.equal(sa.mode, 'incremental');
      assert.deepEqual(sa.analysis, a.analyze(text));
      assert.deepEqual(sb.analysis, b.analyze(text));
      assert.notDeepEqual(sa.analysis.occurrences, sb.analysis.occurrences);
    }
  });

  it('matches the plain function on the same glossary, with settings', () => {
    const [a] = twoServices();
    const settings = { ignoreWords: ['inforgérance'] };
    assert.deepEqual(a.analyze(NOTE_A, settings), analyzeText(NOTE_A, a.glossary, { lexicon: lexicon(), ...settings }));
    assert.deepEqual(a.analyze(NOTE_A, settings).findings, []);
  });

  it('serves completion and hover text from its own glossary and locale', () => {
    const [a, b] = twoServices();
    assert.deepEqual([...new Set(a.completions('infog', 5).map((c) => c.entryId))], ['infogerance']);
    assert.deepEqual(b.completions('infog', 5), []);
    const entryA = a.glossary.byId.get('infogerance')!;
    const entryB = b.glossary.byId.get('photosynthese')!;
    assert.match(a.entryMarkdown(entryA), /Catégorie : /);
    assert.match(b.entryMarkdown(entryB), /Category: /);
  });
});
