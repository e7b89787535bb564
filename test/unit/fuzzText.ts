/**
 * Seeded random Markdown-ish notes for the robustness tests: documents built from a weighted
 * alphabet of the pieces that trip scanners (backtick runs, fences, comments, angle brackets,
 * link brackets, escapes, entities, emphasis, headings, rules, tabs, indents, every line ending,
 * astral characters, lone surrogates, combining marks, NBSP, typographic apostrophes and
 * hyphens, URLs), mixed with glossary terms, their typos and French words, so the matcher has
 * something to find. Same seed, same documents. Also the adversarial notes and the invariants
 * every analysis must satisfy, shared by the tests and their worker.
 */

import assert from 'node:assert/strict';
import { Analysis } from '../../server/src/service/analyze';
import { builtinGlossary } from './helpers';

export { createRandom } from '../random';

/** Terms of the built-in glossary and typos of them (known misspellings, one and two edits, accents, compounds). */
export const TERMS = [
  'infogérance', 'externalisation', 'délocalisation', 'offshore', 'nearshore', 'cloud', 'cloud computing', 'SaaS', 'PaaS', 'IaaS',
  'sous-traitance', 'prestataire', 'prestataires', 'ESN', 'SLA', 'TMA', 'réversibilité', 'infogérance',
];
export const TYPOS = [
  'inforgérance', 'infogerance', 'INFOGERANCE', 'eternalisation', 'externalistion', 'délocation', 'ofshore', 'ofshre', 'nearshor',
  'clud', 'cloud computting', 'saas', 'SAAS', 'soustraitance', 'sous traitance', 'prestatair', 'prestatairs', 'esn', 'reversibilite',
  'Inforgérance', 'CLUD', 'Offshora', 'infogérence',
];
const FRENCH = ['le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'et', 'ou', 'à', 'est', 'sont', 'pour', 'avec', 'dans', 'contrat', 'entreprise', 'service', 'coût', 'marché', 'projet', 'équipe', 'données', 'été', 'où', 'ça', 'Élève', 'cours', 'chapitre', 'définition'];

/** Weighted pieces: [weight, piece or generator]. */
type Piece = string | ((r: () => number) => string);
const PIECES: [number, Piece][] = [
  [30, ' '],
  [14, (r) => pick(r, FRENCH)],
  [8, (r) => pick(r, TERMS)],
  [8, (r) => pick(r, TYPOS)],
  [6, '\n'],
  [2, '\r\n'],
  [1, '\r'],
  [3, '\n\n'],
  [3, (r) => '`'.repeat(1 + Math.floor(r() * 4))],
  [1, '\n```\n'],
  [1, '\n~~~\n'],
  [1, '\n```js\n'],
  [1, '<!--'],
  [1, '-->'],
  [1, '<!-- glossaire-ignore: clud, ofshore -->'],
  [2, '<'],
  [2, '>'],
  [1, '<code>'],
  [1, '</code>'],
  [1, '<br/>'],
  [2, '['],
  [2, ']('],
  [2, ')'],
  [1, ']'],
  [1, '[^1]: '],
  [1, '\n[ref]: https://x.org/clud\n'],
  [2, '\\'],
  [1, '&'],
  [1, '&amp;'],
  [1, '&#233;'],
  [3, '*'],
  [2, '**'],
  [2, '_'],
  [1, '~~'],
  [2, '\n# '],
  [1, '#'],
  [1, '\n---\n'],
  [2, '\t'],
  [2, '\n    '],
  [1, '\n- '],
  [1, '\n1. '],
  [1, '\n> '],
  [1, ' | '],
  [2, (r) => pick(r, ['😀', '𝔘', '👩‍💻', '🇫🇷', '\u{1F600}\u0301'])],
  [1, (r) => pick(r, ['\ud800', '\udc00', '\udbff', '\udfff'])],
  [2, '\u0301'],
  [2, (r) => pick(r, ['e\u0301', 'infoge\u0301rance', 'de\u0301localisation', 'E\u0301'])],
  [2, '\u00a0'],
  [2, '\u2019'],
  [1, "'"],
  [1, "l'"],
  [1, 'l\u2019'],
  [2, '\u2010'],
  [1, '-'],
  [1, ' - '],
  [1, (r) => pick(r, ['https://example.org/clud', 'http://', 'www.infogerance.fr', 'prof@lycee.fr', 'a/b/clud.md', '<https://x.org>'])],
  [1, (r) => pick(r, ['.', ',', ';', ':', '!', '?', '…', '«', '»', '"', '(', ')'])],
  [1, (r) => String(Math.floor(r() * 1000))],
  [1, 'niveau_service'],
];
const TOTAL = PIECES.reduce((s, [w]) => s + w, 0);

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

/** One random piece. */
export function randomPiece(r: () => number): string {
  let x = r() * TOTAL;
  for (const [w, p] of PIECES) {
    x -= w;
    if (x < 0) return typeof p === 'string' ? p : p(r);
  }
  return ' ';
}

/** A random note of about `pieces` pieces (sometimes with front matter). */
export function randomDocument(r: () => number, pieces = 1 + Math.floor(r() * 80)): string {
  let out = r() < 0.1 ? `---\ntitle: ${pick(r, TYPOS)} ${pick(r, TERMS)}\ntags: [a]\n---\n` : '';
  for (let k = 0; k < pieces; k++) out += randomPiece(r);
  return out;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** True when offset `o` falls between the two halves of a surrogate pair. */
export const splitsPair = (text: string, o: number) => o > 0 && o < text.length && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o));

/** Asserts spans are sorted, non-overlapping, inside the text and never split a surrogate pair. */
export function assertSpans(text: string, spans: { start: number; end: number }[], what: string): void {
  let last = 0;
  for (const s of spans) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: integer offsets`);
    assert.ok(s.start >= last, `${what}: sorted and non-overlapping at ${s.start} (previous ends at ${last})`);
    assert.ok(s.start < s.end && s.end <= text.length, `${what}: ${s.start}–${s.end} within [0, ${text.length}]`);
    assert.ok(!splitsPair(text, s.start) && !splitsPair(text, s.end), `${what}: ${s.start}–${s.end} splits a surrogate pair`);
    last = s.end;
  }
}

export function assertAnalysis(text: string, a: Analysis): void {
  assertSpans(text, a.findings, 'findings');
  assertSpans(text, a.occurrences, 'occurrences');
  // A match consumes its words: a finding and an occurrence never overlap either.
  assertSpans(text, [...a.findings.filter((f) => !f.edits), ...a.occurrences].sort((x, y) => x.start - y.start), 'findings and occurrences');
  for (const f of a.findings) {
    assert.equal(f.word, text.slice(f.start, f.end), 'a finding’s word is its text');
    assert.ok(f.suggestions.length > 0 && f.suggestions.every((s) => typeof s === 'string' && s.length > 0), `suggestions for "${f.word}": ${JSON.stringify(f.suggestions)}`);
    assert.ok(builtinGlossary().byId.has(f.entryId), `unknown entry ${f.entryId}`);
    if (f.edits) assertSpans(text, f.edits, 'note-level edits');
    else assert.notEqual(f.suggestions[0], f.word, `a fix that changes nothing: "${f.word}"`);
  }
}

/** Adversarial notes (name, generator): each must be analysed well within a hang guard (2 s per 200 KB). */
export const ADVERSARIAL: [string, () => string][] = [
  ['100k unclosed <!--', () => '<!-- a '.repeat(100_000)],
  ['unclosed <!-- across 30k code blocks', () => '<!--\n```\n```\n'.repeat(30_000)],
  ['30k ignore comments sharing one far -->', () => '<!-- glossaire-ignore: clud\n```\n```\n'.repeat(30_000) + '-->'],
  ['ignore comment with 200k inner spaces', () => '<!-- glossaire-ignore: a' + ' '.repeat(200_000) + 'x'],
  ['front matter title with 200k inner spaces', () => '---\ntitle: a' + ' '.repeat(200_000) + 'b\n---\nclud'],
  ['100k unclosed <code> / <pre>', () => '<code>a <PRE>b '.repeat(50_000)],
  ['100k unmatched backtick runs of varying length', () => Array.from({ length: 100_000 }, (_, k) => '`'.repeat(1 + (k % 13)) + 'a').join(' ')],
  ['backtick runs of every length 1..600', () => Array.from({ length: 600 }, (_, k) => '`'.repeat(k + 1) + 'a').join(' ')],
  ['100k ](', () => '](('.repeat(100_000)],
  ['a single 1 MB line of terms and typos', () => 'infogérance clud SAAS offshor '.repeat(35_000)],
  ['50k nested [[[[', () => '['.repeat(50_000) + 'clud' + ']('.repeat(50_000)],
  ['deeply repeated **', () => '**'.repeat(100_000) + 'clud' + '**'.repeat(100_000)],
  ['a 1 MB word with no spaces', () => 'infogerance'.repeat(100_000)],
  ['a 1 MB word with inner emphasis', () => 'a*'.repeat(500_000)],
  ['100k combining marks alone and after a letter', () => '\u0301'.repeat(100_000) + ' e' + '\u0301'.repeat(100_000)],
  ['100k < and &', () => '<&'.repeat(100_000)],
  ['100k lone surrogates and emoji', () => '\ud800😀\udc00'.repeat(70_000)],
  ['capital words on one long heading line', () => '# ' + 'CLUD 12 SAAS '.repeat(60_000)],
  ['100k lines of lone \\r', () => 'clud\r'.repeat(100_000)],
  ['100k fences', () => '```\n~~~\n'.repeat(50_000)],
  ['100k http://', () => 'http://'.repeat(100_000)],
  ['a URL followed by 200k dots', () => 'http://x' + '.'.repeat(200_000)],
];
