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
//
//   node test/vscode/uiCheck.mjs --glossaire --vsix FILE.vsix [--notes FILE] [--screenshots DIR]
//     Glossaire's own scenario (runGlossaireUiCheck below) on the student's notes.
//   node test/vscode/uiCheck.mjs --glossaire --vsix FILE.vsix --note examples/01-externalisation.md
//     [--typo WRITTEN=FIX]... [--course DIR] [--screenshots DIR]
//     The same scenario on one of the project's example notes: its planted typos are read from
//     examples/README.md (or given with --typo), the hovered word is the note's first
//     "infogérance" (any case), the first typo gets the quick fix (`npm run screenshots`).
//     --course DIR copies a course folder (its glossaire.md and notes) beside the note: the Study
//     view must show one root per course and the quiz must ask which course first.
// Exit code: 0 all checks passed, 1 a check failed, 2 infrastructure error, 124 timeout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  findWord, hoverWord, openActivityView, openFile, parseArgs, poll, readProblems, readSquiggles,
  readSuggestions, runCommand, screenshot, sleep, waitForWorkbench, withCodeServer, workbenchUrl,
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

// ------------------------------------------------------------------------------------------------
// Glossaire's scenario: the packaged extension on the student's real notes.
// ------------------------------------------------------------------------------------------------

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The student's notes (never committed: copied into a temporary workspace at test time). */
export const SEED_NOTES = process.env.GLOSSAIRE_SEED_NOTES || '/work/shared/seed/000_2ff0680cae5e3f54.txt';

/** The three typos of the student's notes and their fixes (the first one gets the quick fix). */
export const SEED_TYPOS = [
  { written: 'délocation', fix: 'délocalisation' },
  { written: 'inforgérance', fix: 'infogérance' },
  { written: 'eternalisation', fix: 'externalisation' },
];

/** Concepts the "In This Note" view must list for the student's notes. */
export const SEED_IN_NOTE = ['externalisation', 'infogérance', 'délocalisation', 'offshore', 'nearshore', 'cloud computing', 'SaaS'];

/**
 * The planted typos of an example note, from the table of examples/README.md
 * (| `file` | line | `written` … | `fix` | kind |).
 * @param {string} file path or name of the note (only its base name is used)
 * @returns {Array<{written: string, fix: string, line: number}>}
 */
export function exampleTypos(file, readme = path.join(REPO, 'examples/README.md')) {
  const name = path.basename(file);
  const code = (cell) => /`([^`]+)`/.exec(cell ?? '')?.[1];
  return fs.readFileSync(readme, 'utf8').split('\n')
    .map((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => code(c[1]) === name && code(c[3]) && code(c[4]))
    .map((c) => ({ written: code(c[3]), fix: code(c[4]), line: Number(c[2]) }));
}

/**
 * The options of runGlossaireUiCheck for one of the project's example notes: its typos (from
 * examples/README.md unless given), the note's own spelling of its first "infogérance" to hover,
 * and, for "In This Note", the glossary terms written as such (any case, whole words) in the
 * note's prose — code blocks, inline code and link destinations left out — plus the term that the
 * quick fix writes.
 * @param {string} note path of the note
 * @param {{typos?: Array<{written: string, fix: string}>}} [o]
 */
export function exampleScenario(note, { typos } = {}) {
  const text = fs.readFileSync(note, 'utf8');
  typos = typos?.length ? typos : exampleTypos(note);
  if (!typos.length) throw new Error(`no planted typos for ${path.basename(note)} in examples/README.md (give --typo WRITTEN=FIX)`);
  const hover = /(?<![\p{L}\p{N}_])infogérance(?![\p{L}\p{N}_])/iu.exec(text.normalize('NFC'))?.[0];
  if (!hover) throw new Error(`${note} never writes "infogérance": nothing to hover`);
  const glossary = JSON.parse(fs.readFileSync(path.join(REPO, 'glossary/externalisation.json'), 'utf8'));
  const prose = text.normalize('NFC').replace(/^(```|~~~)[^]*?^\1/gm, ' ').replace(/`[^`\n]*`/g, ' ').replace(/\]\([^)]*\)/g, ' ');
  const esc = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const written = (w) => new RegExp(`(?<![\\p{L}\\p{N}_-])${esc(w)}(?![\\p{L}\\p{N}_-])`, 'iu').test(prose);
  const fixedTerm = glossary.entries.find((e) => e.term.toLowerCase() === typos[0].fix.toLowerCase())?.term;
  const inNote = glossary.entries.map((e) => e.term).filter((t) => t === fixedTerm || written(t));
  return { notes: note, name: path.basename(note), typos, hover, inNote };
}

/** Rows (aria-labels) of one section of the side bar, scrolling it to collect every row. */
/** Folds (open = false) or unfolds a side-bar pane; its header toggles it. */
export async function setPaneOpen(page, headerStart, open) {
  const header = page.locator(`.part.sidebar .pane-header[aria-label^=${JSON.stringify(headerStart)}]`).first();
  if ((await header.count()) === 0) return;
  const want = open ? 'true' : 'false';
  if ((await header.getAttribute('aria-expanded')) !== want) {
    await header.click();
    await poll(async () => (await header.getAttribute('aria-expanded')) === want,
      { timeout: 5000, what: `"${headerStart}" ${open ? 'unfolded' : 'folded'}` }).catch(() => {});
  }
}

export async function readPaneRows(page, headerStart, { timeout = 15_000, minRows = 1 } = {}) {
  const pane = page.locator('.part.sidebar .pane', {
    has: page.locator(`.pane-header[aria-label^=${JSON.stringify(headerStart)}]`),
  }).first();
  await pane.waitFor({ state: 'visible', timeout });
  const rows = pane.locator('.monaco-list-row');
  await poll(async () => (await rows.count()) >= minRows, { timeout, what: `${minRows} rows in "${headerStart}"` });
  const seen = new Map();
  const list = pane.locator('.monaco-list').first();
  const box = await list.boundingBox();
  for (let i = 0; i < 40; i++) {
    const before = seen.size;
    for (const r of await rows.all()) {
      const label = (await r.getAttribute('aria-label')) ?? '';
      const index = Number(await r.getAttribute('data-index'));
      if (!seen.has(index)) seen.set(index, label);
    }
    if (i > 0 && seen.size === before) break;
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, box.height * 0.8);
      await sleep(150);
    }
  }
  if (box) {
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, -box.height);
    await poll(async () => (await pane.locator('.monaco-list-row[data-index="0"]').count()) > 0,
      { timeout: 5000, what: `"${headerStart}" scrolled back to the top` }).catch(() => {});
    await park(page);
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
}

/** Puts the pointer on the empty middle of the title bar, where it raises no hover or tooltip. */
export async function park(page) {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.mouse.move(Math.round(size.width * 0.85), 12);
}

/**
 * Squiggles of the whole active editor: the visible ones, and when `expected` texts are missing,
 * those met while paging it down (PageDown; then Ctrl+Home puts the cursor back at the top).
 * Deduplicated by position in the document.
 */
async function readAllSquiggles(page, expected = []) {
  const seen = new Map();
  const add = (list) => { for (const s of list) seen.set(`${s.top}:${s.text}`, s); };
  const all = () => [...seen.values()];
  add(await readSquiggles(page));
  if (expected.every((t) => all().some((s) => s.text === t))) return all();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  // The editor's top in its content, in px (Monaco moves .lines-content up by scrollTop).
  const scrollTop = () => editor.locator('.lines-content').first()
    .evaluate((el) => -parseFloat(el.style.top || '0')).catch(() => 0);
  await editor.locator('.native-edit-context, textarea.inputarea').first().focus();
  for (let i = 0; i < 50; i++) {
    const before = await scrollTop();
    await page.keyboard.press('PageDown');
    await sleep(150);
    add(await readSquiggles(page));
    if ((await scrollTop()) <= before) break;
  }
  await page.keyboard.press('Control+Home');
  await poll(async () => (await scrollTop()) <= 0, { timeout: 5000, what: 'the editor back at the top' }).catch(() => {});
  return all();
}

/** Number of visible whole-word occurrences of `word` in the active editor. */
async function countWord(page, word) {
  let n = 0;
  while (n < 100 && (await findWord(page, word, n))) n++;
  return n;
}

/** Moves the pointer off the editor and closes any hover or widget. */
export async function calm(page) {
  await page.keyboard.press('Escape');
  await park(page);
  await poll(async () => !(await page.locator('.monaco-hover:not(.hidden)').count()),
    { timeout: 5000, what: 'the hover to close' }).catch(() => {});
}

/**
 * Glossaire in the browser, from its .vsix, on the student's notes (notes.md) by default: the
 * hover over "infogérance" shows its definition; the three typos are squiggled and listed in
 * Problems; the preferred quick fix repairs the first; the Glossaire panel lists the concepts by
 * category and "In This Note" the note's concepts. Saves hover, problems, quickfix, panel and
 * definition screenshots. Returns a report whose `failures` lists the failed checks.
 * Another note (e.g. an example note, see exampleScenario) comes with its own `typos`, `hover`
 * word, `inNote` terms and `name` (its file name in the temporary workspace).
 * `prepare(workspace)` may add files to the workspace (with `courseTitle`: a course folder, whose
 * course the Study view and the quiz must offer; `--course DIR` copies one), `settings` are added to the user settings,
 * and `extraSteps({page, server, step, check, report, shot})` runs more checks at the end (the web
 * build's own: webCheck.mjs).
 * @param {{vsix: string, notes?: string, name?: string, typos?: Array<{written: string, fix: string}>,
 *          hover?: string, inNote?: string[], screenshots?: string, timeout?: number,
 *          verbose?: boolean, keep?: boolean, log?: (m: string) => void,
 *          settings?: object, prepare?: (workspace: string) => void, courseTitle?: string,
 *          extraSteps?: (ctx: object) => Promise<void>}} o
 */
export async function runGlossaireUiCheck(o) {
  const log = o.log ?? ((m) => process.stderr.write(`[uiCheck] ${m}\n`));
  const report = { failures: [], steps: {}, hover: '', problems: [], views: {}, screenshots: [] };
  const check = (ok, msg) => { if (!ok) report.failures.push(msg); return ok; };
  const step = async (name, fn) => {
    const t = Date.now();
    try {
      await fn();
    } catch (e) {
      check(false, `${name}: ${e.message}`);
    }
    report.steps[name] = Date.now() - t;
    log(`${name}: ${report.steps[name]} ms`);
  };
  const shot = async (page, name) => {
    await park(page); // no tooltip from the pointer
    await poll(async () => !(await page.locator('.monaco-hover:not(.hidden), .workbench-hover-container').count()),
      { timeout: 3000, what: 'tooltips to close' }).catch(() => {});
    if (o.screenshots) report.screenshots.push(await screenshot(page, o.screenshots, name));
  };
  const notes = o.notes ?? SEED_NOTES;
  if (!fs.existsSync(notes)) throw new Error(`the student's notes are missing: ${notes} (set GLOSSAIRE_SEED_NOTES)`);
  const name = o.name ?? 'notes.md';
  const typos = o.typos ?? SEED_TYPOS;
  const hover = o.hover ?? 'infogérance';
  const inNoteTerms = o.inNote ?? SEED_IN_NOTE;
  const [fixed] = typos; // the typo repaired by the quick fix
  const isFileRow = (r) => r.text.startsWith(name);
  const glossary = JSON.parse(fs.readFileSync(path.join(REPO, 'glossary/externalisation.json'), 'utf8'));
  const definitionStart = glossary.entries.find((e) => e.id === 'infogerance').definition.slice(0, 40);
  const hovered = glossary.entries.find((e) => e.term.toLowerCase() === hover.toLowerCase());
  if (!hovered) throw new Error(`"${hover}" is not a glossary term: nothing to check in its hover`);
  const hoverStart = hovered.definition.slice(0, 40);
  // A readable folder name: it shows in the title bar and the Explorer of the screenshots.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glossaire-ui-'));
  const workspace = path.join(tmp, 'cours-externalisation');
  fs.mkdirSync(workspace);
  fs.copyFileSync(notes, path.join(workspace, name));
  o.prepare?.(workspace);
  try {
    await withCodeServer(
      {
        vsix: [o.vsix], verbose: o.verbose, keep: o.keep, timeout: o.timeout, log,
        settings: { 'editor.minimap.enabled': false, 'workbench.tips.enabled': false, 'breadcrumbs.enabled': false, ...o.settings },
      },
      async ({ server, page }) => {
        await page.setViewportSize({ width: 1280, height: 800 });
        await openWorkbench(page, server, workspace);
        await openFile(page, name);

        await step('hover', async () => {
          report.hover = await hoverWord(page, hover, { expect: hoverStart, timeout: 60_000 });
          check(report.hover.includes(hoverStart), `hover shows the definition (got ${JSON.stringify(report.hover.slice(0, 120))})`);
          // The hover fades in: shoot once it is opaque.
          await poll(() => page.locator('.monaco-hover:not(.hidden)').first()
            .evaluate((el) => getComputedStyle(el).opacity === '1' && !el.getAnimations().length), { timeout: 3000, what: 'an opaque hover' })
            .catch(() => {});
          if (o.screenshots) report.screenshots.push(await screenshot(page, o.screenshots, 'hover'));
          await calm(page);
        });

        await step('squiggles', async () => {
          const written = typos.map((t) => t.written);
          const found = await poll(async () => {
            const sq = (await readAllSquiggles(page, written)).map((s) => s.text);
            return written.every((t) => sq.includes(t)) ? sq : null;
          }, { timeout: 20_000, what: `the ${typos.length} typos squiggled` });
          report.squiggles = found;
          check(found.length === typos.length, `exactly ${typos.length} squiggles (got ${JSON.stringify(found)})`);
        });

        await step('problems', async () => {
          const rows = await readProblems(page, { minRows: typos.length + 1 });
          report.problems = rows.map((r) => r.ariaLabel || r.text);
          const markers = rows.filter((r) => /glossaire/i.test(r.ariaLabel + r.text) && !isFileRow(r));
          for (const t of typos) {
            check(markers.some((r) => (r.ariaLabel + r.text).includes(t.written) && (r.ariaLabel + r.text).includes(t.fix)),
              `Problems lists "${t.written}" → "${t.fix}"`);
          }
          check(markers.length === typos.length, `Problems has ${typos.length} Glossaire rows (got ${markers.length})`);
          await shot(page, 'problems');
        });

        await step('quickfix', async () => {
          await calm(page);
          const pos = await findWord(page, fixed.written);
          if (!check(!!pos, `"${fixed.written}" visible`)) return;
          const fixesBefore = await countWord(page, fixed.fix);
          const rows = page.locator('.action-widget .monaco-list-row.action');
          // Ctrl+. again when the menu did not come (a loaded machine, diagnostics just republished).
          await poll(async () => {
            await page.keyboard.press('Escape');
            await page.mouse.click(pos.x, pos.y);
            await page.keyboard.press('Control+.');
            return rows.first().waitFor({ state: 'visible', timeout: 5000 }).then(() => true);
          }, { timeout: 20_000, interval: 200, what: 'the quick fix menu' });
          const titles = (await rows.locator('.title').allInnerTexts()).map((t) => t.trim());
          report.quickFixes = titles;
          check((titles[0] ?? '').includes(fixed.fix), `the first quick fix replaces with "${fixed.fix}" (got ${JSON.stringify(titles)})`);
          await shot(page, 'quickfix');
          await page.keyboard.press('Enter');
          await poll(async () => !(await findWord(page, fixed.written)) && (await countWord(page, fixed.fix)) > fixesBefore,
            { timeout: 15_000, what: `"${fixed.written}" replaced by "${fixed.fix}"` });
          const left = await poll(async () => {
            const rows = (await readProblems(page)).filter((r) => /glossaire/i.test(r.ariaLabel + r.text) && !isFileRow(r));
            return rows.length === typos.length - 1 ? rows : null;
          }, { timeout: 15_000, what: `${typos.length - 1} problems left` });
          check(!left.some((r) => (r.ariaLabel + r.text).includes(fixed.written)), 'the fixed typo left Problems');
        });

        await step('panel', async () => {
          await calm(page);
          await page.keyboard.press('Control+J'); // hide the bottom panel: room for the side bar
          await openActivityView(page, 'Glossaire', { minRows: 2 });
          const concepts = await readPaneRows(page, 'Concepts', { minRows: 5 });
          report.views.concepts = concepts;
          for (const c of glossary.categories) {
            check(concepts.some((r) => r.startsWith(c.label)), `Concepts shows the category "${c.label}"`);
          }
          for (const e of glossary.entries) {
            check(concepts.some((r) => r.startsWith(`${e.term},`)), `Concepts lists "${e.term}"`);
          }
          // Three panes share the side bar: fold the two others so that every row of this one
          // can be shown (a virtualised list only renders what fits).
          await setPaneOpen(page, 'Concepts', false);
          await setPaneOpen(page, 'Study', false);
          const inNote = await readPaneRows(page, 'In This Note', { minRows: 5 })
            .catch(() => readPaneRows(page, 'Dans cette note', { minRows: 5 }));
          await setPaneOpen(page, 'Concepts', true);
          await setPaneOpen(page, 'Study', true);
          report.views.inThisNote = inNote;
          for (const term of inNoteTerms) {
            check(inNote.some((r) => r.startsWith(`${term} —`)), `"In This Note" lists "${term}"`);
          }
          await shot(page, 'panel');
        });

        await step('definition', async () => {
          // "Show a Concept…" from the palette, searched without accents.
          await runCommand(page, 'Glossaire: Show a Concept');
          const input = page.locator('.quick-input-widget input');
          await poll(async () => /Glossa|concepts/i.test((await page.locator('.quick-input-widget').innerText()) ?? ''),
            { timeout: 10_000, what: 'the concept picker' });
          await input.fill('infogerance');
          const first = page.locator('.quick-input-widget .monaco-list-row').first();
          await poll(async () => /^infogérance/.test((await first.getAttribute('aria-label')) ?? ''),
            { timeout: 10_000, what: '"infogérance" first in the picker' });
          await page.keyboard.press('Enter');
          const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
          await frame.locator('h1').filter({ hasText: 'infogérance' }).waitFor({ state: 'visible', timeout: 15_000 });
          check(await frame.locator('.definition').filter({ hasText: definitionStart }).count() > 0, 'the concept page shows the definition');
          await shot(page, 'definition');
        });

        await step('study', async () => {
          // A clean layout: the note alone (saved in the temporary copy), then two bold terms
          // that no glossary defines typed at its end.
          await calm(page);
          await page.keyboard.press('Control+S');
          await runCommand(page, 'View: Close All Editors');
          // Reopened through Quick Open: the side bar shows the Glossaire panel, not the Explorer.
          await page.keyboard.press('Control+P');
          await page.locator('.quick-input-widget input').fill(name);
          await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 });
          await page.keyboard.press('Enter');
          await page.locator(`.tab[aria-label^=${JSON.stringify(name)}]`).first().waitFor({ state: 'visible', timeout: 10_000 });
          await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
          await page.keyboard.press('Control+End');
          await page.keyboard.press('Enter');
          await page.keyboard.type('Le **PRA** et le **MCO** restent à définir.');
          await openActivityView(page, 'Glossaire', { minRows: 2 });
          // Room for the Study pane: the two others folded.
          for (const header of ['Concepts', 'In This Note']) {
            const h = page.locator(`.part.sidebar .pane-header[aria-label^=${JSON.stringify(header)}][aria-expanded="true"]`).first();
            if (await h.count()) await h.click();
          }
          let last = [];
          const rows = await poll(async () => {
            const r = (last = await readPaneRows(page, 'Study', { minRows: 3 }).catch((e) => [String(e.message)]));
            return r.some((l) => l.startsWith('PRA')) ? r : null;
          }, { timeout: 20_000, what: '"PRA" in the Study view' }).catch((e) => {
            throw new Error(`${e.message}; rows: ${JSON.stringify(last)}`);
          });
          report.views.study = rows;
          for (const g of ['Concepts to Review', 'Not in Your Notes Yet', 'No Definition']) {
            check(rows.some((r) => r.startsWith(g)), `Study shows the group "${g}"`);
          }
          if (o.courseTitle) {
            // Two courses: one root each (the notes' course, then the course folder), each with its groups.
            check(rows.some((r) => r.startsWith(o.courseTitle)), `Study has a root for the course "${o.courseTitle}"`);
            check(rows.filter((r) => r.startsWith('No Definition')).length === 2, 'Study shows « No Definition » once per course');
          }
          check(rows.some((r) => r.startsWith('MCO')), 'Study lists "MCO" without definition');
          const status = await poll(async () => {
            const t = await page.locator('.statusbar-item').filter({ hasText: /concepts? · / }).first().innerText().catch(() => '');
            return t || null;
          }, { timeout: 10_000, what: 'the note\'s status bar item' });
          report.statusBar = status;
          check(/\d+ concepts · (\d+ typos?|no typo)/.test(status), `the status bar shows concepts and typos (got ${JSON.stringify(status)})`);
          await shot(page, 'study');
        });

        await step('quiz', async () => {
          await calm(page);
          await runCommand(page, 'Glossaire: Review the Course');
          const widget = page.locator('.quick-input-widget');
          const first = await poll(async () => {
            const t = (await widget.innerText()) ?? '';
            // The course rows say « N concepts · M notes » (the question itself is a placeholder, not text).
            return /\d+ concepts · \d+ notes?/.test(t) ? 'course' : /Definition → term/.test(t) ? 'mode' : null;
          }, { timeout: 10_000, what: 'the course or the kind of questions' });
          if (o.courseTitle) check(first === 'course', 'with two courses, the quiz asks which course first');
          if (first === 'course') {
            // The active note's course comes first: Enter takes it.
            const courses = await widget.innerText();
            if (o.courseTitle) check(courses.includes(o.courseTitle), `the course "${o.courseTitle}" is offered`);
            await shot(page, 'quiz-course');
            await page.keyboard.press('Enter');
            await poll(async () => /Definition → term/.test((await widget.innerText()) ?? ''), { timeout: 10_000, what: 'the kind of questions' });
          }
          await page.keyboard.press('Enter');
          const firstConcept = glossary.entries[0];
          await poll(async () => /question 1 of/.test((await widget.innerText()) ?? ''), { timeout: 10_000, what: 'the first question' });
          // A near miss of the first concept (two letters swapped), typed with the keyboard.
          const near = firstConcept.term.slice(0, 3) + firstConcept.term[4] + firstConcept.term[3] + firstConcept.term.slice(5);
          await page.keyboard.type(near);
          await shot(page, 'quiz');
          await page.keyboard.press('Enter');
          const verdict = await poll(async () => {
            const t = (await widget.innerText()) ?? '';
            return /Almost/.test(t) ? t : null;
          }, { timeout: 10_000, what: 'the « almost » verdict' });
          check(verdict.includes(firstConcept.term), `the verdict gives the right spelling "${firstConcept.term}"`);
          await shot(page, 'quiz-verdict');
          await page.keyboard.press('Escape');
        });
        if (o.extraSteps) await o.extraSteps({ page, server, step, check, report, shot, workspace });
      },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}

async function main() {
  const log = (m) => process.stderr.write(`[uiCheck] ${m}\n`);
  let a;
  try {
    a = parseArgs(process.argv.slice(2), {
      boolean: ['problems', 'squiggles', 'verbose', 'keep', 'help', 'glossaire'],
      multi: ['vsix', 'hover', 'expect', 'view', 'typo'],
    });
    if (a.help) {
      process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8')
        .split('\n').filter((l) => l.startsWith('//')).join('\n') + '\n');
      return 0;
    }
    if (a.glossaire) return await glossaireMain(a, log);
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

/** CLI of the Glossaire scenario. */
async function glossaireMain(a, log) {
  const vsix = a.vsix?.[0] && path.resolve(a.vsix[0]);
  if (!vsix || !fs.existsSync(vsix)) {
    log(`--vsix FILE is required and must exist (${vsix})`);
    return 2;
  }
  let scenario = { notes: a.notes && path.resolve(a.notes) };
  if (a.note) {
    try {
      const typos = (a.typo ?? []).map((t) => {
        const [written, fix] = t.split('=');
        if (!written || !fix) throw new Error(`--typo WRITTEN=FIX (got ${JSON.stringify(t)})`);
        return { written, fix };
      });
      scenario = exampleScenario(path.resolve(a.note), { typos });
    } catch (e) {
      log(e.message);
      return 2;
    }
    log(`note ${scenario.name}: typos ${scenario.typos.map((t) => `${t.written} → ${t.fix}`).join(', ')}; hover "${scenario.hover}"`);
  }
  if (a.course) {
    // A course folder beside the note (its glossary and notes, copied): the study tools show two courses.
    const dir = path.resolve(a.course);
    const glossaryFile = path.join(dir, 'glossaire.md');
    if (!fs.existsSync(glossaryFile)) {
      log(`--course ${a.course}: no glossaire.md there`);
      return 2;
    }
    scenario.prepare = (workspace) => fs.cpSync(dir, path.join(workspace, path.basename(dir)), { recursive: true });
    scenario.courseTitle = /^(?:titre|title)\s*:\s*(.+)$/m.exec(fs.readFileSync(glossaryFile, 'utf8'))?.[1].trim() ?? path.basename(dir);
  }
  const timeoutS = Number(a.timeout ?? process.env.GLOSSAIRE_E2E_TIMEOUT ?? 180);
  const t0 = Date.now();
  try {
    const report = await runGlossaireUiCheck({
      vsix, ...scenario, screenshots: a.screenshots && path.resolve(a.screenshots),
      timeout: timeoutS * 1000, verbose: a.verbose, keep: a.keep, log,
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const f of report.failures) log(`FAILED: ${f}`);
    log(`Glossaire UI check ${report.failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return report.failures.length ? 1 : 0;
  } catch (e) {
    log(`ERROR: ${e.stack ?? e}`);
    return e.code === 'ETIMEDOUT' ? 124 : 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(await main());
}
