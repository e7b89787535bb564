/**
 * The glossary model: compiles glossary files into the indexes the matcher uses (forms by
 * their first accent-folded word: one hash look-up per word of a note; joined compounds; a
 * fuzzy deletion index). Parsing and validation (every problem names the file, the entry and
 * the field, and loading goes on with what is valid) are glossaryParse.ts: step 1; this file
 * is step 2, `buildGlossary`, from the validated model any source format produces.
 */

import { findNodeAtLocation, Node as JsonNode } from 'jsonc-parser';
import { CompileOptions, GlossaryCategoryData, GlossaryData, GlossaryEntry, GlossaryEntryData, GlossaryProblem, GlossarySource } from './glossaryTypes';
import { normalizeForm, parseGlossary } from './glossaryParse';
import { Gap, scanTokens } from './markdown';
import { TokenBuffer } from './tokens';
import { fold } from './text';
import { FuzzyIndex, editDistance, EditRows } from './fuzzy';
import { EMPTY_LEXICON } from './lexicon';
import { Locale, MessageKey, t } from './messages';

export { formatProblem, MAX_FORM_LENGTH, parseGlossary } from './glossaryParse';
export * from './glossaryTypes';



/** Kinds of surface forms a concept is recognised by. */
export const enum FormKind {
  Term = 0,
  Form = 1,
  Synonym = 2,
  Acronym = 3,
  Misspelling = 4,
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
  /**
   * The folded words of hyphenated forms that touch a hyphen ("sous", "traitance"): a French
   * word that is one of them may anchor a typo in the other element ("sou-traitance").
   */
  hyphenWords: Map<string, FuzzyTarget[]>;
  /** Every correct form by its lower-case text (exact look-ups for hover, completion). */
  forms: TermForm[];
  /** The known misspellings' forms (each with its fix), in `byFirstWord` too. */
  misspellings: TermForm[];
  /** Where the regular plurals the build added begin in `forms` (the declared forms come first). */
  pluralsFrom: number;
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
  /** The analyser's word memo (`getWordTable` in scratch.ts, which knows its value type). */
  words: unknown;
  /** The longest form, in words (`getLongestForm`); 0 until computed. */
  longestForm = 0;
  /** Completion's prefix index (`getIndex` in completion.ts). */
  completion: unknown;
  /** The fuzzy index of the joined multi-word forms (`joinedTypo` in fuzzyJoined.ts). */
  joinedFuzzy: unknown;
  /** The words of multi-word forms with spaces, by folded word (`spacedWordTargets`). */
  spacedWords: unknown;
  /** Hover Markdown per entry, by locale and style (concepts.ts). */
  readonly entryMarkdown = new Map<GlossaryEntry, Map<string, string>>();
  /** The key each form claims, with its index in `forms` (`extendGlossary`). */
  formKeys: Map<string, number> | undefined;
  /** What composing a chain on top of this glossary needs (`extendChain` in scope.ts). */
  chainBase: unknown;
}


/** Maximum edit distance for fuzzy matches of a folded word of this length. */
export function maxDistanceFor(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  return 2;
}


/** The look-up indexes of a glossary (built on first use, see `buildGlossary`). */
type GlossaryIndexes = Pick<Glossary, 'byFirstWord' | 'joined' | 'fuzzy' | 'hyphenWords'>;

/** Parses and validates glossary files, then compiles them into one searchable glossary. */
export function compileGlossary(sources: GlossarySource[], options: CompileOptions = {}): Glossary {
  return buildGlossary(parseGlossary(sources, options), options);
}

/**
 * Builds the searchable glossary from the validated model (step 2 of `compileGlossary`): the
 * forms of every entry (with the checks that need all of them: duplicate terms, misspellings
 * that are terms or French words, unreadable forms, which add problems), then the indexes.
 * Takes over `data` (its entries and problems become the glossary's).
 *
 * The look-up indexes (`byFirstWord`, `joined`, `fuzzy`, `hyphenWords`) are built on first
 * read (or by `prepareIndexes`): a course glossary file that only ever serves inside chains
 * never needs its own. `parts`: the compiled glossaries `data` was composed from (a chain, see
 * scope.ts): their forms are taken for the same text instead of being tokenised again, and the
 * readability warnings, which the parts gave already, are not made again.
 */
export function buildGlossary(data: GlossaryData, options: CompileOptions = {}, parts: readonly Glossary[] = []): Glossary {
  const { entries, problems } = data;
  const build = new GlossaryBuild(options, parts, problems);
  // Each step is a method called per entry or per form, not a loop body here: a chain is
  // composed once per course, and a function that loops over every form of every chain
  // becomes hot enough for TurboFan to compile it whole, with everything it calls inlined
  // (75 ms of background compiling for 40 courses, for a function that then never runs
  // again). Small steps compile small, or not at all.
  const byId = new Map<string, GlossaryEntry>();
  for (const e of entries) byId.set(e.id, e);
  // Forms: correct ones first, so misspellings can be checked against all of them.
  for (const entry of entries) build.addForms(entry);
  // Regular plurals of one-word terms are the same concept even when the file omits them.
  const singulars = build.forms.length;
  for (let k = 0; k < singulars; k++) build.addPlural(build.forms[k]);
  build.indexForms();
  for (const entry of entries) build.addMisspellings(entry);
  for (const e of entries) delete (e as GlossaryEntry & { _node?: JsonNode })._node;
  return withIndexes({ entries, byId, categories: data.categories, forms: build.forms, misspellings: build.misspellings, pluralsFrom: singulars, problems, sources: data.sources, memo: new GlossaryMemo() });
}

/**
 * `buildGlossary` over `base`'s entries followed by `extra` (a chain's last part: a course's
 * harvested definitions after its glossaries, see `extendChain` in scope.ts), without going
 * over the base's forms again. A course has one chain per harvested part, and building each
 * in full compiled the same glossary forms once per course; here the base's forms and
 * misspellings are shared (a compiled form never changes) and only what `extra` adds or
 * takes is worked out, with the rules and the order of a full build:
 * - the extra entries' forms come after the base's declared forms and before its plurals,
 *   and claim against the declared forms only (a full build adds every entry's forms, then
 *   the plurals): an extra form can take a base plural, which then goes;
 * - the extra plurals come last and claim against everything;
 * - a base misspelling goes when an extra form claims its text, is an acronym written like
 *   it, or has its letters (accents aside), as in `addMisspelling`.
 * `base` must have been built with these same entries (what the chain keeps of them, as it
 * keeps them). Undefined when the result could differ from a full build in a way this does
 * not follow (an extra entry with misspellings, a base misspelling whose fix is a plural the
 * extra entries take): the caller builds in full then. Problems are not made (a chain has
 * none of its own).
 */
export function extendGlossary(base: Glossary, extra: GlossaryEntry[], data: Pick<GlossaryData, 'categories' | 'sources'>, parts: readonly Glossary[]): Glossary | undefined {
  if (extra.some((e) => e.misspellings?.length)) return undefined;
  const baseKeys = formKeysOf(base);
  const declared = base.pluralsFrom;
  const formOf = formMaker(parts);
  const claimed = new Map<string, TermForm>();
  const added: TermForm[] = [];
  const add = (entry: GlossaryEntry, text: string, kind: FormKind) => {
    const form = formOf(entry, text, kind);
    if (!form) return;
    const key = formKey(form);
    const k = baseKeys.get(key);
    if ((k !== undefined && k < declared) || claimed.has(key)) return;
    claimed.set(key, form);
    added.push(form);
    entry.allForms.push(text);
  };
  for (const entry of extra) forEachName(entry, (text, kind) => add(entry, text, kind));
  // The base's plurals an extra form took (its key is the extra form's now).
  const basePlurals = base.forms.slice(declared);
  const taken = basePlurals.filter((f) => claimed.has(formKey(f)));
  const keptPlurals = taken.length === 0 ? basePlurals : basePlurals.filter((f) => !taken.includes(f));
  const extraPlurals: TermForm[] = [];
  for (const form of added) {
    if (!takesPlural(form)) continue;
    const plural = formOf(form.entry, form.text + 's', FormKind.Form);
    if (!plural) continue;
    const key = formKey(plural);
    if (baseKeys.has(key) || claimed.has(key)) continue;
    claimed.set(key, plural);
    extraPlurals.push(plural);
  }
  // The base's misspellings, less those the extra forms rule out (addMisspelling's checks).
  const acronyms = new Set<string>();
  const letters = new Set<string>();
  for (const f of added.concat(extraPlurals)) {
    if (f.caseSensitive) acronyms.add(f.text);
    else letters.add(f.folded.join(' '));
  }
  const misspellings: TermForm[] = [];
  for (const m of base.misspellings) {
    if (claimed.has(m.lower.join(' ')) || acronyms.has(m.text) || letters.has(m.folded.join(' '))) continue;
    if (m.fix && taken.includes(m.fix)) return undefined;
    misspellings.push(m);
  }
  const entries = base.entries.concat(extra);
  const byId = new Map(base.byId);
  for (const e of extra) byId.set(e.id, e);
  const forms = base.forms.slice(0, declared).concat(added, keptPlurals, extraPlurals);
  return withIndexes({ entries, byId, categories: data.categories, forms, misspellings, pluralsFrom: declared + added.length, problems: [], sources: data.sources, memo: new GlossaryMemo() });
}

/** The key each form of a glossary claims, with the form's index (the first form to claim it; memoised). */
function formKeysOf(glossary: Glossary): Map<string, number> {
  let keys = glossary.memo.formKeys;
  if (!keys) {
    keys = new Map();
    glossary.forms.forEach((f, k) => {
      const key = formKey(f);
      if (!keys!.has(key)) keys!.set(key, k);
    });
    glossary.memo.formKeys = keys;
  }
  return keys;
}

/** The state of one `buildGlossary`: the forms so far, what they claim, the problems found. */
class GlossaryBuild {
  readonly forms: TermForm[] = [];
  readonly misspellings: TermForm[] = [];
  /** Exact lower-case text (or case-sensitive acronym) → form. */
  private readonly claimed = new Map<string, TermForm>();
  // The look-ups of the misspelling checks, built once (indexForms): a search of every form
  // per misspelling took 10 s for a 10,000-entry glossary.
  private readonly acronymByText = new Map<string, TermForm>();
  private readonly byLetters = new Map<string, TermForm>();
  private readonly formsOf = new Map<GlossaryEntry, TermForm[]>();
  /** One set of rows for every distance below (no allocation each). */
  private readonly rows = new EditRows();
  private readonly locale: Locale;
  private readonly lexicon: NonNullable<CompileOptions['lexicon']>;
  private readonly formOf: (entry: GlossaryEntry, text: string, kind: FormKind) => TermForm | undefined;

  constructor(options: CompileOptions, private readonly parts: readonly Glossary[], private readonly problems: GlossaryProblem[]) {
    this.locale = options.locale ?? 'fr';
    this.lexicon = options.lexicon ?? EMPTY_LEXICON;
    this.formOf = formMaker(parts);
  }

  /** The entry's term, forms, synonyms and acronyms, each once in the glossary. */
  addForms(entry: GlossaryEntry): void {
    forEachName(entry, (text, kind, field) => this.addForm(entry, text, kind, field));
  }

  private addForm(entry: GlossaryEntry, text: string, kind: FormKind, field: string): void {
    const form = this.formOf(entry, text, kind);
    if (!form) {
      this.problemAt(entry, field, text, 'glossary.no-words', { term: text }, 'warning');
      return;
    }
    this.checkReadable(entry, field, text, form);
    const key = formKey(form);
    const other = this.claimed.get(key);
    if (other) {
      if (other.entry !== entry) this.problemAt(entry, field, text, 'glossary.duplicate-term', { term: text, other: other.entry.id });
      return;
    }
    this.claimed.set(key, form);
    this.forms.push(form);
    entry.allForms.push(text);
  }

  /** The regular plural of a one-word term or synonym, unless a form claims it. */
  addPlural(form: TermForm): void {
    if (!takesPlural(form)) return;
    const plural = this.formOf(form.entry, form.text + 's', FormKind.Form);
    if (!plural || this.claimed.has(formKey(plural))) return;
    this.claimed.set(formKey(plural), plural);
    this.forms.push(plural);
  }

  /** Builds the look-ups of the misspelling checks, once every correct form is in. */
  indexForms(): void {
    for (const f of this.forms) {
      if (f.caseSensitive) {
        if (!this.acronymByText.has(f.text)) this.acronymByText.set(f.text, f);
      } else {
        const letters = f.folded.join(' ');
        if (!this.byLetters.has(letters)) this.byLetters.set(letters, f);
      }
      const list = this.formsOf.get(f.entry);
      if (list) list.push(f);
      else this.formsOf.set(f.entry, [f]);
    }
  }

  /** The entry's known misspellings, each with its fix, unless it is a correct form or differs by accents only. */
  addMisspellings(entry: GlossaryEntry): void {
    for (const text of entry.misspellings ?? []) this.addMisspelling(entry, text);
  }

  private addMisspelling(entry: GlossaryEntry, text: string): void {
    const form = this.formOf(entry, text, FormKind.Misspelling);
    if (!form) {
      this.problemAt(entry, 'misspellings', text, 'glossary.no-words', { term: text }, 'warning');
      return;
    }
    this.checkReadable(entry, 'misspellings', text, form);
    const other = this.claimed.get(form.lower.join(' ')) ?? this.acronymByText.get(text);
    if (other) {
      this.problemAt(entry, 'misspellings', text, 'glossary.misspelling-is-term', { term: text, other: other.entry.id });
      return;
    }
    // Only the accents differ from a correct form: the accent rule flags it already, and as a
    // known misspelling it would escape the note-level finding of notes written without accents.
    const sameLetters = this.byLetters.get(form.folded.join(' '));
    if (sameLetters) {
      this.problemAt(entry, 'misspellings', text, 'glossary.misspelling-accent-only', { term: text, other: sameLetters.text }, 'warning');
      return;
    }
    if (form.lower.length === 1 && this.lexicon.has(form.lower[0])) {
      this.problemAt(entry, 'misspellings', text, 'glossary.misspelling-is-word', { term: text }, 'warning');
    }
    // The fix is the entry's correct form nearest to the misspelling ("inforgérances" → plural).
    const own = (this.formsOf.get(entry) ?? []).filter((f) => f.kind !== FormKind.Acronym);
    let best = own[0];
    let bestDist = Infinity;
    for (const f of own) {
      const d = editDistance(form.folded.join(' '), f.folded.join(' '), 99, this.rows);
      if (d < bestDist) { best = f; bestDist = d; }
    }
    form.fix = best ?? this.formsOf.get(entry)?.[0];
    if (form.fix) this.misspellings.push(form);
  }

  private problemAt(entry: GlossaryEntry, field: string, value: string, code: MessageKey, params: Record<string, string>, severity: 'error' | 'warning' = 'error'): void {
    const node = (entry as GlossaryEntry & { _node?: JsonNode })._node;
    const fieldNode = node ? findNodeAtLocation(node, [field]) : undefined;
    const item = fieldNode?.children?.find((c) => typeof c.value === 'string' && normalizeForm(c.value, field) === value) ?? fieldNode;
    const start = item?.offset ?? entry.start;
    this.problems.push({ uri: entry.uri, severity, code, message: t(this.locale, code, params), entry: entry.id, field, start, end: start + (item?.length ?? 0) });
  }

  /**
   * Notes are read word by word, as the scanner reads them: a word with a digit is never matched
   * ("IPv6"), and what the scanner skips is not part of the form ("Web 2.0" is read as "Web").
   * A chain's parts gave these warnings already.
   */
  private checkReadable(entry: GlossaryEntry, field: string, text: string, form: TermForm): void {
    if (this.parts.length > 0) return;
    const read = form.textWords.join('');
    if (/[0-9]/.test(read)) this.problemAt(entry, field, text, 'glossary.has-digits', { term: text }, 'warning');
    // Letters and digits of the text (code points) that the words left out; a text no longer
    // than what was read lost none (the common case: no count).
    else if (read.length < text.length && read.length < (text.normalize('NFC').match(/[\p{L}\p{Nd}]/gu)?.length ?? 0)) {
      this.problemAt(entry, field, text, 'glossary.partly-read', { term: text, read: form.textWords.join(' ') }, 'warning');
    }
  }
}

/** Calls `fn` with each name of an entry (term, forms, synonyms, acronyms), its kind and field, in the order a build adds them. */
function forEachName(entry: GlossaryEntry, fn: (text: string, kind: FormKind, field: string) => void): void {
  fn(entry.term, isAcronymLike(entry.term, entry) ? FormKind.Acronym : FormKind.Term, 'term');
  for (const f of entry.forms ?? []) fn(f, FormKind.Form, 'forms');
  for (const f of entry.synonyms ?? []) fn(f, FormKind.Synonym, 'synonyms');
  for (const f of entry.acronyms ?? []) fn(f, FormKind.Acronym, 'acronyms');
}

/** True for a form whose regular plural a build adds: a one-word term or synonym, not an acronym, not ending in s, x or z. */
function takesPlural(form: TermForm): boolean {
  return !form.caseSensitive && form.lower.length === 1 && (form.kind === FormKind.Term || form.kind === FormKind.Synonym) && !/[sxz]$/.test(form.lower[0]);
}

/** The key a form claims: its lower-case words, or its exact text for a case-sensitive acronym. */
function formKey(f: TermForm): string {
  return f.caseSensitive ? 'A:' + f.text : f.lower.join(' ');
}

/** Builds the look-up indexes of a glossary now (they are otherwise built on first read). */
export function prepareIndexes(glossary: Glossary): Glossary {
  void glossary.byFirstWord;
  void glossary.fuzzy;
  return glossary;
}

/**
 * The glossary with its indexes as properties computed on first read, once: the form indexes
 * (`byFirstWord`, `joined`, `hyphenWords`: one pass over the forms) apart from the fuzzy index
 * (every form's deletion variants, the bulk of the cost), which only the typo rules read: a
 * course's chain that only ever serves the workspace index (typos off) never builds it.
 */
function withIndexes(base: Omit<Glossary, keyof GlossaryIndexes>): Glossary {
  let built: FormIndexes | undefined;
  let fuzzy: FuzzyIndex<FuzzyTarget> | undefined;
  const get = () => (built ??= buildFormIndexes(base.forms, base.misspellings));
  const lazy = (key: keyof FormIndexes): PropertyDescriptor => ({ get: () => get()[key], enumerable: true });
  return Object.defineProperties(base, {
    byFirstWord: lazy('byFirstWord'),
    joined: lazy('joined'),
    hyphenWords: lazy('hyphenWords'),
    fuzzy: { get: () => (fuzzy ??= buildFuzzyIndex(base.forms)), enumerable: true },
  }) as Glossary;
}

type FormIndexes = Omit<GlossaryIndexes, 'fuzzy'>;

/** The exact indexes over the correct forms and the misspellings. */
function buildFormIndexes(forms: readonly TermForm[], misspellings: readonly TermForm[]): FormIndexes {
  const byFirstWord = new Map<string, TermForm[]>();
  const joined = new Map<string, TermForm>();
  const hyphenWords = new Map<string, FuzzyTarget[]>();
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
      if (form.joiners[i - 1] === Gap.Hyphen || form.joiners[i] === Gap.Hyphen) {
        const list = hyphenWords.get(word);
        if (list) list.push({ form, word: i });
        else hyphenWords.set(word, [{ form, word: i }]);
      }
    });
  }
  return { byFirstWord, joined, hyphenWords };
}

/** The fuzzy index over the words of the correct forms (acronyms aside). */
function buildFuzzyIndex(forms: readonly TermForm[]): FuzzyIndex<FuzzyTarget> {
  const fuzzy = new FuzzyIndex<FuzzyTarget>(2);
  for (const form of forms) {
    if (form.caseSensitive) continue;
    form.folded.forEach((word, i) => {
      // A short word of a multi-word term is indexed too: its neighbours, which must be the
      // term's other words, are the evidence its own length lacks ("sosu-traitance").
      if ((maxDistanceFor(word.length) > 0 || (form.folded.length > 1 && word.length >= 3)) && word.length <= MAX_FUZZY_WORD) fuzzy.add(word, { form, word: i });
    });
  }
  fuzzy.build();
  return fuzzy;
}

/**
 * Longest word the fuzzy index takes (the longest French words have about 25 letters): the
 * deletion neighbourhood of a word grows with the square of its length, and the index's longest
 * key bounds the notes' words that are looked up.
 */
const MAX_FUZZY_WORD = 40;

/** A term written like an acronym ("SaaS", "ESN") is matched case-sensitively. */
function isAcronymLike(term: string, entry: GlossaryEntryData): boolean {
  return (entry.acronyms ?? []).includes(term) || (/^\S+$/.test(term) && /[A-Z].*[A-Z]/.test(term));
}

/**
 * A form maker, taking the tokens of a form of the same text from `reuse` when there is one: a
 * form's words depend on its text alone, and a compiled form is never changed, so its arrays
 * are shared. Each maker tokenises into one buffer of its own (one per build).
 */
function formMaker(reuse: readonly Glossary[]): (entry: GlossaryEntry, text: string, kind: FormKind) => TermForm | undefined {
  const buf = new TokenBuffer(16);
  const make = (entry: GlossaryEntry, text: string, kind: FormKind) => makeForm(entry, text, kind, buf);
  if (reuse.length === 0) return make;
  const known = new Map<string, TermForm>();
  for (const g of reuse) for (const list of [g.forms, g.misspellings]) for (const f of list) if (!known.has(f.text)) known.set(f.text, f);
  return (entry, text, kind) => {
    const k = known.get(text);
    if (!k) return make(entry, text, kind);
    return { entry, text, kind, textWords: k.textWords, lower: k.lower, folded: k.folded, joiners: k.joiners, caseSensitive: kind === FormKind.Acronym, separators: k.separators, plural: undefined };
  };
}

/**
 * The form of `text`, its words read as the scanner reads notes (scanTokens), into `buf`: a
 * glossary has thousands of forms of a few words each, and a buffer and token objects made
 * for each cost more than reading its words.
 */
function makeForm(entry: GlossaryEntry, text: string, kind: FormKind, buf: TokenBuffer): TermForm | undefined {
  scanTokens(text, buf);
  const n = buf.count;
  if (n === 0) return undefined;
  const textWords: string[] = [];
  const joiners: Gap[] = [];
  const separators: string[] = [];
  for (let k = 0; k < n; k++) {
    textWords.push(buf.textOf(text, k));
    if (k > 0) {
      joiners.push(buf.gap[k]);
      separators.push(text.slice(buf.end[k - 1], buf.start[k]));
    }
  }
  const lower = textWords.map((w) => w.toLowerCase());
  return { entry, text, kind, textWords, lower, folded: lower.map(fold), joiners, caseSensitive: kind === FormKind.Acronym, separators, plural: undefined };
}
