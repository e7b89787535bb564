import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service/analyze';
import { compileMarkdownGlossary, parseMarkdownGlossary } from '../../server/src/service/glossaryMarkdown';
import { harvestDefinitions } from '../../server/src/service/harvest';
import { LineIndex } from '../../server/src/service/positions';
import { builtinGlossary, lexicon, ROOT } from './helpers';

const DIR = join(ROOT, 'examples', 'reseaux');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

/** The planted typos of examples/README.md's networking table: "file:line: written → fix". */
function plantedTypos(): string[] {
  return readFileSync(join(ROOT, 'examples', 'README.md'), 'utf8').split('\n')
    .filter((l) => /^\| \[reseaux\//.test(l))
    .map((row) => {
      const [file, line, written, fix] = row.split('|').slice(1, 5).map((c) => c.trim());
      const tick = (s: string) => /`([^`]+)`/.exec(s)![1];
      return `${/\[([^\]]+)\]/.exec(file)![1]}:${line}: ${tick(written)} → ${tick(fix)}`;
    });
}

describe('examples: the second course (networking)', () => {
  const text = read('glossaire.md');

  it('its Markdown glossary has 15–25 terms and no problem, even compiled with the built-in one', () => {
    const md = parseMarkdownGlossary(text, join(DIR, 'glossaire.md'));
    assert.deepEqual(md.problems, []);
    assert.ok(md.data.entries.length >= 15 && md.data.entries.length <= 25, String(md.data.entries.length));
    const { problems } = compileMarkdownGlossary(md, text, join(DIR, 'glossaire.md'), { lexicon: lexicon() });
    assert.deepEqual(problems, []);
  });

  it('its notes give exactly the typos examples/README.md lists, and nothing with the built-in glossary alone', () => {
    const md = parseMarkdownGlossary(text, join(DIR, 'glossaire.md'));
    const { glossary } = compileMarkdownGlossary(md, text, join(DIR, 'glossaire.md'), { lexicon: lexicon() });
    const expected = plantedTypos();
    assert.equal(expected.length, 7);
    const got: string[] = [];
    for (const file of ['01-adressage.md', '02-transport.md', '03-routage.md']) {
      const note = read(file);
      const lines = new LineIndex(note);
      for (const f of analyzeText(note, glossary, { lexicon }).findings) got.push(`reseaux/${file}:${lines.positionAt(f.start).line + 1}: ${f.word} → ${f.suggestions[0]}`);
      assert.deepEqual(analyzeText(note, builtinGlossary(), { lexicon }).findings.map((f) => f.word), [], file);
    }
    assert.deepEqual(got, expected);
  });

  it('the first note defines NAT the way harvesting finds; the second defines nothing', () => {
    const [nat, ...rest] = harvestDefinitions(read('01-adressage.md'));
    assert.equal(rest.length, 0);
    assert.equal(nat.term, 'NAT');
    assert.match(nat.definition, /^traduction des adresses privées .*\nfaite par le routeur de sortie\.$/s);
    assert.deepEqual(harvestDefinitions(read('02-transport.md')), []);
  });

  it('the third note defines a term of the course glossary (the hover shows both) and one of its own', () => {
    const defs = harvestDefinitions(read('03-routage.md'));
    assert.deepEqual(defs.map((d) => d.term), ['routeur', 'table de routage']);
    assert.match(defs[0].definition, /^la boîte qui relie deux réseaux .*\nenvoyer\.$/s);
    assert.ok(parseMarkdownGlossary(text, join(DIR, 'glossaire.md')).data.entries.some((e) => e.term === 'routeur'));
    assert.ok(!parseMarkdownGlossary(text, join(DIR, 'glossaire.md')).data.entries.some((e) => e.term === 'table de routage'));
  });
});
