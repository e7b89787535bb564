/**
 * Desktop entry point (`main`): the language server is dist/server.js in a Node process,
 * over IPC. Everything else is shared with the web entry (activate.ts).
 */

import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { GlossaireApi } from './api';
import { activateGlossaire, deactivateGlossaire } from './activate';

/** Activates the extension with a Node language server. */
export function activate(context: vscode.ExtensionContext): GlossaireApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6029'] } },
  };
  return activateGlossaire(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

/** Stops the language server. */
export const deactivate = deactivateGlossaire;
