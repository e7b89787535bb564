/**
 * "Ignore in this file": the edit that adds a word to the note's `<!-- glossaire-ignore: … -->`
 * comment (created after the front matter when there is none).
 */

import { OffsetEdit } from './model';

const COMMENT_RE = /<!--\s*glossaire-ignore\s*:?([\s\S]*?)-->/;

/** The edit that makes the scanner ignore `word` in this text. */
export function getIgnoreCommentEdit(text: string, word: string): OffsetEdit {
  const m = COMMENT_RE.exec(text);
  if (m) {
    const words = m[1].trim();
    return { start: m.index, end: m.index + m[0].length, newText: `<!-- glossaire-ignore: ${words ? `${words}, ` : ''}${word} -->` };
  }
  let at = 0;
  const fm = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/.exec(text);
  if (fm) at = fm[0].length;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: at, end: at, newText: `<!-- glossaire-ignore: ${word} -->${eol}` };
}
