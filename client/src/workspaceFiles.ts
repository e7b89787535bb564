/**
 * The workspace's files for a server that cannot read them (the web worker of VS Code for the
 * Web): answers `glossaire/readFile` and `glossaire/findFiles` with `vscode.workspace.fs` and
 * `findFiles`, which reach any file system the editor has (github.dev's, code-server's). The
 * desktop server reads the disk itself and never asks.
 */

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FindFilesParams, FindFilesRequest, ReadFileParams, ReadFileRequest, ReadFileResult } from '../../server/src/shared/protocol';

/** Reads a workspace file as UTF-8 text, or says why it could not. */
export async function readWorkspaceFile({ uri, maxBytes }: ReadFileParams): Promise<ReadFileResult> {
  try {
    const target = vscode.Uri.parse(uri, true);
    if (maxBytes !== undefined) {
      const { size } = await vscode.workspace.fs.stat(target);
      if (size > maxBytes) return { error: { code: 'EFBIG', message: `${uri}: ${size} > ${maxBytes} bytes` } };
    }
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(target)) };
  } catch (e) {
    const code = e instanceof vscode.FileSystemError && e.code === 'FileNotFound' ? 'ENOENT' : 'EIO';
    return { error: { code, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Lists the files of the given folders that match the glob, leaving out hidden and skipped folders. */
export async function findWorkspaceFiles({ folders, glob, skip, limit }: FindFilesParams): Promise<{ uris: string[] }> {
  const exclude = skip.length ? `{**/.*/**,**/{${skip.join(',')}}/**}` : '**/.*/**';
  const out: string[] = [];
  for (const folder of folders) {
    if (out.length >= limit) break;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(folder, true), glob), exclude, limit - out.length);
    for (const uri of found) out.push(uri.toString());
  }
  return { uris: out };
}

/** Answers the server's file requests on this client. */
export function registerWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(ReadFileRequest, readWorkspaceFile),
    client.onRequest(FindFilesRequest, findWorkspaceFiles),
  ];
}
