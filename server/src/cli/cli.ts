/**
 * `glossaire check [paths…]`: the command-line checker, over the same core as the server.
 * Exit codes: 0 clean, 1 findings, 2 usage or glossary errors.
 */

import { mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Finding } from '../service/analyze';
import { applyEdits, getFixAllEdits } from '../service/fixes';
import { compileGlossary, formatProblem, GlossarySource } from '../service/glossary';
import { LineIndex } from '../service/positions';
import { createGlossaireService } from '../service/service';
import { Locale, t, toLocale } from '../service/messages';
import { findingMessage } from '../service/diagnostics';
import { getBuiltinGlossaryPath, loadLexicon } from '../node/resources';
import { glossaryMain } from './glossary';

const VERSION = '0.1.0';

interface CliOptions {
  paths: string[];
  format: 'text' | 'json';
  fix: boolean;
  glossaries: string[];
  builtin: boolean;
  locale: Locale;
  quiet: boolean;
}

const HELP = {
  fr: `Utilisation : glossaire check [options] [chemins…]

Vérifie l'orthographe des termes du glossaire dans des notes Markdown
(les dossiers sont parcourus à la recherche de fichiers *.md).

Options :
  --format text|json   format de sortie (text par défaut)
  --fix                corrige les fichiers avec la première suggestion
  --glossary FICHIER   ajoute un glossaire (répétable)
  --no-builtin         n'utilise pas le glossaire intégré
  --locale fr|en       langue des messages (selon LANG par défaut)
  -q, --quiet          n'affiche pas la ligne de progression
  -h, --help           cette aide
  -v, --version        version

Codes de sortie : 0 aucune faute, 1 fautes trouvées, 2 erreur d'usage ou de glossaire.
`,
  en: `Usage: glossaire check [options] [paths…]

Checks the spelling of glossary terms in Markdown notes
(folders are searched for *.md files).

Options:
  --format text|json   output format (text by default)
  --fix                fix files with the first suggestion
  --glossary FILE      add a glossary (repeatable)
  --no-builtin         do not use the built-in glossary
  --locale fr|en       message language (from LANG by default)
  -q, --quiet          no progress line
  -h, --help           this help
  -v, --version        version

Exit codes: 0 no findings, 1 findings, 2 usage or glossary error.
`,
};

function parseArgs(argv: string[]): CliOptions | string {
  const envLocale = toLocale(process.env.GLOSSAIRE_LOCALE ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG);
  const o: CliOptions = { paths: [], format: 'text', fix: false, glossaries: [], builtin: true, locale: envLocale, quiet: false };
  const args = [...argv];
  if (args[0] === 'check') args.shift();
  else if (args.length > 0 && !args[0].startsWith('-')) return `unknown command: ${args[0]}`;
  while (args.length > 0) {
    const a = args.shift()!;
    const value = () => {
      const v = args.shift();
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') return `--format: text or json, not ${v}`;
        o.format = v;
        break;
      }
      case '--fix': o.fix = true; break;
      case '--glossary': o.glossaries.push(value()); break;
      case '--no-builtin': o.builtin = false; break;
      case '--locale': o.locale = toLocale(value()); break;
      case '-q': case '--quiet': o.quiet = true; break;
      case '-h': case '--help': return 'help';
      case '-v': case '--version': return 'version';
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option: ${a}`;
        o.paths.push(a);
    }
  }
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

/** Expands folders into their *.md files (skipping node_modules and dot-folders). */
function collectFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    // A folder is walked once however many links lead to it (a link to a parent looped until
    // ELOOP crashed the CLI); an unreadable entry (a dangling link) is reported and skipped.
    let names: string[];
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      names = readdirSync(dir).sort();
    } catch (e) {
      process.stderr.write(`glossaire: ${dir}: ${(e as Error).message}\n`);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch (e) {
        process.stderr.write(`glossaire: ${p}: ${(e as Error).message}\n`);
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (/\.(md|markdown)$/i.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { missing.push(p); continue; }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
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

/** Runs the CLI; returns the exit code. */
export function main(argv: string[]): number {
  if (argv[0] === 'glossary') return glossaryMain(argv.slice(1));
  let parsed: CliOptions | string;
  try { parsed = parseArgs(argv); } catch (e) { parsed = (e as Error).message; }
  const locale0 = toLocale(process.env.LANG);
  if (parsed === 'help') { process.stdout.write(HELP[locale0]); return 0; }
  if (parsed === 'version') { process.stdout.write(`glossaire ${VERSION}\n`); return 0; }
  if (typeof parsed === 'string') {
    process.stderr.write(`glossaire: ${parsed}\n\n${HELP[locale0]}`);
    return 2;
  }
  const o = parsed;
  let usageError = false;

  const sources: GlossarySource[] = [];
  const glossaryPaths = [...(o.builtin ? [getBuiltinGlossaryPath()] : []), ...o.glossaries];
  for (const p of glossaryPaths) {
    try {
      sources.push({ uri: p, text: readFileSync(p, 'utf8'), builtin: p === getBuiltinGlossaryPath() });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const detail = err.code === 'ENOENT' ? t(o.locale, 'glossary.no-such-file') : err.message;
      process.stderr.write(`glossaire: ${t(o.locale, 'glossary.unreadable', { path: p, detail })}\n`);
      usageError = true;
    }
  }
  // The lexicon (loaded on first use) flags misspellings that are French words.
  const lexicon = { has: (w: string) => loadLexicon().has(w), get size() { return loadLexicon().size; } };
  const glossary = compileGlossary(sources, { locale: o.locale, lexicon });
  const service = createGlossaireService({ glossary, lexicon: () => loadLexicon(), locale: o.locale });
  for (const p of glossary.problems) {
    process.stderr.write(formatProblem({ ...p, uri: relative(process.cwd(), p.uri) || p.uri }, o.locale) + '\n');
    if (p.severity === 'error') usageError = true;
  }

  const { files, missing } = collectFiles(o.paths);
  for (const m of missing) {
    process.stderr.write(`glossaire: ${m}: ${o.locale === 'fr' ? 'fichier ou dossier introuvable' : 'no such file or directory'}\n`);
    usageError = true;
  }
  const progress = !o.quiet && process.stderr.isTTY && files.length > 20;
  const json: unknown[] = [];
  let total = 0;
  let fixedFiles = 0;
  files.forEach((file, k) => {
    if (progress && (k % 10 === 0 || k === files.length - 1)) process.stderr.write(`\r${k + 1}/${files.length} ${relative(process.cwd(), file).slice(-60).padEnd(60)}`);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) {
      process.stderr.write(`glossaire: ${file}: ${(e as Error).message}\n`);
      usageError = true;
      return;
    }
    const { findings } = service.analyze(text);
    if (findings.length === 0) return;
    total += findings.length;
    const lines = new LineIndex(text);
    const shown = relative(process.cwd(), file) || file;
    for (const f of findings) report(shown, f, lines, o, json);
    if (o.fix) {
      const fixed = applyEdits(text, getFixAllEdits(findings));
      if (fixed !== text) {
        writeAtomic(file, fixed);
        fixedFiles++;
        for (const f of findings) {
          const p = lines.positionAt(f.start);
          if (o.format === 'text') process.stdout.write(`${shown}:${p.line + 1}:${p.character + 1}: ${o.locale === 'fr' ? 'corrigé' : 'fixed'} « ${f.word} » → « ${f.edits ? '…' : f.suggestions[0]} »\n`);
        }
      }
    }
  });
  if (progress) process.stderr.write('\r' + ' '.repeat(72) + '\r');
  if (o.format === 'json') process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  else if (!o.quiet) {
    const summary = o.locale === 'fr'
      ? `${files.length} fichier(s) vérifié(s), ${total} faute(s)${o.fix ? `, ${fixedFiles} fichier(s) corrigé(s)` : ''}.`
      : `${files.length} file(s) checked, ${total} finding(s)${o.fix ? `, ${fixedFiles} file(s) fixed` : ''}.`;
    process.stderr.write(summary + '\n');
  }
  if (usageError) return 2;
  return total > 0 && !o.fix ? 1 : 0;

  function report(shown: string, f: Finding, lines: LineIndex, opts: CliOptions, out: unknown[]) {
    const range = lines.rangeAt(f.start, f.end);
    const message = findingMessage(f, opts.locale);
    if (opts.format === 'json') {
      out.push({ file: shown, range, severity: f.severity, code: f.code, message, word: f.word, suggestions: f.suggestions });
    } else {
      process.stdout.write(`${shown}:${range.start.line + 1}:${range.start.character + 1}: ${f.severity}: ${message}\n`);
    }
  }
}

if (require.main === module) {
  // A short-lived process: V8's young generation is kept at its initial size (two 1 MiB
  // semi-spaces) instead of growing to 16 MiB ones that a run of a few hundred milliseconds
  // never needs. Peak RSS of a 1 MB note −9 MiB, same time. (A flag read when the space
  // would grow, so setting it now is safe; it only exists for this process.)
  setFlagsFromString('--semi-space-growth-factor=1');
  process.exitCode = main(process.argv.slice(2));
}
