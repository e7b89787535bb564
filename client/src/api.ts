/**
 * What activate() returns: a small API for the in-editor tests (and other extensions) to read
 * the views' data and wait for the server, without driving the UI.
 */

import type * as vscode from 'vscode';
import type { ConceptsSnapshot } from './conceptsView';
import type { NoteConceptsSnapshot } from './noteConceptsView';
import type { QuizScreen } from './quiz';
import type { StudySnapshot } from './studyView';

/** The extension's API. */
export interface GlossaireApi {
  /** Resolves once the language server runs (starts it if needed). */
  ready(): Promise<void>;
  /** True while the language server runs. */
  readonly isRunning: boolean;
  /** The server's process id while it runs (the in-editor tests kill it to test the restart). */
  readonly serverPid: number | undefined;
  /** The Concepts view's rows: categories and their concepts, as displayed. */
  concepts(): Promise<ConceptsSnapshot>;
  /** The "In This Note" view's rows for the note it follows. */
  noteConcepts(): Promise<NoteConceptsSnapshot>;
  /** The note the "In This Note" view follows. */
  readonly note: vscode.TextDocument | undefined;
  /** The concept page on screen, if any. */
  conceptPage(): { id: string; title: string; html: string } | undefined;
  /** The Study view's groups (« Concepts à revoir », « Pas encore dans vos notes », « Sans définition »). */
  study(): Promise<StudySnapshot>;
  /** The quiz on screen: what it shows, and typing into its input box. */
  readonly quiz: { readonly screen: QuizScreen | undefined; type(text: string): boolean };
  /** The note's status bar item (note, counts and text), when shown. */
  noteStatus(): { uri: string; concepts: number; typos: number; text: string } | undefined;
  /** The ghost text offered for a line cut at the cursor, if any. */
  inlineCompletion(before: string, after?: string): Promise<string | undefined>;
}
