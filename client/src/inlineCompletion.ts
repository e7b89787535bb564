/**
 * As-you-type completion of glossary terms, as ghost text.
 *
 * VS Code turns quick suggestions off in Markdown, and for prose that is right: a suggestion
 * popup open under every word would take Enter away from the student. Glossaire keeps the popup
 * on demand (Ctrl+Space, served by the language server) and, while typing, offers the glossary
 * term the current word starts as grey inline text that Tab accepts and any other key ignores
 * (`glossaire.completion.asYouType`, on by default). The candidates come from the concept list
 * the client already holds, so nothing is asked of the server per keystroke.
 *
 * Rules: at least 4 letters typed; the typed text must be the start of a correct form (case
 * aside, accents exact, since ghost text can only extend what is written); nothing is offered
 * when the word already is a complete form, or when the cursor is inside a word.
 */

import * as vscode from 'vscode';
import { ConceptSummary } from '../../server/src/shared/protocol';
import { ConceptsModel } from './conceptsModel';
import { getCheckedLanguages, getCheckedSchemes, isAsYouTypeCompletionEnabled } from './settings';

/** Minimum length of the typed prefix. */
export const MIN_PREFIX = 4;

/** Letters of a word (with elision and compound punctuation inside multi-word forms). */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/**
 * The ghost-text completion for the text before the cursor, or undefined.
 * @param before the line up to the cursor
 * @param after the rest of the line
 * @returns the form completed and how many characters before the cursor it replaces
 */
export function getInlineTermCompletion(
  concepts: readonly ConceptSummary[],
  before: string,
  after: string,
): { text: string; replaceLength: number; concept: ConceptSummary } | undefined {
  if (after && WORD_CHAR.test(after.charAt(0))) return undefined;
  const lowerBefore = before.toLowerCase();
  let best: { text: string; replaceLength: number; concept: ConceptSummary; score: number } | undefined;
  for (const concept of concepts) {
    for (const form of concept.forms) {
      const lowerForm = form.toLowerCase();
      // The longest tail of `before` that starts the form, beginning at a word start.
      for (let len = Math.min(form.length - 1, before.length); len >= MIN_PREFIX; len--) {
        const start = before.length - len;
        if (start > 0 && WORD_CHAR.test(before.charAt(start - 1))) continue;
        if (lowerBefore.slice(start) !== lowerForm.slice(0, len)) continue;
        const typed = before.slice(start);
        // A complete form already written ("cloud", "prestataire") is left alone.
        const isComplete = concepts.some((c) => c.forms.some((f) => f.toLowerCase() === typed.toLowerCase()));
        if (isComplete) break;
        // Keep the case the student typed; complete with the glossary's spelling.
        const text = keepCase(typed, form);
        // Prefer the longest match, then the concept's main term, then the shortest form.
        const score = len * 1000 + (form === concept.term ? 100 : 0) - form.length;
        if (!best || score > best.score) best = { text, replaceLength: len, concept, score };
        break;
      }
    }
  }
  return best && { text: best.text, replaceLength: best.replaceLength, concept: best.concept };
}

/** "Infog" + "infogérance" → "Infogérance"; "INFOG" → "INFOGÉRANCE"; acronyms keep theirs. */
function keepCase(typed: string, form: string): string {
  const isAcronym = /\p{Lu}/u.test(form.slice(1));
  if (isAcronym) return typed + form.slice(typed.length);
  if (typed.length > 1 && typed === typed.toUpperCase() && typed !== typed.toLowerCase()) return form.toUpperCase();
  return typed + form.slice(typed.length);
}

/** The inline completion provider. */
export class TermInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly model: ConceptsModel) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[]> {
    if (!isAsYouTypeCompletionEnabled()) return [];
    const line = document.lineAt(position.line).text;
    let concepts: readonly ConceptSummary[];
    try {
      concepts = (await this.model.get()).concepts;
    } catch {
      return [];
    }
    if (token.isCancellationRequested) return [];
    const hit = getInlineTermCompletion(concepts, line.slice(0, position.character), line.slice(position.character));
    if (!hit) return [];
    const range = new vscode.Range(position.translate(0, -hit.replaceLength), position);
    return [new vscode.InlineCompletionItem(hit.text, range)];
  }
}

/** Registers the provider for the checked languages; re-registers when they change. */
export function registerInlineCompletion(model: ConceptsModel): vscode.Disposable {
  const provider = new TermInlineCompletionProvider(model);
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    const selector = getCheckedLanguages().flatMap((language) => getCheckedSchemes().map((scheme) => ({ scheme, language })));
    registration = vscode.languages.registerInlineCompletionItemProvider(selector, provider);
  };
  register();
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('glossaire.languages')) register();
  });
  return new vscode.Disposable(() => {
    listener.dispose();
    registration?.dispose();
  });
}
