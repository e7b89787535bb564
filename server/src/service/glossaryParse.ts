/**
 * Step 1 of `compileGlossary`: JSON glossary files → the validated model (`GlossaryData`),
 * every problem located (file, entry, field, offsets). Another source format (a Markdown
 * glossary) produces the same model; glossary.ts builds the searchable glossary from it.
 */

import { findNodeAtLocation, Node as JsonNode, parseTree, ParseError, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { CompileOptions, GlossaryCategoryData, GlossaryData, GlossaryEntry, GlossaryEntryData, GlossaryProblem, GlossarySource } from './glossaryTypes';
import { isMessageKey, Locale, MessageKey, t } from './messages';
import { normalizePunctuation } from './text';

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TOP_FIELDS = new Set(['$schema', 'name', 'language', 'description', 'categories', 'entries']);
const ENTRY_STRING_FIELDS = ['id', 'term', 'category', 'definition', 'broader', 'source'] as const;
const ENTRY_LIST_FIELDS = ['forms', 'synonyms', 'acronyms', 'misspellings', 'advantages', 'disadvantages', 'examples', 'related'] as const;
const ENTRY_FIELDS = new Set<string>([...ENTRY_STRING_FIELDS, ...ENTRY_LIST_FIELDS]);
const REQUIRED_ENTRY_FIELDS = ['id', 'term', 'category', 'definition'] as const;
const CATEGORY_FIELDS = new Set(['id', 'label', 'description']);



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

/** A value of a glossary field as compared and indexed: trimmed, NFC, punctuation normalised (but in prose fields). */
export function normalizeForm(value: string, field: string): string {
  const v = value.trim().normalize('NFC');
  return field === 'definition' || field === 'advantages' || field === 'disadvantages' || field === 'examples' || field === 'source' ? v : normalizePunctuation(v);
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
