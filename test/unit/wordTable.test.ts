import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashWord, scanTokens, TokenBuffer } from '../../server/src/service/markdown';
import { WordKind, WordStore, WordTable } from '../../server/src/service/wordTable';
import { createRandom } from '../random';
import { analyze, lexicon, miniGlossary } from './helpers';
import { createGlossaireService } from '../../server/src/service/service';

function table(firstWords: string[] = [], store?: WordStore): WordTable<unknown> {
  // Only the keys matter to the table: the forms list is handed back as is.
  return new WordTable<unknown>(new Map(firstWords.map((w) => [w, []])), store);
}

describe('word table', () => {
  it('gives one id per distinct word, whether found in the note or given as a string', () => {
    const t = table();
    const text = 'Le cloud, le Cloud et le cloud.';
    const buf = new TokenBuffer();
    scanTokens(text, buf, t);
    const ids = Array.from(buf.id.subarray(0, buf.count));
    const words = ids.map((id) => t.entries[id].text);
    assert.deepEqual(words, ['Le', 'cloud', 'le', 'Cloud', 'et', 'le', 'cloud']);
    assert.equal(ids[1], ids[6]);
    assert.notEqual(ids[1], ids[3]);
    assert.equal(t.idOfString('cloud'), ids[1]);
    assert.equal(t.idOfString('Le'), ids[0]);
    assert.equal(t.size, 5);
    // The separate resolve pass (incremental updates) agrees with the scan's look-ups.
    const out = new Int32Array(buf.count);
    t.resolve(text, buf, out);
    assert.deepEqual(Array.from(out), ids);
  });

  it('keeps thousands of words apart, long ones included, across growth of its arrays', () => {
    const t = table();
    const rng = createRandom(11);
    const words = new Set<string>();
    const letters = 'abcdeéèfghijklmnoœpqrstuvwxyz';
    while (words.size < 5000) {
      const len = 1 + Math.floor(rng() * (rng() < 0.01 ? 6000 : 14));
      let w = '';
      for (let k = 0; k < len; k++) w += letters[Math.floor(rng() * letters.length)];
      words.add(w);
    }
    const list = [...words];
    const text = list.join(' ');
    const buf = new TokenBuffer();
    scanTokens(text, buf, t);
    assert.equal(buf.count, list.length);
    assert.equal(t.size, list.length);
    for (let k = 0; k < list.length; k++) {
      assert.equal(t.entries[buf.id[k]].text, list[k]);
      assert.equal(t.idOf(text, buf.start[k], list[k].length, hashWord(list[k])), buf.id[k]);
    }
    // A second scan adds nothing.
    scanTokens(text, buf, t);
    assert.equal(t.size, list.length);
  });

  it('marks the words the rules may need, and forgets everything on clear', () => {
    const t = table(['infogerance']);
    const a = t.idOfString('Infogérance');
    const b = t.idOfString('de');
    const c = t.idOfString('maison');
    assert.equal(t.kinds[a] & WordKind.Forms, WordKind.Forms);
    assert.equal(t.kinds[b], WordKind.Seen | WordKind.Unknown, 'a two-letter word may be a typo of a short word of a multi-word term');
    assert.equal(t.kinds[t.idOfString('a')], WordKind.Seen, 'a one-letter word is never a fuzzy candidate');
    assert.equal(t.kinds[c], WordKind.Seen | WordKind.Unknown);
    t.setInfo(c, {}, false);
    assert.equal(t.kinds[c], WordKind.Seen);
    t.setInfo(a, {}, true);
    assert.equal(t.kinds[a], WordKind.Seen | WordKind.Forms | WordKind.Candidates);
    const generation = t.generation;
    t.clear();
    assert.equal(t.size, 0);
    assert.equal(t.generation, generation + 1);
    assert.equal(t.idOfString('maison'), 0);
  });

  it('two glossaries share a store: one id per word, forms and memos per glossary, a clear seen by both', () => {
    const store = new WordStore();
    const courseA = table(['routage'], store);
    const courseB = table(['infogerance'], store);
    const text = 'Le routage et l\'infogérance.';
    const bufA = new TokenBuffer();
    scanTokens(text, bufA, courseA);
    const idsA = Array.from(bufA.id.subarray(0, bufA.count));
    const bufB = new TokenBuffer();
    scanTokens(text, bufB, courseB);
    assert.deepEqual(Array.from(bufB.id.subarray(0, bufB.count)), idsA, 'the second glossary finds the words the first added');
    assert.equal(store.size, 5);
    const routage = idsA[1];
    const infogerance = idsA[4];
    assert.equal(courseA.kinds[routage] & WordKind.Forms, WordKind.Forms);
    assert.equal(courseB.kinds[routage] & WordKind.Forms, 0);
    assert.equal(courseB.kinds[infogerance] & WordKind.Forms, WordKind.Forms);
    assert.equal(courseA.kinds[infogerance] & WordKind.Forms, 0);
    courseA.setInfo(routage, { a: 1 }, true);
    assert.equal(courseB.info.get(routage), undefined, 'a memo is its glossary\'s');
    // Ids resolved apart (an incremental update's pass) are looked at by the view too.
    const other = table(['le'], store);
    const out = new Int32Array(bufA.count);
    other.resolve(text, bufA, out);
    assert.equal(other.kinds[out[0]] & WordKind.Forms, WordKind.Forms);
    courseA.clear();
    courseB.sync();
    assert.equal(store.size, 0);
    assert.equal(courseB.kinds[infogerance], 0, 'the other view forgot its words with the store');
    assert.equal(courseB.info.size, 0);
    assert.equal(courseB.idOfString('maison'), 0);
    assert.equal(courseB.kinds[0], WordKind.Seen | WordKind.Unknown);
  });

  it('services given one store analyse as services with stores of their own', () => {
    const store = new WordStore();
    const a = miniGlossary([{ id: 'r', term: 'routage', category: 'c', definition: 'd' }]);
    const b = miniGlossary([{ id: 'i', term: 'infogérance', category: 'c', definition: 'd' }]);
    const shared = [createGlossaireService({ glossary: a, lexicon, words: store }), createGlossaireService({ glossary: b, lexicon, words: store })];
    const own = [createGlossaireService({ glossary: miniGlossary([{ id: 'r', term: 'routage', category: 'c', definition: 'd' }]), lexicon }), createGlossaireService({ glossary: miniGlossary([{ id: 'i', term: 'infogérance', category: 'c', definition: 'd' }]), lexicon })];
    const notes = ['Le routahe et l\'infogérance.', 'Le routage, puis l\'inforgérance du routage.', 'Rien ici.'];
    for (let round = 0; round < 2; round++) {
      for (const note of notes) {
        for (let k = 0; k < 2; k++) {
          const x = shared[k].analyze(note);
          const y = own[k].analyze(note);
          assert.deepEqual(x.findings.map((f) => [f.word, f.start]), y.findings.map((f) => [f.word, f.start]));
          assert.deepEqual(x.occurrences, y.occurrences);
        }
      }
    }
    assert.ok(store.size > 0);
  });

  it('what the lexicon says of a word is asked once for every glossary of a store, and forgotten with it', () => {
    const asked: string[] = [];
    const lex = { has: (w: string) => (asked.push(w), w === 'maison'), size: 1 };
    const store = new WordStore();
    const a = createGlossaireService({ glossary: miniGlossary([{ id: 'm', term: 'maisonnette' }]), lexicon: () => lex, words: store });
    const b = createGlossaireService({ glossary: miniGlossary([{ id: 'n', term: 'maisonnée' }]), lexicon: () => lex, words: store });
    a.analyze('Une maison, une maisonette.');
    const first = asked.filter((w) => w === 'maison' || w === 'maisonette').length;
    assert.ok(first > 0);
    b.analyze('Une maison, une maisonette.');
    assert.equal(asked.filter((w) => w === 'maison' || w === 'maisonette').length, first, 'the second course asks nothing again');
    const facts = store.factsFor(lex);
    assert.equal(facts.isWord(store.idOfString('maison'), 'maison'), true);
    store.clear();
    const id = store.idOfString('maison');
    const before = asked.length;
    assert.equal(facts.isWord(id, 'maison'), true);
    assert.equal(asked.length, before + 1, 'asked again after the clear');
  });

  it('a long word (rebuilt from the pool rather than sliced) keeps its text across notes', () => {
    const g = miniGlossary([{ id: 'x', term: 'infogérance', category: 'c', definition: 'd' }]);
    const long = 'anticonstitutionnellementissimes';
    const first = analyze(`Un mot ${long} puis l'infogérance.`, g);
    assert.equal(first.occurrences.length, 1);
    const again = analyze(`${long} encore, et inforgérance.`, g);
    assert.deepEqual(again.findings.map((f) => f.word), ['inforgérance']);
  });
});
