// pipewatch pipeline [--repo O/N] [--workflow W] [--slow-threshold T] [--deploy yes|no|auto]
// [--deploy-job NAME|auto]: lists the pipelines' settings, or changes one pipeline's and
// re-evaluates its repository's flags at once.
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { evaluateRepositoryFlags } from "@/lib/metrics/flags/evaluate";
import { humanDuration } from "@/lib/metrics/flags/types";
import {
  effectiveThresholdMs,
  listPipelineSettings,
  PipelineSelectionError,
  type PipelineSettings,
  parseThreshold,
  type SettingsChange,
  updatePipelineSettings,
} from "@/lib/metrics/pipeline-settings";
import { withDatabase } from "./database.ts";

export async function pipeline(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      repo: { type: "string" },
      workflow: { type: "string" },
      "slow-threshold": { type: "string" },
      deploy: { type: "string" },
      "deploy-job": { type: "string" },
    },
  });
  const change = parseChange(values);
  const selector = { repo: values.repo, workflow: values.workflow };
  return withDatabase(loadConfig(), async (db) => {
    if (Object.keys(change).length === 0) {
      const all = await listPipelineSettings(db, selector);
      for (const settings of all) process.stdout.write(`${formatSettings(settings)}\n`);
      if (all.length === 0) console.error("pipewatch pipeline: no pipeline matches");
      return 0;
    }
    try {
      const updated = await updatePipelineSettings(db, selector, change);
      process.stdout.write(`${formatSettings(updated)}\n`);
      const repo = await db.repository.findFirstOrThrow({ where: { fullName: updated.repo } });
      await evaluateRepositoryFlags(db, Number(repo.id), new Date());
      return 0;
    } catch (error: unknown) {
      if (error instanceof PipelineSelectionError) throw new UserError(error.message, 2);
      throw error;
    }
  });
}

function parseChange(values: {
  "slow-threshold"?: string;
  deploy?: string;
  "deploy-job"?: string;
}): SettingsChange {
  const change: SettingsChange = {};
  try {
    if (values["slow-threshold"] !== undefined)
      change.slowThresholdMs = parseThreshold(values["slow-threshold"]);
  } catch (error: unknown) {
    if (error instanceof PipelineSelectionError)
      throw new UserError(`--slow-threshold: ${error.message}`, 2);
    throw error;
  }
  const deploy = values.deploy;
  if (deploy !== undefined) {
    if (!["yes", "no", "auto"].includes(deploy))
      throw new UserError(`--deploy is yes, no or auto (detect), got "${deploy}"`, 2);
    change.isDeploy = deploy === "auto" ? null : deploy === "yes";
  }
  const job = values["deploy-job"]?.trim();
  if (job !== undefined) {
    if (job === "" || job.length > 255)
      throw new UserError('--deploy-job is a job name, or "auto" to detect it', 2);
    change.deployJobName = job === "auto" ? null : job;
  }
  return change;
}

/** `acme/web · CI (1234, .github/workflows/ci.yml) · slow after 10m 00s (default) · deploy: detected` */
export function formatSettings(s: PipelineSettings): string {
  const threshold = `slow after ${humanDuration(effectiveThresholdMs(s))}${s.slowThresholdMs === null ? " (default)" : ""}`;
  const deploy =
    s.isDeploy === null ? "deploy: detected" : s.isDeploy ? "deploy: yes" : "deploy: no";
  const job = s.deployJobName === null ? "" : ` · deploy job: ${s.deployJobName}`;
  return `${s.repo} · ${s.name} (${s.workflowId}, ${s.path}) · ${threshold} · ${deploy}${job}`;
}
