// The validators of the access-control variables (declared in lib/config-variables.ts).
import { z } from "zod";

/** GitHub's rule for organisation logins; team slugs are lower-case words and dashes. */
const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM_SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;
/** The form hashPassword writes: scrypt$N$r$p$salt$hash, salt and hash in base64url. */
export const PASSWORD_HASH =
  /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43,})$/;

export type GitHubTeam = { org: string; slug: string };

const entries = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");

/** A plain password of 8+ characters, or a hash from `pipewatch hash-password`. */
export const password = z.string().superRefine((value, ctx) => {
  if (value.startsWith("scrypt$")) {
    const [, N = 0, r = 0, p = 0] = (PASSWORD_HASH.exec(value) ?? []).map(Number);
    // The costs scrypt accepts, within what a sign-in can afford.
    const sane =
      N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
    if (!sane)
      ctx.addIssue({
        code: "custom",
        message: "looks like a hash but is not one from `pipewatch hash-password`",
      });
  } else if (value.length < 8) {
    ctx.addIssue({ code: "custom", message: "must be at least 8 characters" });
  }
});

export const githubOrgs = z.string().transform((value, ctx) => {
  const orgs = entries(value);
  const bad = orgs.find((org) => !ORG.test(org));
  if (bad !== undefined) {
    ctx.addIssue({ code: "custom", message: `"${bad}" is not an organisation login` });
    return z.NEVER;
  }
  return orgs;
});

export const githubTeams = z.string().transform((value, ctx) => {
  const teams: GitHubTeam[] = [];
  for (const entry of entries(value)) {
    const [org = "", slug = "", ...rest] = entry.split("/");
    if (!ORG.test(org) || !TEAM_SLUG.test(slug) || rest.length > 0) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not org/team-slug` });
      return z.NEVER;
    }
    teams.push({ org, slug });
  }
  return teams;
});
