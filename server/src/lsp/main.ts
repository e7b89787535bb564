/**
 * Entry of dist/server.js. The transport comes from the command line, as vscode-languageserver
 * reads it: `--stdio` for any LSP client (Neovim, Helix, Emacs), `--node-ipc` for VS Code.
 */

import { createConnection, MessageReader, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { jsonEncoder } from '../transport/jsonEncoder';
import { createNodeHost } from '../node/nodeHost';
import { startServer } from './server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('Usage: node dist/server.js --stdio\n(Glossaire language server; see README "Autres éditeurs".)\n');
  process.exit(2);
}
if (process.argv.includes('--stdio')) {
  // stdio as vscode-languageserver sets it up, with the encoder that writes diagnostics fast.
  // stdin as a stream (the library then exits when it closes), stdout through our writer:
  // a mix its typings do not list, which its code handles (input and output each either way).
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: jsonEncoder });
  const connection = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
  // Nothing may write to stdout but the connection (the library does the same for --stdio).
  console.log = connection.console.log.bind(connection.console);
  console.info = connection.console.info.bind(connection.console);
  console.warn = connection.console.warn.bind(connection.console);
  console.error = connection.console.error.bind(connection.console);
  startServer(connection, createNodeHost());
} else startServer(createConnection(ProposedFeatures.all), createNodeHost());
