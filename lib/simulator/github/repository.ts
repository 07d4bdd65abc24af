// Repositories and users in GitHub's JSON shapes (typed by @octokit/openapi-types, so a
// renamed or missing field is a compile error).
import type { components } from "@octokit/openapi-types";
import type { RepoSpec } from "../model.ts";

type Schemas = components["schemas"];

/** Where the simulator is reached (its API base) and the web base its html_url fields use. */
export type Urls = { api: string; html: string };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export { iso };

function userId(login: string): number {
  let hash = 7;
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 90_000_000;
  return 1_000_000 + hash;
}

export function renderUser(
  urls: Urls,
  login: string,
  type: "User" | "Organization" | "Bot" = "User",
): Schemas["simple-user"] {
  const id = userId(login);
  const url = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString("base64"),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url,
    html_url: `${urls.html}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: login.endsWith("[bot]") ? "Bot" : type,
    site_admin: false,
  };
}

/** The many `*_url` templates every repository object carries. */
function repoUrls(urls: Urls, repo: RepoSpec) {
  const u = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    hooks_url: `${u}/hooks`,
  };
}

/** The fields minimal and full repositories share. */
function repoBase(urls: Urls, repo: RepoSpec) {
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString("base64"),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: renderUser(urls, repo.owner, "Organization"),
    private: repo.private,
    html_url: `${urls.html}/${repo.owner}/${repo.name}`,
    description: null,
    fork: false,
    ...repoUrls(urls, repo),
    archived: repo.archived,
    default_branch: repo.defaultBranch,
    visibility: repo.private ? "private" : "public",
    created_at: iso(repo.createdAt),
  };
}

export function renderMinimalRepository(urls: Urls, repo: RepoSpec): Schemas["minimal-repository"] {
  return repoBase(urls, repo);
}

/** A full repository; `lastPushAt` is its latest push (pushed_at, updated_at). */
export function renderFullRepository(
  urls: Urls,
  repo: RepoSpec,
  lastPushAt: number,
): Schemas["full-repository"] {
  const full = `${repo.owner}/${repo.name}`;
  return {
    ...repoBase(urls, repo),
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${urls.html}/${full}.git`,
    svn_url: `${urls.html}/${full}`,
    mirror_url: null,
    homepage: null,
    language: "TypeScript",
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 10_240,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    has_downloads: true,
    is_template: false,
    topics: [],
    web_commit_signoff_required: false,
    custom_properties: {},
    archived: repo.archived,
    disabled: false,
    pushed_at: iso(lastPushAt),
    created_at: iso(repo.createdAt),
    updated_at: iso(lastPushAt),
    subscribers_count: 3,
    network_count: 0,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
}
