/**
 * The bilingual guard: an English word is not a misspelling of a French term.
 *
 * French IT notes are full of English: the expansion of an acronym ("FTP (File Transfer
 * Protocol)"), a quoted English name, an English phrase in a French sentence. Such words are
 * often one or two edits from a French term ("Protocol" / protocole, "Integrity" / intégrité)
 * and the French lexicon does not know them. A candidate typo is taken as English, and not
 * flagged, when:
 *
 * 1. the word as written is in the English word list and not in the French one, and
 * 2. the term it resembles is French (one of its words is not English: "outsourcing",
 *    "cloud computing", "offshore" keep their own typo detection), and
 * 3. its context reads as English, which costs a look at the words around it on its line:
 *    - a neighbour (up to three words either way, not across a sentence or cell boundary) is
 *      English and not French ("Shared Key Authentication", "Enterprise Resource Planning"), or
 *    - it belongs to a run of capitalised words whose initials are an acronym written on
 *      the same stretch of line ("IP (Internet Protocol)", "PPP (Point-to-Point Protocol)").
 *
 * A lone English spelling inside a French sentence ("sous license libre") stays a typo: a
 * French writer most likely meant the French word. Only consulted for candidates (rare), so the
 * English list is loaded on first use; emphasis markers inside words ("**A**uthentication")
 * are read through.
 */

import { Lexicon } from './lexicon';

/** What the guard needs: the English list and the French test (both on lower-case words). */
export interface EnglishGuard {
  /** The English word list (lower-case NFC words). */
  english: Lexicon;
  /** True when the lower-case word is French. */
  isFrench: (lower: string) => boolean;
}

/** How far the context is read on either side of a word, in UTF-16 units (on its line). */
const WINDOW = 160;
/** How many words on each side may show the context is English. */
const NEIGHBOURS = 3;
/** How many words before or after an acronym's expansion its acronym may stand. */
const ACRONYM_DISTANCE = 3;

/**
 * How many words on either side of a word the guard may read (its neighbours, or an
 * expansion's run of words and its acronym): what an incremental update must read again around
 * an edit for the guard's answers to stay those of a full analysis.
 */
export const ENGLISH_GUARD_REACH = 12;
/** The longest run of capitalised words taken as an acronym's expansion. */
const MAX_RUN = 6;

/** Characters that end the stretch of text a word's context is read in. */
const BOUNDARY = /[.!?;:|()[\]{}«»"“”=\n\r\t]/;

interface WindowWord {
  /** Lower-case letters of the word, emphasis markers removed. */
  lower: string;
  /** The word as written, markers removed (for capitals). */
  plain: string;
  start: number;
  end: number;
  /** True when a boundary character stands between this word and the previous one. */
  boundaryBefore: boolean;
}

/** Emphasis markers that may stand inside a word ("**A**uthentication"). */
const isMarker = (c: string) => c === '*' || c === '_' || c === '~';
const isLetter = (c: string): boolean => {
  const k = c.charCodeAt(0);
  if (k < 0x80) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57);
  return /[\p{L}\p{M}\p{N}]/u.test(c);
};

/** The words of text[from, to), reading through emphasis markers and apostrophes inside words. */
function wordsIn(text: string, from: number, to: number): WindowWord[] {
  const out: WindowWord[] = [];
  let boundary = false;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (!isLetter(c)) {
      if (BOUNDARY.test(c)) boundary = true;
      i++;
      continue;
    }
    // A word: letters, with emphasis markers between letters; an apostrophe ends it ("l'").
    let j = i;
    let plain = '';
    while (j < to) {
      const d = text[j];
      if (isLetter(d)) {
        plain += d;
        j++;
        continue;
      }
      if (!isMarker(d)) break;
      let k = j;
      while (k < to && isMarker(text[k])) k++;
      if (k < to && isLetter(text[k])) j = k;
      else break;
    }
    out.push({ lower: plain.normalize('NFC').toLowerCase(), plain, start: i, end: j, boundaryBefore: boundary });
    boundary = false;
    i = j;
  }
  return out;
}

/**
 * True when every word of a form is an English word: an English term ("outsourcing", "cloud
 * computing") is no French term the guard protects English from; its typos stay typos.
 * @param lowerWords the form's words, lower-case.
 */
export function isEnglishTerm(lowerWords: readonly string[], english: Lexicon): boolean {
  return lowerWords.length > 0 && lowerWords.every((w) => english.has(w.normalize('NFC')));
}

/** True when the lower-case word is English and not French. */
function englishOnly(lower: string, guard: EnglishGuard): boolean {
  return lower.length >= 2 && guard.english.has(lower) && !guard.isFrench(lower);
}

/**
 * True when the word written at text[start, end) reads as English there (see the header): it
 * is an English word that is not French, and a neighbour is English or it is part of the
 * expansion of an acronym written nearby. The caller checks the term is French.
 */
export function isEnglishUse(text: string, start: number, end: number, guard: EnglishGuard): boolean {
  // The word itself first (most candidates are typos, no English words): no context to read.
  let written = '';
  for (let p = start; p < end; p++) if (!isMarker(text[p])) written += text[p];
  if (!englishOnly(written.normalize('NFC').toLowerCase(), guard)) return false;
  // The word's line only: the context is its stretch of text, and an incremental update reads
  // whole lines.
  let from = start;
  const floor = Math.max(0, start - WINDOW);
  while (from > floor && text.charCodeAt(from - 1) !== 10 && text.charCodeAt(from - 1) !== 13) from--;
  let to = end;
  const ceiling = Math.min(text.length, end + WINDOW);
  while (to < ceiling && text.charCodeAt(to) !== 10 && text.charCodeAt(to) !== 13) to++;
  const words = wordsIn(text, from, to);
  // A word cut by the window's edge is left out: what the guard reads must not depend on
  // where the window falls.
  if (words.length > 0 && from > 0 && words[0].start === from && isLetter(text[from - 1])) words.shift();
  if (words.length > 0 && to < text.length && words[words.length - 1].end === to && isLetter(text[to])) words.pop();
  // The first and last words of the window may be cut: they are still words of the text
  // around, only shorter, which the tests below tolerate (they only add evidence).
  const at = words.findIndex((w) => w.start <= start && w.end >= end);
  if (at < 0) return false;
  const self = words[at];
  if (!englishOnly(self.lower, guard)) return false;

  // 1. An English neighbour in the same stretch.
  for (let k = at - 1, n = 0; k >= 0 && n < NEIGHBOURS && !words[k + 1].boundaryBefore; k--, n++) {
    if (englishOnly(words[k].lower, guard)) return true;
  }
  for (let k = at + 1, n = 0; k < words.length && n < NEIGHBOURS && !words[k].boundaryBefore; k++, n++) {
    if (englishOnly(words[k].lower, guard)) return true;
  }

  // 2. The expansion of an acronym: the run of capitalised words (short lower-case words
  // inside it, "Point-to-Point") around the word; its initials written as one word nearby.
  if (!isCapital(self.plain)) return false;
  let first = at;
  let last = at;
  while (first > 0 && at - first < MAX_RUN && !words[first].boundaryBefore && inRun(words[first - 1].plain)) first--;
  while (last + 1 < words.length && last - at < MAX_RUN && !words[last + 1].boundaryBefore && inRun(words[last + 1].plain)) last++;
  while (first < at && !isCapital(words[first].plain)) first++;
  while (last > at && !isCapital(words[last].plain)) last--;
  if (last === first) return false;
  let capitals = '';
  let all = '';
  for (let k = first; k <= last; k++) {
    const initial = words[k].plain[0];
    all += initial;
    if (isCapital(words[k].plain)) capitals += initial;
  }
  const initials = new Set([capitals.toUpperCase(), all.toUpperCase()]);
  const lo = Math.max(0, first - ACRONYM_DISTANCE);
  const hi = Math.min(words.length - 1, last + ACRONYM_DISTANCE);
  for (let k = lo; k <= hi; k++) {
    if (k >= first && k <= last) continue;
    const w = words[k].plain;
    if (w.length >= 2 && w.length <= 8 && countUpper(w) >= 2 && initials.has(w.toUpperCase())) return true;
  }
  return false;
}

function isCapital(word: string): boolean {
  const c = word[0];
  return c !== undefined && c !== c.toLowerCase();
}

/** A word that may stand in an English run of capitalised words: capitalised, or short. */
function inRun(word: string): boolean {
  return isCapital(word) || word.length <= 3;
}

function countUpper(word: string): number {
  let n = 0;
  for (const c of word) if (c !== c.toLowerCase()) n++;
  return n;
}
