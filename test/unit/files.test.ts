/**
 * The Markdown file walker and the safe file access shared by the CLI and the server's
 * workspace index (server/src/node/files.ts): only regular files, bounded reads, no symlink
 * loops, every path that could not be read reported; writes that keep the file's mode, its
 * symbolic and hard links, and refuse read-only files.
 */

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText, isMarkdownName, readTextFile, walkFiles, writeTextFile } from '../../server/src/node/files';

const tmp = mkdtempSync(join(tmpdir(), 'glossaire-files-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A tree with every kind of hostile entry next to two real notes. */
function hostileTree(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'sub'), { recursive: true });
  mkdirSync(join(dir, '.cache'));
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'a.md'), 'Une note sur l’infogérance.\n');
  writeFileSync(join(dir, 'sub', 'b.markdown'), 'Le cloud.\n');
  writeFileSync(join(dir, '.cache', 'hidden.md'), 'x\n');
  writeFileSync(join(dir, 'node_modules', 'dep.md'), 'x\n');
  writeFileSync(join(dir, 'notes.txt'), 'x\n');
  symlinkSync('/dev/zero', join(dir, 'evil.md'));
  execFileSync('mkfifo', [join(dir, 'p.md')]);
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));
  symlinkSync('loop.md', join(dir, 'loop.md'));
  symlinkSync('..', join(dir, 'sub', 'up'));
  symlinkSync('.', join(dir, 'self'));
  return dir;
}

describe('walkFiles', () => {
  it('keeps regular Markdown files; skips hidden folders, node_modules and loops; reports devices, pipes and broken links', () => {
    const dir = hostileTree('walk');
    const { files, problems } = walkFiles([dir], isMarkdownName);
    assert.deepEqual(files, [join(dir, 'a.md'), join(dir, 'sub', 'b.markdown')]);
    const byPath = new Map(problems.map((p) => [p.path, p.kind]));
    assert.equal(byPath.get(join(dir, 'evil.md')), 'not-regular');
    assert.equal(byPath.get(join(dir, 'p.md')), 'not-regular');
    assert.equal(byPath.get(join(dir, 'dangling.md')), 'unreadable');
    assert.equal(byPath.get(join(dir, 'loop.md')), 'unreadable');
    assert.equal(problems.length, 4, JSON.stringify(problems));
  });

  it('takes a file-name predicate (glossary discovery)', () => {
    const dir = join(tmp, 'predicate');
    mkdirSync(join(dir, 'cours'), { recursive: true });
    writeFileSync(join(dir, 'glossaire.md'), '');
    writeFileSync(join(dir, 'cours', 'réseau.glossaire.json'), '{}');
    writeFileSync(join(dir, 'cours', 'note.md'), '');
    const { files } = walkFiles([dir], (n) => n === 'glossaire.md' || /\.glossaire\.(md|json)$/.test(n));
    assert.deepEqual(files, [join(dir, 'cours', 'réseau.glossaire.json'), join(dir, 'glossaire.md')]);
  });

  it('follows links: a link to a note is kept, a linked folder is walked, a file reached twice is kept once', () => {
    // The walker types most names from the folder's listing (no stat); a link is stat'ed.
    const dir = join(tmp, 'links');
    mkdirSync(join(dir, 'real'), { recursive: true });
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'real', 'n.md'), 'x\n');
    writeFileSync(join(dir, 'other', 'o.md'), 'x\n');
    writeFileSync(join(dir, 'skip.txt'), 'x\n');
    symlinkSync(join(dir, 'other', 'o.md'), join(dir, 'alias.md'));
    symlinkSync(join(dir, 'real'), join(dir, 'via'));
    const { files, problems } = walkFiles([dir], isMarkdownName);
    assert.deepEqual(files, [join(dir, 'alias.md'), join(dir, 'real', 'n.md')]);
    assert.deepEqual(problems, []);
  });

  it('a root that is missing or a device is reported; a root file is taken whatever its name', () => {
    const note = join(tmp, 'root.txt');
    writeFileSync(note, 'x');
    const { files, problems } = walkFiles([note, join(tmp, 'absent'), '/dev/null'], isMarkdownName);
    assert.deepEqual(files, [note]);
    assert.deepEqual(problems.map((p) => p.kind), ['missing', 'not-regular']);
  });

  it('stops at maxFiles', () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    for (let k = 0; k < 12; k++) writeFileSync(join(dir, `n${k}.md`), '');
    assert.equal(walkFiles([dir], isMarkdownName, { maxFiles: 5 }).files.length, 5);
  });
});

describe('readTextFile', () => {
  it('reads at most the cap, whatever stat says; refuses devices and pipes without blocking', () => {
    const big = join(tmp, 'big.md');
    writeFileSync(big, 'a'.repeat(1000));
    assert.equal(readTextFile(big, 999).ok, false);
    const r = readTextFile(big, 1000);
    assert.ok(r.ok && r.text.length === 1000);
    const zero = readTextFile('/dev/zero', 1000);
    assert.ok(!zero.ok && zero.problem.kind === 'not-regular');
    const fifo = join(tmp, 'fifo.md');
    execFileSync('mkfifo', [fifo]);
    const p = readTextFile(fifo);
    assert.ok(!p.ok && p.problem.kind === 'not-regular');
  });

  it('a FIFO or /dev/zero behind a *.md name does not hang or exhaust a process', () => {
    // In a child process: before the fix, this hung (FIFO) or grew without bound (/dev/zero).
    const dir = hostileTree('child');
    const mod = join(__dirname, '..', '..', 'server', 'src', 'node', 'files.js');
    const script = `const f = require(${JSON.stringify(mod)}); const w = f.walkFiles([${JSON.stringify(dir)}], f.isMarkdownName);
      for (const p of [...w.files, ${JSON.stringify(join(dir, 'evil.md'))}, ${JSON.stringify(join(dir, 'p.md'))}]) f.readTextFile(p);
      process.stdout.write(String(w.files.length));`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=200', '-e', script], { encoding: 'utf8', timeout: 15000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '2');
  });

  it('decodes UTF-8, strips a BOM, refuses Latin-1, invalid UTF-8 and UTF-16', () => {
    assert.deepEqual(decodeText(Buffer.from('\uFEFFcafé', 'utf8')), { ok: true, text: 'café', bom: true });
    assert.deepEqual(decodeText(Buffer.from('café', 'utf8')), { ok: true, text: 'café', bom: false });
    const latin1 = decodeText(Buffer.from('caf\xe9\n', 'latin1'));
    assert.ok(!latin1.ok && latin1.kind === 'not-utf8' && latin1.offset === 3);
    const utf16 = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('café', 'utf16le')]));
    assert.ok(!utf16.ok && utf16.kind === 'utf16');
    assert.ok(!decodeText(Buffer.from([0x61, 0xc3, 0x28])).ok);
  });
});

describe('writeTextFile', () => {
  it('keeps the mode of the file', () => {
    const path = join(tmp, 'private.md');
    writeFileSync(path, 'avant');
    chmodSync(path, 0o600);
    assert.equal(writeTextFile(path, 'après'), undefined);
    assert.equal(readFileSync(path, 'utf8'), 'après');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('writes through a symbolic link to its target; the link stays a link', () => {
    const target = join(tmp, 'target.md');
    const link = join(tmp, 'link.md');
    writeFileSync(target, 'avant');
    symlinkSync(target, link);
    assert.equal(writeTextFile(link, 'après'), undefined);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target, 'utf8'), 'après');
  });

  it('does not split a hard link', () => {
    const a = join(tmp, 'hard-a.md');
    const b = join(tmp, 'hard-b.md');
    writeFileSync(a, 'un texte plus long qu’après');
    linkSync(a, b);
    assert.equal(writeTextFile(a, 'après'), undefined);
    assert.equal(readFileSync(b, 'utf8'), 'après');
    assert.equal(statSync(a).ino, statSync(b).ino);
  });

  it('refuses a read-only file and leaves it untouched', () => {
    const path = join(tmp, 'readonly.md');
    writeFileSync(path, 'avant');
    chmodSync(path, 0o444);
    assert.equal(writeTextFile(path, 'après')?.kind, 'read-only');
    assert.equal(readFileSync(path, 'utf8'), 'avant');
  });
});

describe('WorkspaceIndex', () => {
  it('indexes a folder with a device, a pipe and loops without hanging (child process, Node host)', () => {
    const dir = hostileTree('index');
    const mod = join(__dirname, '..', '..', 'server', 'src', 'lsp', 'workspaceIndex.js');
    const host = join(__dirname, '..', '..', 'server', 'src', 'node', 'nodeHost.js');
    const helpers = join(__dirname, 'helpers.js');
    const service = join(__dirname, '..', '..', 'server', 'src', 'service', 'service.js');
    const script = `const { WorkspaceIndex } = require(${JSON.stringify(mod)}); const h = require(${JSON.stringify(helpers)});
      const { createNodeHost } = require(${JSON.stringify(host)}); const { URI } = require(${JSON.stringify(require.resolve('vscode-uri'))});
      const { createGlossaireService } = require(${JSON.stringify(service)});
      const svc = createGlossaireService({ glossary: h.builtinGlossary(), lexicon: () => h.lexicon(), locale: 'fr' });
      const index = new WorkspaceIndex(() => svc, createNodeHost());
      index.rebuild([URI.file(${JSON.stringify(dir)}).toString()]).then(() => process.stdout.write(index.size + ' ' + index.references('infogerance').length));`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=300', '-e', script], { encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '2 1');
  });
});
