/**
 * The ServerHost of a web worker (VS Code for the Web): no file system. The extension's own
 * files (built-in glossary, lexicon) come by `fetch` from the extension's URL; the workspace's
 * files are asked of the client (`glossaire/readFile`, `glossaire/findFiles`), which reads them
 * with `vscode.workspace.fs`. The word lists (French, and English for the bilingual guard;
 * front-coded, 2.4 MB) are fetched once, from the first glossary read on, and nothing waits
 * for them (see ServerHost.lexicon).
 */

import { InitializeParams } from 'vscode-languageserver';
import { HostFileError, PENDING_LEXICON, ServerHost, SKIP_DIRS } from '../lsp/host';
import type { Connection } from '../lsp/context';
import { createFrontCodedLexicon } from '../service/frontCoded';
import { EMPTY_LEXICON, Lexicon } from '../service/lexicon';
import { FindFilesRequest, ReadFileRequest, WebInitializationOptions } from '../shared/protocol';

/** The browser's host; `initialize` must run first (it learns where the extension is). */
export interface BrowserHost extends ServerHost {
  /** Reads the extension's location from the initialize params (WebInitializationOptions). */
  initialize(params: InitializeParams): void;
}

/** A ServerHost for a web worker, asking `connection`'s client for workspace files. */
export function createBrowserHost(connection: Connection): BrowserHost {
  let extensionUri = '';
  let fileUrl: WebInitializationOptions['fileUrl'] = { prefix: '', suffix: '', encodeSlashes: false };
  let lexicon: Lexicon = PENDING_LEXICON;
  // Empty (guard off) until fetched; set with the French list, before the listeners redo the work.
  let english: Lexicon = EMPTY_LEXICON;
  let lexiconLoad: Promise<void> | undefined;
  const lexiconListeners: (() => void)[] = [];
  // vscode-languageclient installs its request handlers only once `initialize` is answered: a
  // request sent before would fail (or, awaited by `initialize` itself, never be answered).
  let clientReady = false;
  const notYet = () => new HostFileError('EAGAIN', 'the client answers requests only after initialize');

  /** The URL to fetch for a file of the extension (a '/'-separated path in it). */
  const urlOf = (rel: string): string => {
    const path = fileUrl.encodeSlashes ? encodeURIComponent(rel) : rel.split('/').map(encodeURIComponent).join('/');
    return `${fileUrl.prefix}${path}${fileUrl.suffix}`;
  };
  /** The URL to fetch for a URI of the extension's files, or undefined for a workspace file. */
  const ownUrl = (uri: string): string | undefined =>
    extensionUri && uri.startsWith(`${extensionUri}/`) ? urlOf(decodeURIComponent(uri.slice(extensionUri.length + 1))) : undefined;

  async function fetchBytes(url: string): Promise<Uint8Array> {
    const response = await fetch(url);
    if (!response.ok) throw new HostFileError(response.status === 404 ? 'ENOENT' : 'EIO', `${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  const host: BrowserHost = {
    kind: 'browser',
    get builtinGlossaryUri() {
      return `${extensionUri}/glossary/externalisation.json`;
    },
    initialize(params) {
      const o = (params.initializationOptions ?? {}) as Partial<WebInitializationOptions>;
      extensionUri = (o.extensionUri ?? '').replace(/\/+$/, '');
      fileUrl = o.fileUrl ?? { prefix: `${extensionUri}/`, suffix: '', encodeSlashes: false };
      connection.console.info(`web worker: the extension's files from ${urlOf('…')}`);
    },
    initialized() {
      clientReady = true;
    },
    async readText(uri, options = {}) {
      const url = ownUrl(uri);
      if (url !== undefined) return new TextDecoder().decode(await fetchBytes(url));
      if (!clientReady) throw notYet();
      const r = await connection.sendRequest(ReadFileRequest, { uri, maxBytes: options.maxBytes });
      if ('error' in r) throw new HostFileError(r.error.code, r.error.message);
      return r.text;
    },
    async findFiles(folders, glob, limit) {
      // Before `initialized` nothing can be listed (see ServerHost.findFiles).
      if (folders.length === 0 || !clientReady) return [];
      return (await connection.sendRequest(FindFilesRequest, { folders, glob, skip: [...SKIP_DIRS], limit })).uris;
    },
    lexicon: () => lexicon,
    englishLexicon: () => english,
    onLexiconLoaded(listener) {
      lexiconListeners.push(listener);
    },
    prepareLexicon() {
      // Not awaited: the first diagnostics need only the glossary (see ServerHost.lexicon).
      lexiconLoad ??= (async () => {
        const t0 = Date.now();
        try {
          const [bytes, englishBytes] = await Promise.all([
            fetchBytes(urlOf('dist/lexicon-fr.fc')),
            // Without the English list only the bilingual guard is off.
            fetchBytes(urlOf('dist/lexicon-en.fc')).catch((e: Error) => {
              connection.console.error(`glossaire: English word list unavailable: ${e.message}`);
              return undefined;
            }),
          ]);
          lexicon = createFrontCodedLexicon(bytes);
          if (englishBytes) {
            try {
              english = createFrontCodedLexicon(englishBytes);
            } catch (e) {
              connection.console.error(`glossaire: English word list unavailable: ${(e as Error).message}`);
            }
          }
          connection.console.info(`web worker: lexicon (${lexicon.size} words) fetched in ${Date.now() - t0} ms, with ${english.size} English words`);
        } catch (e) {
          // As in Node: without the lexicon the checker goes on, without its guard.
          connection.console.error(`glossaire: lexicon unavailable: ${(e as Error).message}`);
          lexicon = EMPTY_LEXICON;
        }
        for (const listener of lexiconListeners) listener();
      })();
      return Promise.resolve();
    },
  };
  return host;
}
