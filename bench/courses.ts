/**
 * Course glossaries (issue 11): a workspace of 30 course folders, each with a Markdown glossary
 * of 150 terms, and 2,000 notes. Measured in process, through the server's own GlossaryStore on
 * the Node host: discovery + reading + parsing + compiling every glossary and every course's
 * chain (what the server does before its first diagnostics), and the cost of one edit of one
 * glossary (the file and the chains it is in, nothing else).
 */

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { GlossaryStore } from '../server/src/lsp/glossaryStore';
import { createNodeHost } from '../server/src/node/nodeHost';

/** What the section reports. */
export interface CoursesResult {
  courses: number;
  termsPerCourse: number;
  notes: number;
  /** Discovery, reads, parse and compile of every glossary and chain: median and runs. */
  loadMs: number;
  /** One glossary edited (a term added): that file and its chain compiled again. */
  editMs: number;
  /** Files and chains compiled by one edit (1 and 1 expected). */
  editRecompiled: { files: number; chains: number };
  runs: number;
}

const COURSES = 30;
const TERMS = 150;
const NOTES = 2000;
const SYLLABLES = ['ba', 'ro', 'ti', 'ga', 'lu', 'mé', 'sor', 'van', 'ke', 'pli', 'dra', 'xon', 'fé', 'qui', 'zan', 'tor'];

/** A made-up word, the same for the same (course, term). */
function word(course: number, term: number): string {
  let n = course * 1000 + term + 7919;
  let w = '';
  for (let k = 0; k < 4; k++) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length) + k * 31;
  }
  return `${w}${String.fromCharCode(97 + (term % 26))}`;
}

function glossaryMarkdown(course: number, extra = ''): string {
  const out = [`---\ntitre: Cours ${course}\n---\n`];
  for (let cat = 0; cat < 5; cat++) {
    out.push(`# Catégorie ${cat + 1}\n`);
    for (let k = cat * 30; k < (cat + 1) * 30; k++) {
      const w = word(course, k);
      out.push(`## ${w}\n\nDéfinition du terme ${w}, qui relie ${word(course, (k + 1) % TERMS)} et ${word(course, (k + 2) % TERMS)}.\n`);
      if (k % 5 === 0) out.push(`- **Synonymes :** ${w}x\n`);
    }
  }
  return out.join('\n') + extra;
}

/** Writes the workspace once (kept between runs). */
export function generateCourses(dir: string): string {
  const root = join(dir, `courses-${COURSES}x${TERMS}-${NOTES}`);
  if (existsSync(join(root, 'done'))) return root;
  for (let c = 0; c < COURSES; c++) {
    const folder = join(root, `cours-${String(c + 1).padStart(2, '0')}`);
    mkdirSync(join(folder, 'td'), { recursive: true });
    writeFileSync(join(folder, 'glossaire.md'), glossaryMarkdown(c));
  }
  for (let n = 0; n < NOTES; n++) {
    const c = n % COURSES;
    const folder = join(root, `cours-${String(c + 1).padStart(2, '0')}`, n % 3 === 0 ? 'td' : '');
    writeFileSync(join(folder, `note-${n}.md`), `# Séance ${n}\n\nLe ${word(c, n % TERMS)} et le ${word(c, (n * 7) % TERMS)} du cours.\n`);
  }
  writeFileSync(join(root, 'done'), '');
  return root;
}

/** Runs the section (several runs; medians). */
export async function runCourses(dir: string, quick: boolean): Promise<CoursesResult> {
  const root = generateCourses(dir);
  const folder = URI.file(root).toString();
  const runs = quick ? 3 : 7;
  const loads: number[] = [];
  const edits: number[] = [];
  let recompiled = { files: 0, chains: 0 };
  const host = createNodeHost();
  host.lexicon(); // loaded once, as the server has it by then; not part of the figure
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const store = new GlossaryStore('fr', host);
    await store.configure(true, [], [folder], 'fr');
    await store.discover([folder], true);
    for (let c = 0; c < COURSES; c++) store.forUri(`${folder}/cours-${String(c + 1).padStart(2, '0')}/note.md`);
    loads.push(performance.now() - t0);
    const target = `${folder}/cours-01/glossaire.md`;
    const before = { ...store.stats };
    const t1 = performance.now();
    store.setOverlay(target, glossaryMarkdown(0, `\n## nouveauterme${r}\n\nUn terme ajouté pendant la mesure.\n`));
    store.forUri(`${folder}/cours-01/note.md`);
    for (let c = 1; c < COURSES; c++) store.forUri(`${folder}/cours-${String(c + 1).padStart(2, '0')}/note.md`);
    edits.push(performance.now() - t1);
    recompiled = { files: store.stats.files - before.files, chains: store.stats.chains - before.chains };
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { courses: COURSES, termsPerCourse: TERMS, notes: NOTES, loadMs: median(loads), editMs: median(edits), editRecompiled: recompiled, runs };
}
