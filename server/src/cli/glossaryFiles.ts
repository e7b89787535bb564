/**
 * `glossaire glossary convert` and `glossaire glossary validate`: commands on glossary files
 * (hooked into cli/glossary.ts).
 *
 *   glossaire glossary convert FILE [-o OUT]   JSON → Markdown, Markdown → JSON (by FILE's extension)
 *   glossaire glossary validate FILE…          located problems, one per line
 *
 * Exit codes: 0 valid (warnings may be printed), 1 errors in a glossary, 2 usage error or
 * unreadable file. `convert` writes nothing when its input has errors.
 */

import { existsSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { compileGlossary, GlossaryFileData, GlossaryProblem } from '../service/glossary';
import { compileMarkdownGlossary, parseMarkdownGlossary, serializeMarkdownGlossary } from '../service/glossaryMarkdown';
import { LineIndex } from '../service/positions';
import { Locale, t, toLocale } from '../service/messages';
import { loadLexicon } from '../node/resources';
import { ArgReader } from './args';

const HELP = {
  fr: `Utilisation : glossaire glossary convert|validate [options]

Commandes :
  convert FICHIER [-o SORTIE]  convertit un glossaire JSON en Markdown, ou Markdown en JSON
                               (selon l'extension de FICHIER ; sans -o, sur la sortie standard)
  validate FICHIER…            vérifie des glossaires (JSON ou Markdown) : une ligne par problème

Options :
  --labels fr|en       langue des étiquettes du Markdown écrit par convert (fr par défaut)
  --locale fr|en       langue des messages (selon LANG par défaut)
  -h, --help           cette aide

Codes de sortie : 0 glossaire valide, 1 erreurs dans le glossaire, 2 erreur d'usage ou fichier illisible.
`,
  en: `Usage: glossaire glossary convert|validate [options]

Commands:
  convert FILE [-o OUT]   converts a JSON glossary to Markdown, or Markdown to JSON
                          (by FILE's extension; without -o, to standard output)
  validate FILE…          checks glossaries (JSON or Markdown): one line per problem

Options:
  --labels fr|en       language of the labels of the Markdown convert writes (fr by default)
  --locale fr|en       message language (from LANG by default)
  -h, --help           this help

Exit codes: 0 valid glossary, 1 errors in the glossary, 2 usage error or unreadable file.
`,
};

interface GlossaryCommand {
  command: 'convert' | 'validate';
  files: string[];
  out?: string;
  labels: Locale;
  locale: Locale;
}

function parseArgs(command: 'convert' | 'validate', argv: string[]): GlossaryCommand | string {
  const locale = toLocale(process.env.GLOSSAIRE_LOCALE ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG);
  const args = new ArgReader(argv);
  const o: GlossaryCommand = { command, files: [], labels: 'fr', locale };
  for (let a = args.next(); a !== undefined; a = args.next()) {
    const value = () => args.value();
    switch (a) {
      case '-o': case '--output': o.out = value(); break;
      case '--labels': {
        const v = value();
        if (v !== 'fr' && v !== 'en') return `--labels: fr or en, not ${v}`;
        o.labels = v;
        break;
      }
      case '--locale': o.locale = toLocale(value()); break;
      case '-h': case '--help': return 'help';
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option: ${a}`;
        o.files.push(a);
    }
  }
  if (o.files.length === 0) return `${command}: a glossary file is needed`;
  if (command === 'convert' && o.files.length > 1) return 'convert: one file at a time';
  if (command === 'validate' && o.out) return 'validate: no -o';
  return o;
}

const isMarkdown = (path: string) => /\.(md|markdown)$/i.test(path);

/** A glossary file read and checked: its data and every problem located in its text. */
interface Checked {
  data?: GlossaryFileData;
  builtin?: boolean;
  problems: GlossaryProblem[];
}

/** Parses and checks a glossary file (the compile-time checks too: claims, misspellings…). */
function check(path: string, text: string, locale: Locale): Checked {
  const lexicon = { has: (w: string) => loadLexicon().has(w), get size() { return loadLexicon().size; } };
  if (isMarkdown(path)) {
    const md = parseMarkdownGlossary(text, path, { locale });
    const compiled = compileMarkdownGlossary(md, text, path, { locale, lexicon });
    return { data: md.data, builtin: md.builtin, problems: compiled.problems };
  }
  const glossary = compileGlossary([{ uri: path, text }], { locale, lexicon });
  const hasErrors = glossary.problems.some((p) => p.severity === 'error');
  let data: GlossaryFileData | undefined;
  if (!hasErrors) {
    data = parseJsonc(text, [], { allowTrailingComma: true }) as GlossaryFileData;
    delete data.$schema;
  }
  return { data, problems: glossary.problems };
}

/** "file:line:col: error: message (entry, field)". */
function formatLocated(shown: string, text: string, p: GlossaryProblem, locale: Locale): string {
  const pos = new LineIndex(text).positionAt(p.start);
  const severity = p.severity === 'error' ? (locale === 'fr' ? 'erreur' : 'error') : locale === 'fr' ? 'avertissement' : 'warning';
  return `${shown}:${pos.line + 1}:${pos.character + 1}: ${severity}: ${p.message}`;
}

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
function writeAtomic(path: string, content: string): void {
  const dir = mkdtempSync(join(dirname(path), `.${basename(path)}.glossaire-`));
  const tmp = join(dir, 'tmp');
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `glossaire glossary convert …` (argv after "convert"); returns the exit code. */
export function convertMain(argv: string[]): number {
  return run('convert', argv);
}

/** Runs `glossaire glossary validate …` (argv after "validate"); returns the exit code. */
export function validateMain(argv: string[]): number {
  return run('validate', argv);
}

function run(command: 'convert' | 'validate', argv: string[]): number {
  let parsed: GlossaryCommand | string;
  try { parsed = parseArgs(command, argv); } catch (e) { parsed = (e as Error).message; }
  const locale0 = toLocale(process.env.LANG);
  if (parsed === 'help') { process.stdout.write(HELP[locale0]); return 0; }
  if (typeof parsed === 'string') {
    process.stderr.write(`glossaire: ${parsed}\n\n${HELP[locale0]}`);
    return 2;
  }
  const o = parsed;
  let errors = false;
  let unreadable = false;
  const results: { path: string; text: string; checked: Checked }[] = [];
  for (const path of o.files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const detail = err.code === 'ENOENT' ? t(o.locale, 'glossary.no-such-file') : err.message;
      process.stderr.write(`glossaire: ${t(o.locale, 'glossary.unreadable', { path, detail })}\n`);
      unreadable = true;
      continue;
    }
    const checked = check(path, text, o.locale);
    const shown = relative(process.cwd(), path) || path;
    for (const p of checked.problems) {
      process.stderr.write(formatLocated(shown, text, p, o.locale) + '\n');
      if (p.severity === 'error') errors = true;
    }
    results.push({ path, text, checked });
  }
  if (unreadable) return 2;
  if (o.command === 'validate') return errors ? 1 : 0;

  // convert
  const [{ path, checked }] = results;
  if (errors || !checked.data) return 1;
  let output: string;
  if (isMarkdown(path)) {
    if (checked.builtin === false) {
      process.stderr.write(o.locale === 'fr'
        ? 'glossaire: « glossaire-intégré: non » n’a pas d’équivalent en JSON : il n’est pas converti.\n'
        : 'glossaire: "builtin: false" has no JSON equivalent: it is not converted.\n');
    }
    output = JSON.stringify(checked.data, null, 2) + '\n';
  } else {
    output = serializeMarkdownGlossary(checked.data, { labels: o.labels });
  }
  if (!o.out || o.out === '-') {
    process.stdout.write(output);
    return 0;
  }
  // Never overwrite the input with its own conversion.
  if (existsSync(o.out) && realpathSync(o.out) === realpathSync(path)) {
    process.stderr.write(`glossaire: ${o.out}: ${o.locale === 'fr' ? 'la sortie est le fichier d’entrée' : 'the output is the input file'}\n`);
    return 2;
  }
  try {
    writeAtomic(resolve(o.out), output);
  } catch (e) {
    process.stderr.write(`glossaire: ${o.out}: ${(e as Error).message}\n`);
    return 2;
  }
  return 0;
}
