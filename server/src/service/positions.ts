/**
 * Offsets ↔ LSP positions. The core works on UTF-16 string offsets (what JavaScript strings
 * index); this converts once, at the edge. Lines end at \n, \r\n or \r, as LSP says.
 */

/** A 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A range of positions, end exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** Line starts of a text, for fast offset → position conversion (binary search). */
export class LineIndex implements Lines {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    const len = text.length;
    if (text.indexOf('\r') === -1) {
      // Most notes: native searches for \n (the server rebuilds this at every version).
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < len; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  /** Number of lines. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of a UTF-16 offset (clamped to the text). */
  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and the \n of a line break is no position: the line ends before the \r.
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** Offset of a position (clamped to its line, line breaks excluded). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    let lineEnd = next;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }

  /** Range of an offset span. */
  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset where a line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

/** What the features convert positions with: a `LineIndex`, or an open document itself. */
export interface Lines {
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeAt(start: number, end: number): Range;
  lineStart(line: number): number;
}
