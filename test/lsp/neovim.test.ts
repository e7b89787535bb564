/**
 * Neovim's built-in LSP client (headless) against `node dist/server.js --stdio`: the project's
 * example note (and the student's notes, where present) get their diagnostics and a hover, as in
 * any third-party editor.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER } from './lspClient';

const ROOT = join(__dirname, '..', '..', '..');
const SEED = join(ROOT, '..', 'shared', 'seed', '000_2ff0680cae5e3f54.txt');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = nvim.status === 0;
if (!hasNvim) {
  const msg = 'NEOVIM NOT INSTALLED: the Neovim LSP test is SKIPPED (apt-get install neovim)';
  if (process.env.CI) throw new Error(msg + ' — required under CI');
  process.stderr.write(`\n*** ${msg} ***\n\n`);
}

/** Opens `text` as a note in headless Neovim with the server; hovers the first `hoverWord`. */
function inNeovim(text: string, hoverWord: string): { diagnostics: { lnum: number; message: string; source: string }[]; hover: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'glossaire-nvim-'));
  try {
    const file = join(dir, 'notes.md');
    writeFileSync(file, text);
    const out = join(dir, 'out.json');
    const before = text.slice(0, text.indexOf(hoverWord));
    const line = before.split('\n').length - 1;
    const char = before.length - before.lastIndexOf('\n') - 1;
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(ROOT, 'test', 'lsp', 'neovim.lua')}`], {
      env: { ...process.env, GLOSSAIRE_SERVER: SERVER, GLOSSAIRE_FILE: file, GLOSSAIRE_OUT: out, GLOSSAIRE_LINE: String(line), GLOSSAIRE_CHAR: String(char) },
      encoding: 'utf8',
      timeout: 30000,
    });
    assert.ok(existsSync(out), `no result from nvim: ${r.stderr} ${r.stdout}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Neovim shows the diagnostics and a hover of the project’s example note', { skip: !hasNvim && 'nvim missing' }, () => {
  const res = inNeovim(readFileSync(join(ROOT, 'examples', '01-externalisation.md'), 'utf8'), 'externalisation');
  assert.deepEqual(res.diagnostics.map((d) => d.lnum + 1), [5, 26, 39, 44]);
  assert.ok(res.diagnostics.every((d) => d.source === 'glossaire'));
  const messages = res.diagnostics.map((d) => d.message).join('\n');
  for (const w of ['Extarnilisation', 'sous traitance', 'externalistion', 'inforgérance']) assert.match(messages, new RegExp(w));
  assert.match(res.hover ?? '', /### externalisation/);
});

(existsSync(SEED) ? test : ((() => undefined) as unknown as typeof test))('extra: Neovim on the student’s notes (../shared/seed)', { skip: !hasNvim && 'nvim missing' }, () => {
  const res = inNeovim(readFileSync(SEED, 'utf8'), 'infogérance');
  assert.equal(res.diagnostics.length, 3);
  assert.deepEqual(res.diagnostics.map((d) => d.source), ['glossaire', 'glossaire', 'glossaire']);
  const messages = res.diagnostics.map((d) => d.message).join('\n');
  for (const w of ['délocation', 'inforgérance', 'eternalisation']) assert.match(messages, new RegExp(w));
  assert.match(res.hover ?? '', /### infogérance/);
});
