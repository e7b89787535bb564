/**
 * Untrusted text → Markdown that shows that text and nothing else.
 *
 * Glossary files (and notes' own definitions) are written by whoever wrote the workspace, and
 * the Markdown they contain ends up in hovers, completion documentation and the concept panel.
 * Escaping a few patterns is not enough (CommonMark decodes `&#58;`, accepts `]( command:`,
 * `\:`, links broken across lines and reference-style links), so this module does the
 * opposite: it emits Markdown it constructs itself. Every ASCII punctuation character that can
 * take part in Markdown syntax is backslash-escaped, except in the few constructs re-emitted
 * on purpose:
 *
 * - emphasis (`*x*`, `_x_`, `**x**`, `__x__`) and code spans, their content escaped in turn;
 * - links whose destination is an `http:`/`https:` URL (inline `[label](url)`, `<url>`, bare
 *   URLs), written back as `[label](<url>)` with the URL percent-encoded; any other link keeps
 *   only its label.
 *
 * Images become their alt text (no remote load on hover); raw HTML, entities, reference
 * definitions and headings show as the characters they are written with. Pure: no I/O, no state.
 */

/** Characters escaped wherever they are written (outside the constructs kept). */
const ALWAYS = new Set('\\`*_{}[]()<>#+!|~&:@$=^'.split(''));

const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** A URL that may be linked: http(s), no whitespace or characters that end a destination. */
function safeUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (!/^https?:\/\/[^\s<>]+$/i.test(url)) return undefined;
  // Everything but the unreserved and reserved URL characters is percent-encoded, so that the
  // destination cannot close its angle brackets or carry an entity the renderer would decode.
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$'()*+,;=%]/g, (c) => encodeURIComponent(c)).replace(/[()'*!$[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Escapes one character of plain text, given its neighbours. */
function escapeChar(c: string, prev: string | undefined, next: string | undefined): string {
  if (ALWAYS.has(c)) return `\\${c}`;
  // `-` and `.` are syntax only at a line's start or after digits (lists, rules, `1.`):
  // inside a word ("sous-traitance", "p.ex") they are left alone, elsewhere escaped.
  if ((c === '-' || c === '.') && !(isAlnum(prev) && isAlnum(next) && !(c === '.' && /\d/.test(prev!)))) return `\\${c}`;
  return c;
}

/** Plain text, every significant character escaped. */
export function escapeMarkdownText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += escapeChar(text[i], text[i - 1], text[i + 1]);
  return out;
}

/** A code span around `content`, whatever backticks it holds. */
function codeSpan(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || /^ .* $/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Where the bracketed label opened at `open` closes (no nesting, one level of escapes). */
function closingBracket(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') return -1;
    else if (text[i] === ']') return i;
  }
  return -1;
}

/** The end of a parenthesised destination opened at `open` (balanced parentheses), or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Renders one line of untrusted text (whitespace already collapsed). */
function renderLine(text: string, depth: number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    // A backslash escape of the source: its character is shown as written.
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1])) {
      out += escapeChar(text[i + 1], undefined, undefined);
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      if (close > i && text[close + run.length] !== '`') {
        const content = text.slice(i + run.length, close);
        if (content.trim() !== '') {
          out += codeSpan(content);
          i = close + run.length;
          continue;
        }
      }
    }
    // Images: their alt text only.
    const image = c === '!' && text[i + 1] === '[';
    if (c === '[' || image) {
      const open = image ? i + 1 : i;
      const close = closingBracket(text, open);
      if (close > open) {
        const label = text.slice(open + 1, close);
        let end = close;
        let url: string | undefined;
        if (text[close + 1] === '(') {
          const paren = closingParen(text, close + 1);
          if (paren > 0) {
            end = paren;
            // The destination, without a title; angle brackets allowed as CommonMark does.
            const dest = /^\s*(<[^>]*>|\S*)/.exec(text.slice(close + 2, paren))![1].replace(/^<(.*)>$/, '$1');
            url = safeUrl(unescape(dest));
          }
        }
        if (end > close || image) {
          const shown = depth < 4 ? renderLine(label, depth + 1) : escapeMarkdownText(label);
          out += url && !image && shown.trim() !== '' ? `[${shown}](<${url}>)` : shown;
          i = end + 1;
          continue;
        }
      }
    }
    // <https://…> and bare http(s) URLs become links; trailing punctuation stays outside.
    const auto = c === '<' ? /^<(https?:\/\/[^\s<>]+)>/i.exec(text.slice(i)) : null;
    const bare = !auto && (c === 'h' || c === 'H') && !isAlnum(text[i - 1]) ? /^https?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]]/i.exec(text.slice(i)) : null;
    if (auto || bare) {
      const raw = auto ? auto[1] : bare![0];
      const url = safeUrl(raw);
      if (url) {
        out += `[${escapeMarkdownText(raw)}](<${url}>)`;
        i += (auto ?? bare)![0].length;
        continue;
      }
    }
    // Emphasis: a run of * or _ that opens before a non-space and closes after one.
    if ((c === '*' || c === '_') && depth < 4) {
      const marker = text[i + 1] === c ? c + c : c;
      const after = text[i + marker.length];
      const before = text[i - 1];
      const opens = after !== undefined && !/\s/.test(after) && (c === '*' || !isAlnum(before));
      if (opens) {
        let close = text.indexOf(marker, i + marker.length + 1);
        while (close > 0 && (/\s/.test(text[close - 1]) || (c === '_' && isAlnum(text[close + marker.length])) || text[close + marker.length] === c)) close = text.indexOf(marker, close + 1);
        if (close > 0) {
          out += `${marker}${renderLine(text.slice(i + marker.length, close), depth + 1)}${marker}`;
          i = close + marker.length;
          continue;
        }
      }
    }
    out += escapeChar(c, text[i - 1], text[i + 1]);
    i++;
  }
  return out;
}

/** Control characters (but tabs and line breaks) and lone surrogates, shown as U+FFFD. */
function clean(text: string): string {
  return text.replace(/[\0-\x08\x0B\x0C\x0E-\x1F\x7F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Untrusted text as Markdown on one line: every run of whitespace (line breaks included)
 * becomes a space. For list items, table cells, headings and inline positions.
 */
export function untrustedInline(text: string): string {
  return renderLine(clean(String(text)).replace(/[\s\u2028\u2029]+/g, ' ').trim(), 0);
}

/**
 * Untrusted text as Markdown paragraphs: blank lines separate paragraphs, any other line
 * break is a space (so no line can start a heading, list, quote, table or code block).
 */
export function untrustedBlock(text: string): string {
  return clean(String(text))
    .split(/\r\n?|\n|[\u2028\u2029]/)
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((p) => untrustedInline(p))
    .filter((p) => p !== '')
    .join('\n\n');
}
