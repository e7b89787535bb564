/**
 * `glossaire glossary export --format md|anki|csv [--glossary FILE] [paths…] [-o FILE]`:
 * writes a course's concepts as a Markdown glossary (linked to the notes using them), an Anki
 * import file or CSV, on stdout or in a file. The notes are analysed by the same core.
 * Exit codes: 0 written, 2 usage, glossary or file errors (nothing is written when a glossary
 * cannot be read; with invalid entries, the valid ones are still exported).
 */

import { renameSync, writeFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileProblemMessage, isMarkdownName, printablePath, readTextFile, walkFiles } from '../node/files';
import { compileGlossary, formatProblem, GlossarySource } from '../service/glossary';
import { harvestDefinitions } from '../service/harvest';
import { compileHarvested, HarvestedNote } from '../service/harvested';
import { composeChain } from '../service/scope';
import { notesOnlyTerms } from '../service/study/courses';
import { Locale, t, toLocale } from '../service/messages';
import { LineIndex } from '../service/positions';
import { createGlossaireService } from '../service/service';
import { collectUses, EXPORT_FORMATS, ExportFormat, formatExport, readGlossaryName, toExportConcepts } from '../service/study/export';
import { getBuiltinGlossaryPath, loadLexicon } from '../node/resources';
import { ArgReader } from './args';

interface ExportOptions {
  format?: ExportFormat;
  glossaries: string[];
  paths: string[];
  output?: string;
  locale: Locale;
  reverse: boolean;
  deck?: string;
  notetype?: string;
}

/** Largest glossary file read (bytes). */
const MAX_GLOSSARY_BYTES = 20 * 1024 * 1024;

const HELP = {
  fr: `Utilisation : glossaire glossary export --format md|anki|csv [options] [chemins…]

Écrit les concepts d'un cours : glossaire Markdown (avec les notes qui les emploient),
fichier d'import Anki, ou CSV. Les notes (*.md des chemins, . par défaut) donnent les liens,
et les termes qu'elles seules définissent (« **Terme** : définition »…) s'ajoutent aux concepts.

Options :
  --format md|anki|csv  format (obligatoire)
  --glossary FICHIER    exporte ce glossaire au lieu du glossaire intégré (répétable)
  -o, --output FICHIER  écrit dans ce fichier (sortie standard par défaut)
  --reverse             Anki : deux cartes par concept (terme → définition et l'inverse)
  --deck NOM            Anki : paquet (Glossaire::<nom du glossaire> par défaut)
  --notetype NOM        Anki : type de note (« Basique » par défaut)
  --locale fr|en        langue (selon LANG par défaut)
  -h, --help            cette aide
`,
  en: `Usage: glossaire glossary export --format md|anki|csv [options] [paths…]

Writes a course's concepts: a Markdown glossary (with the notes using them), an Anki import
file, or CSV. The notes (*.md under the paths, . by default) give the links, and the terms only
they define ("**Term**: definition"…) join the concepts.

Options:
  --format md|anki|csv  format (required)
  --glossary FILE       export this glossary instead of the built-in one (repeatable)
  -o, --output FILE     write to this file (standard output by default)
  --reverse             Anki: two cards per concept (term → definition and back)
  --deck NAME           Anki: deck (Glossaire::<glossary name> by default)
  --notetype NAME       Anki: note type ("Basic" by default)
  --locale fr|en        language (from LANG by default)
  -h, --help            this help
`,
};

function parse(argv: string[], locale: Locale): ExportOptions | string {
  const o: ExportOptions = { glossaries: [], paths: [], locale, reverse: false };
  const args = new ArgReader(argv);
  for (let a = args.next(); a !== undefined; a = args.next()) {
    const value = () => args.value();
    switch (a) {
      case '--format': {
        const v = value();
        if (!(EXPORT_FORMATS as string[]).includes(v)) return t(locale, 'study.cli.badFormat', { value: v });
        o.format = v as ExportFormat;
        break;
      }
      case '--glossary': o.glossaries.push(value()); break;
      case '-o': case '--output': o.output = value(); break;
      case '--reverse': o.reverse = true; break;
      case '--deck': o.deck = value(); break;
      case '--notetype': o.notetype = value(); break;
      case '--locale': o.locale = toLocale(value()); break;
      case '-h': case '--help': return 'help';
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option: ${a}`;
        o.paths.push(a);
    }
  }
  if (!o.format) return t(o.locale, 'study.cli.noFormat');
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

/** Runs `glossaire glossary export` (argv after "export"); returns the exit code. */
export function exportMain(argv: string[]): number {
  const envLocale = toLocale(process.env.GLOSSAIRE_LOCALE ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG);
  let parsed: ExportOptions | string;
  try { parsed = parse(argv, envLocale); } catch (e) { parsed = (e as Error).message; }
  if (parsed === 'help') { process.stdout.write(HELP[envLocale]); return 0; }
  if (typeof parsed === 'string') {
    process.stderr.write(`glossaire: ${parsed}\n\n${HELP[envLocale]}`);
    return 2;
  }
  const o = parsed;
  let failed = false;
  const fail = (message: string) => {
    process.stderr.write(`glossaire: ${message}\n`);
    failed = true;
  };

  const builtin = getBuiltinGlossaryPath();
  const paths = o.glossaries.length > 0 ? o.glossaries : [builtin];
  const sources: GlossarySource[] = [];
  for (const p of paths) {
    // Bounded reads of regular UTF-8 files only: a link to a device or a FIFO never hangs.
    const r = readTextFile(p, MAX_GLOSSARY_BYTES);
    if (r.ok) sources.push({ uri: p, text: (r.bom ? '\uFEFF' : '') + r.text, builtin: p === builtin });
    else if (r.problem.kind === 'unreadable' && r.problem.detail === 'ENOENT') {
      fail(t(o.locale, 'glossary.unreadable', { path: printablePath(p), detail: t(o.locale, 'glossary.no-such-file') }));
    } else fail(fileProblemMessage(o.locale, r.problem, printablePath(p)));
  }
  // A glossary that cannot be read exports nothing (an empty file would look like a success).
  if (failed) return 2;
  const lexicon = { has: (w: string) => loadLexicon().has(w), get size() { return loadLexicon().size; } };
  const glossary = compileGlossary(sources, { locale: o.locale, lexicon });
  for (const p of glossary.problems) {
    process.stderr.write(formatProblem({ ...p, uri: relative(process.cwd(), p.uri) || p.uri }, o.locale) + '\n');
    if (p.severity === 'error') failed = true;
  }
  const walked = walkFiles(o.paths, isMarkdownName);
  for (const p of walked.problems) fail(fileProblemMessage(o.locale, p, printablePath(p.path)));
  // First pass: the terms the notes define that the glossary lacks join the concepts (as in the
  // editor's export); the notes are read again below, one at a time, as `check` does.
  const harvested: HarvestedNote[] = [];
  for (const file of walked.files) {
    const r = readTextFile(file);
    if (!r.ok) continue; // told in the second pass
    const definitions = harvestDefinitions(r.text);
    if (definitions.length === 0) continue;
    const lines = new LineIndex(r.text);
    harvested.push({ uri: resolve(file), definitions, positions: definitions.map((d) => lines.positionAt(d.termRange.start)) });
  }
  const part = compileHarvested(harvested, t(o.locale, 'scope.harvested'), { locale: o.locale }).glossary;
  const fromNotes = notesOnlyTerms(glossary.entries.map((e) => ({ term: e.term, names: e.allForms })), part.entries.map((e) => ({ term: e.term, names: e.allForms, entry: e })))
    .map((h) => h.entry);
  const chain = fromNotes.length > 0 ? composeChain([{ glossary }, { glossary: part }]).glossary : glossary;
  const concepts = [...glossary.entries, ...fromNotes.map((e) => chain.byId.get(e.id) ?? e)];
  const service = createGlossaireService({ glossary: chain, lexicon: () => loadLexicon(), locale: o.locale });

  // Links are relative to the exported file's folder (the current folder for stdout).
  const base = o.output ? dirname(resolve(o.output)) : process.cwd();
  const notes: { label: string; href: string; occurrences: { entryId: string; line: number }[] }[] = [];
  for (const file of walked.files) {
    const r = readTextFile(file);
    if (!r.ok) {
      fail(fileProblemMessage(o.locale, r.problem, printablePath(file)));
      continue;
    }
    const text = r.text;
    const lines = new LineIndex(text);
    const { occurrences } = service.analyze(text);
    notes.push({
      label: toSlashes(relative(process.cwd(), file) || basename(file)),
      href: toSlashes(relative(base, file)),
      occurrences: occurrences.map((oc) => ({ entryId: oc.entryId, line: lines.positionAt(oc.start).line })),
    });
  }
  const uses = collectUses(notes);
  const first = sources[0];
  const title = readGlossaryName(first?.text) ?? 'Glossaire';
  const courseId = !first || first.builtin ? 'builtin' : basename(first.uri).replace(/(\.glossaire)?\.json$/i, '');
  const text = formatExport({ title, courseId, concepts: toExportConcepts({ entries: concepts }, (id) => uses.get(id) ?? []) }, o.format!, o.locale,
    { reverse: o.reverse, deck: o.deck, notetype: o.notetype });

  if (!o.output) process.stdout.write(text);
  else {
    const tmp = join(dirname(resolve(o.output)), `.${basename(o.output)}.glossaire-${process.pid}`);
    try {
      // A whole file or none: written beside the target, then renamed over it.
      writeFileSync(tmp, text);
      renameSync(tmp, o.output);
      process.stderr.write(t(o.locale, 'study.cli.written', { count: concepts.length, file: o.output, format: o.format! }) + '\n');
    } catch (e) {
      rmSync(tmp, { force: true });
      fail(t(o.locale, 'study.cli.cannotWrite', { file: o.output, detail: (e as Error).message }));
    }
  }
  return failed ? 2 : 0;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
