#!/usr/bin/env node
// UI checks of a packaged extension in a real VS Code (code-server + headless Chromium): installs
// the .vsix into a fresh code-server, opens a workspace folder and a file, then runs the checks
// asked for on the command line and prints a JSON report. The assertions specific to Glossaire are
// meant to be written on top of the helpers re-exported here (see codeServer.mjs for their docs):
//
//   import { withCodeServer, openWorkbench, openFile, hoverWord, ... } from './uiCheck.mjs';
//
// CLI:
//   node test/vscode/uiCheck.mjs --vsix FILE.vsix --workspace DIR [--file REL]
//     [--hover WORD [--expect TEXT]]...   hover WORD; the i-th --expect must be in the i-th hover
//     [--problems] [--squiggles] [--view LABEL]... [--suggest-at WORD]
//     [--screenshots DIR] [--settings JSON] [--timeout SECONDS (180)] [--verbose] [--keep]
// Exit code: 0 all checks passed, 1 a check failed, 2 infrastructure error, 124 timeout.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  findWord, hoverWord, openActivityView, openFile, parseArgs, readProblems, readSquiggles,
  readSuggestions, screenshot, sleep, waitForWorkbench, withCodeServer, workbenchUrl,
} from './codeServer.mjs';

export * from './codeServer.mjs';

/**
 * Navigates the page to the workbench for `folder` and waits until it and its Explorer are ready.
 * @param {any} page Playwright page (from withCodeServer)
 * @param {import('./codeServer.mjs').CodeServer} server
 * @param {string} folder absolute path of the workspace folder
 * @param {{timeout?: number}} [opts]
 */
export async function openWorkbench(page, server, folder, { timeout = 60_000 } = {}) {
  await page.goto(workbenchUrl(server, { folder }), { waitUntil: 'domcontentloaded' });
  await waitForWorkbench(page, { timeout });
}

/**
 * Runs the checks described by `o` and returns a report; `report.failures` lists failed checks.
 * @param {{vsix: string[], workspace: string, file?: string, hover?: string[], expect?: string[],
 *          problems?: boolean, squiggles?: boolean, view?: string[], suggestAt?: string,
 *          screenshots?: string, settings?: object, verbose?: boolean, keep?: boolean,
 *          timeout?: number}} o  timeout: ms for the whole run (rejects with code ETIMEDOUT)
 */
export async function runUiChecks(o) {
  const report = { failures: [], hovers: [], views: {}, screenshots: [] };
  const shots = o.screenshots;
  const shot = async (page, name, opts) => {
    if (shots) report.screenshots.push(await screenshot(page, shots, name, opts));
  };
  const check = (ok, msg) => { if (!ok) report.failures.push(msg); };
  await withCodeServer(
    { vsix: o.vsix, settings: o.settings, verbose: o.verbose, keep: o.keep, timeout: o.timeout },
    async ({ server, page }) => {
      await openWorkbench(page, server, o.workspace);
      if (o.file) {
        await openFile(page, o.file);
        await sleep(500); // let the editor settle (tokenisation, decorations) before shooting
        await shot(page, '01-file');
      }
      for (const [i, word] of (o.hover ?? []).entries()) {
        const expect = o.expect?.[i];
        let text = '';
        try {
          text = await hoverWord(page, word, { expect });
        } catch (e) {
          check(false, `hover "${word}": ${e.message}`);
        }
        report.hovers.push({ word, text });
        await shot(page, `hover-${word}`);
      }
      if (o.squiggles) report.squiggles = await readSquiggles(page);
      if (o.suggestAt) {
        const pos = await findWord(page, o.suggestAt);
        check(!!pos, `suggest: word "${o.suggestAt}" not found`);
        if (pos) {
          await page.mouse.click(pos.x, pos.y);
          await page.keyboard.press('End');
          report.suggestions = await readSuggestions(page).catch((e) => {
            check(false, `suggest: ${e.message}`);
            return [];
          });
          await shot(page, 'suggest');
          await page.keyboard.press('Escape');
        }
      }
      if (o.problems) {
        report.problems = await readProblems(page);
        await shot(page, 'problems');
      }
      for (const label of o.view ?? []) {
        try {
          report.views[label] = await openActivityView(page, label);
        } catch (e) {
          check(false, `view "${label}": ${e.message}`);
        }
        await shot(page, `view-${label}`);
      }
    },
  );
  return report;
}

async function main() {
  const log = (m) => process.stderr.write(`[uiCheck] ${m}\n`);
  let a;
  try {
    a = parseArgs(process.argv.slice(2), {
      boolean: ['problems', 'squiggles', 'verbose', 'keep', 'help'],
      multi: ['vsix', 'hover', 'expect', 'view'],
    });
    if (a.help) {
      process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8')
        .split('\n').filter((l) => l.startsWith('//')).join('\n') + '\n');
      return 0;
    }
    if (!a.vsix?.length) throw new Error('--vsix is required');
    if (!a.workspace) throw new Error('--workspace is required');
    a.vsix = a.vsix.map((f) => path.resolve(f));
    a.workspace = path.resolve(a.workspace);
    for (const f of [...a.vsix, a.workspace]) if (!fs.existsSync(f)) throw new Error(`${f} does not exist`);
    if (a.screenshots) a.screenshots = path.resolve(a.screenshots);
    if (a.settings) a.settings = JSON.parse(a.settings);
  } catch (e) {
    log(e.message);
    return 2;
  }
  const timeoutS = Number(a.timeout ?? process.env.GLOSSAIRE_E2E_TIMEOUT ?? 180);
  const t0 = Date.now();
  try {
    const report = await runUiChecks({ ...a, suggestAt: a['suggest-at'], timeout: timeoutS * 1000 });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const f of report.failures) log(`FAILED: ${f}`);
    log(`${report.failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return report.failures.length ? 1 : 0;
  } catch (e) {
    log(`ERROR: ${e.stack ?? e}`);
    return e.code === 'ETIMEDOUT' ? 124 : 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(await main());
}
