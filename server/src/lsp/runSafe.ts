/**
 * Request wrapper: cancellation gives the safe default, and an exception is logged and
 * answered with the default, so one failing handler never takes the server down.
 */

import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Connection } from './context';

/** Runs a handler safely; returns `fallback` on error, a cancellation error when cancelled. */
export function runSafe<T>(connection: Connection, name: string, token: CancellationToken | undefined, fallback: T, fn: () => T): T | ResponseError<void> {
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  try {
    return fn();
  } catch (e) {
    connection.console.error(`${name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return fallback;
  }
}

/** Runs a notification handler safely (errors are logged). */
export function runSafeVoid(connection: Connection, name: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    connection.console.error(`${name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

/**
 * Starts async work from a handler: a rejection is logged, never left unhandled (Node would end
 * the process on it).
 */
export function runSafeAsync(connection: Connection, name: string, fn: () => Promise<unknown>): void {
  const log = (e: unknown) => connection.console.error(`${name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  try {
    fn().catch(log);
  } catch (e) {
    log(e);
  }
}
