#!/usr/bin/env node
// VS Code for the Web: the web-only variant of the extension (manifest with `browser`, no
// `main`) in code-server's web worker extension host, driven by headless Chromium. The same
// scenario as the desktop UI check (uiCheck.mjs: hover, typos in Problems, quick fix, panel,
// concept page), then the web build's own checks: the extension runs in the web worker host,
// completion offers the term, a workspace glossary is read (through the client); and it reports
// how long after activation the first diagnostics came (the client logs it; the budget is
// 1.5 s). A figure, not an assertion: timings on a shared machine vary too much to fail on.
//
//   node test/vscode/webCheck.mjs --vsix glossaire-0.1.0.vsix [--note examples/01-externalisation.md]
//     [--seed] [--screenshots DIR] [--verbose] [--keep]
//   --vsix: the normal package, from which the web-only variant is made (packageWebVsix);
//   --seed: also run the scenario on the student's notes (../shared, when present).
// Exit code: 0 passed, 1 a check failed, 2 infrastructure error, 124 timeout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  exampleScenario, findWord, hoverWord, parseArgs, poll, readProblems, readSuggestions, runCommand,
  runGlossaireUiCheck, SEED_NOTES, sleep,
} from './uiCheck.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The start-up budget: first diagnostics at most this long after activation (issue 15). */
export const STARTUP_BUDGET_MS = 1500;

/**
 * Packages the web-only variant of the extension: the files `vsce ls` lists for the real
 * package (dist/ must be built), with a manifest that has `browser` and no `main`, so that
 * code-server can only run it in its web worker extension host.
 * @returns {string} path of the .vsix (in a temporary folder the caller removes)
 */
export function packageWebVsix(root = REPO) {
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const ls = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`vsce ls failed: ${ls.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossaire-web-vsix-'));
  for (const rel of ls.stdout.split('\n').map((l) => l.trim()).filter(Boolean)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(path.join(root, rel), path.join(dir, rel));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!manifest.browser) throw new Error('package.json has no "browser" entry');
  delete manifest.main;
  delete manifest.scripts; // dist/ is built already: no vscode:prepublish
  manifest.name = `${manifest.name}-web`; // never mistaken for the real package
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.copyFileSync(path.join(root, '.vscodeignore'), path.join(dir, '.vscodeignore'));
  const out = path.join(dir, `${manifest.name}-${manifest.version}.vsix`);
  const pack = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { cwd: dir, encoding: 'utf8' });
  if (pack.status !== 0 || !fs.existsSync(out)) throw new Error(`vsce package (web) failed: ${pack.stdout}\n${pack.stderr}`);
  return out;
}

/** A small course of the project's own making: a glossary file and a note using its term. */
const COURSE = {
  folder: 'reseaux',
  glossary: 'reseaux.glossaire.json',
  note: 'cours.md',
  definition: 'Équipement qui achemine les paquets entre deux réseaux',
  json: {
    name: 'Réseaux', language: 'fr',
    categories: [{ id: 'materiel', label: 'Matériel' }],
    entries: [{
      id: 'routeur', term: 'routeur', category: 'materiel', forms: ['routeurs'],
      definition: 'Équipement qui achemine les paquets entre deux réseaux, d’après leur adresse de destination.',
      misspellings: ['routeru'],
    }],
  },
  text: '# Réseaux\n\nLe routeur relie le réseau du client à celui du prestataire.\nUn routeru mal configuré coupe le site.\n',
};

/** Opens a workspace file through Quick Open (the side bar may show another view). */
async function quickOpen(page, rel) {
  // F1 then a text without '>' is Quick Open (Ctrl+P can reach the browser instead).
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(rel);
  await poll(async () => (await page.locator('.quick-input-widget .monaco-list-row').count()) > 0, { timeout: 10_000, what: `"${rel}" in Quick Open` });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^=${JSON.stringify(path.basename(rel))}]`).waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** The web build's own checks, run after the shared scenario (see uiCheck.mjs extraSteps). */
function webSteps(name) {
  return async ({ page, step, check, report, shot }) => {
    await step('web worker host', async () => {
      // The shared scenario may end in a quick input (the quiz): close it first.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
      await sleep(300);
      // The list is virtualised: only the rows that fit are in the page, and neither keys nor
      // the wheel moved it reliably here (the rows seen stayed the top ones until the timeout).
      // A window tall enough for every extension's row makes scrolling needless.
      const size = page.viewportSize() ?? { width: 1280, height: 800 };
      await page.setViewportSize({ width: size.width, height: 2400 });
      let row;
      try {
        await runCommand(page, 'Developer: Show Running Extensions');
        const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
        await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
        let last = '';
        // The rows fill in while extensions start.
        row = await poll(async () => {
          const texts = await rows.allInnerTexts();
          last = texts.join('\n');
          for (const text of texts) if (/Glossaire/.test(text)) return text.replace(/\s+/g, ' ');
          return null;
        }, { timeout: 30_000, interval: 300, what: 'Glossaire in Running Extensions' }).catch(async (e) => {
          await shot(page, 'web-running-extensions-failed');
          throw new Error(`${e.message}; rows seen last: ${JSON.stringify(last.slice(0, 600))}`);
        });
        await shot(page, 'web-running-extensions');
      } finally {
        await page.setViewportSize(size);
      }
      report.runningExtension = row;
      check(/web worker/i.test(row), `Glossaire runs in the web worker extension host (row: ${JSON.stringify(row)})`);
    });

    await step('completion', async () => {
      await quickOpen(page, name);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Le contrat d’infog', { delay: 20 });
      await sleep(300);
      const labels = await poll(async () => {
        await page.keyboard.press('Escape');
        const l = await readSuggestions(page, { timeout: 5000 }).catch(() => []);
        return l.some((x) => x.startsWith('infogérance')) ? l : null;
      }, { timeout: 20_000, interval: 300, what: '"infogérance" among the suggestions' });
      report.suggestions = labels;
      check(labels.some((x) => x.startsWith('infogérance')), `completion offers "infogérance" (got ${JSON.stringify(labels)})`);
      await page.keyboard.press('Escape');
    });

    await step('workspace glossary', async () => {
      await quickOpen(page, `${COURSE.folder}/${COURSE.note}`);
      const text = await hoverWord(page, 'routeur', { expect: COURSE.definition, timeout: 30_000 });
      check(text.includes(COURSE.definition), `the course glossary's definition shows in the hover (got ${JSON.stringify(text.slice(0, 120))})`);
      await page.keyboard.press('Escape');
      const rows = await poll(async () => {
        const r = (await readProblems(page)).filter((x) => /routeru/.test(x.ariaLabel + x.text));
        return r.length ? r : null;
      }, { timeout: 20_000, what: 'the course typo "routeru" in Problems' });
      check(rows.some((r) => /routeur/.test((r.ariaLabel + r.text).replace(/routeru/g, ''))), 'Problems proposes "routeur" for "routeru"');
      await shot(page, 'web-course');
    });

    await step('start-up time', async () => {
      await runCommand(page, 'Glossaire: Show the Server Log');
      const editor = page.locator('.part.panel .output-view .monaco-editor').first();
      await editor.waitFor({ state: 'visible', timeout: 15_000 });
      // The log follows its end and only visible lines are in the page: read it from the top
      // (its lines wrap: words may be a line break apart).
      const box = await editor.boundingBox();
      let log = '';
      const m = await poll(async () => {
        if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('Control+Home');
        log = '';
        for (let i = 0; i < 20; i++) {
          log += `${await editor.locator('.view-lines').innerText()}\n`;
          const hit = /First\s+diagnostics\s+(\d+)\s+ms\s+after\s+activation/.exec(log);
          if (hit) return hit;
          await page.keyboard.press('PageDown');
          await sleep(100);
        }
        return null;
      }, { timeout: 15_000, what: 'the start-up line in the server log' });
      await shot(page, 'web-server-log');
      report.startupMs = Number(m[1]);
      const lexicon = /lexicon\s+\(\d+\s+words\)\s+fetched\s+in\s+(\d+)\s+ms/.exec(log);
      if (lexicon) report.lexiconFetchMs = Number(lexicon[1]);
    });
  };
}

/**
 * Runs the web scenario on one note with the web-only .vsix.
 * @param {{webVsix: string, scenario: object, screenshots?: string, verbose?: boolean, keep?: boolean, log?: (m: string) => void, timeout?: number}} o
 */
export async function runWebCheck(o) {
  const name = o.scenario.name ?? 'notes.md';
  return runGlossaireUiCheck({
    vsix: o.webVsix, ...o.scenario, screenshots: o.screenshots, verbose: o.verbose, keep: o.keep, log: o.log,
    timeout: o.timeout ?? 240_000,
    // No glossaire.glossaries: the course glossary is found in the workspace (discovery, through
    // the client's file listing) and applies to its folder's notes only.
    prepare: (workspace) => {
      fs.mkdirSync(path.join(workspace, COURSE.folder));
      fs.writeFileSync(path.join(workspace, COURSE.folder, COURSE.glossary), JSON.stringify(COURSE.json, null, 2));
      fs.writeFileSync(path.join(workspace, COURSE.folder, COURSE.note), COURSE.text);
    },
    extraSteps: webSteps(name),
  });
}

async function main() {
  const log = (m) => process.stderr.write(`[webCheck] ${m}\n`);
  let a;
  try {
    a = parseArgs(process.argv.slice(2), { boolean: ['verbose', 'keep', 'seed'] });
    if (!a.vsix || !fs.existsSync(a.vsix)) throw new Error(`--vsix FILE is required and must exist (${a.vsix})`);
  } catch (e) {
    log(e.message);
    return 2;
  }
  let webVsix;
  try {
    webVsix = packageWebVsix();
    log(`web-only variant: ${path.basename(webVsix)} (${(fs.statSync(webVsix).size / 1e6).toFixed(2)} MB)`);
  } catch (e) {
    log(`ERROR: ${e.message}`);
    return 2;
  }
  const runs = [{ label: 'example note', scenario: exampleScenario(path.resolve(REPO, a.note ?? 'examples/01-externalisation.md')) }];
  if (a.seed && fs.existsSync(SEED_NOTES)) runs.push({ label: "student's notes", scenario: {} });
  let failed = 0;
  try {
    for (const run of runs) {
      const t0 = Date.now();
      const report = await runWebCheck({
        webVsix, scenario: run.scenario, verbose: a.verbose, keep: a.keep, log,
        screenshots: a.screenshots && path.resolve(a.screenshots, run.label.replace(/\W+/g, '-')),
      });
      process.stdout.write(`${JSON.stringify({ run: run.label, ...report }, null, 2)}\n`);
      for (const f of report.failures) log(`FAILED (${run.label}): ${f}`);
      const over = report.startupMs > STARTUP_BUDGET_MS ? ` — OVER the ${STARTUP_BUDGET_MS} ms budget` : '';
      log(`web check on the ${run.label}: ${report.failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `first diagnostics ${report.startupMs ?? '?'} ms after activation${over} (lexicon fetched in ${report.lexiconFetchMs ?? '?'} ms)`);
      if (report.failures.length) failed++;
    }
  } catch (e) {
    log(`ERROR: ${e.stack ?? e}`);
    return e.code === 'ETIMEDOUT' ? 124 : 2;
  } finally {
    fs.rmSync(path.dirname(webVsix), { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(await main());
}
