// Integration tests only: API routes called in-process, as Next calls them, on the test file's
// own database (lib/db/test-hooks.ts), with DATABASE_URL pointing the routes' getDb() at it.
import { afterAll, beforeAll, vi } from "vitest";
import { type Db, getDb } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";

type Params = Record<string, string>;
/** A route's GET as Next calls it; `params` holds the path's dynamic segments. */
type Handler<P extends Params> = (
  request: Request,
  context: { params: Promise<P> },
) => Promise<Response> | Response;
type Load<P extends Params> = () => Promise<{ GET: Handler<P> }>;

export type RouteOptions = {
  /** Fills the database: runs once it exists, before the routes are loaded. */
  seed?: (db: Db) => Promise<void>;
  /** Environment variables besides DATABASE_URL, set before the routes load, until the end. */
  env?: Record<string, string>;
};

/** Read inside hooks and tests only (the database exists from the beforeAll). */
export type DatabaseAccess = {
  /** A client on the test database, for seeding and for checking what a route wrote. */
  readonly db: Db;
  /** The test database's URL (the routes' DATABASE_URL). */
  readonly databaseUrl: string;
};

export type TestRoute<P extends Params> = {
  /** GETs the route's path (its `[segments]` filled from `params`) followed by `query`. */
  request: (query?: string, params?: P) => Promise<Response>;
  /** The same, answering the status and the JSON body. */
  get: (query?: string, params?: P) => Promise<{ status: number; body: Record<string, unknown> }>;
};

export type TestRoutes = DatabaseAccess & {
  /** Declares a route to load in the beforeAll; call it at the top level of the file. */
  route: <P extends Params>(path: string, load: Load<P>) => TestRoute<P>;
};

/**
 * Registers the hooks for testing routes on a fresh database: create it, `seed` it, set
 * DATABASE_URL and `env`, load every declared route; afterwards disconnect the routes' client,
 * restore the environment, and drop the database.
 */
export function setUpRoutes(options: RouteOptions = {}): TestRoutes {
  const database = setUpTestDatabase();
  const loaders: (() => Promise<void>)[] = [];
  let loaded = false;
  beforeAll(async () => {
    await options.seed?.(database.db);
    vi.stubEnv("DATABASE_URL", database.url);
    for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
    for (const load of loaders) await load();
  });
  afterAll(async () => {
    if (loaded) await getDb().$disconnect();
    vi.unstubAllEnvs();
  });

  function route<P extends Params>(path: string, load: Load<P>): TestRoute<P> {
    let GET: Handler<P> | undefined;
    loaders.push(async () => {
      ({ GET } = await load());
      loaded = true;
    });
    const request = async (query = "", params?: P) => {
      if (!GET) throw new Error(`route ${path} not loaded`);
      const values: Params = params ?? {};
      const url = path.replace(/\[(\w+)\]/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`route ${path} needs a value for [${name}]`);
        return value;
      });
      const context = { params: Promise.resolve(params ?? ({} as P)) };
      return GET(new Request(`http://localhost${url}${query}`), context);
    };
    const get = async (query = "", params?: P) => {
      const response = await request(query, params);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    return { request, get };
  }

  return {
    get db() {
      return database.db;
    },
    get databaseUrl() {
      return database.url;
    },
    route,
  };
}

/** setUpRoutes for a file that tests one route. */
export function setUpRoute<P extends Params>(
  path: string,
  load: Load<P>,
  options: RouteOptions = {},
): DatabaseAccess & TestRoute<P> {
  const routes = setUpRoutes(options);
  return {
    get db() {
      return routes.db;
    },
    get databaseUrl() {
      return routes.databaseUrl;
    },
    ...routes.route(path, load),
  };
}
