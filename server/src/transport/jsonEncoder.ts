/**
 * The JSON of the messages the server writes on stdio, with a short cut for diagnostics.
 *
 * A keystroke in a long note republishes every diagnostic of the note (LSP wants the whole
 * list), and JSON.stringify of ~260 diagnostics was a third of the server's time per keystroke.
 * But a diagnostic is a range plus a part that does not change while its finding stands
 * (severity, code, message, data): features/diagnostics.ts keeps that part's JSON with the
 * diagnostic (`DIAGNOSTIC_TAIL`), and this encoder writes the range and appends it. The bytes
 * are exactly JSON.stringify's (the encoder falls back on it for anything else), which the
 * unit tests check.
 */

import type { Diagnostic, Range } from 'vscode-languageserver';

/** On a Diagnostic: JSON.stringify of the diagnostic without its `range` (which comes first). */
export const DIAGNOSTIC_TAIL = Symbol('glossaire.diagnosticTail');

type TailedDiagnostic = Diagnostic & { [DIAGNOSTIC_TAIL]?: string };

/** JSON of a range as JSON.stringify writes it (integers; `start` then `end`). */
function rangeJson(r: Range): string | undefined {
  const s = r.start;
  const e = r.end;
  if (!Number.isInteger(s.line) || !Number.isInteger(s.character) || !Number.isInteger(e.line) || !Number.isInteger(e.character)) return undefined;
  return `{"start":{"line":${s.line},"character":${s.character}},"end":{"line":${e.line},"character":${e.character}}}`;
}

/** True when the object's own keys are exactly `keys`, in that order (JSON.stringify's order). */
function hasKeys(o: object, keys: string[]): boolean {
  const own = Object.keys(o);
  if (own.length !== keys.length) return false;
  for (let k = 0; k < keys.length; k++) if (own[k] !== keys[k]) return false;
  return true;
}

function diagnosticJson(d: TailedDiagnostic): string {
  const tail = d[DIAGNOSTIC_TAIL];
  const range = tail !== undefined && Object.keys(d)[0] === 'range' && hasKeys(d.range, ['start', 'end']) && hasKeys(d.range.start, ['line', 'character']) && hasKeys(d.range.end, ['line', 'character']) ? rangeJson(d.range) : undefined;
  if (range === undefined || tail === undefined || tail.length < 2) return JSON.stringify(d);
  return `{"range":${range},${tail.slice(1)}`;
}

/** JSON.stringify(msg), faster for textDocument/publishDiagnostics. */
export function messageJson(msg: unknown): string {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  if (m === null || typeof m !== 'object' || m.method !== 'textDocument/publishDiagnostics' || !m.params || !Array.isArray(m.params.diagnostics)) {
    return JSON.stringify(msg);
  }
  const params = m.params as Record<string, unknown>;
  const diagnostics = params.diagnostics as TailedDiagnostic[];
  // The message and its params as JSON.stringify writes them: own enumerable keys in order,
  // undefined values left out; only `diagnostics` is written here, item by item.
  const out: string[] = [];
  for (const key of Object.keys(m)) {
    const v = (m as Record<string, unknown>)[key];
    if (key === 'params') {
      const inner: string[] = [];
      for (const pk of Object.keys(params)) {
        const pv = params[pk];
        if (pk === 'diagnostics') {
          const items: string[] = new Array(diagnostics.length);
          for (let k = 0; k < diagnostics.length; k++) items[k] = diagnosticJson(diagnostics[k]);
          inner.push(`"diagnostics":[${items.join(',')}]`);
        } else {
          const j = JSON.stringify(pv);
          if (j !== undefined) inner.push(`${JSON.stringify(pk)}:${j}`);
        }
      }
      out.push(`"params":{${inner.join(',')}}`);
    } else {
      const j = JSON.stringify(v);
      if (j !== undefined) out.push(`${JSON.stringify(key)}:${j}`);
    }
  }
  return `{${out.join(',')}}`;
}

/** A vscode-jsonrpc content-type encoder (application/json) that uses messageJson. */
export const jsonEncoder = {
  name: 'application/json',
  encode(msg: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(messageJson(msg), options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
