// pipewatch check [--repo O/N] [--json]: the open flags, one per line on stdout (or the body of
// GET /api/v1/flags with --json), a summary on stderr, and the exit code a CI job or a cron
// can act on: 1 when any open flag is critical, 0 otherwise, 2 for bad usage, 3 when the flags
// cannot be read (a gate must not mistake an unreachable database for a critical flag).
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config";
import { describeError, UserError } from "@/lib/errors";
import { type ListedFlag, listFlags } from "@/lib/metrics/flag-list";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { withDatabase } from "./database.ts";

const REPO = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

export async function check(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { json: { type: "boolean" }, repo: { type: "string" } },
  });
  if (values.repo !== undefined && !REPO.test(values.repo))
    throw new UserError(`--repo must be owner/name, got "${values.repo}"`, 2);
  const config = loadConfig();
  const { flags } = await withDatabase(config, async (db) => {
    try {
      return await listFlags(db, { state: "open", repo: values.repo });
    } catch (error: unknown) {
      // A repository that is not tracked is a usage error: exit 1 means "a critical flag".
      if (error instanceof UnknownRepositoryError) throw new UserError(error.message, 2);
      throw error;
    }
  }).catch((error: unknown) => {
    // Usage errors keep their 2; anything else (database down, migrations behind) is a 3.
    if (error instanceof UserError && error.exitCode === 2) throw error;
    const why = error instanceof UserError ? error.message : describeError(error);
    throw new UserError(`cannot read the flags: ${why}`, 3);
  });
  if (values.json) process.stdout.write(`${JSON.stringify({ flags }, null, 2)}\n`);
  else for (const flag of flags) process.stdout.write(`${formatFlag(flag)}\n`);
  const critical = flags.filter((f) => f.severity === "critical").length;
  console.error(summarize(flags.length, critical, values.repo));
  return critical > 0 ? 1 : 0;
}

/** `CRITICAL acme/web · Deploy · deploy_skipped · since 2026-11-20T10:00:00Z · message` */
export function formatFlag(flag: ListedFlag): string {
  return [
    `${flag.severity.toUpperCase().padEnd(8)} ${flag.repo}`,
    flag.pipeline ?? "(repository)",
    flag.kind,
    `since ${flag.since.replace(/\.\d{3}Z$/, "Z")}`,
    flag.message.replace(/\s+/g, " "),
  ].join(" · ");
}

function summarize(open: number, critical: number, repo: string | undefined): string {
  const where = repo ? ` in ${repo}` : "";
  if (open === 0) return `pipewatch check: no open flags${where}`;
  return `pipewatch check: ${open} open flag${open === 1 ? "" : "s"}${where}: ${critical} critical, ${open - critical} warning`;
}
