/**
 * The matcher and typo finder: one pass over the words of a note that finds every occurrence
 * of a glossary concept and every misspelling of a glossary term, with ranked fixes.
 *
 * Rules, in order, for each word (see docs in README "Comment Glossaire décide"):
 * 1. Forms starting with this word (one hash look-up on the accent-folded word), longest first:
 *    exact → occurrence; a listed misspelling → `known-misspelling`; same letters but other
 *    accents → `missing-accent`; an acronym in another case → `acronym-case`; a hyphenated
 *    term written with a space → `compound`.
 * 2. Otherwise, words long enough for fuzzy matching (5+ letters) are looked up in the
 *    deletion index (distance 1 under 8 letters, 2 from 8). A candidate is kept only if the
 *    word is not a French word (the lexicon guard, consulted only now, so it loads lazily),
 *    and, for a word of a multi-word term, if the neighbouring words complete the term.
 * 3. A word equal to a multi-word term with its separators removed ("soustraitance") →
 *    `compound`.
 * Nothing ever overlaps: a match consumes its words. Results per distinct word are memoised on
 * the glossary, so repeated words cost one Map look-up.
 */

import { FormKind, FuzzyTarget, Glossary, maxDistanceFor, TermForm } from './glossary';
import { Lexicon } from './lexicon';
import { Gap, scanMarkdown, Token, TokenFlag } from './markdown';
import { applyCase, fold, isAllUpper } from './text';

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
}

const MAX_CACHE = 200_000;

/**
 * Finds the glossary's concepts and the misspellings of its terms in a Markdown note.
 * @param text the note (any line endings, NFC or NFD).
 */
export function analyzeText(text: string, glossary: Glossary, options: AnalyzeOptions): Analysis {
  const { tokens, ignoredWords } = scanMarkdown(text);
  let lexicon: Lexicon | undefined = typeof options.lexicon === 'function' ? undefined : options.lexicon;
  const isWord = (lower: string): boolean => {
    if (!lexicon) lexicon = (options.lexicon as () => Lexicon)();
    return lexicon.has(lower);
  };
  const ignore = new Set<string>();
  for (const w of options.ignoreWords ?? []) ignore.add(w.normalize('NFC').toLowerCase());
  for (const w of ignoredWords) ignore.add(w.normalize('NFC').toLowerCase());

  const findings: Finding[] = [];
  const occurrences: Occurrence[] = [];
  const folded: (string | undefined)[] = new Array(tokens.length);
  const foldedAt = (k: number) => (folded[k] ??= fold(tokens[k].text));
  let accented = false;
  const cache = glossary.wordCache as Map<string, WordInfo>;
  if (cache.size > MAX_CACHE) cache.clear();

  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const tk = tokens[i];
    if (!accented && hasNonAscii(tk.text)) accented = true;
    if (tk.flags & TokenFlag.HasDigit) continue;
    const lower = tk.text.toLowerCase();
    if (ignore.has(lower)) continue;
    const key = foldedAt(i);

    // 1. Forms that start with this word.
    const list = glossary.byFirstWord.get(key);
    if (list) {
      const m = bestFormMatch(tokens, i, list, foldedAt, isWord);
      if (m) {
        const last = tokens[i + m.form.folded.length - 1];
        const start = tk.start;
        const end = last.end;
        if (m.kind === Match.Exact) {
          occurrences.push({ start, end, entryId: m.form.entry.id, kind: m.form.kind });
        } else {
          const written = text.slice(start, end);
          if (!ignore.has(written.toLowerCase())) findings.push(makeFinding(text, tokens, i, i + m.form.folded.length - 1, m));
        }
        i += m.form.folded.length - 1;
        continue;
      }
    }

    // 2–3. Typos of terms: fuzzy and joined compounds.
    if (key.length < 5) continue;
    let info = cache.get(lower);
    if (info === undefined) {
      info = { candidates: [] };
      const joined = glossary.joined.get(key);
      if (joined) info.joined = joined;
      else {
        const found = glossary.fuzzy.lookup(key, maxDistanceFor);
        if (found.length > 0 && !isWord(lower)) info.candidates = found.map((f) => ({ target: f.value, distance: f.distance }));
      }
      cache.set(lower, info);
    }
    if (info.joined) {
      if (isWord(lower)) continue;
      findings.push(finding(tk, text, 'glossaire.compound', info.joined, [applyCase(tk.text, info.joined.text, info.joined.caseSensitive)], 'warning'));
      continue;
    }
    if (info.candidates.length === 0) continue;
    const fuzzy = fuzzyFinding(text, tokens, i, info, foldedAt);
    if (fuzzy) {
      // A multi-word fix may start on words already taken as an occurrence ("cloud computting").
      const f = fuzzy.finding;
      while (occurrences.length > 0 && occurrences[occurrences.length - 1].end > f.start) occurrences.pop();
      while (findings.length > 0 && findings[findings.length - 1].end > f.start) findings.pop();
      findings.push(f);
      i = fuzzy.lastToken;
    }
  }

  let result = findings;
  // A note written without any accent: one note-level finding instead of one per word.
  if (!accented && n >= 30) {
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
  const sev = options.severities;
  if (sev) {
    result = result.filter((f) => sev[f.code] !== 'off');
    for (const f of result) {
      const s = sev[f.code];
      if (s && s !== 'off') f.severity = s;
    }
  }
  return { findings: result, occurrences };
}

interface FormMatch {
  form: TermForm;
  kind: Match;
}

/** The best form starting at token i: longest first, then exact > misspelling > accent > …. */
function bestFormMatch(
  tokens: Token[],
  i: number,
  list: TermForm[],
  foldedAt: (k: number) => string,
  isWord: (lower: string) => boolean,
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
      if ((want === Gap.Hyphen && got === Gap.Space) || (want === Gap.Space && got === Gap.Hyphen && false)) compound = true;
      else { ok = false; break; }
    }
    if (!ok) continue;
    const kind = classify(tokens, i, form, compound, isWord);
    if (kind === undefined) continue;
    if (!best || kind < best.kind || len > best.form.folded.length) best = { form, kind };
    if (kind === Match.Exact) break;
  }
  return best;
}

function classify(tokens: Token[], i: number, form: TermForm, compound: boolean, isWord: (lower: string) => boolean): Match | undefined {
  const len = form.folded.length;
  if (form.caseSensitive) {
    let same = true;
    for (let k = 0; k < len && same; k++) same = tokens[i + k].text === form.textWords[k];
    if (same) return Match.Exact;
    // Another case: flagged unless it is a French word ("si" is not "SI") or the line shouts.
    const word = tokens[i].text;
    if (len === 1 && (isWord(word.toLowerCase()) || word.length < 3)) return undefined;
    if (isAllUpper(word) && inUpperContext(tokens, i)) return undefined;
    if (form.lower.some((w, k) => tokens[i + k].text.toLowerCase() !== w)) return undefined;
    return Match.AcronymCase;
  }
  let sameLower = true;
  const differing: string[] = [];
  for (let k = 0; k < len; k++) {
    const l = tokens[i + k].text.toLowerCase();
    if (l !== form.lower[k]) {
      sameLower = false;
      differing.push(l);
    }
  }
  if (form.kind === FormKind.Misspelling) return sameLower ? Match.Misspelling : undefined;
  if (sameLower) return compound ? Match.Compound : Match.Exact;
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

const CODES: Record<Match, FindingCode> = {
  [Match.Exact]: 'glossaire.known-misspelling',
  [Match.Misspelling]: 'glossaire.known-misspelling',
  [Match.Accent]: 'glossaire.missing-accent',
  [Match.Compound]: 'glossaire.compound',
  [Match.AcronymCase]: 'glossaire.acronym-case',
};

function makeFinding(text: string, tokens: Token[], first: number, last: number, m: FormMatch): Finding {
  const start = tokens[first].start;
  const end = tokens[last].end;
  const written = text.slice(start, end);
  const target = m.form.fix ?? m.form;
  const replacement = toWritersForm(written, tokens[first].text, target, tokens[first].flags);
  return {
    start,
    end,
    word: written,
    code: CODES[m.kind],
    severity: 'warning',
    entryId: m.form.entry.id,
    suggestions: [replacement],
  };
}

function finding(tk: Token, text: string, code: FindingCode, target: TermForm, suggestions: string[], severity: Severity): Finding {
  return {
    start: tk.start,
    end: tk.end,
    word: text.slice(tk.start, tk.end),
    code,
    severity,
    entryId: target.entry.id,
    suggestions: tk.flags & TokenFlag.Decomposed ? suggestions.map((s) => s.normalize('NFD')) : suggestions,
  };
}

/** The replacement in the writer's case and normalisation form. */
function toWritersForm(written: string, firstWord: string, target: TermForm, flags: number): string {
  const caseSource = isAllUpper(written.replace(/[^\p{L}]/gu, '')) && written.replace(/[^\p{L}]/gu, '').length > 1 ? written : firstWord;
  const out = applyCase(caseSource, target.text, target.caseSensitive);
  return flags & TokenFlag.Decomposed ? out.normalize('NFD') : out;
}

/** Verifies fuzzy candidates in context and builds the finding for token i. */
function fuzzyFinding(
  text: string,
  tokens: Token[],
  i: number,
  info: WordInfo,
  foldedAt: (k: number) => string,
): { finding: Finding; lastToken: number } | undefined {
  type Cand = { form: TermForm; first: number; last: number; distance: number };
  const verified: Cand[] = [];
  for (const { target, distance } of info.candidates) {
    const { form, word } = target;
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
  const tk = tokens[i];
  const key = foldedAt(i);
  // Rank: most words (context is evidence), then distance, same first letter, the term itself.
  verified.sort(
    (a, b) =>
      b.form.folded.length - a.form.folded.length ||
      a.distance - b.distance ||
      Number(b.form.folded[i - b.first][0] === key[0]) - Number(a.form.folded[i - a.first][0] === key[0]) ||
      Number(b.form.kind === FormKind.Term) - Number(a.form.kind === FormKind.Term) ||
      Math.abs(a.form.folded[i - a.first].length - key.length) - Math.abs(b.form.folded[i - b.first].length - key.length),
  );
  const best = verified[0];
  const sameSpan = verified.filter((c) => c.first === best.first && c.last === best.last);
  const start = tokens[best.first].start;
  const end = tokens[best.last].end;
  const written = text.slice(start, end);
  const suggestions: string[] = [];
  for (const c of sameSpan) {
    const s = toWritersForm(written, tokens[c.first].text, c.form, tk.flags);
    if (!suggestions.includes(s)) suggestions.push(s);
  }
  const longWord = key.length >= 10;
  const severity: Severity = best.distance <= 1 || longWord || best.form.folded.length > 1 ? 'warning' : 'information';
  return {
    finding: {
      start,
      end,
      word: written,
      code: 'glossaire.misspelled-term',
      severity,
      entryId: best.form.entry.id,
      suggestions: suggestions.slice(0, 5),
      distance: best.distance,
    },
    lastToken: Math.max(i, best.last),
  };
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}
