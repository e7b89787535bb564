import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findFrontMatter, frontMatterReach, getProseSegments, paragraphEnd, paragraphStart } from '../../server/src/service/blocks';
import { LineEnds, lineEndAt, splitLines } from '../../server/src/service/lines';
import fc from 'fast-check';
import {
  atxHeadingAt, closesFence, continuesParagraph, fenceOpenAt, isThematicBreak, lineShape, listItemContentAt, ListMarker, listMarkerAt,
  quotedContentStart,
} from '../../server/src/service/lineShape';
import { getIgnoreCommentEdit } from '../../server/src/service/ignore';
import { scanMarkdown } from '../../server/src/service/markdown';

const shape = (line: string) => lineShape(line, 0, line.length);

describe('blocks: one owner per Markdown idea', () => {
  it('reads list markers the same way for the block pass and for line shapes', () => {
    assert.equal(listMarkerAt('- item', 0, 6), ListMarker.Bullet);
    assert.equal(listMarkerAt('*', 0, 1), ListMarker.Bullet);
    assert.equal(listMarkerAt('-item', 0, 5), ListMarker.None);
    assert.equal(listMarkerAt('12) deux', 0, 8), ListMarker.Ordered);
    assert.equal(listMarkerAt('1234567890. trop', 0, 16), ListMarker.None);
    // Typing in a list item keeps its shape; turning prose into an item does not.
    assert.equal(shape('- un mot'), shape('- un mot de plus'));
    assert.notEqual(shape('mot'), shape('- mot'));
    assert.notEqual(shape('1. un'), shape('2. un'));
    assert.notEqual(shape('  texte'), shape('    texte'));
    assert.equal(shape('\ttexte'), shape('    texte'));
    assert.equal(shape(''), 'empty');
    assert.equal(shape('   '), 'blank');
    // Lines that may open or close a block have no shape (never edited incrementally).
    assert.equal(shape('```js'), undefined);
    assert.equal(shape('[ref]: https://exemple.org'), undefined);
    assert.notEqual(shape('[^1]: une note'), undefined);
  });

  it('finds front matter once, for the scanner, the incremental path and the ignore comment', () => {
    const note = '---\r\ntitle: Cours\r\n---  \r\nLe texte.\r\n';
    const fm = findFrontMatter(note);
    assert.deepEqual(fm, { closeLine: note.indexOf('---  '), end: note.indexOf('Le texte') });
    assert.equal(frontMatterReach(note), fm!.end);
    // Never closed: prose for the scanner, but any edit may close it.
    assert.equal(findFrontMatter('---\ntitle: x\n'), undefined);
    assert.equal(frontMatterReach('---\ntitle: x\n'), '---\ntitle: x\n'.length);
    assert.equal(frontMatterReach('Pas de bloc.\n---\n'), -1);
    // The scanner keeps only the title of the front matter.
    assert.deepEqual(scanMarkdown(note).tokens.map((t) => t.text), ['Cours', 'Le', 'texte']);
    // The ignore comment goes after it, even with trailing spaces on the closing line…
    const edit = getIgnoreCommentEdit(note, 'mot');
    assert.equal(edit.start, fm!.end);
    assert.equal(edit.newText, '<!-- glossaire-ignore: mot -->\r\n');
    // …and on a line of its own when the closing line ends the text.
    const bare = '---\ntitle: x\n---';
    const e2 = getIgnoreCommentEdit(bare, 'mot');
    const after = bare.slice(0, e2.start) + e2.newText + bare.slice(e2.end);
    assert.equal(after, '---\ntitle: x\n---\n<!-- glossaire-ignore: mot -->\n');
    assert.deepEqual(scanMarkdown(after).ignoredWords, ['mot']);
    // An existing comment gets the word appended.
    const e3 = getIgnoreCommentEdit('Texte.\n<!-- glossaire-ignore: a -->\n', 'b');
    assert.equal(e3.newText, '<!-- glossaire-ignore: a, b -->');
  });

  it('opens front matter on `---` alone, after a byte order mark and before trailing spaces too', () => {
    for (const note of ['\uFEFF---\ntitle: Cours\n---\nTexte.\n', '--- \t\ntitle: Cours\n---\nTexte.\n']) {
      const fm = findFrontMatter(note);
      assert.equal(fm?.end, note.indexOf('Texte'), JSON.stringify(note));
      assert.equal(frontMatterReach(note), fm!.end);
      assert.deepEqual(scanMarkdown(note).tokens.map((t) => t.text), ['Cours', 'Texte']);
    }
    // Anything else on the first line: no front matter, the lines are prose.
    for (const note of ['---x\ntitle: Cours\n---\n', ' ---\ntitle: Cours\n---\n', '----\ntitle: Cours\n---\n']) {
      assert.equal(findFrontMatter(note), undefined, JSON.stringify(note));
      assert.equal(frontMatterReach(note), -1);
    }
  });

  it('reads a line\'s fence, heading, thematic break, list item and quote marks one way', () => {
    const at = (s: string) => [s, 0, s.length] as const;
    assert.equal(fenceOpenAt(...at('```js')), 3);
    assert.equal(fenceOpenAt(...at('~~~~ x`y')), 4);
    assert.equal(fenceOpenAt(...at('``` a`b')), 0); // a backtick fence's info string has no backtick
    assert.equal(fenceOpenAt(...at('``')), 0);
    assert.ok(closesFence('   ````  ', 0, 9, 96, 3));
    assert.ok(!closesFence('    ```', 0, 7, 96, 3));
    assert.ok(!closesFence('``` x', 0, 5, 96, 3));
    assert.ok(!closesFence('``', 0, 2, 96, 3));
    const heading = (s: string) => {
      const h = atxHeadingAt(...at(s));
      return h && `${h.level}:${s.slice(h.start, h.end)}`;
    };
    assert.equal(heading('## Cloud ##  '), '2:Cloud');
    assert.equal(heading('   # Titre'), '1:Titre');
    assert.equal(heading('# C#'), '1:C#');
    assert.equal(heading('##'), '2:');
    assert.equal(heading('## #'), '2:');
    assert.equal(heading('#hashtag'), undefined);
    assert.equal(heading('    # code'), undefined);
    assert.equal(heading('####### sept'), undefined);
    assert.ok(isThematicBreak(...at('- - -')));
    assert.ok(isThematicBreak(...at('***')));
    assert.ok(!isThematicBreak(...at('--')));
    assert.ok(!isThematicBreak(...at('-*-')));
    assert.equal(listItemContentAt(...at('-   item')), 4);
    assert.equal(listItemContentAt(...at('12) item')), 4);
    assert.equal(listItemContentAt(...at('-item')), -1);
    assert.equal(quotedContentStart(...at(' > > texte')), 5);
    // A paragraph goes on until a blank line or a line that opens another block.
    assert.ok(continuesParagraph(...at('suite du texte')));
    assert.ok(continuesParagraph(...at('> suite citée')));
    assert.ok(continuesParagraph(...at('#hashtag')));
    for (const line of ['', '  ', '# Titre', '```', '---', '- item', '3. item']) assert.ok(!continuesParagraph(...at(line)), line);
  });

  it('splits a text into lines on every line ending, the last (empty) line included', () => {
    const text = 'a\r\nb\rc\n';
    assert.deepEqual(splitLines(text), [
      { start: 0, end: 1, next: 3 }, { start: 3, end: 4, next: 5 }, { start: 5, end: 6, next: 7 }, { start: 7, end: 7, next: 7 },
    ]);
    assert.deepEqual(splitLines(''), [{ start: 0, end: 0, next: 0 }]);
  });

  it('finds line ends with remembered searches, forward and back, on every line ending', () => {
    // LineEnds remembers the next \n and \r; each answer must be lineEndAt's, in any order of positions.
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n'), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 30 }), (pieces, positions) => {
      const text = pieces.join('');
      const ends = new LineEnds(text);
      for (const p of [...positions.map((x) => x % (text.length + 1)), 0, text.length]) assert.equal(ends.endAt(p), lineEndAt(text, p), `${JSON.stringify(text)} at ${p}`);
    }), { seed: 7, numRuns: 2000 });
    // A text whose lines all end with \r alone has no \n to find: the search is not run again at each line.
    const cr = 'une ligne\r'.repeat(200000);
    const ends = new LineEnds(cr);
    let lines = 0;
    for (let p = 0; p < cr.length; p = ends.after(ends.endAt(p))) lines++;
    assert.equal(lines, 200000);
  });

  it('bounds paragraphs by empty lines, not by a line after a backslash, within a segment', () => {
    const text = 'Un.\n\nDeux\ntrois.\n\nQuatre\\\n\ncinq.\n';
    const [segStart, segEnd] = getProseSegments(text);
    const two = text.indexOf('Deux');
    assert.equal(paragraphStart(text, text.indexOf('trois'), segStart, 1000), two);
    assert.equal(paragraphEnd(text, text.indexOf('trois.') + 6, segEnd, 1000), text.indexOf('\nQuatre'));
    // A backslash at the end of a line escapes the break: the empty line after it does not end the paragraph.
    assert.equal(paragraphStart(text, text.indexOf('cinq'), segStart, 1000), text.indexOf('Quatre'));
    assert.equal(paragraphStart(text, text.indexOf('cinq'), segStart, 3), -1);
  });
});
