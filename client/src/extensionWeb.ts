/**
 * Web entry point (`browser`, VS Code for the Web): the language server is dist/web/server.js
 * in a web worker; it fetches the extension's own files from the extension's URL and asks this
 * client for the workspace's (workspaceFiles.ts). Everything else is shared (activate.ts).
 */

import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { WebInitializationOptions } from '../../server/src/shared/protocol';
import { GlossaireApi } from './api';
import { activateGlossaire, deactivateGlossaire } from './activate';

// The web extension host's Worker (the project compiles without the DOM library).
declare class Worker {
  constructor(url: string);
}

/**
 * The HTTP URL behind an extension URI. vscode.dev gives https: URIs already; code-server gives
 * vscode-remote: ones, which the extension host's `fetch` maps to its resource URL while
 * `new Worker` and the worker's own `fetch` do not: the redirect's final URL is the one to use.
 */
async function resolveUrl(uri: vscode.Uri): Promise<string> {
  const plain = uri.toString(true);
  try {
    const url = (await fetch(plain, { method: 'HEAD' })).url;
    return url || plain;
  } catch {
    return plain;
  }
}

/**
 * The worker of the server: from its URI as such (vscode.dev), or, where that throws
 * (code-server: "Creating workers from remote extensions is currently not supported"), from
 * its HTTP URL, made like any other file's (no second round trip).
 */
function createWorker(extensionUri: vscode.Uri, where: WebInitializationOptions): Worker {
  try {
    return new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'server.js').toString(true));
  } catch {
    const { prefix, suffix, encodeSlashes } = where.fileUrl;
    return new Worker(`${prefix}${encodeSlashes ? encodeURIComponent('dist/web/server.js') : 'dist/web/server.js'}${suffix}`);
  }
}

/**
 * How the worker fetches the extension's files: the resolved URL of package.json, with the
 * place of its name left for any other path (see WebInitializationOptions).
 */
export function fileUrlTemplate(packageJsonUrl: string): WebInitializationOptions['fileUrl'] {
  const at = packageJsonUrl.lastIndexOf('package.json');
  if (at < 0) throw new Error(`no package.json in ${packageJsonUrl}`);
  return {
    prefix: packageJsonUrl.slice(0, at),
    suffix: packageJsonUrl.slice(at + 'package.json'.length),
    encodeSlashes: /%2F$/i.test(packageJsonUrl.slice(0, at)),
  };
}

/** Activates the extension with a language server in a web worker. */
export function activate(context: vscode.ExtensionContext): GlossaireApi {
  const extensionUri = context.extensionUri;
  return activateGlossaire(context, (id, name, options) => {
    const init = async (): Promise<WebInitializationOptions> => ({
      extensionUri: extensionUri.toString(),
      fileUrl: fileUrlTemplate(await resolveUrl(vscode.Uri.joinPath(extensionUri, 'package.json'))),
    });
    // Resolved while the client starts (one HEAD request), for the server and its worker.
    const pending = init();
    const client: LanguageClient = new LanguageClient(id, name, async () => {
      const where = await pending;
      Object.assign(options.initializationOptions as object, where);
      // Transports made here: the extension host's Worker may be its own wrapper, which fails
      // the library's `instanceof Worker` test.
      const worker = createWorker(extensionUri, where) as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
      return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
    }, options);
    return client;
  });
}

/** Stops the language server. */
export const deactivate = deactivateGlossaire;
