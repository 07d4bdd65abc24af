// What docker-compose.yml promises, checked without Docker: PostgreSQL pinned and healthy
// before Pipewatch starts, both health-checked and restarted, configuration from .env, data on
// a named volume, nothing published beyond 127.0.0.1, and access control required.
import { parse } from "yaml";
import { z } from "zod";
import { PINNED_IMAGE } from "./dockerfile-checks.ts";

const healthcheck = z.object({ test: z.union([z.string(), z.array(z.string())]) });
const service = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  restart: z.string().optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))])
    .optional(),
  env_file: z
    .union([z.string(), z.array(z.union([z.string(), z.object({ path: z.string() })]))])
    .optional(),
  environment: z.record(z.string(), z.string()).optional(),
  ports: z.array(z.union([z.string(), z.object({ host_ip: z.string().optional() })])).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: healthcheck.optional(),
});
const composeFile = z.object({
  services: z.record(z.string(), service),
  volumes: z.record(z.string(), z.unknown().nullable()).optional(),
});

export type ComposeFile = z.infer<typeof composeFile>;

/** Parses docker-compose.yml's text (throws when it is not YAML of the expected shape). */
export function parseCompose(text: string): ComposeFile {
  return composeFile.parse(parse(text));
}

const commandOf = (check: z.infer<typeof healthcheck> | undefined) =>
  [check?.test ?? []].flat().join(" ");

/** A published port, long or short syntax, bound to loopback only. */
function isLoopbackOnly(port: string | { host_ip?: string }): boolean {
  if (typeof port !== "string") return port.host_ip === "127.0.0.1";
  return port.startsWith("127.0.0.1:");
}

function checkDatabase(compose: ComposeFile): string[] {
  const db = compose.services.db;
  if (!db) return ["no `db` service"];
  const problems: string[] = [];
  if (!PINNED_IMAGE.test(db.image ?? ""))
    problems.push(`db: image "${db.image}" is not pinned by digest`);
  if (!/pg_isready/.test(commandOf(db.healthcheck)))
    problems.push("db: no pg_isready health check");
  if (db.ports?.length) problems.push("db: PostgreSQL is published outside the compose network");
  const volume = db.volumes?.find((entry) => entry.endsWith(":/var/lib/postgresql/data"));
  const name = volume?.split(":")[0] ?? "";
  if (!volume || !compose.volumes || !(name in compose.volumes))
    problems.push("db: its data is not on a named volume");
  const password = db.environment?.POSTGRES_PASSWORD ?? "";
  if (!/^\$\{POSTGRES_PASSWORD:\?[^}]*\}$/.test(password))
    problems.push("db: POSTGRES_PASSWORD is not required from .env (written in the file?)");
  return problems;
}

function checkApp(compose: ComposeFile): string[] {
  const app = compose.services.pipewatch;
  if (!app) return ["no `pipewatch` service"];
  const problems: string[] = [];
  const dependsOn = app.depends_on;
  if (Array.isArray(dependsOn) || dependsOn?.db?.condition !== "service_healthy")
    problems.push("pipewatch: does not wait for db with condition: service_healthy");
  if (!/\/api\/health/.test(commandOf(app.healthcheck)))
    problems.push("pipewatch: no health check on /api/health");
  const envFiles = [app.env_file ?? []].flat().map((f) => (typeof f === "string" ? f : f.path));
  if (!envFiles.includes(".env")) problems.push("pipewatch: configuration is not read from .env");
  if (!/@db:5432\//.test(app.environment?.DATABASE_URL ?? ""))
    problems.push("pipewatch: DATABASE_URL does not point at the db service");
  if (!app.build) problems.push("pipewatch: not built from the Dockerfile");
  const listens = app.environment?.PORT;
  if (!listens || !commandOf(app.healthcheck).includes(`:${listens}/api/health`))
    problems.push("pipewatch: PORT is not set to the port its health check asks");
  for (const name of ["PIPEWATCH_PASSWORD", "AUTH_SECRET"]) {
    // It listens on 0.0.0.0 in the container: without access control it would not start.
    if (!new RegExp(`^\\$\\{${name}:\\?[^}]*\\}$`).test(app.environment?.[name] ?? ""))
      problems.push(`pipewatch: ${name} is not required from .env (access control)`);
  }
  for (const port of app.ports ?? []) {
    if (typeof port === "string" && !port.endsWith(`:${listens}`))
      problems.push(`pipewatch: port ${port} does not forward to PORT (${listens})`);
    if (!isLoopbackOnly(port))
      problems.push(`pipewatch: port ${JSON.stringify(port)} is published beyond 127.0.0.1`);
  }
  return problems;
}

/** Every problem found in docker-compose.yml's text; empty when it keeps its promises. */
export function checkCompose(text: string): string[] {
  const compose = parseCompose(text);
  const restarts = Object.entries(compose.services)
    .filter(([, s]) => !s.restart || s.restart === "no")
    .map(([name]) => `${name}: no restart policy`);
  return [...checkDatabase(compose), ...checkApp(compose), ...restarts];
}
