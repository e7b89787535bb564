import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAll, glossaryJson, ROOT } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'glossaire-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface RunOptions {
  /** The environment on top of a clean one (no locale variables unless given). */
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Run as `nobody` when the tests run as root (permissions do not stop root). */
  unprivileged?: boolean;
}

/** Runs `node dist/cli.js …` in the repository, French messages unless told. */
function run(args: string[], localeOrOptions: string | RunOptions = 'fr'): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  const o: RunOptions = typeof localeOrOptions === 'string' ? { env: { GLOSSAIRE_LOCALE: localeOrOptions, LANG: localeOrOptions } } : localeOrOptions;
  const env: Record<string, string | undefined> = { ...process.env, GLOSSAIRE_LOCALE: undefined, LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANGUAGE: undefined, ...o.env };
  const asNobody = o.unprivileged && process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [asNobody ? cliForNobody() : CLI, ...args], {
    cwd: asNobody ? tmp : ROOT, encoding: 'utf8', env, input: o.input, timeout: 30000, maxBuffer: 64 * 1024 * 1024,
    ...(asNobody ? NOBODY : {}),
  });
  assert.equal(r.error, undefined, `the CLI did not end: ${r.error?.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NOBODY = { uid: 65534, gid: 65534 };
let nobodyCli: string | undefined;

/**
 * The CLI as `nobody` can run it: the repository's own when `nobody` can read it, else a copy
 * of the package's runtime files in the (world-readable) temporary folder (a clone under a
 * private home folder).
 */
function cliForNobody(): string {
  if (nobodyCli) return nobodyCli;
  chmodSync(tmp, 0o755);
  if (spawnSync(process.execPath, [CLI, '--version'], { ...NOBODY, cwd: tmp }).status === 0) return (nobodyCli = CLI);
  const pkg = join(tmp, 'paquet');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'glossary'), join(pkg, 'glossary'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  for (const f of readdirSync(join(ROOT, 'dist'))) if (f === 'cli.js' || f.startsWith('lexicon-')) copyFileSync(join(ROOT, 'dist', f), join(pkg, 'dist', f));
  execFileSync('chmod', ['-R', 'a+rX', pkg]);
  return (nobodyCli = join(pkg, 'dist', 'cli.js'));
}

/** A fresh folder under the temporary one, readable by everyone (for runs as `nobody`). */
function freshDir(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(tmp, 0o755);
  chmodSync(dir, 0o777);
  return dir;
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
    // The built-in course's 9 typos, and the networking course's 7 with its own glossary
    // (examples/reseaux/glossaire.md, found with no option; it is not checked as a note).
    assert.equal(lines.length, 16);
    assert.equal(lines[0], 'examples/01-externalisation.md:5:4: warning: « Extarnilisation » : terme du glossaire mal orthographié, vouliez-vous dire « Externalisation » ?');
    assert.equal(lines.filter((l) => l.startsWith('examples/reseaux/')).length, 7);
    assert.match(r.stderr, /7 fichier\(s\) vérifié\(s\), 16 faute\(s\)/);
    // Without discovery: the built-in glossary's 9, and « routteur », because a note of the
    // networking course (03-routage.md) defines « routeur » itself (harvesting stays on).
    const alone = run(['check', '--no-workspace-glossaries', 'examples']);
    const aloneLines = alone.stdout.trim().split('\n');
    assert.equal(aloneLines.length, 10);
    assert.deepEqual(aloneLines.filter((l) => l.startsWith('examples/reseaux/')).map((l) => l.split(': ')[0]), ['examples/reseaux/02-transport.md:3:48']);
  });

  it('course glossaries: each note gets its folder’s glossary and its course’s definitions; --verbose names the glossaries', () => {
    const dir = join(tmp, 'cours-scope');
    mkdirSync(join(dir, 'reseaux', 'td'), { recursive: true });
    writeFileSync(join(dir, 'reseaux', 'glossaire.md'), '# Notions\n\n## routeur\n\nRelie des réseaux entre eux.\n');
    writeFileSync(join(dir, 'reseaux', 'td', 'defs.md'), '**Encapsulation** : ajout d’un en-tête par chaque couche du modèle réseau.\n');
    writeFileSync(join(dir, 'reseaux', 'td', 'tp.md'), 'Un routeurr et une encapsulaton.\n');
    writeFileSync(join(dir, 'autre.md'), 'Un routeurr et une encapsulaton.\n');
    const r = run(['check', '--verbose', dir]);
    assert.equal(r.code, 1, r.stderr);
    const found = r.stdout.trim().split('\n').map((l) => l.replace(/^.*cours-scope\//, '').replace(/:\d+:\d+: warning: .*« (.*?) » \?$|:\d+:\d+: warning: .*écrire « (.*?) ».*$/, (_m, a, b) => ` → ${a ?? b}`));
    assert.deepEqual(found, ['reseaux/td/tp.md → routeur', 'reseaux/td/tp.md → encapsulation']);
    assert.match(r.stderr, /reseaux\/td\/tp\.md : glossaires .*reseaux\/glossaire\.md, .*externalisation\.json/);
    assert.match(r.stderr, /autre\.md : glossaires .*externalisation\.json/);
    const off = run(['check', '--no-workspace-glossaries', join(dir, 'reseaux', 'td', 'tp.md')]);
    assert.equal(off.code, 0, off.stdout);
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
    assert.match(missing.stderr, /nulle-part\.md : fichier ou dossier introuvable/);
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

  // Issue 13, item 1: a device or a pipe behind a *.md name.
  it('a *.md symlink to /dev/zero and a FIFO are skipped with a message; the rest is checked; exit 2', () => {
    const dir = freshDir('devices');
    writeFileSync(join(dir, 'note.md'), 'Avec l’inforgérance.\n');
    symlinkSync('/dev/zero', join(dir, 'evil.md'));
    execFileSync('mkfifo', [join(dir, 'p.md')]);
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /note\.md:1:8: warning: « inforgérance »/);
    assert.match(r.stderr, /evil\.md : ignoré, ce n’est pas un fichier ordinaire/);
    assert.match(r.stderr, /p\.md : ignoré, ce n’est pas un fichier ordinaire/);
  });

  // Item 2: files that are not UTF-8.
  it('--fix never rewrites a note that is not UTF-8 (Latin-1, invalid UTF-8, UTF-16); check says it skipped it', () => {
    const dir = freshDir('encodings');
    const bytes = {
      'latin1.md': Buffer.from('L’infogérance et l\'inforg\xe9rance.\n'.replace('’', "'"), 'latin1'),
      'invalid.md': Buffer.concat([Buffer.from('Avec l’inforgérance '), Buffer.from([0xc3, 0x28]), Buffer.from('.\n')]),
      'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Avec l’inforgérance.\n', 'utf16le')]),
    };
    for (const [name, b] of Object.entries(bytes)) writeFileSync(join(dir, name), b);
    const r = run(['check', '--fix', dir]);
    assert.equal(r.code, 2);
    for (const [name, b] of Object.entries(bytes)) assert.deepEqual(readFileSync(join(dir, name)), b, `${name} was rewritten`);
    assert.match(r.stderr, /latin1\.md : ignoré, pas en UTF-8 \(octet 7\)/);
    assert.match(r.stderr, /invalid\.md : ignoré, pas en UTF-8/);
    assert.match(r.stderr, /utf16\.md : ignoré, encodé en UTF-16/);
    assert.equal(run(['check', join(dir, 'latin1.md')]).code, 2);
  });

  // Item 3: --fix edits files instead of replacing them.
  it('--fix keeps the mode, writes through a symlink, keeps hard links, refuses read-only files', () => {
    const dir = freshDir('modes');
    const text = 'Avec l’inforgérance.\n';
    const priv = join(dir, 'prive.md');
    writeFileSync(priv, text);
    chmodSync(priv, 0o600);
    mkdirSync(join(dir, 'cible'));
    const target = join(dir, 'cible', 'vraie.md');
    writeFileSync(target, text);
    symlinkSync(join('cible', 'vraie.md'), join(dir, 'lien.md'));
    const hard = join(dir, 'dur.md');
    writeFileSync(hard, text);
    linkSync(hard, join(dir, 'cible', 'dur2.txt'));
    const ro = join(dir, 'lecture.md');
    writeFileSync(ro, text);
    chmodSync(ro, 0o444);
    const r = run(['check', '--fix', priv, join(dir, 'lien.md'), hard, ro]);
    const fixed = 'Avec l’infogérance.\n';
    assert.equal(readFileSync(priv, 'utf8'), fixed);
    assert.equal(statSync(priv).mode & 0o777, 0o600);
    assert.ok(lstatSync(join(dir, 'lien.md')).isSymbolicLink(), 'the link stays a link');
    assert.equal(readFileSync(target, 'utf8'), fixed);
    assert.equal(readFileSync(join(dir, 'cible', 'dur2.txt'), 'utf8'), fixed, 'the hard link is not split');
    assert.equal(readFileSync(ro, 'utf8'), text);
    assert.match(r.stderr, /lecture\.md : non corrigé, le fichier est en lecture seule/);
    assert.equal(r.code, 2, 'a file could not be fixed');
  });

  it('--fix in a folder that is not writable: a message, the other files are fixed, exit 2', { skip: process.platform === 'win32' }, () => {
    const dir = freshDir('locked');
    mkdirSync(join(dir, 'ferme'));
    writeFileSync(join(dir, 'ferme', 'a.md'), 'Avec l’inforgérance.\n');
    chmodSync(join(dir, 'ferme', 'a.md'), 0o666);
    chmodSync(join(dir, 'ferme'), 0o555);
    writeFileSync(join(dir, 'b.md'), 'Avec l’inforgérance.\n');
    chmodSync(join(dir, 'b.md'), 0o666);
    const r = run(['check', '--fix', join(dir, 'ferme', 'a.md'), join(dir, 'b.md')], { env: { GLOSSAIRE_LOCALE: 'fr' }, unprivileged: true });
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.match(r.stderr, /a\.md : non corrigé, impossible d’écrire dans le dossier/);
    assert.equal(readFileSync(join(dir, 'b.md'), 'utf8'), 'Avec l’infogérance.\n');
    assert.equal(readFileSync(join(dir, 'ferme', 'a.md'), 'utf8'), 'Avec l’inforgérance.\n');
  });

  // Item 9: no false pass.
  it('paths that cannot be read make the run exit 2 after checking the rest', () => {
    const dir = freshDir('unreadable');
    writeFileSync(join(dir, 'note.md'), 'Avec l’inforgérance.\n');
    symlinkSync(join(dir, 'absent.md'), join(dir, 'pendant.md'));
    symlinkSync('boucle.md', join(dir, 'boucle.md'));
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /note\.md:1:8/);
    assert.match(r.stderr, /pendant\.md : illisible/);
    assert.match(r.stderr, /boucle\.md : illisible/);
  });

  it('an unreadable folder is not a pass', () => {
    const dir = freshDir('closed');
    mkdirSync(join(dir, 'secret'));
    writeFileSync(join(dir, 'secret', 'a.md'), 'Avec l’inforgérance.\n');
    chmodSync(join(dir, 'secret'), 0o000);
    try {
      const r = run(['check', join(dir, 'secret')], { env: { GLOSSAIRE_LOCALE: 'fr' }, unprivileged: true });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /secret : illisible/);
    } finally {
      chmodSync(join(dir, 'secret'), 0o755);
    }
  });

  it('zero files checked says so and exits 2', () => {
    const dir = freshDir('empty');
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /aucun fichier Markdown à vérifier/);
  });

  // Item 10: the CLI's manners.
  it('LANG=en_US.UTF-8 and en_GB give English; other languages French', () => {
    for (const lang of ['en_US.UTF-8', 'en_GB.UTF-8', 'en']) {
      assert.match(run(['check', 'examples/02-cloud.md'], { env: { LANG: lang } }).stderr, /1 file\(s\) checked/, lang);
    }
    assert.match(run(['check', 'examples/02-cloud.md'], { env: { LANG: 'de_DE.UTF-8' } }).stderr, /1 fichier\(s\) vérifié\(s\)/);
    assert.match(run(['check', 'examples/02-cloud.md'], { env: { LANG: 'en_US.UTF-8', LC_ALL: 'fr_FR.UTF-8' } }).stderr, /vérifié/);
  });

  it('--help honours --locale and GLOSSAIRE_LOCALE; usage errors are localised; --locale de is refused', () => {
    assert.match(run(['--help', '--locale', 'en'], { env: { LANG: 'fr_FR.UTF-8' } }).stdout, /^Usage: glossaire check/);
    assert.match(run(['--locale', 'en', '--help']).stdout, /^Usage: glossaire check/);
    assert.match(run(['--help'], { env: { GLOSSAIRE_LOCALE: 'en' } }).stdout, /^Usage: glossaire check/);
    assert.match(run(['--help'], { env: { LANG: 'en_US.UTF-8' } }).stdout, /^Usage: glossaire check/);
    const fr = run(['check', '--frobnicate']);
    assert.match(fr.stderr, /^glossaire : option inconnue : --frobnicate\n/);
    const en = run(['check', '--frobnicate'], 'en');
    assert.match(en.stderr, /^glossaire: unknown option: --frobnicate\n/);
    const de = run(['check', '--locale', 'de', 'examples']);
    assert.equal(de.code, 2);
    assert.match(de.stderr, /langue « de » non prise en charge : fr ou en/);
    assert.equal(de.stdout, '');
    assert.match(run(['check', '--format']).stderr, /--format attend une valeur/);
  });

  it('check … | head -1 exits quietly (no EPIPE trace)', () => {
    const dir = freshDir('epipe');
    writeFileSync(join(dir, 'long.md'), 'Avec l’inforgérance.\n\n'.repeat(20000));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" check "${dir}" | head -1`], { encoding: 'utf8', timeout: 30000, env: { ...process.env, GLOSSAIRE_LOCALE: 'fr' } });
    assert.match(r.stdout, /^.*long\.md:1:8: warning/);
    assert.equal(r.stdout.split('\n').length, 2);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|\n\s+at /);
  });

  it('file names with control characters are printed escaped', () => {
    const dir = freshDir('control');
    writeFileSync(join(dir, 'a\nb\x1b[31m.md'), 'Avec l’inforgérance.\n');
    const r = run(['check', dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.ok(!r.stdout.includes('\x1b'), 'no escape sequence reaches the terminal');
    assert.match(r.stdout, /a\\nb\\x1b\[31m\.md:1:8: /);
  });

  it('a UTF-8 BOM is not a column; --fix keeps it; a glossary with a BOM is accepted', () => {
    const path = writeTmp('bom.md', '\uFEFFinforgérance ici.\n');
    const r = run(['check', path]);
    assert.match(r.stdout, /bom\.md:1:1: /);
    const json = JSON.parse(run(['check', '--format', 'json', path]).stdout) as { range: { start: { character: number } } }[];
    assert.equal(json[0].range.start.character, 0);
    assert.equal(run(['check', '--fix', path]).code, 0);
    assert.equal(readFileSync(path, 'utf8'), '\uFEFFinfogérance ici.\n');
    const glossary = writeTmp('bom.json', '\uFEFF' + glossaryJson([{ id: 'hebergeur', term: 'hébergeur', category: 'c', definition: 'Qui héberge.', misspellings: ['hébergeurr'] }]));
    const g = run(['check', '--no-builtin', '--glossary', glossary, writeTmp('heb.md', 'Un hébergeurr.\n')]);
    assert.equal(g.code, 1, g.stderr);
    assert.match(g.stdout, /« hébergeurr »/);
  });

  it('--fix keeps each word’s own Unicode form (NFC or NFD)', () => {
    const nfcWord = 'l’inforgérance';
    const nfdWord = 'la délocation'.normalize('NFD');
    const path = writeTmp('mixed.md', `Avec ${nfcWord} et ${nfdWord}.\n`);
    assert.equal(run(['check', '--fix', path]).code, 0);
    assert.equal(readFileSync(path, 'utf8'), `Avec l’infogérance et ${'la délocalisation'.normalize('NFD')}.\n`);
  });

  it('--fix of a note written without accents says what changed, word by word', () => {
    const filler = 'Les notes de ce cours parlent du sujet avec des mots simples pour la classe et pour le groupe de travail. ';
    const path = writeTmp('sans-accents.md', `${filler}\n\nL'infogerance, la delocalisation et la categorie.\n\n${filler}Encore la delocalisation.\n`);
    const r = run(['check', '--fix', path]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /sans-accents\.md:3:3: corrigé « infogerance » → « infogérance »/);
    assert.match(r.stdout, /sans-accents\.md:3:19: corrigé « delocalisation » → « délocalisation »/);
    assert.match(r.stdout, /sans-accents\.md:5:\d+: corrigé « delocalisation » → « délocalisation »/);
    assert.doesNotMatch(r.stdout, /…/);
  });

  it('--fix --format json marks what was fixed', () => {
    const ok = writeTmp('json-fix.md', 'Avec l’inforgérance.\n');
    const ro = writeTmp('json-ro.md', 'Avec l’inforgérance.\n');
    chmodSync(ro, 0o444);
    const r = run(['check', '--fix', '--format', 'json', ok, ro]);
    const out = JSON.parse(r.stdout) as { file: string; fixed: boolean }[];
    assert.deepEqual(out.map((f) => [f.file.endsWith('json-fix.md'), f.fixed]), [[true, true], [false, false]]);
    assert.equal(r.code, 2);
  });

  it('check - reads the note from stdin; --fix - prints the fixed text', () => {
    const text = 'Avec l’inforgérance.\n';
    const r = run(['check', '-'], { env: { GLOSSAIRE_LOCALE: 'fr' }, input: text });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:1:8: warning: « inforgérance »/);
    const clean = run(['check', '-'], { env: { GLOSSAIRE_LOCALE: 'fr' }, input: 'Rien.\n' });
    assert.equal(clean.code, 0);
    const fixed = run(['check', '--fix', '-'], { env: { GLOSSAIRE_LOCALE: 'fr' }, input: text });
    assert.equal(fixed.code, 0);
    assert.equal(fixed.stdout, 'Avec l’infogérance.\n');
    assert.match(fixed.stderr, /<stdin>:1:8: corrigé « inforgérance » → « infogérance »/);
    const refused = run(['check', '--fix', '-', 'examples'], { env: { GLOSSAIRE_LOCALE: 'fr' }, input: text });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /« - » .*seul chemin/);
  });
});
