/**
 * Entry of dist/server.js. The transport comes from the command line, as vscode-languageserver
 * reads it: `--stdio` for any LSP client (Neovim, Helix, Emacs), `--node-ipc` for VS Code.
 */

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('Usage: node dist/server.js --stdio\n(Glossaire language server; see README "Autres éditeurs".)\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
