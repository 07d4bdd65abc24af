// pipewatch report --json [--window 30d] [--branch B] [--repo R]: the body of
// GET /api/v1/pipelines on stdout (nothing else), read from the database directly.
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { getPipelinesReport, UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { parseBranch, parseWindow, ScopeError } from "@/lib/metrics/scope";
import { withDatabase } from "./database.ts";

export async function report(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      json: { type: "boolean" },
      window: { type: "string" },
      branch: { type: "string" },
      repo: { type: "string" },
    },
  });
  if (!values.json)
    throw new UserError("pass --json: the report is JSON (the body of GET /api/v1/pipelines)", 2);
  let scope: ReturnType<typeof makeScope>;
  try {
    scope = makeScope(values.window, values.branch);
  } catch (error: unknown) {
    if (error instanceof ScopeError) throw new UserError(`--${error.message}`, 2);
    throw error;
  }
  const config = loadConfig();
  return withDatabase(config, async (db) => {
    try {
      const body = await getPipelinesReport(db, scope, { repo: values.repo });
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return 0;
    } catch (error: unknown) {
      if (error instanceof UnknownRepositoryError) throw new UserError(error.message, 1);
      throw error;
    }
  });
}

function makeScope(window: string | undefined, branch: string | undefined) {
  return { window: parseWindow(window, new Date()), branch: parseBranch(branch) };
}
