// POST /api/webhooks/github with forged signatures, on a real database: missing, malformed,
// signed with another secret, or a genuine signature replayed over a modified body. Each is
// refused with 401, and the database (every table's rows, every sequence) is unchanged: the
// same bodies, signed with the right secret, do change it, so the fingerprint would see it.
// (The route's refusals without a database: app/api/webhooks/github/route.test.ts.)
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintDatabase } from "@/lib/db/fingerprint-testing";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { at, seedRepo, seedWorkflow } from "@/lib/metrics/testing";
import { signPayload } from "@/lib/simulator/webhooks";
import {
  loadWebhookRoute,
  unloadWebhookRoute,
  type WebhookRoute,
} from "./webhook-route-testing.ts";

const SECRET = "forged-webhooks-test-secret";
const database = setUpTestDatabase();
let POST: WebhookRoute | undefined;
let ids = { repo: 0, workflow: 0 };
let counter = 0;

beforeAll(async () => {
  const repo = await seedRepo(database.db);
  ids = { repo, workflow: await seedWorkflow(database.db, repo) };
  POST = await loadWebhookRoute(database.url, SECRET);
});

afterAll(() => unloadWebhookRoute(POST !== undefined));

/** A workflow_run delivery's body for run 7001 of the seeded workflow. */
function runBody(action: string, status: string, conclusion: string | null): string {
  return JSON.stringify({
    action,
    repository: { id: ids.repo },
    workflow_run: {
      id: 7001,
      workflow_id: ids.workflow,
      run_number: 1,
      run_attempt: 1,
      path: ".github/workflows/ci.yml",
      name: "CI",
      event: "push",
      status,
      conclusion,
      head_sha: "a".repeat(40),
      head_branch: "main",
      html_url: "https://github.com/acme/api/actions/runs/7001",
      created_at: at(0).toISOString(),
      updated_at: at(action === "completed" ? 10 : 0).toISOString(),
      run_started_at: at(0).toISOString(),
    },
  });
}

/** Posts `body` as GitHub would; `signature` undefined: no X-Hub-Signature-256 header. */
async function deliver(body: string, signature: string | undefined, id = `forged-${++counter}`) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": "workflow_run",
    "x-github-delivery": id,
  };
  if (signature !== undefined) headers["x-hub-signature-256"] = signature;
  if (!POST) throw new Error("the route is not loaded");
  const response = await POST(
    new Request("http://localhost/api/webhooks/github", { method: "POST", body, headers }),
  );
  return { status: response.status, body: (await response.json()) as unknown };
}

const REFUSED = { status: 401, body: { error: "invalid signature" } };

describe("forged webhook deliveries", () => {
  // Built once the repository is seeded (its id is in the payload).
  let requested = "";
  let completed = "";
  const genuine = { id: "genuine-1", signature: "" };
  beforeAll(() => {
    requested = runBody("requested", "queued", null);
    completed = runBody("completed", "completed", "success");
    genuine.signature = signPayload(SECRET, requested);
  });

  it("a genuine delivery is stored (the database has something to protect)", async () => {
    const before = await fingerprintDatabase(database.db);
    expect(await deliver(requested, genuine.signature, genuine.id)).toMatchObject({ status: 202 });
    const after = await fingerprintDatabase(database.db);
    expect(after.tables.workflow_runs?.rows).toBe(1);
    expect(after.tables.webhook_deliveries?.rows).toBe(1);
    expect(after).not.toEqual(before);
  });

  it("refuses a missing or malformed signature and changes nothing", async () => {
    const before = await fingerprintDatabase(database.db);
    const hex = createHmac("sha256", SECRET).update(completed).digest("hex");
    const sha1 = createHmac("sha1", SECRET).update(completed).digest("hex");
    for (const signature of [
      undefined,
      "",
      "sha256=",
      hex,
      `sha1=${sha1}`,
      `sha256=${hex.slice(0, -2)}`,
      `sha256=${hex}00`,
      `sha256=${"z".repeat(64)}`,
      `SHA256=${hex}`,
      `sha256=${Buffer.from(hex, "hex").toString("base64")}`,
    ])
      expect(await deliver(completed, signature), String(signature)).toEqual(REFUSED);
    expect(await fingerprintDatabase(database.db)).toEqual(before);
  });

  it("refuses a body signed with another secret and changes nothing", async () => {
    const before = await fingerprintDatabase(database.db);
    for (const secret of ["another-secret", `${SECRET} `, SECRET.toUpperCase(), ""])
      expect(await deliver(completed, signPayload(secret, completed))).toEqual(REFUSED);
    expect(await fingerprintDatabase(database.db)).toEqual(before);
  });

  it("refuses a genuine signature replayed over a modified body, and changes nothing", async () => {
    const before = await fingerprintDatabase(database.db);
    const modified = [
      completed,
      runBody("requested", "queued", "failure"),
      `${requested} `,
      requested.replace('"queued"', '"completed"'),
      requested.slice(0, -1),
      "",
    ];
    for (const body of modified) {
      expect(await deliver(body, genuine.signature), body.slice(0, 40)).toEqual(REFUSED);
      // The same, under the genuine delivery's id, as a replayed request would be.
      expect(await deliver(body, genuine.signature, genuine.id)).toEqual(REFUSED);
    }
    expect(await fingerprintDatabase(database.db)).toEqual(before);
  });

  it("accepts the same modified body when it is signed with the secret: then it changes the database", async () => {
    const before = await fingerprintDatabase(database.db);
    expect(await deliver(completed, signPayload(SECRET, completed))).toMatchObject({ status: 202 });
    const after = await fingerprintDatabase(database.db);
    expect(after.tables.webhook_deliveries?.rows).toBe(2);
    expect(after.tables.workflow_runs).not.toEqual(before.tables.workflow_runs);
  });
});
