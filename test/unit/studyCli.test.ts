/**
 * `glossaire glossary export`: the three formats on stdout or in a file, links relative to the
 * exported file, a course glossary given with --glossary, and the usage errors (exit code 2,
 * nothing written).
 */

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glossaryJson, ROOT } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'glossaire-export-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd = ROOT, locale = 'fr'): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, GLOSSAIRE_LOCALE: locale, LANG: locale } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('glossaire glossary export', { concurrency: true }, () => {
  // A small course: its glossary and two notes in a sub-folder.
  const course = join(tmp, 'cours');
  mkdirSync(join(course, 'notes 1'), { recursive: true });
  const glossaryPath = join(course, 'reseaux.glossaire.json');
  writeFileSync(glossaryPath, glossaryJson([
    { id: 'routeur', term: 'routeur', category: 'c', definition: 'Équipement qui "achemine"\tles paquets,\nentre <réseaux>.', synonyms: ['router'] },
    { id: 'commutateur', term: 'commutateur', category: 'c', definition: 'Relie les postes d’un réseau local.', acronyms: ['SW'] },
    { id: 'pare-feu', term: 'pare-feu', category: 'c', definition: 'Filtre le trafic.' },
  ], { name: 'Réseaux' }));
  writeFileSync(join(course, 'notes 1', 'a.md'), '# Séance 1\n\nLe routeur relie deux réseaux.\r\nUn second routeur ici.\n');
  writeFileSync(join(course, 'b.md'), 'Le commutateur du labo.\n\n```\nrouteur dans du code\n```\n');

  it('md: one section per concept, notes linked relative to the output file at their first line', () => {
    const out = join(course, 'export', 'glossaire.md');
    mkdirSync(join(course, 'export'), { recursive: true });
    const r = run(['glossary', 'export', '--format', 'md', '--glossary', glossaryPath, '-o', out, '.'], course);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /3 concept\(s\) écrits dans .*glossaire\.md \(md\)/);
    const md = readFileSync(out, 'utf8');
    assert.match(md, /^# Réseaux\n/);
    assert.match(md, /### routeur\n\nÉquipement qui "achemine"\tles paquets,\nentre &lt;réseaux&gt;\./);
    assert.match(md, /\*\*Synonymes :\*\* router/);
    // Two uses in "notes 1/a.md" (lines 3 and 4, CRLF between them), none in the code block of b.md.
    assert.match(md, /\*\*Dans vos notes :\*\* \[notes 1\/a\.md\]\(\.\.\/notes%201\/a\.md#L3\) \(2\)\n/);
    assert.match(md, /### commutateur \(SW\)[\s\S]*\[b\.md\]\(\.\.\/b\.md#L1\) \(1\)/);
    assert.match(md, /### pare-feu\n\nFiltre le trafic\.\n\n\*Pas encore dans vos notes\.\*/);
  });

  it('anki: on stdout, Anki header lines and one tab-separated note per concept', () => {
    const r = run(['glossary', 'export', '--format', 'anki', '--glossary', glossaryPath, '--reverse', '--deck', 'L3::Réseaux', '.'], course, 'en');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.deepEqual(lines.slice(0, 6), ['#separator:tab', '#html:true', '#notetype:Basic (and reversed card)', '#deck:L3::Réseaux', '#guid column:1', '#tags column:4']);
    assert.equal(lines.length, 9);
    assert.equal(lines[6], 'glossaire-reseaux-routeur\trouteur\tÉquipement qui &quot;achemine&quot;&#9;les paquets,<br>entre &lt;réseaux&gt;.<br><br><i>Synonyms: router</i>\tglossaire::c');
  });

  it('the terms only the notes define join the concepts, with their notes; a note\'s definition of a glossary term does not', () => {
    const own = join(tmp, 'cours-notes');
    mkdirSync(own, { recursive: true });
    const g = join(own, 'reseaux.glossaire.json');
    writeFileSync(g, glossaryJson([{ id: 'routeur', term: 'routeur', category: 'c', definition: 'Achemine les paquets.' }], { name: 'Réseaux' }));
    writeFileSync(join(own, 'td.md'), '- **Routeur** : ma définition du routeur, à ma façon.\n- **Passerelle** : machine par laquelle le réseau local sort vers les autres.\n\nLa passerelle du labo.\n');
    const r = run(['glossary', 'export', '--format', 'md', '--glossary', g, '.'], own);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...r.stdout.matchAll(/^### (.+)$/gm)].map((m) => m[1]), ['routeur', 'passerelle']);
    assert.match(r.stdout, /### passerelle\n\nmachine par laquelle le réseau local sort vers les autres\.[\s\S]*\[td\.md\]\(td\.md#L2\) \(2\)/);
    assert.match(r.stdout, /### routeur\n\nAchemine les paquets\./);
  });

  it('csv: RFC 4180 with the built-in glossary by default', () => {
    const r = run(['glossary', 'export', '--format', 'csv', 'examples']);
    assert.equal(r.code, 0, r.stderr);
    const records = r.stdout.split('\r\n');
    assert.equal(records[0], 'identifiant,terme,catégorie,définition,synonymes,sigles,occurrences,notes');
    assert.ok(records.some((l) => l.startsWith('infogerance,infogérance,')));
    assert.equal(records.at(-1), '', 'ends with CRLF');
  });

  it('usage errors: exit code 2 with a clear message, nothing written', () => {
    const out = join(tmp, 'never.md');
    let r = run(['glossary', 'export', '--format', 'pdf', '-o', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format : md, anki ou csv, pas « pdf »/);
    r = run(['glossary', 'export', '-o', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format md\|anki\|csv est obligatoire/);
    r = run(['glossary', 'export', '--format', 'md', '--glossary', join(tmp, 'absent.json'), '-o', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Glossaire illisible .*absent\.json.*fichier introuvable/);
    r = run(['glossary', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sous-commande inconnue « nope » \(sous-commandes : export, convert, validate\)/);
    r = run(['glossary', 'export', '--format', 'md', '--glossary', glossaryPath, '-o', join(tmp, 'no-such-dir', 'x.md')], course);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /impossible d’écrire .*x\.md/);
    assert.ok(!existsSync(out));
  });

  it('a note that is a link to a device is reported, not read: the export still ends', { skip: process.platform === 'win32' && 'no /dev/zero' }, () => {
    const dir = join(tmp, 'hostile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.md'), 'Le cloud.\n');
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    const r = run(['glossary', 'export', '--format', 'csv', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /zero\.md/);
    assert.match(r.stdout, /^cloud,cloud,.*,1,.*a\.md\r$/m, 'the readable note is exported');
  });
});
