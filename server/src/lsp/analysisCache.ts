/**
 * Analyses of open documents, computed once per version and shared by every feature
 * (diagnostics, hover, code actions, highlights, the panel). After an incremental edit only the
 * edited paragraph is analysed again (service/incremental.ts); anything else is a full analysis.
 */

import { Analysis, Finding, FindingCode, Severity } from '../service/analyze';
import { AnalysisState, settleAnalysis } from '../service/incremental';
import { OffsetEdit } from '../service/model';
import { Glossary } from '../service/glossary';
import { AnalysisSettings as CoreSettings, GlossaireService } from '../service/service';
import { LiveDocument } from './document';

/** Settings that change an analysis. */
export interface AnalysisSettings {
  ignoreWords: string[];
  severities: Partial<Record<FindingCode, Severity | 'off'>>;
}

interface Entry {
  version: number;
  glossary: Glossary;
  state: AnalysisState;
}

/** Edits received since the analysed version, in LSP order (offsets of each change's text). */
interface Pending {
  fromVersion: number;
  edits: OffsetEdit[];
  /** A full-text change or an unknown base: the next analysis is a full one. */
  full: boolean;
}

/** Per-document analysis cache. */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Pending>();
  private options: CoreSettings = { ignoreWords: [], severities: {} };
  /** How the last analyses were made (for tracing and the benchmark). */
  readonly stats = { full: 0, incremental: 0 };

  /** @param getService the core bound to the current glossary (its lexicon included). */
  constructor(private readonly getService: () => GlossaireService) {}

  /** Settings that change analyses (clears the cache). */
  set settings(s: AnalysisSettings) {
    this.options = { ignoreWords: s.ignoreWords, severities: s.severities };
    this.clear();
  }

  /**
   * Records the edits that made a document's new version (the TextDocuments update hook calls
   * this with what LiveDocument.update returned: offset edits, or undefined for a full text),
   * so the next analysis can redo only the edited paragraph.
   */
  recordEdits(doc: LiveDocument, fromVersion: number, edits: OffsetEdit[] | undefined): void {
    const cached = this.entries.get(doc.uri);
    let p = this.pending.get(doc.uri);
    if (!p) {
      p = { fromVersion, edits: [], full: !cached || cached.version !== fromVersion };
      this.pending.set(doc.uri, p);
    }
    if (p.full) return;
    if (!edits) p.full = true;
    else for (const e of edits) p.edits.push(e);
  }

  /** The analysis of a document's current version. */
  get(doc: LiveDocument): Analysis {
    const service = this.getService();
    const glossary = service.glossary;
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.glossary === glossary) return cached.state.analysis;
    const p = this.pending.get(doc.uri);
    this.pending.delete(doc.uri);
    let state: AnalysisState;
    if (cached && p && !p.full && p.fromVersion === cached.version) {
      // The document's text may be a rope (LiveDocument): an update in prose does not read it.
      state = service.updateAnalysis(cached.state, doc.getText(), p.edits, this.options);
    } else state = service.analyzeWithState(doc.getText(), this.options);
    this.stats[state.mode]++;
    this.entries.set(doc.uri, { version: doc.version, glossary, state });
    return state.analysis;
  }

  /**
   * Does the copies in the size of the note that the last update of a document left for
   * later (see settleAnalysis); for idle time, so that the next keystroke does not.
   */
  settle(uri: string): void {
    const cached = this.entries.get(uri);
    if (cached) settleAnalysis(cached.state);
  }

  /** Forgets a document (closed). */
  delete(uri: string): void {
    this.entries.delete(uri);
    this.pending.delete(uri);
  }

  /** Forgets everything (settings or glossary changed). */
  clear(): void {
    this.entries.clear();
    this.pending.clear();
  }
}

/** Diagnostic `data`: what a quick fix needs, and nothing else. */
export interface FindingData {
  entryId: string;
  suggestions: string[];
  /** For a note-level finding: every edit, as offsets into the analysed version. */
  edits?: { start: number; end: number; newText: string }[];
}

/**
 * The `data` payload of a finding's diagnostic (`entryId`, `suggestions`: the finding's, or the
 * same strings). Nothing in it depends on the document's version, so that a finding an edit
 * did not touch keeps the same diagnostic, down to its JSON (see jsonEncoder.ts).
 */
export function toFindingData(f: Finding, entryId = f.entryId, suggestions = f.suggestions): FindingData {
  // No `edits: undefined` key (which JSON leaves out anyway): one property less to serialise.
  return f.edits ? { entryId, suggestions, edits: f.edits } : { entryId, suggestions };
}
