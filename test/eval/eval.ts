/**
 * The evaluation harness (`npm run eval`): runs the core over a corpus of real notes and over
 * an injected-typo set, and reports what it finds.
 *
 *   node out/test/eval/eval.js [folders…] [--glossary FILE]… [--json FILE] [--count N] [--seed N] [--quiet]
 *
 * Every glossary is evaluated on its own: the built-in one (labels: test/eval/corpus-labels.json)
 * and each test/eval/glossaries/*.json (labels beside it: NAME.labels.json), or those given with
 * --glossary (labels: FILE with .labels.json for .json). A summary table (glossary × false alarms
 * / recall / right fix first) ends the report; --quiet prints only the summaries.
 *
 * 1. Corpus: every *.md / *.txt file of the folders (default: ../shared/corpus/notes when
 *    present, and examples/). Findings per 10,000 words, each with file:line, word and fix,
 *    grouped by rule, compared with the labelled expectations (test/eval/corpus-labels.json:
 *    per file, the findings that are true misspellings of glossary terms) → true alarms, false
 *    alarms, misses, wrong fixes.
 * 2. Injected typos: the same texts with their labelled typos fixed are clean; at seeded random
 *    occurrences of glossary terms, one occurrence at a time is replaced by a realistic
 *    misspelling (see inject.ts) and the note is analysed again. Recall = the misspelling is
 *    flagged; right fix first = the flag's first fix restores the original text exactly.
 *    Misspellings that are French words or correct glossary forms cannot be told from correct
 *    text by design: they are excluded and counted.
 *
 * Tables on stdout; everything (with the misses) as JSON with --json.
 */

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { analyzeText, Finding, FINDING_CODES } from '../../server/src/service/analyze';
import { getFixEdits, applyEdits } from '../../server/src/service/fixes';
import { compileGlossary, FormKind, Glossary } from '../../server/src/service/glossary';
import { Lexicon } from '../../server/src/service/lexicon';
import { scanMarkdown } from '../../server/src/service/markdown';
import { LineIndex } from '../../server/src/service/positions';
import { fold, isAllUpper, normalizePunctuation } from '../../server/src/service/text';
import { hasAccentedVariant } from '../../server/src/service/french';
import { getBuiltinGlossaryPath, getPackageRoot, loadEnglishLexicon, loadLexicon } from '../../server/src/node/resources';
import { applicableKinds, createRandom, makeTypo, OccurrenceText, pickKind, SLASH_PARTNERS, TYPO_KINDS, TypoKind } from './inject';

const SLASH_WORDS = new Set(SLASH_PARTNERS);

/** One labelled true misspelling of a corpus file. */
interface Label {
  line: number;
  word: string;
  fix: string;
}

/** The labels file: every reviewed corpus file, with its true findings (often none). */
interface LabelsFile {
  description?: string;
  files: Record<string, Label[]>;
}

interface Options {
  folders: string[];
  glossaries: GlossaryFile[];
  json?: string;
  count: number;
  seed: number;
  quiet: boolean;
}

/** A glossary to evaluate and the labels of the corpus for it. */
interface GlossaryFile {
  name: string;
  path: string;
  labels: string;
  builtin: boolean;
}

/** The labels file of a glossary file: beside it, NAME.labels.json. */
function labelsPathOf(path: string): string {
  return join(dirname(path), basename(path).replace(/\.json$/i, '') + '.labels.json');
}

interface Note {
  file: string;
  name: string;
  text: string;
  labels: Label[] | undefined;
}

function parseArgs(argv: string[]): Options {
  const root = getPackageRoot();
  const o: Options = { folders: [], glossaries: [], count: 2500, seed: 20240917, quiet: false };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--glossary') {
      const path = resolve(argv[++k]);
      o.glossaries.push({ name: basename(path).replace(/\.json$/i, ''), path, labels: labelsPathOf(path), builtin: false });
    } else if (a === '--json') o.json = argv[++k];
    else if (a === '--count') o.count = Number(argv[++k]);
    else if (a === '--seed') o.seed = Number(argv[++k]);
    else if (a === '--quiet') o.quiet = true;
    else o.folders.push(a);
  }
  if (o.glossaries.length === 0) {
    o.glossaries.push({ name: 'externalisation (intégré)', path: getBuiltinGlossaryPath(), labels: join(root, 'test', 'eval', 'corpus-labels.json'), builtin: true });
    const dir = join(root, 'test', 'eval', 'glossaries');
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f.endsWith('.labels.json')) continue;
      o.glossaries.push({ name: f.replace(/\.json$/, ''), path: join(dir, f), labels: labelsPathOf(join(dir, f)), builtin: false });
    }
  }
  if (o.folders.length === 0) {
    const shared = resolve(root, '..', 'shared', 'corpus', 'notes');
    if (existsSync(shared)) o.folders.push(shared);
    o.folders.push(join(root, 'examples'));
  }
  return o;
}

function readNotes(folders: string[], labels: LabelsFile): Note[] {
  const notes: Note[] = [];
  for (const folder of folders) {
    const files = statSync(folder).isDirectory()
      ? readdirSync(folder).sort().filter((n) => /\.(md|markdown|txt)$/i.test(n) && n.toLowerCase() !== 'readme.md').map((n) => join(folder, n))
      : [folder];
    for (const file of files) {
      const name = basename(file);
      notes.push({ file, name, text: readFileSync(file, 'utf8'), labels: labels.files[name] });
    }
  }
  return notes;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(2)} %`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padl = (s: string | number, n: number) => String(s).padStart(n);

/** The English list of the bilingual guard, as the checker loads it (on first use). */
const english = () => loadEnglishLexicon();

/** Corpus evaluation: findings against labels. */
function evaluateCorpus(notes: Note[], glossary: Glossary, lexicon: Lexicon) {
  let words = 0;
  const rows: { file: string; line: number; word: string; fix: string; code: string; severity: string; verdict: 'true' | 'false' | 'unlabelled'; rightFix?: boolean }[] = [];
  const missed: (Label & { file: string })[] = [];
  for (const note of notes) {
    words += scanMarkdown(note.text).tokens.length;
    const { findings } = analyzeText(note.text, glossary, { lexicon, english });
    const lines = new LineIndex(note.text);
    const pending = [...(note.labels ?? [])];
    for (const f of findings) {
      const line = lines.positionAt(f.start).line + 1;
      const k = pending.findIndex((l) => l.line === line && l.word === f.word);
      const verdict = note.labels === undefined ? 'unlabelled' : k >= 0 ? 'true' : 'false';
      rows.push({ file: note.name, line, word: f.word, fix: f.suggestions[0] ?? '', code: f.code, severity: f.severity, verdict, rightFix: k >= 0 ? f.suggestions[0] === pending[k].fix : undefined });
      if (k >= 0) pending.splice(k, 1);
    }
    for (const l of pending) missed.push({ file: note.name, ...l });
  }
  const count = (v: string) => rows.filter((r) => r.verdict === v).length;
  return {
    files: notes.length,
    unlabelledFiles: notes.filter((n) => n.labels === undefined).map((n) => n.name),
    words,
    findings: rows.length,
    per10kWords: words === 0 ? 0 : (rows.length * 10000) / words,
    trueAlarms: count('true'),
    falseAlarms: count('false'),
    unlabelled: count('unlabelled'),
    wrongFixes: rows.filter((r) => r.rightFix === false).length,
    missed,
    list: rows,
  };
}

/** Applies the labelled fixes: the note as it should be. */
function cleanText(note: Note): string {
  if (!note.labels || note.labels.length === 0) return note.text;
  const lines = new LineIndex(note.text);
  const edits: { start: number; end: number; newText: string }[] = [];
  for (const l of note.labels) {
    const from = lines.lineStart(l.line - 1);
    const at = note.text.indexOf(l.word, from);
    if (at === -1) throw new Error(`${note.name}:${l.line}: label word "${l.word}" not found`);
    edits.push({ start: at, end: at + l.word.length, newText: l.fix });
  }
  return applyEdits(note.text, edits);
}

interface Site {
  note: number;
  start: number;
  end: number;
  occurrence: OccurrenceText;
  elided: boolean;
}

interface InjectionResult {
  kind: TypoKind;
  elided: boolean;
  detected: boolean;
  rightFix: boolean;
  file: string;
  original: string;
  typo: string;
  got?: string;
  code?: string;
  severity?: string;
}

/** Injected-typo evaluation. */
function evaluateInjected(notes: Note[], glossary: Glossary, lexicon: Lexicon, count: number, seed: number) {
  const random = createRandom(seed);
  const texts = notes.map(cleanText);
  const sites: Site[] = [];
  texts.forEach((text, n) => {
    const { occurrences } = analyzeText(text, glossary, { lexicon, english });
    const tokens = scanMarkdown(text).tokens;
    let t = 0;
    for (const occ of occurrences) {
      while (t < tokens.length && tokens[t].start < occ.start) t++;
      const words: string[] = [];
      const separators: string[] = [];
      let plain = true;
      for (let k = t; k < tokens.length && tokens[k].end <= occ.end; k++) {
        if (k > t) separators.push(text.slice(tokens[k - 1].end, tokens[k].start));
        words.push(text.slice(tokens[k].start, tokens[k].end));
        if (tokens[k].flags !== 0) plain = false;
      }
      if (!plain || words.length === 0 || separators.some((s) => s.includes('\n'))) continue;
      const before = text.slice(Math.max(0, occ.start - 3), occ.start);
      sites.push({ note: n, start: occ.start, end: occ.end, occurrence: { words, separators, acronym: occ.kind === FormKind.Acronym }, elided: /(^|[^\p{L}])(l|d|qu|j|n|s|c)['’]$/iu.test(before) });
    }
  });

  // Correct forms: acronyms in their exact case, other forms in any case.
  const correctForms = new Set(glossary.forms.map((f) => (f.caseSensitive ? f.text : normalizePunctuation(f.text).toLowerCase())));
  const isForm = (s: string) => correctForms.has(s) || correctForms.has(normalizePunctuation(s).toLowerCase());
  const results: InjectionResult[] = [];
  const excluded: Record<string, number> = { 'french-word': 0, 'french-unaccented': 0, 'capitals-unaccented': 0, 'glossary-form': 0, 'capital-name': 0 };
  const excludedKinds: Partial<Record<TypoKind, number>> = {};
  const seen = new Set<string>();
  for (let attempts = 0; results.length < count && attempts < count * 50 && sites.length > 0; attempts++) {
    const site = sites[Math.floor(random() * sites.length)];
    const kind = pickKind(applicableKinds(site.occurrence), random);
    if (!kind) continue;
    const typo = makeTypo(site.occurrence, kind, random);
    if (!typo) continue;
    const key = `${site.note}:${site.start}:${typo.text}`;
    const expected = typo.expected ?? texts[site.note].slice(site.start, site.end);
    if (seen.has(key)) continue;
    seen.add(key);
    // Not detectable by design: a French word, or another correct glossary form. Words are
    // taken as written between spaces and slashes, so a hyphenated compound is judged whole
    // ("sou-traitance" is no French word, though "sou" is).
    const originalWords = new Set(expected.split(/[\s/]+/).flatMap((w) => [w, ...w.split(/[-‐]/)]));
    const changed = typo.text.split(/[\s/]+/).map(stripElision).filter((w) => w.length > 0 && !originalWords.has(w));
    const foldedOriginal = new Set([...originalWords].map((w) => fold(stripElision(w))));
    let reason: string | undefined;
    if (isForm(typo.text) || changed.some(isForm)) reason = 'glossary-form';
    else if (changed.some((w) => lexicon.has(w.toLowerCase()))) reason = 'french-word';
    else if (changed.some((w) => !foldedOriginal.has(fold(w)) && hasAccentedVariant(w.toLowerCase(), lexicon))) reason = 'french-unaccented';
    else if (changed.some((w) => w.length > 1 && isAllUpper(w) && [...originalWords].some((o) => fold(o) === fold(w) && o.toUpperCase() !== w))) reason = 'capitals-unaccented';
    else if (isCapitalName(site, typo.text, texts[site.note])) reason = 'capital-name';
    if (reason) {
      excluded[reason]++;
      excludedKinds[kind] = (excludedKinds[kind] ?? 0) + 1;
      continue;
    }
    const clean = texts[site.note].slice(0, site.start) + expected + texts[site.note].slice(site.end);
    const text = texts[site.note].slice(0, site.start) + typo.text + texts[site.note].slice(site.end);
    const end = site.start + typo.text.length;
    const { findings } = analyzeText(text, glossary, { lexicon, english });
    const hit: Finding | undefined = findings.find((f) => f.start < end && f.end > site.start) ??
      findings.find((f) => f.edits?.some((e) => e.start < end && e.end > site.start));
    let rightFix = false;
    let got: string | undefined;
    if (hit) {
      const edits = getFixEdits(hit).filter((e) => e.start < end && e.end > site.start);
      const fixed = applyEdits(text, edits);
      rightFix = fixed === clean;
      got = edits.map((e) => e.newText).join(' ');
    }
    results.push({
      kind, elided: site.elided, detected: !!hit, rightFix, file: notes[site.note].name,
      original: expected, typo: typo.text, got, code: hit?.code, severity: hit?.severity,
    });
  }

  const summarise = (rs: InjectionResult[]) => ({
    injected: rs.length,
    detected: rs.filter((r) => r.detected).length,
    rightFixFirst: rs.filter((r) => r.rightFix).length,
    warnings: rs.filter((r) => r.severity === 'warning').length,
    recall: rs.length ? rs.filter((r) => r.detected).length / rs.length : 0,
    rightFixRate: rs.length ? rs.filter((r) => r.rightFix).length / rs.length : 0,
  });
  const byKind: Record<string, ReturnType<typeof summarise> & { excluded: number }> = {};
  for (const k of TYPO_KINDS) byKind[k] = { ...summarise(results.filter((r) => r.kind === k)), excluded: excludedKinds[k] ?? 0 };
  const severities: Record<string, number> = {};
  for (const r of results) if (r.severity) severities[r.severity] = (severities[r.severity] ?? 0) + 1;
  return {
    seed,
    sites: sites.length,
    ...summarise(results),
    excluded: Object.values(excluded).reduce((a, b) => a + b, 0),
    excludedBy: excluded,
    elided: summarise(results.filter((r) => r.elided)),
    byKind,
    severities,
    misses: results.filter((r) => !r.detected),
    wrongFixes: results.filter((r) => r.detected && !r.rightFix),
  };
}

/**
 * True when the typo is a one-word term written as a short word in capitals (under 6 letters)
 * on a line that is not in capitals: the checker reads such a word as a name or an acronym
 * ("AWS", "ACME-CLUD"; french.ts `mayBeTypo`), so a typo in it cannot be told from a name that
 * is spelt so. Typos of a multi-word term keep their context and are not excluded.
 */
function isCapitalName(site: Site, typo: string, text: string): boolean {
  if (site.occurrence.words.length !== 1) return false;
  const word = typo.split('/').find((w) => !SLASH_WORDS.has(w)) ?? typo;
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0 || letters.length >= 6 || letters !== letters.toUpperCase()) return false;
  let from = site.start;
  while (from > 0 && text[from - 1] !== '\n') from--;
  let to = site.end;
  while (to < text.length && text[to] !== '\n') to++;
  const line = text.slice(from, site.start) + text.slice(site.end, to);
  return line !== line.toUpperCase();
}

/** A word without the elided article or pronoun before it ("l'offshore" → "offshore"). */
function stripElision(w: string): string {
  return w.replace(/^(?:l|d|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu)['’]/i, '');
}

/** One glossary's results. */
interface GlossaryResult {
  name: string;
  entries: number;
  corpus: ReturnType<typeof evaluateCorpus>;
  injected: ReturnType<typeof evaluateInjected>;
}

function evaluateGlossary(g: GlossaryFile, o: Options, lexicon: Lexicon, out: string[]): GlossaryResult {
  const labels: LabelsFile = existsSync(g.labels) ? JSON.parse(readFileSync(g.labels, 'utf8')) : { files: {} };
  const glossary = compileGlossary([{ uri: g.path, text: readFileSync(g.path, 'utf8'), builtin: g.builtin }], { lexicon });
  for (const p of glossary.problems) console.error(`${g.name}: glossary: ${p.code} ${p.entry ?? ''} ${p.field ?? ''}: ${p.message}`);
  const notes = readNotes(o.folders, labels);
  const t0 = performance.now();
  const corpus = evaluateCorpus(notes, glossary, lexicon);
  const t1 = performance.now();
  const injected = evaluateInjected(notes, glossary, lexicon, o.count, o.seed);
  const t2 = performance.now();

  out.push(`=== ${g.name} (${glossary.entries.length} entries; labels ${basename(g.labels)})`);
  out.push(`Corpus: ${corpus.files} notes, ${corpus.words} words`);
  out.push(`Findings: ${corpus.findings} (${corpus.per10kWords.toFixed(2)} per 10k words) — true ${corpus.trueAlarms}, false ${corpus.falseAlarms}, unlabelled ${corpus.unlabelled}, missed ${corpus.missed.length}, wrong first fix ${corpus.wrongFixes}`);
  for (const code of FINDING_CODES) {
    const rows = corpus.list.filter((r) => r.code === code && (!o.quiet || r.verdict !== 'true' || r.rightFix === false));
    if (rows.length === 0) continue;
    out.push(`  ${code} (${rows.length})`);
    for (const r of rows) out.push(`    ${r.file}:${r.line}  ${r.word} → ${r.fix}  [${r.severity}] ${r.verdict.toUpperCase()}${r.rightFix === false ? ' (wrong fix)' : ''}`);
  }
  for (const m of corpus.missed) out.push(`  MISSED ${m.file}:${m.line}  ${m.word} → ${m.fix}`);
  if (corpus.unlabelledFiles.length > 0) out.push(`  Unlabelled files: ${corpus.unlabelledFiles.join(', ')}`);
  out.push(`Injected typos (seed ${injected.seed}, ${injected.sites} term occurrences): ${injected.injected} kept, ${injected.excluded} excluded (French word ${injected.excludedBy['french-word']}, French word without its accents ${injected.excludedBy['french-unaccented']}, capitals without accents ${injected.excludedBy['capitals-unaccented']}, glossary form ${injected.excludedBy['glossary-form']}, name in capitals ${injected.excludedBy['capital-name']})`);
  out.push(`${pad('kind', 18)}${padl('injected', 9)}${padl('excluded', 9)}${padl('recall', 10)}${padl('right fix', 11)}${padl('warning', 10)}`);
  const row = (name: string, s: { injected: number; detected: number; rightFixFirst: number; warnings: number }, excl: number | string) =>
    out.push(`${pad(name, 18)}${padl(s.injected, 9)}${padl(excl, 9)}${padl(pct(s.detected, s.injected), 10)}${padl(pct(s.rightFixFirst, s.injected), 11)}${padl(pct(s.warnings, s.detected), 10)}`);
  for (const k of TYPO_KINDS) if (!o.quiet || injected.byKind[k].injected > 0) row(k, injected.byKind[k], injected.byKind[k].excluded);
  row('(in elisions)', injected.elided, '');
  row('TOTAL', injected, injected.excluded);
  const shown = o.quiet ? 15 : 40;
  if (injected.misses.length > 0) {
    out.push(`Misses (first ${shown} of ${injected.misses.length}):`);
    for (const m of injected.misses.slice(0, shown)) out.push(`  [${m.kind}] ${m.original} → ${m.typo}`);
  }
  if (injected.wrongFixes.length > 0) {
    out.push(`Wrong first fixes (first ${shown} of ${injected.wrongFixes.length}):`);
    for (const m of injected.wrongFixes.slice(0, shown)) out.push(`  [${m.kind}] ${m.original} → ${m.typo} → got ${m.got} (${m.code})`);
  }
  out.push(`Time: corpus ${Math.round(t1 - t0)} ms, injected ${Math.round(t2 - t1)} ms`, '');
  return { name: g.name, entries: glossary.entries.length, corpus, injected };
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const lexicon = loadLexicon();
  const out: string[] = [`Notes: ${o.folders.join(', ')}`, ''];
  const results = o.glossaries.map((g) => evaluateGlossary(g, o, lexicon, out));

  // The summary: one row per glossary, as test/eval/README.md shows it.
  out.push('| glossaire | termes | mots lus | signalements | vrais / faux / manqués | faux pour 10 000 mots | fautes injectées (exclues) | rappel | bonne correction d\'abord |');
  out.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  const fr = (x: number, d = 2) => x.toFixed(d).replace('.', ',');
  for (const r of results) {
    const c = r.corpus;
    const i = r.injected;
    out.push(`| ${r.name} | ${r.entries} | ${c.words} | ${c.findings} | ${c.trueAlarms} / ${c.falseAlarms + c.unlabelled} / ${c.missed.length} | ${fr(c.words ? ((c.falseAlarms + c.unlabelled) * 10000) / c.words : 0)} | ${i.injected} (${i.excluded}) | ${fr(100 * i.recall)} % | ${fr(100 * i.rightFixRate)} % |`);
  }
  out.push('(faux = signalements qui ne sont pas une faute étiquetée, fichiers non étiquetés compris)');
  console.log(out.join('\n'));
  if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 2) + '\n');
}

main();
