// The validators of Pipewatch's configuration values (see lib/config.ts, which reads them).
import { z } from "zod";
import { CronError, parseCron } from "./digest/cron.ts";
import { isTimeZone } from "./zoned-time.ts";

/** `owner/repo` or `owner/*`, as accepted in PIPEWATCH_REPOS. */
export type RepoSelector = { owner: string; repo: string | "*" };

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** Parses one `owner/repo` or `owner/*` entry; returns null when it is not one. */
export function parseRepoSelector(entry: string): RepoSelector | null {
  const parts = entry.trim().split("/");
  if (parts.length !== 2) return null;
  const [owner = "", repo = ""] = parts;
  if (!OWNER.test(owner)) return null;
  if (repo !== "*" && (!REPO.test(repo) || repo === "." || repo === "..")) return null;
  return { owner, repo };
}

export const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    // A Unix-socket URL names its directory in ?host= instead (postgresql:///db?host=/run/postgresql).
    const host = url.hostname !== "" || url.searchParams.has("host");
    return (url.protocol === "postgresql:" || url.protocol === "postgres:") && host;
  } catch {
    return false;
  }
}, "must be a postgresql:// URL with a host");

export const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http:// or https:// URL");

/** Space-separated http(s) origins (CSP source lists), each reduced to its origin. */
export const origins = z
  .string()
  .transform((value) => value.split(/\s+/).filter(Boolean))
  .refine(
    (list) => list.length > 0 && list.every((item) => httpUrl.safeParse(item).success),
    "must be http:// or https:// origins separated by spaces",
  )
  .transform((list) => list.map((item) => new URL(item).origin));

export const smtpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "must be an smtp:// or smtps:// URL with a host");

export const port = z
  .string()
  .regex(/^\d+$/, "must be a whole number from 1 to 65535")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, "must be a whole number from 1 to 65535");

export const host = z
  .string()
  .regex(/^[A-Za-z0-9.:[\]-]+$/, "must be a host name or IP address, without scheme or port");

export const repos = z.string().transform((value, ctx) => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const selectors: RepoSelector[] = [];
  for (const entry of entries) {
    const selector = parseRepoSelector(entry);
    if (!selector) {
      ctx.addIssue({
        code: "custom",
        message: `must list owner/repo or owner/* entries; "${entry}" is neither`,
      });
      return z.NEVER;
    }
    selectors.push(selector);
  }
  return selectors;
});

/** A whole number from `min` to `max`, with `unit` in the message. */
export function positiveInteger(min: number, max: number, unit: string) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

export const regularExpression = z.string().refine((v) => {
  try {
    new RegExp(v, "i");
    return true;
  } catch {
    return false;
  }
}, "must be a regular expression");

/** local@domain: what SMTP servers take (a host without a dot, e.g. localhost, included). */
const ADDRESS = /^[^\s@<>,"]+@[^\s@<>,"]+$/;

/** E-mail addresses, comma-separated (DIGEST_TO). */
export const emailList = z.string().transform((value, ctx) => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const bad = entries.find((entry) => !ADDRESS.test(entry));
  if (entries.length === 0 || bad !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: bad
        ? `must list e-mail addresses; "${bad}" is not one`
        : "must list e-mail addresses",
    });
    return z.NEVER;
  }
  return entries;
});

/** `address@example.com` or `Name <address@example.com>` (DIGEST_FROM). */
export const mailbox = z.string().refine((value) => {
  const match = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && ADDRESS.test(address);
}, "must be an e-mail address, optionally with a name: Pipewatch <pipewatch@example.com>");

/** A five-field cron expression (DIGEST_CRON). */
export const cronExpression = z.string().superRefine((value, ctx) => {
  try {
    parseCron(value);
  } catch (error: unknown) {
    if (!(error instanceof CronError)) throw error;
    ctx.addIssue({ code: "custom", message: `must be a cron expression: ${error.message}` });
  }
});

/** An IANA time zone (DIGEST_TZ). */
export const timeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA time zone such as UTC or Europe/Paris");
