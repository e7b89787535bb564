/**
 * The glossary as the client knows it: the server's concept list, fetched once and refetched
 * when the server says the glossary changed or restarts. Shared by the Concepts view, the
 * concept picker and as-you-type completion.
 */

import * as vscode from 'vscode';
import { ConceptDetails, ConceptDetailsRequest, ConceptsRequest, ConceptsResult, ConceptSummary } from '../../server/src/shared/protocol';
import { GlossaireClient } from './languageClient';

const EMPTY: ConceptsResult = { categories: [], concepts: [], glossaryFiles: [], problemCount: 0 };

/** Cached concept list with change events. */
export class ConceptsModel implements vscode.Disposable {
  private cached: Promise<ConceptsResult> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** The concept list changed (fetch it again with `get()`). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: GlossaireClient) {
    this.disposables.push(
      client.onDidChangeGlossary(() => this.invalidate()),
      client.onDidChangeRunning(() => this.invalidate()),
    );
  }

  /** Forgets the cached list and tells listeners. */
  invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  /** The concept list (without per-document counts). Rejects when the server is down. */
  get(): Promise<ConceptsResult> {
    if (!this.cached) {
      const p = this.client.sendRequest(ConceptsRequest, {}).then((r) => r ?? EMPTY);
      this.cached = p;
      // A failed fetch is not cached: the next caller asks again.
      p.catch(() => {
        if (this.cached === p) this.cached = undefined;
      });
    }
    return this.cached;
  }

  /** The concept list with occurrence counts for a document. Not cached. */
  async getWithCounts(uri: vscode.Uri | undefined): Promise<ConceptsResult> {
    return (await this.client.sendRequest(ConceptsRequest, uri ? { uri: uri.toString() } : {})) ?? EMPTY;
  }

  /** One concept's summary by id. */
  async find(id: string): Promise<ConceptSummary | undefined> {
    return (await this.get()).concepts.find((c) => c.id === id);
  }

  /** One concept's whole entry, or undefined for an unknown id. */
  async details(id: string): Promise<ConceptDetails | undefined> {
    return (await this.client.sendRequest(ConceptDetailsRequest, { id })) ?? undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
