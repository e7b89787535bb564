/**
 * The glossary model: parses glossary files, validates them (every problem names the file, the
 * entry and the field, and loading goes on with what is valid), and compiles them into the
 * indexes the matcher uses: forms by their first accent-folded word (one hash look-up per word
 * of a note), joined compounds, and a fuzzy deletion index.
 */

import { findNodeAtLocation, Node as JsonNode, parseTree, ParseError, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { GlossaryCategoryData, GlossaryEntryData } from './glossaryTypes';
import { Gap, scanMarkdown } from './markdown';
import { fold, normalizePunctuation } from './text';
import { FuzzyIndex, editDistance } from './fuzzy';
import { Lexicon, EMPTY_LEXICON } from './lexicon';
import { isMessageKey, Locale, MessageKey, t } from './messages';

export * from './glossaryTypes';

/** A glossary file's text and where it comes from. */
export interface GlossarySource {
  /** URI or path of the file (reported in problems). */
  uri: string;
  /** The file's JSON text. */
  text: string;
  /** True for the built-in glossary. */
  builtin?: boolean;
}

/** A problem found while loading a glossary. */
export interface GlossaryProblem {
  uri: string;
  severity: 'error' | 'warning';
  /** Stable code, e.g. "glossary.duplicate-id". */
  code: MessageKey;
  /** Localised message, without the location. */
  message: string;
  /** Entry id (or index as "#3" when the id is missing). */
  entry?: string;
  field?: string;
  /** Offsets in the file's text of the offending node. */
  start: number;
  end: number;
}

/** Kinds of surface forms a concept is recognised by. */
export const enum FormKind {
  Term = 0,
  Form = 1,
  Synonym = 2,
  Acronym = 3,
  Misspelling = 4,
}

/** A compiled entry. */
export interface GlossaryEntry extends GlossaryEntryData {
  /** The glossary file it comes from. */
  uri: string;
  /** Offsets of the entry object in that file. */
  start: number;
  end: number;
  categoryLabel: string;
  /** Correct forms (term, forms, synonyms, acronyms), as written. */
  allForms: string[];
}

/** A surface form, tokenised as the scanner tokenises notes. */
export interface TermForm {
  entry: GlossaryEntry;
  text: string;
  kind: FormKind;
  /** Words as written in the glossary (NFC). */
  textWords: string[];
  /** Lower-case NFC words. */
  lower: string[];
  /** Accent-folded words. */
  folded: string[];
  /** Separators between words (Space, Hyphen or Apostrophe); length = words − 1. */
  joiners: Gap[];
  /** Acronyms match case-sensitively. */
  caseSensitive: boolean;
  /** For a misspelling: the correct form that replaces it. */
  fix?: TermForm;
  /** The separators between the words as written (what a multi-word fix keeps). */
  separators: string[];
  /** Whether the form is its term with an -s or -x added to a word (computed on first use). */
  plural: boolean | undefined;
}

/** Where a fuzzy key comes from: word `word` of a correct form. */
export interface FuzzyTarget {
  form: TermForm;
  word: number;
}

/** A compiled glossary: entries and the indexes over their forms. */
export interface Glossary {
  entries: GlossaryEntry[];
  byId: Map<string, GlossaryEntry>;
  categories: GlossaryCategoryData[];
  /** All forms (correct and misspelled) by the folded first word, longest first. */
  byFirstWord: Map<string, TermForm[]>;
  /** Correct multi-word forms by the folded concatenation of their words ("soustraitance"). */
  joined: Map<string, TermForm>;
  /** Fuzzy index over the folded words of correct, non-acronym forms. */
  fuzzy: FuzzyIndex<FuzzyTarget>;
  /** Every correct form by its lower-case text (exact look-ups for hover, completion). */
  forms: TermForm[];
  problems: GlossaryProblem[];
  /** Source texts by URI (for definition locations). */
  sources: Map<string, string>;
  /** What the analyser, completion and hover derive from this glossary (see GlossaryMemo). */
  memo: GlossaryMemo;
}

/**
 * What the rest of the core derives from one compiled glossary and keeps for the glossary's
 * lifetime, filled on first use by the module that reads it. It belongs to its glossary (a
 * compiled glossary never changes; a reload compiles a new one with an empty memo), so several
 * glossaries in one process — one per course folder, merged ones — never share a memo.
 */
export class GlossaryMemo {
  /** The analyser's word memo (`getWordTable` in analyze.ts, which knows its value type). */
  words: unknown;
  /** The longest form, in words (`getLongestForm`); 0 until computed. */
  longestForm = 0;
  /** Completion's prefix index (`getIndex` in completion.ts). */
  completion: unknown;
  /** Hover Markdown per entry, by locale and style (concepts.ts). */
  readonly entryMarkdown = new Map<GlossaryEntry, Map<string, string>>();
}

/** Options of `compileGlossary`. */
export interface CompileOptions {
  locale?: Locale;
  /** Used to warn about misspellings that are real words. */
  lexicon?: Lexicon;
}

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TOP_FIELDS = new Set(['$schema', 'name', 'language', 'description', 'categories', 'entries']);
const ENTRY_STRING_FIELDS = ['id', 'term', 'category', 'definition', 'broader', 'source'] as const;
const ENTRY_LIST_FIELDS = ['forms', 'synonyms', 'acronyms', 'misspellings', 'advantages', 'disadvantages', 'examples', 'related'] as const;
const ENTRY_FIELDS = new Set<string>([...ENTRY_STRING_FIELDS, ...ENTRY_LIST_FIELDS]);
const REQUIRED_ENTRY_FIELDS = ['id', 'term', 'category', 'definition'] as const;
const CATEGORY_FIELDS = new Set(['id', 'label', 'description']);

/** Maximum edit distance for fuzzy matches of a folded word of this length. */
export function maxDistanceFor(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  return 2;
}

/**
 * The validated model of one or more glossary sources: plain entries (each with its file and
 * offsets, for locating problems) and categories, plus every problem found, located. What
 * `buildGlossary` indexes.
 *
 * - Another source format (a Markdown glossary) produces this same model: entries that satisfy
 *   `GlossaryEntry` (id, term, category, categoryLabel, definition, forms/synonyms/acronyms/
 *   misspellings as written, allForms = term + forms + synonyms + acronyms, uri/start/end of
 *   the entry in its file), its categories, its problems, and `sources` (uri → text).
 * - Several sources (built-in + course folders + harvested definitions) merge at this level:
 *   concatenate the models' entries, categories, problems and sources, dropping an entry whose
 *   id is already taken (with a `glossary.duplicate-id` problem) — or give `parseGlossary` all
 *   JSON sources at once, which does exactly that — then call `buildGlossary` once.
 */
export interface GlossaryData {
  entries: GlossaryEntry[];
  categories: GlossaryCategoryData[];
  problems: GlossaryProblem[];
  /** Source texts by URI (for definition locations). */
  sources: Map<string, string>;
}

/** Parses and validates glossary files, then compiles them into one searchable glossary. */
export function compileGlossary(sources: GlossarySource[], options: CompileOptions = {}): Glossary {
  return buildGlossary(parseGlossary(sources, options), options);
}

/**
 * Parses and validates JSON glossary files into the plain model (step 1 of `compileGlossary`):
 * syntax, fields, types, ids, categories and relations, each problem located in its file.
 */
export function parseGlossary(sources: GlossarySource[], options: CompileOptions = {}): GlossaryData {
  const locale = options.locale ?? 'fr';
  const problems: GlossaryProblem[] = [];
  const entries: GlossaryEntry[] = [];
  const byId = new Map<string, GlossaryEntry>();
  const categories: GlossaryCategoryData[] = [];
  const categoryIds = new Set<string>();
  const categoryLabels = new Map<string, string>();
  const sourceTexts = new Map<string, string>();
  const pendingRelations: { entry: GlossaryEntry; field: 'related' | 'broader'; id: string; node: JsonNode | undefined; uri: string }[] = [];

  for (const given of sources) {
    // A file saved with a BOM (Windows editors) is valid: the BOM is read as a space, which
    // JSON skips and which keeps every offset the file's.
    const source = given.text.charCodeAt(0) === 0xfeff ? { ...given, text: ' ' + given.text.slice(1) } : given;
    sourceTexts.set(source.uri, source.text);
    const errors: ParseError[] = [];
    // The parser recurses: JSON nested thousands deep would overflow the stack (and take the
    // server down). No glossary needs more than a few levels.
    const tooDeep = nestingBeyond(source.text, MAX_NESTING);
    let root: JsonNode | undefined;
    let overflow = tooDeep !== -1;
    if (!overflow) {
      try {
        root = parseTree(source.text, errors, { allowTrailingComma: true, disallowComments: false });
      } catch {
        overflow = true; // a stack overflow the depth check did not foresee
      }
    }
    if (overflow) {
      const at = Math.max(0, tooDeep);
      const { line, column } = lineColumn(source.text, at);
      problems.push({
        uri: source.uri, severity: 'error', code: 'glossary.invalid-json',
        message: t(locale, 'glossary.invalid-json', { detail: t(locale, 'json.at', { detail: t(locale, 'glossary.nesting', { max: MAX_NESTING }), line, column }) }),
        start: at, end: at + 1,
      });
      continue;
    }
    const report = (severity: 'error' | 'warning', code: MessageKey, params: Record<string, string>, node: JsonNode | undefined, entry?: string, field?: string) => {
      const start = node?.offset ?? 0;
      problems.push({ uri: source.uri, severity, code, message: t(locale, code, params), entry, field, start, end: start + (node?.length ?? 0) });
    };
    if (errors.length > 0) {
      // Every syntax error (a few at most), with its line and column and, when it lies inside an
      // entry, that entry and field: the tolerant parser goes on, so the rest still loads.
      for (const e of errors.slice(0, MAX_SYNTAX_ERRORS)) {
        const { line, column } = lineColumn(source.text, e.offset);
        const at = root ? locateEntryField(root, e.offset) : {};
        problems.push({
          uri: source.uri, severity: 'error', code: 'glossary.invalid-json',
          message: t(locale, 'glossary.invalid-json', { detail: t(locale, 'json.at', { detail: jsonErrorText(e.error, locale), line, column }) }),
          entry: at.entry, field: at.field,
          // At the end of the file (an empty or cut file) the range ends there, not one past it.
          start: e.offset, end: Math.min(source.text.length, e.offset + Math.max(1, e.length)),
        });
      }
      if (!root || root.type !== 'object') continue; // keep what the tolerant parser recovered
    }
    if (!root || root.type !== 'object') {
      report('error', 'glossary.not-object', {}, root);
      continue;
    }
    for (const prop of root.children ?? []) {
      const key = prop.children?.[0]?.value as string;
      if (!TOP_FIELDS.has(key)) report('error', 'glossary.unknown-field', { field: key }, prop.children?.[0], undefined, key);
    }
    for (const field of ['name', 'language', 'categories', 'entries']) {
      if (!findNodeAtLocation(root, [field])) report('error', 'glossary.missing-field', { field }, root, undefined, field);
    }
    for (const field of ['name', 'language', 'description']) {
      const node = findNodeAtLocation(root, [field]);
      if (node && node.type !== 'string') report('error', 'glossary.wrong-type', { field, expected: 'une chaîne / a string' }, node, undefined, field);
    }
    // Categories.
    const catsNode = findNodeAtLocation(root, ['categories']);
    if (catsNode?.type === 'array') {
      for (const [k, catNode] of (catsNode.children ?? []).entries()) {
        const cat = nodeValue(catNode) as Partial<GlossaryCategoryData>;
        if (catNode.type !== 'object' || typeof cat.id !== 'string' || typeof cat.label !== 'string' || !cat.label.trim()) {
          report('error', 'glossary.bad-category', { index: String(k + 1) }, catNode, undefined, 'categories');
          continue;
        }
        for (const prop of catNode.children ?? []) {
          const key = prop.children?.[0]?.value as string;
          if (!CATEGORY_FIELDS.has(key)) report('error', 'glossary.unknown-field', { field: `categories.${key}` }, prop.children?.[0], undefined, key);
        }
        if (!categoryIds.has(cat.id)) {
          categoryIds.add(cat.id);
          categoryLabels.set(cat.id, cat.label);
          categories.push({ id: cat.id, label: cat.label, description: typeof cat.description === 'string' ? cat.description : undefined });
        }
      }
    } else if (catsNode) report('error', 'glossary.wrong-type', { field: 'categories', expected: 'un tableau / an array' }, catsNode, undefined, 'categories');

    // Entries.
    const entriesNode = findNodeAtLocation(root, ['entries']);
    if (entriesNode && entriesNode.type !== 'array') {
      report('error', 'glossary.wrong-type', { field: 'entries', expected: 'un tableau / an array' }, entriesNode, undefined, 'entries');
      continue;
    }
    (entriesNode?.children ?? []).forEach((entryNode, index) => {
      const raw = nodeValue(entryNode) as Record<string, unknown>;
      const label = typeof raw?.id === 'string' && raw.id ? raw.id : `#${index + 1}`;
      if (entryNode.type !== 'object') {
        report('error', 'glossary.entry-not-object', {}, entryNode, label);
        return;
      }
      const fieldNode = (field: string) => findNodeAtLocation(entryNode, [field]);
      let dropped = false;
      for (const prop of entryNode.children ?? []) {
        const key = prop.children?.[0]?.value as string;
        if (!ENTRY_FIELDS.has(key)) report('error', 'glossary.unknown-field', { field: key }, prop.children?.[0], label, key);
      }
      for (const field of REQUIRED_ENTRY_FIELDS) {
        const v = raw[field];
        if (v === undefined) {
          report('error', 'glossary.missing-field', { field }, entryNode, label, field);
          dropped = true;
        } else if (typeof v !== 'string') {
          report('error', 'glossary.wrong-type', { field, expected: 'une chaîne / a string' }, fieldNode(field), label, field);
          dropped = true;
        } else if (!v.trim()) {
          report('error', 'glossary.empty-field', { field }, fieldNode(field), label, field);
          dropped = true;
        } else if (field === 'term' && v.length > MAX_FORM_LENGTH) {
          report('error', 'glossary.too-long', { field, length: String(v.length), max: String(MAX_FORM_LENGTH) }, fieldNode(field), label, field);
          dropped = true;
        }
      }
      const data: GlossaryEntryData = { id: String(raw.id ?? ''), term: '', category: '', definition: '' };
      for (const field of ENTRY_STRING_FIELDS) {
        const v = raw[field];
        if (typeof v === 'string') (data as unknown as Record<string, string>)[field] = normalizeForm(v, field);
        else if (v !== undefined && !(REQUIRED_ENTRY_FIELDS as readonly string[]).includes(field)) {
          report('error', 'glossary.wrong-type', { field, expected: 'une chaîne / a string' }, fieldNode(field), label, field);
        }
      }
      for (const field of ENTRY_LIST_FIELDS) {
        const v = raw[field];
        if (v === undefined) continue;
        const expected = 'un tableau de chaînes non vides / an array of non-empty strings';
        if (!Array.isArray(v)) {
          report('error', 'glossary.wrong-type', { field, expected }, fieldNode(field), label, field);
          continue;
        }
        // A bad item is reported where it is; the good ones around it still load.
        const bad = v.findIndex((x) => typeof x !== 'string' || !x.trim());
        if (bad !== -1) report('error', 'glossary.wrong-type', { field, expected }, findNodeAtLocation(entryNode, [field, bad]) ?? fieldNode(field), label, field);
        let items = v.filter((x): x is string => typeof x === 'string' && !!x.trim());
        if (FORM_LIST_FIELDS.has(field) && items.some((x) => x.length > MAX_FORM_LENGTH)) {
          // A form is a term's surface in running text: pages of it are a mistake (and would cost
          // the fuzzy index and the fix ranking dearly). Reported and left out; the rest loads.
          const node = fieldNode(field)?.children?.find((c) => typeof c.value === 'string' && c.value.length > MAX_FORM_LENGTH);
          const long = items.find((x) => x.length > MAX_FORM_LENGTH)!;
          report('error', 'glossary.too-long', { field, length: String(long.length), max: String(MAX_FORM_LENGTH) }, node ?? fieldNode(field), label, field);
          items = items.filter((x) => x.length <= MAX_FORM_LENGTH);
        }
        (data as unknown as Record<string, string[]>)[field] = items.map((x) => normalizeForm(x, field));
      }
      if (dropped) {
        report('error', 'glossary.entry-dropped', {}, entryNode, label);
        return;
      }
      if (!ID_RE.test(data.id)) {
        report('error', 'glossary.bad-id', { id: data.id }, fieldNode('id'), label, 'id');
        report('error', 'glossary.entry-dropped', {}, entryNode, label);
        return;
      }
      const existing = byId.get(data.id);
      if (existing) {
        report('error', 'glossary.duplicate-id', { id: data.id, where: existing.uri }, fieldNode('id'), label, 'id');
        report('error', 'glossary.entry-dropped', {}, entryNode, label);
        return;
      }
      if (!categoryIds.has(data.category)) {
        report('error', 'glossary.unknown-category', { id: data.category }, fieldNode('category'), label, 'category');
      }
      const entry: GlossaryEntry = {
        ...data,
        uri: source.uri,
        start: entryNode.offset,
        end: entryNode.offset + entryNode.length,
        categoryLabel: categoryLabels.get(data.category) ?? data.category,
        allForms: [],
      };
      entries.push(entry);
      byId.set(entry.id, entry);
      if (entry.broader) pendingRelations.push({ entry, field: 'broader', id: entry.broader, node: fieldNode('broader'), uri: source.uri });
      (entry.related ?? []).forEach((id, k) => pendingRelations.push({ entry, field: 'related', id, node: findNodeAtLocation(entryNode, ['related', k]), uri: source.uri }));
      (entry as GlossaryEntry & { _node?: JsonNode })._node = entryNode;
    });
  }

  // Relations, checked once every file is read.
  for (const rel of pendingRelations) {
    if (byId.has(rel.id)) continue;
    const start = rel.node?.offset ?? rel.entry.start;
    problems.push({
      uri: rel.uri, severity: 'error', code: 'glossary.unknown-relation', message: t(locale, 'glossary.unknown-relation', { id: rel.id }),
      entry: rel.entry.id, field: rel.field, start, end: start + (rel.node?.length ?? 0),
    });
    if (rel.field === 'broader') rel.entry.broader = undefined;
    else rel.entry.related = rel.entry.related?.filter((id) => id !== rel.id);
  }

  return { entries, categories, problems, sources: sourceTexts };
}

/**
 * Builds the searchable glossary from the validated model (step 2 of `compileGlossary`): the
 * forms of every entry (with the checks that need all of them: duplicate terms, misspellings
 * that are terms or French words, unreadable forms, which add problems), then the indexes.
 * Takes over `data` (its entries and problems become the glossary's).
 */
export function buildGlossary(data: GlossaryData, options: CompileOptions = {}): Glossary {
  const locale = options.locale ?? 'fr';
  const lexicon = options.lexicon ?? EMPTY_LEXICON;
  const { entries, categories, problems } = data;
  const sourceTexts = data.sources;
  const byId = new Map<string, GlossaryEntry>();
  for (const e of entries) byId.set(e.id, e);
  // Forms: correct ones first, so misspellings can be checked against all of them.
  const forms: TermForm[] = [];
  const claimed = new Map<string, TermForm>(); // exact lower-case text (or case-sensitive acronym) → form
  const formKey = (f: TermForm) => (f.caseSensitive ? 'A:' + f.text : f.lower.join(' '));
  const problemAt = (entry: GlossaryEntry, field: string, value: string, code: MessageKey, params: Record<string, string>, severity: 'error' | 'warning' = 'error') => {
    const node = (entry as GlossaryEntry & { _node?: JsonNode })._node;
    const fieldNode = node ? findNodeAtLocation(node, [field]) : undefined;
    const item = fieldNode?.children?.find((c) => typeof c.value === 'string' && normalizeForm(c.value, field) === value) ?? fieldNode;
    const start = item?.offset ?? entry.start;
    problems.push({ uri: entry.uri, severity, code, message: t(locale, code, params), entry: entry.id, field, start, end: start + (item?.length ?? 0) });
  };
  // Notes are read word by word, as the scanner reads them: a word with a digit is never matched
  // ("IPv6"), and what the scanner skips is not part of the form ("Web 2.0" is read as "Web").
  const checkReadable = (entry: GlossaryEntry, field: string, text: string, form: TermForm) => {
    const read = form.textWords.join('');
    if (/[0-9]/.test(read)) problemAt(entry, field, text, 'glossary.has-digits', { term: text }, 'warning');
    else if (read.length < [...text.normalize('NFC')].filter((ch) => /[\p{L}\p{Nd}]/u.test(ch)).length) {
      problemAt(entry, field, text, 'glossary.partly-read', { term: text, read: form.textWords.join(' ') }, 'warning');
    }
  };
  for (const entry of entries) {
    const candidates: [string, FormKind, string][] = [[entry.term, isAcronymLike(entry.term, entry) ? FormKind.Acronym : FormKind.Term, 'term']];
    for (const f of entry.forms ?? []) candidates.push([f, FormKind.Form, 'forms']);
    for (const f of entry.synonyms ?? []) candidates.push([f, FormKind.Synonym, 'synonyms']);
    for (const f of entry.acronyms ?? []) candidates.push([f, FormKind.Acronym, 'acronyms']);
    for (const [text, kind, field] of candidates) {
      const form = makeForm(entry, text, kind);
      if (!form) {
        problemAt(entry, field, text, 'glossary.no-words', { term: text }, 'warning');
        continue;
      }
      checkReadable(entry, field, text, form);
      const key = formKey(form);
      const other = claimed.get(key);
      if (other) {
        if (other.entry !== entry) problemAt(entry, field, text, 'glossary.duplicate-term', { term: text, other: other.entry.id });
        continue;
      }
      claimed.set(key, form);
      forms.push(form);
      entry.allForms.push(text);
    }
  }
  // Regular plurals of one-word terms are the same concept even when the file omits them.
  for (const form of [...forms]) {
    if (form.caseSensitive || form.lower.length > 1 || (form.kind !== FormKind.Term && form.kind !== FormKind.Synonym)) continue;
    if (/[sxz]$/.test(form.lower[0])) continue;
    const plural = makeForm(form.entry, form.text + 's', FormKind.Form);
    if (!plural || claimed.has(formKey(plural))) continue;
    claimed.set(formKey(plural), plural);
    forms.push(plural);
  }
  // The look-ups of the misspelling checks, built once: a search of every form per misspelling
  // took 10 s for a 10,000-entry glossary.
  const acronymByText = new Map<string, TermForm>();
  const byLetters = new Map<string, TermForm>();
  const formsOf = new Map<GlossaryEntry, TermForm[]>();
  for (const f of forms) {
    if (f.caseSensitive) {
      if (!acronymByText.has(f.text)) acronymByText.set(f.text, f);
    } else {
      const letters = f.folded.join(' ');
      if (!byLetters.has(letters)) byLetters.set(letters, f);
    }
    const list = formsOf.get(f.entry);
    if (list) list.push(f);
    else formsOf.set(f.entry, [f]);
  }
  const misspellings: TermForm[] = [];
  for (const entry of entries) {
    for (const text of entry.misspellings ?? []) {
      const form = makeForm(entry, text, FormKind.Misspelling);
      if (!form) {
        problemAt(entry, 'misspellings', text, 'glossary.no-words', { term: text }, 'warning');
        continue;
      }
      checkReadable(entry, 'misspellings', text, form);
      const other = claimed.get(form.lower.join(' ')) ?? acronymByText.get(text);
      if (other) {
        problemAt(entry, 'misspellings', text, 'glossary.misspelling-is-term', { term: text, other: other.entry.id });
        continue;
      }
      // Only the accents differ from a correct form: the accent rule flags it already, and as a
      // known misspelling it would escape the note-level finding of notes written without accents.
      const sameLetters = byLetters.get(form.folded.join(' '));
      if (sameLetters) {
        problemAt(entry, 'misspellings', text, 'glossary.misspelling-accent-only', { term: text, other: sameLetters.text }, 'warning');
        continue;
      }
      if (form.lower.length === 1 && lexicon.has(form.lower[0])) {
        problemAt(entry, 'misspellings', text, 'glossary.misspelling-is-word', { term: text }, 'warning');
      }
      // The fix is the entry's correct form nearest to the misspelling ("inforgérances" → plural).
      const own = (formsOf.get(entry) ?? []).filter((f) => f.kind !== FormKind.Acronym);
      let best = own[0];
      let bestDist = Infinity;
      for (const f of own) {
        const d = editDistance(form.folded.join(' '), f.folded.join(' '), 99);
        if (d < bestDist) { best = f; bestDist = d; }
      }
      form.fix = best ?? formsOf.get(entry)?.[0];
      if (form.fix) misspellings.push(form);
    }
  }

  const byFirstWord = new Map<string, TermForm[]>();
  const joined = new Map<string, TermForm>();
  const fuzzy = new FuzzyIndex<FuzzyTarget>(2);
  for (const form of [...forms, ...misspellings]) {
    const list = byFirstWord.get(form.folded[0]);
    if (list) list.push(form);
    else byFirstWord.set(form.folded[0], [form]);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.folded.length - a.folded.length || a.kind - b.kind);
  for (const form of forms) {
    if (form.caseSensitive) continue;
    if (form.folded.length > 1) {
      const key = form.folded.join('');
      if (!joined.has(key)) joined.set(key, form);
    }
    form.folded.forEach((word, i) => {
      if (maxDistanceFor(word.length) > 0 && word.length <= MAX_FUZZY_WORD) fuzzy.add(word, { form, word: i });
    });
  }

  fuzzy.build();
  for (const e of entries) delete (e as GlossaryEntry & { _node?: JsonNode })._node;
  return { entries, byId, categories, byFirstWord, joined, fuzzy, forms, problems, sources: sourceTexts, memo: new GlossaryMemo() };
}

const MAX_SYNTAX_ERRORS = 5;
/** Deepest JSON nesting read (a glossary needs 4 levels). */
const MAX_NESTING = 100;

/**
 * The offset where `text`'s arrays and objects nest deeper than `max`, or -1. Strings and
 * comments are skipped as the JSONC scanner reads them (a string also ends at a line break).
 */
function nestingBeyond(text: string, max: number): number {
  let depth = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < len; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < len && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const e = text.indexOf('*/', i + 2);
      i = e === -1 ? len : e + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return i;
    } else if ((c === 125 /* } */ || c === 93 /* ] */) && depth > 0) depth--;
  }
  return -1;
}
/** Longest form (term, forms, synonyms, acronyms, misspellings) a glossary may give, in characters. */
export const MAX_FORM_LENGTH = 200;
const FORM_LIST_FIELDS = new Set<string>(['forms', 'synonyms', 'acronyms', 'misspellings']);
/**
 * Longest word the fuzzy index takes (the longest French words have about 25 letters): the
 * deletion neighbourhood of a word grows with the square of its length, and the index's longest
 * key bounds the notes' words that are looked up.
 */
const MAX_FUZZY_WORD = 40;

/** 1-based line and column of an offset (lines end at \n, \r\n or \r). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The entry (id, or "#n") and field around an offset of a glossary file, as far as known. */
function locateEntryField(root: JsonNode, offset: number): { entry?: string; field?: string } {
  const entries = findNodeAtLocation(root, ['entries']);
  if (entries?.type !== 'array' || !entries.children) return {};
  // The entry containing the offset, else the last one before it (an error between entries).
  let index = -1;
  entries.children.forEach((node, k) => {
    if (node.offset <= offset) index = k;
  });
  if (index === -1) return {};
  const node = entries.children[index];
  const idNode = node.type === 'object' ? findNodeAtLocation(node, ['id']) : undefined;
  const entry = typeof idNode?.value === 'string' && idNode.value ? idNode.value : `#${index + 1}`;
  if (offset > node.offset + node.length) return { entry };
  // The property being written when the error came (a missing comma blames the one before).
  let field: string | undefined;
  for (const prop of node.children ?? []) {
    if (prop.type === 'property' && prop.offset < offset) field = prop.children?.[0]?.value as string;
  }
  return { entry, field };
}

/** Formats a problem for a terminal: "file: entry X, field Y: message". */
export function formatProblem(p: GlossaryProblem, locale: Locale = 'fr'): string {
  const where = [p.entry ? t(locale, 'problem.entry', { entry: p.entry }) : '', p.field ? t(locale, 'problem.field', { field: p.field }) : '']
    .filter(Boolean)
    .join(', ');
  return `${p.uri}: ${t(locale, p.severity === 'error' ? 'problem.error' : 'problem.warning')}${where ? ` (${where})` : ''}: ${p.message}`;
}

/** A JSON syntax error in words ("valeur attendue"), not the parser's code (`ValueExpected`). */
function jsonErrorText(code: ParseErrorCode, locale: Locale): string {
  const key = `json.${printParseErrorCode(code)}`;
  return t(locale, isMessageKey(key) ? key : 'json.Unknown');
}

function normalizeForm(value: string, field: string): string {
  const v = value.trim().normalize('NFC');
  return field === 'definition' || field === 'advantages' || field === 'disadvantages' || field === 'examples' || field === 'source' ? v : normalizePunctuation(v);
}

/** A term written like an acronym ("SaaS", "ESN") is matched case-sensitively. */
function isAcronymLike(term: string, entry: GlossaryEntryData): boolean {
  return (entry.acronyms ?? []).includes(term) || (/^\S+$/.test(term) && /[A-Z].*[A-Z]/.test(term));
}

function makeForm(entry: GlossaryEntry, text: string, kind: FormKind): TermForm | undefined {
  const tokens = scanMarkdown(text).tokens;
  if (tokens.length === 0) return undefined;
  const lower = tokens.map((tk) => tk.text.toLowerCase());
  return {
    entry,
    text,
    kind,
    textWords: tokens.map((tk) => tk.text),
    lower,
    folded: lower.map(fold),
    joiners: tokens.slice(1).map((tk) => tk.gapBefore),
    caseSensitive: kind === FormKind.Acronym,
    separators: tokens.slice(1).map((tk, k) => text.slice(tokens[k].end, tk.start)),
    plural: undefined,
  };
}

function nodeValue(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k) out[k.value as string] = nodeValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
