// Front-coded word lists (dist/lexicon-*.fc, what the .vsix ships and the runtime reads):
// decodeFrontCoded(encodeFrontCoded(x)) is x byte for byte, searching it in place answers as the
// plain list, corrupt files are refused with a located error, the build writes the .fc of today's lists, and both hosts load them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createFrontCodedLexicon, decodeFrontCoded, encodeFrontCoded } from '../../server/src/service/frontCoded';
import { createLexiconFromBytes } from '../../server/src/service/lexicon';
import {
  getEnglishLexiconPath, getLexiconPath, getShippedEnglishLexiconPath, getShippedLexiconPath, loadEnglishLexicon, loadLexicon, readFrontCodedList,
} from '../../server/src/node/resources';
import { createBrowserHost } from '../../server/src/browser/browserHost';
import type { Connection } from '../../server/src/lsp/context';
import { ROOT } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
const roundTrip = (bytes: Uint8Array) => assert.deepEqual(Buffer.from(decodeFrontCoded(encodeFrontCoded(bytes))), Buffer.from(bytes));
/** A sorted, deduplicated list as the build writes it (UTF-16 order, `\n` after each word). */
const list = (words: string[]) => utf8([...new Set(words)].sort().map((w) => `${w}\n`).join(''));

describe('front coding (encodeFrontCoded / decodeFrontCoded)', () => {
  it('writes a header, the restart table, then the shared prefix length and the rest of each line', () => {
    const enc = encodeFrontCoded(list(['abc', 'abd', 'b']), 2);
    // Two restarts (lines 0 and 2), at bytes 32 and 40, keyed by their first four bytes.
    assert.deepEqual([...enc], [
      0x47, 0x4c, 0x46, 0x43, 2, 10, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0,
      32, 0, 0, 0, 40, 0, 0, 0,
      0, 0x63, 0x62, 0x61, 0, 0, 0, 0x62,
      0, ...utf8('abc\n'), 2, ...utf8('d\n'), 0, ...utf8('b\n'),
    ]);
  });

  it('round-trips random sorted word lists with accents, ligatures and shared prefixes', () => {
    const letter = fc.constantFrom(...'aeiourstlnéèêàçœæ’-'.split(''));
    const word = fc.array(letter, { minLength: 1, maxLength: 14 }).map((l) => l.join(''));
    fc.assert(fc.property(fc.array(word, { maxLength: 80 }), fc.boolean(), (words, finalNewline) => {
      const bytes = list(words);
      roundTrip(finalNewline || bytes.length === 0 ? bytes : bytes.subarray(0, bytes.length - 1));
      // NFD text too: the same words with combining accents.
      roundTrip(list(words.map((w) => w.normalize('NFD'))));
    }), { numRuns: 300 });
  });

  it('round-trips any bytes (unsorted, empty lines, no final newline, a prefix ending inside a UTF-8 sequence)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => roundTrip(bytes)), { numRuns: 300 });
    for (const s of ['', '\n', '\n\n', 'a', 'a\n', 'é\nè\n', 'abc\nabc\nab\n\nabc']) roundTrip(utf8(s));
    assert.equal(encodeFrontCoded(new Uint8Array(0)).length, 16, 'an empty list is its header');
    assert.equal(decodeFrontCoded(encodeFrontCoded(new Uint8Array(0))).length, 0);
  });

  it('caps shared prefixes longer than 255 bytes at 255', () => {
    const long = 'é'.repeat(200); // 400 bytes
    const bytes = list([`${long}a`, `${long}b`, `${long}${long}`, `${long}${long}c`]);
    const enc = encodeFrontCoded(bytes);
    roundTrip(bytes);
    // Second record (after the header, one restart and the first record): 255, not 400 mod
    // 256, then the 146 remaining bytes.
    const second = 16 + 8 + 1 + utf8(`${long}a\n`).length;
    assert.equal(enc[second], 255);
    assert.equal(enc.indexOf(10, second + 1) - second - 1, 146);
    // Header, table, then each record: its prefix byte, the line less min(255, shared) bytes, `\n`.
    assert.equal(enc.length, 16 + 8 + (1 + 401 + 1) + (1 + 146 + 1) + (1 + 800 - 255 + 1) + (1 + 801 - 255 + 1));
  });

  it('refuses what it did not write, with the offset, and never returns partial data', () => {
    const good = encodeFrontCoded(list(['abri', 'abris', 'cloud']));
    // One restart: records from byte 24.
    const cases: [string, Uint8Array, RegExp][] = [
      ['plain text', utf8('abri\nabris\n'), /no GLFC header at byte 0/],
      ['empty file', new Uint8Array(0), /no GLFC header/],
      ['other version', Uint8Array.from(good, (b, i) => (i === 4 ? 1 : b)), /unknown version 1 at byte 4/],
      ['truncated', good.subarray(0, good.length - 1), /unterminated line/],
      ['prefix over the previous line', Uint8Array.from(good, (b, i) => (i === 24 ? 3 : b)), /shared prefix 3 longer than the previous line at byte 24/],
      ['length too short', Uint8Array.from(good, (b, i) => (i === 5 ? b - 2 : b)), /more data than the declared length/],
      ['length too long', Uint8Array.from(good, (b, i) => (i === 5 ? b + 2 : b)), /decoded 17 bytes, declared 19/],
      ['implausible length', Uint8Array.from(good, (b, i) => (i === 8 ? 0x7f : b)), /implausible length/],
      ['table beyond the end', Uint8Array.from(good, (b, i) => (i === 12 ? 0x7f : b)), /restart table of \d+ entries beyond the end/],
      ['restart off a line', Uint8Array.from(good, (b, i) => (i === 16 ? 25 : b)), /restart 0 not in the table at byte 24/],
    ];
    for (const [name, bytes, message] of cases) assert.throws(() => decodeFrontCoded(bytes), (e: Error) => e instanceof RangeError && message.test(e.message), name);
  });

  it('on any corruption either throws a RangeError or returns the declared length', () => {
    const good = encodeFrontCoded(list(['abri', 'abris', 'cloud', 'délocalisation', 'externalisation', 'externe']));
    fc.assert(fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
      const bad = good.slice();
      bad[at] = value;
      try {
        const out = decodeFrontCoded(bad);
        assert.equal(out.length, new DataView(bad.buffer).getUint32(5, true));
      } catch (e) {
        assert.ok(e instanceof RangeError, String(e));
      }
    }), { numRuns: 500 });
  });
});

describe('searching a front-coded list in place (createFrontCodedLexicon)', () => {
  const letter = fc.constantFrom(...'aeiourstlnéèêàçœ’-'.split(''));
  const word = fc.array(letter, { minLength: 1, maxLength: 12 }).map((l) => l.join(''));
  /** A list sorted by code point (UTF-8 byte order), as the build writes it. */
  const sorted = (words: string[]) => [...new Set(words)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

  it('answers exactly as the plain list, for every restart interval, words in and out of it', () => {
    fc.assert(fc.property(fc.array(word, { maxLength: 120 }), fc.array(word, { maxLength: 30 }), fc.integer({ min: 1, max: 20 }), (words, probes, interval) => {
      const w = sorted(words);
      const bytes = utf8(w.map((x) => `${x}\n`).join(''));
      const plain = createLexiconFromBytes(bytes);
      const coded = createFrontCodedLexicon(encodeFrontCoded(bytes, interval));
      assert.equal(coded.size, w.length);
      for (const p of [...w, ...probes, '', 'a', 'zzz', ...w.map((x) => x.slice(0, -1)), ...w.map((x) => `${x}a`)]) {
        assert.equal(coded.has(p), plain.has(p), JSON.stringify({ p, interval }));
      }
    }), { numRuns: 300 });
  });

  it('accepts extra words and an empty list', () => {
    const empty = createFrontCodedLexicon(encodeFrontCoded(new Uint8Array(0)), ['infogérance']);
    assert.equal(empty.size, 1);
    assert.ok(empty.has('infogérance') && !empty.has('cloud'));
  });

  it('refuses a damaged restart table at load, and never reads out of bounds on damaged records', () => {
    const good = encodeFrontCoded(list(['abri', 'abris', 'abrité', 'cloud', 'délocalisation', 'externalisation', 'externe']), 3);
    // Restart 1's offset (bytes 20–23) moved by one: refused at load, located.
    const moved = Uint8Array.from(good, (b, i) => (i === 20 ? b + 1 : b));
    assert.throws(() => createFrontCodedLexicon(moved), /restart 1 does not point at a whole line at byte 20/);
    // Restart 0's key (bytes 28–31) changed: refused.
    assert.throws(() => createFrontCodedLexicon(Uint8Array.from(good, (b, i) => (i === 28 ? b ^ 1 : b))), /restart 0 has a wrong key/);
    // Not aligned in memory (a file read into a larger buffer): the table is copied, same answers.
    const shifted = new Uint8Array(good.length + 1).subarray(1);
    shifted.set(good);
    const lex = createFrontCodedLexicon(shifted);
    assert.ok(lex.has('abrité') && lex.has('externe') && !lex.has('abrit'));
    // Any byte flipped: either refused with a RangeError or every look-up answers a boolean.
    fc.assert(fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
      const bad = good.slice();
      bad[at] = value;
      let lex;
      try {
        lex = createFrontCodedLexicon(bad);
      } catch (e) {
        assert.ok(e instanceof RangeError, String(e));
        return;
      }
      for (const p of ['abri', 'abris', 'cloud', 'externe', 'zz', '']) assert.equal(typeof lex.has(p), 'boolean');
    }), { numRuns: 500 });
  });
});

describe('the real word lists, front-coded', () => {
  for (const [name, txt, fcPath] of [
    ['French', getLexiconPath(), getShippedLexiconPath()],
    ['English', getEnglishLexiconPath(), getShippedEnglishLexiconPath()],
  ]) {
    it(`${name}: the build's .fc decodes to the .txt byte for byte, and re-encoding gives the same .fc`, () => {
      const plain = readFileSync(txt);
      const shipped = readFileSync(fcPath);
      assert.ok(plain.length > 1_000_000);
      assert.ok(shipped.length < plain.length / 2, `${shipped.length} vs ${plain.length}`);
      assert.ok(Buffer.from(readFrontCodedList(fcPath)).equals(plain));
      assert.ok(Buffer.from(encodeFrontCoded(plain)).equals(shipped));
      // Searched in place, it knows every 97th word of the plain list and not its neighbours
      // with one more letter.
      const lex = createFrontCodedLexicon(shipped);
      const words = plain.toString('utf8').split('\n').filter((w, i) => w && i % 97 === 0);
      const all = new Set(plain.toString('utf8').split('\n'));
      for (const w of words) {
        assert.ok(lex.has(w), w);
        if (!all.has(`${w}q`)) assert.ok(!lex.has(`${w}q`), `${w}q`);
      }
    });
  }

  it('the Node loaders read the .fc: French and English words are known', () => {
    assert.ok(getShippedLexiconPath().endsWith('lexicon-fr.fc') && getShippedEnglishLexiconPath().endsWith('lexicon-en.fc'));
    const fr = loadLexicon();
    const en = loadEnglishLexicon();
    assert.equal(fr.size, readFileSync(getLexiconPath(), 'latin1').split('\n').length - 1);
    assert.ok(fr.has('délocalisation') && fr.has('œuvre') && !fr.has('inforgérance'));
    assert.ok(en.has('cloud') && en.has('iteration') && !en.has('délocalisation'));
  });

  it('the .vsix ships the .fc lists, not the plain ones', () => {
    const shipped = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
    for (const f of ['dist/lexicon-fr.fc', 'dist/lexicon-en.fc', 'dist/lexicon-fr.LICENSE.txt', 'dist/lexicon-en.LICENSE.txt']) assert.ok(shipped.includes(f), f);
    assert.ok(!shipped.some((f) => /lexicon-(fr|en)\.txt$/.test(f)), 'a plain list is shipped');
  });
});

describe('the web host fetches the .fc lists', () => {
  /** A browser host whose `fetch` serves dist/ (minus `missing`), and what it fetched and logged. */
  async function loaded(missing: string[] = []) {
    const fetched: string[] = [];
    const log: string[] = [];
    const saved = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      const rel = url.replace('https://ext.test/', '');
      fetched.push(rel);
      if (missing.includes(rel)) return new Response('', { status: 404 });
      return new Response(readFileSync(join(ROOT, rel)));
    }) as typeof fetch;
    try {
      const connection = { console: { info: (m: string) => log.push(m), error: (m: string) => log.push(m) } } as unknown as Connection;
      const host = createBrowserHost(connection);
      host.initialize({ initializationOptions: { extensionUri: 'https://ext.test', fileUrl: { prefix: 'https://ext.test/', suffix: '', encodeSlashes: false } } } as never);
      const done = new Promise<void>((resolve) => host.onLexiconLoaded!(resolve));
      await host.prepareLexicon();
      await done;
      return { host, fetched, log };
    } finally {
      globalThis.fetch = saved;
    }
  }

  it('decodes the French and English lists (the bilingual guard is on in the browser)', async () => {
    const { host, fetched } = await loaded();
    assert.deepEqual(fetched.sort(), ['dist/lexicon-en.fc', 'dist/lexicon-fr.fc']);
    assert.ok(host.lexicon().size > 100_000 && host.lexicon().has('délocalisation') && !host.lexicon().has('inforgérance'));
    assert.ok(host.englishLexicon!().has('cloud') && !host.englishLexicon!().has('délocalisation'));
  });

  it('without the English list, keeps the French one and says why', async () => {
    const { host, log } = await loaded(['dist/lexicon-en.fc']);
    assert.ok(host.lexicon().has('délocalisation'));
    assert.equal(host.englishLexicon!().size, 0);
    assert.ok(log.some((m) => /English word list unavailable: .*HTTP 404/.test(m)), log.join('\n'));
  });
});
