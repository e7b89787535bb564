/**
 * Messages and data of findings, shared by the CLI and the LSP diagnostics feature.
 */

import { Finding, FindingCode } from './analyze';
import { Locale, MessageKey, t } from './messages';

const KEYS: Record<FindingCode, MessageKey> = {
  'glossaire.known-misspelling': 'finding.known-misspelling',
  'glossaire.misspelled-term': 'finding.misspelled-term',
  'glossaire.missing-accent': 'finding.missing-accent',
  'glossaire.compound': 'finding.compound',
  'glossaire.acronym-case': 'finding.acronym-case',
  'glossaire.unaccented-note': 'finding.unaccented-note',
};

/** The localised message of a finding; it names the flagged word and the fix. */
export function findingMessage(f: Finding, locale: Locale): string {
  return t(locale, KEYS[f.code], { word: f.word, fix: f.suggestions[0] ?? '', count: f.edits?.length ?? 1 });
}
