/**
 * The French lexicon that guards fuzzy matches: a correct French word is never flagged for
 * being close to a glossary term. Read from a sorted list (one lower-case NFC word a line,
 * built from @cspell/dict-fr-fr by scripts/build-lexicon.mjs) and searched by binary search
 * over line offsets: ~10 MB in memory, ~10 ms to load, no per-word allocation.
 */

/** Membership test over lower-case words. */
export interface Lexicon {
  /** True when the lower-case word is a known word. */
  has(lowerWord: string): boolean;
  /** Number of words. */
  readonly size: number;
}

/** A lexicon with no words (used when the word list is unavailable). */
export const EMPTY_LEXICON: Lexicon = { has: () => false, size: 0 };

/**
 * Builds a lexicon over a sorted word list (sorted by UTF-16 code units, `\n`-separated).
 * @param sortedList the file's content.
 * @param extraWords words to accept in addition (the user's own words, lower-case).
 */
export function createLexicon(sortedList: string, extraWords: Iterable<string> = []): Lexicon {
  let count = 0;
  for (let i = sortedList.indexOf('\n'); i !== -1; i = sortedList.indexOf('\n', i + 1)) count++;
  if (sortedList.length > 0 && !sortedList.endsWith('\n')) count++;
  const starts = new Uint32Array(count + 1);
  let n = 0;
  let p = 0;
  while (p < sortedList.length) {
    starts[n++] = p;
    const nl = sortedList.indexOf('\n', p);
    p = nl === -1 ? sortedList.length : nl + 1;
  }
  starts[n] = sortedList.length + (sortedList.endsWith('\n') ? 0 : 1);
  const extra = new Set(extraWords);

  // Compares `word` with the list entry at index k without slicing.
  const compare = (word: string, k: number): number => {
    const s = starts[k];
    const e = starts[k + 1] - 1;
    const len = e - s;
    const m = Math.min(len, word.length);
    for (let i = 0; i < m; i++) {
      const d = word.charCodeAt(i) - sortedList.charCodeAt(s + i);
      if (d !== 0) return d;
    }
    return word.length - len;
  };

  return {
    size: n + extra.size,
    has(lowerWord: string): boolean {
      if (extra.has(lowerWord)) return true;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(lowerWord, mid);
        if (c === 0) return true;
        if (c < 0) hi = mid - 1;
        else lo = mid + 1;
      }
      return false;
    },
  };
}
