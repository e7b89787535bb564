// The analysis without its typo rules (AnalyzeOptions.typos = false), which the workspace
// index runs on every note: same occurrences as the full analysis, no fuzzy findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, builtinGlossary, ROOT } from './helpers';
import { indexNote } from '../../server/src/lsp/workspaceIndex';
import { createGlossaireService } from '../../server/src/service/service';
import { lexicon } from './helpers';

const keys = (text: string, typos?: boolean) => analyze(text, builtinGlossary(), typos === undefined ? {} : { typos }).occurrences.map((o) => `${text.slice(o.start, o.end)}@${o.start}:${o.entryId}`);

describe('analysis without the typo rules (the workspace index)', () => {
  it('finds the same occurrences as the full analysis in every example note', () => {
    const dir = join(ROOT, 'examples');
    const notes = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    assert.ok(notes.length >= 3);
    let total = 0;
    for (const f of notes) {
      const text = readFileSync(join(dir, f), 'utf8');
      const full = keys(text);
      total += full.length;
      assert.deepEqual(keys(text, false), full, f);
    }
    assert.ok(total > 20, `${total} occurrences`);
  });

  it('skips fuzzy typos but keeps what the glossary\'s own forms find (accents, declared misspellings)', () => {
    const text = 'L’infogérnace et la delocalisation, puis l’externalisation.';
    const full = analyze(text);
    const fast = analyze(text, builtinGlossary(), { typos: false });
    assert.deepEqual(full.findings.map((f) => f.word).sort(), ['delocalisation', 'infogérnace']);
    // « delocalisation » is a form of the term without its accent (rule 1); « infogérnace »
    // is a typo that only the fuzzy rule finds.
    assert.deepEqual(fast.findings.map((f) => f.word), ['delocalisation']);
    assert.deepEqual(fast.occurrences.map((o) => text.slice(o.start, o.end)), full.occurrences.map((o) => text.slice(o.start, o.end)));
  });

  it('keeps the first word of a multi-word typo as an occurrence (what the full analysis takes back)', () => {
    const text = 'Le cloud cmoputing arrive.';
    assert.deepEqual(keys(text), []);
    assert.deepEqual(keys(text, false).map((k) => k.split('@')[0]), ['cloud']);
  });

  it('indexNote uses it: occurrences by concept with their ranges', () => {
    const service = createGlossaireService({ glossary: builtinGlossary(), lexicon: lexicon() });
    const note = indexNote('# Infogérance\n\nL’infogérance confie tout.\nUne infogérnace.\n', service);
    assert.deepEqual([...note.occurrences.keys()], ['infogerance']);
    assert.deepEqual(note.occurrences.get('infogerance')!.map((r) => r.start.line), [0, 2]);
  });
});
