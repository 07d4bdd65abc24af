// Errors whose message is written for the person running Pipewatch: the command line prints
// the message alone (no stack) and exits with `exitCode`.

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Turns anything thrown into a single printable line, never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] || error.name;
  return String(error);
}
