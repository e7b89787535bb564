/**
 * The server's diagnostics as the stdio transport wants them (the speed of a keystroke's
 * publish): LSP diagnostics made from findings, with what an incremental update did not change
 * remembered per finding — its range, its message and suggestions as one-byte strings, and the
 * JSON of everything but its range, which jsonEncoder.ts splices in instead of serialising the
 * diagnostic again. features/diagnostics.ts only calls `toDiagnostics`; without the stdio
 * encoder (a browser) the extra property is ignored.
 */

import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { toFindingData } from '../lsp/analysisCache';
import { findingMessage } from '../service/diagnostics';
import { Finding } from '../service/model';
import { Lines } from '../service/positions';
import { Locale } from '../service/messages';
import { DIAGNOSTIC_TAIL } from './jsonEncoder';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Converts findings to LSP diagnostics, ready for the stdio encoder: each diagnostic carries
 * the JSON of everything but its range (`DIAGNOSTIC_TAIL`), made once per finding.
 */
export function toDiagnostics(findings: Finding[], lines: Lines, locale: Locale): Diagnostic[] {
  const out: Diagnostic[] = new Array(findings.length);
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    const s = cachedSaid(f, locale);
    let range = ranges.get(f);
    if (!range) ranges.set(f, (range = lines.rangeAt(f.start, f.end)));
    const severity = SEVERITY[f.severity];
    const data = toFindingData(f, s.entryId, s.suggestions);
    const d: Diagnostic & { [DIAGNOSTIC_TAIL]?: string } = { range, severity, source: 'glossaire', code: f.code, message: s.message, data };
    // The JSON of everything but the range, for the stdio encoder (jsonEncoder.ts); not for a
    // note-level finding, whose data holds offsets that move with every edit.
    if (!f.edits) {
      if (s.tail === undefined || s.tailSeverity !== severity) {
        s.tail = JSON.stringify({ severity, source: d.source, code: d.code, message: d.message, data });
        s.tailSeverity = severity;
      }
      d[DIAGNOSTIC_TAIL] = s.tail;
    }
    out[k] = d;
  }
  return out;
}

/**
 * The range of a finding. An incremental update keeps the finding objects before the edit,
 * whose offsets, lines and characters it did not change; it makes new ones for the others.
 */
const ranges = new WeakMap<Finding, Range>();

/**
 * What a finding's diagnostic says, remembered on the finding's suggestions array: an
 * incremental update keeps that array for every finding it only moves (and the copies it
 * makes), so at a keystroke only the new findings' messages are formatted.
 */
interface Said {
  code: string;
  word: string;
  entry: string;
  count: number;
  locale: Locale;
  message: string;
  suggestions: string[];
  /** The entry id, one byte per character. */
  entryId: string;
  /** JSON of the diagnostic without its range, and the severity it was made with. */
  tail?: string;
  tailSeverity?: DiagnosticSeverity;
}
const said = new WeakMap<string[], Said>();

function cachedSaid(f: Finding, locale: Locale): Said {
  const count = f.edits?.length ?? 1;
  const m = said.get(f.suggestions);
  if (m && m.code === f.code && m.word === f.word && m.entry === f.entryId && m.count === count && m.locale === locale) return m;
  const s: Said = {
    code: f.code, word: f.word, entry: f.entryId, count, locale,
    message: oneByte(findingMessage(f, locale)), suggestions: f.suggestions.map(oneByte), entryId: oneByte(f.entryId),
  };
  said.set(f.suggestions, s);
  return s;
}

/**
 * The same string, stored one byte per character when its characters allow (Latin-1).
 * Strings cut from a text that has any character past U+00FF (words of a note, ids of a
 * glossary) are two-byte strings in V8 whatever they hold, and one such string in a publish
 * makes JSON.stringify write the whole message two bytes per character: twice the size to
 * build, copy and encode at every keystroke.
 */
function oneByte(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return s;
  // Node only (Buffer): a browser's worker has no such copy, and no stdio encoder to feed.
  return typeof Buffer === 'undefined' ? s : Buffer.from(s, 'latin1').toString('latin1');
}
