/**
 * Incremental edits through the real dist/server.js: after many random didChange events (typing
 * and deleting in prose, line breaks typed and removed in every style, several changes in one
 * event, bursts sent without waiting), the diagnostics and semantic tokens of the edited note
 * are those of the same text opened afresh. The server updates its documents in place and
 * defers copies until the diagnostics are out (document.ts, incremental.ts): this checks that
 * nothing of it shows.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';
import { createRandom, TERMS, TYPOS } from '../unit/fuzzText';

const ROOT = join(__dirname, '..', '..', '..');
const built = existsSync(join(ROOT, 'dist', 'server.js'));

/** Diagnostics as compared (their data carries no version: a fresh open must give the same). */
function comparable(diags: Diagnostic[]): unknown[] {
  return diags;
}

/** A random change of `doc`: mostly typing in a line, sometimes line breaks, pasted terms, deletions across lines. */
function randomChange(r: () => number, doc: TextDocument, eol: string): TextDocumentContentChangeEvent {
  const line = Math.floor(r() * doc.lineCount);
  const length = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/[\r\n]+$/, '').length;
  const character = Math.floor(r() * (length + 1));
  const at = { line, character };
  const x = r();
  const pick = (list: string[]) => list[Math.floor(r() * list.length)];
  if (x < 0.45) return { range: { start: at, end: at }, text: 'aeinorstuléèàç ’-'[Math.floor(r() * 17)] };
  if (x < 0.6) return { range: { start: at, end: { line, character: Math.min(length, character + 1 + Math.floor(r() * 3)) } }, text: '' };
  if (x < 0.7) return { range: { start: at, end: at }, text: ` ${pick(r() < 0.5 ? TERMS : TYPOS)}` };
  if (x < 0.8) return { range: { start: at, end: at }, text: pick([eol, '\n', '\r\n', '\r', eol + eol, '\n- ']) };
  if (x < 0.9) {
    // Join this line with the next one (removes a line break, whatever it is).
    return { range: { start: { line, character: length }, end: { line: line + 1, character: 0 } }, text: r() < 0.5 ? '' : ' ' };
  }
  // Across lines, replaced by a word.
  const end = { line: Math.min(doc.lineCount - 1, line + 1 + Math.floor(r() * 2)), character: Math.floor(r() * 10) };
  return { range: { start: at, end }, text: pick(TYPOS) };
}

describe('language server: incremental edits', { skip: !built && 'dist/server.js not built' }, () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  /** The diagnostics and semantic tokens of a text opened afresh. */
  async function fresh(text: string, k: number): Promise<{ diags: unknown[]; tokens: number[] }> {
    const uri = `file:///frais-${k}.md`;
    await client.open(uri, text);
    const diags = comparable(await client.diagnosticsFor(uri, 1, 20_000));
    const tokens = (await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })).data;
    await client.close(uri);
    return { diags, tokens };
  }

  const notes = ['01-externalisation.md', '02-cloud.md', '03-delocalisation.md'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
  const long = Array.from({ length: 8 }, (_, k) => notes[k % 3]).join('\n');

  for (const [name, eol, text] of [
    ['\\n', '\n', long],
    ['\\r\\n', '\r\n', long.replace(/\n/g, '\r\n')],
    ['\\r', '\r', long.replace(/\n/g, '\r')],
    ['NFD', '\n', long.normalize('NFD')],
  ] as const) {
    test(`random edits of a ${name} note end with the diagnostics of the same text opened afresh`, async () => {
      const uri = `file:///edite-${name.replace(/\W/g, '')}.md`;
      const r = createRandom(name.length * 31 + text.length);
      let doc = TextDocument.create(uri, 'markdown', 1, text);
      await client.open(uri, text);
      await client.diagnosticsFor(uri, 1, 20_000);
      let version = 1;
      for (let k = 0; k < 120; k++) {
        // Mostly one change per event, sometimes several (each in the text the previous left),
        // sometimes a burst of events sent without waiting for their diagnostics.
        const events = r() < 0.1 ? 2 + Math.floor(r() * 6) : 1;
        for (let e = 0; e < events; e++) {
          const changes: TextDocumentContentChangeEvent[] = [];
          const count = r() < 0.15 ? 2 + Math.floor(r() * 2) : 1;
          let scratch = doc;
          for (let c = 0; c < count; c++) {
            const change = randomChange(r, scratch, eol);
            changes.push(change);
            scratch = TextDocument.create(uri, 'markdown', 0, scratch.getText());
            TextDocument.update(scratch, [change], 0);
          }
          version++;
          doc = TextDocument.update(doc, changes, version);
          await client.change(uri, version, changes);
        }
        const diags = comparable(await client.diagnosticsFor(uri, version, 20_000));
        if (k % 15 === 14 || k === 119) {
          const tokens = (await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })).data;
          const expected = await fresh(doc.getText(), version);
          assert.deepEqual(diags, expected.diags, `edit ${k}, version ${version}`);
          assert.deepEqual(tokens, expected.tokens, `semantic tokens, edit ${k}`);
        }
      }
      await client.close(uri);
    });
  }
});
