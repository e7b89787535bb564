import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'glossaire-glossary-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `node dist/cli.js glossary …` in the temporary folder. */
function run(args: string[], locale = 'fr'): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  const r = spawnSync(process.execPath, [CLI, 'glossary', ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, GLOSSAIRE_LOCALE: locale, LANG: locale } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTmp(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const BUILTIN = join(ROOT, 'glossary', 'externalisation.json');

describe('cli: glossary convert and validate', { concurrency: true }, () => {
  it('converts the built-in glossary to Markdown and back to the same data', () => {
    const md = run(['convert', BUILTIN, '-o', 'ext.glossaire.md']);
    assert.equal(md.code, 0, md.stderr);
    const text = readFileSync(join(tmp, 'ext.glossaire.md'), 'utf8');
    assert.match(text, /^---\ntitre: Externalisation des systèmes d'information\n/);
    assert.match(text, /\n## infogérance\n/);
    const json = run(['convert', 'ext.glossaire.md']);
    assert.equal(json.code, 0, json.stderr);
    const expected = JSON.parse(readFileSync(BUILTIN, 'utf8'));
    delete expected.$schema;
    assert.deepEqual(JSON.parse(json.stdout), expected);
  });

  it('writes English labels on request', () => {
    const r = run(['convert', BUILTIN, '--labels', 'en']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^---\ntitle: /);
    assert.match(r.stdout, /- \*\*Common misspellings:\*\* inforgérance/);
  });

  it('validates: located problems, exit 1 on errors, 0 on warnings only', () => {
    const bad = writeTmp('cours.glossaire.md', '# Réseau\n\n## routeur\n\nRelie des réseaux.\n\n- **Voir aussi :** modem\n- **Remarque :** x\n');
    const r = run(['validate', bad]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'cours.glossaire.md:7:20: erreur: « modem » (Voir aussi) ne nomme aucun terme de ce glossaire.',
      'cours.glossaire.md:8:5: avertissement: « Remarque » n’est pas une étiquette connue (Synonymes, Sigles, Formes, Fautes fréquentes, Avantages, Inconvénients, Exemples, Sorte de, Voir aussi, Source) : la ligne est lue comme du texte.',
    ]);
    const warn = run(['validate', writeTmp('w.glossaire.md', '# A\n\n## routeur\n\nRelie.\n\n- **Remarque :** x\n')], 'en');
    assert.equal(warn.code, 0);
    assert.match(warn.stderr, /^w\.glossaire\.md:7:5: warning: "Remarque" is not a known label/);
    assert.equal(run(['validate', 'ext-absent.md']).code, 2);
  });

  it('reports the JSON format\'s own checks at the right line of a Markdown glossary', () => {
    // "box" claimed by two entries: found by compiling, located on the second one's synonyms.
    const text = '# A\n\n## routeur\n\nRelie.\n\n- **Synonymes :** box\n\n## modem\n\nModule.\n\n- **Synonymes :** box\n';
    const r = run(['validate', writeTmp('claims.glossaire.md', text)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^claims\.glossaire\.md:13:19: erreur: « box » est déjà revendiqué par l’entrée « routeur »/);
  });

  it('validates a JSON glossary with line and column', () => {
    const r = run(['validate', writeTmp('x.glossaire.json', '{\n  "name": "x",\n  "language": "fr",\n  "categories": [],\n  "entries": [ { "id": "A b" } ]\n}\n')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^x\.glossaire\.json:5:/m);
  });

  it('converts nothing when the input has errors, and never onto itself', () => {
    const bad = writeTmp('bad.glossaire.md', '# A\n\n## routeur\n\n- **Sorte de :** rien\n');
    const out = join(tmp, 'bad.json');
    const r = run(['convert', bad, '-o', out]);
    assert.equal(r.code, 1);
    assert.ok(!existsSync(out));
    const good = writeTmp('good.glossaire.md', '# A\n\n## routeur\n\nRelie.\n');
    const before = readFileSync(good, 'utf8');
    assert.equal(run(['convert', good, '-o', good]).code, 2);
    assert.equal(readFileSync(good, 'utf8'), before);
  });

  it('usage errors exit 2 with the help', () => {
    assert.equal(run(['convert', '--help']).code, 0);
    const r = run(['validate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /validate: a glossary file is needed/);
    assert.equal(run(['convert']).code, 2);
    assert.equal(run(['convert', 'a.md', 'b.md']).code, 2);
    assert.equal(run(['convert', BUILTIN, '--labels', 'de']).code, 2);
    assert.equal(run(['validate', BUILTIN, '-o', 'x.md']).code, 2);
  });
});
