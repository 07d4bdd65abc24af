// pipewatch hash-password: the scrypt hash of a password read from standard input, for
// PIPEWATCH_PASSWORD (so the password itself need not be stored in the environment).
import { parseArgs } from "node:util";
import { hashPassword } from "@/lib/access/password";
import { UserError } from "@/lib/errors";

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

export async function hashPasswordCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  if (process.stdin.isTTY) process.stderr.write("Password (then Enter and Ctrl-D): ");
  // Only the line break typed or piped after it goes; spaces inside and around are the password's.
  const password = (await readStdin()).replace(/\r?\n$/, "");
  if (password.length < 8) throw new UserError("the password must be at least 8 characters", 2);
  console.log(await hashPassword(password));
  return 0;
}
