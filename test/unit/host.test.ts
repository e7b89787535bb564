// The server's file seam (server/src/lsp/host.ts): the glob matcher both hosts share, the Node
// host on a real folder, and the glossary store and workspace index on an in-memory host that
// behaves like the browser's (URIs of another scheme, a lexicon that arrives asynchronously).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { globToRegExp, HostFileError, MARKDOWN_GLOB, PENDING_LEXICON, ServerHost } from '../../server/src/lsp/host';
import { GlossaryStore } from '../../server/src/lsp/glossaryStore';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { createNodeHost } from '../../server/src/node/nodeHost';
import { createLexicon, EMPTY_LEXICON, Lexicon } from '../../server/src/service/lexicon';
import { glossaryJson } from './helpers';
import { harvestDefinitions } from '../../server/src/service/harvest';

describe('globToRegExp', () => {
  it('matches notes at any depth, any case, and nothing else', () => {
    const re = globToRegExp(MARKDOWN_GLOB);
    for (const p of ['a.md', 'cours/b.markdown', 'x/y/z/NOTES.MD']) assert.ok(re.test(p), p);
    for (const p of ['a.mdx', 'a.md.bak', 'md', 'cours/a.txt']) assert.ok(!re.test(p), p);
  });

  it('reads course glossary names: exact names, suffixes, alternatives', () => {
    const re = globToRegExp('**/{glossaire.md,*.glossaire.{md,json}}');
    for (const p of ['glossaire.md', 'cours/glossaire.md', 'a/b/reseau.glossaire.json', 'x.glossaire.md']) assert.ok(re.test(p), p);
    for (const p of ['monglossaire.md', 'glossaire.json', 'a/glossaire.md/x', 'a.glossaire.txt']) assert.ok(!re.test(p), p);
  });

  it('takes regular-expression characters literally and keeps * within one folder', () => {
    assert.ok(globToRegExp('notes (1)+.md').test('notes (1)+.md'));
    assert.ok(!globToRegExp('notes (1)+.md').test('notes 1.md'));
    assert.ok(!globToRegExp('*.md').test('a/b.md'));
    assert.ok(globToRegExp('a?.md').test('ab.md') && !globToRegExp('a?.md').test('a/.md'));
  });
});

describe('the Node host', () => {
  it('lists the matching files as file URIs, skipping hidden and build folders and walking a link loop once', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'glossaire-host-'));
    try {
      mkdirSync(join(dir, 'cours', 'réseaux'), { recursive: true });
      mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, 'a.md'), 'A');
      writeFileSync(join(dir, 'cours', 'réseaux', 'b.markdown'), 'B');
      writeFileSync(join(dir, 'cours', 'c.txt'), 'C');
      writeFileSync(join(dir, 'node_modules', 'x', 'README.md'), 'X');
      writeFileSync(join(dir, '.git', 'HEAD.md'), 'H');
      try {
        symlinkSync('..', join(dir, 'cours', 'parent'), 'dir');
      } catch {
        t.diagnostic('no symbolic links here: the loop is not exercised');
      }
      const host = createNodeHost();
      const found = (await host.findFiles([URI.file(dir).toString()], MARKDOWN_GLOB, 100)).sort();
      assert.deepEqual(found, [URI.file(join(dir, 'a.md')).toString(), URI.file(join(dir, 'cours', 'réseaux', 'b.markdown')).toString()].sort());
      assert.equal((await host.findFiles([URI.file(dir).toString()], MARKDOWN_GLOB, 1)).length, 1, 'the limit holds');
      assert.equal(await host.readText(found[0]), found[0].endsWith('a.md') ? 'A' : 'B');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with a located code: ENOENT for a missing file, EFBIG past maxBytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glossaire-host-'));
    try {
      const host = createNodeHost();
      writeFileSync(join(dir, 'big.md'), 'x'.repeat(100));
      await assert.rejects(host.readText(URI.file(join(dir, 'absent.md')).toString()), (e: HostFileError) => e.code === 'ENOENT' && e.message.includes('absent.md'));
      await assert.rejects(host.readText(URI.file(join(dir, 'big.md')).toString(), { maxBytes: 10 }), (e: HostFileError) => e.code === 'EFBIG');
      assert.equal((await host.readText(URI.file(join(dir, 'big.md')).toString(), { maxBytes: 100 })).length, 100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A host over a map of URIs, like the browser's: no file: URIs, the lexicon fetched later. */
function memoryHost(files: Record<string, string>, words: string[] = []): ServerHost & { reads: string[] } {
  let lexicon: Lexicon = EMPTY_LEXICON;
  const reads: string[] = [];
  return {
    kind: 'browser',
    reads,
    builtinGlossaryUri: 'https://ext.example/glossary/builtin.json',
    async readText(uri, options = {}) {
      reads.push(uri);
      await new Promise((r) => setTimeout(r, 1));
      const text = files[uri];
      if (text === undefined) throw new HostFileError('ENOENT', `${uri}: not found`);
      if (options.maxBytes !== undefined && text.length > options.maxBytes) throw new HostFileError('EFBIG', 'too large');
      return text;
    },
    async findFiles(folders, glob, limit) {
      const re = globToRegExp(glob);
      return Object.keys(files).filter((u) => folders.some((f) => u.startsWith(`${f}/`) && re.test(u.slice(f.length + 1)))).slice(0, limit);
    },
    lexicon: () => lexicon,
    async prepareLexicon() {
      await new Promise((r) => setTimeout(r, 5));
      lexicon = createLexicon([...words].sort().join('\n'));
    },
  };
}

const WS = 'vscode-vfs://github/etudiant/notes';

describe('the glossary store and the index on a browser-like host', () => {
  it('reads the built-in glossary and a workspace one by URI, relative paths against the folder URI', async () => {
    const host = memoryHost({
      'https://ext.example/glossary/builtin.json': glossaryJson([{ id: 'alpha', term: 'alphanumérique', category: 'c', definition: 'Lettres et chiffres.' }]),
      [`${WS}/cours/reseau.glossaire.json`]: glossaryJson([{ id: 'routeur', term: 'routeur', category: 'c', definition: 'Relie des réseaux.' }]),
    });
    const store = new GlossaryStore('fr', host);
    await store.configure(true, ['cours/reseau.glossaire.json', 'absent.json'], [WS], 'fr');
    assert.ok(store.current.byId.has('alpha') && store.current.byId.has('routeur'));
    assert.deepEqual(store.uris, ['https://ext.example/glossary/builtin.json', `${WS}/cours/reseau.glossaire.json`, `${WS}/absent.json`]);
    const p = store.problems.find((x) => x.code === 'glossary.unreadable');
    assert.ok(p && p.uri === `${WS}/absent.json` && p.message.includes(`${WS}/absent.json`) && /introuvable/.test(p.message), JSON.stringify(store.problems));
  });

  it('compiles with the lexicon the host prepared, even when it arrives after the files', async () => {
    const json = glossaryJson([{ id: 'cloud', term: 'cloud', category: 'c', definition: 'Le nuage.', misspellings: ['clou'] }]);
    const problemsWith = async (words: string[]) => {
      const store = new GlossaryStore('fr', memoryHost({ 'https://ext.example/glossary/builtin.json': json }, words));
      await store.configure(true, [], [], 'fr');
      return store.problems.map((p) => p.code);
    };
    assert.ok((await problemsWith(['clou'])).includes('glossary.misspelling-is-word'), 'a misspelling that is a French word is reported');
    assert.ok(!(await problemsWith([])).includes('glossary.misspelling-is-word'));
  });

  it('a lexicon still loading (PENDING_LEXICON) flags no glossary misspelling as a word; the recompile once it is there does', async () => {
    const json = glossaryJson([{ id: 'cloud', term: 'cloud', category: 'c', definition: 'Le nuage.', misspellings: ['clou'] }]);
    let lexicon: Lexicon = PENDING_LEXICON;
    const host: ServerHost = { ...memoryHost({ 'https://ext.example/glossary/builtin.json': json }), lexicon: () => lexicon, prepareLexicon: () => Promise.resolve() };
    const store = new GlossaryStore('fr', host);
    await store.configure(true, [], [], 'fr');
    assert.ok(store.current.byId.has('cloud'));
    assert.ok(!store.problems.some((p) => p.code === 'glossary.misspelling-is-word'), JSON.stringify(store.problems));
    lexicon = createLexicon('clou\nnuage');
    store.recompile();
    assert.ok(store.problems.some((p) => p.code === 'glossary.misspelling-is-word'));
  });

  it('a read put off (EAGAIN: the client was not ready) is retried by the next configure with the same files', async () => {
    const uri = `${WS}/cours.glossaire.json`;
    const base = memoryHost({ [uri]: glossaryJson([{ id: 'routeur', term: 'routeur', category: 'c', definition: 'R.' }]) });
    let ready = false;
    const host: ServerHost = { ...base, readText: (u, o) => (ready ? base.readText(u, o) : Promise.reject(new HostFileError('EAGAIN', 'not yet'))) };
    const store = new GlossaryStore('fr', host);
    await store.configure(false, ['cours.glossaire.json'], [WS], 'fr');
    assert.ok(!store.current.byId.has('routeur') && store.problems.some((p) => p.code === 'glossary.unreadable'));
    ready = true;
    await store.configure(false, ['cours.glossaire.json'], [WS], 'fr');
    assert.ok(store.current.byId.has('routeur'));
    assert.deepEqual(store.problems.filter((p) => p.code === 'glossary.unreadable'), []);
  });

  it('an overlay recompiles without reading; a later reload wins over an earlier one', async () => {
    const uri = 'https://ext.example/glossary/builtin.json';
    const files = { [uri]: glossaryJson([{ id: 'a', term: 'alpha', category: 'c', definition: 'A.' }]) };
    const host = memoryHost(files);
    const store = new GlossaryStore('fr', host);
    await store.configure(true, [], [], 'fr');
    const readsBefore = host.reads.length;
    assert.ok(store.setOverlay(uri, glossaryJson([{ id: 'b', term: 'bêta', category: 'c', definition: 'B.' }])));
    assert.equal(host.reads.length, readsBefore);
    assert.ok(store.current.byId.has('b') && !store.current.byId.has('a'));
    store.setOverlay(uri, undefined);
    assert.ok(store.current.byId.has('a'), 'back to the text last read');
    const first = store.reload();
    files[uri] = glossaryJson([{ id: 'c', term: 'gamma', category: 'c', definition: 'C.' }]);
    const second = store.reload();
    await Promise.all([first, second]);
    assert.ok(store.current.byId.has('c'));
  });

  it('indexes the notes the host lists (any scheme), and forgets one that cannot be read', async () => {
    const glossaryUri = 'https://ext.example/glossary/builtin.json';
    const files: Record<string, string> = {
      [glossaryUri]: glossaryJson([{ id: 'routeur', term: 'routeur', category: 'c', definition: 'R.' }]),
      [`${WS}/a.md`]: 'Un routeur et un autre routeur.',
      [`${WS}/sous/b.md`]: 'Le routeur.',
      [`${WS}/c.txt`]: 'routeur',
    };
    const host = memoryHost(files);
    const store = new GlossaryStore('fr', host);
    await store.configure(true, [], [WS], 'fr');
    const index = new WorkspaceIndex((uri) => store.serviceFor(uri), host);
    await index.rebuild([WS]);
    assert.equal(index.size, 2);
    assert.deepEqual(index.references('routeur').map((r) => `${r.uri}:${r.range.start.character}`).sort(),
      [`${WS}/a.md:23`, `${WS}/a.md:3`, `${WS}/sous/b.md:3`]);
    delete files[`${WS}/a.md`];
    await index.updateFile(`${WS}/a.md`);
    assert.equal(index.size, 1);
    assert.deepEqual(index.references('routeur').map((r) => r.uri), [`${WS}/sous/b.md`]);
  });

  it('courses whose notes define nothing share one chain, until one of their notes defines a term', async () => {
    const store = new GlossaryStore('fr', memoryHost({}));
    await store.configure(true, [], [WS], 'fr');
    store.setHarvester(harvestDefinitions);
    const definition = '- **Routeur** : équipement qui achemine les paquets entre des réseaux distincts.';
    store.setNoteText(`${WS}/reseaux/a.md`, definition);
    store.setNoteText(`${WS}/droit/b.md`, 'Le contrat fixe les obligations du prestataire.');
    store.setNoteText(`${WS}/gestion/c.md`, 'Le planning du projet.');
    const droit = store.serviceFor(`${WS}/droit/b.md`);
    assert.equal(store.serviceFor(`${WS}/gestion/c.md`), droit);
    assert.notEqual(store.serviceFor(`${WS}/reseaux/a.md`), droit);
    assert.ok(store.forUri(`${WS}/reseaux/a.md`).byId.has('note-routeur'));
    // A definition written in the law course: its notes get a chain of their own, with the term.
    assert.ok(store.setNoteText(`${WS}/droit/b.md`, definition));
    assert.notEqual(store.serviceFor(`${WS}/droit/b.md`), store.serviceFor(`${WS}/gestion/c.md`));
    assert.ok(store.forUri(`${WS}/droit/b.md`).byId.has('note-routeur'));
    assert.ok(!store.forUri(`${WS}/gestion/c.md`).byId.has('note-routeur'));
    // And back to sharing when it goes.
    assert.ok(store.setNoteText(`${WS}/droit/b.md`, 'Plus de définition ici.'));
    assert.equal(store.serviceFor(`${WS}/droit/b.md`), store.serviceFor(`${WS}/gestion/c.md`));
  });

  it('with harvesting, reads every note of a course before indexing it, one course at a time', async () => {
    const files: Record<string, string> = {
      // The note that uses the term comes before the one that defines it.
      [`${WS}/reseaux/a.md`]: 'Le routeur relie deux réseaux.',
      [`${WS}/reseaux/b.md`]: '- **Routeur** : équipement qui achemine les paquets entre des réseaux distincts.',
      [`${WS}/droit/c.md`]: 'Le contrat fixe les obligations du prestataire.',
      [`${WS}/droit/d.md`]: 'Un routeur ici ne compte pas : ce cours ne le définit pas.',
    };
    const host = memoryHost(files);
    const store = new GlossaryStore('fr', host);
    await store.configure(true, [], [WS], 'fr');
    store.setHarvester(harvestDefinitions);
    const events: string[] = [];
    const name = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);
    const index = new WorkspaceIndex((uri) => {
      events.push(`index ${name(uri)}`);
      return store.serviceFor(uri);
    }, host);
    index.onText = (uri, text, segments) => {
      events.push(`read ${name(uri)}`);
      store.setNoteText(uri, text, segments);
    };
    index.textsFirst = () => store.harvesting;
    index.courseOf = (uri) => store.courseFolder(uri);
    await index.rebuild([WS]);
    // Each course: its notes read (harvested), then indexed; the courses in either order.
    const course = (a: string, b: string) => [`read ${a}`, `read ${b}`, `index ${a}`, `index ${b}`];
    const order = events.join(',');
    assert.ok(order === [...course('c.md', 'd.md'), ...course('a.md', 'b.md')].join(',') || order === [...course('a.md', 'b.md'), ...course('c.md', 'd.md')].join(','), order);
    // The definition in b.md counts in a.md, which comes first in its course.
    assert.deepEqual(index.references('note-routeur').map((r) => name(r.uri)).sort(), ['a.md', 'b.md']);
  });
});
