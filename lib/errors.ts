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

// Prisma's messages open with a blank line, "Invalid `db.x()` invocation" and an excerpt of the
// calling code; the cause ("Can't reach database server at ...") is their last line.
const PRISMA_INVOCATION = /^\s*Invalid `[^`]+` invocation/;

/** Turns anything thrown into a single printable line, never a stack trace. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const line = PRISMA_INVOCATION.test(error.message) ? lines.at(-1) : lines[0];
  return line || error.name;
}
