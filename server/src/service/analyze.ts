/**
 * The matcher and typo finder: one pass over the words of a note that finds every occurrence
 * of a glossary concept and every misspelling of a glossary term, with ranked fixes.
 *
 * Rules, in order, for each word (see docs in README "Comment Glossaire décide"):
 * 1. Forms starting with this word (one hash look-up on the accent-folded word), longest first:
 *    exact → occurrence; a listed misspelling → `known-misspelling`; same letters but other
 *    accents → `missing-accent` (unless the written word is itself French: "manage", or is in
 *    capitals without accents: "INFOGERANCE" — capitals may drop their accents); an acronym in
 *    another case → `acronym-case` (unless it is a French word, "si", or stands in a line in
 *    capitals); a hyphenated term written with a space, or a spaced one with a hyphen ("cloud-
 *    computing") → `compound`. An English word in English context is not the French term it
 *    resembles ("iteration" among English words; english.ts).
 * 2. Otherwise, words of 2+ letters are looked up in the deletion index. The tolerance is the
 *    term's: one edit for terms of 5–7 letters, two from 8 (`maxDistanceFor` of the indexed
 *    word), so "ofshre" is "offshore" and "clud" is "cloud"; one edit for a 3–4 letter word of
 *    a multi-word term, with the term's other words around it ("sosu-traitance", "nmo de
 *    domaine"); -ic/-ik for -ique is one edit. When the word is a term's word exactly, one
 *    other word of the term may carry the typo ("cehf de projet"); a French word anchors that
 *    only through the term's hyphen ("sou-traitance"), a word of a spaced term only where the
 *    text joins its words by hyphens ("no-de-domaine"; wordInfo.ts withAnchors). An
 *    English word in English context is no typo of a one-word French term ("Internet Protocol";
 *    the bilingual guard, english.ts). A candidate is kept only if the
 *    word is not a French word, with or without its accents ("repartition" is "répartition",
 *    the lexicon guard, consulted only now, so it loads lazily; not a literary -ât/-ît verb
 *    form), is not an English word made of the term plus an English ending ("cloudy",
 *    "offshored"), is not shaped like a name ("iCloud", "OVHcloud") or a short acronym
 *    ("CLUD"), and, for a word of a multi-word term, if the neighbouring words complete the
 *    term. Ranking (ranking.ts): most words for the fewest edits, distance, same first
 *    letter, the determiner's number, the likeliest slip on the keyboard (typoCost), the same
 *    letters swapped, shared ends, the words written alike, the term itself before its forms.
 * 3. A word equal to a multi-word term with its separators removed ("soustraitance") →
 *    `compound`; one edit from it ("suostraitant") → `misspelled-term` (fuzzyJoined.ts).
 * Fixes keep the writer's case word by word, separators (’ or ', which hyphen), emphasis
 * markers inside words and the Unicode form of the words they replace (replace.ts).
 * Severity follows confidence: known misspellings, compounds, accents, typos of 6+ letters at
 * distance 1 and typos with their multi-word context → warning; short or two-edit guesses,
 * ambiguous ones and acronyms merely written in capitals → information. A note written without
 * accents (≤ 2 % of its words accented) gets one note-level finding for all its unaccented terms.
 * Nothing ever overlaps: a match consumes its words. Results per distinct word are memoised on
 * the glossary (wordTable.ts), so a repeated word costs one hash probe.
 */

import { EnglishGuard } from './english';
import { bestFormMatch, exactFormOf, makeFinding, Match } from './formMatch';
import { inCapitalHeading, inUpperContext, LineMemo, mayBeTypo } from './french';
import { FormKind, Glossary, TermForm } from './glossary';
import { Lexicon } from './lexicon';
import { Gap, scanTokens, Token, TokenBuffer, TokenFlag } from './markdown';
import { Analysis, AnalyzeOptions, Finding, Occurrence } from './model';
import { finishAnalysis, nfdNote } from './noteLevel';
import { fuzzyFinding, gapFits, WordInfo } from './ranking';
import { replacementFor } from './replace';
import { getRuleInputs, RuleInputs } from './ruleInputs';
import { AnalysisScratch, getWordTable } from './scratch';
import { getWordInfo } from './wordInfo';
import { LexiconFacts, WordEntry, WordKind, WordStore, WordTable } from './wordTable';

export { FINDING_CODES } from './model';
export type { Analysis, AnalyzeOptions, Finding, FindingCode, OffsetEdit, Occurrence, Severity } from './model';

/**
 * Finds the glossary's concepts and the misspellings of its terms in a Markdown note.
 * @param text the note (any line endings, NFC or NFD).
 * @param segments the note's prose segments (getProseSegments), when the caller has them.
 *
 * Speed (see markdown.ts and wordTable.ts): the words are scanned into typed arrays and each is
 * matched to its entry in the glossary's word memo by hash as it is read, so a word costs a
 * probe, not a string. `Token` objects, which the rules below take, are only made around the
 * words that start a form or have fuzzy candidates (`near`), never for the whole note.
 */
export function analyzeText(text: string, glossary: Glossary, options: AnalyzeOptions, scratch?: AnalysisScratch, segments?: readonly number[]): Analysis {
  const buf = scratch?.tokens ?? new TokenBuffer();
  if (scratch) scratch.tokens = undefined;
  try {
    return analyzeTokens(text, buf, glossary, options, scratch?.words, segments);
  } finally {
    buf.words = undefined; // the buffer must not keep an old glossary's memo alive
    if (scratch) scratch.tokens = buf;
  }
}

function analyzeTokens(text: string, buf: TokenBuffer, glossary: Glossary, options: AnalyzeOptions, words: WordStore | undefined, segments: readonly number[] | undefined): Analysis {
  const table = getWordTable(glossary, words);
  // The scan looks each word up in the memo as it reads it.
  const { ignoredWords } = scanTokens(text, buf, table, segments);
  const rules = getRuleInputs(options, ignoredWords);
  const n = buf.count;
  const ids = buf.id;
  if (buf.anyFlags & (TokenFlag.Decomposed | TokenFlag.HasMarkers)) {
    for (let k = 0; k < n; k++) if (ids[k] < 0) ids[k] = table.idOfString(buf.textOf(text, k));
  }
  const run = new MatchRun(text, buf, ids, table.entries, glossary, rules, undefined, false, (buf.anyFlags & TokenFlag.Decomposed) !== 0 ? nfdNote(buf) : false);
  run.match(0, n);
  return finishAnalysis(run.findings, run.occurrences, run.words, run.accentedWords, options.severities);
}

/**
 * One pass of the rules over the tokens of a note: the greedy loop, word by word.
 * A class with plain fields rather than a function of closures, so that the loop compiles
 * once and stays compiled: the JIT gives up on a hot loop whose callees are fresh closures at
 * every call. The loop itself only reads typed arrays and the word memo; each rule runs in a
 * method of its own, on `Token` objects made on demand (`near`).
 */
export class MatchRun {
  readonly findings: Finding[] = [];
  readonly occurrences: Occurrence[] = [];
  /**
   * The trace an incremental update resumes from (incremental.ts): the token at which each
   * finding and occurrence was decided, and for each multi-word fix that took back earlier
   * results, [the first token that decided one of them, the token that took them back].
   */
  readonly findingAt: number[] = [];
  readonly occurrenceAt: number[] = [];
  readonly takeBacks: number[] = [];
  /** Words the loop looked at (digits left out), and those with a non-ASCII letter. */
  words = 0;
  accentedWords = 0;
  /** An NFD note gets NFD fixes, even for a word that lacks its accents. */
  readonly nfd: boolean;
  /** Token objects for the rules, made by `near` (holes elsewhere). */
  tokens: Token[] = [];
  readonly foldedAt: (k: number) => string;
  /**
   * True when token k is one of the glossary's one-word acronyms, in any case ("esn", "ESN"):
   * its capitals say nothing of the line's (french.ts, inUpperContext).
   */
  readonly acronymAt: (k: number) => boolean;
  private readonly table: WordTable<WordInfo>;
  /** What the lexicon says of the words, shared by every glossary of the store (see `isWordId`). */
  private facts: LexiconFacts | undefined;
  /** This pass's memo of the last line looked at (it dies with the pass, and so does its text). */
  readonly headings = new LineMemo();

  readonly ignore: Set<string>;
  readonly isWord: (lower: string) => boolean;
  readonly getLexicon: () => Lexicon;
  readonly english: EnglishGuard | undefined;
  readonly typos: boolean;

  /**
   * @param decided where given, gets 1 at every token where the loop decided (a word not
   * taken by the previous match), 0 elsewhere.
   */
  constructor(
    readonly text: string,
    readonly buf: TokenBuffer,
    readonly ids: Int32Array,
    readonly entries: WordEntry[],
    readonly glossary: Glossary,
    rules: RuleInputs,
    readonly decided: Uint8Array | undefined,
    /** Few decisions expected (an incremental update): keep `tokens` sparse. */
    readonly sparse = false,
    /** Whether the note is NFD (isNfdNote), when the caller knows. */
    nfd?: boolean,
  ) {
    this.ignore = rules.ignore;
    this.isWord = rules.isWord;
    this.getLexicon = rules.getLexicon;
    this.english = rules.english;
    this.typos = rules.typos;
    this.foldedAt = (k: number) => entries[ids[k]].folded;
    const table = glossary.memo.words as WordTable<WordInfo> | undefined;
    if (!table || table.entries !== entries) throw new Error('MatchRun: entries are not the glossary word table\'s');
    this.table = table;
    this.acronymAt = (k: number) => table.forms.get(ids[k])?.some((f) => f.caseSensitive && f.folded.length === 1) ?? false;
    if (nfd === undefined) {
      nfd = false;
      nfd = nfdNote(buf);
    }
    this.nfd = nfd;
  }

  /**
   * Word `id` is in the lexicon (WordFacts, for getWordInfo): memoised in the store, for every
   * glossary; the lexicon is loaded only when a rule first asks.
   */
  isWordId(id: number, lower: string): boolean {
    return (this.facts ??= this.table.store.factsFor(this.getLexicon())).isWord(id, lower);
  }

  /** Word `id` is a French word once accented (WordFacts, see `isWordId`). */
  hasAccentedVariantId(id: number, lower: string): boolean {
    return (this.facts ??= this.table.store.factsFor(this.getLexicon())).hasAccentedVariant(id, lower);
  }

  /**
   * Makes tokens[from..to] (clamped) before a rule looks at them. The callers' windows cover
   * what the rules read: the words of the forms or candidates in play, the word before a
   * candidate (its determiner) and two words on either side (the capitals context).
   */
  near(from: number, to: number): void {
    const { buf, entries, ids } = this;
    const n = buf.count;
    if (this.tokens.length === 0) {
      if (this.sparse && n > 1024) {
        // A few windows of a long note: an index past the end makes the array sparse (its
        // length n, no storage of that size), as an incremental update needs.
        this.tokens = [];
        this.tokens[n - 1] = undefined as unknown as Token;
      } else this.tokens = new Array(n);
    }
    const tokens = this.tokens;
    const last = Math.min(n - 1, to);
    for (let k = Math.max(0, from); k <= last; k++) {
      tokens[k] ??= { start: buf.start[k], end: buf.end[k], text: entries[ids[k]].text, gapBefore: buf.gap[k], flags: buf.flags[k] & ~TokenFlag.NonAscii };
    }
  }

  /** Runs the rules from token `from` until token `to` is passed; returns where it stopped. */
  match(from: number, to: number): number {
    const flagsOf = this.buf.flags;
    const ids = this.ids;
    const entries = this.entries;
    const table = this.table;
    // Words were all added by the scan: the table does not grow while the rules run.
    const kinds = table.kinds;
    const ignore = this.ignore;
    const ignoring = ignore.size > 0;
    const decided = this.decided;
    const typos = this.typos;
    let words = 0;
    let accentedWords = 0;
    let i = from;
    for (; i < to; i++) {
      if (decided) decided[i] = 1;
      const flags = flagsOf[i];
      if (flags & TokenFlag.HasDigit) continue;
      words++;
      if (flags & TokenFlag.NonAscii) accentedWords++;
      const id = ids[i];
      // Most words need nothing (no form starts with them, memo says no candidate): one byte.
      const kind = kinds[id];
      if (kind === WordKind.Seen && !ignoring) continue;
      const word = entries[id];
      if (ignoring && ignore.has(word.lower)) continue;

      // 1. Forms that start with this word.
      if (kind & WordKind.Forms) {
        const next = this.matchForms(i, table.forms.get(id)!);
        if (next >= 0) {
          i = next;
          continue;
        }
      }

      // 2–3. Typos of terms: fuzzy and joined compounds.
      if ((kind & (WordKind.Unknown | WordKind.Candidates)) === 0 || !typos) continue;
      let info = table.info.get(id);
      if (info === undefined) {
        info = getWordInfo(this.glossary, word.folded, word.lower, id, this, this.isWord, this.english);
        table.setInfo(id, info, info.joined !== undefined || info.candidates.length > 0);
      }
      if (info.joined) {
        this.matchJoined(i, word.lower, info.joined, info.joinedDistance ?? 0);
        continue;
      }
      if (info.candidates.length === 0) continue;
      // A word of a spaced term anchors only where a hyphen joins the term's words: most of
      // its occurrences cost this test on the typed arrays, not the rule.
      if (info.spaceAnchor && !this.hyphenInSpan(i, info)) continue;
      i = this.matchFuzzy(i, info);
    }
    this.words += words;
    this.accentedWords += accentedWords;
    return i;
  }

  /**
   * True when a hyphen stands between two words around token i, as far as its candidates'
   * spans reach (`WordInfo.reach`): a few reads of the typed arrays.
   */
  private hyphenInSpan(i: number, info: WordInfo): boolean {
    const { gap, count } = this.buf;
    const reach = info.reach ?? 0;
    const last = Math.min(count - 1, i + (reach & 0xff));
    for (let k = Math.max(1, i - (reach >> 8) + 1); k <= last; k++) if (gap[k] === Gap.Hyphen) return true;
    return false;
  }

  /** Rule 1 at token i; returns the last token consumed, or -1 when no form matches. */
  private matchForms(i: number, list: TermForm[]): number {
    const { text, buf, findings } = this;
    // The longest form that fits (see wordsFit): bestFormMatch's answer has that length
    // unless that form's words turn out not to be the term.
    let fitting = 0;
    let longest = 1;
    for (const form of list) {
      const len = form.folded.length;
      if (len > longest) longest = len;
      if (len > fitting && this.wordsFit(i, form)) fitting = len;
    }
    if (fitting === 0) return -1; // what bestFormMatch would find, without making tokens
    // The common case, a term written as declared, needs neither context nor Token objects:
    // an exact match of the longest fitting length is what bestFormMatch decides (see exactFormOf).
    const id = this.ids[i];
    let exact: TermForm | null;
    if (fitting === 1) {
      const memo = this.table.exact;
      let known = memo.get(id);
      if (known === undefined) {
        const word = this.entries[id];
        memo.set(id, (known = exactFormOf(word.text, word.lower, list)));
      }
      exact = known;
    } else exact = this.exactFormAt(i, list, fitting);
    if (exact) {
      this.occurrences.push({ start: buf.start[i], end: buf.end[i + fitting - 1], entryId: exact.entry.id, kind: exact.kind });
      this.occurrenceAt.push(i);
      return i + fitting - 1;
    }
    // bestFormMatch reads the words of every form of the list (up to its first mismatch).
    this.near(i - 2, i + Math.max(longest, 3));
    const tokens = this.tokens;
    const m = bestFormMatch(text, tokens, i, list, this.foldedAt, this.isWord, this.headings, this.english, this.acronymAt);
    if (!m) return -1;
    const last = tokens[i + m.form.folded.length - 1];
    const start = buf.start[i];
    const end = last.end;
    if (m.kind === Match.Exact) {
      this.occurrences.push({ start, end, entryId: m.form.entry.id, kind: m.form.kind });
      this.occurrenceAt.push(i);
    } else {
      const written = text.slice(start, end);
      if (!this.ignore.has(written.toLowerCase())) {
        findings.push(makeFinding(text, tokens, i, i + m.form.folded.length - 1, m, this.nfd));
        this.findingAt.push(i);
      }
    }
    return i + m.form.folded.length - 1;
  }

  /**
   * The test bestFormMatch makes before anything else, on the typed arrays: the words after
   * token i are the form's next words (folded, no digits) with its separators (or a space for
   * a hyphen). A form that fails it is skipped there; when all fail, nothing can match.
   */
  private wordsFit(i: number, form: TermForm): boolean {
    const len = form.folded.length;
    const { buf, entries, ids } = this;
    if (i + len > buf.count) return false;
    for (let k = 1; k < len; k++) {
      const t = i + k;
      if (buf.flags[t] & TokenFlag.HasDigit || entries[ids[t]].folded !== form.folded[k]) return false;
      if (!gapFits(buf.gap[t], form.joiners[k - 1])) return false;
    }
    return true;
  }

  /**
   * The first form of `length` words in the list that the words from token i are exactly
   * (written words case-insensitively, or as written for acronyms; separators as declared), or
   * null. Only called for the longest length that fits, where an exact match is the answer.
   */
  private exactFormAt(i: number, list: TermForm[], length: number): TermForm | null {
    const { buf, entries, ids } = this;
    for (const form of list) {
      if (form.folded.length !== length || (!form.caseSensitive && form.kind === FormKind.Misspelling)) continue;
      let same = true;
      for (let k = 0; k < length && same; k++) {
        const word = entries[ids[i + k]];
        same = (k === 0 || buf.gap[i + k] === form.joiners[k - 1]) && (form.caseSensitive ? word.text === form.textWords[k] : word.lower === form.lower[k]);
      }
      if (same) return form;
    }
    return null;
  }

  /** Rule 3 at token i: a word that is a multi-word term without its separators. */
  private matchJoined(i: number, lower: string, joined: TermForm, distance: number): void {
    if (this.isWord(lower)) return;
    this.near(i - 2, i + 2);
    const { text, tokens } = this;
    const tk = tokens[i];
    // With a typo besides ("suostraitant"), a misspelling of the term at that distance.
    this.findings.push({
      start: tk.start, end: tk.end, word: text.slice(tk.start, tk.end), code: distance > 0 ? 'glossaire.misspelled-term' : 'glossaire.compound', severity: 'warning',
      entryId: joined.entry.id, suggestions: [replacementFor(text, tokens, i, i, joined, this.nfd)], ...(distance > 0 ? { distance } : {}),
    });
    this.findingAt.push(i);
  }

  /** Rule 2 at token i (a word with fuzzy candidates); returns the last token consumed. */
  private matchFuzzy(i: number, info: WordInfo): number {
    let from = i - 3;
    let to = i + 3;
    for (const { target } of info.candidates) {
      from = Math.min(from, i - target.word - 1);
      to = Math.max(to, i - target.word + target.form.folded.length);
    }
    this.near(from, to);
    const { text, tokens, findings, occurrences, findingAt, occurrenceAt } = this;
    const tk = tokens[i];
    // Names and acronyms are not typos, but a line in capitals is made of words.
    const alone = info.guarded || !mayBeTypo(tk.text, upperAround(text, tokens, i, this.headings, this.acronymAt));
    const fuzzy = fuzzyFinding(text, tokens, i, info, this.foldedAt, this.nfd, alone || info.hyphenAnchor === true || info.spaceAnchor === true, this.english, this.isWord);
    if (!fuzzy) return i;
    // A multi-word fix may start on words already taken as an occurrence ("cloud computting").
    const f = fuzzy.finding;
    let takenFrom = i;
    while (occurrences.length > 0 && occurrences[occurrences.length - 1].end > f.start) {
      occurrences.pop();
      takenFrom = Math.min(takenFrom, occurrenceAt.pop()!);
    }
    while (findings.length > 0 && findings[findings.length - 1].end > f.start) {
      findings.pop();
      takenFrom = Math.min(takenFrom, findingAt.pop()!);
    }
    if (takenFrom < i) this.takeBacks.push(takenFrom, i);
    findings.push(f);
    findingAt.push(i);
    return fuzzy.lastToken;
  }
}

/**
 * The lazy "a capital word among capitals" test that `mayBeTypo` takes, for token i. Made
 * here rather than in the loop: a closure over the loop's `i` would give every iteration of
 * the analysis its own heap-allocated scope.
 */
function upperAround(text: string, tokens: Token[], i: number, headings: LineMemo, acronymAt: (k: number) => boolean): () => boolean {
  return () => inUpperContext(text, tokens, i, acronymAt) || inCapitalHeading(text, tokens[i].start, headings);
}
