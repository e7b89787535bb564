/**
 * Entry of dist/web/server.js: the language server in a web worker (VS Code for the Web),
 * talking to the client through the worker's messages. Same server as on Node; only the
 * transport and the host (browserHost.ts) differ.
 */

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { createBrowserHost } from './browserHost';

// The worker's global scope (the project compiles without the WebWorker library).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, createBrowserHost(connection));
