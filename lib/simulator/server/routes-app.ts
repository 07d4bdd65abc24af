// The GitHub App endpoints, authenticated by the App's JWT rather than a token: finding the
// installation on a user, organisation or repository, and creating an installation access
// token. They spend no rate-limit budget here: GitHub counts JWT requests apart from any
// installation's budget, and the simulator does not count them at all.
import type { components } from "@octokit/openapi-types";
import { iso, renderUser } from "../github/repository.ts";
import type { AppAuthority, Installation } from "./app-auth.ts";
import { JWT_UNDECODABLE } from "./app-jwt.ts";
import { errorResponse, type SimResponse } from "./http.ts";
import type { Sim } from "./sim.ts";

type Schemas = components["schemas"];

const DOCS = "https://docs.github.com/rest/apps/apps";
/** What the simulated App may do: read Actions, deployments and repository metadata. */
const PERMISSIONS = { actions: "read", deployments: "read", metadata: "read" } as const;

type Context = { sim: Sim; app: AppAuthority; params: string[] };
type Route = {
  method: "GET" | "POST";
  pattern: RegExp;
  /** The docs anchor GitHub names in a 404 from this endpoint. */
  docs: string;
  find: (context: Context) => Installation | undefined;
  answer: (context: Context, installation: Installation) => SimResponse;
};

const SEGMENT = "([^/]+)";

const getInstallation = (context: Context, installation: Installation): SimResponse => ({
  status: 200,
  body: renderInstallation(context.sim, context.app, installation),
});

const ROUTES: Route[] = [
  {
    // Answers for organisations too: an organisation is also reachable as /users/{org}.
    method: "GET",
    pattern: new RegExp(`^/users/${SEGMENT}/installation/?$`),
    docs: "get-a-user-installation-for-the-authenticated-app",
    find: ({ app, params }) => app.installationOn(params[0] ?? ""),
    answer: getInstallation,
  },
  {
    // Every owner in the simulated world is an organisation, so every installation is found here.
    method: "GET",
    pattern: new RegExp(`^/orgs/${SEGMENT}/installation/?$`),
    docs: "get-an-organization-installation-for-the-authenticated-app",
    find: ({ app, params }) => app.installationOn(params[0] ?? ""),
    answer: getInstallation,
  },
  {
    method: "GET",
    pattern: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}/installation/?$`),
    docs: "get-a-repository-installation-for-the-authenticated-app",
    find: ({ sim, app, params }) => {
      const [owner = "", repo = ""] = params;
      return sim.world.repo(owner, repo) ? app.installationOn(owner) : undefined;
    },
    answer: getInstallation,
  },
  {
    method: "POST",
    pattern: /^\/app\/installations\/(\d+)\/access_tokens\/?$/,
    docs: "create-an-installation-access-token-for-an-app",
    find: ({ app, params }) => app.installation(Number(params[0])),
    answer: ({ app }, installation) => createAccessToken(app, installation),
  },
];

function renderInstallation(
  sim: Sim,
  app: AppAuthority,
  installation: Installation,
): Schemas["installation"] {
  const { id } = installation;
  const account = renderUser(sim.urls, installation.account, "Organization");
  const installed = iso(app.installedAt);
  return {
    id,
    account,
    repository_selection: "all",
    access_tokens_url: `${sim.urls.api}/app/installations/${id}/access_tokens`,
    repositories_url: `${sim.urls.api}/installation/repositories`,
    html_url: `${sim.urls.html}/organizations/${installation.account}/settings/installations/${id}`,
    app_id: app.appId,
    app_slug: "pipewatch",
    target_id: Number(account.id),
    target_type: "Organization",
    permissions: PERMISSIONS,
    events: ["workflow_job", "workflow_run"],
    created_at: installed,
    updated_at: installed,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** 201 with a new token; the request body (repositories, permissions) is not honoured. */
function createAccessToken(app: AppAuthority, installation: Installation): SimResponse {
  const { token, expiresAt } = app.issue(installation.id);
  const body: Schemas["installation-token"] = {
    token,
    expires_at: iso(expiresAt),
    permissions: PERMISSIONS,
    repository_selection: "all",
  };
  return { status: 201, body };
}

/**
 * The answer to an App endpoint, or undefined when `pathname` is not one. Without an App
 * configured (`app` null) no JWT can be decoded, so every App endpoint answers 401.
 */
export function appResponse(
  sim: Sim,
  app: AppAuthority | null,
  method: string,
  pathname: string,
  token: string | undefined,
): SimResponse | undefined {
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) return undefined;
  if (method !== route.method) return errorResponse(404, "Not Found");
  if (token === undefined) return errorResponse(401, "Requires authentication");
  if (!app) return errorResponse(401, JWT_UNDECODABLE);
  const verdict = app.verify(token);
  if (!verdict.ok) return errorResponse(401, verdict.message);
  let params: string[];
  try {
    params = (route.pattern.exec(pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
  } catch {
    return errorResponse(404, "Not Found");
  }
  const context: Context = { sim, app, params };
  const installation = route.find(context);
  if (!installation) return errorResponse(404, "Not Found", `${DOCS}#${route.docs}`);
  return route.answer(context, installation);
}
