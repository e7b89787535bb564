/**
 * Definitions harvested from a note: the ways students define terms in running text.
 *
 *   **Terme** = définition            **Terme** : définition          **Terme :** définition
 *   **Terme** ⇒ définition            **Terme** → définition          **A / B** ⇒ définition (two names)
 *   - **Terme** définition…           (a list item that starts with a bold term and a separator or verb)
 *   L'**infogérance** est le fait de…  La délocalisation est le fait de…   (determiner + term + verb:
 *   « est le fait de », « désigne », « consiste à / en », « fait référence à », « se définit comme »)
 *   Un **éditeur** est une entreprise…  (a bold term, subject of « est un / une », « sont des »)
 *   | Terme | Définition |             (a table with a term column and a definition column)
 *
 * The definition is the rest of the paragraph or list item, the lines that continue it included.
 * Precision comes first: a harvested "term" becomes a glossary term everywhere, so a sentence
 * fragment must never be one. Terms are 1–4 words of letters (no digits, no sentence
 * punctuation, no pronoun, conjunction or verb-like word), and the generic labels of a document's
 * structure (« Avantages : », « Objectif : »…) are not terms. The determiner + verb pattern is
 * looked for where a sentence starts a line (its cost in every sentence of every line is not
 * worth the few definitions written mid-line). One pass over the lines; lines are only looked
 * at closely when a cheap test says they may define something.
 */

import { getProseSegments } from './blocks';
import { splitLines } from './lines';
import { atxHeadingAt, continuesParagraph, listItemContentAt, quotedContentStart } from './lineShape';
import { fold } from './text';

/** Offsets of a span of the note. */
export interface HarvestSpan {
  start: number;
  end: number;
}

/** How a definition was written. */
export type HarvestPattern = 'bold-separator' | 'bold-colon' | 'bold-list-item' | 'verb' | 'table';

/** A definition found in a note. */
export interface HarvestedDefinition {
  /** The term as the note writes it (NFC; a capital that only starts the sentence lowered). */
  term: string;
  /** Other names given with it ("SSII / ESN" → term SSII, alias ESN; "SaaS (Software as a Service)"). */
  aliases: string[];
  /** The definition: the rest of the paragraph or list item, its lines joined by \n (NFC). */
  definition: string;
  /** UTF-16 offsets of the term in the note. */
  termRange: HarvestSpan;
  /** UTF-16 offsets of the definition in the note (as written, line breaks included). */
  definitionRange: HarvestSpan;
  pattern: HarvestPattern;
}

const MAX_TERM_WORDS = 4;
const MAX_TERM_LENGTH = 60;
/** A definition has at least this many letters (not "voir plus bas", not a date). */
const MIN_DEFINITION_LETTERS = 8;
/** Outside a table (whose header says it holds definitions), a definition has at least 4 words. */
const MIN_DEFINITION_WORDS = 4;

/**
 * Closed-class French words (pronouns, conjunctions, negation, a few adverbs and auxiliaries):
 * none belongs in a term, so a candidate that holds one is a fragment of a sentence. Articles
 * and "de", "d'", "du", "des", "à", "en", "la", "le", "les" may appear inside ("système
 * d'information", "mise en production"), not at either end.
 */
const FUNCTION_WORDS = new Set([
  'qui', 'que', 'qu', 'quoi', 'dont', 'ou', 'et', 'mais', 'donc', 'or', 'ni', 'car', 'si', 'comme', 'quand', 'lorsque', 'puis',
  'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'me', 'te', 'se', 'lui', 'leur', 'leurs', 'y',
  'ce', 'cet', 'cette', 'ces', 'ca', 'cela', 'ceci', 'celui', 'celle', 'ceux', 'celles',
  'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa', 'ses', 'notre', 'nos', 'votre', 'vos',
  'ne', 'pas', 'plus', 'tres', 'trop', 'aussi', 'encore', 'deja', 'toujours', 'jamais', 'souvent', 'alors', 'ainsi',
  'est', 'sont', 'etait', 'sera', 'ont', 'a', 'avait', 'aura', 'fait', 'peut', 'doit', 'faut',
  'un', 'une', 'par', 'pour', 'avec', 'sans', 'sur', 'sous', 'dans', 'vers', 'chez', 'entre',
]);
/** Words allowed inside a term (not at its ends): "système d'information", "mise à jour". */
const INNER_WORDS = new Set(['de', 'd', 'du', 'des', 'a', 'au', 'aux', 'en', 'la', 'le', 'les', 'l', 'sur', 'sous', 'par', 'pour', 'et']);
/**
 * The labels of a document's structure (and of the Markdown glossary format): written
 * "**Avantages :** …" they introduce a part of the text, they are not terms.
 */
const STRUCTURE_LABELS = new Set([
  'avantage', 'avantages', 'inconvenient', 'inconvenients', 'desavantage', 'desavantages', 'exemple', 'exemples',
  'remarque', 'remarques', 'note', 'notes', 'nb', 'attention', 'important', 'rappel', 'astuce', 'conseil', 'conseils',
  'objectif', 'objectifs', 'but', 'contexte', 'conclusion', 'resume', 'introduction', 'definition', 'definitions',
  'question', 'questions', 'reponse', 'reponses', 'solution', 'solutions', 'exercice', 'correction', 'methode', 'etape', 'etapes',
  'source', 'sources', 'reference', 'references', 'auteur', 'auteurs', 'date', 'lien', 'liens', 'voir aussi',
  'synonyme', 'synonymes', 'sigle', 'sigles', 'forme', 'formes', 'fautes frequentes', 'sorte de', 'identifiant',
  'cout', 'couts', 'prix', 'limite', 'limites', 'contrainte', 'contraintes', 'resultat', 'resultats', 'risque', 'risques',
  'pros', 'cons', 'example', 'examples', 'warning', 'tip', 'summary', 'advantages', 'disadvantages', 'see also',
]);

/** The connecting verbs of the "determiner + term + verb" pattern (accents optional, NFC or NFD). */
const E = '(?:é|e\u0301|e)';
const A = '(?:à|a\u0300|a)';
const AP = "['’]";
const VERB_RE = new RegExp(
  '(?:^|[\\s*_])(' +
    [
      `est\\s+le\\s+fait\\s+(?:de(?=\\s)|d${AP})`,
      `est\\s+l${AP}action\\s+(?:de(?=\\s)|d${AP})`,
      `d${E}signe(?:nt)?(?=\\s)`,
      `consiste(?:nt)?\\s+(?:${A}|en)(?=\\s)`,
      `f(?:ait|ont)\\s+r${E}f${E}rence\\s+(?:${A}|aux?)(?=\\s)`,
      `se\\s+d${E}finit\\s+comme(?=\\s)`,
    ].join('|') +
    ')',
  'iu',
);
/** Substrings one of which every verb above contains (but for its case): blocks without any are not searched for a verb. */
const VERB_HINTS = ['fait d', 'action d', 'signe', 'consist', 'férence', 'fe\u0301rence', 'finit comme'];
/** Verbs whose text stays in the definition ("le fait de…", "l'action de…"): only "est" is dropped. */
const KEEP_AFTER_EST = /^est\s+/iu;

/** A line of the note; its text is sliced only when a line is looked at closely. */
class Line {
  private sliced: string | undefined;
  /**
   * @param prose false for the lines the block pass leaves out (front matter, code, reference
   * definitions: blocks.ts).
   */
  constructor(readonly source: string, readonly start: number, readonly end: number, readonly prose: boolean) {}
  get text(): string {
    return (this.sliced ??= this.source.slice(this.start, this.end));
  }
  /** Offset (in the line) of the first character that is not a space, a tab or a quote mark (">"). */
  lead(): number {
    return quotedContentStart(this.source, this.start, this.end) - this.start;
  }
  /** The character code at an offset of the line (NaN past its end). */
  charAt(i: number): number {
    return this.start + i < this.end ? this.source.charCodeAt(this.start + i) : NaN;
  }
  /** True when bold (`**`, `__`) opens within the first characters of the line's text (after a list marker, a determiner). */
  boldNearStart(): boolean {
    const src = this.source;
    const from = this.start + this.lead();
    const to = Math.min(this.end - 1, from + 12);
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if ((c === 42 || c === 95) && src.charCodeAt(i + 1) === c) return true;
    }
    return false;
  }
  get length(): number {
    return this.end - this.start;
  }
}

/** Finds the definitions written in a note. Pure, one pass over the lines; never throws. */
export function harvestDefinitions(text: string): HarvestedDefinition[] {
  const out: HarvestedDefinition[] = [];
  // Most notes define nothing: without bold, a table or a verb there is nothing to look at.
  const lines = readLines(text);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    // Front matter is metadata, code is code (the block pass decides, as for the analysis).
    if (!line.prose) continue;
    const at = line.lead();
    if (at === line.length) continue; // blank
    const c = line.charAt(at);
    if (c === 35 /* # */ && atxHeadingAt(text, line.start + at, line.end)) continue; // a heading
    if (c === 124 /* | */ && k + 1 < lines.length && isTableRow(line.text) && isDelimiterRow(lines[k + 1].text)) {
      k = harvestTable(lines, k, out);
      continue;
    }
    // A block: this line and those continuing it (not blank, not a new item, heading or fence).
    let last = k;
    while (last + 1 < lines.length && continues(lines[last + 1])) last++;
    if (line.boldNearStart() || mayHoldVerb(lines, k, last)) harvestBlock(text, lines, k, last, out);
    k = last; // a list item's sub-items are items (blocks) of their own
  }
  return out;
}

/** The note's lines, each marked prose or not by the block pass (getProseSegments). */
function readLines(text: string): Line[] {
  const segments = getProseSegments(text);
  let j = 0;
  return splitLines(text).map(({ start, end }) => {
    // A line is prose when it starts in a segment (segments start and end at line starts, but
    // for the front matter's title, whose line is metadata).
    while (j < segments.length && segments[j + 1] <= start) j += 2;
    return new Line(text, start, end, j < segments.length && segments[j] <= start);
  });
}

/** True when a line continues the block above it (a paragraph's or a list item's text; a table row does not). */
function continues(line: Line): boolean {
  return line.prose && continuesParagraph(line.source, line.start, line.end) && line.charAt(line.lead()) !== 124 /* | */;
}

/** Offset in the line of its text after the quote marks and the list marker. */
function bodyOffset(line: Line): number {
  const at = line.lead();
  const content = listItemContentAt(line.source, line.start + at, line.end);
  return content === -1 ? at : content - line.start;
}

/**
 * True when a line of the block may start with "determiner + term + verb": the sentence starts
 * the block or a line after one that ends a sentence, starts with a determiner (or bold), and a
 * verb's letters come soon after. Cheap: most lines fail on their first letter.
 */
function mayHoldVerb(lines: Line[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    const line = lines[k];
    if (k > first && !/[.!?;:](\*\*|__)?\s*$/.test(lines[k - 1].text)) continue;
    const from = k === first ? bodyOffset(line) : line.lead();
    const c = line.charAt(from);
    if (c !== 76 /* L */ && c !== 108 /* l */ && c !== 85 /* U */ && c !== 117 /* u */) continue;
    const window = line.text.slice(from, from + MAX_TERM_LENGTH + 40);
    if (VERB_HINTS.some((h) => window.includes(h))) return true;
  }
  return false;
}

/** True when `s` has at least `n` letters (ASCII or beyond Latin-1's symbols: counting, not classifying). */
function hasLetters(s: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (((c >= 97 && c <= 122) || s.charCodeAt(i) >= 0xc0) && ++count >= n) return true;
  }
  return false;
}

/** True when `s` has at least `n` words of letters. */
function hasWords(s: string, n: number): boolean {
  const re = /\p{L}[\p{L}\p{M}'’-]*/gu;
  let count = 0;
  while (re.exec(s)) if (++count >= n) return true;
  return false;
}

/** The block's text from `offset` to its end, as written and as one definition. */
function definitionFrom(text: string, lines: Line[], offset: number, last: number): { definition: string; range: HarvestSpan } | undefined {
  const end = lines[last].end;
  let start = offset;
  while (start < end && /[\s:=⇒→>\-–—]/.test(text[start]) && !(text[start] === '-' && /\w/.test(text[start + 1] ?? ''))) start++;
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  if (e <= start) return undefined;
  const raw = text.slice(start, e);
  if (!hasLetters(raw, MIN_DEFINITION_LETTERS)) return undefined;
  const definition = (start >= lines[last].start ? raw.trim() : raw.split(/\r\n|\r|\n/).map((l) => l.trim().replace(/^>\s?/, '')).join('\n')).normalize('NFC');
  return { definition, range: { start, end: e } };
}

/** Looks for one definition at the start of the block, or a verb pattern in it. */
function harvestBlock(text: string, lines: Line[], first: number, last: number, out: HarvestedDefinition[]): void {
  const line = lines[first];
  const bodyStart = line.start + bodyOffset(line);
  const inItem = listItemContentAt(text, line.start + line.lead(), line.end) !== -1;

  if (harvestBold(text, lines, bodyStart, line.end, last, inItem, out)) return;
  // Plain: a determiner and a term, then a verb, at the start of a sentence.
  for (let k = first; k <= last; k++) {
    const l = lines[k];
    // The sentence starts the block, or a line after one that ends a sentence (a sentence that
    // starts mid-line is not looked at: the cost of finding it in every line is not worth it).
    if (k !== first && !/[.!?;:](\*\*|__)?\s*$/.test(lines[k - 1].text)) continue;
    const from = k === first ? bodyStart - l.start : l.lead();
    const s = l.text.slice(from);
    const v = VERB_RE.exec(s);
    if (!v) continue;
    const verbAt = v.index + v[0].indexOf(v[1]);
    const subject = s.slice(0, verbAt);
    const m = /^((?:[Ll]['’])|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+)(\*\*|__)?([^*_]+?)\2?\s*$/.exec(subject.replace(/\s+$/, ''));
    if (!m) continue;
    const termStart = l.start + from + m[1].length + (m[2] ? 2 : 0);
    const verbText = v[1];
    const afterVerb = l.start + from + verbAt + (KEEP_AFTER_EST.test(verbText) ? /^est\s+/iu.exec(verbText)![0].length : verbText.length);
    if (push(out, text, lines, m[3], termStart, afterVerb, last, 'verb', !!m[2])) return;
  }
}

/** The bold patterns at a block's start (`**X** sep`, `**X :**`, `**X** verb`, `L'**X** verb`); true when one matched. */
function harvestBold(text: string, lines: Line[], bodyStart: number, lineEnd: number, last: number, inItem: boolean, out: HarvestedDefinition[]): boolean {
  const body = text.slice(bodyStart, lineEnd);
  const bold = /^((?:[Ll]['’]|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+)?)(\*\*|__)(?=\S)(.+?)(?<=\S)\2/.exec(body);
  if (!bold) return false;
  const determiner = !!bold[1];
  const inner = bold[3];
  const innerStart = bodyStart + bold[1].length + 2;
  const afterBold = bodyStart + bold[0].length;
  const rest = text.slice(afterBold, lineEnd);
  // **X :** def. Alone on its line ("**Définition :**") it introduces the lines below, which may
  // hold a verb pattern.
  const colonInside = /^(.*?)\s*:$/.exec(inner);
  if (colonInside && !determiner) {
    return /^\s*\S/.test(rest) && push(out, text, lines, colonInside[1], innerStart, afterBold, last, 'bold-colon', true);
  }
  // **X** = / : / ⇒ / → / -> / => / – def
  const sep = /^\s*(=>|->|-->|[=:⇒→–—]|\s-\s)\s*/.exec(rest);
  if (sep && !determiner) return push(out, text, lines, inner, innerStart, afterBold + sep[0].length, last, inItem ? 'bold-list-item' : 'bold-separator', true);
  // **X** est un… / Une **X** (…) est une…: a bold subject of "est un(e)" is being defined.
  const copula = /^(\s*(?:\([^()]{1,60}\)\s*)?)(?:est|sont)\s+(?=(?:une?|des)\s)/iu.exec(rest);
  if (copula) return push(out, text, lines, inner, innerStart, afterBold + copula[0].length, last, 'verb', true);
  // **X** désigne… / L'**X** est le fait de…
  const space = /^\s*/.exec(rest)![0].length;
  const v = VERB_RE.exec(' ' + rest.slice(space));
  if (v && v.index === 0) {
    const defStart = afterBold + space + (KEEP_AFTER_EST.test(v[1]) ? /^est\s+/iu.exec(rest.slice(space))![0].length : v[1].length);
    return push(out, text, lines, inner, innerStart, defStart, last, 'verb', true);
  }
  return false;
}

/**
 * Checks a candidate term and, when it is one, records the definition. `bold` terms may start a
 * sentence with a capital; returns true when something was recorded.
 */
function push(out: HarvestedDefinition[], text: string, lines: Line[], rawTerm: string, termStart: number, defStart: number, last: number, pattern: HarvestPattern, bold: boolean): boolean {
  const parsed = parseTerm(rawTerm, termStart, bold);
  if (!parsed) return false;
  const def = definitionFrom(text, lines, defStart, last);
  if (!def) return false;
  // Narration in the first or second person, or a judgement ("non traitée", "trop limitée"),
  // is no definition; nor is a link, a number or a few words ("Grande souplesse").
  if (/^(vous|nous|je|tu|non|trop|peu|pas)\b/i.test(def.definition)) return false;
  if (/^(https?:|\[|!\[|`|\d)/.test(def.definition)) return false;
  if (pattern !== 'table' && !hasWords(def.definition, MIN_DEFINITION_WORDS)) return false;
  out.push({ term: parsed.term, aliases: parsed.aliases, definition: def.definition, termRange: parsed.range, definitionRange: def.range, pattern });
  return true;
}

/** A candidate's term and aliases ("A / B", "A (B)"), or undefined when it is no term. */
function parseTerm(raw: string, start: number, bold: boolean): { term: string; aliases: string[]; range: HarvestSpan } | undefined {
  let s = raw;
  let offset = start;
  // A determiner inside the bold: **L'offshore**, **Le nearshore**.
  const det = /^(?:[Ll]['’]|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+)(?=\p{L})/u.exec(s);
  if (det) {
    s = s.slice(det[0].length);
    offset += det[0].length;
  }
  const lead = s.length - s.trimStart().length;
  s = s.trim();
  offset += lead;
  const names: { text: string; at: number; expansion?: boolean }[] = [];
  const paren = /^(.+?)\s*\(([^()]+)\)$/.exec(s);
  if (paren) {
    names.push({ text: paren[1], at: offset });
    // Only an acronym or what an acronym stands for is another name; "(informatique)" is not.
    if (isAcronym(paren[1]) || isAcronym(paren[2])) names.push({ text: paren[2].trim(), at: offset + s.indexOf(paren[2]), expansion: isAcronym(paren[1]) });
  } else if (/\s\/\s|^[^\s/]+\/[^\s/]+$/.test(s)) {
    let at = 0;
    for (const part of s.split('/')) {
      names.push({ text: part.trim(), at: offset + at + (part.length - part.trimStart().length) });
      at += part.length + 1;
    }
  } else names.push({ text: s, at: offset });
  if (names.length === 0 || names.length > 3) return undefined;
  for (const n of names) if (!isTermLike(n.text, bold, n.expansion)) return undefined;
  const term = names[0].text;
  return {
    term: lowerSentenceCapital(term).normalize('NFC'),
    aliases: names.slice(1).map((n) => lowerSentenceCapital(n.text).normalize('NFC')),
    range: { start: names[0].at, end: names[0].at + term.length },
  };
}

function isAcronym(s: string): boolean {
  return /^\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*$/u.test(s.trim()) && s.trim().length <= 8;
}

/** A capital that only marks the start of the sentence is lowered ("Cloud" → "cloud"); acronyms and names with other capitals stay. */
function lowerSentenceCapital(term: string): string {
  const first = term.split(/\s+/)[0];
  if (/^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(first) && !/\p{Lu}/u.test(term.slice(1))) return term[0].toLowerCase() + term.slice(1);
  return term;
}

/** General rules of what a term looks like: a few words of letters, no fragment of a sentence. */
function isTermLike(term: string, bold: boolean, expansion = false): boolean {
  if (!term || term.length > MAX_TERM_LENGTH) return false;
  const nfc = term.normalize('NFC');
  if (!/^\p{L}/u.test(nfc) || !/\p{L}$/u.test(nfc)) return false;
  if (/[\d.,;:!?«»"“”()[\]{}<>=+*_`|&@#$%€/\\—–]/u.test(term)) return false;
  const words = term.split(/\s+/);
  if (words.length > MAX_TERM_WORDS) return false;
  const key = fold(term.normalize('NFC').replace(/\p{M}/gu, ''));
  if (STRUCTURE_LABELS.has(key)) return false;
  const tokens = key.split(/[\s'’]+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    const edge = i === 0 || i === tokens.length - 1;
    if (INNER_WORDS.has(w) && !edge) continue;
    if (FUNCTION_WORDS.has(w) || (edge && INNER_WORDS.has(w) && tokens.length > 1)) return false;
  }
  // A capitalised word after the first makes a proper name or a title ("DSI de Renault",
  // "Partie IV"), not a term; acronyms are fine ("adresse IP"). A plain (not bold) term, found
  // after a determiner mid-text, has at most 3 words.
  // What an acronym stands for is capitalised as it likes ("Virtual Private Network").
  if (!expansion && words.slice(1).some((w) => /^\p{Lu}\p{Ll}/u.test(w.normalize('NFC')))) return false;
  if (!bold && words.length > 3) return false;
  return true;
}

function isTableRow(s: string): boolean {
  return /^\s*\|?.*\|.*$/.test(s) && s.trim().length > 2;
}

function isDelimiterRow(s: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$/.test(s);
}

/** Cells of a table row with their offsets. */
function cells(line: Line): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const s = line.text;
  let i = s.indexOf('|') === s.search(/\S/) ? s.indexOf('|') + 1 : 0;
  let cellStart = i;
  for (; i <= s.length; i++) {
    if (i === s.length || (s[i] === '|' && s[i - 1] !== '\\')) {
      const raw = s.slice(cellStart, i);
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      if (i < s.length || t) out.push({ text: t, start: line.start + cellStart + lead, end: line.start + cellStart + lead + t.length });
      cellStart = i + 1;
    }
  }
  return out;
}

const DEFINITION_HEADERS = /^(definitions?|definition simple|signification|sens|meaning|explication|description)$/;
const TERM_HEADERS = /^(termes?|mots?|notions?|concepts?|sigles?|acronymes?|vocabulaire|expressions?|terms?|words?|acronyms?)$/;

/** Rows of a table whose header names a definition column; returns the table's last line. */
function harvestTable(lines: Line[], header: number, out: HarvestedDefinition[]): number {
  let last = header + 1;
  while (last + 1 < lines.length && lines[last + 1].text.includes('|') && lines[last + 1].lead() !== lines[last + 1].length) last++;
  const heads = cells(lines[header]).map((c) => fold(c.text.replace(/[*_`]/g, '').trim()));
  const defCol = heads.findIndex((h) => DEFINITION_HEADERS.test(h));
  if (defCol === -1) return last;
  let termCol = heads.findIndex((h) => TERM_HEADERS.test(h));
  if (termCol === -1) termCol = defCol === 0 ? -1 : 0;
  if (termCol === -1 || termCol === defCol) return last;
  for (let k = header + 2; k <= last; k++) {
    const row = cells(lines[k]);
    const term = row[termCol];
    const def = row[defCol];
    if (!term || !def) continue;
    const m = /^(\*\*|__)?(.+?)\1?$/.exec(term.text);
    if (!m) continue;
    const parsed = parseTerm(m[2], term.start + (m[1] ? 2 : 0), true);
    const definition = def.text.replace(/<br\s*\/?>/gi, '\n').normalize('NFC');
    if (!parsed || !hasLetters(definition, MIN_DEFINITION_LETTERS)) continue;
    out.push({ term: parsed.term, aliases: parsed.aliases, definition, termRange: parsed.range, definitionRange: { start: def.start, end: def.end }, pattern: 'table' });
  }
  return last;
}
