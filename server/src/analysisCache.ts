/**
 * Analyses of open documents, computed once per version and shared by every feature
 * (diagnostics, hover, code actions, highlights, the panel).
 */

import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analyzeText, Finding, FindingCode, Severity } from './service/analyze';
import { Glossary } from './service/glossary';
import { loadLexicon } from './node/resources';

/** Settings that change an analysis. */
export interface AnalysisSettings {
  ignoreWords: string[];
  severities: Partial<Record<FindingCode, Severity | 'off'>>;
}

interface Entry {
  version: number;
  glossary: Glossary;
  analysis: Analysis;
}

/** Per-document analysis cache. */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  settings: AnalysisSettings = { ignoreWords: [], severities: {} };

  constructor(private readonly getGlossary: () => Glossary) {}

  /** The analysis of a document's current version. */
  get(doc: TextDocument): Analysis {
    const glossary = this.getGlossary();
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.glossary === glossary) return cached.analysis;
    const analysis = analyzeText(doc.getText(), glossary, {
      lexicon: () => loadLexicon(),
      ignoreWords: this.settings.ignoreWords,
      severities: this.settings.severities,
    });
    this.entries.set(doc.uri, { version: doc.version, glossary, analysis });
    return analysis;
  }

  /** Forgets a document (closed). */
  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Forgets everything (settings or glossary changed). */
  clear(): void {
    this.entries.clear();
  }
}

/** Diagnostic `data`: what a quick fix needs, and nothing else. */
export interface FindingData {
  entryId: string;
  suggestions: string[];
  /** For a note-level finding: every edit, as offsets into the analysed version. */
  edits?: { start: number; end: number; newText: string }[];
  version: number;
}

/** The `data` payload of a finding's diagnostic. */
export function toFindingData(f: Finding, version: number): FindingData {
  return { entryId: f.entryId, suggestions: f.suggestions, edits: f.edits, version };
}
