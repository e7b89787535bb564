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
 * 2. Otherwise, words of 3+ letters are looked up in the deletion index. The tolerance is the
 *    term's: one edit for terms of 5–7 letters, two from 8 (`maxDistanceFor` of the indexed
 *    word), so "ofshre" is "offshore" and "clud" is "cloud"; one edit for a 3–4 letter word of
 *    a multi-word term, with the term's other words around it ("sosu-traitance"). When the word
 *    is a term's word exactly, one other word of the term may carry the typo ("cehf de
 *    projet"); a French word anchors that only through the term's hyphen ("sou-traitance"). An
 *    English word in English context is no typo of a one-word French term ("Internet Protocol";
 *    the bilingual guard, english.ts). A candidate is kept only if the
 *    word is not a French word, with or without its accents ("repartition" is "répartition",
 *    the lexicon guard, consulted only now, so it loads lazily), is not the term plus an
 *    English ending ("cloudy", "offshored"), is not shaped like a name ("iCloud", "OVHcloud")
 *    or a short acronym ("CLUD"), and, for a word of a multi-word term, if the neighbouring
 *    words complete the term. Ranking: most words, distance, same first letter, same last
 *    letter (plurals stay plural), the same letters swapped, the words written alike, the term
 *    itself before its forms.
 * 3. A word equal to a multi-word term with its separators removed ("soustraitance") →
 *    `compound`.
 * Fixes keep the writer's case word by word, separators (’ or ', which hyphen), emphasis
 * markers inside words and the Unicode form of the words they replace (replace.ts).
 * Severity follows confidence: known misspellings, compounds, accents, typos of 6+ letters at
 * distance 1 and typos with their multi-word context → warning; short or two-edit guesses,
 * ambiguous ones and acronyms merely written in capitals → information. A note written without
 * accents (≤ 2 % of its words accented) gets one note-level finding for all its unaccented terms.
 * Nothing ever overlaps: a match consumes its words. Results per distinct word are memoised on
 * the glossary (wordTable.ts), so a repeated word costs one hash probe.
 */

import { EnglishGuard, isEnglishTerm, isEnglishUse } from './english';
import { hasAccentedVariant, inCapitalHeading, inUpperContext, isDerivedWord, isSiblingCompound, LineMemo, mayBeTypo } from './french';
import { FormKind, Glossary, TermForm } from './glossary';
import { Analysis, AnalyzeOptions, Finding, FindingCode, Occurrence, Severity } from './model';
import { Lexicon } from './lexicon';
import { scanTokens, Token, TokenBuffer, TokenFlag } from './markdown';
import { joinedTypo } from './fuzzyJoined';
import { fuzzyFinding, gapFits, iqueCandidates, searchDepth, toleranceFor, WordInfo } from './ranking';
import { replacementFor } from './replace';
import { fold, isAllUpper } from './text';
import { WordEntry, WordKind, WordTable } from './wordTable';

export { FINDING_CODES } from './model';
export type { Analysis, AnalyzeOptions, Finding, FindingCode, OffsetEdit, Occurrence, Severity } from './model';

const enum Match {
  Exact,
  Misspelling,
  Accent,
  Compound,
  AcronymCase,
}


const MAX_CACHE = 200_000;

/**
 * The glossary's memo of distinct words (see wordTable.ts), kept in the glossary's own memo
 * (`Glossary.memo.words`), emptied first when it has grown past its bound (which makes the
 * word ids of earlier analyses invalid: see `WordTable.generation`).
 */
export function getWordTable(glossary: Glossary): WordTable<WordInfo> {
  let table = glossary.memo.words as WordTable<WordInfo> | undefined;
  if (!table) glossary.memo.words = table = new WordTable<WordInfo>(glossary.byFirstWord);
  else if (table.size > MAX_CACHE) table.clear();
  return table;
}

/** The longest form of the glossary, in words (how far the rules look around a word). */
export function getLongestForm(glossary: Glossary): number {
  let longest = glossary.memo.longestForm;
  if (longest === 0) {
    longest = 1;
    for (const list of glossary.byFirstWord.values()) for (const form of list) longest = Math.max(longest, form.folded.length);
    glossary.memo.longestForm = longest;
  }
  return longest;
}

/**
 * Buffers and memos that successive analyses reuse, owned by one service
 * (`createGlossaireService`) or made for one call. Not shared by two analyses running at once:
 * a buffer is taken while in use, and a nested analysis, if there ever were one, gets its own.
 */
export class AnalysisScratch {
  /** The token buffer of full analyses (undefined while one runs). */
  tokens: TokenBuffer | undefined = new TokenBuffer();
  /** The window buffers of incremental updates (incremental.ts). */
  readonly window = { tokens: new TokenBuffer(512), ids: new Int32Array(512), decided: new Uint8Array(512) };
  /** Per options object: its cache key and its rule inputs (incremental.ts). */
  readonly optionKeys = new WeakMap<AnalyzeOptions, { ignoreWords: AnalyzeOptions['ignoreWords']; severities: AnalyzeOptions['severities']; key: string }>();
  readonly ruleInputs = new WeakMap<AnalyzeOptions, { ignoredWords: string[]; ignoreWords: AnalyzeOptions['ignoreWords']; inputs: RuleInputs }>();
}

/**
 * Finds the glossary's concepts and the misspellings of its terms in a Markdown note.
 * @param text the note (any line endings, NFC or NFD).
 *
 * Speed (see markdown.ts and wordTable.ts): the words are scanned into typed arrays and each is
 * matched to its entry in the glossary's word memo by hash as it is read, so a word costs a
 * probe, not a string. `Token` objects, which the rules below take, are only made around the
 * words that start a form or have fuzzy candidates (`near`), never for the whole note.
 */
export function analyzeText(text: string, glossary: Glossary, options: AnalyzeOptions, scratch?: AnalysisScratch): Analysis {
  const buf = scratch?.tokens ?? new TokenBuffer();
  if (scratch) scratch.tokens = undefined;
  try {
    return analyzeTokens(text, buf, glossary, options);
  } finally {
    buf.words = undefined; // the buffer must not keep an old glossary's memo alive
    if (scratch) scratch.tokens = buf;
  }
}

function analyzeTokens(text: string, buf: TokenBuffer, glossary: Glossary, options: AnalyzeOptions): Analysis {
  const table = getWordTable(glossary);
  // The scan looks each word up in the memo as it reads it.
  const { ignoredWords } = scanTokens(text, buf, table);
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
 * The Unicode form of a note, which a fix of a word without accents takes (a word with accents
 * keeps its own, replace.ts): NFD when some words are written with combining marks and at
 * least as many as with composed letters (a mostly NFC note with a pasted NFD word stays NFC).
 */
export function isNfdNote(decomposed: number, composed: number): boolean {
  return decomposed > 0 && decomposed >= composed;
}

/** isNfdNote of the scanned words. */
function nfdNote(buf: TokenBuffer): boolean {
  let decomposed = 0;
  let composed = 0;
  for (let k = 0; k < buf.count; k++) {
    if (buf.flags[k] & TokenFlag.Decomposed) decomposed++;
    else if (buf.flags[k] & TokenFlag.NonAscii) composed++;
  }
  return isNfdNote(decomposed, composed);
}

/** What the rules need besides the note: the words to ignore and the lexicon guards. */
export interface RuleInputs {
  ignore: Set<string>;
  isWord: (lower: string) => boolean;
  getLexicon: () => Lexicon;
  /** The bilingual guard, when the options give an English list. */
  english?: EnglishGuard;
}

/** The rules' inputs for one analysis (the lexicon is loaded on first use). */
export function getRuleInputs(options: AnalyzeOptions, ignoredWords: string[]): RuleInputs {
  let lexicon: Lexicon | undefined = typeof options.lexicon === 'function' ? undefined : options.lexicon;
  const getLexicon = (): Lexicon => (lexicon ??= (options.lexicon as () => Lexicon)());
  const isWord = (lower: string): boolean => getLexicon().has(lower);
  const ignore = new Set<string>();
  for (const w of options.ignoreWords ?? []) ignore.add(w.normalize('NFC').toLowerCase());
  for (const w of ignoredWords) ignore.add(w.normalize('NFC').toLowerCase());
  let english: EnglishGuard | undefined;
  const source = options.english;
  if (source) {
    let list: Lexicon | undefined = typeof source === 'function' ? undefined : source;
    const getEnglish = (): Lexicon => (list ??= (source as () => Lexicon)());
    english = { english: { has: (w) => getEnglish().has(w), get size() { return getEnglish().size; } }, isFrench: isWord };
  }
  return { ignore, isWord, getLexicon, english };
}

/**
 * The note-level steps after the rules: the unaccented-note finding and the severity settings.
 * Mutates the findings' severities (give it copies to keep the originals).
 * @param words words the rules looked at (digits left out); accentedWords those with accents.
 */
export function finishAnalysis(
  findings: Finding[],
  occurrences: Occurrence[],
  words: number,
  accentedWords: number,
  severities: AnalyzeOptions['severities'],
): Analysis {
  let result = findings;
  // A note written without accents (hardly any accented word): one note-level finding instead
  // of one per word. French prose has accents on about one word in eight.
  if (words >= 30 && accentedWords * 50 <= words) {
    const accents = findings.filter((f) => f.code === 'glossaire.missing-accent');
    if (accents.length > 0) {
      result = findings.filter((f) => f.code !== 'glossaire.missing-accent');
      const first = accents[0];
      result.push({
        ...first,
        code: 'glossaire.unaccented-note',
        severity: 'information',
        edits: accents.map((f) => ({ start: f.start, end: f.end, newText: f.suggestions[0] })),
        distance: accents.length,
      });
      result.sort((a, b) => a.start - b.start);
    }
  }
  const sev = severities;
  if (sev) {
    result = result.filter((f) => sev[f.code] !== 'off');
    for (const f of result) {
      const s = sev[f.code];
      if (s && s !== 'off') f.severity = s;
    }
  }
  return { findings: result, occurrences };
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
  private readonly table: WordTable<WordInfo>;
  /** This pass's memo of the last line looked at (it dies with the pass, and so does its text). */
  readonly headings = new LineMemo();

  readonly ignore: Set<string>;
  readonly isWord: (lower: string) => boolean;
  readonly getLexicon: () => Lexicon;
  readonly english: EnglishGuard | undefined;

  /**
   * @param decided where given, gets 1 at every token where the loop decided (a word not
   * taken by the previous match), 0 elsewhere.
   */
  constructor(
    readonly text: string,
    readonly buf: TokenBuffer,
    readonly ids: Int32Array,
    readonly entries: WordEntry<WordInfo>[],
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
    this.foldedAt = (k: number) => entries[ids[k]].folded;
    const table = glossary.memo.words as WordTable<WordInfo> | undefined;
    if (!table || table.entries !== entries) throw new Error('MatchRun: entries are not the glossary word table\'s');
    this.table = table;
    if (nfd === undefined) {
      nfd = false;
      nfd = nfdNote(buf);
    }
    this.nfd = nfd;
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
      if (kind === 0 && !ignoring) continue;
      const word = entries[id];
      if (ignoring && ignore.has(word.lower)) continue;

      // 1. Forms that start with this word.
      if (kind & WordKind.Forms) {
        const next = this.matchForms(i, word.forms!);
        if (next >= 0) {
          i = next;
          continue;
        }
      }

      // 2–3. Typos of terms: fuzzy and joined compounds.
      if ((kind & (WordKind.Unknown | WordKind.Candidates)) === 0) continue;
      let info = word.info;
      if (info === undefined) {
        info = getWordInfo(this.glossary, word.folded, word.lower, this.isWord, this.getLexicon, this.english);
        table.setInfo(id, info, info.joined !== undefined || info.candidates.length > 0);
      }
      if (info.joined) {
        this.matchJoined(i, word.lower, info.joined, info.joinedDistance ?? 0);
        continue;
      }
      if (info.candidates.length === 0) continue;
      i = this.matchFuzzy(i, info);
    }
    this.words += words;
    this.accentedWords += accentedWords;
    return i;
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
    const word = this.entries[this.ids[i]];
    let exact: TermForm | null;
    if (fitting === 1) {
      if (word.exact === undefined) word.exact = exactFormOf(word.text, word.lower, list);
      exact = word.exact;
    } else exact = this.exactFormAt(i, list, fitting);
    if (exact) {
      this.occurrences.push({ start: buf.start[i], end: buf.end[i + fitting - 1], entryId: exact.entry.id, kind: exact.kind });
      this.occurrenceAt.push(i);
      return i + fitting - 1;
    }
    // bestFormMatch reads the words of every form of the list (up to its first mismatch).
    this.near(i - 2, i + Math.max(longest, 3));
    const tokens = this.tokens;
    const m = bestFormMatch(text, tokens, i, list, this.foldedAt, this.isWord, this.headings, this.english);
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
    const alone = info.guarded || !mayBeTypo(tk.text, upperAround(text, tokens, i, this.headings));
    const fuzzy = fuzzyFinding(text, tokens, i, info, this.foldedAt, this.nfd, alone || info.hyphenAnchor === true, this.english, this.isWord);
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
 * What the fuzzy and joined look-ups give for a word (memoised per distinct word by the loop).
 * A function of its own: a closure over the loop's variables would cost every word a scope.
 */
function getWordInfo(glossary: Glossary, key: string, lower: string, isWord: (lower: string) => boolean, getLexicon: () => Lexicon, english?: EnglishGuard): WordInfo {
  const info: WordInfo = { candidates: [] };
  const joined = glossary.joined.get(key);
  if (joined) info.joined = joined;
  // A French word gets no candidates whatever the look-up finds (below). With a big glossary
  // the lexicon's answer is the cheaper one to get first (a few lines of one stretch, against
  // dozens of probes of a table of millions of variants); a small glossary's filter is cheaper.
  else if (!glossary.fuzzy.small && isWord(lower)) return withHyphenAnchors(info, glossary, key);
  else {
    // The term's own tolerance decides (see the header); the search goes as deep as needed.
    const found = glossary.fuzzy.lookup(key, searchDepth).filter((f) => f.distance <= toleranceFor(f.key, f.value.form) &&
      !(f.distance >= 2 && f.value.form.folded.length === 1 && isSiblingCompound(key, f.key, isWord)));
    const ique = iqueCandidates(key, glossary.fuzzy);
    const anchor = glossary.hyphenWords.has(key);
    if ((found.length > 0 || ique.length > 0 || anchor) && !isWord(lower)) {
      info.candidates = [...ique, ...found.map((f) => ({ target: f.value, distance: f.distance }))];
      const isEnglish = english && ((w: string) => english.english.has(w));
      info.guarded = found.some((f) => isDerivedWord(key, f.key, isEnglish)) || hasAccentedVariant(lower, getLexicon());
    } else if (anchor) withHyphenAnchors(info, glossary, key);
    else {
      // A multi-word term written as one word with a typo ("suostraitant"): no French word.
      const welded = joinedTypo(glossary, key);
      if (welded && !isWord(lower) && !hasAccentedVariant(lower, getLexicon())) {
        info.joined = welded.form;
        info.joinedDistance = welded.distance;
      }
    }
  }
  return info;
}

/**
 * A French word that is a word of a hyphenated term ("traitance") gets that term as a
 * candidate at distance 0, taken only where the text joins it by the term's hyphen to words
 * within one edit of the term's other words, and the compound written is no French word
 * ("sou-traitance", not "co-traitance"): see fuzzyFinding.
 */
function withHyphenAnchors(info: WordInfo, glossary: Glossary, key: string): WordInfo {
  const anchors = glossary.hyphenWords.get(key);
  if (anchors) {
    info.candidates = anchors.map((target) => ({ target, distance: 0 }));
    info.hyphenAnchor = true;
  }
  return info;
}

/**
 * The lazy "a capital word among capitals" test that `mayBeTypo` takes, for token i. Made
 * here rather than in the loop: a closure over the loop's `i` would give every iteration of
 * the analysis its own heap-allocated scope.
 */
function upperAround(text: string, tokens: Token[], i: number, headings: LineMemo): () => boolean {
  return () => inUpperContext(tokens, i) || inCapitalHeading(text, tokens[i].start, headings);
}

/**
 * The form bestFormMatch finds Exact for a word when only one-word forms fit, or null: the
 * first one-word form of the list (in its order) that the word is, case-sensitively for
 * acronyms, case-insensitively otherwise. An exact match beats every other kind, so the other
 * forms' answers do not matter; words matching otherwise (capitals without accents…) take the
 * full path.
 */
function exactFormOf(written: string, lower: string, list: TermForm[]): TermForm | null {
  for (const form of list) {
    if (form.folded.length !== 1) continue;
    if (form.caseSensitive ? written === form.textWords[0] : form.kind !== FormKind.Misspelling && lower === form.lower[0]) return form;
  }
  return null;
}

interface FormMatch {
  form: TermForm;
  kind: Match;
}

/** The best form starting at token i: longest first, then exact > misspelling > accent > …. */
function bestFormMatch(
  text: string,
  tokens: Token[],
  i: number,
  list: TermForm[],
  foldedAt: (k: number) => string,
  isWord: (lower: string) => boolean,
  headings: LineMemo,
  english: EnglishGuard | undefined,
): FormMatch | undefined {
  let best: FormMatch | undefined;
  for (const form of list) {
    const len = form.folded.length;
    if (best && len < best.form.folded.length) break; // longest matches win; list is sorted
    if (i + len > tokens.length) continue;
    let compound = false;
    let ok = true;
    for (let k = 1; k < len; k++) {
      const tk = tokens[i + k];
      if (tk.flags & TokenFlag.HasDigit || foldedAt(i + k) !== form.folded[k]) { ok = false; break; }
      const want = form.joiners[k - 1];
      const got = tk.gapBefore;
      if (got === want) continue;
      if (gapFits(got, want)) compound = true;
      else { ok = false; break; }
    }
    if (!ok) continue;
    const kind = classify(text, tokens, i, form, compound, isWord, headings, english);
    if (kind === undefined) continue;
    // Among forms of one kind and length, the one written most alike ("Maitrise d'Oeuvre" is
    // "maîtrise d'oeuvre" without its accent, not "maîtrise d'œuvre").
    if (!best || kind < best.kind || len > best.form.folded.length ||
        (kind === best.kind && len === best.form.folded.length && sameWords(tokens, i, form) > sameWords(tokens, i, best.form))) best = { form, kind };
    if (kind === Match.Exact) break;
  }
  return best;
}

/** How many words from token i are written as the form's words (lower-case). */
function sameWords(tokens: Token[], i: number, form: TermForm): number {
  let n = 0;
  for (let k = 0; k < form.lower.length; k++) if (tokens[i + k].text.toLowerCase() === form.lower[k]) n++;
  return n;
}

function classify(
  text: string,
  tokens: Token[],
  i: number,
  form: TermForm,
  compound: boolean,
  isWord: (lower: string) => boolean,
  headings: LineMemo,
  english: EnglishGuard | undefined,
): Match | undefined {
  const len = form.folded.length;
  if (form.caseSensitive) {
    let same = true;
    for (let k = 0; k < len && same; k++) same = tokens[i + k].text === form.textWords[k];
    if (same) return Match.Exact;
    // Another case: flagged unless it is a French word ("si" is not "SI") or the line shouts.
    const word = tokens[i].text;
    if (len === 1 && (isWord(word.toLowerCase()) || word.length < 3)) return undefined;
    if (isAllUpper(word) && (inUpperContext(tokens, i) || inCapitalHeading(text, tokens[i].start, headings))) return undefined;
    if (form.lower.some((w, k) => tokens[i + k].text.toLowerCase() !== w)) return undefined;
    return Match.AcronymCase;
  }
  let sameLower = true;
  let capitalsWithoutAccents = true;
  const differing: string[] = [];
  for (let k = 0; k < len; k++) {
    const written = tokens[i + k].text;
    const l = written.toLowerCase();
    if (l !== form.lower[k]) {
      sameLower = false;
      differing.push(l);
      if (!(written.length > 1 && isAllUpper(written) && fold(written) === l)) capitalsWithoutAccents = false;
    }
  }
  // A known misspelling is one whatever its accents ("delocation"), unless that makes a French word.
  if (form.kind === FormKind.Misspelling) return sameLower || !differing.some((w) => isWord(w)) ? Match.Misspelling : undefined;
  if (sameLower) return compound ? Match.Compound : Match.Exact;
  // Capitals may go without their accents ("INFOGERANCE" in a heading): that is the term.
  if (capitalsWithoutAccents) return compound ? Match.Compound : Match.Exact;
  // Same letters, other accents: a French word spelt so is not a typo ("manage", "marche").
  if (differing.every((w) => isWord(w))) return undefined;
  // An English word in English context ("one iteration per week") is not the French term.
  if (english && len === 1 && !isEnglishTerm(form.lower, english.english) && isEnglishUse(text, tokens[i].start, tokens[i].end, english)) return undefined;
  return Match.Accent;
}


const CODES: Record<Match, FindingCode> = {
  [Match.Exact]: 'glossaire.known-misspelling',
  [Match.Misspelling]: 'glossaire.known-misspelling',
  [Match.Accent]: 'glossaire.missing-accent',
  [Match.Compound]: 'glossaire.compound',
  [Match.AcronymCase]: 'glossaire.acronym-case',
};

function makeFinding(text: string, tokens: Token[], first: number, last: number, m: FormMatch, nfd: boolean): Finding {
  const start = tokens[first].start;
  const end = tokens[last].end;
  const target = m.form.fix ?? m.form;
  // An acronym merely written in capitals ("SAAS") is a matter of style more than an error.
  const severity: Severity = m.kind === Match.AcronymCase && isAllUpper(tokens[first].text) ? 'information' : 'warning';
  return {
    start,
    end,
    word: text.slice(start, end),
    code: CODES[m.kind],
    severity,
    entryId: m.form.entry.id,
    suggestions: [replacementFor(text, tokens, first, last, target, nfd)],
  };
}

