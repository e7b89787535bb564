/**
 * The untrusted-text renderer, checked with a real CommonMark parser (markdown-it, linkify on):
 * whatever the input, the Markdown it emits has no raw HTML, no image, and no link whose target
 * is not http(s); plain text shows exactly as written.
 */

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { escapeMarkdownText, untrustedBlock, untrustedInline } from '../../server/src/service/safeMarkdown';
import { getEntryMarkdown } from '../../server/src/service/concepts';
import { compileGlossary } from '../../server/src/service/glossary';
import { createRandom } from './fuzzText';

interface Token { type: string; content: string; attrGet(name: string): string | null; children: Token[] | null }
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: object) => { parse(src: string, env: object): Token[] };
const md = new MarkdownIt({ html: true, linkify: true });

/** Every inline token of the rendered Markdown, flattened. */
function inlineTokens(markdown: string): Token[] {
  const out: Token[] = [];
  for (const t of md.parse(markdown, {})) {
    out.push(t);
    for (const c of t.children ?? []) out.push(c);
  }
  return out;
}

/** Asserts the policy: no HTML, no image, http(s) links only. */
function assertSafe(markdown: string, input: string): void {
  for (const t of inlineTokens(markdown)) {
    const where = `${JSON.stringify(input)} → ${JSON.stringify(markdown)}`;
    assert.ok(!['html_inline', 'html_block', 'image'].includes(t.type), `${t.type} in ${where}`);
    if (t.type === 'link_open') assert.match(t.attrGet('href') ?? '', /^https?:\/\//i, `link ${t.attrGet('href')} in ${where}`);
  }
}

/** The text a reader sees (text tokens, code spans). */
function shownText(markdown: string): string {
  return inlineTokens(markdown).filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('');
}

/** The links of the rendered Markdown. */
function links(markdown: string): string[] {
  return inlineTokens(markdown).filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? '');
}

describe('safe Markdown for untrusted text', () => {
  it('command links: no bypass of the old escape gives a link', () => {
    const bypasses = [
      '[clic](command:workbench.action.terminal.new)',
      '[clic](command&#58;workbench.action.terminal.new)',
      '[clic]( command:workbench.action.terminal.new)',
      '[clic](command\\:workbench.action.terminal.new)',
      '[clic](\ncommand:workbench.action.terminal.new)',
      '[clic\n](command:x)',
      '[clic]\n(command:x)',
      '[clic][r]\n\n[r]: command:workbench.action.terminal.new',
      '[clic][]\n\n[clic]: command:x',
      '[r]\n\n[r]: <command:x>',
      '<command:x>',
      '[a](<command:x>)',
      '[a](javascript:alert(1))',
      '[a](file:///etc/passwd)',
      '[a](vscode://ms-vscode.x)',
      '[a](data:text/html,<script>)',
      'écrire à a@b.example ou mailto:a@b.example',
      '[a](https://ok.example "titre") puis [b](command:x "t")',
    ];
    for (const input of bypasses) {
      for (const out of [untrustedBlock(input), untrustedInline(input)]) {
        assertSafe(out, input);
        for (const href of links(out)) assert.match(href, /^https:\/\/ok\.example/, `${input} → ${out}`);
      }
    }
  });

  it('raw HTML and images: shown as text, nothing loaded', () => {
    for (const input of ['<img src="https://suivi.example/p.gif">', '![](https://suivi.example/p.gif)', '![alt](https://suivi.example/p.gif "t")',
      '<script>alert(1)</script>', '<a href="command:x">x</a>', '<!-- c -->', '&lt;b&gt; &#x3C;i&#x3E; &amp;', '[![x](https://suivi.example/p.gif)](https://ok.example)']) {
      const out = untrustedBlock(input);
      assertSafe(out, input);
      if (/^\[?!\[/.test(input)) assert.ok(!/suivi/.test(links(out).join(' ')), out);
    }
    // The image's alt text remains; the entity is shown as written, not decoded.
    assert.equal(shownText(untrustedInline('voir ![le schéma](https://suivi.example/p.gif)')), 'voir le schéma');
    assert.equal(shownText(untrustedInline('&#58; et &lt;')), '&#58; et &lt;');
  });

  it('block syntax is shown as text: headings, lists, quotes, tables, code blocks, rules', () => {
    const input = '# Titre\n- liste\n> citation\n| a | b |\n|---|---|\n    code indenté\n---\n1. un\n===';
    const out = untrustedBlock(input);
    const types = md.parse(out, {}).map((t) => t.type);
    assert.deepEqual([...new Set(types)], ['paragraph_open', 'inline', 'paragraph_close']);
    assert.equal(shownText(out), input.replace(/\s+/g, ' '));
  });

  it('keeps what a definition legitimately uses: emphasis, code, http(s) links, paragraphs', () => {
    const out = untrustedBlock("L'**infogérance** confie le *SI* à un `prestataire`.\n\nVoir [la norme](https://norme.example/a_b(1)) ou https://autre.example/x.");
    assertSafe(out, 'ok');
    const types = inlineTokens(out).map((t) => t.type);
    for (const t of ['strong_open', 'em_open', 'code_inline', 'link_open']) assert.ok(types.includes(t), `${t} missing in ${out}`);
    assert.deepEqual(links(out), ['https://norme.example/a_b%281%29', 'https://autre.example/x']);
    assert.equal(md.parse(out, {}).filter((t) => t.type === 'paragraph_open').length, 2);
    assert.equal(shownText(out), "L'infogérance confie le SI à un prestataire.Voir la norme ou https://autre.example/x.");
  });

  it('random text of Markdown punctuation: always safe; without emphasis, code or links, shown exactly', () => {
    const rng = createRandom(13);
    const alphabet = ['[', ']', '(', ')', '<', '>', '!', '\\', '`', '*', '_', '&', '#', ';', ':', '-', '.', '|', '~', '"', "'", '=', '\n', ' ', 'a', 'é', '1', 'command', 'https://x.example', 'h', '@', '\t', '\u2028'];
    for (let n = 0; n < 3000; n++) {
      let input = '';
      const len = Math.floor(rng() * 30);
      for (let k = 0; k < len; k++) input += alphabet[Math.floor(rng() * alphabet.length)];
      const inline = untrustedInline(input);
      assertSafe(inline, input);
      assertSafe(untrustedBlock(input), input);
      assert.ok(!inline.includes('\n'), JSON.stringify(inline));
      if (!/[`*_[\]\\]|https?:/.test(input)) assert.equal(shownText(inline), input.replace(/[\s\u2028]+/g, ' ').trim(), JSON.stringify(input));
    }
  });

  it('escapeMarkdownText leaves words alone ("sous-traitance", "p.ex", "2.0") and escapes syntax', () => {
    assert.equal(escapeMarkdownText('sous-traitance p.ex'), 'sous-traitance p.ex');
    assert.equal(shownText(escapeMarkdownText('1. -a *b* [c](d) 2.0')), '1. -a *b* [c](d) 2.0');
  });

  it('a glossary entry with hostile fields renders safely in hovers (getEntryMarkdown)', () => {
    const glossary = compileGlossary([{ uri: '/g.json', text: JSON.stringify({
      version: 1, language: 'fr',
      categories: [{ id: 'c', label: 'Cat <b>[x](command:y)</b>' }],
      entries: [{
        id: 'x', term: 'terme', category: 'c',
        definition: 'Déf [clic](command&#58;workbench.action.terminal.new) ![](https://suivi.example/p.gif)\n\n[r]: command:z',
        advantages: ['[a]( command:x)'], synonyms: ['<img src=x>'], source: '[s][r]\n[r]: command:z',
      }],
    }) }]);
    const entry = glossary.byId.get('x')!;
    const out = getEntryMarkdown(entry, glossary, 'fr');
    assertSafe(out, 'entry');
    assert.deepEqual(links(out), []);
  });
});
