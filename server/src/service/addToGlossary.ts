/**
 * "Add to the glossary": what the flow starts from (the word or selection, the sentence around
 * it as a first draft of the definition) and which glossary receives the entry (the nearest
 * Markdown glossary of the note's chain, else a new `glossaire.md` in the note's folder). Pure.
 */

import { folderOf } from './scope';

const WORD_CHAR = /[\p{L}\p{M}\p{N}'’-]/u;

/** The word around `offset` (letters, digits, hyphens and apostrophes inside), or undefined. */
export function wordAround(text: string, offset: number): { start: number; end: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  // Apostrophes and hyphens at the edges are not part of the word ("l’infogérance" → infogérance).
  while (start < end && /['’-]/.test(text[start])) start++;
  while (end > start && /['’-]/.test(text[end - 1])) end--;
  const elided = /^[\p{L}]{1,2}['’]/u.exec(text.slice(start, end));
  if (elided && end - start > elided[0].length + 1 && offset >= start + elided[0].length) start += elided[0].length;
  return end > start ? { start, end } : undefined;
}

/**
 * The sentence that contains [start, end): from the end of the previous sentence (or the
 * paragraph's start) to the end of this one, on one line, without Markdown list, heading and
 * emphasis markers. A first draft of a definition, which the student edits.
 */
export function sentenceAround(text: string, start: number, end: number, max = 400): string {
  let a = start;
  while (a > 0) {
    const c = text[a - 1];
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[a] ?? ' ')) break;
    if (c === '\n' && /^\s*$/.test(lineBefore(text, a - 1))) break;
    if (c === '\n' && /^\s*(?:[-*+]|\d+[.)]|#{1,6})\s/.test(text.slice(a, a + 8))) break;
    a--;
  }
  let b = end;
  while (b < text.length) {
    const c = text[b];
    b++;
    if ((c === '.' || c === '!' || c === '?') && (b >= text.length || /\s/.test(text[b]))) break;
    if (c === '\n' && (text[b] === '\n' || text[b] === '\r' || /^\s*(?:[-*+]|\d+[.)]|#{1,6})\s/.test(text.slice(b, b + 8)))) break;
  }
  const s = text.slice(a, b)
    .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6})\s+/, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s;
}

function lineBefore(text: string, lineBreak: number): string {
  const from = text.lastIndexOf('\n', lineBreak - 1) + 1;
  return text.slice(from, lineBreak);
}

/** Where an added entry goes: an existing Markdown glossary, or a new one to create. */
export interface AddTarget {
  uri: string;
  exists: boolean;
}

/**
 * The glossary that receives a note's new entry: the nearest Markdown glossary of its chain
 * (URIs nearest first), else `glossaire.md` in the note's own folder (to create).
 */
export function addTargetFor(noteUri: string, chain: readonly string[]): AddTarget {
  const md = chain.find((u) => /\.md$/i.test(u) && !u.startsWith('harvested:'));
  return md ? { uri: md, exists: true } : { uri: `${folderOf(noteUri)}/glossaire.md`, exists: false };
}
