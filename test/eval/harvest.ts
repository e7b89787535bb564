/**
 * Harvesting evaluation (part of `npm run eval`): precision and recall of the definitions
 * `harvestDefinitions` finds in real notes, against hand labels, and its cost next to the
 * analysis of the same notes.
 *
 *   node out/test/eval/harvest.js [folder] [--labels FILE] [--quiet] [--cost DIR]
 *
 * --cost DIR: also the CPU time of harvesting every note of DIR (recursively) next to indexing
 * them as the workspace index does (read + indexText), e.g. the bench's generated 2,000-note
 * workspace (bench/generate.ts writes it under its output folder, `workspace/`).
 *
 * Folder: ../shared/corpus/notes by default (skipped with a note when absent). Labels:
 * test/eval/harvest-labels.json — per file, {line, term} of every true definition (see its
 * "about"). A harvested definition is right when a label of its file has its line and one of its
 * names (term or alias; accents, case and apostrophes folded). Precision = right / harvested;
 * recall = labels found / labels. Every wrong and every missed definition is listed.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { indexText } from '../../server/src/lsp/workspaceIndex';
import { createGlossaireService } from '../../server/src/service/service';
import { join, resolve } from 'node:path';
import { analyzeText } from '../../server/src/service/analyze';
import { compileGlossary } from '../../server/src/service/glossary';
import { harvestDefinitions } from '../../server/src/service/harvest';
import { LineIndex } from '../../server/src/service/positions';
import { fold } from '../../server/src/service/text';
import { getBuiltinGlossaryPath, getPackageRoot, loadLexicon } from '../../server/src/node/resources';

interface LabelsFile {
  files: Record<string, { line: number; term: string }[]>;
}

const key = (s: string) => fold(s.normalize('NFC').replace(/[’]/g, "'")).trim();

function main(argv: string[]): number {
  const root = getPackageRoot();
  let folder = resolve(root, '..', 'shared', 'corpus', 'notes');
  let labelsPath = join(root, 'test', 'eval', 'harvest-labels.json');
  let quiet = false;
  let costDir: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--labels') labelsPath = argv[++k];
    else if (argv[k] === '--cost') costDir = argv[++k];
    else if (argv[k] === '--quiet') quiet = true;
    else folder = argv[k];
  }
  if (!existsSync(folder)) {
    process.stdout.write(`\nHarvesting: ${folder} is not on this machine, nothing to measure.\n`);
    return 0;
  }
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as LabelsFile;
  const files = readdirSync(folder).filter((n) => /\.(md|markdown|txt)$/i.test(n)).sort();
  const texts = files.map((f) => readFileSync(join(folder, f), 'utf8'));

  let harvested = 0;
  let right = 0;
  let found = 0;
  let labelled = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  files.forEach((file, i) => {
    const text = texts[i];
    const lines = new LineIndex(text);
    const expected = (labels.files[file] ?? []).map((l) => ({ ...l, hit: false }));
    labelled += expected.length;
    for (const d of harvestDefinitions(text)) {
      harvested++;
      const line = lines.positionAt(d.termRange.start).line + 1;
      const names = [d.term, ...d.aliases].map(key);
      const label = expected.find((l) => l.line === line && names.includes(key(l.term)));
      if (label) {
        right++;
        if (!label.hit) found++;
        label.hit = true;
      } else wrong.push(`${file}:${line}: ${[d.term, ...d.aliases].join(' / ')} := ${d.definition.replace(/\n/g, ' ').slice(0, 70)}`);
    }
    for (const l of expected) if (!l.hit) missed.push(`${file}:${l.line}: ${l.term}`);
  });

  // Cost: harvesting every note next to analysing it (what the workspace index does per note).
  const glossary = compileGlossary([{ uri: getBuiltinGlossaryPath(), text: readFileSync(getBuiltinGlossaryPath(), 'utf8'), builtin: true }]);
  const lexicon = loadLexicon();
  // CPU time, the best of a few runs: the machine may be shared, wall time would measure that.
  const time = (f: () => void) => {
    let best = Infinity;
    for (let r = 0; r < 6; r++) {
      const t0 = process.cpuUsage();
      f();
      const d = process.cpuUsage(t0);
      if (r > 0) best = Math.min(best, (d.user + d.system) / 1000);
    }
    return best;
  };
  const analyseMs = time(() => { for (const t of texts) analyzeText(t, glossary, { lexicon: () => lexicon }); });
  const harvestMs = time(() => { for (const t of texts) harvestDefinitions(t); });
  const bytes = texts.reduce((n, t) => n + t.length, 0);

  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
  const out: string[] = ['', `Harvesting (${files.length} notes, ${(bytes / 1024).toFixed(0)} KB, labels: ${labelled} definitions)`];
  out.push(`  harvested ${harvested}, right ${right}: precision ${pct(right, harvested)}`);
  out.push(`  labelled definitions found ${found} / ${labelled}: recall ${pct(found, labelled)}`);
  out.push(`  CPU time per pass over the notes: analysis ${analyseMs.toFixed(1)} ms, harvesting ${harvestMs.toFixed(1)} ms (${pct(harvestMs, analyseMs)} of the analysis)`);
  if (!quiet) {
    out.push('', `  Wrong (${wrong.length}):`, ...wrong.map((w) => '    ' + w));
    out.push('', `  Missed (${missed.length}):`, ...missed.map((m) => '    ' + m));
  }
  if (costDir) {
    const paths = (readdirSync(costDir, { recursive: true }) as string[]).filter((f) => /\.(md|markdown)$/i.test(f)).map((f) => join(costDir!, f));
    const notes = paths.map((f) => readFileSync(f, 'utf8'));
    const service = createGlossaireService({ glossary, lexicon });
    const indexMs = time(() => { for (const f of paths) indexText(readFileSync(f, 'utf8'), service); });
    const harvestAllMs = time(() => { for (const t of notes) harvestDefinitions(t); });
    out.push('', `  ${costDir}: ${paths.length} notes; CPU time: index (read + indexText) ${indexMs.toFixed(0)} ms, harvesting ${harvestAllMs.toFixed(0)} ms (+${pct(harvestAllMs, indexMs)})`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
