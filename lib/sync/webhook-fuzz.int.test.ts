// POST /api/webhooks/github under generated input, on a database holding a synced day of the
// simulator: random bytes, random JSON, truncated JSON, real run and job payloads spoiled in
// their fields (lib/sync/fuzz-testing.ts), form bodies, wrong content types, bad event and
// delivery headers, each unsigned, wrongly signed or CORRECTLY signed (so the parser is
// reached). Never a 5xx or a throw; every refused delivery (4xx) leaves the database exactly
// as it was. FUZZ_SEED replays a failure (fast-check prints the seed).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db, getDb } from "@/lib/db/client";
import { fingerprintDatabase } from "@/lib/db/fingerprint-testing";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { signPayload } from "@/lib/simulator/webhooks";
import { spoiled } from "./fuzz-testing.ts";
import { syncSelected } from "./sync.ts";
import { testSyncEnvironment } from "./testing.ts";

const SECRET = "webhook-fuzz-secret";
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = 1000;

type Delivery = {
  body: Buffer;
  event: string | null;
  deliveryId: string | null;
  contentType: string | null;
  signature: "good" | "none" | "wrong" | "malformed";
};

let database: TestDatabase, db: Db, sim: RunningSimulator;
let POST: ((request: Request) => Promise<Response>) | undefined;
/** Real payloads: a completed run's workflow_run and one of its jobs' workflow_job. */
let templates: { workflow_run: unknown; workflow_job: unknown };
let counter = 0;
const statuses = new Map<number, number>();

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: "token t" } });
  return response.json();
}

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator("healthy", { days: 1 }),
  ]);
  db = createDb(database.url, { max: 2 });
  const outcomes = await syncSelected(testSyncEnvironment(db, sim, TEST_NOW), [
    { owner: "acme", repo: "*" },
  ]);
  expect(outcomes.every((o) => o.status === "synced")).toBe(true);
  const repo = (await getJson("/repos/acme/api")) as { id: number };
  const runs = (await getJson("/repos/acme/api/actions/runs?per_page=5")) as {
    workflow_runs: { id: number; status: string }[];
  };
  const run = runs.workflow_runs.find((r) => r.status === "completed") ?? runs.workflow_runs[0];
  const jobs = (await getJson(`/repos/acme/api/actions/runs/${run?.id}/jobs`)) as {
    jobs: unknown[];
  };
  const repository = { id: repo.id, full_name: "acme/api" };
  templates = {
    workflow_run: { action: "completed", repository, workflow_run: run },
    workflow_job: { action: "completed", repository, workflow_job: jobs.jobs[0] },
  };
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("GITHUB_WEBHOOK_SECRET", SECRET);
  ({ POST } = await import("@/app/api/webhooks/github/route"));
}, 120_000);

afterAll(async () => {
  if (POST) await getDb().$disconnect();
  vi.unstubAllEnvs();
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
  console.info(`webhook fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
});

const text = (value: unknown) => Buffer.from(JSON.stringify(value) ?? "null");

/** Bodies: spoiled real payloads most, then random JSON, bytes, truncations and forms. */
function bodies(): fc.Arbitrary<{ body: Buffer; event: string }> {
  const real = fc.constantFrom("workflow_run", "workflow_job" as const);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: real.chain((event) =>
        spoiled(templates[event]).map((value) => ({ body: text(value), event })),
      ),
    },
    {
      weight: 1,
      arbitrary: real.map((event) => ({ body: text(templates[event]), event })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(real, fc.jsonValue())
        .map(([event, value]) => ({ body: text(value), event })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(real, fc.uint8Array({ maxLength: 2048 }))
        .map(([event, bytes]) => ({ body: Buffer.from(bytes), event })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(real, fc.nat()).map(([event, cut]) => {
        const whole = text(templates[event]);
        return { body: whole.subarray(0, cut % whole.length), event };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(real, fc.integer({ min: 1000, max: 100_000 }), fc.boolean())
        .map(([event, depth, closed]) => ({
          body: Buffer.from(`${"[".repeat(depth)}${closed ? "]".repeat(depth) : ""}`),
          event,
        })),
    },
    {
      weight: 1,
      arbitrary: real.chain((event) =>
        spoiled(templates[event]).map((value) => ({
          body: Buffer.from(`payload=${encodeURIComponent(JSON.stringify(value))}`),
          event: `form:${event}`,
        })),
      ),
    },
  );
}

function deliveries(): fc.Arbitrary<Delivery> {
  return fc
    .tuple(
      bodies(),
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) }, // the body's own event
        {
          weight: 1,
          arbitrary: fc.constantFrom("ping", "push", "WORKFLOW_RUN", "", "x".repeat(65)),
        },
      ),
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) }, // a fresh delivery id
        { weight: 1, arbitrary: fc.constantFrom("", "../x", "a b", "d".repeat(101), "same-id") },
      ),
      fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", null),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant("good" as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("none" as const, "wrong" as const, "malformed" as const),
        },
      ),
    )
    .map(([{ body, event }, eventHeader, id, type, signature]) => {
      const form = event.startsWith("form:");
      return {
        body,
        event: eventHeader ?? event.replace(/^form:/, ""),
        deliveryId: id ?? `fuzz-${++counter}`,
        contentType: form ? "application/x-www-form-urlencoded" : type,
        signature,
      };
    });
}

function requestOf(delivery: Delivery): Request {
  const headers = new Headers();
  if (delivery.event !== null) headers.set("x-github-event", delivery.event);
  if (delivery.deliveryId !== null) headers.set("x-github-delivery", delivery.deliveryId);
  if (delivery.contentType !== null) headers.set("content-type", delivery.contentType);
  const signature = {
    good: signPayload(SECRET, delivery.body),
    wrong: signPayload("not-the-secret", delivery.body),
    malformed: "sha256=zz",
    none: null,
  }[delivery.signature];
  if (signature !== null) headers.set("x-hub-signature-256", signature);
  return new Request("http://localhost/api/webhooks/github", {
    method: "POST",
    headers,
    body: new Uint8Array(delivery.body),
  });
}

describe("POST /api/webhooks/github under generated input", () => {
  it("never answers 5xx or throws; a refused delivery changes nothing", async () => {
    let before = await fingerprintDatabase(db);
    await fc.assert(
      fc.asyncProperty(deliveries(), async (delivery) => {
        if (!POST) throw new Error("the route is not loaded");
        const response = await POST(requestOf(delivery));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const answer = JSON.stringify(await response.json());
        const sent = `${delivery.event} ${delivery.signature}: ${delivery.body.toString("utf8", 0, 3000)}`;
        expect(response.status, `${answer} for ${sent}`).toBeLessThan(500);
        const after = await fingerprintDatabase(db);
        if (response.status >= 400) expect(after, `${answer} for ${sent}`).toEqual(before);
        before = after;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The parser was reached, and some deliveries were stored.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
    expect((statuses.get(200) ?? 0) + (statuses.get(202) ?? 0)).toBeGreaterThan(10);
  }, 300_000);

  it("refuses a correctly signed body over 25 MB, streamed or declared, changing nothing", async () => {
    if (!POST) throw new Error("the route is not loaded");
    const before = await fingerprintDatabase(db);
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    const delivery = { event: "workflow_run", deliveryId: "huge", contentType: "application/json" };
    const streamed = await POST(requestOf({ ...delivery, body: huge, signature: "good" }));
    expect(streamed.status).toBe(413);
    const declared = requestOf({ ...delivery, body: Buffer.from("{}"), signature: "good" });
    const lying = new Request(declared, { headers: new Headers(declared.headers) });
    lying.headers.set("content-length", String(huge.length));
    expect((await POST(lying)).status).toBeLessThan(500);
    expect(await fingerprintDatabase(db)).toEqual(before);
  }, 60_000);
});
