// Builds dist/lexicon-fr.txt: the French word list of @cspell/dict-fr-fr (Grammalecte's
// Hunspell dictionary, MIT), decoded once at build time into a sorted list of lower-case NFC
// words, one a line, so the runtime reader needs no trie library and loads in milliseconds.
// Then dist/lexicon-en.txt, the same for English from @cspell/dict-en_us (SCOWL-based, MIT),
// which the bilingual guard (server/src/service/english.ts) reads: only common words (the
// list's lower-case entries: no names, no possessives), ASCII letters, two letters or more.
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

const enDir = join(root, 'node_modules', '@cspell', 'dict-en_us');
const enSource = join(enDir, 'en_US.trie.gz');
const enOut = join(root, 'dist', 'lexicon-en.txt');
const enLicenceOut = join(root, 'dist', 'lexicon-en.LICENSE.txt');
const force = process.argv.includes('--force');
const fresh = (file, from) => existsSync(file) && statSync(file).mtimeMs > statSync(from).mtimeMs;

if (!fresh(out, source) || force) buildFrench();
if (!fresh(enOut, enSource) || force) buildEnglish();

function buildFrench() {
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
}

function buildEnglish() {
  const t0 = performance.now();
  const trie = importTrie(gunzipSync(readFileSync(enSource)).toString('utf8').split('\n'));
  const words = new Set();
  for (const w of iteratorTrieWords(trie)) if (/^[a-z]{2,}$/.test(w)) words.add(w);
  const sorted = [...words].sort();
  mkdirSync(dirname(enOut), { recursive: true });
  writeFileSync(enOut, sorted.join('\n') + '\n');
  copyFileSync(join(enDir, 'LICENSE'), enLicenceOut);
  console.log(`lexicon: ${sorted.length} English words, ${(statSync(enOut).size / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t0)} ms`);
}
