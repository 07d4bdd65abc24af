// What the sync reads from GitHub's answers, validated: GitHub's responses are untrusted input,
// and a field that is missing or of the wrong type must fail loudly, not be stored as garbage.
import { z } from "zod";

/**
 * An ISO 8601 time (GitHub sends no other) in years 1 to 9999: Date.parse alone takes "1" or
 * year 0 and beyond ±200,000, which PostgreSQL's timestamptz refuses (the write would fail).
 */
export const timestamp = z.string().refine((value) => {
  const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  return !Number.isNaN(time) && new Date(time).getUTCFullYear() >= 1;
}, "not a date-time");

/** An integer stored in a 32-bit column (run numbers, attempts, step numbers). */
export const int32 = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 31 - 1);
/** A run attempt: 1 and up. */
export const attemptNumber = int32.min(1);

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

/** `value` with every NUL in its strings replaced by U+FFFD (PostgreSQL's text cannot hold NUL). */
function withoutNul<T>(value: T): T {
  if (typeof value === "string")
    return (value.includes("\0") ? value.replaceAll("\0", "\ufffd") : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T;
  return value;
}

/**
 * Parses `value` with `schema`, or throws an error naming what GitHub sent wrong. A NUL in a
 * string is replaced, not refused: the rest of the object is good, and a name with a NUL in it
 * cannot be stored as it is. (The result is walked, not `value`: its depth is the schema's.)
 */
export function parseGitHub<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return withoutNul(result.data);
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new Error(`GitHub sent an unexpected ${what}: ${where} ${issue?.message ?? "is invalid"}`);
}

export const runSchema = z.object({
  id: z.number().int().positive(),
  workflow_id: z.number().int().positive(),
  run_number: int32,
  run_attempt: attemptNumber.optional().default(1),
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
