/**
 * Shared helpers of the unit tests: the real built-in glossary and lexicon (loaded once), small
 * inline glossaries, and a marker syntax for expected findings:
 *
 *   assertFindings('Avec l’⟦inforgérance⟧ on…', ['infogérance'])
 *
 * checks that exactly the marked spans are flagged, in order, each with the given first fix.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analysis, AnalyzeOptions, analyzeText, Finding } from '../../server/src/service/analyze';
import { applyEdits, getFixAllEdits } from '../../server/src/service/fixes';
import { compileGlossary, Glossary, GlossaryEntryData, GlossarySource } from '../../server/src/service/glossary';
import { Lexicon } from '../../server/src/service/lexicon';
import { getBuiltinGlossaryPath, getPackageRoot, loadLexicon } from '../../server/src/node/resources';
import { analyzeWithState, updateAnalysis } from '../../server/src/service/incremental';
import { createRandom } from '../random';

/** The repository root (the folder with package.json). */
export const ROOT = getPackageRoot();

/** The real French lexicon (dist/lexicon-fr.fc, as the runtime loads it; built by `node esbuild.mjs`). */
export function lexicon(): Lexicon {
  const lex = loadLexicon();
  assert.ok(lex.size > 100_000, 'dist/lexicon-fr.fc is missing: run `node esbuild.mjs` first');
  return lex;
}

let builtin: Glossary | undefined;

/** The built-in course glossary, compiled once. */
export function builtinGlossary(): Glossary {
  builtin ??= compileGlossary([{ uri: getBuiltinGlossaryPath(), text: readFileSync(getBuiltinGlossaryPath(), 'utf8'), builtin: true }], { lexicon: lexicon() });
  return builtin;
}

/** A glossary file's JSON text with the given entries (category "c" is declared). */
export function glossaryJson(entries: Partial<GlossaryEntryData>[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'Test', language: 'fr', categories: [{ id: 'c', label: 'Catégorie' }], entries, ...extra }, null, 2);
}

/** Compiles a small inline glossary (entries get category "c" and a definition by default). */
export function miniGlossary(entries: Partial<GlossaryEntryData>[], uri = 'test.json'): Glossary {
  const full = entries.map((e) => ({ category: 'c', definition: 'Définition.', ...e }));
  return compileGlossary([{ uri, text: glossaryJson(full) }], { lexicon: lexicon() });
}

/** Compiles glossary sources with the real lexicon. */
export function compile(sources: GlossarySource[]): Glossary {
  return compileGlossary(sources, { lexicon: lexicon() });
}

/** Analyses a note with the real lexicon (built-in glossary by default). */
export function analyze(text: string, glossary: Glossary = builtinGlossary(), options: Partial<AnalyzeOptions> = {}): Analysis {
  return analyzeText(text, glossary, { lexicon: lexicon(), ...options });
}

/** The findings of a note. */
export function findings(text: string, glossary?: Glossary, options?: Partial<AnalyzeOptions>): Finding[] {
  return analyze(text, glossary, options).findings;
}

/** "written → first fix" for each finding: compact, readable assertions. */
export function flags(text: string, glossary?: Glossary, options?: Partial<AnalyzeOptions>): string[] {
  return findings(text, glossary, options).map((f) => `${f.word} → ${f.suggestions[0] ?? ''}`);
}

/** The note with every finding fixed by its first suggestion. */
export function fixAll(text: string, glossary?: Glossary): string {
  return applyEdits(text, getFixAllEdits(findings(text, glossary)));
}

const OPEN = '⟦';
const CLOSE = '⟧';

/** Removes ⟦ ⟧ markers; returns the text and the marked spans (offsets in the clean text). */
export function parseMarkers(marked: string): { text: string; spans: [number, number][] } {
  let text = '';
  const spans: [number, number][] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === OPEN) open = text.length;
    else if (ch === CLOSE) {
      spans.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, spans };
}

/**
 * Asserts that the findings of a marked note are exactly the marked spans, with these first
 * fixes (in order). Returns the findings for further checks.
 */
export function assertFindings(marked: string, fixes: string[], glossary?: Glossary, options?: Partial<AnalyzeOptions>): Finding[] {
  const { text, spans } = parseMarkers(marked);
  assert.equal(spans.length, fixes.length, 'test bug: one fix per marked span');
  const got = findings(text, glossary, options);
  assert.deepEqual(
    got.map((f) => ({ span: text.slice(f.start, f.end), at: f.start, fix: f.suggestions[0] })),
    spans.map(([s, e], k) => ({ span: text.slice(s, e), at: s, fix: fixes[k] })),
  );
  return got;
}

/** Asserts that nothing is flagged. */
export function assertClean(text: string, glossary?: Glossary, options?: Partial<AnalyzeOptions>): void {
  assert.deepEqual(flags(text, glossary, options), []);
}

/** Reads a file of the repository. */
export function readRepoFile(...path: string[]): string {
  return readFileSync(join(ROOT, ...path), 'utf8');
}

/**
 * Random single edits (a piece inserted, 70 %, or 1–4 characters deleted) applied to `lines`
 * through the incremental analysis, each checked against a full analysis of the new text.
 * Returns how many edits took the incremental path.
 */
export function checkRandomEdits(lines: string[], pieces: string[], g: Glossary, opts: AnalyzeOptions, seeds: number, editsPerSeed: number): number {
  let incremental = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = createRandom(seed);
    let state = analyzeWithState(lines.join('\n'), g, opts);
    for (let k = 0; k < editsPerSeed; k++) {
      const text = state.text;
      const at = Math.floor(r() * (text.length + 1));
      const edit = r() < 0.7
        ? { start: at, end: at, newText: pieces[Math.floor(r() * pieces.length)] }
        : { start: at, end: Math.min(text.length, at + 1 + Math.floor(r() * 4)), newText: '' };
      const next = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      state = updateAnalysis(state, next, [edit], g, opts);
      assert.deepEqual(state.analysis, analyzeText(next, g, opts), `seed ${seed}, edit ${k}: ${JSON.stringify(edit)}`);
      if (state.mode === 'incremental') incremental++;
    }
  }
  return incremental;
}
