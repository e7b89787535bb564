/**
 * "Ignore in this file": the edit that adds a word to the note's `<!-- glossaire-ignore: … -->`
 * comment (created after the front matter when there is none).
 */

import { findFrontMatter, formatIgnoreComment, IGNORE_COMMENT_RE } from './blocks';
import { OffsetEdit } from './model';

/** The edit that makes the scanner ignore `word` in this text. */
export function getIgnoreCommentEdit(text: string, word: string): OffsetEdit {
  const m = IGNORE_COMMENT_RE.exec(text);
  if (m) {
    const words = m[1].trim();
    return { start: m.index, end: m.index + m[0].length, newText: formatIgnoreComment(`${words ? `${words}, ` : ''}${word}`) };
  }
  // After the front matter as the scanner finds it (a comment inside it would not be read).
  const at = findFrontMatter(text)?.end ?? 0;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // A closing `---` that ends the text has no line break of its own: the comment needs one.
  const before = at > 0 && at === text.length && !/[\r\n]$/.test(text) ? eol : '';
  return { start: at, end: at, newText: `${before}${formatIgnoreComment(word)}${eol}` };
}
