// Access control's settings, read with the rest of the configuration (lib/config.ts), and the
// rule that a server reachable from other machines must not run without it.
import type { GitHubTeam } from "./config-values.ts";

export type GitHubSignIn = {
  clientId: string;
  clientSecret: string;
  /** github.com, a GitHub Enterprise Server or the simulator (OAuth's web endpoints). */
  webUrl: string;
  /** The REST API checked for membership (GITHUB_API_URL). */
  apiUrl: string;
  orgs: string[];
  teams: GitHubTeam[];
};

export type AccessSettings = {
  /** On when a password or GitHub sign-in is configured. */
  enabled: boolean;
  /** PIPEWATCH_PASSWORD as given: a plain password or its scrypt hash. */
  password: string | undefined;
  github: GitHubSignIn | undefined;
  /** Bearer token for /api/metrics (Prometheus cannot sign in). */
  metricsToken: string | undefined;
};

type Read = (
  name:
    | "PIPEWATCH_PASSWORD"
    | "AUTH_GITHUB_ID"
    | "AUTH_GITHUB_SECRET"
    | "PIPEWATCH_GITHUB_ORGS"
    | "PIPEWATCH_GITHUB_TEAMS"
    | "PIPEWATCH_GITHUB_WEB_URL"
    | "PIPEWATCH_METRICS_TOKEN",
) => unknown;

const GITHUB_EXAMPLE =
  "AUTH_GITHUB_ID, AUTH_GITHUB_SECRET and PIPEWATCH_GITHUB_ORGS=acme or PIPEWATCH_GITHUB_TEAMS=acme/platform";

function readGitHub(read: Read, apiUrl: string, problems: string[]): GitHubSignIn | undefined {
  const before = problems.length;
  const clientId = read("AUTH_GITHUB_ID") as string | undefined;
  const clientSecret = read("AUTH_GITHUB_SECRET") as string | undefined;
  const orgs = (read("PIPEWATCH_GITHUB_ORGS") as string[] | undefined) ?? [];
  const teams = (read("PIPEWATCH_GITHUB_TEAMS") as GitHubTeam[] | undefined) ?? [];
  const webUrl = ((read("PIPEWATCH_GITHUB_WEB_URL") as string | undefined) ?? "").replace(
    /\/+$/,
    "",
  );
  const any =
    clientId !== undefined || clientSecret !== undefined || orgs.length + teams.length > 0;
  // A bad value was already reported: saying that it is missing too would only confuse.
  if (!any || problems.length > before) return undefined;
  if (clientId === undefined || clientSecret === undefined || orgs.length + teams.length === 0) {
    // Without an organisation or team, any GitHub account at all would get in.
    problems.push(`GitHub sign-in needs all of ${GITHUB_EXAMPLE}`);
    return undefined;
  }
  return { clientId, clientSecret, webUrl, apiUrl, orgs, teams };
}

/** Reads the access variables; `problems` gets one line per inconsistency. */
export function readAccessSettings(
  read: Read,
  context: { apiUrl: string; authSecret: string | undefined },
  problems: string[],
): AccessSettings {
  const password = read("PIPEWATCH_PASSWORD") as string | undefined;
  const github = readGitHub(read, context.apiUrl, problems);
  const metricsToken = read("PIPEWATCH_METRICS_TOKEN") as string | undefined;
  const enabled = password !== undefined || github !== undefined;
  if (enabled && context.authSecret === undefined)
    problems.push(
      "Access control is on (PIPEWATCH_PASSWORD or GitHub sign-in) but AUTH_SECRET is not set: it signs the sessions (example: AUTH_SECRET=$(openssl rand -base64 32))",
    );
  return { enabled, password, github, metricsToken };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/**
 * Why a web server on `host` must not start, or undefined: anything but loopback is reachable
 * from other machines, so it needs access control.
 */
export function exposureProblem(host: string, access: AccessSettings): string | undefined {
  if (isLoopback(host) || access.enabled) return undefined;
  return `HOST=${host} makes Pipewatch reachable from other machines, but access control is off. Set PIPEWATCH_PASSWORD and AUTH_SECRET (or GitHub sign-in: ${GITHUB_EXAMPLE}, and AUTH_SECRET), or listen on HOST=127.0.0.1.`;
}
