// Integration tests only: POST /api/webhooks/github loaded in-process, as Next loads it, on a
// test database. The route reads its configuration and database from the environment, once.
import { vi } from "vitest";
import { getDb } from "@/lib/db/client";

export type WebhookRoute = (request: Request) => Promise<Response>;

/** Points the route at `databaseUrl` and `secret`, then loads it. */
export async function loadWebhookRoute(databaseUrl: string, secret: string): Promise<WebhookRoute> {
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("GITHUB_WEBHOOK_SECRET", secret);
  return (await import("@/app/api/webhooks/github/route")).POST;
}

/** Disconnects the route's database client (when it was loaded) and restores the environment. */
export async function unloadWebhookRoute(loaded: boolean): Promise<void> {
  if (loaded) await getDb().$disconnect();
  vi.unstubAllEnvs();
}
