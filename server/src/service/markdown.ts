/**
 * Markdown-aware word scanner: one pass over the text that yields the words of the prose with
 * their exact source offsets, and skips what is not prose.
 *
 * Skipped: front matter (except its `title`), fenced and indented code, inline code, HTML tags
 * and comments, `<pre>`/`<code>`/`<script>`/`<style>` contents, autolinks and bare URLs,
 * e-mail addresses, dotted names (domains, file names), paths, link destinations, reference
 * definitions, hashtags, HTML entities, backslash escapes and identifiers with an inner `_`
 * ("niveau_service": CommonMark never reads an intraword `_` as emphasis).
 * Kept as prose: headings, lists, quotes, tables, emphasis, link texts, image alt texts,
 * footnote definitions.
 *
 * Design: block structure is found line by line (cheap `indexOf`), then a character-class
 * loop walks the prose; no regex runs per word. Emphasis markers inside a word are transparent
 * ("**S**ervice" is one word, "Service"), so a bold initial never splits a term.
 * Speed: the scan allocates nothing per word. Tokens go to a `TokenBuffer` (typed arrays:
 * offsets, gap, flags and a hash of the word's text computed on the way), and a word's text is
 * only built when someone asks for it: the analyser looks words up by hash and compares them
 * in place, so a repeated word costs no string at all. `scanMarkdown` builds the `Token`
 * objects from the same buffer, so both views always agree.
 */

import { blankLineAfter, CH_CR, CH_NL, CH_SPACE, CH_TAB, getProseSegments, IGNORE_BODY_RE, splitIgnoreList } from './blocks';
import { isCombiningMark } from './text';

// The block pass moved to blocks.ts; these names stay importable from here.
export { getProseSegments, isReferenceDefinition } from './blocks';

/** What separates a token from the previous one. */
export const enum Gap {
  /** First token, or nothing between (should not happen). */
  None = 0,
  /** Spaces or a single line break: words of one phrase. */
  Space = 1,
  /** A hyphen with no spaces around it ("sous-traitance"). */
  Hyphen = 2,
  /** An apostrophe ("l'infogérance", "système d'information"). */
  Apostrophe = 3,
  /** Punctuation, a blank line, skipped code or markup: no term spans it. */
  Break = 4,
}

/** Token flags. */
export const enum TokenFlag {
  HasDigit = 1,
  /** The source has combining marks: `text` was normalised to NFC. */
  Decomposed = 2,
  /** The source has emphasis markers inside the word. */
  HasMarkers = 4,
  /** Internal to `TokenBuffer`: the word has a non-ASCII character (never set on `Token`). */
  NonAscii = 8,
}

/** A word of the prose. */
export interface Token {
  /** Offset of the first character (UTF-16 code units). */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** The word's letters, NFC, without inner emphasis markers. */
  text: string;
  gapBefore: Gap;
  flags: number;
}

/** The result of scanning a note. */
export interface ScanResult {
  tokens: Token[];
  /** Words listed in `<!-- glossaire-ignore: w1, w2 -->` comments (as written). */
  ignoredWords: string[];
}


/** True for letters (any script), digits and combining marks. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (isCombiningMark(c)) return true;
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates: emoji and rare scripts end words
  return LETTER_RE.test(String.fromCharCode(c));
}
const LETTER_RE = /[\p{L}\p{M}\p{Nd}]/u;

function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_NL || c === CH_CR || c === 0xa0 || c === 0x202f || c === 0x2009;
}
function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc;
}
/** Emphasis and strikethrough markers, transparent between and inside words. */
function isMarker(c: number): boolean {
  return c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */;
}

// Character classes for the scanning loops: one table load per character instead of a chain
// of comparisons. Filled for Latin at load, and lazily (from the functions above) for the
// rest of the BMP, so that the answers are those functions' by construction. A constant table
// in all but its filling: an entry, once set, is the fixed class of its code unit (the
// functions above are pure), so no caller can observe when it was filled (filling the whole
// BMP at load would cost every process ~10 ms of regex tests).
const CC_WORD = 1, CC_COMBINING = 2, CC_DIGIT = 4, CC_SPACE = 8, CC_HYPHEN = 16, CC_APOSTROPHE = 32, CC_MARKER = 64, CC_KNOWN = 128;
// The high byte holds the TokenFlag bits a word character gives its word (digit, combining
// mark, non-ASCII), so that scanWord sets them without a branch.
const charClasses = new Uint16Array(0x10000);
function classify(c: number): number {
  const word = isWordChar(c);
  const tokenFlags = !word ? 0 : c >= 0x80 ? TokenFlag.NonAscii | (isCombiningMark(c) ? TokenFlag.Decomposed : 0) : c >= 48 && c <= 57 ? TokenFlag.HasDigit : 0;
  const k = CC_KNOWN | (word ? CC_WORD : 0) | (isCombiningMark(c) ? CC_COMBINING : 0) | (c >= 48 && c <= 57 ? CC_DIGIT : 0) |
    (isSpace(c) ? CC_SPACE : 0) | (isHyphen(c) ? CC_HYPHEN : 0) | (isApostrophe(c) ? CC_APOSTROPHE : 0) | (isMarker(c) ? CC_MARKER : 0) |
    (tokenFlags << 8);
  charClasses[c] = k;
  return k;
}
for (let c = 0; c < 0x250; c++) classify(c);
/** The class bits of a UTF-16 code unit. */
function classOf(c: number): number {
  const k = charClasses[c];
  return k === 0 ? classify(c) : k;
}
/** isWordChar through the table. */
function isWordCode(c: number): boolean {
  return (classOf(c) & CC_WORD) !== 0;
}

/**
 * Scans Markdown text and returns the prose words with their offsets.
 * @param text the note, any line endings, NFC or NFD.
 */
export function scanMarkdown(text: string): ScanResult {
  // Sized for the text (a glossary form is a few words; a note a word per ~8 characters).
  const { tokens: buf, ignoredWords } = scanTokens(text, new TokenBuffer(Math.max(8, text.length >> 3)));
  const tokens: Token[] = new Array(buf.count);
  for (let k = 0; k < buf.count; k++) {
    const flags = buf.flags[k];
    tokens[k] = { start: buf.start[k], end: buf.end[k], text: buf.textOf(text, k), gapBefore: buf.gap[k], flags: flags & ~TokenFlag.NonAscii };
  }
  return { tokens, ignoredWords };
}

/**
 * The words of a note in typed arrays: what `scanMarkdown` returns, without an object or a
 * string per word. `hash[k]` is `hashWord` of the word's text as the scan read it (inner
 * markers left out, before NFC normalisation of a decomposed word).
 */
export class TokenBuffer {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  gap: Uint8Array;
  flags: Uint8Array;
  /** The flags of every token pushed since the last clear, or-ed (is any word decomposed?). */
  anyFlags = 0;
  /**
   * Where scanTokens was given a word table: each token's id in it, or -1 for a word whose
   * text differs from its source (decomposed, inner markers), which the caller resolves.
   */
  id: Int32Array;
  words: WordProbe | undefined = undefined;

  constructor(capacity = 256) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.hash = new Int32Array(capacity);
    this.gap = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.id = new Int32Array(capacity);
  }

  /** Empties the buffer, keeping its memory. */
  clear(): void {
    this.count = 0;
    this.anyFlags = 0;
  }

  /** Appends a token. */
  push(text: string, start: number, end: number, gap: Gap, flags: number, hash: number): void {
    const k = this.count;
    if (k === this.start.length) this.grow(Math.max(16, k * 2));
    this.start[k] = start;
    this.end[k] = end;
    this.gap[k] = gap;
    this.flags[k] = flags;
    this.hash[k] = hash;
    this.anyFlags |= flags;
    this.id[k] = this.words === undefined || flags & (TokenFlag.Decomposed | TokenFlag.HasMarkers) ? -1 : this.words.idOf(text, start, end - start, hash);
    this.count = k + 1;
  }

  /** Makes room for `capacity` tokens. */
  reserve(capacity: number): void {
    if (capacity > this.start.length) this.grow(capacity);
  }

  private grow(size: number): void {
    const copy = <A extends Int32Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
    this.start = copy(this.start, new Int32Array(size));
    this.end = copy(this.end, new Int32Array(size));
    this.hash = copy(this.hash, new Int32Array(size));
    this.gap = copy(this.gap, new Uint8Array(size));
    this.flags = copy(this.flags, new Uint8Array(size));
    this.id = copy(this.id, new Int32Array(size));
  }

  /** Token k's text as `Token.text` has it: NFC, without inner emphasis markers. */
  textOf(text: string, k: number): string {
    let t = text.slice(this.start[k], this.end[k]);
    const flags = this.flags[k];
    // Inside a token, marker characters only ever belong to transparent runs.
    if (flags & TokenFlag.HasMarkers) t = t.replace(/[*_~]/g, '');
    if (flags & TokenFlag.Decomposed) t = t.normalize('NFC');
    return t;
  }
}

const HASH_SEED = 0x811c9dc5 | 0;

/**
 * The hash `TokenBuffer` keeps of a word's text: FNV-1a over UTF-16 code units, cut to 30 bits
 * so that it stays a small integer (a 32-bit one would be boxed when stored in a variable).
 */
export function hashWord(word: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * Scans Markdown text into a token buffer (the fast form of `scanMarkdown`).
 * @param into a buffer to reuse (cleared first).
 */
export function scanTokens(text: string, into: TokenBuffer = new TokenBuffer(), words?: WordProbe): TokenScan {
  into.clear();
  into.words = words;
  const ignoredWords: string[] = [];
  const segments = getProseSegments(text);
  const memo: ScanMemo = { found: new Map(), spans: [], word: new WordRead() };
  for (let s = 0; s < segments.length; s += 2) {
    scanInline(text, segments[s], segments[s + 1], into, ignoredWords, Gap.Break, memo);
  }
  return { tokens: into, ignoredWords, segments, spans: memo.spans! };
}

/**
 * A table of distinct words the scan can look each word up in as it reads it (the analyser's
 * word memo): the id lands in `TokenBuffer.id`, while the word's characters are still in cache.
 */
export interface WordProbe {
  /** The id of the word text[start, start + length) whose hash is `hash` (added when new). */
  idOf(text: string, start: number, length: number, hash: number): number;
}

/** What `scanTokens` found. */
export interface TokenScan {
  tokens: TokenBuffer;
  /** Words listed in `<!-- glossaire-ignore: … -->` comments (as written). */
  ignoredWords: string[];
  /** The prose segments of the block pass: [start0, end0, start1, end1, …]. */
  segments: number[];
  /**
   * The HTML comments, tags and autolinks that span a line break, as [start, end) pairs (a
   * comment up to its `-->`, even past its segment): the only inline constructs that reach
   * past a paragraph (incremental.ts leaves them alone).
   */
  spans: number[];
}

/**
 * Scans the inline content of [from, to) only, as `scanTokens` would in a prose segment, for
 * re-scanning one paragraph of an edited note (see incremental.ts for when that is valid).
 */
export function scanWindow(text: string, from: number, to: number, into: TokenBuffer): WindowScan {
  const ignoredWords: string[] = [];
  into.words = undefined;
  const memo: ScanMemo = { found: new Map(), backtickRuns: backtickRunsIn(text, from, to), spans: [], loneAngles: 0, word: new WordRead() };
  scanInline(text, from, to, into, ignoredWords, Gap.Break, memo);
  return { ignoredWords, spans: memo.spans!, loneAngles: memo.loneAngles! };
}

/** What `scanWindow` met besides words: what may depend on text outside the window. */
export interface WindowScan {
  ignoredWords: string[];
  /** Multi-line `<` constructs (see TokenScan.spans). */
  spans: number[];
  /** `<` that opened nothing (a tag may still close past the window), or opened a tag whose
   * content is skipped up to its closing tag (which may lie past the window). */
  loneAngles: number;
}

const SKIP_CONTENT_TAGS = ['pre', 'code', 'script', 'style', 'kbd', 'samp'];
/** The start of an opening tag of SKIP_CONTENT_TAGS. */
const OPENS_CONTENT_RE = /^<(?:pre|code|script|style|kbd|samp)(?![A-Za-z0-9-])/i;

/**
 * What one scan remembers of its forward searches, so that no input makes it quadratic: a
 * thousand unclosed `<!--` or `<code>`, or backtick runs without their closing run, each cost
 * one look-up instead of a search to the end of the text.
 */
interface ScanMemo {
  /** The starts of the text's backtick runs by run length (built at the first code span). */
  backtickRuns?: Map<number, number[]>;
  /** Where set, the multi-line `<` constructs are recorded here (see TokenScan.spans). */
  spans?: number[];
  /** Where set, counts the `<` that opened nothing. */
  loneAngles?: number;
  /** Per needle, the last text-wide search: the first match at or after `from` is `at` (-1: none). */
  found: Map<string, { from: number; at: number }>;
  /** What the last `scanWord` read besides its end. */
  word: WordRead;
  /** The `-->` of the last `glossaire-ignore` comment whose words were read. */
  ignoreClose?: number;
}

/** The starts of the backtick runs that begin in [from, to), by run length. */
function backtickRunsIn(text: string, from: number, to: number): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let i = text.indexOf('`', from); i !== -1 && i < to; ) {
    let r = 0;
    while (text.charCodeAt(i + r) === 96) r++;
    const list = runs.get(r);
    if (list) list.push(i);
    else runs.set(r, [i]);
    i = text.indexOf('`', i + r);
  }
  return runs;
}

/** `search(from)` (the first match at or after `from`), answered from the memo when it knows. */
function searchFrom(memo: ScanMemo, needle: string, from: number, search: (from: number) => number): number {
  const last = memo.found.get(needle);
  // No match in [last.from, last.at): from any offset in between, the first match is last.at.
  if (last && from >= last.from && (last.at === -1 || from <= last.at)) return last.at;
  const at = search(from);
  memo.found.set(needle, { from, at });
  return at;
}

/**
 * Inline pass over one prose segment [from, to): pushes tokens, returns the gap state.
 */
function scanInline(text: string, from: number, to: number, tokens: TokenBuffer, ignored: string[], gapIn: Gap, memo: ScanMemo): Gap {
  const word = memo.word;
  let gap = gapIn;
  let newlines = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    const k = classOf(c);
    if ((k & (CC_WORD | CC_COMBINING)) === CC_WORD) {
      const end = scanWord(text, i, to, word);
      if (word.identifier) {
        i = skipNonSpace(text, i, to);
        gap = Gap.Break;
        continue;
      }
      const next = text.charCodeAt(end);
      const prev = i > from ? text.charCodeAt(i - 1) : 0;
      // Most words end at a space and follow one: one test before the rarer cases below.
      if (next === 58 || next === 64 || next === 46 || next === 47 || prev === 47 || prev === 35) {
        // Bare URL (scheme://), e-mail, dotted name (domain, file.md), or path: skip the run.
        if ((next === 58 && text.startsWith('//', end + 1)) || (next === 64 && isWordCode(text.charCodeAt(end + 1))) ||
            (next === 46 && end + 1 < to && isWordCode(text.charCodeAt(end + 1))) ||
            prev === 47 || (next === 47 && isWordCode(text.charCodeAt(end + 1)))) {
          i = skipNonSpace(text, i, to);
          gap = Gap.Break;
          continue;
        }
        // Hashtag (#tag): not prose.
        if (prev === 35) {
          i = end;
          gap = Gap.Break;
          continue;
        }
      }
      tokens.push(text, i, end, gap === Gap.Space && newlines > 1 ? Gap.Break : gap, word.flags, word.hash);
      gap = Gap.None;
      newlines = 0;
      i = end;
      continue;
    }
    if (k & CC_SPACE) {
      if (c === CH_NL || (c === CH_CR && text.charCodeAt(i + 1) !== CH_NL)) newlines++;
      if (gap === Gap.None) gap = Gap.Space;
      else if (gap !== Gap.Space) gap = Gap.Break;
      i++;
      continue;
    }
    if (k & CC_HYPHEN) {
      gap = gap === Gap.None ? Gap.Hyphen : Gap.Break;
      i++;
      continue;
    }
    if (k & CC_APOSTROPHE) {
      gap = gap === Gap.None ? Gap.Apostrophe : Gap.Break;
      i++;
      continue;
    }
    if (k & CC_MARKER) {
      i++;
      continue;
    }
    gap = Gap.Break;
    switch (c) {
      case 96: { // ` inline code: skip to the closing run of the same length, in the same paragraph
        let run = 1;
        while (text.charCodeAt(i + run) === 96) run++;
        // A stray backtick used to hide every word up to a backtick paragraphs later.
        const end = searchFrom(memo, '\n\n', i + run, (p) => blankLineAfter(text, p));
        const close = findBacktickRun(text, i + run, end === -1 ? to : Math.min(to, end), run, memo);
        i = close === -1 ? i + run : close + run;
        continue;
      }
      case 60: { // <
        const start = i;
        i = skipAngle(text, i, to, ignored, memo);
        // A window scan (memo.loneAngles set) notes what may depend on text past its end: a
        // '<' that opened nothing, or a tag whose content runs to its closing tag.
        if (memo.loneAngles !== undefined && (i === start + 1 || OPENS_CONTENT_RE.test(text.slice(start, start + 9)))) memo.loneAngles++;
        if (memo.spans && i > start + 1) {
          // A comment reads up to its `-->` even past the segment (an ignore list does).
          let reach = i;
          if (text.startsWith('<!--', start)) {
            const close = memo.found.get('-->')?.at ?? -1;
            reach = close === -1 ? text.length : Math.max(i, close + 3);
          }
          const nl = searchFrom(memo, '\n', start, (p) => text.indexOf('\n', p));
          const cr = searchFrom(memo, '\r', start, (p) => text.indexOf('\r', p));
          if ((nl !== -1 && nl < reach) || (cr !== -1 && cr < reach)) memo.spans.push(start, reach);
        }
        continue;
      }
      case 93: { // ] followed by ( : link destination
        if (text.charCodeAt(i + 1) === 40) {
          i = skipParens(text, i + 1, to);
          continue;
        }
        i++;
        continue;
      }
      case 92: { // \ escape: of ASCII punctuation only; before a letter it is a plain backslash
        const e = text.charCodeAt(i + 1);
        i += (e >= 33 && e <= 47) || (e >= 58 && e <= 64) || (e >= 91 && e <= 96) || (e >= 123 && e <= 126) ? 2 : 1;
        continue;
      }
      case 38: { // & entity
        let j = i + 1;
        while (j < to && j - i < 12 && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === 35)) j++;
        i = text.charCodeAt(j) === 59 ? j + 1 : i + 1;
        continue;
      }
      default:
        i++;
    }
  }
  return gap;
}

/** What scanWord read, besides the end it returns: one object per scan, not per word. */
class WordRead {
  /** TokenFlag bits of the word. */
  flags = 0;
  /** The word's hash (see hashWord). */
  hash = 0;
  /** An underscore inside the word ("niveau_service"): an identifier, not emphasis. */
  identifier = false;
}

/**
 * Reads one word from `start` and returns its end; emphasis markers between letters are
 * transparent (left out of the hash, as they are out of the text).
 */
function scanWord(text: string, start: number, to: number, out: WordRead): number {
  let i = start;
  let flags = 0;
  let h = HASH_SEED;
  out.identifier = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    // The table's fast path first; a code unit not classified yet (0) is the rare case.
    let k = charClasses[c];
    if (k === 0) k = classify(c);
    if (k & CC_WORD) {
      flags |= k >>> 8;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
      continue;
    }
    if (k & CC_MARKER && c !== 126) {
      let j = i;
      let underscore = false;
      while (j < to && isMarker(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === 95) underscore = true;
        j++;
      }
      if (j < to && (classOf(text.charCodeAt(j)) & (CC_WORD | CC_COMBINING)) === CC_WORD) {
        // CommonMark: `_` inside a word is never emphasis, so the word is an identifier.
        if (underscore) {
          out.identifier = true;
          return j;
        }
        flags |= TokenFlag.HasMarkers;
        i = j;
        continue;
      }
    }
    break;
  }
  out.flags = flags;
  out.hash = h & 0x3fffffff;
  return i;
}

function skipNonSpace(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 60 || c === 41 || c === 93 || c === 62 || c === 124) break;
    i++;
  }
  // A sentence's final punctuation is not part of the URL.
  while (i > 0 && /[.,;:!?]/.test(text.charAt(i - 1))) i--;
  return i;
}

/**
 * The start of the first backtick run of exactly `run` backticks in [from, to), or -1. `from`
 * follows a run (the opening one), so the runs after it are the text's maximal runs, indexed
 * once per scan: each look-up is a binary search, however many runs stay unclosed.
 */
function findBacktickRun(text: string, from: number, to: number, run: number, memo: ScanMemo): number {
  memo.backtickRuns ??= backtickRunsIn(text, 0, text.length);
  const starts = memo.backtickRuns.get(run);
  if (!starts) return -1;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo] < to ? starts[lo] : -1;
}

function skipParens(text: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
    else if (c === CH_NL || c === CH_CR) {
      // A blank line ends the paragraph, whatever the line endings (\n, \r\n or \r).
      const d = text.charCodeAt(c === CH_CR && text.charCodeAt(i + 1) === CH_NL ? i + 2 : i + 1);
      if (d === CH_NL || d === CH_CR) return i;
    }
  }
  return to;
}

const AUTOLINK_RE = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|^<[^\s<>@]+@[^\s<>]+>/;
const TAG_RE = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/;

/** Skips an HTML comment, autolink or tag starting at `i` (a '<'); a lone '<' is one char. */
function skipAngle(text: string, i: number, to: number, ignored: string[], memo: ScanMemo): number {
  if (text.startsWith('<!--', i)) {
    const close = searchFrom(memo, '-->', i + 4, (from) => text.indexOf('-->', from));
    const end = close === -1 ? to : Math.min(close + 3, to);
    const body = text.slice(i + 4, close === -1 ? to : close);
    const m = IGNORE_BODY_RE.exec(body);
    if (m) {
      const rest = body.slice(m[0].length);
      // Comments whose `-->` lies past a code block share it: the earlier one's body holds this
      // one's, whose words are in already but for a first one that may start inside a word.
      const words = close !== -1 && close === memo.ignoreClose ? [firstWord(rest)] : splitIgnoreList(rest);
      memo.ignoreClose = close;
      for (const w of words) if (w) ignored.push(w);
    }
    return end;
  }
  const head = text.slice(i, Math.min(to, i + 512));
  const auto = AUTOLINK_RE.exec(head);
  if (auto) return i + auto[0].length;
  const tag = TAG_RE.exec(head);
  if (tag) {
    const name = tag[1].toLowerCase();
    const end = i + tag[0].length;
    if (!tag[0].startsWith('</') && !tag[0].endsWith('/>') && SKIP_CONTENT_TAGS.includes(name)) {
      const close = searchFrom(memo, `</${name}`, end, (from) => indexOfCaseless(text, `</${name}`, from));
      if (close !== -1 && close < to) {
        const gt = text.indexOf('>', close);
        return gt === -1 ? to : gt + 1;
      }
    }
    return end;
  }
  return i + 1;
}

/** The first word of a `glossaire-ignore` list (separated by spaces, commas or semicolons). */
function firstWord(list: string): string {
  const sep = (k: number) => /[\s,;]/.test(list.charAt(k));
  let s = 0;
  while (s < list.length && sep(s)) s++;
  let e = s;
  while (e < list.length && !sep(e)) e++;
  return list.slice(s, e);
}

/** indexOf for an ASCII lower-case needle, ignoring the haystack's case. */
function indexOfCaseless(text: string, needle: string, from: number): number {
  const a = text.indexOf(needle, from);
  const b = text.indexOf(needle.toUpperCase(), from);
  return a === -1 ? b : b === -1 ? a : Math.min(a, b);
}
