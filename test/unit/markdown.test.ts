import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Gap, getProseSegments, scanMarkdown, TokenFlag } from '../../server/src/service/markdown';
import { assertClean, assertFindings } from './helpers';

/** The prose words of a note, as the scanner reads them. */
const words = (text: string) => scanMarkdown(text).tokens.map((t) => t.text);

describe('markdown: what is skipped', () => {
  it('skips fenced code (backticks and tildes, any info string)', () => {
    assert.deepEqual(words('avant\n```yaml\nperimetre: infogerance\n```\naprès'), ['avant', 'après']);
    assert.deepEqual(words('avant\n~~~\ncode\n~~~\naprès'), ['avant', 'après']);
    assert.deepEqual(words('avant\n  ````\ncode\n```\nencore du code\n````\naprès'), ['avant', 'après']);
  });

  it('skips an unclosed fence to the end of the note', () => {
    assert.deepEqual(words('avant\n```\ncode sans fin'), ['avant']);
  });

  it('skips indented code after a blank line, but not indented list continuations', () => {
    assert.deepEqual(words('texte\n\n    code indenté\n\nprose'), ['texte', 'prose']);
    assert.deepEqual(words('- élément\n\n    suite de la liste'), ['élément', 'suite', 'de', 'la', 'liste']);
    assert.deepEqual(words('ligne\n    continuation du paragraphe'), ['ligne', 'continuation', 'du', 'paragraphe']);
  });

  it('skips inline code of any backtick run', () => {
    assert.deepEqual(words('a `infogerance` b ``co`de`` c'), ['a', 'b', 'c']);
  });

  it('skips bare URLs, autolinks and e-mail addresses', () => {
    assert.deepEqual(words('voir https://example.org/externalistion.html, puis'), ['voir', 'puis']);
    assert.deepEqual(words('<https://example.org/saas> et <prof@example.org> fin'), ['et', 'fin']);
    assert.deepEqual(words('écrire à prof@lycee.fr demain'), ['écrire', 'à', 'demain']);
  });

  it('skips link destinations and titles but keeps link texts and image alt texts', () => {
    assert.deepEqual(words('[fiche infogérance](https://x.org/infogerance "titre") ![schéma cloud](cloud.png) fin'), ['fiche', 'infogérance', 'schéma', 'cloud', 'fin']);
  });

  it('skips reference definitions', () => {
    assert.deepEqual(words('[ref]: https://x.org/delocalisation\nprose'), ['prose']);
  });

  it('skips HTML tags and comments, and the content of code-like elements', () => {
    assert.deepEqual(words('<span class="infogerance">contenu</span> <!-- externalistion --> fin'), ['contenu', 'fin']);
    assert.deepEqual(words('<code>saas</code> <pre>bloc\npréformaté</pre> <kbd>Ctrl</kbd> après'), ['après']);
  });

  it('skips front matter except its title', () => {
    const note = '---\ntitle: Cours sur l’infogérance\ntags: [infogerance, saas]\n---\nTexte';
    assert.deepEqual(words(note), ['Cours', 'sur', 'l', 'infogérance', 'Texte']);
    assert.deepEqual(words('---\nauteur: moi\n---\nTexte'), ['Texte']);
  });

  it('skips file names, domains, paths, hashtags, entities and escapes', () => {
    assert.deepEqual(words('contrat.yaml et www.example.org et ./docs/saas et #infogerance et &eacute; et \\*x'), ['et', 'et', 'et', 'et', 'et', 'x']);
  });

  it('skips identifiers with an inner underscore (never emphasis in CommonMark)', () => {
    assert.deepEqual(words('la variable sous_traitance, puis niveau_service.'), ['la', 'variable', 'puis']);
    assert.deepEqual(words('_mot_ et __gras__'), ['mot', 'et', 'gras']);
  });

  it('records glossaire-ignore comments', () => {
    assert.deepEqual(scanMarkdown('<!-- glossaire-ignore: Extarnilisation, foo -->texte').ignoredWords, ['Extarnilisation', 'foo']);
  });
});

describe('markdown: what is prose', () => {
  it('reads headings, lists, quotes and tables', () => {
    assert.deepEqual(words('# Titre\n\n- un\n1. deux\n> trois\n\n| a | b |\n| --- | --- |\n| c | d |'), ['Titre', 'un', '1', 'deux', 'trois', 'a', 'b', 'c', 'd']); // numbers are words (flagged HasDigit)
  });

  it('reads footnote definitions (unlike link reference definitions)', () => {
    assert.deepEqual(words('Texte[^1].\n\n[^1]: Une note de bas de page.'), ['Texte', '1', '1', 'Une', 'note', 'de', 'bas', 'de', 'page']);
    assertFindings('Texte.\n\n[^n]: Avec l’⟦inforgérance⟧.', ['infogérance']);
  });

  it('reads emphasis, and a marker inside a word is transparent', () => {
    const { tokens } = scanMarkdown('**S**ervice _managé_ ~~barré~~');
    assert.deepEqual(tokens.map((t) => t.text), ['Service', 'managé', 'barré']);
    assert.equal(tokens[0].start, 2);
    assert.equal(tokens[0].end, '**S**ervice'.length);
    assert.ok(tokens[0].flags & TokenFlag.HasMarkers);
    assert.equal(tokens[1].gapBefore, Gap.Space);
  });

  it('records what separates words', () => {
    const { tokens } = scanMarkdown('l’infogérance, sous-traitance\nsuite\n\nparagraphe');
    assert.deepEqual(tokens.map((t) => [t.text, t.gapBefore]), [
      ['l', Gap.Break], ['infogérance', Gap.Apostrophe], ['sous', Gap.Break], ['traitance', Gap.Hyphen],
      ['suite', Gap.Space], ['paragraphe', Gap.Break],
    ]);
    assert.equal(scanMarkdown("d'information").tokens[1].gapBefore, Gap.Apostrophe);
    assert.equal(scanMarkdown('sous‐traitance').tokens[1].gapBefore, Gap.Hyphen); // U+2010
  });

  it('gives source offsets with CRLF and lone CR line ends', () => {
    for (const nl of ['\r\n', '\r']) {
      const text = `un${nl}deux${nl}${nl}\`\`\`${nl}code${nl}\`\`\`${nl}trois`;
      const { tokens } = scanMarkdown(text);
      assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['un', 'deux', 'trois'], JSON.stringify(nl));
    }
  });

  it('reads NFD text as NFC words with source offsets', () => {
    const text = 'la de\u0301localisation';
    const [, tk] = scanMarkdown(text).tokens;
    assert.equal(tk.text, 'délocalisation');
    assert.equal(text.slice(tk.start, tk.end), 'de\u0301localisation');
    assert.ok(tk.flags & TokenFlag.Decomposed);
  });

  it('ends words at emoji and counts UTF-16 offsets', () => {
    const text = '😀cloud 😀';
    const [tk] = scanMarkdown(text).tokens;
    assert.deepEqual([tk.text, tk.start, tk.end], ['cloud', 2, 7]);
  });

  it('returns prose segments around skipped blocks', () => {
    const text = 'a\n```\nb\n```\nc';
    const seg = getProseSegments(text);
    assert.equal(seg.length % 2, 0);
    assert.deepEqual(seg.length, 4);
    assert.equal(text.slice(seg[2], seg[3]), 'c');
  });
});

describe('markdown: misspellings in skipped regions are never flagged', () => {
  it('ignores code, URLs, link destinations, HTML and front matter', () => {
    assertClean([
      '---', 'tags: [infogerance, saas]', '---',
      'Le `contrat-infogerance.yaml` et <span title="saas">texte</span>.', '',
      '```', 'modele: saas', '```', '',
      '    externalistion en code indenté', '',
      'Voir [la fiche](https://example.org/externalistion-et-sous-traitance.html) ou https://x.org/inforgerance.',
      '<!-- inforgérance -->',
    ].join('\n'));
  });

  it('still flags the front matter title and link texts', () => {
    assertFindings('---\ntitle: Cours d’⟦inforgérance⟧\n---\nVoir [l’⟦externalistion⟧](https://x.org/a).', ['infogérance', 'externalisation']);
  });
});
