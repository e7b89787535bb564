/**
 * Character-level helpers shared by the tokenizer, the matcher and the fix builder: accent
 * folding, case patterns, and normalisation. All hot paths avoid regexes and allocation for
 * plain ASCII, which is most of any note.
 */

// Latin letters with diacritics → base letters, for the code points French notes use.
// Anything else non-ASCII goes through NFD (slower, rare).
const FOLD: Record<string, string> = {};
{
  const table: [string, string][] = [
    ['àáâãäåā', 'a'], ['ç', 'c'], ['èéêëē', 'e'], ['ìíîïī', 'i'], ['ñ', 'n'],
    ['òóôõöø', 'o'], ['ùúûüū', 'u'], ['ýÿ', 'y'], ['œ', 'oe'], ['æ', 'ae'],
  ];
  for (const [chars, base] of table) for (const c of chars) FOLD[c] = base;
}

/** True when the code unit is a combining diacritical mark (NFD accents). */
export function isCombiningMark(code: number): boolean {
  return code >= 0x300 && code <= 0x36f;
}

/**
 * Lower-cases and strips accents: "Infogérance" → "infogerance", "Œuvre" → "oeuvre".
 * The key under which every glossary form is indexed.
 */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  let ascii = true;
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return lower;
  let out = '';
  for (const ch of lower) {
    const code = ch.charCodeAt(0);
    if (code <= 0x7f) out += ch;
    else if (isCombiningMark(code)) continue;
    else {
      const mapped = FOLD[ch];
      if (mapped !== undefined) out += mapped;
      else out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
  }
  return out;
}

/** True when the string has at least one letter and no lower-case letter ("SAAS", "INFOGÉRANCE"). */
export function isAllUpper(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
}

/** True when the first character is upper-case and the rest is not all upper-case. */
export function isCapitalized(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && !isAllUpper(word);
}

/**
 * Gives `replacement` the case pattern of `written`: "INFORGÉRANCE" → "INFOGÉRANCE",
 * "Inforgérance" → "Infogérance". Acronym replacements keep their own case ("SAAS" → "SaaS").
 */
export function applyCase(written: string, replacement: string, keepReplacementCase = false): string {
  if (keepReplacementCase) return replacement;
  if (written.length > 1 && isAllUpper(written)) return replacement.toUpperCase();
  if (isCapitalized(written) || (written.length === 1 && isAllUpper(written))) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/** True when the text contains a combining mark, i.e. is (partly) NFD-decomposed. */
export function hasCombiningMark(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isCombiningMark(text.charCodeAt(i))) return true;
  return false;
}

/** Normalises apostrophe and hyphen variants to ' and - (for glossary forms and comparisons). */
export function normalizePunctuation(text: string): string {
  return text.replace(/[’ʼ‘`]/g, "'").replace(/[‐‑‒–]/g, '-');
}
