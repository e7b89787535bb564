/**
 * Robustness of the core: seeded property tests over thousands of random Markdown-ish notes
 * (see fuzzText.ts), adversarial inputs under a hang guard, and every kind of broken glossary.
 *
 * GLOSSAIRE_FUZZ_SEED and GLOSSAIRE_FUZZ_DOCS change the seed and the number of notes; a
 * failure prints the seed and the note so it can be replayed.
 */

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../server/src/service/analyze';
import { getCompletions } from '../../server/src/service/completion';
import { applyEdits, getFixAllEdits } from '../../server/src/service/fixes';
import { formatProblem, Glossary, GlossaryProblem, MAX_FORM_LENGTH } from '../../server/src/service/glossary';
import { getHover } from '../../server/src/service/hover';
import { scanMarkdown, TokenFlag } from '../../server/src/service/markdown';
import { LineIndex } from '../../server/src/service/positions';
import { GlossaryStore } from '../../server/src/lsp/glossaryStore';
import { createNodeHost } from '../../server/src/node/nodeHost';
import { DEFAULT_SETTINGS } from '../../server/src/shared/protocol';
import { sanitizeSettings } from '../../server/src/lsp/settings';
import { analyze, builtinGlossary, compile, glossaryJson, readRepoFile, ROOT } from './helpers';
import { ADVERSARIAL, assertAnalysis, assertSpans, createRandom, randomDocument, splitsPair } from './fuzzText';

const SEED = Number(process.env.GLOSSAIRE_FUZZ_SEED ?? 20_240_611);
const DOCS = Number(process.env.GLOSSAIRE_FUZZ_DOCS ?? 3000);

/** Runs `check` on each random note; a failure names the seed, the note's index and its text. */
function forEachDocument(count: number, salt: number, check: (text: string, k: number) => void): void {
  const random = createRandom(SEED + salt);
  for (let k = 0; k < count; k++) {
    const text = randomDocument(random);
    try {
      check(text, k);
    } catch (e) {
      (e as Error).message += `\n  seed ${SEED}+${salt}, note #${k}: ${JSON.stringify(text)}`;
      throw e;
    }
  }
}

/** Where each edit's replacement lies in the edited text. */
function mappedSpans(edits: { start: number; end: number; newText: string }[]): { start: number; end: number }[] {
  let delta = 0;
  return [...edits].sort((a, b) => a.start - b.start).map((e) => {
    const start = e.start + delta;
    delta += e.newText.length - (e.end - e.start);
    return { start, end: start + e.newText.length };
  });
}

describe('robustness: random notes', () => {
  it(`analysis: ${DOCS} notes never throw; findings and occurrences are sorted, disjoint, in bounds, whole characters; fixes change text`, () => {
    let findings = 0;
    let occurrences = 0;
    forEachDocument(DOCS, 1, (text) => {
      const a = analyze(text);
      assertAnalysis(text, a);
      findings += a.findings.length;
      occurrences += a.occurrences.length;
    });
    // The generator does exercise the matcher.
    assert.ok(findings > DOCS / 2 && occurrences > DOCS / 2, `${findings} findings, ${occurrences} occurrences`);
  });

  it('fix-all then re-analysis: no finding of the same code on the replaced words (a longer term around them may show up)', () => {
    forEachDocument(Math.ceil(DOCS / 2), 2, (text) => {
      const a = analyze(text);
      const edits = getFixAllEdits(a.findings);
      assertSpans(text, edits, 'fix-all edits');
      const fixed = applyEdits(text, edits);
      const again = analyze(fixed);
      assertAnalysis(fixed, again);
      const codeAt = new Map<number, string[]>();
      for (const f of a.findings) for (const e of f.edits ?? [{ start: f.start }]) codeAt.set(e.start, [...(codeAt.get(e.start) ?? []), f.code === 'glossaire.unaccented-note' ? 'glossaire.missing-accent' : f.code]);
      const sorted = [...edits].sort((x, y) => x.start - y.start);
      mappedSpans(sorted).forEach((span, k) => {
        const codes = codeAt.get(sorted[k].start) ?? [];
        for (const f of again.findings) {
          const spans = f.edits ?? [f];
          for (const s of spans) {
            if (s.start >= span.start && s.end <= span.end) {
              const code = f.code === 'glossaire.unaccented-note' ? 'glossaire.missing-accent' : f.code;
              assert.ok(!codes.includes(code), `"${text.slice(sorted[k].start, sorted[k].end)}" fixed as "${sorted[k].newText}" is flagged again (${f.code}: "${f.word}")`);
            }
          }
        }
      });
    });
  });

  it('line endings: \\n, \\r\\n and \\r notes give the same findings', () => {
    const norm = (f: Finding) => `${f.code} ${f.word.replace(/\r\n?/g, '\n')} → ${f.suggestions.map((s) => s.replace(/\r\n?/g, '\n')).join('|')}`;
    forEachDocument(Math.ceil(DOCS / 2), 3, (raw) => {
      const lf = raw.replace(/\r\n?/g, '\n');
      const expected = analyze(lf).findings.map(norm);
      assert.deepEqual(analyze(lf.replace(/\n/g, '\r\n')).findings.map(norm), expected, 'CRLF');
      assert.deepEqual(analyze(lf.replace(/\n/g, '\r')).findings.map(norm), expected, 'CR');
    });
  });

  it('Unicode normalisation: an NFD note gets the findings of its NFC form, with NFD fixes', () => {
    const norm = (f: Finding) => `${f.code} ${f.word.normalize('NFC')} → ${f.suggestions.map((s) => s.normalize('NFC')).join('|')}`;
    forEachDocument(Math.ceil(DOCS / 2), 4, (raw) => {
      const nfc = raw.normalize('NFC');
      const nfd = raw.normalize('NFD');
      const a = analyze(nfd);
      assertAnalysis(nfd, a);
      assert.deepEqual(a.findings.map(norm), analyze(nfc).findings.map(norm));
      // A note is taken as NFD from its prose words (accents only inside code do not count).
      if (scanMarkdown(nfd).tokens.some((t) => t.flags & TokenFlag.Decomposed)) {
        for (const f of a.findings) for (const s of f.suggestions) assert.equal(s, s.normalize('NFD'), `fix "${s}" of an NFD note is NFD`);
      }
    });
  });

  it('LineIndex: every offset round-trips on every line ending, and agrees with the LSP library', () => {
    const random = createRandom(SEED + 5);
    forEachDocument(Math.ceil(DOCS / 3), 5, (text) => {
      const lines = new LineIndex(text);
      const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
      assert.equal(lines.lineCount, doc.lineCount);
      for (let o = 0; o <= text.length; o++) {
        const p = lines.positionAt(o);
        assert.deepEqual(p, doc.positionAt(o), `positionAt(${o})`);
        // An offset between \r and \n is not a position (LSP puts it before the \r).
        const insideCrLf = text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
        assert.equal(lines.offsetAt(p), insideCrLf ? o - 1 : o, `offsetAt(positionAt(${o}))`);
      }
      for (let k = 0; k < 20; k++) {
        const p = { line: Math.floor(random() * (lines.lineCount + 4)) - 2, character: Math.floor(random() * 60) - 5 };
        assert.equal(lines.offsetAt(p), doc.offsetAt(p), `offsetAt(${JSON.stringify(p)})`);
      }
      assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
      assert.deepEqual(lines.positionAt(text.length + 5), doc.positionAt(text.length));
    });
  });

  it('completion and hover at random offsets never throw and stay in bounds', () => {
    const random = createRandom(SEED + 6);
    const g = builtinGlossary();
    forEachDocument(Math.ceil(DOCS / 3), 6, (text) => {
      const a = analyze(text);
      for (let k = 0; k < 12; k++) {
        const o = k === 0 ? text.length : Math.floor(random() * (text.length + 1));
        for (const c of getCompletions(text, o, g)) {
          assert.ok(c.replaceStart >= 0 && c.replaceStart <= c.replaceEnd && c.replaceEnd === o, `completion range ${c.replaceStart}–${c.replaceEnd} at ${o}`);
          assert.ok(!splitsPair(text, c.replaceStart), 'completion range splits a surrogate pair');
          assert.ok(c.label.length > 0 && g.byId.has(c.entryId));
        }
        const h = getHover(a, o, g, k % 2 ? 'fr' : 'en');
        if (h) assert.ok(h.start <= o && o <= h.end && h.markdown.length > 0, `hover ${h.start}–${h.end} at ${o}`);
      }
    });
  });
});

describe('robustness: adversarial notes complete (hang guard, not a benchmark)', { concurrency: 4 }, () => {
  // Each note is analysed in a worker: a hang becomes a failure that names the input.
  for (const [name] of ADVERSARIAL) {
    it(name, async () => {
      const worker = new Worker(join(__dirname, 'robustnessWorker.js'), { workerData: { name } });
      const HARD_LIMIT = 60_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        const r = await new Promise<{ ms?: number; length?: number; error?: string }>((resolve, reject) => {
          timer = setTimeout(() => resolve({ error: `no answer in ${HARD_LIMIT / 1000} s: hangs` }), HARD_LIMIT);
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        assert.equal(r.error, undefined, `${name}: ${r.error}`);
        // 8 s per 200 KB: quadratic work on these sizes takes minutes, while a loaded 2-core machine
        // (parallel builds) makes linear work several times slower than on a quiet one.
        const budget = 8000 * Math.max(1, r.length! / 200_000);
        assert.ok(r.ms! < budget, `${name}: ${Math.round(r.ms!)} ms for ${r.length} characters (guard ${budget} ms)`);
      } finally {
        clearTimeout(timer);
        await worker.terminate();
      }
    });
  }

  it('a backslash escapes ASCII punctuation only: "\\cloud" is the word "cloud" (it was "loud", fixed as "\\ccloud")', () => {
    assert.deepEqual(scanMarkdown('\\cloud \\*clud\\* a\\\\b').tokens.map((t) => t.text), ['cloud', 'clud', 'a', 'b']);
    assert.deepEqual(analyze('Le \\clud ici.').findings.map((f) => [f.word, f.suggestions[0]]), [['clud', 'cloud']]);
  });

  it('a stray backtick hides nothing past its paragraph (a code span never spans a blank line)', () => {
    const note = 'Le caractère ` sert aux exemples.\n\nL’inforgérance du `code` ici.\n';
    assert.deepEqual(analyze(note).findings.map((f) => f.word), ['inforgérance']);
    for (const eol of ['\r\n', '\r', '\n  \t\n']) assert.deepEqual(analyze(note.replace('\n\n', eol === '\n  \t\n' ? eol : eol + eol)).findings.map((f) => f.word), ['inforgérance'], JSON.stringify(eol));
    assert.deepEqual(scanMarkdown('a `b\nc` d').tokens.map((t) => t.text), ['a', 'd']); // one line break: still a code span
  });

  it('the scanner reads the same words from a huge note as from its parts (no state leaks across segments)', () => {
    const part = 'Le `code` et <!-- note --> la clud.\n\n```\nx\n```\n';
    const one = scanMarkdown(part).tokens.map((t) => t.text);
    const many = scanMarkdown(part.repeat(2000)).tokens.map((t) => t.text);
    assert.deepEqual(many, Array.from({ length: 2000 }, () => one).flat());
  });
});

describe('robustness: settings of the wrong type fall back to their defaults', () => {
  it('keeps what has the right type, drops the rest', () => {
    assert.deepEqual(sanitizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(sanitizeSettings('n’importe quoi'), DEFAULT_SETTINGS);
    const s = sanitizeSettings({
      enable: 'oui', useBuiltinGlossary: false, indexWorkspace: 3, ignoreWords: [1, null, 'ofshore', ''], glossaries: 'cours.json',
      languages: [], severity: { 'glossaire.compound': 'off', 'glossaire.acronym-case': 'fort', x: 3 }, trace: { server: 'off' },
    });
    assert.deepEqual(s, { ...DEFAULT_SETTINGS, useBuiltinGlossary: false, ignoreWords: ['ofshore'], severity: { 'glossaire.compound': 'off' }, trace: { server: 'off' } });
    assert.deepEqual(sanitizeSettings({ severity: ['off'], glossaries: ['a.json', 2] }), { ...DEFAULT_SETTINGS, glossaries: ['a.json'] });
  });
});

describe('robustness: broken glossaries name the file, the entry and the field; the rest loads', () => {
  const entry = (id: string, term: string, more: Record<string, unknown> = {}) => ({ id, term, category: 'c', definition: 'Définition.', ...more });
  const load = (text: string, uri = '/g/cours.json') => compile([{ uri, text }]);
  const problem = (g: Glossary, code: string, entry?: string, field?: string): GlossaryProblem => {
    const p = g.problems.find((x) => x.code === code && x.entry === entry && x.field === field);
    assert.ok(p, `no ${code} (${entry}, ${field}) in ${JSON.stringify(g.problems.slice(0, 20).map((x) => [x.code, x.entry, x.field]))}`);
    const line = formatProblem(p);
    assert.ok(line.startsWith(p.uri + ':'), line);
    if (entry) assert.ok(line.includes(`« ${entry} »`), line);
    if (field) assert.ok(line.includes(`« ${field} »`), line);
    return p;
  };

  it('JSON nested thousands deep: one clear error, no stack overflow, the other files load', () => {
    for (const deep of ['['.repeat(100_000), `{"entries": [${'['.repeat(50_000)}${']'.repeat(50_000)}]}`, glossaryJson([entry('a', 'a', { definition: '@' })]).replace('"@"', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000))]) {
      const g = compile([{ uri: '/g/deep.json', text: deep }, { uri: '/g/ok.json', text: glossaryJson([entry('alpha', 'alphanumérique')]) }]);
      const p = problem(g, 'glossary.invalid-json');
      assert.match(p.message, /plus de 100 niveaux d’imbrication \(ligne \d+, colonne \d+\)/);
      assert.deepEqual(g.entries.map((e) => e.id), ['alpha']);
    }
  });

  // A hang fails by the test's timeout; how long compiling takes is measured by `npm run bench`.
  it('10,000 entries with duplicate ids and terms: compiled, every duplicate named', { timeout: 120_000 }, () => {
    // Entries 8000–8999 repeat the terms of 0–999; 9000–9999 repeat the ids of 6000–6999.
    const letters = (k: number) => Array.from(k.toString(26), (d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    const entries = Array.from({ length: 10_000 }, (_, k) => entry(`e${k < 9000 ? k : k - 3000}`, `terme${letters(k % 8000)}`, { forms: [`terme${letters(k)}s`], misspellings: [`termme${letters(k)}`], related: [`e${k + 3}`] }));
    const g = load(glossaryJson(entries));
    assert.equal(g.entries.length, 9000);
    problem(g, 'glossary.duplicate-id', 'e6000', 'id');
    problem(g, 'glossary.entry-dropped', 'e6000');
    assert.match(problem(g, 'glossary.duplicate-term', 'e8000', 'term').message, /« termea » est déjà revendiqué par l’entrée « e0 »/);
    assert.equal(g.problems.filter((p) => p.code === 'glossary.duplicate-id').length, 1000);
    assert.ok(g.problems.filter((p) => p.code === 'glossary.duplicate-term' && p.field === 'term').length >= 1000);
    // The valid entries work: a known misspelling is flagged.
    assert.deepEqual(analyze(`Le termme${letters(5000)} ici.`, g).findings.map((f) => f.suggestions[0]), [`terme${letters(5000)}`]);
  });

  it('an over-long term drops its entry; an over-long form is left out, the entry stays', () => {
    const long = 'x'.repeat(MAX_FORM_LENGTH + 1);
    const g = load(glossaryJson([entry('a', long), entry('b', 'bêta', { synonyms: ['beta', 'y'.repeat(5000)] })]));
    assert.match(problem(g, 'glossary.too-long', 'a', 'term').message, /201 caractères, 200 au plus/);
    problem(g, 'glossary.too-long', 'b', 'synonyms');
    assert.deepEqual(g.entries.map((e) => [e.id, e.allForms]), [['b', ['bêta', 'beta']]]);
  });

  it('a term of the longest allowed length (200 letters, no repeats to collapse) cannot stall the fuzzy index', { timeout: 60_000 }, () => {
    let word = '';
    for (let k = 0; k < MAX_FORM_LENGTH; k++) word += String.fromCharCode(97 + ((k * 7919) % 26));
    const g = load(glossaryJson([entry('a', word, { misspellings: [word + 'z'] }), entry('b', 'bêta')]));
    const a = analyze(`${word.slice(1)} ${'q'.repeat(MAX_FORM_LENGTH)} bêta`, g);
    // It returns, and the note's other term is still found.
    assert.deepEqual(a.occurrences.map((o) => o.entryId), ['b']);
  });

  it('a bad item of a list is reported where it is; the good items load', () => {
    const text = glossaryJson([entry('a', 'alpha', { forms: ['alphas', 3, '', 'alphaz'] })]);
    const g = load(text);
    const p = problem(g, 'glossary.wrong-type', 'a', 'forms');
    assert.equal(text.slice(p.start, p.end), '3');
    assert.deepEqual(g.byId.get('a')!.allForms, ['alpha', 'alphas', 'alphaz']);
  });

  it('entries that are not objects, bad categories, forms without words, wrong top-level types', () => {
    const text = JSON.stringify({
      name: 5, language: 'fr', categories: [{ id: 'c', label: 'C' }, 'oops', { id: 'd' }],
      entries: [null, entry('a', 'alpha'), [], 'x', entry('b', '???'), entry('c', 'gamma', { misspellings: ['—'] })],
    });
    const g = load(text);
    problem(g, 'glossary.wrong-type', undefined, 'name');
    assert.match(problem(g, 'glossary.entry-not-object', '#1').message, /objet JSON/);
    problem(g, 'glossary.entry-not-object', '#3');
    problem(g, 'glossary.entry-not-object', '#4');
    assert.match(g.problems.filter((p) => p.code === 'glossary.bad-category').map((p) => p.message).join('\n'), /n° 2[\s\S]*n° 3/);
    assert.equal(problem(g, 'glossary.no-words', 'b', 'term').severity, 'warning');
    problem(g, 'glossary.no-words', 'c', 'misspellings');
    assert.deepEqual(g.entries.map((e) => e.id), ['a', 'b', 'c']);
  });

  it('forms the notes cannot match are pointed out: a word with a digit, a part the scanner skips', () => {
    const g = load(glossaryJson([entry('ipv6', 'IPv6'), entry('web', 'Web 2.0', { synonyms: ['C++', 'e-mail', 'système d’information'] })]));
    assert.match(problem(g, 'glossary.has-digits', 'ipv6', 'term').message, /« IPv6 » contient un chiffre/);
    assert.match(problem(g, 'glossary.partly-read', 'web', 'term').message, /« Web 2\.0 » sera lu comme « Web »/);
    assert.equal(g.problems.length, 2);
  });

  it('random damage to the built-in glossary never throws; problems stay inside the file', () => {
    const original = readRepoFile('glossary', 'externalisation.json');
    const random = createRandom(SEED + 7);
    const junk = ['{', '}', '[', ']', ',', ':', '"', '\\', 'null', '42', '"x"', '//', '/*', '\n', '\u2028', '\ud800', 'é'];
    for (let k = 0; k < 300; k++) {
      let text = original;
      for (let m = 0; m < 1 + Math.floor(random() * 4); m++) {
        const at = Math.floor(random() * text.length);
        const kind = random();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 40));
        else if (kind < 0.8) text = text.slice(0, at) + junk[Math.floor(random() * junk.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(at, at + Math.floor(random() * 200)) + text.slice(at);
      }
      let g: Glossary;
      try {
        g = load(text);
      } catch (e) {
        assert.fail(`damaged glossary #${k} (seed ${SEED}) threw: ${(e as Error).stack}`);
      }
      for (const p of g.problems) {
        assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length + 1, `${p.code} at ${p.start}–${p.end}`);
        assert.ok(p.message.length > 0 && formatProblem(p).startsWith('/g/cours.json:'));
      }
      for (const e of g.entries) assert.ok(e.id && e.term && e.definition && e.category);
      analyze('L’inforgérance et le clud, en SAAS.', g);
    }
  });

  it('a missing glossary file: a clear error naming it; the other files still serve', async () => {
    const store = new GlossaryStore('fr', createNodeHost());
    const dir = mkdtempSync(join(tmpdir(), 'glossaire-store-'));
    try {
      const ok = join(dir, 'ok.json');
      writeFileSync(ok, glossaryJson([entry('alpha', 'alphanumérique')]));
      await store.configure(true, [join(dir, 'absent.json'), ok], [], 'fr');
      const p = store.problems.find((x) => x.code === 'glossary.unreadable');
      assert.ok(p, JSON.stringify(store.problems));
      assert.match(p.message, /absent\.json.*fichier introuvable/);
      assert.ok(store.current.byId.has('alpha') && store.current.byId.has('infogerance'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('glossaire check: a dangling link is reported and skipped, a link loop walked once (both crashed the CLI)', { skip: !existsSync(join(ROOT, 'dist', 'cli.js')) && 'dist/cli.js not built' }, (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'glossaire-links-'));
    try {
      writeFileSync(join(dir, 'note.md'), 'Le clud.\n');
      mkdirSync(join(dir, 'boucle'));
      try {
        symlinkSync('absente.md', join(dir, 'pendant.md'));
        for (const name of ['x', 'y', 'z']) symlinkSync('.', join(dir, 'boucle', name), 'dir');
        symlinkSync('..', join(dir, 'boucle', 'parent'), 'dir');
      } catch {
        t.skip('cannot create symbolic links here');
        return;
      }
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', dir], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, GLOSSAIRE_LOCALE: 'fr' } });
      // The rest is checked, and the path that could not be read makes the run exit 2 (issue 13, item 9).
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /pendant\.md : illisible \(lien vers un fichier absent\)/);
      assert.equal(r.stdout.trim().split('\n').length, 1, r.stdout);
      assert.match(r.stderr, /1 fichier\(s\) vérifié\(s\), 1 faute\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('glossaire check: each broken file is named with its entry and field on stderr; valid entries still check', { skip: !existsSync(join(ROOT, 'dist', 'cli.js')) && 'dist/cli.js not built' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'glossaire-broken-'));
    try {
      const files: Record<string, string> = {
        'pas-json.json': '{ "name": "x", "language": "fr", "categories": [{"id":"c","label":"C"}], "entries": [ {"id":"a","term":"alpha","category":"c","definition":"d"} {"id":"b" "term":"beta"} ]',
        'tableau.json': '[1, 2]',
        'entrees-objet.json': '{"name":"x","language":"fr","categories":[],"entries":{"a":{}}}',
        'profond.json': '['.repeat(50_000),
        'champs.json': glossaryJson([entry('maquette', 'maquettage', { misspellings: ['maison'] }), entry('num', 42 as unknown as string), { id: 'sansdef', term: 'x', category: 'c' }]),
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, 'note.md'), 'Le maquetage du projet.\n');
      const args = ['check', ...Object.keys(files).flatMap((n) => ['--glossary', join(dir, n)]), '--glossary', join(dir, 'absent.json'), join(dir, 'note.md')];
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, GLOSSAIRE_LOCALE: 'fr' } });
      assert.equal(r.status, 2, r.stderr);
      const err = r.stderr;
      assert.match(err, /pas-json\.json: erreur \(entrée « b »(, champ « id »)?\): JSON invalide : virgule attendue \(ligne 1, colonne \d+\)/);
      assert.match(err, /tableau\.json: erreur: Le glossaire doit être un objet JSON\./);
      assert.match(err, /entrees-objet\.json: erreur \(champ « entries »\): Le champ « entries » doit être un tableau/);
      assert.match(err, /profond\.json: erreur: JSON invalide : plus de 100 niveaux d’imbrication/);
      assert.match(err, /champs\.json: erreur \(entrée « num », champ « term »\): Le champ « term » doit être une chaîne/);
      assert.match(err, /champs\.json: erreur \(entrée « sansdef », champ « definition »\): Champ obligatoire « definition » manquant\./);
      assert.match(err, /champs\.json: avertissement \(entrée « maquette », champ « misspellings »\): La faute « maison » est un mot français correct/);
      assert.match(err, /Glossaire illisible \(.*absent\.json\) : fichier introuvable\./);
      // The valid entry of the broken file still checks the note.
      assert.match(r.stdout, /note\.md:1:4: .*« maquetage ».*« maquettage »/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
