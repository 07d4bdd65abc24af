// The API endpoints a sign-in asks with the user's OAuth token: who the user is, and their
// organisation and team memberships (scope read:org), in GitHub's shapes and status codes.
import type { components } from "@octokit/openapi-types";
import { renderUser, type Urls } from "../github/repository.ts";
import { errorResponse, type SimResponse } from "./http.ts";
import type { OAuthAuthority } from "./oauth.ts";
import type { SimUser } from "./oauth-users.ts";

type Schemas = components["schemas"];

const ORG_DOCS =
  "https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user";
const TEAM_DOCS = "https://docs.github.com/rest/teams/members#get-team-membership-for-a-user";

function renderOrganization(urls: Urls, login: string): Schemas["organization-simple"] {
  const { id, node_id, avatar_url } = renderUser(urls, login, "Organization");
  const url = `${urls.api}/orgs/${login}`;
  return {
    login,
    id: Number(id),
    node_id,
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url,
    description: null,
  };
}

function renderAuthenticatedUser(urls: Urls, user: SimUser) {
  return {
    ...renderUser(urls, user.login),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2011-01-25T18:44:36Z",
    updated_at: "2026-01-01T00:00:00Z",
  } satisfies Schemas["public-user"];
}

const USER = /^\/user\/?$/;
const ORG_MEMBERSHIP = /^\/user\/memberships\/orgs\/([^/]+)\/?$/;
const TEAM_MEMBERSHIP = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)\/?$/;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The answer to a GET with an OAuth token of ours, or undefined for other endpoints. */
export function userResponse(
  oauth: OAuthAuthority,
  urls: Urls,
  pathname: string,
  token: string | undefined,
): SimResponse | undefined {
  const grant = oauth.grantOf(token);
  if (!grant) return undefined;
  const { user, scopes } = grant;
  if (USER.test(pathname)) return { status: 200, body: renderAuthenticatedUser(urls, user) };
  const org = ORG_MEMBERSHIP.exec(pathname);
  const team = TEAM_MEMBERSHIP.exec(pathname);
  if (!org && !team) return undefined;
  // Memberships need read:org (or a broader org scope); without it GitHub refuses with 403.
  if (!scopes.some((scope) => ["read:org", "write:org", "admin:org"].includes(scope)))
    return errorResponse(403, "Forbidden", org ? ORG_DOCS : TEAM_DOCS);
  if (org) {
    const name = decodeURIComponent(org[1] ?? "");
    const membership = user.memberships.find((m) => same(m.org, name));
    if (!membership) return errorResponse(404, "Not Found", ORG_DOCS);
    const organization = renderOrganization(urls, membership.org);
    return {
      status: 200,
      body: {
        url: `${urls.api}/orgs/${membership.org}/memberships/${user.login}`,
        state: membership.state,
        role: membership.role,
        organization_url: organization.url,
        organization,
        user: renderUser(urls, user.login),
      } satisfies Schemas["org-membership"],
    };
  }
  const [, orgName = "", slug = "", username = ""] = (team ?? []).map((part) =>
    decodeURIComponent(part ?? ""),
  );
  // Only an active member of the organisation sees its teams; to others they do not exist.
  const asker = user.memberships.find((m) => same(m.org, orgName) && m.state === "active");
  const member = same(username, user.login) ? user : oauth.user(username);
  const found = member?.memberships
    .find((m) => same(m.org, orgName))
    ?.teams?.find((t) => same(t.slug, slug));
  if (!asker || !member || !found) return errorResponse(404, "Not Found", TEAM_DOCS);
  const orgId = renderOrganization(urls, orgName).id;
  return {
    status: 200,
    body: {
      url: `${urls.api}/organizations/${orgId}/team/${slug}/memberships/${member.login}`,
      role: found.role,
      state: "active",
    } satisfies Schemas["team-membership"],
  };
}
