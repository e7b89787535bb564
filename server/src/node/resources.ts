/**
 * Where the shipped data lives, for every bundle (dist/cli.js, dist/server.js) and for the
 * compiled tests (out/...): the built-in glossary and the lexicon built into dist/.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFrontCodedLexicon, decodeFrontCoded } from '../service/frontCoded';
import { createLexicon, Lexicon } from '../service/lexicon';

/** The extension's root folder (the one with package.json). */
export function getPackageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'glossary'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(__dirname, '..');
}

/** Path of the built-in course glossary. */
export function getBuiltinGlossaryPath(): string {
  return join(getPackageRoot(), 'glossary', 'externalisation.json');
}

/**
 * Path of the plain lexicon word list (built by scripts/build-lexicon.mjs): for tests, bench
 * and eval; the runtime reads the front-coded one (getShippedLexiconPath), which the .vsix ships.
 */
export function getLexiconPath(): string {
  return join(getPackageRoot(), 'dist', 'lexicon-fr.txt');
}

/** Path of the front-coded French list, the one loadLexicon reads (written by esbuild.mjs). */
export function getShippedLexiconPath(): string {
  return join(getPackageRoot(), 'dist', 'lexicon-fr.fc');
}

/** Path of the plain English word list of the bilingual guard (built by scripts/build-lexicon.mjs). */
export function getEnglishLexiconPath(): string {
  return join(getPackageRoot(), 'dist', 'lexicon-en.txt');
}

/** Path of the front-coded English list, the one loadEnglishLexicon reads (written by esbuild.mjs). */
export function getShippedEnglishLexiconPath(): string {
  return join(getPackageRoot(), 'dist', 'lexicon-en.fc');
}

/** Reads a front-coded word list into the plain list's bytes (see decodeFrontCoded): for tests. */
export function readFrontCodedList(path: string): Uint8Array {
  return decodeFrontCoded(readFileSync(path));
}

let cached: Lexicon | undefined;
let cachedEnglish: Lexicon | undefined;

/**
 * Loads the English word list once (lazily: only a candidate typo that may be English needs
 * it), searched in place. A missing file is reported once on stderr and the guard is off.
 */
export function loadEnglishLexicon(): Lexicon {
  if (cachedEnglish) return cachedEnglish;
  const path = getShippedEnglishLexiconPath();
  try {
    cachedEnglish = createFrontCodedLexicon(readFileSync(path));
  } catch (e) {
    process.stderr.write(`glossaire: English word list unavailable (${path}): ${(e as Error).message}\n`);
    cachedEnglish = createLexicon('');
  }
  return cachedEnglish;
}

/**
 * Loads the French lexicon once (lazily: call it only when a word needs it). A missing file
 * is reported once on stderr and the checker goes on without the guard.
 */
export function loadLexicon(extraWords: Iterable<string> = []): Lexicon {
  if (cached) return cached;
  const path = getShippedLexiconPath();
  try {
    // Searched as it is on disk (frontCoded.ts): reading 1.8 MB is the whole load.
    cached = createFrontCodedLexicon(readFileSync(path), extraWords);
  } catch (e) {
    process.stderr.write(`glossaire: lexicon unavailable (${path}): ${(e as Error).message}\n`);
    cached = createLexicon('', extraWords);
  }
  return cached;
}
