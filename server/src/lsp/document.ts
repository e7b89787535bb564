/**
 * The server's open documents: vscode-languageserver-textdocument's TextDocument, made so that a
 * keystroke does not cost a copy of the whole text before its diagnostics are out.
 *
 * Why: an edit builds the new text as `before + typed + after`, a V8 rope (cons string). The
 * first character read from it flattens it: a fresh copy of the whole note (1.2 MB for 600 k
 * UTF-16 characters), which V8 puts in large-object pages, mapped and faulted in at every
 * keystroke (~0.7 ms, and garbage for the GC). The library's update reads the new text at once
 * (its CR LF check); this document does not: line starts are shifted in place, and the few
 * characters a keystroke needs (line ends, the rules' window) are read from the previous, flat,
 * text and the edit (`charCodeAt`). `settle()` flattens the text; the server calls it once the
 * diagnostics are written (idle time for a typist), so that the next edit starts from a flat
 * text again. Readers of `getText()` before that pay the copy themselves (correct, just slower).
 *
 * Positions are LSP's: UTF-16 characters, lines ending at \n, \r\n or \r, offsets clamped to
 * the text and to their line (before its line break), as the library and `LineIndex` do.
 */

import { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Lines } from '../service/positions';

import { OffsetEdit } from '../service/model';

// The document's changes as offsets ([start, end) of the text the previous change left became
// newText): the core's one edit shape, re-exported for the server's modules.
export type { OffsetEdit };

/** An open document (see the module comment). */
export class LiveDocument implements TextDocument, Lines {
  private content: string;
  private _version: number;
  /** Offset of the start of each line; undefined: computed from the text on demand. */
  private starts: number[] | undefined;
  /**
   * Since the last `settle`, when exactly one edit was made: the text before it (flat) and the
   * edit, to read characters without flattening the new text.
   */
  private before: string | undefined;
  /** The text may be a rope (edited since the last `settle`). */
  private rope = false;
  private editStart = 0;
  private editEnd = 0;
  private editText = '';

  constructor(readonly uri: string, readonly languageId: string, version: number, content: string) {
    this.content = content;
    this._version = version;
  }

  /** The library's create, for TextDocuments. */
  static create(uri: string, languageId: string, version: number, content: string): LiveDocument {
    return new LiveDocument(uri, languageId, version, content);
  }

  get version(): number {
    return this._version;
  }

  get length(): number {
    return this.content.length;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** The UTF-16 code unit at `offset` (NaN outside the text), without flattening the text. */
  charCodeAt(offset: number): number {
    const before = this.before;
    if (before === undefined) return this.content.charCodeAt(offset);
    if (offset < 0 || offset >= this.content.length) return NaN;
    if (offset < this.editStart) return before.charCodeAt(offset);
    const inserted = this.editText.length;
    if (offset < this.editStart + inserted) return this.editText.charCodeAt(offset - this.editStart);
    return before.charCodeAt(offset - inserted + (this.editEnd - this.editStart));
  }

  /** Flattens the text (once the diagnostics are out): later reads are plain string reads. */
  settle(): void {
    if (!this.rope) return;
    this.content.charCodeAt(0); // flattens the rope in place
    this.rope = false;
    this.before = undefined;
  }

  /** Line of an offset in [0, length]. */
  private lineAt(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private lineStarts(): number[] {
    return (this.starts ??= computeLineStarts(this.content));
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.content.length));
    let line = this.lineAt(o);
    const starts = this.starts!;
    // Between the \r and the \n of a line break is no position: the line ends before the \r.
    if (line + 1 < starts.length && o === starts[line + 1] - 1 && o > starts[line] && this.charCodeAt(o) === 10 && this.charCodeAt(o - 1) === 13) o--;
    return { line, character: o - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.content.length;
    return Math.min(start + position.character, this.lineEnd(position.line, start, next));
  }

  /** Offset of the end of a line, before its line break. */
  private lineEnd(line: number, start: number, next: number): number {
    let end = next;
    if (line + 1 < this.starts!.length) {
      if (end > start && this.charCodeAt(end - 1) === 10) end--;
      if (end > start && this.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line];
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.lineEnd(line, start, next) - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lineStarts();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return this.content.substring(this.lineEnd(line, starts[line], next), next);
  }

  /**
   * Applies LSP content changes (each in the text the previous one left) and returns them as
   * offset edits, in order; undefined when one of them replaced the whole text. Reads only the
   * previous text and the changes.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): OffsetEdit[] | undefined {
    const edits: OffsetEdit[] = [];
    let full = false;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.content = change.text;
        this.starts = undefined;
        this.before = undefined;
        this.rope = false;
        full = true;
        continue;
      }
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start);
      const end = Math.max(start, this.offsetAt(range.end));
      const old = this.content;
      const text = change.text;
      this.shiftLines(old, start, end, text);
      this.content = old.substring(0, start) + text + old.substring(end, old.length);
      // Reads may go to the old text only when it is flat and this is the only edit since.
      this.before = edits.length === 0 && !this.rope ? old : undefined;
      this.rope = true;
      this.editStart = start;
      this.editEnd = end;
      this.editText = text;
      edits.push({ start, end, newText: text });
    }
    this._version = version;
    return full ? undefined : edits;
  }

  /** Line starts after replacing [start, end) of `old` by `text`, without reading the new text. */
  private shiftLines(old: string, start: number, end: number, text: string): void {
    const starts = this.starts;
    if (!starts) return;
    const startLine = this.lineAt(start);
    // A line break removed or typed, or a CR LF pair made at either end: count them again
    // from the new text (the analysis of such an edit reads the new text anyway).
    let simple = this.lineAt(end) === startLine && !hasLineBreak(text);
    if (simple) {
      const before = start > 0 ? this.charCodeAt(start - 1) : -1;
      const after = end < old.length ? this.charCodeAt(end) : -1;
      const first = text.length > 0 ? text.charCodeAt(0) : after;
      const last = text.length > 0 ? text.charCodeAt(text.length - 1) : before;
      if ((before === 13 && first === 10) || (last === 13 && after === 10)) simple = false;
    }
    if (!simple) {
      this.starts = undefined;
      return;
    }
    const delta = text.length - (end - start);
    if (delta !== 0) for (let k = startLine + 1; k < starts.length; k++) starts[k] += delta;
  }
}

function hasLineBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}

/** Offsets where lines start (\n, \r\n and \r end a line). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
