/**
 * A text as lines: where each line starts and ends (line breaks \r\n, \n or \r, the LSP's),
 * for the block pass (blocks.ts), the incremental path and the line-by-line readers (harvested
 * definitions, Markdown glossaries). Pure functions of the text.
 */

export const CH_NL = 10, CH_CR = 13, CH_SPACE = 32, CH_TAB = 9;

/** What the line helpers read: a string, or a text seen through another (incremental's NewText). */
export interface Chars {
  readonly length: number;
  charCodeAt(index: number): number;
}

/** Start of the line holding `pos`. */
export function lineStartAt(text: string, pos: number): number {
  let p = pos;
  while (p > 0) {
    const c = text.charCodeAt(p - 1);
    if (c === CH_NL || c === CH_CR) break;
    p--;
  }
  return p;
}

/** End of the line holding `pos` (before its \r\n, \n or \r). */
export function lineEndAt(text: Chars, pos: number): number {
  let p = pos;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === CH_NL || c === CH_CR) break;
    p++;
  }
  return p;
}

/** Offset after the line break at `lineEnd`. */
export function afterBreak(text: Chars, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  return text.charCodeAt(lineEnd) === CH_CR && text.charCodeAt(lineEnd + 1) === CH_NL ? lineEnd + 2 : lineEnd + 1;
}

/** Offset of the line break that ends the line before the one starting at `lineStart`. */
export function lineBreakBefore(text: string, lineStart: number): number {
  const p = lineStart - 1;
  return text.charCodeAt(p) === CH_NL && p > 0 && text.charCodeAt(p - 1) === CH_CR ? p - 1 : p;
}

/**
 * Line ends of one text (\r\n, \n or \r), found with native searches: a line ends at the next
 * \n unless a \r comes first, and where the next \n and the next \r lie is remembered (most
 * notes have no \r, so one search answers them all; a note with \r alone has no \n, and the
 * search for one must not run to the text's end at every line). Positions asked for only move
 * forward, mostly.
 */
export class LineEnds {
  /** The first \n at or after `nlFrom` (-1: none). */
  private nl: number;
  private nlFrom = 0;
  /** The first \r at or after `crFrom` (-1: none). */
  private cr: number;
  private crFrom = 0;

  constructor(private readonly text: string) {
    this.nl = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  /** Offset of the end of the line containing `pos` (before \r\n, \n or \r). */
  endAt(pos: number): number {
    const text = this.text;
    if (pos < this.nlFrom || (this.nl !== -1 && this.nl < pos)) {
      this.nl = text.indexOf('\n', pos);
      this.nlFrom = pos;
    }
    if (pos < this.crFrom || (this.cr !== -1 && this.cr < pos)) {
      this.cr = text.indexOf('\r', pos);
      this.crFrom = pos;
    }
    const nl = this.nl === -1 ? text.length : this.nl;
    return this.cr !== -1 && this.cr < nl ? this.cr : nl;
  }

  /** Offset of the start of the next line. */
  next(pos: number): number {
    return this.after(this.endAt(pos));
  }

  /** Offset after the line break at `lineEnd` (a line end from `endAt`). */
  after(lineEnd: number): number {
    return afterBreak(this.text, lineEnd);
  }
}

/** A line of a text: offsets of its content and of the next line's start. */
export interface TextLine {
  readonly start: number;
  /** End of the line's content (before its line break). */
  readonly end: number;
  /** Start of the next line (the text's length for the last one). */
  readonly next: number;
}

/** Every line of the text, the last one included (empty when the text ends with a line break). */
export function splitLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  const ends = new LineEnds(text);
  const len = text.length;
  for (let p = 0; ; ) {
    const e = ends.endAt(p);
    const next = ends.after(e);
    out.push({ start: p, end: e, next });
    if (e >= len) return out;
    p = next;
  }
}
