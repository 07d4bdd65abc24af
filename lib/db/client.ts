// The Prisma client, one per process, on node-postgres through @prisma/adapter-pg.
// The same path serves a real PostgreSQL and the embedded one (PGlite behind a socket).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;

/** Thrown when no database is configured for this process. */
export class NoDatabaseError extends UserError {
  constructor() {
    super(
      "DATABASE_URL is not set. Start Pipewatch with `npm start` (or `npm run demo`), which starts the embedded database, or set DATABASE_URL.",
    );
  }
}

/** Creates a client for `url`; callers own it and must `$disconnect()` it. */
export function createDb(url: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    // Prisma's adapter sends and reads timestamps without a zone, as if in UTC: a session in
    // any other zone (a server initialised with the host's) would shift every stored time
    // (prisma/prisma#26786). The session is set to UTC, whatever the server's default.
    // JIT compilation costs 80-540 ms on the metric queries, whose plans sit near its cost
    // threshold, and saves nothing on index range reads (npm run bench:api): off.
    options: "-c TimeZone=UTC -c jit=off",
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

// Kept on globalThis so Next's dev server, which re-evaluates modules on every change,
// does not open a new pool each time.
const holder = globalThis as typeof globalThis & { pipewatchDb?: Db };

/** The process-wide client for the configured DATABASE_URL. */
export function getDb(): Db {
  if (holder.pipewatchDb) return holder.pipewatchDb;
  const url = getConfig().databaseUrl;
  if (!url) throw new NoDatabaseError();
  holder.pipewatchDb = createDb(url);
  return holder.pipewatchDb;
}

/** Closes the process-wide client's pool, if one was opened (at shutdown). */
export async function closeDb(): Promise<void> {
  const db = holder.pipewatchDb;
  holder.pipewatchDb = undefined;
  await db?.$disconnect();
}
