// pipewatch prune [--days N]: deletes the history older than PIPEWATCH_RETENTION_DAYS (or
// --days) now, as the worker does daily, and says what went.
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { pruneHistory } from "@/lib/retention/prune";
import { withDatabase } from "./database.ts";

const log = (line: string) => console.error(`pipewatch: ${line}`);

export async function prune(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { days: { type: "string" } } });
  const config = loadConfig();
  let days = config.retentionDays;
  if (values.days !== undefined) {
    if (!/^\d+$/.test(values.days) || Number(values.days) < 1)
      throw new UserError(`--days must be a whole number of days, got "${values.days}"`, 2);
    days = Number(values.days);
  }
  if (days === null)
    throw new UserError("PIPEWATCH_RETENTION_DAYS is off: pass --days N to prune anyway", 2);
  const retained = days;
  return withDatabase(config, async (db) => {
    const started = Date.now();
    const result = await pruneHistory(db, { days: retained });
    const counts = Object.entries(result.deleted)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${n} ${table}`);
    log(
      `deleted what was created before ${result.cut.toISOString()}: ${counts.join(", ") || "nothing"} (${result.statements} statements, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  });
}
