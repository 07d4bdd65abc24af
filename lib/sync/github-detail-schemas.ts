// What the sync reads of a run's details (jobs, artifacts) and of a repository's deployments and
// cache usage, validated like the rest of GitHub's answers (github-schemas.ts).
import { z } from "zod";
import { attemptNumber, int32, timestamp } from "./github-schemas.ts";

/**
 * A step time, or null: skipped steps carry null, and some carry GitHub's zero time
 * `0001-01-01T00:00:00Z` (see the reference), which is no time at all.
 */
const stepTime = z
  .string()
  .nullish()
  .transform((value) =>
    value && !value.startsWith("0001-") && timestamp.safeParse(value).success ? value : null,
  );

export const stepSchema = z.object({
  number: int32,
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  started_at: stepTime,
  completed_at: stepTime,
});

export const jobSchema = z.object({
  id: z.number().int().positive(),
  run_id: z.number().int().positive(),
  run_attempt: attemptNumber.optional().default(1),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  head_sha: z.string(),
  html_url: z.string().nullish(),
  created_at: timestamp.nullish(),
  started_at: stepTime,
  completed_at: stepTime,
  runner_name: z.string().nullish(),
  runner_group_name: z.string().nullish(),
  labels: z.array(z.string()).default([]),
  steps: z.array(stepSchema).nullish(),
});
export type GitHubJob = z.infer<typeof jobSchema>;

export const artifactSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  size_in_bytes: z.number().int().nonnegative(),
  expired: z.boolean(),
  created_at: timestamp.nullish(),
  expires_at: timestamp.nullish(),
  workflow_run: z.object({ id: z.number().int() }).nullish(),
});
export type GitHubArtifact = z.infer<typeof artifactSchema>;

export const deploymentSchema = z.object({
  id: z.number().int().positive(),
  sha: z.string(),
  ref: z.string(),
  task: z.string(),
  environment: z.string(),
  description: z.string().nullish(),
  creator: z.object({ login: z.string() }).nullish(),
  production_environment: z.boolean().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type GitHubDeployment = z.infer<typeof deploymentSchema>;

export const deploymentStatusSchema = z.object({
  id: z.number().int().positive(),
  state: z.string(),
  description: z.string().nullish(),
  environment: z.string().nullish(),
  target_url: z.string().nullish(),
  log_url: z.string().nullish(),
  environment_url: z.string().nullish(),
  creator: z.object({ login: z.string() }).nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type GitHubDeploymentStatus = z.infer<typeof deploymentStatusSchema>;

export const cacheUsageSchema = z.object({
  full_name: z.string(),
  active_caches_size_in_bytes: z.number().int().nonnegative(),
  active_caches_count: z.number().int().nonnegative(),
});
