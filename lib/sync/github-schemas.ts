// What the sync reads from GitHub's answers, validated: GitHub's responses are untrusted input,
// and a field that is missing or of the wrong type must fail loudly, not be stored as garbage.
import { z } from "zod";

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date-time");

export const repositorySchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  full_name: z.string().min(3),
  owner: z.object({ login: z.string().min(1) }),
  private: z.boolean(),
  archived: z.boolean().optional().default(false),
  default_branch: z.string().min(1).optional(),
  html_url: z.string().url(),
});
export type GitHubRepository = z.infer<typeof repositorySchema>;

export const workflowSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  path: z.string(),
  state: z.string().min(1),
  created_at: timestamp,
  updated_at: timestamp,
  html_url: z.string().nullish(),
});
export type GitHubWorkflow = z.infer<typeof workflowSchema>;

/** Parses `value` with `schema`, or throws an error naming what GitHub sent wrong. */
export function parseGitHub<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new Error(`GitHub sent an unexpected ${what}: ${where} ${issue?.message ?? "is invalid"}`);
}

export const runSchema = z.object({
  id: z.number().int().positive(),
  workflow_id: z.number().int().positive(),
  run_number: z.number().int(),
  run_attempt: z.number().int().positive().optional().default(1),
  /** The workflow file (`dynamic/...` for GitHub's generated workflows). */
  path: z.string().nullish(),
  name: z.string().nullish(),
  display_title: z.string().nullish(),
  event: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  head_sha: z.string().min(1),
  head_branch: z.string().nullable(),
  actor: z.object({ login: z.string() }).nullish(),
  triggering_actor: z.object({ login: z.string() }).nullish(),
  head_commit: z.object({ message: z.string() }).nullish(),
  pull_requests: z.array(z.object({ number: z.number().int() })).nullish(),
  html_url: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  run_started_at: timestamp.nullish(),
});
export type GitHubRun = z.infer<typeof runSchema>;
