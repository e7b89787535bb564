/**
 * Hover: on a term (any of its forms) the concept's entry; on a flagged misspelling the
 * suggestion first ("Vouliez-vous dire « … » ?"), then the entry it points to.
 */

import { Analysis } from './analyze';
import { getEntryMarkdown } from './concepts';
import { Glossary } from './glossary';
import { Locale, t } from './messages';
import { untrustedInline } from './safeMarkdown';

/** A hover's Markdown and the offsets it covers. */
export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

/** The hover at `offset`, from a note's analysis. */
export function getHover(analysis: Analysis, offset: number, glossary: Glossary, locale: Locale): HoverResult | undefined {
  const finding = findAt(analysis.findings, offset);
  if (finding) {
    const entry = glossary.byId.get(finding.entryId);
    const fix = finding.suggestions[0];
    const head = fix ? `**${t(locale, 'hover.didYouMean', { fix: untrustedInline(fix) })}**` : '';
    const body = entry ? getEntryMarkdown(entry, glossary, locale) : '';
    return { markdown: [head, body].filter(Boolean).join('\n\n---\n\n'), start: finding.start, end: finding.end };
  }
  const occ = findAt(analysis.occurrences, offset);
  if (occ) {
    const entry = glossary.byId.get(occ.entryId);
    if (entry) return { markdown: getEntryMarkdown(entry, glossary, locale), start: occ.start, end: occ.end };
  }
  return undefined;
}

/** The item of a sorted, non-overlapping list that contains `offset` (end inclusive, so a
 * cursor just after a word still hovers it). */
export function findAt<T extends { start: number; end: number }>(items: T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid];
    if (offset < it.start) hi = mid - 1;
    else if (offset > it.end) lo = mid + 1;
    else return it;
  }
  return undefined;
}
