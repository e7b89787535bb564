/**
 * Activation shared by both entry points (extension.ts on a desktop, extensionWeb.ts in a
 * browser): creates the output channel, the language client, the views, the concept page,
 * as-you-type completion and the commands, and ties their lifetimes to the extension's. Only
 * the creation of the LanguageClient differs between the two; each concern lives in its own file.
 */

import * as vscode from 'vscode';
import { GlossaireApi } from './api';
import { EditorTracker, registerCommands } from './commands';
import { ConceptPanel } from './conceptPanel';
import { ConceptsModel } from './conceptsModel';
import { ConceptsView } from './conceptsView';
import { getInlineTermCompletion, registerInlineCompletion } from './inlineCompletion';
import { ClientFactory, GlossaireClient } from './languageClient';
import { NoteConceptsView } from './noteConceptsView';
import { LeitnerStore } from './leitnerStore';
import { NoteStatus } from './noteStatus';
import { Quiz } from './quiz';
import { StudyView } from './studyView';

let client: GlossaireClient | undefined;

/** Activates on Markdown, on the Glossaire views and on the commands; `factory` starts the server. */
export function activateGlossaire(context: vscode.ExtensionContext, factory: ClientFactory): GlossaireApi {
  const activatedAt = Date.now();
  const output = vscode.window.createOutputChannel('Glossaire', { log: true });
  client = new GlossaireClient(factory, output, activatedAt);
  const model = new ConceptsModel(client);
  const conceptsView = new ConceptsView(model, client);
  const noteView = new NoteConceptsView(client);
  const panel = new ConceptPanel(model, context.extensionUri);
  const editors = new EditorTracker();
  const leitner = new LeitnerStore(context.globalState);
  const studyView = new StudyView(client, leitner);
  const noteStatus = new NoteStatus(client);
  const quiz = new Quiz(client, leitner, panel);
  context.subscriptions.push(
    output, model, conceptsView, noteView, panel, editors, leitner, studyView, noteStatus, quiz,
    registerInlineCompletion(model),
    ...registerCommands({ extensionUri: context.extensionUri, client, model, conceptsView, panel, output, editors, quiz }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed when the client starts.
      if (e.affectsConfiguration('glossaire.languages')) void client?.restart();
    }),
  );

  const c = client;
  c.start().catch((e) => output.error(`The language server failed to start: ${String(e)}`));

  return {
    ready: () => c.start(),
    get isRunning() {
      return c.isRunning;
    },
    get serverPid() {
      return c.serverPid;
    },
    concepts: () => conceptsView.snapshot(),
    noteConcepts: () => noteView.snapshot(),
    get note() {
      return noteView.document;
    },
    conceptPage: () => panel.current,
    study: () => studyView.snapshot(),
    quiz: {
      get screen() {
        return quiz.screen;
      },
      type: (text: string) => quiz.type(text),
    },
    noteStatus: () => noteStatus.shown && { ...noteStatus.shown, text: noteStatus.item.text },
    inlineCompletion: async (before, after = '') =>
      getInlineTermCompletion((await model.get()).concepts, before, after)?.text,
  };
}

/** Stops the language server. */
export async function deactivateGlossaire(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
