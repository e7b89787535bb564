/**
 * Course glossaries (issue 11): a workspace of 30 course folders, each with a Markdown glossary
 * of 150 terms, and 2,000 notes. Measured in process, through the server's own GlossaryStore on
 * the Node host: discovery + reading + parsing + compiling every glossary and every course's
 * chain (what the server does before its first diagnostics), what a note opened in one course
 * waits for (discovery, its own chain), and the cost of one edit of one glossary (the file and
 * the chains it is in, nothing else). Then, through the real server over stdio, hover and
 * completion on a note whose chain is root glossary + course glossary + built-in glossary +
 * the definitions harvested from the note.
 */

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { GlossaryStore } from '../server/src/lsp/glossaryStore';
import { createNodeHost } from '../server/src/node/nodeHost';
import { createRandom } from './generate';
import { Latency, measureRequests } from './server';

/** What the section reports. */
export interface CoursesResult {
  courses: number;
  termsPerCourse: number;
  notes: number;
  /** Discovery, reads, parse and compile of every glossary and chain: median and runs. */
  loadMs: number;
  /** The same in CPU time of the process (user + system; what a loaded machine inflates least). */
  loadCpuMs: number;
  /**
   * Then the fuzzy index of every chain (what the first analysis of a note of each course builds;
   * the workspace index, which looks for no typos, never needs them).
   */
  fuzzyMs: number;
  /** Discovery, reads, and the chain of one course's note (what a note opened first waits for). */
  firstNoteMs: number;
  /** One glossary edited (a term added): that file and its chain compiled again. */
  editMs: number;
  /** Files and chains compiled by one edit (1 and 1 expected). */
  editRecompiled: { files: number; chains: number };
  runs: number;
  /** Hover and completion on a note whose chain is root + course + built-in + harvested (server time). */
  chain?: { terms: number; hover: Latency; completion: Latency & { itemsMedian: number } } | { skipped: string };
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

/** Runs the section (several runs; medians); `serverJs` undefined: no server measures. */
export async function runCourses(dir: string, quick: boolean, serverJs?: string, work?: string): Promise<CoursesResult> {
  const root = generateCourses(dir);
  const folder = URI.file(root).toString();
  const runs = quick ? 3 : 7;
  const loads: number[] = [];
  const loadCpus: number[] = [];
  const firsts: number[] = [];
  const edits: number[] = [];
  const fuzzies: number[] = [];
  let recompiled = { files: 0, chains: 0 };
  const host = createNodeHost();
  host.lexicon(); // loaded once, as the server has it by then; not part of the figure
  for (let r = 0; r < runs; r++) {
    const f0 = performance.now();
    const first = new GlossaryStore('fr', host);
    await first.configure(true, [], [folder], 'fr');
    await first.discover([folder], true);
    prepare(first.forUri(`${folder}/cours-07/td/note.md`));
    firsts.push(performance.now() - f0);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const store = new GlossaryStore('fr', host);
    await store.configure(true, [], [folder], 'fr');
    await store.discover([folder], true);
    for (let c = 0; c < COURSES; c++) store.forUri(`${folder}/cours-${String(c + 1).padStart(2, '0')}/note.md`);
    loads.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    loadCpus.push((cpu.user + cpu.system) / 1000);
    const i0 = performance.now();
    for (let c = 0; c < COURSES; c++) prepare(store.forUri(`${folder}/cours-${String(c + 1).padStart(2, '0')}/note.md`));
    fuzzies.push(performance.now() - i0);
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
  let chain: CoursesResult['chain'];
  if (!serverJs || !work) chain = { skipped: 'skipped (--no-server, or no dist/server.js)' };
  else {
    try {
      chain = await chainRequests(serverJs, dir, quick ? 300 : 1000, work);
    } catch (e) {
      chain = { skipped: `failed: ${(e as Error).message}` };
    }
  }
  return { courses: COURSES, termsPerCourse: TERMS, notes: NOTES, loadMs: median(loads), loadCpuMs: median(loadCpus), fuzzyMs: median(fuzzies), firstNoteMs: median(firsts), editMs: median(edits), editRecompiled: recompiled, runs, chain };
}

/** Reads a glossary's look-up indexes, as the first analysis of a note does. */
function prepare(g: { fuzzy: unknown }): void {
  void g.fuzzy;
}

const ROOT_TERMS = 40;
const HARVESTED = 20;
/** Words of ordinary prose around the terms. */
const PROSE = ['le', 'la', 'les', 'des', 'une', 'entreprise', 'service', 'contrat', 'prestataire', 'coût', 'réseau', 'données', 'client', 'projet', 'équipe', 'qualité', 'pour', 'avec', 'dans', 'sans', 'selon', 'mais', 'aussi', 'chaque', 'fournisseur', 'système', 'information', 'direction', 'risque', 'délai'];
/** Terms of the built-in glossary (externalisation course). */
const BUILTIN = ['infogérance', 'externalisation', 'délocalisation', 'cloud computing', 'SaaS', 'offshore', 'sous-traitance'];

/**
 * A workspace whose note `cours-a/seance.md` has the chain root glossary (40 terms) + its course
 * glossary (150) + the built-in glossary + 20 definitions of its own; a second course beside it.
 */
function generateChainWorkspace(dir: string): { root: string; note: string; rootTerm: string; harvestedTerm: string } {
  const root = join(dir, `courses-chain-${TERMS}`);
  const note = join(root, 'cours-a', 'seance.md');
  const harvestedTerm = word(77, 0);
  const rootTerm = word(99, 0);
  if (existsSync(join(root, 'done'))) return { root, note, rootTerm, harvestedTerm };
  mkdirSync(join(root, 'cours-a'), { recursive: true });
  mkdirSync(join(root, 'cours-b'), { recursive: true });
  const rootGlossary = [`# Notions communes\n`];
  for (let k = 0; k < ROOT_TERMS; k++) rootGlossary.push(`## ${word(99, k)}\n\nNotion commune ${k}, définie pour tous les cours.\n`);
  writeFileSync(join(root, 'glossaire.md'), rootGlossary.join('\n'));
  writeFileSync(join(root, 'cours-a', 'glossaire.md'), glossaryMarkdown(3));
  writeFileSync(join(root, 'cours-b', 'glossaire.md'), glossaryMarkdown(4));
  const rng = createRandom(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const out = ['# Séance de synthèse', '', '## Définitions', ''];
  for (let k = 0; k < HARVESTED; k++) out.push(`**${word(77, k)}** : notion vue en séance, liée au ${word(3, k)} et au ${word(99, k)}.`, '');
  out.push('## Cours', '');
  for (let line = 0; line < 400; line++) {
    const words: string[] = [];
    for (let w = 0; w < 14; w++) {
      const r = rng();
      words.push(r < 0.6 ? pick(PROSE) : r < 0.78 ? word(3, Math.floor(rng() * TERMS)) : r < 0.86 ? word(99, Math.floor(rng() * ROOT_TERMS)) : r < 0.94 ? pick(BUILTIN) : word(77, Math.floor(rng() * HARVESTED)));
    }
    out.push(words.join(' ') + '.', '');
  }
  writeFileSync(note, out.join('\n'));
  writeFileSync(join(root, 'done'), '');
  return { root, note, rootTerm, harvestedTerm };
}

/** Hover and completion through the server on the chain workspace's note. */
async function chainRequests(serverJs: string, dir: string, count: number, work: string): Promise<NonNullable<CoursesResult['chain']>> {
  const w = generateChainWorkspace(dir);
  const r = await measureRequests(serverJs, {
    settings: { indexWorkspace: false }, folders: [w.root], notePath: w.note, count, work,
    // The note's definitions join its chain after the harvest's pause; then each part answers.
    ready: async (hover, text) => {
      const lines = text.split('\n');
      const at = (term: string) => {
        const line = lines.findIndex((l) => l.includes(term));
        return { line, character: lines[line].indexOf(term) + 1 };
      };
      const h = at(`**${w.harvestedTerm}**`);
      const deadline = Date.now() + 15_000;
      while (!(await hover(h.line, h.character + 2)).includes('notion vue en séance')) {
        if (Date.now() > deadline) throw new Error('the note\'s definitions never joined its chain');
        await new Promise((res) => setTimeout(res, 100));
      }
      const course = at(word(3, 0));
      if (!(await hover(course.line, course.character)).includes(`Définition du terme ${word(3, 0)}`)) throw new Error('no hover from the course glossary');
      const rootAt = at(w.rootTerm);
      if (!(await hover(rootAt.line, rootAt.character)).includes('Notion commune')) throw new Error('no hover from the root glossary');
      const builtin = at('infogérance');
      if (!(await hover(builtin.line, builtin.character)).toLowerCase().includes('infogérance')) throw new Error('no hover from the built-in glossary');
    },
  });
  return { terms: TERMS + ROOT_TERMS + HARVESTED, ...r };
}
