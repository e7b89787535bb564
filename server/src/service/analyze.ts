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
 *    capitals); a hyphenated term written with a space → `compound`.
 * 2. Otherwise, words of 4+ letters are looked up in the deletion index. The tolerance is the
 *    term's: one edit for terms of 5–7 letters, two from 8 (`maxDistanceFor` of the indexed
 *    word), so "ofshre" is "offshore" and "clud" is "cloud". A candidate is kept only if the
 *    word is not a French word, with or without its accents ("repartition" is "répartition",
 *    the lexicon guard, consulted only now, so it loads lazily), is not the term plus an
 *    English ending ("cloudy", "offshored"), is not shaped like a name ("iCloud", "OVHcloud")
 *    or a short acronym ("CLUD"), and, for a word of a multi-word term, if the neighbouring
 *    words complete the term. Ranking: most words, distance, same first letter, same last
 *    letter (plurals stay plural), the term itself before its forms.
 * 3. A word equal to a multi-word term with its separators removed ("soustraitance") →
 *    `compound`.
 * Fixes keep the writer's case word by word, separators (’ or ', which hyphen), emphasis
 * markers inside words and Unicode normalisation (NFD notes get NFD fixes).
 * Severity follows confidence: known misspellings, compounds, accents, typos of 6+ letters at
 * distance 1 and typos with their multi-word context → warning; short or two-edit guesses,
 * ambiguous ones and acronyms merely written in capitals → information. A note written without
 * accents (≤ 2 % of its words accented) gets one note-level finding for all its unaccented terms.
 * Nothing ever overlaps: a match consumes its words. Results per distinct word are memoised on
 * the glossary (wordTable.ts), so a repeated word costs one hash probe.
 */

import { FormKind, FuzzyTarget, Glossary, maxDistanceFor, TermForm } from './glossary';
import { Lexicon } from './lexicon';
import { Gap, scanMarkdown, scanTokens, Token, TokenBuffer, TokenFlag } from './markdown';
import { applyCase, fold, isAllUpper, isCapitalized } from './text';
import { WordEntry, WordKind, WordTable } from './wordTable';

/** Stable diagnostic codes. */
export type FindingCode =
  | 'glossaire.known-misspelling'
  | 'glossaire.misspelled-term'
  | 'glossaire.missing-accent'
  | 'glossaire.compound'
  | 'glossaire.acronym-case'
  | 'glossaire.unaccented-note';

/** All finding codes, for configuration and documentation. */
export const FINDING_CODES: FindingCode[] = [
  'glossaire.known-misspelling',
  'glossaire.misspelled-term',
  'glossaire.missing-accent',
  'glossaire.compound',
  'glossaire.acronym-case',
  'glossaire.unaccented-note',
];

/** LSP-like severities. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit on offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A misspelled glossary term. */
export interface Finding {
  /** UTF-16 offsets of the flagged text (the word itself, not an elided article). */
  start: number;
  end: number;
  /** The flagged text as written. */
  word: string;
  code: FindingCode;
  severity: Severity;
  /** Id of the concept the word should be. */
  entryId: string;
  /** Replacements for [start, end), best first, in the writer's case. */
  suggestions: string[];
  /** Edit distance of the first suggestion (fuzzy matches only). */
  distance?: number;
  /** For a note-level finding: all the edits its fix applies. */
  edits?: OffsetEdit[];
}

/** A correct occurrence of a concept. */
export interface Occurrence {
  start: number;
  end: number;
  entryId: string;
  kind: FormKind;
}

/** Options of `analyzeText`. */
export interface AnalyzeOptions {
  /** The French lexicon, or a function that loads it on first use. */
  lexicon: Lexicon | (() => Lexicon);
  /** Words never flagged (any case). */
  ignoreWords?: Iterable<string>;
  /** Severity per code, or 'off'. */
  severities?: Partial<Record<FindingCode, Severity | 'off'>>;
}

/** Everything the core knows about a note. */
export interface Analysis {
  findings: Finding[];
  occurrences: Occurrence[];
}

const enum Match {
  Exact,
  Misspelling,
  Accent,
  Compound,
  AcronymCase,
}

interface WordInfo {
  candidates: { target: FuzzyTarget; distance: number }[];
  joined?: TermForm;
  /**
   * The word is a French word without its accents, or a term with an English ending: only its
   * multi-word candidates stand (the other words are the evidence).
   */
  guarded?: boolean;
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
  const run = new MatchRun(text, buf, ids, table.entries, glossary, rules, undefined, false, (buf.anyFlags & TokenFlag.Decomposed) !== 0);
  run.match(0, n);
  return finishAnalysis(run.findings, run.occurrences, run.words, run.accentedWords, options.severities);
}

/** What the rules need besides the note: the words to ignore and the lexicon guard. */
export interface RuleInputs {
  ignore: Set<string>;
  isWord: (lower: string) => boolean;
  getLexicon: () => Lexicon;
}

/** The rules' inputs for one analysis (the lexicon is loaded on first use). */
export function getRuleInputs(options: AnalyzeOptions, ignoredWords: string[]): RuleInputs {
  let lexicon: Lexicon | undefined = typeof options.lexicon === 'function' ? undefined : options.lexicon;
  const getLexicon = (): Lexicon => (lexicon ??= (options.lexicon as () => Lexicon)());
  const isWord = (lower: string): boolean => getLexicon().has(lower);
  const ignore = new Set<string>();
  for (const w of options.ignoreWords ?? []) ignore.add(w.normalize('NFC').toLowerCase());
  for (const w of ignoredWords) ignore.add(w.normalize('NFC').toLowerCase());
  return { ignore, isWord, getLexicon };
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
    /** Whether a token is written with combining marks, when the caller knows. */
    nfd?: boolean,
  ) {
    this.ignore = rules.ignore;
    this.isWord = rules.isWord;
    this.getLexicon = rules.getLexicon;
    this.foldedAt = (k: number) => entries[ids[k]].folded;
    const table = glossary.memo.words as WordTable<WordInfo> | undefined;
    if (!table || table.entries !== entries) throw new Error('MatchRun: entries are not the glossary word table\'s');
    this.table = table;
    if (nfd === undefined) {
      nfd = false;
      for (let k = 0; k < buf.count; k++) if (buf.flags[k] & TokenFlag.Decomposed) nfd = true;
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
        info = getWordInfo(this.glossary, word.folded, word.lower, this.isWord, this.getLexicon);
        table.setInfo(id, info, info.joined !== undefined || info.candidates.length > 0);
      }
      if (info.joined) {
        this.matchJoined(i, word.lower, info.joined);
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
    const m = bestFormMatch(text, tokens, i, list, this.foldedAt, this.isWord, this.headings);
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
      const want = form.joiners[k - 1];
      const got = buf.gap[t];
      if (got !== want && !(want === Gap.Hyphen && got === Gap.Space)) return false;
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
  private matchJoined(i: number, lower: string, joined: TermForm): void {
    if (this.isWord(lower)) return;
    this.near(i - 2, i + 2);
    const { text, tokens } = this;
    const tk = tokens[i];
    this.findings.push({
      start: tk.start, end: tk.end, word: text.slice(tk.start, tk.end), code: 'glossaire.compound', severity: 'warning',
      entryId: joined.entry.id, suggestions: [replacementFor(text, tokens, i, i, joined, this.nfd)],
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
    const fuzzy = fuzzyFinding(text, tokens, i, info, this.foldedAt, this.nfd, alone);
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
function getWordInfo(glossary: Glossary, key: string, lower: string, isWord: (lower: string) => boolean, getLexicon: () => Lexicon): WordInfo {
  const info: WordInfo = { candidates: [] };
  const joined = glossary.joined.get(key);
  if (joined) info.joined = joined;
  // A French word gets no candidates whatever the look-up finds (below). With a big glossary
  // the lexicon's answer is the cheaper one to get first (a few lines of one stretch, against
  // dozens of probes of a table of millions of variants); a small glossary's filter is cheaper.
  else if (!glossary.fuzzy.small && isWord(lower)) return info;
  else {
    // The term's own tolerance decides (see the header); the search goes as deep as needed.
    const found = glossary.fuzzy.lookup(key, searchDepth).filter((f) => f.distance <= maxDistanceFor(f.key.length) &&
      !(f.distance >= 2 && f.value.form.folded.length === 1 && isSiblingCompound(key, f.key, isWord)));
    if (found.length > 0 && !isWord(lower)) {
      info.candidates = found.map((f) => ({ target: f.value, distance: f.distance }));
      info.guarded = found.some((f) => isDerivedWord(key, f.key)) || hasAccentedVariant(lower, getLexicon());
    }
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
      if (want === Gap.Hyphen && got === Gap.Space) compound = true;
      else { ok = false; break; }
    }
    if (!ok) continue;
    const kind = classify(text, tokens, i, form, compound, isWord, headings);
    if (kind === undefined) continue;
    if (!best || kind < best.kind || len > best.form.folded.length) best = { form, kind };
    if (kind === Match.Exact) break;
  }
  return best;
}

function classify(text: string, tokens: Token[], i: number, form: TermForm, compound: boolean, isWord: (lower: string) => boolean, headings: LineMemo): Match | undefined {
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
  return Match.Accent;
}

/** True when the words around token i are upper-case too (a heading in capitals). */
function inUpperContext(tokens: Token[], i: number): boolean {
  let upper = 0;
  for (const k of [i - 2, i - 1, i + 1, i + 2]) {
    const tk = tokens[k];
    if (!tk || tk.text.length < 2) continue;
    if (k < i ? tokens[k + 1].gapBefore === Gap.Break && k === i - 1 : tk.gapBefore === Gap.Break && k === i + 1) continue;
    if (isAllUpper(tk.text)) upper++;
    else return false;
  }
  return upper > 0;
}

/** True when `offset` lies in an ATX heading without lower-case letters ("## SAAS"). */
function inCapitalHeading(text: string, offset: number, l: LineMemo): boolean {
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
class LineMemo {
  text = '';
  start = 0;
  end = -1;
  firstNonSpace = 0;
  upper = false;
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

/**
 * The text that replaces tokens[first..last] with `target`, in the writer's form: case word by
 * word ("Cloud Computting" → "Cloud Computing", "CloudComputing" → "Cloud Computing"), the
 * writer's separators where they are of the right kind (’ stays ’, a line break stays), emphasis
 * markers inside words ("S**ervise" → "S**ervice") and NFD when the note is NFD.
 */
function replacementFor(text: string, tokens: Token[], first: number, last: number, target: TermForm, nfd: boolean): string {
  const count = last - first + 1;
  const words = target.textWords;
  const written = tokens.slice(first, last + 1).map((tk) => tk.text);
  const letters = written.join('');
  let cased: string[];
  if (target.caseSensitive) cased = words;
  else if (letters.length > 1 && isAllUpper(letters)) cased = words.map((w) => w.toUpperCase());
  else if (count === words.length) cased = words.map((w, k) => applyCase(written[k], w));
  else if (count === 1 && words.length > 1) cased = casePerSegment(written[0], words);
  else cased = words.map((w, k) => (k === 0 ? applyCase(written[0], w) : w));
  if (count === words.length) {
    cased = cased.map((w, k) => {
      const tk = tokens[first + k];
      return tk.flags & TokenFlag.HasMarkers ? withMarkers(text.slice(tk.start, tk.end).normalize('NFC'), w) : w;
    });
  }
  const own = target.separators;
  let out = cased[0];
  for (let k = 1; k < cased.length; k++) {
    let sep = own[k - 1];
    if (count === words.length && tokens[first + k].gapBefore === target.joiners[k - 1]) sep = text.slice(tokens[first + k - 1].end, tokens[first + k].start);
    out += sep + cased[k];
  }
  let decomposed = nfd;
  for (let k = first; k <= last; k++) if (tokens[k].flags & TokenFlag.Decomposed) decomposed = true;
  return decomposed ? out.normalize('NFD') : out;
}

/** Case of a joined word ("CloudComputing") carried over to the words it joins. */
function casePerSegment(joined: string, words: string[]): string[] {
  const lengths = words.map((w) => w.length);
  if (lengths.reduce((a, b) => a + b, 0) !== joined.length) return words.map((w, k) => (k === 0 ? applyCase(joined, w) : w));
  if (joined.length > 1 && isAllUpper(joined)) return words.map((w) => w.toUpperCase());
  let p = 0;
  return words.map((w) => {
    const segment = joined.slice(p, (p += w.length));
    return segment.length > 1 && isAllUpper(segment) ? applyCase(segment.charAt(0) + segment.slice(1).toLowerCase(), w) : applyCase(segment, w);
  });
}

/** Puts the emphasis markers of a written word back at the same letter positions. */
function withMarkers(raw: string, word: string): string {
  let out = '';
  let letter = 0;
  let w = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) {
      while (w < letter && w < word.length) out += word[w++];
      out += raw[i];
    } else letter++;
  }
  return out + word.slice(w);
}

/** Depth of the deletion search for a word: enough for any term the word may be a typo of. */
function searchDepth(length: number): number {
  return length < 4 ? 0 : length < 6 ? 1 : 2;
}

/**
 * False for words shaped like names or acronyms, never taken alone for typos: an inner capital
 * ("iCloud", "OVHcloud", "SharePoint") or a short word in capitals ("CLUD", "AWS") unless its
 * whole line is in capitals.
 */
function mayBeTypo(word: string, upperLine: () => boolean): boolean {
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
 */
function isSiblingCompound(word: string, key: string, isWord: (lower: string) => boolean): boolean {
  for (let head = 2; word.length - head >= 5; head++) {
    const tail = word.slice(head);
    if (key.length - tail.length >= 2 && key.endsWith(tail) && isWord(word.slice(0, head))) return true;
  }
  return false;
}

const ENGLISH_ENDINGS = ['ed', 'ing', 'y', 'ly'];

/** True when the word is the term with an English ending ("cloudy", "clouded"): not a typo. */
function isDerivedWord(word: string, key: string): boolean {
  return word.length > key.length && word.startsWith(key) && ENGLISH_ENDINGS.includes(word.slice(key.length));
}

const ACCENTED: Record<string, string[]> = {
  e: ['é', 'è', 'ê', 'ë'], a: ['à', 'â'], i: ['î', 'ï'], o: ['ô'], u: ['ù', 'û', 'ü'], c: ['ç'],
};

/**
 * True when the lexicon knows the word with one or two more accents ("repartition" →
 * "répartition", "deleguee" → "déléguée"): a French word written without its accents is not a
 * typo of a term. Only consulted for fuzzy candidates.
 */
function hasAccentedVariant(lower: string, lexicon: Lexicon): boolean {
  const at: number[] = [];
  for (let k = 0; k < lower.length; k++) if (ACCENTED[lower[k]]) at.push(k);
  const swap = (w: string, k: number, ch: string) => w.slice(0, k) + ch + w.slice(k + 1);
  for (const p of at) {
    for (const a of ACCENTED[lower[p]]) {
      const one = swap(lower, p, a);
      if (lexicon.has(one)) return true;
    }
  }
  if (at.length > 12) return false;
  for (let x = 0; x < at.length; x++) {
    for (let y = x + 1; y < at.length; y++) {
      for (const a of ACCENTED[lower[at[x]]]) {
        const one = swap(lower, at[x], a);
        for (const b of ACCENTED[lower[at[y]]]) if (lexicon.has(swap(one, at[y], b))) return true;
      }
    }
  }
  return false;
}

/** Verifies fuzzy candidates in context and builds the finding for token i. */
function fuzzyFinding(
  text: string,
  tokens: Token[],
  i: number,
  info: WordInfo,
  foldedAt: (k: number) => string,
  nfd: boolean,
  contextOnly: boolean,
): { finding: Finding; lastToken: number } | undefined {
  type Cand = { form: TermForm; first: number; last: number; distance: number };
  const verified: Cand[] = [];
  for (const { target, distance } of info.candidates) {
    const { form, word } = target;
    if (contextOnly && form.folded.length === 1) continue;
    const first = i - word;
    const last = first + form.folded.length - 1;
    if (first < 0 || last >= tokens.length) continue;
    let ok = true;
    for (let k = 0; k < form.folded.length && ok; k++) {
      const idx = first + k;
      if (idx === i) continue;
      ok = foldedAt(idx) === form.folded[k] && !(tokens[idx].flags & TokenFlag.HasDigit);
    }
    for (let k = 1; k < form.folded.length && ok; k++) {
      const gap = tokens[first + k].gapBefore;
      ok = gap === form.joiners[k - 1] || (form.joiners[k - 1] === Gap.Hyphen && gap === Gap.Space);
    }
    if (ok) verified.push({ form, first, last, distance });
  }
  if (verified.length === 0) return undefined;
  const key = foldedAt(i);
  const wordOf = (c: Cand) => c.form.folded[i - c.first];
  // Rank: most words (context is evidence), then distance, same first letter, agreement with
  // the determiner before ("les prestatairs" → plural, "l'offshors" → singular), the longest
  // shared beginning and end ("traitanc" → "traitance", "prestatairs" → "prestataires"), the term
  // itself, the nearest length.
  const agrees = (c: Cand) => {
    const number = determinerNumber(tokens, c.first);
    return number === undefined ? 0 : Number(isPluralForm(c.form) === (number === 'plural'));
  };
  verified.sort(
    (a, b) =>
      b.form.folded.length - a.form.folded.length ||
      a.distance - b.distance ||
      Number(wordOf(b)[0] === key[0]) - Number(wordOf(a)[0] === key[0]) ||
      agrees(b) - agrees(a) ||
      sharedAffixes(wordOf(b), key) - sharedAffixes(wordOf(a), key) ||
      Number(b.form.kind === FormKind.Term) - Number(a.form.kind === FormKind.Term) ||
      Math.abs(wordOf(a).length - key.length) - Math.abs(wordOf(b).length - key.length),
  );
  const best = verified[0];
  const sameSpan = verified.filter((c) => c.first === best.first && c.last === best.last);
  const start = tokens[best.first].start;
  const end = tokens[best.last].end;
  const suggestions: string[] = [];
  for (const c of sameSpan) {
    const s = replacementFor(text, tokens, c.first, c.last, c.form, nfd);
    if (!suggestions.includes(s)) suggestions.push(s);
  }
  // Confidence: context, one edit in a long word, two in a very long one → warning.
  const ambiguous = sameSpan.some((c) => c.distance === best.distance && c.form.entry !== best.form.entry);
  // A capital inside a sentence may make it a name ("le projet Offshora"): weaker.
  const name = isCapitalized(tokens[i].text) && !startsSentence(text, tokens[i].start);
  let severity: Severity = 'information';
  if (best.form.folded.length > 1) severity = 'warning';
  else if (!ambiguous && !name && (best.distance <= 1 ? key.length >= 6 : key.length >= 10)) severity = 'warning';
  return {
    finding: {
      start,
      end,
      word: text.slice(start, end),
      code: 'glossaire.misspelled-term',
      severity,
      entryId: best.form.entry.id,
      suggestions: suggestions.slice(0, 5),
      distance: best.distance,
    },
    lastToken: Math.max(i, best.last),
  };
}

/**
 * True when the word at `offset` starts a sentence, a line, a list item, a heading or a table
 * cell (markup and list numbers before it do not count); an elided article before it counts as
 * the word ("L’Externalisation").
 */
function startsSentence(text: string, offset: number): boolean {
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
function determinerNumber(tokens: Token[], k: number): 'plural' | 'singular' | undefined {
  const prev = tokens[k - 1];
  if (!prev || tokens[k].gapBefore === Gap.Break || tokens[k].gapBefore === Gap.Hyphen) return undefined;
  const w = prev.text.toLowerCase();
  return PLURAL_DETERMINERS.has(w) ? 'plural' : SINGULAR_DETERMINERS.has(w) ? 'singular' : undefined;
}

/** True for a form that is its entry's term with an -s or -x added to a word. */
function isPluralForm(form: TermForm): boolean {
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
function sharedAffixes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a[p] === b[p]) p++;
  let s = 0;
  while (s < n - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return p + s;
}

