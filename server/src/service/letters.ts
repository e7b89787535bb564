/**
 * Unicode letter classes of code points, as `\p{L}`, `\p{Lu}`, `\p{Ll}` and `\p{M}` say, for
 * the harvest's checks of a candidate term (harvestTerms.ts, harvestDefinition.ts). Those checks
 * were a dozen regexes with `\p{…}` classes: V8 compiles each up to four times (bytecode, then
 * native code, for one-byte and for two-byte strings), and one such class costs it ICU look-ups
 * and hundreds of ranges each time: in a fresh server indexing a workspace, regex compiles were
 * a fifth of what harvesting cost, these most of it. Latin (below U+0250) is read from a table, the rest from one regex per class,
 * compiled only when a note has such a character.
 */

/**
 * The classes of U+0000–U+024F, one character each: U = Lu, l = Ll, L = the other letters (Lt,
 * Lm, Lo), "." = no letter (no mark lies below U+0300). Checked against the regexes over the
 * whole range by letters.test.ts.
 */
const LATIN =
  '................................................................' +
  '.UUUUUUUUUUUUUUUUUUUUUUUUUU......llllllllllllllllllllllllll.....' +
  '..........................................L..........l....L.....' +
  'UUUUUUUUUUUUUUUUUUUUUUU.UUUUUUUllllllllllllllllllllllll.llllllll' +
  'UlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUllUlUlUlU' +
  'lUlUlUlUllUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUUlUlUll' +
  'lUUlUlUUlUUUllUUUUlUUlUUUlllUUlUUlUlUlUUlUllUlUUlUUUlUlUUllLUlll' +
  'LLLLULlULlULlUlUlUlUlUlUlUlUllUlUlUlUlUlUlUlUlUllULlUlUUUlUlUlUl' +
  'UlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlUlllllllUUlUUl' +
  'lUlUUUUlUlUlUlUl';

const LETTER_RE = /\p{L}/u;
const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;
const MARK_RE = /\p{M}/u;

// Each takes -1 (no code point: codePointAt past the end) as none of its class. General
// Punctuation (U+2000–U+206F: ’ “ ” – — …, frequent in French notes) holds no letter and no
// mark: answered without the regex.
const PUNCTUATION_FROM = 0x2000;
const PUNCTUATION_TO = 0x206f;

/** A letter (`\p{L}`). */
export function isLetter(cp: number): boolean {
  if (cp < 0) return false;
  if (cp < LATIN.length) return LATIN.charCodeAt(cp) !== 46 /* . */;
  return !(cp >= PUNCTUATION_FROM && cp <= PUNCTUATION_TO) && LETTER_RE.test(String.fromCodePoint(cp));
}

/** An upper-case letter (`\p{Lu}`). */
export function isUpper(cp: number): boolean {
  if (cp < LATIN.length) return LATIN.charCodeAt(cp) === 85 /* U */;
  return !(cp >= PUNCTUATION_FROM && cp <= PUNCTUATION_TO) && UPPER_RE.test(String.fromCodePoint(cp));
}

/** A lower-case letter (`\p{Ll}`). */
export function isLower(cp: number): boolean {
  if (cp < LATIN.length) return LATIN.charCodeAt(cp) === 108 /* l */;
  return !(cp >= PUNCTUATION_FROM && cp <= PUNCTUATION_TO) && LOWER_RE.test(String.fromCodePoint(cp));
}

/** A combining mark (`\p{M}`). */
export function isMark(cp: number): boolean {
  return cp >= 0x300 && !(cp >= PUNCTUATION_FROM && cp <= PUNCTUATION_TO) && MARK_RE.test(String.fromCodePoint(cp));
}

/** A white-space code point as `\s` has them (line terminators included). */
export function isWhiteSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The code point at `i` of `s` as a `u` regex reads it there (a surrogate pair is one; a lone
 * surrogate is itself), or -1 past the end.
 */
export function codePointAt(s: string, i: number): number {
  return i < s.length ? s.codePointAt(i)! : -1;
}

/** The UTF-16 length of a code point. */
export function unitsOf(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** The last code point of `s` (a trailing surrogate pair is one), or -1 when it is empty. */
export function lastCodePoint(s: string): number {
  const n = s.length;
  if (n === 0) return -1;
  const low = s.charCodeAt(n - 1);
  if (n >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(n - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(n - 2)!;
  }
  return low;
}

/** True when `s` holds a letter (`/\p{L}/u.test(s)`). */
export function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    if (isLetter(cp)) return true;
    i += unitsOf(cp);
  }
  return false;
}

/** True when `s` holds an upper-case letter at or after `from` (read by code points from there, as a regex over `s.slice(from)`). */
export function hasUpper(s: string, from = 0): boolean {
  for (let i = from; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    if (isUpper(cp)) return true;
    i += unitsOf(cp);
  }
  return false;
}

/** The end of the run of letters and combining marks (`[\p{L}\p{M}]*`) that starts at `i`. */
export function letterRunEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const cp = s.codePointAt(j)!;
    if (!isLetter(cp) && !isMark(cp)) break;
    j += unitsOf(cp);
  }
  return j;
}

/** `s` without its combining marks (`s.replace(/\p{M}/gu, '')`). */
export function withoutMarks(s: string): string {
  let i = 0;
  // Most terms have none: no copy.
  while (i < s.length && s.charCodeAt(i) < 0x300) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const n = unitsOf(cp);
    if (!isMark(cp)) out += s.slice(i, i + n);
    i += n;
  }
  return out;
}
