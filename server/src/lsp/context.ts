/**
 * What every feature gets: the connection, the file host, the documents, the glossary store,
 * the analyses, the workspace index and the settings. Features read it; only server.ts changes it.
 */

import { ProposedFeatures, TextDocuments } from 'vscode-languageserver';
import { AnalysisCache } from './analysisCache';
import { LiveDocument } from './document';
import { GlossaryStore } from './glossaryStore';
import { ServerHost } from './host';
import { GlossaireSettings } from '../shared/protocol';
import { Locale } from '../service/messages';
import { Lines } from '../service/positions';
import { WorkspaceIndex } from './workspaceIndex';

/** The server's connection, whichever transport made it (Node streams or a web worker). */
export type Connection = ProposedFeatures.Connection;

/** Shared server state. */
export interface ServerContext {
  connection: Connection;
  /** Files: the disk (Node) or the client and the extension's URLs (browser). */
  host: ServerHost;
  documents: TextDocuments<LiveDocument>;
  store: GlossaryStore;
  cache: AnalysisCache;
  index: WorkspaceIndex;
  settings: GlossaireSettings;
  locale: Locale;
  /**
   * False in an untrusted workspace (the client's restricted mode): nothing the workspace
   * names may be read (glossaries of the settings, workspace glossaries, harvested
   * definitions). Fixed at initialize; the client restarts the server when trust is granted.
   */
  trusted: boolean;
  /** True when the document's language is checked. */
  isChecked(doc: LiveDocument): boolean;
  /** Offsets ↔ positions of a document's current version. */
  lines(doc: LiveDocument): Lines;
  /** Re-publishes every open document's diagnostics. */
  revalidateAll(): void;
}

/**
 * Positions of an open document: the document itself, whose line starts follow its edits (a
 * LineIndex per version scanned the whole text at every keystroke).
 */
export function getLines(doc: LiveDocument): Lines {
  return doc;
}
