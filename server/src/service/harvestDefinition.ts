/**
 * What a harvested definition looks like (harvest.ts): a phrase that says what a thing is, not
 * narration, a circumstance, a formula, a list of names or tasks, a link or a few words.
 */

import { codePointAt, isLetter, isLower, isMark, isWhiteSpace, unitsOf } from './letters';

/** Accents optional (NFC or NFD), for the patterns' regexes: é, à, and an apostrophe. */
export const E = '(?:é|e\u0301|e)';
export const A = '(?:à|a\u0300|a)';
export const AP = "['’]";

/** A definition has at least this many letters (not "voir plus bas", not a date). */
export const MIN_DEFINITION_LETTERS = 8;
/** Outside a table (whose header says it holds definitions), a definition has at least 4 words. */
const MIN_DEFINITION_WORDS = 4;

/**
 * What starts narration or a judgement rather than a definition: a personal pronoun ("Ils
 * peuvent…", "Vous êtes…"), a negation, a degree. A third-person pronoun followed by a verb
 * that defines ("il s'agit de", "elle désigne", "il est un…") starts a definition.
 */
const NARRATION_RE = new RegExp(
  `^(?:(?:vous|nous|je|tu|non|trop|peu|pas)|(?:ils?|elles?|on)(?!\\s+(?:s${AP}?agi[st]|se\\s+d${E}fini|d${E}sign|correspond|repr${E}sent|consist|signifi|est\\s+(?:une?|le|la|l${AP}|ce|celui|celle)\\s|sont\\s+(?:des|les|ceux|celles)\\s)))`,
  'iu',
);
/**
 * What starts a manner, a purpose or a circumstance ("par son nom", "pour gérer…", "en cas de
 * panne") or a formula ("Vp(t) = …") rather than what a thing is.
 */
const CIRCUMSTANCE_RE = new RegExp(`^(?:par|pour|afin|gr${A}ce|via|selon|lors|en\\s+cas)`, 'iu');
/** A formula ("Vp(t) = …"). */
const FORMULA_RE = /^[^\s=]{1,12}\s?=(?!=)/u;
/**
 * A past participle and its complement first, in lower case ("imposé par défaut…", "réservé
 * aux…"): a statement about the term, not what it is. Nouns in -té ("unité de…", "entité
 * à…") are no participles.
 */
const PARTICIPLE_END_RE = new RegExp(`(?:é|e\u0301)(?:e|s|es)?\\s+(?:par|${A}|au|aux|en|dans|sur|pour|avec)\\s`, 'y');

/**
 * True when the text after a term may be its definition. Narration (a personal pronoun: "Ils
 * peuvent être…", "Vous êtes…") or a judgement ("non traitée", "trop limitée") is none; nor is
 * a link, a number, or (outside a table, whose header says it holds definitions) a few words
 * ("Grande souplesse") or a list of short items.
 */
export function isDefinitionLike(definition: string, sentence: boolean): boolean {
  if (startsWith(NARRATION_RE, definition) || startsWith(CIRCUMSTANCE_RE, definition) || FORMULA_RE.test(definition) || startsWithParticiple(definition)) return false;
  if (/^(https?:|\[|!\[|`|\d)/.test(definition)) return false;
  return !sentence || (hasWords(definition, MIN_DEFINITION_WORDS) && !isEnumeration(definition));
}

/** True when `s` has at least `n` letters (ASCII or beyond Latin-1's symbols: counting, not classifying). */
export function hasLetters(s: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (((c >= 97 && c <= 122) || s.charCodeAt(i) >= 0xc0) && ++count >= n) return true;
  }
  return false;
}

/**
 * True when a word of `re` (anchored at the start) starts `s` and ends there: no letter, combining
 * mark, apostrophe or hyphen follows it. The regexes leave that end out: a `\p{…}` class costs
 * V8 more to compile than this costs to run (letters.ts). Their words are no prefix of one
 * another but "ils?" and "elles?", where the shorter is followed by "s": the first match tells.
 */
function startsWith(re: RegExp, s: string): boolean {
  const m = re.exec(s);
  return m !== null && !isWordPart(codePointAt(s, m[0].length));
}

/** A letter, a combining mark, an apostrophe or a hyphen: what continues a word. */
function isWordPart(cp: number): boolean {
  return isLetter(cp) || isMark(cp) || cp === 39 || cp === 0x2019 || cp === 45;
}

/**
 * A past participle and its complement first, in lower case: a lower-case letter, letters, one
 * character but "t" or a space, then "é" (or "e" and its accent), "e", "s" or "es", spaces and
 * a preposition (PARTICIPLE_END_RE), wherever the letters leave that character.
 */
function startsWithParticiple(s: string): boolean {
  const first = codePointAt(s, 0);
  if (!isLower(first)) return false;
  const from = unitsOf(first);
  // The letters after the first (`\p{L}*`: no combining mark).
  let lettersEnd = from;
  while (lettersEnd < s.length) {
    const cp = s.codePointAt(lettersEnd)!;
    if (!isLetter(cp)) break;
    lettersEnd += unitsOf(cp);
  }
  for (let i = from; i <= lettersEnd && i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const next = i + unitsOf(cp);
    if (cp !== 116 /* t */ && !isWhiteSpace(cp)) {
      PARTICIPLE_END_RE.lastIndex = next;
      if (PARTICIPLE_END_RE.test(s)) return true;
    }
    // The one character after the letters was the last to try.
    if (i >= lettersEnd) break;
    i = next;
  }
  return false;
}

/** True when `s` has at least `n` words of letters (a letter, then letters, combining marks, apostrophes or hyphens). */
function hasWords(s: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    i += unitsOf(cp);
    if (!isLetter(cp)) continue;
    if (++count >= n) return true;
    while (i < s.length) {
      const c = s.codePointAt(i)!;
      if (!isWordPart(c)) break;
      i += unitsOf(c);
    }
  }
  return false;
}

/**
 * True when a definition is a list of short items rather than a sentence: three or more items
 * between commas ("Windows, Office, Azure", "Piloter le projet, choisir la solution, gérer le
 * budget"), or two and an ellipsis ("Thalès, MBDA…"), none longer than three words. Examples
 * or tasks are listed so; a definition says what a thing is.
 */
function isEnumeration(definition: string): boolean {
  const flat = definition.replace(/\([^()]*\)/g, '').trim();
  const parts = flat.replace(/(?:\.\.\.|…|\betc\.?)\s*$/u, '').split(/\s*[,;]\s*/).filter((p) => p.length > 0);
  const open = flat !== flat.replace(/(?:\.\.\.|…|\betc\.?)\s*$/u, '');
  if (parts.length < (open ? 2 : 3)) return false;
  return parts.every((p) => p.split(/\s+/).length <= 3);
}
