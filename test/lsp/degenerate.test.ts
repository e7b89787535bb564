/**
 * Degenerate loads (issue 13 item 11), through the real server: a note with thousands of
 * findings publishes at most `maxDiagnostics` of them plus one diagnostic saying how many more
 * there are; on a note whose publish is slow, a burst of edits is not published version by
 * version, and the final version always is.
 */

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { SERVER, TestClient } from './lspClient';

const built = existsSync(SERVER);
const clients: TestClient[] = [];
after(() => {
  for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
});

/** A note of `n` lines, each with one known misspelling at its start. */
const N = Number(process.env.GLOSSAIRE_TEST_N ?? 10_000);
const typos = (n: number) => 'inforgérance du SI.\n'.repeat(n);

describe('language server: degenerate loads', { skip: !built && 'dist/server.js not built' }, () => {
  test('at most maxDiagnostics per note (default 1000), then one diagnostic saying how many more', async () => {
    const client = await TestClient.start({ settings: { indexWorkspace: false } });
    clients.push(client);
    const uri = 'file:///beaucoup.md';
    await client.open(uri, typos(1500));
    const d = await client.diagnosticsFor(uri, 1, 20_000);
    assert.equal(d.length, 1001);
    assert.ok(d.slice(0, 1000).every((x) => x.code === 'glossaire.known-misspelling'));
    const last = d[1000];
    assert.equal(last.code, 'glossaire.too-many');
    assert.match(String(last.message), /^500 autre\(s\) faute\(s\).*glossaire\.maxDiagnostics/);
    assert.deepEqual(last.range.start, { line: 1000, character: 0 }, 'at the first finding left out');
    // Under the cap: no summary.
    const few = 'file:///peu.md';
    await client.open(few, typos(3));
    assert.deepEqual((await client.diagnosticsFor(few, 1, 10_000)).map((x) => x.code), Array(3).fill('glossaire.known-misspelling'));
    assert.equal(await client.stop(), 0);
  });

  test('maxDiagnostics is a setting; a value of the wrong type falls back to the default', async () => {
    for (const [value, expected] of [[10, 11], ['beaucoup', 1001], [0, 1001]] as const) {
      const settings = { indexWorkspace: false, maxDiagnostics: value };
      const client = await TestClient.start({ settings, initializationOptions: { settings }, locale: 'en' });
      clients.push(client);
      const uri = 'file:///n.md';
      await client.open(uri, typos(1200));
      const d = await client.diagnosticsFor(uri, 1, 20_000);
      assert.equal(d.length, expected, `maxDiagnostics ${JSON.stringify(value)}`);
      assert.match(String(d[d.length - 1].message), /more glossary typo\(s\) in this note are not shown/);
      assert.equal(await client.stop(), 0);
    }
  });

  test('a burst of edits on a slow note is not published version by version; the last version is', async () => {
    // N findings all published (cap raised): each publish takes far more than a keystroke.
    const settings = { indexWorkspace: false, maxDiagnostics: 1_000_000 };
    const client = await TestClient.start({ settings, initializationOptions: { settings } });
    clients.push(client);
    const uri = 'file:///lente.md';
    const published: number[] = [];
    client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      if (p.uri === uri && p.version !== undefined) published.push(p.version);
      client.diagnostics.set(p.uri, p as never);
      (client as unknown as { fire(): void }).fire();
    });
    await client.open(uri, typos(N));
    await client.diagnosticsFor(uri, 1, 60_000);
    const burst = 15;
    for (let v = 2; v <= burst + 1; v++) {
      await client.change(uri, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    }
    const final = await client.diagnosticsFor(uri, burst + 1, 60_000).catch((e) => {
      throw new Error(`${(e as Error).message}; published ${published.join(',')}; logs ${client.logs.join('\n').slice(-1000)}`);
    });
    // The final text's findings (line 0 now starts with "xxx…inforgérance").
    assert.ok(final.length >= N - 1, String(final.length));
    const intermediate = new Set(published.filter((v) => v > 1 && v <= burst));
    assert.ok(intermediate.size < burst - 1, `every intermediate version was published: ${[...intermediate].join(',')}`);
    assert.equal(await client.stop(), 0);
  });
});
