/**
 * What is decided for a note as a whole rather than word by word: its Unicode form (which fixes
 * take), the unaccented-note finding and the severity settings.
 */

import { Analysis, AnalyzeOptions, Finding, Occurrence } from './model';
import { TokenBuffer, TokenFlag } from './markdown';

/**
 * The Unicode form of a note, which a fix of a word without accents takes (a word with accents
 * keeps its own, replace.ts): NFD when some words are written with combining marks and at
 * least as many as with composed letters (a mostly NFC note with a pasted NFD word stays NFC).
 */
export function isNfdNote(decomposed: number, composed: number): boolean {
  return decomposed > 0 && decomposed >= composed;
}

/** isNfdNote of the scanned words. */
export function nfdNote(buf: TokenBuffer): boolean {
  let decomposed = 0;
  let composed = 0;
  for (let k = 0; k < buf.count; k++) {
    if (buf.flags[k] & TokenFlag.Decomposed) decomposed++;
    else if (buf.flags[k] & TokenFlag.NonAscii) composed++;
  }
  return isNfdNote(decomposed, composed);
}

/**
 * The note-level steps after the rules: the unaccented-note finding and the severity settings.
 * Mutates the findings' severities (give it copies to keep the originals).
 * @param words words the rules looked at (digits left out); accentedWords those with accents.
 */
export function finishAnalysis(
  findings: Finding[],
  occurrences: Occurrence[],
  words: number,
  accentedWords: number,
  severities: AnalyzeOptions['severities'],
): Analysis {
  let result = findings;
  // A note written without accents (hardly any accented word): one note-level finding instead
  // of one per word. French prose has accents on about one word in eight.
  if (words >= 30 && accentedWords * 50 <= words) {
    const accents = findings.filter((f) => f.code === 'glossaire.missing-accent');
    if (accents.length > 0) {
      result = findings.filter((f) => f.code !== 'glossaire.missing-accent');
      const first = accents[0];
      result.push({
        ...first,
        code: 'glossaire.unaccented-note',
        severity: 'information',
        edits: accents.map((f) => ({ start: f.start, end: f.end, newText: f.suggestions[0] })),
        distance: accents.length,
      });
      result.sort((a, b) => a.start - b.start);
    }
  }
  const sev = severities;
  if (sev) {
    result = result.filter((f) => sev[f.code] !== 'off');
    for (const f of result) {
      const s = sev[f.code];
      if (s && s !== 'off') f.severity = s;
    }
  }
  return { findings: result, occurrences };
}
