/**
 * What every feature gets: the connection, the documents, the glossary store, the analyses,
 * the workspace index and the settings. Features read it; only server.ts changes it.
 */

import { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './analysisCache';
import { GlossaryStore } from './glossaryStore';
import { GlossaireSettings } from './protocol';
import { Locale } from './service/messages';
import { LineIndex } from './service/positions';
import { WorkspaceIndex } from './workspaceIndex';

/** Shared server state. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: GlossaryStore;
  cache: AnalysisCache;
  index: WorkspaceIndex;
  settings: GlossaireSettings;
  locale: Locale;
  /** True when the document's language is checked. */
  isChecked(doc: TextDocument): boolean;
  /** The line index of a document version (cached). */
  lines(doc: TextDocument): LineIndex;
  /** Re-publishes every open document's diagnostics. */
  revalidateAll(): void;
}

const lineCache = new WeakMap<TextDocument, { version: number; index: LineIndex }>();

/** Line index of a document, rebuilt only when its version changes. */
export function getLines(doc: TextDocument): LineIndex {
  const c = lineCache.get(doc);
  if (c && c.version === doc.version) return c.index;
  const index = new LineIndex(doc.getText());
  lineCache.set(doc, { version: doc.version, index });
  return index;
}
