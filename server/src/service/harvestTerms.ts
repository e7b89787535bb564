/**
 * What a harvested term looks like (harvest.ts): a few words of letters, no fragment of a
 * sentence, no label of the document's structure; "A / B" and "A (B)" give other names.
 */

import { codePointAt, hasUpper, isLetter, isLower, isMark, isUpper, lastCodePoint, letterRunEnd, unitsOf, withoutMarks } from './letters';
import { fold } from './text';

/** Offsets of a span of the note. */
export interface HarvestSpan {
  start: number;
  end: number;
}

const MAX_TERM_WORDS = 4;
export const MAX_TERM_LENGTH = 60;

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
  'ne', 'non', 'pas', 'plus', 'tres', 'trop', 'peu', 'assez', 'aussi', 'encore', 'deja', 'toujours', 'jamais', 'souvent', 'alors', 'ainsi',
  'est', 'sont', 'etait', 'sera', 'ont', 'a', 'avait', 'aura', 'fait', 'peut', 'doit', 'faut',
  'un', 'une', 'par', 'pour', 'avec', 'sans', 'sur', 'sous', 'dans', 'vers', 'chez', 'entre',
]);
/** Words allowed inside a term (not at its ends): "système d'information", "mise à jour". */
const INNER_WORDS = new Set(['de', 'd', 'du', 'des', 'a', 'au', 'aux', 'en', 'la', 'le', 'les', 'l', 'sur', 'sous', 'par', 'pour', 'et']);
/**
 * The labels of a document's structure (and of the Markdown glossary format): written
 * "**Avantages :** …" they introduce a part of the text, they are not terms.
 */
export const STRUCTURE_LABELS = new Set([
  'avantage', 'avantages', 'inconvenient', 'inconvenients', 'desavantage', 'desavantages', 'exemple', 'exemples',
  'remarque', 'remarques', 'note', 'notes', 'nb', 'attention', 'important', 'rappel', 'astuce', 'conseil', 'conseils',
  'objectif', 'objectifs', 'but', 'contexte', 'conclusion', 'resume', 'introduction', 'definition', 'definitions',
  'question', 'questions', 'reponse', 'reponses', 'solution', 'solutions', 'exercice', 'correction', 'methode', 'etape', 'etapes',
  'source', 'sources', 'reference', 'references', 'auteur', 'auteurs', 'date', 'lien', 'liens', 'voir aussi',
  'synonyme', 'synonymes', 'sigle', 'sigles', 'forme', 'formes', 'fautes frequentes', 'sorte de', 'identifiant',
  'cout', 'couts', 'prix', 'limite', 'limites', 'contrainte', 'contraintes', 'resultat', 'resultats', 'risque', 'risques',
  'pros', 'cons', 'example', 'examples', 'warning', 'tip', 'summary', 'advantages', 'disadvantages', 'see also',
  'ex', 'role', 'roles', 'action', 'actions', 'idee', 'idees', 'principe', 'principes', 'fonctionnement', 'probleme', 'problemes',
  'hypothese', 'hypotheses', 'theoreme', 'demonstration', 'utilisation', 'usage',
]);

/** First words of labels that announce a part of the text ("Exemple d'…", "Source de …"). */
const ANNOUNCING = new Set(['exemple', 'exemples', 'ex', 'source', 'sources', 'note', 'notes', 'nb', 'remarque', 'remarques', 'rappel', 'astuce', 'conseil', 'attention']);

/**
 * What a list enumerates when it lists no terms: its items' bold labels name examples,
 * objectives, features, steps… ("### Exemples d'éditeurs", "Trois objectifs :"). A heading or
 * a lead-in line with one of these words makes the labels of the list below no terms.
 */
const ENUMERATION_LABELS = new Set([
  'exemple', 'exemples', 'objectif', 'objectifs', 'but', 'buts', 'avantage', 'avantages', 'inconvenient', 'inconvenients',
  'etape', 'etapes', 'fonctionnalite', 'fonctionnalites', 'caracteristique', 'caracteristiques', 'critere', 'criteres',
  'option', 'options', 'livrable', 'livrables',
  'conseil', 'conseils', 'astuce', 'astuces', 'question', 'questions', 'reponse', 'reponses', 'resultat', 'resultats',
  'example', 'examples', 'goal', 'goals', 'feature', 'features', 'step', 'steps', 'pros', 'cons',
]);

/**
 * Some label as a substring, in any case (the flag takes "É" for "é"), its "e" accented or
 * not: a heading without one (most) is answered by one native search (NFC text).
 */
const ENUMERATION_HINT = new RegExp([...ENUMERATION_LABELS].map((w) => w.replace(/e/g, '[eéèêë]')).join('|'), 'i');

/** The longest label, in UTF-16 units: longer runs are no label. */
const LONGEST_LABEL = Math.max(...[...ENUMERATION_LABELS].map((w) => w.length));

/**
 * True when a heading or lead-in says the list below enumerates something other than terms:
 * one of its words is a label, in any case, its "e" accented or not ("Étapes", "CRITÈRES").
 * Word by word (a Set look-up per word): one regex of every label, accents optional, cost
 * microseconds per heading.
 */
export function namesEnumeration(text: string): boolean {
  const s = /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
  if (!ENUMERATION_HINT.test(s)) return false;
  // Runs of letters and their combining marks: the words a label is looked for among.
  for (let i = 0; i < s.length; ) {
    const end = letterRunEnd(s, i);
    if (end === i) {
      i += unitsOf(s.codePointAt(i)!);
      continue;
    }
    if (end - i <= LONGEST_LABEL && ENUMERATION_LABELS.has(s.slice(i, end).toLowerCase().replace(/[éèêë]/g, 'e'))) return true;
    i = end;
  }
  return false;
}

/** A candidate's term and aliases ("A / B", "A (B)"), or undefined when it is no term. */
export function parseTerm(raw: string, start: number, bold: boolean): { term: string; aliases: string[]; range: HarvestSpan } | undefined {
  let s = raw;
  let offset = start;
  // A determiner inside the bold: **L'offshore**, **Le nearshore**.
  const det = /^(?:[Ll]['’]|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+)/u.exec(s);
  if (det && isLetter(codePointAt(s, det[0].length))) {
    s = s.slice(det[0].length);
    offset += det[0].length;
  }
  const lead = s.length - s.trimStart().length;
  s = s.trim();
  offset += lead;
  const names: { text: string; at: number; expansion?: boolean }[] = [];
  const paren = /^(.+?)\s*\(([^()]+)\)$/.exec(s);
  if (paren) {
    // Only an acronym or what an acronym stands for is another name; "(informatique)" is not.
    // Written before its acronym, the words it stands for are capitalised as they like
    // ("Réunion Technique (RT)").
    names.push({ text: paren[1], at: offset, expansion: isAcronym(paren[2]) });
    if (isAcronym(paren[1]) || isAcronym(paren[2])) names.push({ text: paren[2].trim(), at: offset + s.indexOf(paren[2]), expansion: isAcronym(paren[1]) });
  } else {
    // Two or three names of one concept: "SSII / ESN", "IaaS/PaaS", "A ou B" (a slash between
    // words of a phrase is an alternative inside one name: "gestion/traitement").
    const sep = /\s\/\s|^[^\s/]+\/[^\s/]+$/.test(s) ? '/' : /\sou\s/u.test(s) ? /\s+ou\s+/u : undefined;
    if (sep) {
      let at = 0;
      const parts = s.split(sep);
      const seps = sep === '/' ? parts.map(() => '/') : s.match(/\s+ou\s+/gu) ?? [];
      parts.forEach((part, k) => {
        names.push({ text: part.trim(), at: offset + at + (part.length - part.trimStart().length) });
        at += part.length + (seps[k]?.length ?? 0);
      });
    } else names.push({ text: s, at: offset });
  }
  if (names.length === 0 || names.length > 3) return undefined;
  for (const n of names) if (!isTermLike(n.text, bold, n.expansion)) return undefined;
  const term = names[0].text;
  return {
    term: lowerSentenceCapital(term).normalize('NFC'),
    aliases: names.slice(1).map((n) => lowerSentenceCapital(n.text).normalize('NFC')),
    range: { start: names[0].at, end: names[0].at + term.length },
  };
}

/** Two capitals or more and letters alone, at most 8 ("SSII", "IaaS", "RGPD"), a capital first. */
export function isAcronym(s: string): boolean {
  const t = s.trim();
  if (t.length > 8) return false;
  let capitals = 0;
  for (let i = 0; i < t.length; ) {
    const cp = t.codePointAt(i)!;
    if (isUpper(cp)) capitals++;
    else if (i === 0 || !isLetter(cp)) return false;
    i += unitsOf(cp);
  }
  return capitals >= 2;
}

/** A capital that only marks the start of the sentence is lowered ("Cloud" → "cloud"); acronyms and names with other capitals stay. */
function lowerSentenceCapital(term: string): string {
  const first = term.split(/\s+/)[0];
  if (isCapitalisedWord(first) && !hasUpper(term, 1)) return term[0].toLowerCase() + term.slice(1);
  return term;
}

/** A capital, then one or more lower-case letters, combining marks, apostrophes or hyphens (and nothing else). */
function isCapitalisedWord(w: string): boolean {
  const cp = codePointAt(w, 0);
  if (!isUpper(cp)) return false;
  let i = unitsOf(cp);
  if (i >= w.length) return false;
  while (i < w.length) {
    const c = w.codePointAt(i)!;
    if (!isLower(c) && !isMark(c) && c !== 39 && c !== 0x2019 && c !== 45) return false;
    i += unitsOf(c);
  }
  return true;
}

/** General rules of what a term looks like: a few words of letters, no fragment of a sentence. */
export function isTermLike(term: string, bold: boolean, expansion = false): boolean {
  if (!term || term.length > MAX_TERM_LENGTH) return false;
  const nfc = term.normalize('NFC');
  if (!isLetter(codePointAt(nfc, 0)) || !isLetter(lastCodePoint(nfc))) return false;
  if (/[\d.,;:!?«»"“”()[\]{}<>=+*_`|&@#$%€/\\—–]/u.test(term)) return false;
  const words = term.split(/\s+/);
  if (words.length > MAX_TERM_WORDS) return false;
  const key = fold(withoutMarks(term.normalize('NFC')));
  if (STRUCTURE_LABELS.has(key) || key.replace(/[^a-z]/g, '').length < 2) return false;
  const tokens = key.split(/[\s'’]+/).filter(Boolean);
  // "Exemple d'utilisation", "Source image", "Remarque importante": a label that announces a part.
  if (ANNOUNCING.has(tokens[0])) return false;
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
  if (!expansion && words.slice(1).some((w) => startsCapitalised(w.normalize('NFC')))) return false;
  if (!bold && words.length > 3) return false;
  return true;
}

/** A capital then a lower-case letter at the start ("Renault", not "IP"). */
function startsCapitalised(w: string): boolean {
  const cp = codePointAt(w, 0);
  return isUpper(cp) && isLower(codePointAt(w, unitsOf(cp)));
}
