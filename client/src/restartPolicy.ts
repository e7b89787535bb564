/**
 * When a crashed language server is started again: at most `max` times within `windowMs`
 * (a server that dies at every start must not be restarted in a loop). No vscode import, so
 * the policy is tested on its own.
 */
export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    private readonly max = 4,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a crash. `restart`: whether to start the server again; `count`: crashes within
   * the window, this one included.
   */
  crashed(): { restart: boolean; count: number } {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length > 0 && this.crashes[0] <= t - this.windowMs) this.crashes.shift();
    return { restart: this.crashes.length <= this.max, count: this.crashes.length };
  }

  /** Forgets past crashes (a restart asked for by the user starts afresh). */
  reset(): void {
    this.crashes.length = 0;
  }
}

/** Connection errors written to the log per connection; the rest of a burst is not. */
export const LOGGED_CONNECTION_ERRORS = 3;

/**
 * A connection error (a message written to a server that has just died, one it could not
 * read) never stops the client: when the server dies, each message sent before the close is
 * an error, and stopping at the fourth (the library's default) skipped the close's restart,
 * leaving the notes without a server. The close decides (`crashed`). True when this one, the
 * `count`th of its connection, goes to the log.
 */
export function logsConnectionError(count: number | undefined): boolean {
  return (count ?? 1) <= LOGGED_CONNECTION_ERRORS;
}
