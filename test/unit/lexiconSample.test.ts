import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createLexiconFromBytes, encodeLexiconSample } from '../../server/src/service/lexicon';
import { getLexiconPath, getLexiconSamplePath } from '../../server/src/node/resources';

describe('lexicon search sample (dist/lexicon-fr.idx)', () => {
  const words = ['abri', 'cloud', 'externe', 'localisation', 'zèbre', 'été', 'œuvre'];
  for (let k = 0; k < 200; k++) words.push(`mot${String(k).padStart(3, '0')}`);
  words.sort();
  const bytes = Buffer.from(words.join('\n') + '\n');
  const probes = [...words, 'a', 'abr', 'abris', 'mot', 'mot0', 'mot1999', 'zz', '', 'ete', 'œ'];

  it('answers as the sample built in memory', () => {
    const plain = createLexiconFromBytes(bytes);
    const sampled = createLexiconFromBytes(bytes, [], encodeLexiconSample(bytes));
    for (const w of probes) assert.equal(sampled.has(w), plain.has(w), w);
  });

  it('ignores a sample of another list, a truncated or a corrupt one', () => {
    const good = encodeLexiconSample(bytes);
    const other = encodeLexiconSample(Buffer.from(words.slice(1).join('\n') + '\n'));
    const corrupt = good.slice();
    corrupt.fill(7, 16, 48); // line starts that are not line starts
    const misaligned = Buffer.alloc(good.length + 1);
    good.forEach((b, i) => (misaligned[i + 1] = b));
    for (const sample of [other, good.subarray(0, 20), corrupt, misaligned.subarray(1), new Uint8Array(0)]) {
      const lex = createLexiconFromBytes(bytes, [], sample);
      for (const w of probes) assert.equal(lex.has(w), words.includes(w), w);
    }
  });

  it('is written by the build for the real list, and is that list\'s', { skip: !existsSync(getLexiconSamplePath()) && 'not built' }, () => {
    const list = readFileSync(getLexiconPath());
    assert.deepEqual(Buffer.from(readFileSync(getLexiconSamplePath())), Buffer.from(encodeLexiconSample(list)));
  });
});
