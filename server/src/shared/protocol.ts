/**
 * Glossaire's custom LSP messages, declared once and shared by the server and the VS Code
 * client (any other client may use them too; see README "Protocole"). Only vscode-jsonrpc
 * types are imported, so both sides can bundle this file.
 */

import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';

/** An LSP range (0-based lines, UTF-16 characters). */
export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A category of concepts. */
export interface ConceptCategory {
  id: string;
  label: string;
  description?: string;
}

/** One concept, as the side panel lists it. */
export interface ConceptSummary {
  id: string;
  term: string;
  category: string;
  categoryLabel: string;
  /** First sentence of the definition (plain text). */
  shortDefinition: string;
  /** Every correct form (term, forms, synonyms, acronyms). */
  forms: string[];
  /** Occurrences in the document given in the request (when one was given). */
  documentCount?: number;
  /** Occurrences in the workspace's notes (open documents and indexed files). */
  workspaceCount?: number;
  /** The group (course) it belongs to: one of `ConceptsResult.groups`' ids. */
  group?: string;
  /** For a definition harvested from a note: that note and the line (0-based). */
  harvestedFrom?: { uri: string; line: number };
}

/** A group of concepts: one glossary file (a course), the built-in glossary, or the notes' definitions. */
export interface ConceptGroup {
  /** The glossary file's URI (or "harvested:" + the course folder's URI). */
  id: string;
  /** Shown to the user ("reseaux/glossaire.md", "Glossaire intégré"). */
  label: string;
  kind: 'workspace' | 'setting' | 'builtin' | 'harvested';
}

/** Parameters of `glossaire/concepts`. */
export interface ConceptsParams {
  /** A document whose occurrence counts to include. */
  uri?: string;
}

/** Result of `glossaire/concepts`. */
export interface ConceptsResult {
  categories: ConceptCategory[];
  concepts: ConceptSummary[];
  /** Files the glossary was read from. */
  glossaryFiles: string[];
  /** Number of glossary problems (errors and warnings). */
  problemCount: number;
  /** The groups of `concepts`, in order (several when several glossaries are in use). */
  groups?: ConceptGroup[];
}

/** The whole entry of a concept. */
export interface ConceptDetails extends ConceptSummary {
  definition: string;
  advantages: string[];
  disadvantages: string[];
  examples: string[];
  synonyms: string[];
  acronyms: string[];
  related: { id: string; term: string }[];
  broader?: { id: string; term: string };
  source?: string;
  /** The whole entry rendered as Markdown (no HTML, no command links), localised. */
  markdown: string;
  /** Where the entry is defined. */
  location?: { uri: string; range: ProtocolRange };
}

/** One concept used by a document, with where. */
export interface DocumentConcept {
  id: string;
  term: string;
  categoryLabel: string;
  count: number;
  ranges: ProtocolRange[];
}

/** Parameters of `glossaire/documentConcepts`. */
export interface DocumentConceptsParams {
  uri: string;
}

/** Lists the glossary's concepts (with counts). */
export const ConceptsRequest = new RequestType<ConceptsParams, ConceptsResult, void>('glossaire/concepts');

/** Gives one concept's details, or null for an unknown id. */
export const ConceptDetailsRequest = new RequestType<{ id: string }, ConceptDetails | null, void>('glossaire/conceptDetails');

/** Lists the concepts a document uses, with their occurrences. */
export const DocumentConceptsRequest = new RequestType<DocumentConceptsParams, DocumentConcept[], void>('glossaire/documentConcepts');

/** Every occurrence of a concept in the notes (open documents and the workspace index). */
export const ConceptReferencesRequest = new RequestType<{ id: string }, { uri: string; range: ProtocolRange }[], void>('glossaire/conceptReferences');

/** Re-reads every glossary file now. */
export const ReloadGlossariesRequest = new RequestType0<{ concepts: number; problems: number }, void>('glossaire/reloadGlossaries');

/** Server → client: the glossary changed (reloaded, edited, configuration changed). */
export const GlossaryChangedNotification = new NotificationType<{ concepts: number; problems: number }>('glossaire/glossaryChanged');

/** Server → client: occurrence counts changed (a document was analysed, the index moved). */
export const OccurrencesChangedNotification = new NotificationType<{ uri?: string }>('glossaire/occurrencesChanged');

/** Command the server's code actions use to start "Add to the glossary…" (client side: one quick-input flow). */
export const ADD_TO_GLOSSARY_COMMAND = 'glossaire.addToGlossary';

/** The argument of ADD_TO_GLOSSARY_COMMAND, prepared by the server. */
export interface AddToGlossaryArgs {
  /** The note the word is in. */
  uri: string;
  /** The word or selection, as written. */
  term: string;
  /** Draft definition: the note's own definition of the term when it has one, else the sentence around it. */
  definition: string;
  /** Categories of the target glossary (labels), to pick from or to add a new one. */
  categories: string[];
  /** The glossary that will receive the entry, and whether it exists yet (else it is created). */
  target: string;
  targetExists: boolean;
}

/** Parameters of `glossaire/addToGlossaryEdit`. */
export interface AddToGlossaryEditParams {
  uri: string;
  term: string;
  definition: string;
  category: string;
}

/**
 * The WorkspaceEdit that writes a new entry into the note's nearest Markdown glossary
 * (creating `glossaire.md` in the note's folder when there is none); the client applies it
 * (undoable). Null when the term or definition is empty.
 */
export const AddToGlossaryEditRequest = new RequestType<AddToGlossaryEditParams, { edit: unknown; target: string } | null, void>('glossaire/addToGlossaryEdit');

/**
 * Parameters naming a course (a `CourseInfo.id`: "default", or the URI of a course folder, the
 * folder of a workspace glossary). Omitted: the default course (notes outside every course
 * folder: built-in glossary and settings), or the only course when there is one.
 */
export interface CourseParams {
  course?: string;
}

/** The course a study answer is about. */
export interface CourseInfo {
  id: string;
  name: string;
}

/** A concept as the quiz needs it. */
export interface StudyConcept {
  id: string;
  term: string;
  categoryLabel: string;
  /** The glossary's definition (Markdown). */
  definition: string;
  /** Every accepted answer for the term (term, forms, synonyms, acronyms). */
  names: string[];
  /** The student's own definition harvested from the notes, when there is one. */
  harvestedDefinition?: string;
  /**
   * A term only the course's notes define (no glossary of the course names it): `definition` is
   * the student's own, from the notes.
   */
  fromNotes?: boolean;
}

/** A course in the list of `glossaire/courses`. */
export interface CourseSummary extends CourseInfo {
  /** Its concepts (entries of its own glossaries, then the terms only its notes define). */
  concepts: number;
  /** Its notes (open and indexed). */
  notes: number;
}

/** Parameters of `glossaire/courses`. */
export interface CoursesParams {
  /** A note: its course is `active` in the result. */
  uri?: string;
}

/** Result of `glossaire/courses`. */
export interface CoursesResult {
  /** Every course: the default one first (when some note is outside every course folder), then by folder. */
  courses: CourseSummary[];
  /** The course of the note given in the request. */
  active?: string;
}

/** Result of `glossaire/studyConcepts`. */
export interface StudyConceptsResult {
  course: CourseInfo;
  concepts: StudyConcept[];
}

/** Result of `glossaire/coverage`: the course's concepts against its notes. */
export interface CoverageResult {
  course: CourseInfo;
  /** Concepts the notes use, most used first. */
  used: { id: string; term: string; count: number }[];
  /** « Pas encore dans vos notes »: concepts no note mentions, in glossary order. */
  notYetUsed: { id: string; term: string }[];
  /** « Sans définition »: terms in bold in the notes that nothing defines, most used first. */
  undefinedTerms: { term: string; count: number; locations: { uri: string; range: ProtocolRange }[] }[];
}

/** Parameters of `glossaire/checkAnswer`. */
export interface CheckAnswerParams extends CourseParams {
  /** The concept asked for. */
  id: string;
  /** What the student typed. */
  answer: string;
}

/** Result of `glossaire/checkAnswer` (null for an unknown concept). */
export interface CheckAnswerResult {
  /** exact, tolerant (accents or case), almost (« presque »: a near miss), wrong. */
  grade: 'exact' | 'tolerant' | 'almost' | 'wrong';
  /** The right spelling (the accepted name the answer was closest to). */
  expected: string;
}

/** Parameters of `glossaire/exportGlossary`. */
export interface ExportGlossaryParams extends CourseParams {
  format: 'md' | 'anki' | 'csv';
  /** Where the file will be written: the Markdown export links to the notes relative to it. */
  targetUri?: string;
  /** Anki: two cards per concept. */
  reverse?: boolean;
}

/** Result of `glossaire/exportGlossary`. */
export interface ExportGlossaryResult {
  content: string;
  concepts: number;
}

/** The courses of the workspace (one per course folder, and the default one). */
export const CoursesRequest = new RequestType<CoursesParams, CoursesResult, void>('glossaire/courses');

/** The concepts of a course with their definitions (the quiz's questions). */
export const StudyConceptsRequest = new RequestType<CourseParams, StudyConceptsResult, void>('glossaire/studyConcepts');

/** Coverage of a course by the notes: used, not yet used, bold terms defined nowhere. */
export const CoverageRequest = new RequestType<CourseParams, CoverageResult, void>('glossaire/coverage');

/** Grades a quiz answer (the term typed for a definition) with the core's matching. */
export const CheckAnswerRequest = new RequestType<CheckAnswerParams, CheckAnswerResult | null, void>('glossaire/checkAnswer');

/** A course's concepts as a Markdown glossary, an Anki import file or CSV. */
export const ExportGlossaryRequest = new RequestType<ExportGlossaryParams, ExportGlossaryResult, void>('glossaire/exportGlossary');

/** The code action kind of "fix all glossary typos" (`source.fixAll.glossaire`, for
 * `editor.codeActionsOnSave`): offered by the server, requested by the client. */
export const FIX_ALL_KIND = 'source.fixAll.glossaire';

/** Command the server's code actions use to add a word to the workspace's ignore list. */
export const IGNORE_WORD_COMMAND = 'glossaire.ignoreWord';

/**
 * The server's `initializationOptions` (every field optional: editors other than VS Code send
 * what they like, see README "Le serveur dans d'autres éditeurs").
 */
export interface GlossaireInitializationOptions {
  /** Locale of messages ("fr", "en"…); the client's locale otherwise. */
  locale?: string;
  /** Settings, for clients without workspace/configuration. */
  settings?: Partial<GlossaireSettings>;
  /**
   * False when the workspace is not trusted (VS Code's restricted mode): the server then reads
   * no file that the workspace names (glossaries of the settings, workspace glossaries,
   * definitions harvested from notes). Absent means trusted (editors without the notion).
   */
  trusted?: boolean;
}

// ---- Server → client: the workspace's files, for a server that cannot read them itself (a
// web worker in VS Code for the Web). The desktop server reads the disk and never sends these.

/** Parameters of `glossaire/readFile`. */
export interface ReadFileParams {
  uri: string;
  /** Larger files are not read (error code 'EFBIG'). */
  maxBytes?: number;
}

/** Result of `glossaire/readFile`: the UTF-8 text, or why it could not be read. */
export type ReadFileResult = { text: string } | { error: { code: string; message: string } };

/** Server → client: read a workspace file (the client uses `vscode.workspace.fs`). */
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>('glossaire/readFile');

/** Parameters of `glossaire/findFiles`. */
export interface FindFilesParams {
  /** Workspace folder URIs. */
  folders: string[];
  /** A glob on paths relative to a folder (`**`, `*`, `?`, `{a,b}`). */
  glob: string;
  /** Folder names never entered (besides hidden ones). */
  skip: string[];
  limit: number;
}

/** Server → client: list workspace files (the client uses `vscode.workspace.findFiles`). */
export const FindFilesRequest = new RequestType<FindFilesParams, { uris: string[] }, void>('glossaire/findFiles');

/**
 * `initializationOptions` of the web server: where the extension's own files are. `extensionUri`
 * names them (locations sent to the client); `fileUrl` says how to fetch one from the worker:
 * `prefix + relative path + suffix`, the path encoded as one URI component when
 * `encodeSlashes` (code-server serves them as `…/vscode-remote-resource?path=%2F…&tkn=…`) or
 * segment by segment (a plain https: URL on vscode.dev).
 */
export interface WebInitializationOptions {
  extensionUri: string;
  fileUrl: { prefix: string; suffix: string; encodeSlashes: boolean };
}

/** Settings section read through workspace/configuration. */
export const CONFIG_SECTION = 'glossaire';

/** The settings the server reads (contributes.configuration mirrors them). */
export interface GlossaireSettings {
  /** Diagnostics on or off. */
  enable: boolean;
  /** Severity per finding code ("glossaire.misspelled-term": "warning" | … | "off"). */
  severity: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
  /** Words never flagged. */
  ignoreWords: string[];
  /** Extra glossary files (absolute, or relative to the workspace folder). */
  glossaries: string[];
  /** Use the built-in course glossary. */
  useBuiltinGlossary: boolean;
  /** Language ids checked (markdown by default). */
  languages: string[];
  /** Index the workspace's notes for references and counts. */
  indexWorkspace: boolean;
  /** Load the glossary files found in the workspace (glossaire.md, *.glossaire.md, *.glossaire.json). */
  workspaceGlossaries: boolean;
  /** Definitions written in the notes join the glossary of their course folder. */
  harvestDefinitions: boolean;
  /** Diagnostics published per note at most; one more says how many were left out. */
  maxDiagnostics: number;
}

/** Defaults of the settings. */
export const DEFAULT_SETTINGS: GlossaireSettings = {
  enable: true,
  severity: {},
  ignoreWords: [],
  glossaries: [],
  useBuiltinGlossary: true,
  languages: ['markdown'],
  indexWorkspace: true,
  workspaceGlossaries: true,
  harvestDefinitions: true,
  maxDiagnostics: 1000,
};
