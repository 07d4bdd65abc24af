// The access-control variables of VARIABLES (lib/config-variables.ts, where they are spread in
// their place): the signing key, the password, GitHub sign-in and the metrics token.
import { z } from "zod";
import { httpUrl } from "../config-values.ts";
import type { Variable } from "../config-variables.ts";
import { githubOrgs, githubTeams, password } from "./config-values.ts";

export const ACCESS_VARIABLES = {
  AUTH_SECRET: {
    schema: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    doc: "Key that signs sign-in sessions and the TV and digest links (32+ random characters). Required when access control is on.",
    example: "output-of-openssl-rand-base64-32",
    secret: true,
  },
  PIPEWATCH_PASSWORD: {
    schema: password,
    doc: "Turns access control on: the password people sign in with (8+ characters), or its hash from `pipewatch hash-password` (scrypt$...).",
    example: "a-long-passphrase",
    secret: true,
  },
  AUTH_GITHUB_ID: {
    schema: z.string().regex(/^[\w.-]+$/, "must be a GitHub OAuth app's client id"),
    doc: "Client id of the GitHub OAuth app for signing in with GitHub (with AUTH_GITHUB_SECRET and PIPEWATCH_GITHUB_ORGS or _TEAMS).",
    example: "Ov23liABCDEF12345678",
  },
  AUTH_GITHUB_SECRET: {
    schema: z.string().min(8, "must be the OAuth app's client secret"),
    doc: "Client secret of that GitHub OAuth app.",
    example: "0123456789abcdef0123456789abcdef01234567",
    secret: true,
  },
  PIPEWATCH_GITHUB_ORGS: {
    schema: githubOrgs,
    doc: "GitHub sign-in lets in active members of these organisations, comma-separated.",
    example: "acme,acme-infra",
    quiet: true,
  },
  PIPEWATCH_GITHUB_TEAMS: {
    schema: githubTeams,
    doc: "GitHub sign-in also lets in active members of these teams, comma-separated org/team-slug.",
    example: "acme/platform,acme/sre",
    quiet: true,
  },
  PIPEWATCH_GITHUB_WEB_URL: {
    schema: httpUrl,
    doc: "GitHub's web address for signing in: github.com, GitHub Enterprise Server or the simulator (its API is GITHUB_API_URL).",
    example: "https://github.com",
    default: "https://github.com",
  },
  PIPEWATCH_METRICS_TOKEN: {
    schema: z.string().min(16, "must be at least 16 characters"),
    doc: "With access control on, Prometheus reads /api/metrics with `Authorization: Bearer <this token>`.",
    example: "a-long-random-string",
    secret: true,
  },
} satisfies Record<string, Variable>;
