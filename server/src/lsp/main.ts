/**
 * Entry of dist/server.js. The transport comes from the command line, as vscode-languageserver
 * reads it: `--stdio` for any LSP client (Neovim, Helix, Emacs), `--node-ipc` for VS Code.
 * Both go through the protocol gate (protocolGate.ts) before the library sees a message.
 */

import {
  createConnection, IPCMessageReader, IPCMessageWriter, MessageReader, MessageWriter, ProposedFeatures,
  StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver/node';
import { jsonEncoder } from '../transport/jsonEncoder';
import { createNodeHost } from '../node/nodeHost';
import { gateReader, GateState } from './protocolGate';
import { startServer } from './server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('Usage: node dist/server.js --stdio\n(Glossaire language server; see README "Autres éditeurs".)\n');
  process.exit(2);
}

const state: GateState = { initialized: false, shutdown: false };
let reader: MessageReader | undefined;
let writer: MessageWriter | undefined;
const stdio = process.argv.includes('--stdio');
if (stdio) {
  // stdout through the encoder that writes diagnostics fast.
  reader = new StreamMessageReader(process.stdin);
  writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: jsonEncoder });
  // The library exits when stdin ends only when given the stream itself; we give it a reader.
  const end = () => process.exit(state.shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
} else if (process.argv.includes('--node-ipc')) {
  reader = new IPCMessageReader(process);
  writer = new IPCMessageWriter(process);
}

// Sockets and pipes: the library's own transport, without the gate (no client uses them today).
const connection = reader && writer
  ? createConnection(ProposedFeatures.all, gateReader(reader, writer, state, (m) => connection.console.warn(m)), writer)
  : createConnection(ProposedFeatures.all);
if (stdio) {
  // Nothing may write to stdout but the connection (the library does the same for --stdio).
  console.log = connection.console.log.bind(connection.console);
  console.info = connection.console.info.bind(connection.console);
  console.warn = connection.console.warn.bind(connection.console);
  console.error = connection.console.error.bind(connection.console);
}
// A promise nobody awaited that rejects is a bug to log, never a reason to end the process
// (Node's default): the editor would lose every note's diagnostics.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});
startServer(connection, createNodeHost());
