import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DIAGNOSTIC_TAIL, jsonEncoder, messageJson } from '../../server/src/transport/jsonEncoder';
import { toDiagnostics } from '../../server/src/transport/diagnosticJson';
import { LineIndex } from '../../server/src/service/positions';
import { createRandom } from '../random';
import { analyze, ROOT } from './helpers';

function publish(diagnostics: unknown[], version?: number, uri = 'file:///notes/cours%20%C3%A9t%C3%A9.md'): unknown {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } };
}

describe('stdio JSON encoder', () => {
  it('writes the diagnostics of real notes exactly as JSON.stringify does', () => {
    const files = readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.md') && f !== 'README.md');
    assert.ok(files.length >= 3);
    for (const file of files) {
      const text = readFileSync(`${ROOT}/examples/${file}`, 'utf8');
      for (const locale of ['fr', 'en'] as const) {
        const first = toDiagnostics(analyze(text).findings, new LineIndex(text), locale);
        assert.ok(first.length > 0, file);
        // The tails are cached per finding: the second conversion reuses them.
        const again = toDiagnostics(analyze(text).findings, new LineIndex(text), locale);
        for (const diags of [first, again]) {
          const msg = publish(diags, 7);
          assert.equal(messageJson(msg), JSON.stringify(msg));
          assert.ok(diags.every((d) => typeof (d as { [DIAGNOSTIC_TAIL]?: string })[DIAGNOSTIC_TAIL] === 'string'));
        }
      }
    }
  });

  it('an unaccented note’s finding (offsets in its data) goes through JSON.stringify', () => {
    const text = `${'La societe a choisi une strategie de delocalisation et un prestataire. '.repeat(8)}\nLa delocalisation.`;
    const findings = analyze(text).findings;
    const diags = toDiagnostics(findings, new LineIndex(text), 'fr');
    const note = diags.find((d) => d.code === 'glossaire.unaccented-note');
    assert.ok(note, 'no note-level finding');
    assert.equal((note as { [DIAGNOSTIC_TAIL]?: string })[DIAGNOSTIC_TAIL], undefined);
    const msg = publish(diags, 3);
    assert.equal(messageJson(msg), JSON.stringify(msg));
  });

  it('matches JSON.stringify on random diagnostics, with or without tails, and on other messages', async () => {
    const rng = createRandom(5);
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
    const strings = ['délocalisation', 'a "quoted" \\ word', 'tab\there', 'line\nbreak', '’…œ', '\u0000\u001f', 'emoji 🎓', ''];
    for (let round = 0; round < 300; round++) {
      const diags = [];
      for (let k = 0; k < Math.floor(rng() * 6); k++) {
        const line = Math.floor(rng() * 1e6);
        const range = { start: { line, character: Math.floor(rng() * 200) }, end: { line: line + (rng() < 0.1 ? 1 : 0), character: Math.floor(rng() * 200) } };
        const rest = { severity: 1 + Math.floor(rng() * 4), source: 'glossaire', code: pick(['glossaire.misspelled-term', 'glossaire.compound']), message: pick(strings), data: { entryId: pick(strings), suggestions: [pick(strings), pick(strings)] } };
        const d: Record<string | symbol, unknown> = { range, ...rest };
        if (rng() < 0.8) d[DIAGNOSTIC_TAIL] = JSON.stringify(rest);
        if (rng() < 0.05) (d.range as { start: { character: number } }).start.character = 1.5; // not an integer: falls back
        diags.push(d);
      }
      const msg = publish(diags, rng() < 0.3 ? undefined : Math.floor(rng() * 1000), pick(['file:///a.md', 'untitled:Sans titre-1', 'file:///c%3A/x.md']));
      assert.equal(messageJson(msg), JSON.stringify(msg));
      const bytes = await jsonEncoder.encode(msg, { charset: 'utf-8' });
      assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(msg));
    }
    for (const other of [{ jsonrpc: '2.0', id: 3, result: { contents: 'x' } }, { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é' } }, { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'x' } }]) {
      assert.equal(messageJson(other), JSON.stringify(other));
    }
  });
});
