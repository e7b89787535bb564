// The Markdown injection grammar (syntaxes/glossaire.injection.tmLanguage.json) is generated
// from the built-in glossary by scripts/build-grammar.mjs. These tests fail when the committed
// file drifts from the glossary, and check what its patterns match (with JavaScript's regex
// engine, which agrees with Oniguruma on the constructs the generator uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPackageRoot } from '../../server/src/node/resources';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = getPackageRoot();

interface Entry {
  id: string;
  term: string;
  forms?: string[];
  synonyms?: string[];
  acronyms?: string[];
  misspellings?: string[];
}
interface Pattern {
  name: string;
  match: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, Pattern>;
}
interface Generator {
  expectedGrammarText(): string;
  buildGrammar(glossary: unknown): Grammar;
  GRAMMAR_PATH: string;
  SCOPE_NAME: string;
}

const loadGenerator = () =>
  import(pathToFileURL(join(root, 'scripts', 'build-grammar.mjs')).href) as Promise<Generator>;
const glossary = JSON.parse(readFileSync(join(root, 'glossary', 'externalisation.json'), 'utf8')) as { entries: Entry[] };
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Compiles a generated Oniguruma pattern as a global JavaScript regex. */
function toRegExp(p: Pattern): RegExp {
  const caseInsensitive = p.match.startsWith('(?i)');
  return new RegExp(caseInsensitive ? p.match.slice(4) : p.match, caseInsensitive ? 'giu' : 'gu');
}

/** What the grammar's patterns match in a line, as [text, scope] pairs, leftmost first. */
function scan(grammar: Grammar, line: string): [string, string][] {
  const out: [string, string][] = [];
  let pos = 0;
  const patterns = grammar.patterns.map((p) => grammar.repository[p.include.slice(1)]);
  for (;;) {
    let best: { index: number; text: string; name: string } | undefined;
    for (const p of patterns) {
      const re = toRegExp(p);
      re.lastIndex = pos;
      const m = re.exec(line);
      // TextMate takes the leftmost match; on a tie, the pattern listed first.
      if (m && (!best || m.index < best.index)) best = { index: m.index, text: m[0], name: p.name };
    }
    if (!best) return out;
    out.push([best.text, best.name]);
    pos = best.index + best.text.length;
  }
}

test('the committed grammar is exactly what the glossary generates', async () => {
  const gen = await loadGenerator();
  const committed = readFileSync(gen.GRAMMAR_PATH, 'utf8');
  assert.equal(committed, gen.expectedGrammarText(),
    'syntaxes/glossaire.injection.tmLanguage.json is out of date: run `node scripts/build-grammar.mjs` and commit it');
});

test('package.json contributes the grammar as an injection into Markdown', async () => {
  const gen = await loadGenerator();
  const grammars = manifest.contributes?.grammars as { scopeName: string; path: string; injectTo?: string[] }[];
  const g = grammars?.find((x) => x.scopeName === gen.SCOPE_NAME);
  assert.ok(g, 'contributes.grammars has no entry for the injection grammar');
  assert.equal(join(root, g.path), gen.GRAMMAR_PATH);
  assert.deepEqual(g.injectTo, ['text.html.markdown']);
});

test('every correct form of every entry is matched whole, with its own scope', async () => {
  const grammar = (await loadGenerator()).buildGrammar(glossary);
  for (const e of glossary.entries) {
    for (const form of [e.term, ...(e.forms ?? []), ...(e.synonyms ?? []), ...(e.acronyms ?? [])]) {
      const found = scan(grammar, `Dans mes notes : ${form}, vu en cours.`);
      assert.deepEqual(found.map(([text]) => text), [form], `${e.id}: "${form}"`);
      assert.match(found[0][1], /\.glossaire$/);
    }
  }
});

test('misspellings are not coloured (the squiggle marks them)', async () => {
  const grammar = (await loadGenerator()).buildGrammar(glossary);
  for (const e of glossary.entries) {
    for (const bad of e.misspellings ?? []) {
      assert.deepEqual(scan(grammar, `Une faute : ${bad} ici.`), [], `${e.id}: misspelling "${bad}"`);
    }
  }
});

test('terms ignore case and accept typographic apostrophes, acronyms keep their case', async () => {
  const grammar = (await loadGenerator()).buildGrammar(glossary);
  const texts = (line: string) => scan(grammar, line).map(([text]) => text);
  assert.deepEqual(texts("L'Infogérance et l’externalisation du SI."), ['Infogérance', 'externalisation', 'SI']);
  assert.deepEqual(texts('Le système d’information'), ['système d’information']);
  assert.deepEqual(texts('Si on veut, si besoin'), []);
  assert.deepEqual(texts('Le modèle Saas ou SAAS'), []);
  assert.deepEqual(texts('Le modèle SaaS'), ['SaaS']);
});

test('the longest form wins and words are matched whole', async () => {
  const grammar = (await loadGenerator()).buildGrammar(glossary);
  const texts = (line: string) => scan(grammar, line).map(([text]) => text);
  assert.deepEqual(texts('Le cloud computing et les clouds'), ['cloud computing', 'clouds']);
  assert.deepEqual(texts('des sous-traitances, un sous-traitant'), ['sous-traitances', 'sous-traitant']);
  assert.deepEqual(texts('cloudflare, prestataireX, externalisationnel'), []);
  assert.deepEqual(texts('la relocalisation et la localisation'), []);
});

test('code, link targets and HTML are left alone', async () => {
  const grammar = (await loadGenerator()).buildGrammar(glossary);
  for (const scope of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'markup.underline.link']) {
    assert.ok(grammar.injectionSelector.includes(`-${scope}`), `selector excludes ${scope}`);
  }
  assert.ok(grammar.injectionSelector.startsWith('L:text.html.markdown'));
});
