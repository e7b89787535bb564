/**
 * "Show the definition": a readable page of the whole entry in a webview beside the note.
 * One panel, reused. No script runs in it; its only style is an inline sheet allowed by nonce,
 * made of the theme's CSS variables; nothing is loaded from anywhere. Links are command URIs
 * restricted to the few commands listed below (related concepts, insert, occurrences, source).
 */

import * as vscode from 'vscode';
import { ConceptDetails } from '../../server/src/shared/protocol';
import { ConceptsModel } from './conceptsModel';

/** Commands the page's links may run. */
const LINK_COMMANDS = [
  'glossaire.showDefinition',
  'glossaire.insertTerm',
  'glossaire.findOccurrences',
  'glossaire.copyDefinition',
  'glossaire.openConceptSource',
];

/** The concept panel. */
export class ConceptPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ConceptDetails | undefined;

  constructor(
    private readonly model: ConceptsModel,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The concept on screen and the page's HTML (for tests), if the panel is open. */
  get current(): { id: string; title: string; html: string } | undefined {
    return this.panel && this.shown
      ? { id: this.shown.id, title: this.panel.title, html: this.panel.webview.html }
      : undefined;
  }

  /** Shows a concept beside the active editor. Returns false for an unknown id. */
  async show(id: string): Promise<boolean> {
    const details = await this.model.details(id);
    if (!details) return false;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'glossaire.concept',
        details.term,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: LINK_COMMANDS, localResourceRoots: [] },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.shown = details;
    this.panel.title = vscode.l10n.t('Glossary: {0}', details.term);
    this.panel.webview.html = renderConceptPage(details, nonce());
    return true;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The Markdown a glossary definition may use inline (code, bold, italics, links), as HTML.
 * The text is escaped first, so glossary data cannot inject markup; link targets are dropped.
 */
export function renderInlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\p{L}\p{N}*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\p{L}\p{N}])/gu, '$1<em>$2</em>')
    .replace(/(^|[^\p{L}\p{N}_])_([^_\s](?:[^_]*[^_\s])?)_(?![\p{L}\p{N}])/gu, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
}

/** A command URI with JSON arguments. */
function commandUri(command: string, ...args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** The page of a concept. */
export function renderConceptPage(d: ConceptDetails, styleNonce: string): string {
  const h = escapeHtml;
  const md = renderInlineMarkdown;
  const sections: string[] = [];
  const list = (title: string, items: string[]) => {
    if (items.length > 0) sections.push(`<h2>${h(title)}</h2>\n<ul>${items.map((x) => `<li>${md(x)}</li>`).join('')}</ul>`);
  };
  list(vscode.l10n.t('Advantages'), d.advantages);
  list(vscode.l10n.t('Disadvantages'), d.disadvantages);
  list(vscode.l10n.t('Examples'), d.examples);

  const facts: [string, string][] = [];
  const names = new Set([d.term, ...d.synonyms, ...d.acronyms]);
  const inflections = d.forms.filter((f) => !names.has(f));
  if (d.synonyms.length) facts.push([vscode.l10n.t('Synonyms'), d.synonyms.map(h).join(', ')]);
  const acronyms = d.acronyms.filter((a) => a !== d.term);
  if (acronyms.length) facts.push([vscode.l10n.t('Acronyms'), acronyms.map(h).join(', ')]);
  if (inflections.length) facts.push([vscode.l10n.t('Forms'), inflections.map(h).join(', ')]);
  const link = (r: { id: string; term: string }) =>
    `<a href="${h(commandUri('glossaire.showDefinition', r.id))}">${h(r.term)}</a>`;
  if (d.broader) facts.push([vscode.l10n.t('Kind of'), link(d.broader)]);
  if (d.related.length) facts.push([vscode.l10n.t('See also'), d.related.map(link).join(', ')]);
  if (d.source) facts.push([vscode.l10n.t('Source'), md(d.source)]);
  if (facts.length) {
    sections.push(`<dl>${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('')}</dl>`);
  }

  const actions = [
    [commandUri('glossaire.insertTerm', d.id), vscode.l10n.t('Insert the term')],
    [commandUri('glossaire.findOccurrences', d.id), vscode.l10n.t('Find occurrences in the notes')],
    [commandUri('glossaire.copyDefinition', d.id), vscode.l10n.t('Copy the definition')],
    ...(d.location ? [[commandUri('glossaire.openConceptSource', d.id), vscode.l10n.t('Open the glossary entry')]] : []),
  ].map(([href, label]) => `<a href="${h(href)}">${h(label)}</a>`);

  const title = d.acronyms.length && !d.acronyms.includes(d.term)
    ? `${h(d.term)} <span class="acronyms">(${d.acronyms.map(h).join(', ')})</span>`
    : h(d.term);
  return `<!DOCTYPE html>
<html lang="${h(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${styleNonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${h(d.term)}</title>
<style nonce="${styleNonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
         background: var(--vscode-editor-background); line-height: 1.55; max-width: 52em; padding: 0.5em 1.5em 2em; }
  h1 { font-size: 1.7em; font-weight: 600; margin: 0.6em 0 0.1em; }
  h1 .acronyms { font-weight: 400; color: var(--vscode-descriptionForeground); }
  h2 { font-size: 1.1em; font-weight: 600; margin: 1.4em 0 0.3em; }
  .category { color: var(--vscode-descriptionForeground); margin-top: 0; }
  .definition { font-size: 1.12em; border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-focusBorder));
                background: var(--vscode-textBlockQuote-background); padding: 0.6em 0.9em; margin: 1em 0; }
  ul { padding-left: 1.4em; margin: 0.2em 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35em 1em; margin-top: 1.4em; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; }
  a:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
  a:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
  code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.25em; border-radius: 3px; }
  .actions { margin-top: 2em; padding-top: 0.8em; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border)); }
  .actions a { margin-right: 1.2em; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="category">${h(vscode.l10n.t('Category: {0}', d.categoryLabel))}</p>
<p class="definition">${md(d.definition)}</p>
${sections.join('\n')}
<p class="actions">${actions.join('\n')}</p>
</body>
</html>
`;
}
