import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAll, glossaryJson, ROOT } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'glossaire-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `node dist/cli.js …` in the repository, French messages unless told. */
function run(args: string[], locale = 'fr'): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GLOSSAIRE_LOCALE: locale, LANG: locale } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTmp(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('cli', { concurrency: true }, () => {
  it('checks a folder: one line per finding, exit code 1', () => {
    const r = run(['check', 'examples']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 9);
    assert.equal(lines[0], 'examples/01-externalisation.md:5:4: warning: « Extarnilisation » : terme du glossaire mal orthographié, vouliez-vous dire « Externalisation » ?');
    assert.match(r.stderr, /4 fichier\(s\) vérifié\(s\), 9 faute\(s\)/);
  });

  it('exits 0 on a clean note', () => {
    const r = run(['check', writeTmp('propre.md', '# Notes\n\nL’infogérance et la délocalisation.\n')]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  it('prints JSON with ranges, codes, words and suggestions', () => {
    const r = run(['check', '--format', 'json', 'examples/02-cloud.md']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { file: string; range: { start: { line: number; character: number } }; severity: string; code: string; word: string; suggestions: string[]; message: string }[];
    assert.deepEqual(out.map((f) => [f.range.start.line, f.code, f.word, f.suggestions[0]]), [
      [20, 'glossaire.acronym-case', 'Saas', 'SaaS'],
      [38, 'glossaire.known-misspelling', 'infogérence', 'infogérance'],
    ]);
    assert.equal(out[0].file, 'examples/02-cloud.md');
    assert.ok(out.every((f) => f.message.includes(f.word)));
  });

  it('--fix rewrites a copy in place and then finds nothing', () => {
    const path = join(tmp, '01-externalisation.md');
    copyFileSync(join(ROOT, 'examples', '01-externalisation.md'), path);
    const original = readFileSync(path, 'utf8');
    const r = run(['check', '--fix', path]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /corrigé « inforgérance » → « infogérance »/);
    assert.equal(readFileSync(path, 'utf8'), fixAll(original));
    assert.equal(run(['check', path]).code, 0);
  });

  it('--fix keeps an NFD note NFD', () => {
    const path = writeTmp('nfd.md', 'Avec l’inforgérance et la delocalisation.\n'.normalize('NFD'));
    assert.equal(run(['check', '--fix', path]).code, 0);
    assert.equal(readFileSync(path, 'utf8'), 'Avec l’infogérance et la délocalisation.\n'.normalize('NFD'));
  });

  it('--glossary adds a glossary; --no-builtin leaves the built-in one out', () => {
    const glossary = writeTmp('perso.json', glossaryJson([{ id: 'hebergeur', term: 'hébergeur', category: 'c', definition: 'Qui héberge.', misspellings: ['hébergeurr'] }]));
    const note = writeTmp('note.md', 'Un hébergeurr et l’inforgérance.\n');
    const both = run(['check', '--glossary', glossary, note]);
    assert.equal(both.code, 1);
    assert.equal(both.stdout.trim().split('\n').length, 2);
    const own = run(['check', '--no-builtin', '--glossary', glossary, note]);
    assert.equal(own.code, 1);
    assert.deepEqual(own.stdout.trim().split('\n').map((l) => /« (\S+) »/.exec(l)![1]), ['hébergeurr']);
  });

  it('a broken glossary: exit 2, the problems name file, entry and field', () => {
    const broken = writeTmp('casse.json', glossaryJson([
      { id: 'hebergeur', term: 'hébergeur', category: 'inconnue', definition: 'Qui héberge.' },
      { id: 'vide', term: 'vide', category: 'c', definition: '' },
    ]));
    const r = run(['check', '--glossary', broken, 'examples/02-cloud.md']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /casse\.json: erreur \(entrée « hebergeur », champ « category »\): Catégorie inconnue « inconnue »\./);
    assert.match(r.stderr, /casse\.json: erreur \(entrée « vide », champ « definition »\): Le champ « definition » est vide\./);
    assert.equal(r.stdout.trim().split('\n').length, 2, 'the notes are still checked with what loaded');
  });

  it('invalid JSON in a glossary: exit 2 with line and column', () => {
    const r = run(['check', '--glossary', writeTmp('invalide.json', '{ "name": "x", '), 'examples/02-cloud.md']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalide\.json: erreur: JSON invalide : [^(]+ \(ligne 1, colonne \d+\)\./);
  });

  it('usage errors exit 2', () => {
    assert.equal(run(['check', '--frobnicate']).code, 2);
    assert.equal(run(['check', '--format', 'xml', 'examples']).code, 2);
    assert.equal(run(['lint', 'examples']).code, 2);
    const missing = run(['check', 'nulle-part.md']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nulle-part\.md: fichier ou dossier introuvable/);
  });

  it('help, version and English messages', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Utilisation : glossaire check/);
    assert.match(run(['--version']).stdout, /^glossaire \d+\.\d+\.\d+\n$/);
    const en = run(['check', '--locale', 'en', 'examples/02-cloud.md'], 'en');
    assert.match(en.stdout, /"infogérence" is a known misspelling: write "infogérance"\./);
    assert.match(en.stderr, /1 file\(s\) checked, 2 finding\(s\)/);
  });
});
