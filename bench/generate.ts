/**
 * Deterministic inputs for the benchmark: French-looking Markdown notes (prose, structure,
 * code blocks, links, glossary terms and typos of them), glossaries of several sizes and a
 * workspace of notes. Same seed, same lexicon file → byte-identical files.
 *
 * Prose draws most words from a small hand-written list of frequent French words (so it reads
 * like a note and repeats like one), and one word in eight from the whole lexicon (so a large
 * note has tens of thousands of distinct words, as a real corpus has). Synthetic glossary
 * terms are lexicon words and pairs of words, so big glossaries make many prose words fuzzy
 * candidates: the lexicon guard is exercised, not bypassed.
 */

import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GlossaryEntryData, GlossaryFileData } from '../server/src/service/glossaryTypes';

import { createRandom } from '../test/random';
export { createRandom };

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const COMMON = (
  'le la les un une des du de au aux et ou mais donc car ni or que qui quoi dont où ce cette ces son sa ses leur leurs ' +
  'notre nos votre vos il elle ils elles on nous vous je tu se en y ne pas plus moins très bien aussi encore déjà ' +
  'toujours souvent parfois jamais ainsi alors après avant pendant depuis pour par avec sans sous sur dans entre vers chez ' +
  'est sont était être avoir a ont fait faire peut peuvent doit doivent permet permettent propose proposent choisit ' +
  'décide utilise utilisent gère gèrent confie confient assure assurent réduit améliore dépend coûte garantit ' +
  'entreprise entreprises société sociétés client clients fournisseur contrat contrats service services coût coûts ' +
  'données serveur serveurs réseau réseaux logiciel logiciels application applications projet projets équipe équipes ' +
  'gestion sécurité qualité maintenance hébergement infrastructure plateforme stratégie risque risques avantage ' +
  'avantages inconvénient inconvénients dépendance confidentialité flexibilité compétence compétences expertise ' +
  'personnel salariés direction responsable technicien techniciens utilisateur utilisateurs besoin besoins ' +
  'activité activités métier métiers niveau niveaux délai délais engagement engagements marché marchés pays ' +
  'tâche tâches partie parties ensemble exemple cas raison solution solutions question modèle modèles ' +
  'informatique numérique technique techniques financier financière juridique contractuel interne internes ' +
  'externe externes important importante principal principale nouveau nouvelle grand grande petit petite ' +
  'moyen moyenne global globale propre meilleur meilleure premier première dernier dernière autre autres ' +
  'chaque plusieurs certains certaines tout toute tous toutes même mêmes seul seule simple rapide coûteux ' +
  'cours chapitre partie note résumé définition objectif objectifs critère critères étape étapes mise place ' +
  'année années mois semaine jour temps heure heures travail offre demande prix budget charge charges ' +
  'contrôle suivi pilotage audit analyse étude choix décision mission missions ressource ressources ' +
  'système systèmes information informations processus outil outils production exploitation support'
).split(' ');

const CODE_LINES = [
  'const result = await fetch(url, { method: "GET" });',
  'for (let i = 0; i < items.length; i++) total += items[i].price;',
  'SELECT nom, prenom FROM clients WHERE ville = \'Lyon\';',
  'docker run -d -p 8080:80 --name web nginx:latest',
  'if (contrat.dateFin < today) { notifier(prestataire); }',
  'def calculer_cout(heures, taux): return heures * taux',
  'ssh admin@192.168.1.10 "systemctl restart apache2"',
  'UPDATE contrats SET statut = \'resilie\' WHERE id = 42;',
  'print(f"Externalisation: {cout_total:.2f} euros")',
  'kubectl apply -f deployment.yaml --namespace production',
];

const DOMAINS = ['example.com', 'cours-sio.fr', 'docs.example.org', 'wiki.lycee.fr'];

/** A glossary entry and file as written in JSON (the format's own types). */
type EntryJson = GlossaryEntryData;
type GlossaryJson = GlossaryFileData;

/** Applies one random typo (deletion, insertion, substitution, transposition or lost accent). */
export function makeTypo(rng: Rng, word: string): string {
  const chars = [...word];
  if (chars.length < 4) return word;
  const i = int(rng, 1, chars.length - 2);
  const letters = 'aeiourstnlcmp';
  switch (int(rng, 0, 4)) {
    case 0: chars.splice(i, 1); break;
    case 1: chars.splice(i, 0, pick(rng, [...letters])); break;
    case 2: chars[i] = pick(rng, [...letters].filter((c) => c !== chars[i])); break;
    case 3: [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]]; break;
    default: {
      const plain = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (plain !== word) return plain;
      chars.splice(i, 1);
    }
  }
  return chars.join('');
}

/** Vocabulary shared by the generators. */
export interface Vocabulary {
  lexicon: string[];
  /** Terms and forms of the glossary the notes are about (as written). */
  terms: string[];
}

/** Loads the word list the generators draw from. */
export function loadVocabulary(lexiconPath: string, builtinGlossaryPath: string): Vocabulary {
  const lexicon = readFileSync(lexiconPath, 'utf8').split('\n').filter((w) => w.length >= 2 && /^[a-zà-ÿœæ'-]+$/.test(w));
  const g = JSON.parse(readFileSync(builtinGlossaryPath, 'utf8')) as GlossaryJson;
  const terms: string[] = [];
  for (const e of g.entries) terms.push(e.term, ...(e.forms ?? []), ...(e.synonyms ?? []), ...(e.acronyms ?? []));
  return { lexicon, terms };
}

class ProseWriter {
  constructor(private readonly rng: Rng, private readonly vocab: Vocabulary) {}

  word(): string {
    const r = this.rng();
    if (r < 0.03) return pick(this.rng, this.vocab.terms);
    if (r < 0.036) {
      // A typo of a glossary term, on a long enough word of it.
      const term = pick(this.rng, this.vocab.terms);
      const words = term.split(' ');
      const k = Math.floor(this.rng() * words.length);
      if (words[k].length >= 5) words[k] = makeTypo(this.rng, words[k]);
      return words.join(' ');
    }
    if (r < 0.16) return pick(this.rng, this.vocab.lexicon);
    return pick(this.rng, COMMON);
  }

  sentence(): string {
    const n = int(this.rng, 6, 20);
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      let w = this.word();
      const r = this.rng();
      if (r < 0.04 && /^[aeiouéèh]/.test(w)) w = pick(this.rng, ["l'", "d'", "qu'", "l’", "d’"]) + w;
      else if (r < 0.06) w = `**${w}**`;
      else if (r < 0.07) w = `_${w}_`;
      else if (r < 0.075) w = '`' + pick(this.rng, ['npm install', 'ls -la', 'x = 1', 'SELECT *', 'ping', 'git push']) + '`';
      else if (r < 0.08) w = `[${w}](https://${pick(this.rng, DOMAINS)}/${w.replace(/[^a-z]/g, '') || 'page'})`;
      else if (r < 0.083) w = `https://${pick(this.rng, DOMAINS)}/docs/${int(this.rng, 1, 999)}`;
      else if (r < 0.085) w = `contact@${pick(this.rng, DOMAINS)}`;
      else if (r < 0.087) w = `#${pick(this.rng, COMMON)}`;
      else if (r < 0.09) w = `${w}-${pick(this.rng, COMMON)}`;
      else if (r < 0.1) w = String(int(this.rng, 1, 2030));
      out.push(w);
      if (k < n - 1 && this.rng() < 0.08) out[out.length - 1] += pick(this.rng, [',', ',', ';', ' :', ' (', ')']);
    }
    const s = out.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1) + pick(this.rng, ['.', '.', '.', '.', ' ?', ' !', '…']);
  }

  paragraph(): string {
    const n = int(this.rng, 2, 6);
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(this.sentence());
    return out.join(' ');
  }
}

/** Wraps a paragraph at about `width` characters (what editors and students do). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line.length > 0 && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** Options of `generateNote`. */
export interface NoteOptions {
  /** Target size in UTF-8 bytes (the note stops at the first block past it). */
  size?: number;
  /** Or a target number of lines. */
  lines?: number;
  seed: number;
  /** Hard-wrap paragraphs at this width (0: one line per paragraph). */
  wrapWidth?: number;
}

/** A Markdown note mixing prose, structure, code blocks and typos. */
export function generateNote(vocab: Vocabulary, options: NoteOptions): string {
  const rng = createRandom(options.seed);
  const prose = new ProseWriter(rng, vocab);
  const wrapWidth = options.wrapWidth ?? 0;
  const out: string[] = [];
  let size = 0;
  let lines = 0;
  const push = (block: string) => {
    out.push(block);
    size += Buffer.byteLength(block) + 1;
    lines += block.split('\n').length;
  };
  const done = () => (options.size !== undefined && size >= options.size) || (options.lines !== undefined && lines >= options.lines);
  const para = () => (wrapWidth > 0 ? wrap(prose.paragraph(), wrapWidth).join('\n') : prose.paragraph());
  push(`---\ntitle: ${prose.sentence().replace(/[:#]/g, '')}\ntags: [cours, externalisation]\n---\n`);
  push(`# ${prose.sentence().replace(/[.?!…]$/, '')}\n`);
  while (!done()) {
    const r = rng();
    if (r < 0.5) push(para() + '\n');
    else if (r < 0.58) push(`## ${prose.sentence().replace(/[.?!…]$/, '')}\n`);
    else if (r < 0.68) {
      const n = int(rng, 2, 6);
      const ordered = rng() < 0.3;
      const items: string[] = [];
      for (let k = 0; k < n; k++) items.push(`${ordered ? `${k + 1}.` : '-'} ${prose.sentence()}`);
      push(items.join('\n') + '\n');
    } else if (r < 0.74) {
      const n = int(rng, 3, 12);
      const lang = pick(rng, ['js', 'sql', 'bash', 'python', '']);
      const code: string[] = [];
      for (let k = 0; k < n; k++) code.push(pick(rng, CODE_LINES));
      push('```' + lang + '\n' + code.join('\n') + '\n```\n');
    } else if (r < 0.79) {
      push(wrap(prose.paragraph(), 76).map((l) => `> ${l}`).join('\n') + '\n');
    } else if (r < 0.84) {
      const rows = int(rng, 2, 6);
      const t = ['| Critère | Interne | Externalisé |', '| --- | --- | --- |'];
      for (let k = 0; k < rows; k++) t.push(`| ${prose.word()} | ${prose.word()} ${prose.word()} | ${prose.word()} |`);
      push(t.join('\n') + '\n');
    } else if (r < 0.86) {
      push(`    ${pick(rng, CODE_LINES)}\n    ${pick(rng, CODE_LINES)}\n`);
    } else if (r < 0.88) {
      push(`<!-- ${prose.sentence()} -->\n`);
    } else if (r < 0.9) {
      push(`<details><summary>${prose.word()}</summary>\n\n${para()}\n\n</details>\n`);
    } else {
      push(para() + '\n');
    }
  }
  return out.join('\n');
}

/** A glossary of `size` entries: the built-in entries first, then synthetic ones. */
export function generateGlossary(vocab: Vocabulary, builtin: GlossaryJson, size: number, seed: number): GlossaryJson {
  const rng = createRandom(seed);
  const entries: EntryJson[] = builtin.entries.slice(0, size).map((e) => ({ ...e }));
  const ids = new Set(entries.map((e) => e.id));
  for (const e of entries) {
    e.related = e.related?.filter((id) => ids.has(id));
    if (e.broader && !ids.has(e.broader)) delete e.broader;
  }
  const taken = new Set<string>();
  for (const e of entries) for (const f of [e.term, ...(e.forms ?? []), ...(e.synonyms ?? []), ...(e.acronyms ?? []), ...(e.misspellings ?? [])]) taken.add(f.toLowerCase());
  const lexiconSet = new Set(vocab.lexicon);
  const long = vocab.lexicon.filter((w) => w.length >= 6 && !/[-']/.test(w));
  let n = 0;
  while (entries.length < size) {
    n++;
    const r = rng();
    let term: string;
    if (r < 0.65) term = pick(rng, long);
    else if (r < 0.9) term = `${pick(rng, long)} ${pick(rng, long)}`;
    else if (r < 0.95) term = `${pick(rng, long)}-${pick(rng, long)}`;
    else term = `${pick(rng, long)} de ${pick(rng, long)}`;
    if (taken.has(term)) continue;
    const entry: EntryJson = {
      id: `terme-${n}`,
      term,
      category: pick(rng, builtin.categories).id,
      definition: `Définition synthétique de « ${term} » pour le banc d'essai.`,
    };
    const forms: string[] = [];
    if (!/[sxz]$/.test(term) && rng() < 0.5) forms.push(term.replace(/^(\S+)/, '$1s'));
    if (rng() < 0.2) forms.push(term.replace(/(\S+)$/, '$1s'));
    const okForms = forms.filter((f) => f !== term && !taken.has(f));
    if (okForms.length > 0) entry.forms = [...new Set(okForms)];
    if (rng() < 0.05) {
      const acronym = Array.from({ length: int(rng, 3, 4) }, () => String.fromCharCode(65 + Math.floor(rng() * 26))).join('');
      if (!taken.has(acronym.toLowerCase())) entry.acronyms = [acronym];
    }
    if (rng() < 0.3) {
      const typo = makeTypo(rng, term);
      if (typo !== term && !taken.has(typo) && !lexiconSet.has(typo)) entry.misspellings = [typo];
    }
    for (const f of [term, ...(entry.forms ?? []), ...(entry.acronyms ?? []), ...(entry.misspellings ?? [])]) taken.add(f.toLowerCase());
    entries.push(entry);
  }
  return { $schema: './schema.json', name: `Banc d'essai (${size} termes)`, language: 'fr', categories: builtin.categories, entries };
}

/** What `generateAll` wrote. */
export interface GeneratedInputs {
  dir: string;
  notes: { name: string; path: string; bytes: number; lines: number }[];
  glossaries: { terms: number; path: string }[];
  workspace: { path: string; files: number; bytes: number };
  keystrokeNote: { path: string; lines: number };
}

/** Writes every input under `dir` (skipping files already there with the same parameters). */
export function generateAll(dir: string, lexiconPath: string, builtinGlossaryPath: string, big: boolean): GeneratedInputs {
  mkdirSync(dir, { recursive: true });
  const stampPath = join(dir, 'inputs.json');
  const stampKey = JSON.stringify({ version: 3, big, lexiconBytes: readFileSync(lexiconPath).length, glossary: readFileSync(builtinGlossaryPath, 'utf8').length });
  if (existsSync(stampPath)) {
    const prev = JSON.parse(readFileSync(stampPath, 'utf8')) as { key: string; inputs: GeneratedInputs };
    if (prev.key === stampKey) return prev.inputs;
  }
  const vocab = loadVocabulary(lexiconPath, builtinGlossaryPath);
  const builtin = JSON.parse(readFileSync(builtinGlossaryPath, 'utf8')) as GlossaryJson;
  const notes: GeneratedInputs['notes'] = [];
  const sizes: [string, number][] = [['10KB', 10_000], ['1MB', 1_000_000]];
  if (big) sizes.push(['10MB', 10_000_000]);
  for (const [name, size] of sizes) {
    const text = generateNote(vocab, { size, seed: 1000 + size % 9973 });
    const path = join(dir, `note-${name}.md`);
    writeFileSync(path, text);
    notes.push({ name, path, bytes: Buffer.byteLength(text), lines: text.split('\n').length });
  }
  const glossaries: GeneratedInputs['glossaries'] = [];
  for (const terms of [20, 1000, 10000]) {
    const path = join(dir, `glossary-${terms}.json`);
    writeFileSync(path, JSON.stringify(generateGlossary(vocab, builtin, terms, 77 + terms), null, 1));
    glossaries.push({ terms, path });
  }
  const ksPath = join(dir, 'note-10k-lines.md');
  const ks = generateNote(vocab, { lines: 10_000, seed: 4242, wrapWidth: 80 });
  writeFileSync(ksPath, ks);
  const wsDir = join(dir, 'workspace');
  let wsBytes = 0;
  const rng = createRandom(99);
  for (let k = 0; k < 2000; k++) {
    const sub = join(wsDir, `module-${String(k % 40).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    const text = generateNote(vocab, { size: int(rng, 1000, 8000), seed: 50_000 + k, wrapWidth: rng() < 0.5 ? 80 : 0 });
    writeFileSync(join(sub, `note-${String(k).padStart(4, '0')}.md`), text);
    wsBytes += Buffer.byteLength(text);
  }
  const inputs: GeneratedInputs = {
    dir,
    notes,
    glossaries,
    workspace: { path: wsDir, files: 2000, bytes: wsBytes },
    keystrokeNote: { path: ksPath, lines: ks.split('\n').length },
  };
  writeFileSync(stampPath, JSON.stringify({ key: stampKey, inputs }, null, 1));
  return inputs;
}
