/**
 * « Sans définition » evaluation: how many bold candidates the Study view lists on real notes,
 * and how many of them are real terms, against hand labels.
 *
 *   node out/test/eval/boldTerms.js [files or folders…] [--labels FILE] [--list] [--json FILE]
 *
 * Default notes: the student's notes (../shared/seed/*.txt) and the corpus
 * (../shared/corpus/notes/*.md), skipped with a note when absent. Each note is a course of its
 * own with the built-in glossary, and the definitions the note writes (harvest.ts) count as
 * defined, as in the Study view. Labels: test/eval/bold-labels.json — per file, every candidate
 * ever listed (by this rule or an earlier one), folded, → true when it is a term of the course
 * that deserves a definition (a concept, a technical noun phrase, an acronym), false when it is
 * emphasis or structure (a label, a table row's name, an adjective, a value, a sentence, a title,
 * shouting, a person or company). Precision = real terms listed / listed. Unlabelled candidates
 * are listed: label them before trusting the figures. `--list` prints every candidate with its
 * label (+ real, - not, ? unlabelled).
 */

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createGlossaireService } from '../../server/src/service/service';
import { compileGlossary } from '../../server/src/service/glossary';
import { harvestDefinitions } from '../../server/src/service/harvest';
import { computeCoverage, findBoldTerms } from '../../server/src/service/study/coverage';
import { fold } from '../../server/src/service/text';
import { getBuiltinGlossaryPath, getPackageRoot, loadLexicon } from '../../server/src/node/resources';

interface LabelsFile {
  about?: string;
  files: Record<string, Record<string, boolean>>;
}

const key = (s: string) => fold(s.normalize('NFC').replace(/[’]/g, "'")).trim();

function notesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((f) => /\.(md|txt)$/i.test(f) && !/^readme\.md$/i.test(f)).sort().map((f) => join(path, f));
}

function main(argv: string[]): number {
  const root = getPackageRoot();
  let labelsPath = join(root, 'test', 'eval', 'bold-labels.json');
  let list = false;
  let jsonOut: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--labels') labelsPath = resolve(argv[++i]);
    else if (argv[i] === '--list') list = true;
    else if (argv[i] === '--json') jsonOut = resolve(argv[++i]);
    else paths.push(resolve(argv[i]));
  }
  if (paths.length === 0) paths.push(resolve(root, '..', 'shared', 'seed'), resolve(root, '..', 'shared', 'corpus', 'notes'));
  const files = paths.flatMap(notesOf);
  if (files.length === 0) {
    console.log(`boldTerms: no notes in ${paths.join(', ')} (../shared is not beside this clone): nothing to measure.`);
    return 0;
  }
  const labels: LabelsFile = existsSync(labelsPath) ? JSON.parse(readFileSync(labelsPath, 'utf8')) : { files: {} };
  const glossary = compileGlossary([{ uri: 'builtin', text: readFileSync(getBuiltinGlossaryPath(), 'utf8') }]);
  const lexicon = loadLexicon();
  const service = createGlossaireService({ glossary, lexicon: () => lexicon });
  const concepts = glossary.entries.map((e) => ({ id: e.id, term: e.term, names: e.allForms }));

  let listed = 0;
  let real = 0;
  let unlabelled = 0;
  const out: Record<string, { term: string; count: number; label?: boolean }[]> = {};
  for (const file of files) {
    const name = basename(file);
    const text = readFileSync(file, 'utf8');
    const { occurrences } = service.analyze(text);
    // (`weak` read loosely: the script also measures the rule before it, see README.)
    const bold = findBoldTerms(text, occurrences).map((b) => ({ text: b.text, range: b.start, weak: (b as { weak?: boolean }).weak }));
    const defined = harvestDefinitions(text).flatMap((d) => [d.term, ...d.aliases]);
    const { undefinedTerms } = computeCoverage({ concepts, counts: new Map(), bold: [{ uri: name, terms: bold }], otherDefinedTerms: defined });
    const fileLabels = labels.files[name] ?? {};
    const rows = undefinedTerms.map((u) => ({ term: u.term, count: u.count, label: fileLabels[key(u.term)] as boolean | undefined }));
    out[name] = rows;
    listed += rows.length;
    real += rows.filter((r) => r.label === true).length;
    const missing = rows.filter((r) => r.label === undefined);
    unlabelled += missing.length;
    if (list) {
      console.log(`\n${name}: ${rows.length}`);
      for (const r of rows) console.log(`  ${r.label === undefined ? '?' : r.label ? '+' : '-'} ${r.term} (${r.count})`);
    } else {
      for (const r of missing) console.log(`unlabelled: ${name}: ${r.term}`);
    }
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2));
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
  console.log(`\n« Sans définition » on ${files.length} notes: ${listed} candidates, ${real} real terms (precision ${pct(real, listed)})`
    + `${unlabelled ? `, ${unlabelled} unlabelled` : ''}.`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
