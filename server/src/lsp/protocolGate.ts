/**
 * The server's edge: every incoming message passes here before vscode-languageserver sees it.
 *
 * - The lifecycle the library leaves to us: a request before `initialize` is answered
 *   ServerNotInitialized (-32002), one after `shutdown` InvalidRequest (-32600), and
 *   notifications in those states are dropped (except `exit`), as the LSP specification says.
 * - Document notifications whose params do not have the protocol's shape (a `text` that is a
 *   number, a range of strings) are dropped with a log line: the library would store them and
 *   every later analysis of that document would throw.
 */

import { Disposable, ErrorCodes, Message, MessageReader, MessageWriter, NotificationMessage, RequestMessage } from 'vscode-languageserver/node';

/** What the gate knows of the lifecycle (read by main.ts to choose the exit code). */
export interface GateState {
  initialized: boolean;
  shutdown: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPosition = (v: unknown) => isObject(v) && isNumber(v.line) && isNumber(v.character);
const isRange = (v: unknown) => isObject(v) && isPosition(v.start) && isPosition(v.end);
const hasUri = (v: unknown) => isObject(v) && isObject(v.textDocument) && typeof v.textDocument.uri === 'string';

/**
 * Why the params of a text-document notification are unusable, or undefined when they are fine
 * (and for every other method: request handlers validate under runSafe).
 */
export function invalidNotificationParams(method: string, params: unknown): string | undefined {
  switch (method) {
    case 'textDocument/didOpen': {
      if (!hasUri(params)) return 'textDocument.uri';
      const td = (params as { textDocument: Record<string, unknown> }).textDocument;
      if (typeof td.languageId !== 'string') return 'textDocument.languageId';
      if (!isNumber(td.version)) return 'textDocument.version';
      if (typeof td.text !== 'string') return 'textDocument.text';
      return undefined;
    }
    case 'textDocument/didChange': {
      if (!hasUri(params)) return 'textDocument.uri';
      const p = params as { textDocument: Record<string, unknown>; contentChanges?: unknown };
      if (!isNumber(p.textDocument.version)) return 'textDocument.version';
      if (!Array.isArray(p.contentChanges)) return 'contentChanges';
      for (const [i, c] of p.contentChanges.entries()) {
        if (!isObject(c) || typeof c.text !== 'string') return `contentChanges[${i}].text`;
        if (c.range !== undefined && !isRange(c.range)) return `contentChanges[${i}].range`;
      }
      return undefined;
    }
    case 'textDocument/didClose':
    case 'textDocument/didSave':
    case 'textDocument/willSave':
      return hasUri(params) ? undefined : 'textDocument.uri';
    default:
      return undefined;
  }
}

/**
 * Wraps the transport's reader: messages the server must not handle are answered or dropped
 * here; the others go on to the connection. `log` reports dropped notifications.
 */
export function gateReader(reader: MessageReader, writer: MessageWriter, state: GateState, log: (message: string) => void): MessageReader {
  const answer = (request: RequestMessage, code: number, message: string) =>
    void writer.write({ jsonrpc: '2.0', id: request.id, error: { code, message } } as Message).catch(() => undefined);
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen(callback): Disposable {
      return reader.listen((message) => {
        if (Message.isRequest(message)) {
          if (state.shutdown) return answer(message, ErrorCodes.InvalidRequest, `${message.method}: the server is shutting down`);
          if (message.method === 'initialize') state.initialized = true;
          else if (!state.initialized) return answer(message, ErrorCodes.ServerNotInitialized, `${message.method}: the server is not initialized`);
          if (message.method === 'shutdown') state.shutdown = true;
        } else if (Message.isNotification(message) && message.method !== 'exit') {
          if (!state.initialized || state.shutdown) return;
          const bad = invalidNotificationParams(message.method, (message as NotificationMessage).params);
          if (bad !== undefined) return log(`${message.method}: dropped, invalid ${bad}`);
        }
        callback(message);
      });
    },
  };
}
