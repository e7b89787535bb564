#!/usr/bin/env node
// Course glossaries in a real VS Code shown in French (code-server + headless Chromium, the
// packaged .vsix), on a copy of examples/ whose networking course (examples/reseaux/) has its own
// glossaire.md and a note that defines terms itself (03-routage.md):
//   1. the hover on « routeur » shows the note's definition (« Vos notes ») beside the course
//      glossary's (« Glossaire du cours »);
//   2. the Concepts view groups the concepts by glossary: the course's file, the built-in
//      glossary, the definitions harvested from the course's notes;
//   3. « Ajouter au glossaire… » on « latence »: the definition prefilled with its sentence, a
//      category of the course, then the entry is in reseaux/glossaire.md and the hover shows it.
// Saves course-hover, course-panel, course-add and course-add-category screenshots.
//
// French: no VS Code language pack can be downloaded here, so the check installs a stub one (a
// `localizations` contribution with no translation) and starts code-server with `--locale fr`:
// VS Code's own menus stay in English, and vscode.env.language is "fr", so Glossaire (its
// manifest, its views, its server) speaks French, as it does for a French-speaking student.
//
//   node test/vscode/coursesUiCheck.mjs --vsix glossaire-0.1.0.vsix [--screenshots DIR]
//     [--timeout SECONDS (240)] [--verbose] [--keep]
// Exit code: 0 all checks passed, 1 a check failed, 2 infrastructure error, 124 timeout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  calm, findWord, hoverWord, openActivityView, openFile, openWorkbench, park, parseArgs, poll,
  readPaneRows, registerLanguagePack, runCommand, setPaneOpen, stubFrenchLanguagePack, withCodeServer,
} from './uiCheck.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOTE = 'reseaux/03-routage.md';

/** The glossary's definition of a term (the paragraph under its `##` heading). */
function glossaryDefinition(text, term) {
  const m = new RegExp(`^## ${term}\\n\\n([^\\n]+)`, 'm').exec(text);
  if (!m) throw new Error(`"${term}" is not in reseaux/glossaire.md`);
  return m[1];
}

/**
 * Runs the scenario; returns a report whose `failures` lists the failed checks.
 * @param {{vsix: string, screenshots?: string, timeout?: number, verbose?: boolean, keep?: boolean,
 *          log?: (m: string) => void}} o
 */
export async function runCoursesUiCheck(o) {
  const log = o.log ?? ((m) => process.stderr.write(`[coursesUiCheck] ${m}\n`));
  const report = { failures: [], steps: {}, hover: '', views: {}, added: '', screenshots: [] };
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
  // Cut to what each one shows (small PNGs: the README's images ship in the .vsix).
  const shot = async (page, name, clip) => {
    if (!o.screenshots) return;
    fs.mkdirSync(o.screenshots, { recursive: true });
    const file = path.join(o.screenshots, `${name}.png`);
    await page.screenshot({ path: file, clip });
    report.screenshots.push(file);
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glossaire-courses-ui-'));
  // A readable folder name: it shows in the title bar and the Explorer of the screenshots.
  const workspace = path.join(tmp, 'cours');
  fs.cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
  const glossaryFile = path.join(workspace, 'reseaux/glossaire.md');
  const glossaryBefore = fs.readFileSync(glossaryFile, 'utf8');
  const routeurDefinition = glossaryDefinition(glossaryBefore, 'routeur');
  try {
    const pack = await stubFrenchLanguagePack(tmp);
    await withCodeServer(
      {
        vsix: [o.vsix, pack], verbose: o.verbose, keep: o.keep, timeout: o.timeout, log,
        extraArgs: ['--locale', 'fr'], beforeStart: registerLanguagePack,
        settings: { 'editor.minimap.enabled': false, 'workbench.tips.enabled': false, 'breadcrumbs.enabled': false, 'editor.wordWrap': 'on' },
      },
      async ({ server, page }) => {
        await page.setViewportSize({ width: 1180, height: 720 });
        await openWorkbench(page, server, workspace);
        await openFile(page, NOTE);

        await step('hover with both definitions', async () => {
          // The note's own definitions join the course's chain after the harvest's pause.
          report.hover = await hoverWord(page, 'routeur', { occurrence: 1, expect: 'Vos notes', timeout: 60_000 });
          check(report.hover.includes('Glossaire du cours'), `the hover names the course glossary (got ${JSON.stringify(report.hover.slice(0, 200))})`);
          check(report.hover.includes(routeurDefinition.slice(0, 40)), 'the hover shows the course glossary\'s definition');
          check(report.hover.includes('la boîte qui relie deux réseaux'), 'the hover shows the note\'s definition');
          await poll(() => page.locator('.monaco-hover:not(.hidden)').first()
            .evaluate((el) => getComputedStyle(el).opacity === '1' && !el.getAnimations().length), { timeout: 3000, what: 'an opaque hover' })
            .catch(() => {});
          await shot(page, 'course-hover', { x: 344, y: 0, width: 836, height: 490 });
          await calm(page);
        });

        await step('panel grouped by course', async () => {
          await openActivityView(page, 'Glossaire', { minRows: 2 });
          // Room for Concepts: the two other panes folded.
          await setPaneOpen(page, 'Dans', false);
          await setPaneOpen(page, 'Révision', false);
          const collapse = page.locator('.part.sidebar .pane-header[aria-label^="Concepts"] .action-label[aria-label^="Collapse"]').first();
          if (await collapse.count()) await collapse.click();
          const groups = ['reseaux/glossaire.md', 'Glossaire intégré', 'Définitions des notes — reseaux'];
          let last = [];
          const rows = await poll(async () => {
            const r = (last = await readPaneRows(page, 'Concepts', { minRows: 3 }));
            return groups.every((g) => r.some((l) => l.startsWith(g))) ? r : null;
          }, { timeout: 30_000, what: 'the three groups in Concepts' }).catch((e) => {
            throw new Error(`${e.message}; rows: ${JSON.stringify(last)}`);
          });
          check(rows.findIndex((l) => l.startsWith(groups[0])) < rows.findIndex((l) => l.startsWith(groups[1])), `the course's glossary comes before the built-in one (${JSON.stringify(rows)})`);
          // The course's file and its notes' definitions unfolded: categories, and the notes' terms.
          const unfold = async (row) => {
            await row.waitFor({ state: 'visible', timeout: 10_000 });
            if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
          };
          const rowOf = (label, level) => page.locator(`.part.sidebar .monaco-list-row[aria-level="${level}"][aria-label^=${JSON.stringify(label)}]`).first();
          await unfold(rowOf(groups[0], 1));
          await unfold(rowOf(groups[2], 1));
          await unfold(rowOf('Définitions des notes', 2));
          // A wider side bar: whole group names.
          const bar = await page.locator('.part.sidebar').boundingBox();
          if (bar) {
            await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
            await page.mouse.down();
            await page.mouse.move(bar.x + bar.width + 90, bar.y + bar.height / 2, { steps: 5 });
            await page.mouse.up();
          }
          const open = await poll(async () => {
            const r = await readPaneRows(page, 'Concepts', { minRows: 6 });
            return r.some((l) => l.startsWith('Adressage')) && r.some((l) => l.startsWith('table de routage')) ? r : null;
          }, { timeout: 15_000, what: 'the course\'s categories and the notes\' terms' });
          report.views.concepts = open;
          check(open.some((l) => l.startsWith('NAT')), 'the notes\' definitions list NAT');
          await park(page);
          await shot(page, 'course-panel', { x: 0, y: 0, width: 820, height: 400 });
          await setPaneOpen(page, 'Dans', true);
          await setPaneOpen(page, 'Révision', true);
        });

        await step('add to the glossary', async () => {
          await calm(page);
          // The note alone, in a smaller window: the flow's input over the lines it comes from.
          await runCommand(page, 'View: Close Primary Side Bar');
          await page.setViewportSize({ width: 900, height: 500 });
          const pos = await findWord(page, 'latence');
          if (!check(!!pos, '"latence" visible')) return;
          await page.mouse.click(pos.x, pos.y);
          await runCommand(page, 'Glossaire: Ajouter au glossaire');
          const widget = page.locator('.quick-input-widget');
          const input = widget.locator('input').first();
          await poll(async () => /latence/.test((await widget.innerText().catch(() => '')) ?? '') && /(1\/2)/.test(await widget.innerText()),
            { timeout: 15_000, what: 'the definition step' });
          const prefilled = await input.inputValue();
          check(prefilled.startsWith('La latence est le temps que met un paquet'), `the definition is prefilled with the sentence (got ${JSON.stringify(prefilled)})`);
          await park(page);
          await shot(page, 'course-add');
          await page.keyboard.press('Enter');
          await poll(async () => /(2\/2)/.test((await widget.innerText()) ?? ''), { timeout: 10_000, what: 'the category step' });
          const categories = (await widget.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
          check(['Adressage', 'Équipements', 'Protocoles et services', 'Transmission'].every((c) => categories.some((x) => x.startsWith(c))),
            `the course's categories are offered (got ${JSON.stringify(categories)})`);
          await park(page);
          await shot(page, 'course-add-category');
          await input.fill('Transmission');
          await page.keyboard.press('Enter');
          const written = await poll(() => {
            const t = fs.readFileSync(glossaryFile, 'utf8');
            return t !== glossaryBefore ? t : null;
          }, { timeout: 15_000, what: 'reseaux/glossaire.md written' });
          report.added = written.slice(glossaryBefore.length - 40);
          check(/\n## latence\n\nLa latence est le temps que met un paquet/.test(written), 'the entry is in reseaux/glossaire.md under its term');
          const hover = await hoverWord(page, 'latence', { expect: 'Transmission', timeout: 20_000 }).catch((e) => e.message);
          check(hover.includes('le temps que met un paquet'), `the new term is live at once (hover: ${JSON.stringify(hover.slice(0, 160))})`);
          await calm(page);
        });
      },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}

async function main() {
  const log = (m) => process.stderr.write(`[coursesUiCheck] ${m}\n`);
  let a;
  try {
    a = parseArgs(process.argv.slice(2), { boolean: ['verbose', 'keep'] });
    if (!a.vsix || !fs.existsSync(a.vsix)) throw new Error(`--vsix FILE is required and must exist (${a.vsix})`);
  } catch (e) {
    log(e.message);
    return 2;
  }
  const t0 = Date.now();
  try {
    const report = await runCoursesUiCheck({
      vsix: path.resolve(a.vsix), screenshots: a.screenshots && path.resolve(a.screenshots),
      timeout: Number(a.timeout ?? process.env.GLOSSAIRE_E2E_TIMEOUT ?? 240) * 1000, verbose: a.verbose, keep: a.keep, log,
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const f of report.failures) log(`FAILED: ${f}`);
    log(`course UI check ${report.failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return report.failures.length ? 1 : 0;
  } catch (e) {
    log(`ERROR: ${e.stack ?? e}`);
    return e.code === 'ETIMEDOUT' ? 124 : 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(await main());
}
