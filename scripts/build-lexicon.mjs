// Builds dist/lexicon-fr.txt: the French word list of @cspell/dict-fr-fr (Grammalecte's
// Hunspell dictionary, MIT), decoded once at build time into a sorted list of lower-case NFC
// words, one a line, so the runtime reader needs no trie library and loads in milliseconds.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTrie, iteratorTrieWords } from 'cspell-trie-lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', '@cspell', 'dict-fr-fr');
const source = join(pkgDir, 'fr-fr.trie.gz');
const out = join(root, 'dist', 'lexicon-fr.txt');
const licenceOut = join(root, 'dist', 'lexicon-fr.LICENSE.txt');

if (existsSync(out) && statSync(out).mtimeMs > statSync(source).mtimeMs && !process.argv.includes('--force')) {
  process.exit(0);
}
const t0 = performance.now();
const trie = importTrie(gunzipSync(readFileSync(source)).toString('utf8').split('\n'));
const words = new Set();
for (const raw of iteratorTrieWords(trie)) {
  // '~' marks cspell's accent/case-insensitive duplicates; elided prefixes (l’, qu’…) are
  // combinations the tokenizer splits anyway.
  if (raw.startsWith('~')) continue;
  const w = raw.replace(/^[a-zA-Z]{1,2}’/, '').normalize('NFC').toLowerCase();
  if (w.length < 2 || /[\d₀-₉²³_]/.test(w)) continue;
  words.add(w);
}
const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, sorted.join('\n') + '\n');
copyFileSync(join(pkgDir, 'LICENSE'), licenceOut);
console.log(`lexicon: ${sorted.length} words, ${(statSync(out).size / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t0)} ms`);
