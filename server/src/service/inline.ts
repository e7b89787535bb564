/**
 * The scanner's inline pass over one prose segment: words, and what is skipped inside prose
 * (code spans, HTML comments and tags, autolinks, URLs, paths, link destinations, escapes,
 * entities). Called by markdown.ts for each segment of the block pass (blocks.ts), or for one
 * paragraph (scanWindow).
 */

import { blankLineAfter, IGNORE_BODY_RE, splitIgnoreList } from './blocks';
import { CH_CR, CH_NL } from './lines';
import {
  CC_APOSTROPHE, CC_COMBINING, CC_DIGIT, CC_HYPHEN, CC_MARKER, CC_SPACE, CC_WORD, charClasses, classify, classOf, Gap, HASH_SEED, isMarker, isSpace,
  isWordChar, isWordCode, TokenBuffer, TokenFlag,
} from './tokens';

const SKIP_CONTENT_TAGS = ['pre', 'code', 'script', 'style', 'kbd', 'samp'];
/** The start of an opening tag of SKIP_CONTENT_TAGS. */
const OPENS_CONTENT_RE = /^<(?:pre|code|script|style|kbd|samp)(?![A-Za-z0-9-])/i;

/**
 * What one scan remembers of its forward searches, so that no input makes it quadratic: a
 * thousand unclosed `<!--` or `<code>`, or backtick runs without their closing run, each cost
 * one look-up instead of a search to the end of the text.
 */
export interface ScanMemo {
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
export function backtickRunsIn(text: string, from: number, to: number): Map<number, number[]> {
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
export function scanInline(text: string, from: number, to: number, tokens: TokenBuffer, ignored: string[], gapIn: Gap, memo: ScanMemo): Gap {
  const word = memo.word;
  let gap = gapIn;
  let newlines = 0;
  let i = from;
  let joinedUntil = -1; // end of a run of slash-joined words being read
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
      // A word that ends the text (a glossary form, a harvested term) must not read past it:
      // optimised code assumes in-bounds reads and is thrown away at the first one that is not.
      const next = end < text.length ? text.charCodeAt(end) : 0;
      const prev = i > from ? text.charCodeAt(i - 1) : 0;
      // Most words end at a space and follow one: one test before the rarer cases below.
      if (next === 58 || next === 64 || next === 46 || next === 47 || prev === 47 || prev === 35) {
        // Words joined by slashes ("client/serveur", "sous-traitance/partenariat") are words;
        // the run was checked as a whole at its first word.
        const joined = i < joinedUntil || (next === 47 && prev !== 47 && (joinedUntil = slashJoinedEnd(text, i, to)) > i);
        // Bare URL (scheme://), e-mail, dotted name (domain, file.md), or path: skip the run.
        if (!joined && ((next === 58 && text.startsWith('//', end + 1)) || (next === 64 && isWordCode(text.charCodeAt(end + 1))) ||
            (next === 46 && end + 1 < to && isWordCode(text.charCodeAt(end + 1))) ||
            prev === 47 || (next === 47 && isWordCode(text.charCodeAt(end + 1))))) {
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
export class WordRead {
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

/**
 * The end of a run of two or three words joined by slashes that starts at i ("client/serveur",
 * "sous-traitance/partenariat."), or -1 when the run is a path, a URL, a date or anything else
 * (a digit, an empty segment, more segments, a dot or colon inside: "docs/notes.md").
 */
function slashJoinedEnd(text: string, i: number, to: number): number {
  let segments = 1;
  let letters = 0;
  let p = i;
  for (; p < to; p++) {
    const c = text.charCodeAt(p);
    const k = classOf(c);
    if (k & CC_DIGIT) return -1;
    if (k & (CC_WORD | CC_COMBINING | CC_HYPHEN | CC_APOSTROPHE | CC_MARKER)) {
      if (k & CC_WORD) letters++;
      continue;
    }
    if (c !== 47) break;
    if (letters === 0 || ++segments > 3) return -1;
    letters = 0;
  }
  if (letters === 0 || segments < 2) return -1;
  // The run ends at a space, or at punctuation that no word follows ("notes.md" is a file name).
  if (p < to && !(classOf(text.charCodeAt(p)) & CC_SPACE) && p + 1 < to && isWordCode(text.charCodeAt(p + 1))) return -1;
  return p;
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
