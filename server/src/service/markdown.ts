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
import { getProseSegments } from './blocks';
import { backtickRunsIn, scanInline, ScanMemo, WordRead } from './inline';
import { Gap, ScanResult, Token, TokenBuffer, TokenFlag, WordProbe } from './tokens';

// The block pass lives in blocks.ts, the inline pass in inline.ts, the token types in
// tokens.ts; these names stay importable from here.
export { getProseSegments } from './blocks';
export { isReferenceDefinition } from './lineShape';
export { Gap, hashWord, isWordChar, TokenBuffer, TokenFlag } from './tokens';
export type { ScanResult, Token, WordProbe } from './tokens';

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
 * Scans Markdown text into a token buffer (the fast form of `scanMarkdown`).
 * @param into a buffer to reuse (cleared first).
 * @param known the text's prose segments (getProseSegments), when the caller has them.
 */
export function scanTokens(text: string, into: TokenBuffer = new TokenBuffer(), words?: WordProbe, known?: readonly number[]): TokenScan {
  into.clear();
  into.words = words;
  const ignoredWords: string[] = [];
  const segments = known ? [...known] : getProseSegments(text);
  const memo: ScanMemo = { found: new Map(), spans: [], word: new WordRead() };
  for (let s = 0; s < segments.length; s += 2) {
    scanInline(text, segments[s], segments[s + 1], into, ignoredWords, Gap.Break, memo);
  }
  return { tokens: into, ignoredWords, segments, spans: memo.spans! };
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
