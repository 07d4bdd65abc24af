// Handlers for repositories, deployments and the Actions cache.
import { cachesOf, deploymentsOf } from "../derived.ts";
import { renderCacheEntry, renderDeployment, renderDeploymentStatuses } from "../github/objects.ts";
import { renderFullRepository, renderMinimalRepository } from "../github/repository.ts";
import { notFound, paginate, type SimResponse } from "./http.ts";
import { linkBase, type RouteRequest } from "./sim.ts";

export function getRepository(request: RouteRequest): SimResponse {
  const repo = request.repo;
  return repo
    ? {
        status: 200,
        body: renderFullRepository(
          request.sim.urls,
          repo,
          request.sim.world.lastPushAt(repo, request.now),
        ),
      }
    : notFound();
}

/** GET /orgs/{org}/repos and /users/{user}/repos: a bare array, paginated. */
export function listOwnerRepositories(request: RouteRequest): SimResponse {
  const owner = (request.params.org ?? request.params.user ?? "").toLowerCase();
  const repos = request.sim.world.repos.filter((r) => r.owner.toLowerCase() === owner);
  if (repos.length === 0) return notFound();
  const page = paginate(repos, request.query, linkBase(request));
  return {
    status: 200,
    body: page.items.map((repo) => renderMinimalRepository(request.sim.urls, repo)),
    headers: page.link ? { link: page.link } : {},
  };
}

export function listDeployments(request: RouteRequest): SimResponse {
  const repo = request.repo;
  if (!repo) return notFound();
  const q = request.query;
  const all = deploymentsOf(request.sim.world, repo, request.now).filter(
    (d) =>
      (!q.has("sha") || d.sha === q.get("sha")) &&
      (!q.has("ref") || d.ref === q.get("ref")) &&
      (!q.has("environment") || d.environment === q.get("environment")),
  );
  const page = paginate(all, q, linkBase(request));
  return {
    status: 200,
    body: page.items.map((d) => renderDeployment(request.sim.urls, repo, d, request.now)),
    headers: page.link ? { link: page.link } : {},
  };
}

export function listDeploymentStatuses(request: RouteRequest): SimResponse {
  const repo = request.repo;
  if (!repo) return notFound();
  const id = Number(request.params.deployment_id);
  const deployment = deploymentsOf(request.sim.world, repo, request.now).find((d) => d.id === id);
  if (!deployment) return notFound();
  const statuses = renderDeploymentStatuses(request.sim.urls, repo, deployment, request.now);
  const page = paginate(statuses, request.query, linkBase(request));
  return { status: 200, body: page.items, headers: page.link ? { link: page.link } : {} };
}

export function listCaches(request: RouteRequest): SimResponse {
  const repo = request.repo;
  if (!repo) return notFound();
  const q = request.query;
  const caches = cachesOf(request.sim.world, repo, request.now).filter(
    (c) =>
      (!q.has("ref") || c.ref === q.get("ref")) &&
      (!q.has("key") || c.key.startsWith(q.get("key") ?? "")),
  );
  const page = paginate(caches, q, linkBase(request));
  return {
    status: 200,
    body: { total_count: caches.length, actions_caches: page.items.map(renderCacheEntry) },
    headers: page.link ? { link: page.link } : {},
  };
}

export function getCacheUsage(request: RouteRequest): SimResponse {
  const repo = request.repo;
  if (!repo) return notFound();
  const caches = cachesOf(request.sim.world, repo, request.now);
  return {
    status: 200,
    body: {
      full_name: `${repo.owner}/${repo.name}`,
      active_caches_size_in_bytes: caches.reduce((sum, c) => sum + c.sizeInBytes, 0),
      active_caches_count: caches.length,
    },
  };
}
