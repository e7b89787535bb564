/**
 * The front matter of a Markdown glossary: its name, language, description and whether the
 * built-in glossary applies in its folder. Where the front matter is, blocks.ts says.
 */

import { findFrontMatter, opensFrontMatter } from './blocks';
import { labelKey, Line, ReportProblem } from './glossaryMarkdownSyntax';
import { fold } from './text';

/** Front matter keys (folded) → meaning. */
const FRONT_KEYS = new Map<string, 'name' | 'language' | 'description' | 'builtin'>([
  ['titre', 'name'], ['title', 'name'], ['nom', 'name'], ['name', 'name'],
  ['langue', 'language'], ['language', 'language'], ['lang', 'language'],
  ['description', 'description'],
  ['glossaire-integre', 'builtin'], ['glossaire integre', 'builtin'], ['builtin', 'builtin'], ['built-in', 'builtin'],
]);
const TRUE_WORDS = new Set(['oui', 'yes', 'true', 'vrai', 'on']);
const FALSE_WORDS = new Set(['non', 'no', 'false', 'faux', 'off']);

/** What the front matter says of the glossary. */
export interface FrontMeta {
  name?: string;
  language?: string;
  description?: string;
  builtin?: boolean;
}

/**
 * Reads the front matter at the top of the text into `meta`; returns the index of the first
 * line after it (0 without front matter, or when it is never closed: an error).
 */
export function readFrontMatter(text: string, lines: Line[], meta: FrontMeta, report: ReportProblem): number {
  if (!opensFrontMatter(text)) return 0;
  const fm = findFrontMatter(text);
  if (!fm) {
    report('error', 'glossary.md-unclosed-front-matter', {}, { start: lines[0].start, end: lines[0].end });
    return 0;
  }
  let k = 1;
  for (; k < lines.length && lines[k].start < fm.closeLine; k++) readFrontLine(lines[k], meta, report);
  return k + 1;
}

/** One `key: value` line of the front matter. */
function readFrontLine(line: Line, meta: FrontMeta, report: ReportProblem): void {
  if (!line.text.trim() || /^\s*#/.test(line.text)) return;
  const m = /^(\s*)([^:]+?)\s*:\s*(.*?)\s*$/.exec(line.text);
  if (!m) {
    report('warning', 'glossary.md-unknown-key', { key: line.text.trim(), known: 'titre, langue, description, glossaire-intégré' }, { start: line.start, end: line.end });
    return;
  }
  const keyStart = line.start + m[1].length;
  const keySpan = { start: keyStart, end: keyStart + m[2].length };
  const valueStart = line.start + line.text.lastIndexOf(m[3]);
  const valueSpan = { start: valueStart, end: valueStart + m[3].length };
  const kind = FRONT_KEYS.get(labelKey(m[2]));
  const value = unquote(m[3]);
  switch (kind) {
    case undefined:
      report('warning', 'glossary.md-unknown-key', { key: m[2], known: 'titre, langue, description, glossaire-intégré' }, keySpan);
      return;
    case 'builtin': {
      const v = fold(value);
      if (TRUE_WORDS.has(v)) meta.builtin = true;
      else if (FALSE_WORDS.has(v)) meta.builtin = false;
      else report('error', 'glossary.md-bad-value', { key: m[2], value, expected: 'oui / non (yes / no)' }, valueSpan);
      return;
    }
    case 'language':
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) report('error', 'glossary.md-bad-value', { key: m[2], value, expected: 'fr, fr-CA, en… (BCP 47)' }, valueSpan);
      else meta.language = value;
      return;
    default:
      if (value) meta[kind] = value.normalize('NFC');
  }
}

/** A YAML scalar without its quotes (double quotes take \" and \\ escapes). */
function unquote(value: string): string {
  if (value.length >= 2 && value[0] === '"' && value.endsWith('"')) return value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  if (value.length >= 2 && value[0] === "'" && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}
