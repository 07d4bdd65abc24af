// Whether a GitHub user may sign in: an active member of one of the configured organisations or
// teams, asked of GitHub with the user's own token (scope read:org) at sign-in.
import "server-only";
import { z } from "zod";
import { getLogger } from "@/lib/log/log";
import type { GitHubSignIn } from "./settings.ts";

/** Both membership answers carry `state`: "active", or "pending" for an unaccepted invitation. */
const membership = z.object({ state: z.string() });

type Fetch = typeof fetch;

async function isActive(url: string, token: string, fetcher: Fetch): Promise<boolean> {
  const response = await fetcher(url, {
    headers: {
      Accept: "application/vnd.github+json",
      Authorization: `Bearer ${token}`,
      "User-Agent": "pipewatch",
      "X-GitHub-Api-Version": "2022-11-28",
    },
    signal: AbortSignal.timeout(10_000),
  });
  // 404: not a member (or a team the user cannot see); 403: the token lacks read:org.
  if (response.status !== 200) return false;
  const body = membership.safeParse(await response.json());
  return body.success && body.data.state === "active";
}

/**
 * True when `login` is an active member of one of the organisations (GET
 * /user/memberships/orgs/{org}) or teams (GET /orgs/{org}/teams/{team_slug}/memberships/{username}).
 * A failed request counts as "no": the person is refused, and the reason is logged.
 */
export async function isAllowedMember(
  settings: GitHubSignIn,
  token: string,
  login: string,
  fetcher: Fetch = fetch,
): Promise<boolean> {
  const api = settings.apiUrl;
  const urls = [
    ...settings.orgs.map((org) => `${api}/user/memberships/orgs/${encodeURIComponent(org)}`),
    ...settings.teams.map(
      ({ org, slug }) =>
        `${api}/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/memberships/${encodeURIComponent(login)}`,
    ),
  ];
  for (const url of urls) {
    try {
      if (await isActive(url, token, fetcher)) return true;
    } catch (error: unknown) {
      getLogger().warn({ err: error, url }, "sign-in: a membership check failed");
    }
  }
  return false;
}
