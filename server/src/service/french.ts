/**
 * French heuristics of the rules: when a word is probably not a typo (a French word with or
 * without its accents, a sibling compound, an English derivation), the capitals context
 * (headings and lines in capitals), sentence starts, and the grammatical number a determiner
 * asks for. Pure functions of their arguments; the one memo (`LineMemo`) belongs to a rule pass.
 */

import { FormKind, TermForm } from './glossary';
import { Lexicon } from './lexicon';
import { Gap, scanMarkdown, Token } from './markdown';
import { isAllUpper } from './text';

/**
 * True when the words around token i on its line (two on each side, punctuation between them
 * or not: "NOTE : SAAS") are upper-case too: a line in capitals. Words on other lines never
 * count, nor the glossary's acronyms (`acronymAt`), and no other near word is skipped: a fix
 * that put a word in or out of capitals ("esn" → "ESN") once changed how a word of the next
 * paragraph, or one past a lower-case word, read.
 */
export function inUpperContext(text: string, tokens: Token[], i: number, acronymAt?: (k: number) => boolean): boolean {
  let upper = 0;
  for (const k of [i - 1, i - 2, i + 1, i + 2]) {
    const tk = tokens[k];
    if (!tk) continue;
    // A word past a line break is on another line (and so is any word beyond it).
    if (k < i ? lineBreakBetween(text, tk.end, tokens[i].start) : lineBreakBetween(text, tokens[i].end, tk.start)) continue;
    // An acronym of the glossary is in capitals in any line: it says nothing of this one's
    // ("CLUD esn": fixing esn to ESN must not make CLUD a word of a line in capitals).
    if (tk.text.length < 2 || acronymAt?.(k)) continue;
    if (isAllUpper(tk.text)) upper++;
    else return false;
  }
  return upper > 0;
}

/** True when text[from, to) holds a line break (the gap between two words is short). */
function lineBreakBetween(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** True when `offset` lies in an ATX heading without lower-case letters ("## SAAS"). */
export function inCapitalHeading(text: string, offset: number, l: LineMemo): boolean {
  // The last line looked at is remembered: the words of one long line would each scan it all.
  if (l.text !== text || offset < l.start || offset > l.end) {
    let start = offset;
    while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
    let firstNonSpace = start;
    while (firstNonSpace < text.length && text.charCodeAt(firstNonSpace) === 32) firstNonSpace++;
    let end = offset;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    l.text = text;
    l.start = start;
    l.end = end;
    l.firstNonSpace = firstNonSpace;
    l.upper = line === line.toUpperCase();
  }
  if (text.charCodeAt(Math.min(l.firstNonSpace, offset)) !== 35 /* # */) return false;
  return l.upper;
}
/** The line `inCapitalHeading` looked at last, in one rule pass (see MatchRun.headings). */
export class LineMemo {
  text = '';
  start = 0;
  end = -1;
  firstNonSpace = 0;
  upper = false;
}

/**
 * False for words shaped like names or acronyms, never taken alone for typos: an inner capital
 * ("iCloud", "OVHcloud", "SharePoint") or a short word in capitals ("CLUD", "AWS") unless its
 * whole line is in capitals.
 */
export function mayBeTypo(word: string, upperLine: () => boolean): boolean {
  if (isAllUpper(word)) return word.length >= 6 || upperLine();
  for (let k = 1; k < word.length; k++) {
    const ch = word[k];
    if (ch !== ch.toLowerCase()) return false;
  }
  return true;
}

/**
 * True when the word is another word followed by the term's tail, in place of the term's head
 * ("on|shore" for "off|shore", "far|shore" for "near|shore"): a sibling compound, not a typo.
 * The head must read as a word (a vowel: "pr", "pl" are abbreviations) and not be the term's
 * head with letters left out ("pr|ocole", "com|tateurs": typos of protocole, commutateurs).
 */
export function isSiblingCompound(word: string, key: string, isWord: (lower: string) => boolean): boolean {
  for (let head = 2; word.length - head >= 5; head++) {
    const tail = word.slice(head);
    if (key.length - tail.length < 2 || !key.endsWith(tail)) continue;
    const own = word.slice(0, head);
    if (/[aeiouy]/.test(own) && !isSubsequence(own, key.slice(0, key.length - tail.length)) && isWord(own)) return true;
  }
  return false;
}

/** True when the letters of `short` appear in `long` in the same order. */
function isSubsequence(short: string, long: string): boolean {
  let p = 0;
  for (let k = 0; k < long.length && p < short.length; k++) if (long[k] === short[p]) p++;
  return p === short.length;
}

const ENGLISH_ENDINGS = ['ed', 'ing', 'y', 'ly'];
/** Endings English adds to almost any verb, so that the list may lack the derived word. */
const VERB_ENDINGS = ['ed', 'ing'];

/**
 * True when the word is the term with an English ending ("cloudy", "clouded"): not a typo.
 * With the English list (`isEnglish`, on lower-case words), only an English derivation counts:
 * the word is English ("cloudy"), or a verb ending on an English one-word term ("offshored");
 * a French term with an English-looking ending ("projety", "contraty") stays a typo, and so
 * does a word of a longer term with one ("Protocoled": protocoles, not "Internet Protocol").
 */
export function isDerivedWord(word: string, key: string, isEnglish?: (lower: string) => boolean, oneWordTerm = true): boolean {
  if (!(word.length > key.length && word.startsWith(key))) return false;
  const ending = word.slice(key.length);
  if (!ENGLISH_ENDINGS.includes(ending)) return false;
  if (!isEnglish) return true;
  return isEnglish(word) || (oneWordTerm && VERB_ENDINGS.includes(ending) && isEnglish(key));
}

const ACCENTED: Record<string, string[]> = {
  e: ['é', 'è', 'ê', 'ë'], a: ['à', 'â'], i: ['î', 'ï'], o: ['ô'], u: ['ù', 'û', 'ü'], c: ['ç'],
};

/**
 * True when the lexicon knows the word with one or two more accents ("repartition" →
 * "répartition", "deleguee" → "déléguée"): a French word written without its accents is not a
 * typo of a term. Only consulted for fuzzy candidates.
 */
export function hasAccentedVariant(lower: string, lexicon: Lexicon): boolean {
  const at: number[] = [];
  for (let k = 0; k < lower.length; k++) if (ACCENTED[lower[k]]) at.push(k);
  const swap = (w: string, k: number, ch: string) => w.slice(0, k) + ch + w.slice(k + 1);
  const last = lower.length - 1;
  // A literary verb form does not count: "contat" is no "contât" (imperfect subjunctive) but a
  // typo of "contrat" (see isLiteraryEnding).
  const counts = (k: number, ch: string) => !(k === last - 1 && isLiteraryEnding(ch, lower[last]));
  for (const p of at) {
    for (const a of ACCENTED[lower[p]]) {
      if (!counts(p, a)) continue;
      const one = swap(lower, p, a);
      if (lexicon.has(one)) return true;
    }
  }
  if (at.length > 12) return false;
  for (let x = 0; x < at.length; x++) {
    for (let y = x + 1; y < at.length; y++) {
      for (const a of ACCENTED[lower[at[x]]]) {
        if (!counts(at[x], a)) continue;
        const one = swap(lower, at[x], a);
        for (const b of ACCENTED[lower[at[y]]]) if (counts(at[y], b) && lexicon.has(swap(one, at[y], b))) return true;
      }
    }
  }
  return false;
}

/**
 * True for a final "ât" or "ît" (the accented letter, then the last one): the ending of the
 * imperfect subjunctive and of the simple past ("qu'il contât", "il fît"), literary tenses
 * that course notes do not use. A word that is such a form only once accents are added is
 * far likelier a typo than that form with its accent dropped.
 */
export function isLiteraryEnding(accented: string, lastLetter: string): boolean {
  return lastLetter === 't' && (accented === 'â' || accented === 'î');
}

/**
 * True when the word at `offset` starts a sentence, a line, a list item, a heading or a table
 * cell (markup and list numbers before it do not count); an elided article before it counts as
 * the word ("L’Externalisation").
 */
export function startsSentence(text: string, offset: number): boolean {
  let p = offset - 1;
  if (p >= 0 && /['’ʼ]/.test(text[p])) {
    p--;
    while (p >= 0 && /\p{L}/u.test(text[p])) p--;
  }
  for (; p >= 0; p--) {
    const ch = text[p];
    if (ch === '\n' || ch === '\r') return true;
    if (!SKIPPED_BEFORE_SENTENCE.includes(ch) && !(ch >= '0' && ch <= '9')) return SENTENCE_ENDS.includes(ch);
  }
  return true;
}
const SKIPPED_BEFORE_SENTENCE = ' \t\u00a0\u202f*_~`#>[("«“|+-';
const SENTENCE_ENDS = '.!?:…';

const PLURAL_DETERMINERS = new Set(['les', 'des', 'ces', 'mes', 'tes', 'ses', 'nos', 'vos', 'leurs', 'aux', 'plusieurs', 'quelques', 'certains', 'certaines', 'différents', 'différentes', 'divers', 'diverses', 'nombreux', 'nombreuses', 'deux', 'trois']);
const SINGULAR_DETERMINERS = new Set(['le', 'la', 'l', 'un', 'une', 'du', 'au', 'ce', 'cet', 'cette', 'mon', 'ton', 'son', 'ma', 'ta', 'sa', 'notre', 'votre', 'leur', 'chaque']);

/** The grammatical number the word before token k asks for, if it is a determiner. */
export function determinerNumber(tokens: Token[], k: number): 'plural' | 'singular' | undefined {
  const prev = tokens[k - 1];
  if (!prev || tokens[k].gapBefore === Gap.Break || tokens[k].gapBefore === Gap.Hyphen) return undefined;
  const w = prev.text.toLowerCase();
  return PLURAL_DETERMINERS.has(w) ? 'plural' : SINGULAR_DETERMINERS.has(w) ? 'singular' : undefined;
}

/** True for a form that is its entry's term with an -s or -x added to a word. */
export function isPluralForm(form: TermForm): boolean {
  let plural = form.plural;
  if (plural === undefined) {
    const term = scanMarkdown(form.entry.term).tokens.map((tk) => tk.text.toLowerCase());
    plural = form.kind !== FormKind.Term && term.length === form.lower.length &&
      form.lower.some((w, k) => w !== term[k] && (w === term[k] + 's' || w === term[k] + 'x'));
    form.plural = plural;
  }
  return plural;
}

/** Length of the beginning and end two words share. */
export function sharedAffixes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a[p] === b[p]) p++;
  let s = 0;
  while (s < n - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return p + s;
}
