/**
 * Fix builder: turns findings into text edits and applies edits to text. Edits never overlap:
 * findings never do, and a note-level finding's edits replace the per-word ones it bundles.
 */

import { Finding, OffsetEdit } from './model';

/** The edits that apply a finding's first suggestion (or all of a note-level finding's). */
export function getFixEdits(finding: Finding, suggestionIndex = 0): OffsetEdit[] {
  if (finding.edits) return finding.edits;
  const newText = finding.suggestions[suggestionIndex];
  return newText === undefined ? [] : [{ start: finding.start, end: finding.end, newText }];
}

/** The edits that fix every finding with its first suggestion, sorted, non-overlapping. */
export function getFixAllEdits(findings: Finding[]): OffsetEdit[] {
  const edits = findings.flatMap((f) => getFixEdits(f)).sort((a, b) => a.start - b.start);
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (prev && e.start < prev.end) continue;
    out.push(e);
  }
  return out;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
