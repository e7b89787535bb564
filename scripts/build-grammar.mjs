// Builds syntaxes/glossaire.injection.tmLanguage.json: a TextMate injection grammar that gives
// the built-in glossary's terms their own scope inside Markdown prose, so themes colour them.
// esbuild.mjs runs it on every build; the output is committed and test/unit/grammar.test.ts
// fails when it drifts from the glossary. `--check` exits 1 instead of writing.
//
// Design:
// - Two patterns: correct forms (term, forms, synonyms) matched case-insensitively, and
//   acronyms matched with their exact case ("SI" is a concept, "si" is French for "if").
//   A term that is also one of its entry's acronyms ("SaaS", "BPO") is an acronym here.
// - Each pattern is one alternation sorted longest first, so "cloud computing" wins over
//   "cloud" and "sous-traitances" over "sous-traitance" at the same position (separate
//   patterns would let the first listed win instead).
// - Word edges are look-arounds on Unicode letters, marks and digits (\b is not reliable on
//   accented letters); spaces match any run of whitespace, apostrophes ' or ’, hyphens any dash
//   variant a student's keyboard produces.
// - The injection selector leaves code (fenced, indented, inline), link targets, HTML and
//   front matter alone: only prose is coloured, as the checker only checks prose.
// - Misspellings are never coloured: the squiggle is their highlight.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Path of the glossary the grammar is generated from. */
export const GLOSSARY_PATH = join(root, 'glossary', 'externalisation.json');
/** Path of the generated grammar. */
export const GRAMMAR_PATH = join(root, 'syntaxes', 'glossaire.injection.tmLanguage.json');

/** The grammar's scope name (package.json contributes.grammars refers to it). */
export const SCOPE_NAME = 'glossaire.injection';
/** Scope given to a glossary term: a standard root (themes colour it) + our own suffix. */
export const TERM_SCOPE = 'entity.name.type.term.glossaire';
/** Scope given to a glossary acronym. */
export const ACRONYM_SCOPE = 'entity.name.type.acronym.glossaire';

const INJECTION_SELECTOR = [
  'L:text.html.markdown',
  '-markup.fenced_code',
  '-markup.raw',
  '-markup.inline.raw',
  '-markup.underline.link',
  '-meta.link.reference.def',
  '-meta.embedded',
  '-meta.tag',
  '-comment',
].join(' ');

/** Word edges: no letter, combining mark, digit or underscore on either side. */
const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';

/** Escapes one character for an Oniguruma (and JavaScript) regular expression. */
function escapeChar(ch) {
  return /[\\^$.|?*+()[\]{}\/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * The regex source of one form: spaces match runs of whitespace, apostrophes and hyphens match
 * their typographic variants.
 * @param {string} form
 */
export function formPattern(form) {
  let out = '';
  let space = false;
  for (const ch of form.normalize('NFC').trim()) {
    if (/\s/.test(ch)) {
      if (!space) out += '\\s+';
      space = true;
      continue;
    }
    space = false;
    if (/['’ʼ‘]/.test(ch)) out += "['’ʼ]";
    else if (/[-‐‑‒–]/.test(ch)) out += '[-‐‑]';
    else out += escapeChar(ch);
  }
  return out;
}

/**
 * Splits the glossary's correct forms into case-insensitive forms and exact-case acronyms,
 * each list de-duplicated and sorted longest first (then alphabetically, for a stable output).
 * @param {{entries: Array<{term: string, forms?: string[], synonyms?: string[], acronyms?: string[]}>}} glossary
 * @returns {{forms: string[], acronyms: string[]}}
 */
export function collectForms(glossary) {
  const forms = new Map(); // lower-case → as written
  const acronyms = new Set();
  for (const entry of glossary.entries ?? []) {
    const exact = new Set(entry.acronyms ?? []);
    for (const a of exact) acronyms.add(a.normalize('NFC'));
    for (const f of [entry.term, ...(entry.forms ?? []), ...(entry.synonyms ?? [])]) {
      if (typeof f !== 'string' || !f.trim()) continue;
      const nfc = f.normalize('NFC').trim();
      if (exact.has(f)) acronyms.add(nfc);
      else if (!forms.has(nfc.toLowerCase())) forms.set(nfc.toLowerCase(), nfc);
    }
  }
  const order = (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
  return { forms: [...forms.values()].sort(order), acronyms: [...acronyms].sort(order) };
}

/**
 * The injection grammar for a glossary (plain JSON data).
 * @param {object} glossary parsed glossary file
 * @param {string} [source] file name recorded in the header comment
 */
export function buildGrammar(glossary, source = 'glossary/externalisation.json') {
  const { forms, acronyms } = collectForms(glossary);
  const alternation = (list) => list.map(formPattern).join('|');
  const patterns = [];
  const repository = {};
  if (forms.length > 0) {
    patterns.push({ include: '#terms' });
    repository.terms = {
      comment: `${forms.length} forms, case-insensitive`,
      name: TERM_SCOPE,
      match: `(?i)${BEFORE}(?:${alternation(forms)})${AFTER}`,
    };
  }
  if (acronyms.length > 0) {
    patterns.push({ include: '#acronyms' });
    repository.acronyms = {
      comment: `${acronyms.length} acronyms, exact case`,
      name: ACRONYM_SCOPE,
      match: `${BEFORE}(?:${alternation(acronyms)})${AFTER}`,
    };
  }
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    comment: `Generated by scripts/build-grammar.mjs from ${source}: do not edit by hand.`,
    scopeName: SCOPE_NAME,
    injectionSelector: INJECTION_SELECTOR,
    patterns,
    repository,
  };
}

/** The grammar file's text (stable formatting, final newline). */
export function serializeGrammar(grammar) {
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

/** The text the grammar file should have, from the glossary on disk. */
export function expectedGrammarText() {
  return serializeGrammar(buildGrammar(JSON.parse(readFileSync(GLOSSARY_PATH, 'utf8'))));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const expected = expectedGrammarText();
  const current = existsSync(GRAMMAR_PATH) ? readFileSync(GRAMMAR_PATH, 'utf8') : '';
  if (current === expected) process.exit(0);
  if (process.argv.includes('--check')) {
    console.error(`grammar: ${GRAMMAR_PATH} is out of date; run node scripts/build-grammar.mjs`);
    process.exit(1);
  }
  writeFileSync(GRAMMAR_PATH, expected);
  console.log(`grammar: wrote ${GRAMMAR_PATH}`);
}
