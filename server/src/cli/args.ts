/**
 * Reading a command line in order, for the CLI's subcommands: the next argument, and the value
 * an option takes (an Error naming the option when the line ends first).
 */
export class ArgReader {
  private readonly args: string[];
  /** The argument read last (the option a value belongs to). */
  private current = '';

  constructor(argv: readonly string[]) {
    this.args = [...argv];
  }

  /** The next argument, or undefined at the end. */
  next(): string | undefined {
    const a = this.args.shift();
    if (a !== undefined) this.current = a;
    return a;
  }

  /** The value of the option just read. */
  value(): string {
    const v = this.args.shift();
    if (v === undefined) throw new Error(`${this.current} needs a value`);
    return v;
  }
}
