/**
 * Case-preserving replacement: the text that replaces the words of a finding with the right
 * term, in the writer's case, separators, emphasis markers and normalisation.
 */

import { TermForm } from './glossary';
import { Token, TokenFlag } from './markdown';
import { applyCase, isAllUpper } from './text';

/** A precomposed accented Latin letter (é, ç, œ…): the word was written NFC. */
const PRECOMPOSED = /[\u00c0-\u024f\u1e00-\u1eff]/;

/**
 * The text that replaces tokens[first..last] with `target`, in the writer's form: case word by
 * word ("Cloud Computting" → "Cloud Computing", "CloudComputing" → "Cloud Computing"), the
 * writer's separators where they are of the right kind (’ stays ’, a line break stays), emphasis
 * markers inside words ("S**ervise" → "S**ervice") and the word's Unicode form (NFD when
 * written decomposed, or unaccented in an NFD note).
 */
export function replacementFor(text: string, tokens: Token[], first: number, last: number, target: TermForm, nfd: boolean): string {
  const count = last - first + 1;
  const words = target.textWords;
  const written = tokens.slice(first, last + 1).map((tk) => tk.text);
  const letters = written.join('');
  let cased: string[];
  if (target.caseSensitive) cased = words;
  else if (letters.length > 1 && isAllUpper(letters)) cased = words.map((w) => w.toUpperCase());
  else if (count === words.length) cased = words.map((w, k) => applyCase(written[k], w));
  else if (count === 1 && words.length > 1) cased = casePerSegment(written[0], words);
  else cased = words.map((w, k) => (k === 0 ? applyCase(written[0], w) : w));
  if (count === words.length) {
    cased = cased.map((w, k) => {
      const tk = tokens[first + k];
      return tk.flags & TokenFlag.HasMarkers ? withMarkers(text.slice(tk.start, tk.end).normalize('NFC'), w) : w;
    });
  }
  const own = target.separators;
  let out = cased[0];
  for (let k = 1; k < cased.length; k++) {
    let sep = own[k - 1];
    if (count === words.length && tokens[first + k].gapBefore === target.joiners[k - 1]) sep = text.slice(tokens[first + k - 1].end, tokens[first + k].start);
    out += sep + cased[k];
  }
  // Each word keeps its own form: written decomposed → NFD, written with precomposed accents →
  // NFC (a note mixing both got NFD everywhere); a word without accents follows the note.
  let decomposed = false;
  let composed = false;
  for (let k = first; k <= last; k++) {
    if (tokens[k].flags & TokenFlag.Decomposed) decomposed = true;
    else if (PRECOMPOSED.test(text.slice(tokens[k].start, tokens[k].end))) composed = true;
  }
  return decomposed || (nfd && !composed) ? out.normalize('NFD') : out;
}

/** Case of a joined word ("CloudComputing") carried over to the words it joins. */
function casePerSegment(joined: string, words: string[]): string[] {
  const lengths = words.map((w) => w.length);
  if (lengths.reduce((a, b) => a + b, 0) !== joined.length) {
    // A typo besides ("SouusTraitant"): the capitals still cut it into the words, if they can.
    const segments = joined.match(/\p{Lu}[^\p{Lu}]*/gu);
    if (segments && segments.length === words.length && segments.join('') === joined) return words.map((w, k) => applyCase(segments[k], w));
    return words.map((w, k) => (k === 0 ? applyCase(joined, w) : w));
  }
  if (joined.length > 1 && isAllUpper(joined)) return words.map((w) => w.toUpperCase());
  let p = 0;
  return words.map((w) => {
    const segment = joined.slice(p, (p += w.length));
    return segment.length > 1 && isAllUpper(segment) ? applyCase(segment.charAt(0) + segment.slice(1).toLowerCase(), w) : applyCase(segment, w);
  });
}

/** Puts the emphasis markers of a written word back at the same letter positions. */
function withMarkers(raw: string, word: string): string {
  let out = '';
  let letter = 0;
  let w = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) {
      while (w < letter && w < word.length) out += word[w++];
      out += raw[i];
    } else letter++;
  }
  return out + word.slice(w);
}
