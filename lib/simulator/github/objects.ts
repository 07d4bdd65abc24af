// Workflows, artifacts, deployments, caches and the rate-limit overview in GitHub's shapes.
import type { components } from "@octokit/openapi-types";
import type { RepoSpec, WorkflowSpec } from "../model.ts";
import { iso, renderUser, type Urls } from "./repository.ts";

type Schemas = components["schemas"];

export function renderWorkflow(
  urls: Urls,
  repo: RepoSpec,
  workflow: WorkflowSpec,
): Schemas["workflow"] {
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const file = workflow.path.split("/").at(-1) ?? workflow.path;
  // Workflow timestamps carry milliseconds and an offset on GitHub, unlike runs and jobs.
  const local = (ms: number) => new Date(ms - 5 * 3600_000).toISOString().replace("Z", "-05:00");
  return {
    id: workflow.id,
    node_id: Buffer.from(`W_${workflow.id}`).toString("base64url"),
    name: workflow.name,
    path: workflow.path,
    state: workflow.state,
    created_at: local(workflow.createdAt),
    updated_at: local(workflow.updatedAt),
    url: `${base}/actions/workflows/${workflow.id}`,
    html_url: `${urls.html}/${repo.owner}/${repo.name}/blob/${repo.defaultBranch}/${workflow.path}`,
    badge_url: `${urls.html}/${repo.owner}/${repo.name}/workflows/${encodeURIComponent(file)}/badge.svg`,
  };
}

export type ArtifactFacts = {
  id: number;
  name: string;
  sizeInBytes: number;
  createdAt: number;
  expiresAt: number;
  runId: number;
  headSha: string;
  headBranch: string;
};

export function renderArtifact(
  urls: Urls,
  repo: RepoSpec,
  artifact: ArtifactFacts,
  now: number,
): Schemas["artifact"] {
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}/actions/artifacts/${artifact.id}`;
  return {
    id: artifact.id,
    node_id: Buffer.from(`MDg6QXJ0aWZhY3Q${artifact.id}`).toString("base64url"),
    name: artifact.name,
    size_in_bytes: artifact.sizeInBytes,
    url: base,
    archive_download_url: `${base}/zip`,
    expired: now >= artifact.expiresAt,
    created_at: iso(artifact.createdAt),
    updated_at: iso(artifact.createdAt),
    expires_at: iso(artifact.expiresAt),
    digest: null,
    workflow_run: {
      id: artifact.runId,
      repository_id: repo.id,
      head_repository_id: repo.id,
      head_branch: artifact.headBranch,
      head_sha: artifact.headSha,
    },
  };
}

export type DeploymentFacts = {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  creator: string;
  createdAt: number;
  statuses: {
    id: number;
    state: "in_progress" | "success" | "failure";
    at: number;
    logUrl: string;
  }[];
};

export function renderDeployment(
  urls: Urls,
  repo: RepoSpec,
  d: DeploymentFacts,
  now: number,
): Schemas["deployment"] {
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const last = d.statuses.filter((s) => s.at <= now).at(-1);
  return {
    url: `${base}/deployments/${d.id}`,
    id: d.id,
    node_id: Buffer.from(`DE_${d.id}`).toString("base64url"),
    sha: d.sha,
    ref: d.ref,
    task: "deploy",
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: renderUser(urls, "github-actions[bot]"),
    created_at: iso(d.createdAt),
    updated_at: iso(last?.at ?? d.createdAt),
    statuses_url: `${base}/deployments/${d.id}/statuses`,
    repository_url: base,
    transient_environment: false,
    production_environment: d.environment === "production",
    performed_via_github_app: null,
  };
}

export function renderDeploymentStatuses(
  urls: Urls,
  repo: RepoSpec,
  d: DeploymentFacts,
  now: number,
): Schemas["deployment-status"][] {
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  // Newest first, as GitHub lists them.
  return d.statuses
    .filter((s) => s.at <= now)
    .reverse()
    .map((s) => ({
      url: `${base}/deployments/${d.id}/statuses/${s.id}`,
      id: s.id,
      node_id: Buffer.from(`DES_${s.id}`).toString("base64url"),
      state: s.state,
      creator: renderUser(urls, "github-actions[bot]"),
      description: "",
      environment: d.environment,
      target_url: s.logUrl,
      log_url: s.logUrl,
      environment_url: "",
      created_at: iso(s.at),
      updated_at: iso(s.at),
      deployment_url: `${base}/deployments/${d.id}`,
      repository_url: base,
      performed_via_github_app: null,
    }));
}

export type CacheEntryFacts = {
  id: number;
  ref: string;
  key: string;
  version: string;
  sizeInBytes: number;
  createdAt: number;
  lastAccessedAt: number;
};

export function renderCacheEntry(
  c: CacheEntryFacts,
): Schemas["actions-cache-list"]["actions_caches"][number] {
  return {
    id: c.id,
    ref: c.ref,
    key: c.key,
    version: c.version,
    last_accessed_at: new Date(c.lastAccessedAt).toISOString(),
    created_at: new Date(c.createdAt).toISOString(),
    size_in_bytes: c.sizeInBytes,
  };
}

export function renderRateLimit(
  limit: number,
  remaining: number,
  resetAt: number,
): Schemas["rate-limit-overview"] {
  const used = limit - remaining;
  const reset = Math.ceil(resetAt / 1000);
  const core = { limit, remaining, reset, used };
  const fixed = (n: number) => ({ limit: n, remaining: n, reset, used: 0 });
  return {
    resources: {
      core,
      search: fixed(30),
      graphql: fixed(5000),
      integration_manifest: fixed(5000),
      source_import: fixed(100),
      actions_runner_registration: fixed(10000),
      scim: fixed(15000),
      dependency_snapshots: fixed(100),
    },
    rate: core,
  };
}
