// The repository's Actions cache usage (GitHub refreshes it about every 5 minutes), sampled
// when it changed: an unchanged answer is a free 304 and adds no sample.
import "server-only";
import { apiUrl, getIfChanged, storeValidators } from "@/lib/github/conditional";
import type { SyncContext, SyncRepo } from "./context.ts";
import { cacheUsageSchema } from "./github-detail-schemas.ts";
import { parseGitHub } from "./github-schemas.ts";

export async function syncCacheUsage(ctx: SyncContext, repo: SyncRepo): Promise<boolean> {
  const url = apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/actions/cache/usage`);
  const answer = await getIfChanged(ctx.db, ctx.client, url);
  if (!answer.changed) return false;
  const usage = parseGitHub(cacheUsageSchema, answer.data, "cache usage");
  await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO cache_usage (repo_id, sampled_at, size_in_bytes, count)
      VALUES (${BigInt(repo.id)}, ${ctx.now()}, ${BigInt(usage.active_caches_size_in_bytes)},
        ${usage.active_caches_count})
      ON CONFLICT (repo_id, sampled_at) DO UPDATE SET
        size_in_bytes = EXCLUDED.size_in_bytes, count = EXCLUDED.count`;
    await storeValidators(tx, [{ url, validator: answer.validator }]);
  });
  return true;
}
