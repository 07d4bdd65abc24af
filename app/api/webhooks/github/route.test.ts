// The webhook route's refusals, none of which may reach the database: not configured, too
// large, unsigned or wrongly signed, headers missing. (Deliveries that are stored: see
// lib/sync/webhooks.int.test.ts.)
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getLogger } from "@/lib/log/log";
import { signPayload } from "@/lib/simulator/webhooks";

const state = vi.hoisted(() => ({ secret: undefined as string | undefined, dbUsed: 0 }));

vi.mock("@/lib/config", () => ({
  getConfig: () => ({ webhookSecret: state.secret }),
  loadLogSettings: () => ({ level: "silent", production: false, secrets: [] }),
}));
vi.mock("@/lib/db/client", () => ({
  getDb: () => {
    state.dbUsed++;
    throw new Error("the database must not be used");
  },
}));

const { POST } = await import("./route.ts");

const SECRET = "a-long-random-string";
const BODY = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });

function post(body: string, headers: Record<string, string>): Request {
  return new Request("http://localhost/api/webhooks/github", { method: "POST", body, headers });
}

function signed(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-github-event": "ping",
    "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    "x-hub-signature-256": signPayload(SECRET, body),
    ...extra,
  };
}

beforeEach(() => {
  state.secret = SECRET;
  state.dbUsed = 0;
});

describe("POST /api/webhooks/github", () => {
  it("answers 503 with a clear message when no webhook secret is configured", async () => {
    state.secret = undefined;
    const response = await POST(post(BODY, signed(BODY)));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "webhooks are not configured: set GITHUB_WEBHOOK_SECRET",
    });
  });

  it("answers 401 to a missing or wrong signature", async () => {
    const { "x-hub-signature-256": _, ...unsigned } = signed(BODY);
    for (const headers of [
      unsigned,
      signed(BODY, { "x-hub-signature-256": signPayload("another-secret", BODY) }),
      signed(BODY, { "x-hub-signature-256": signPayload(SECRET, `${BODY} `) }),
    ]) {
      const response = await POST(post(BODY, headers));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "invalid signature" });
    }
    expect(state.dbUsed).toBe(0);
  });

  it("answers 400 when X-GitHub-Event or X-GitHub-Delivery is missing", async () => {
    const { "x-github-event": _e, ...noEvent } = signed(BODY);
    const { "x-github-delivery": _d, ...noDelivery } = signed(BODY);
    for (const headers of [noEvent, noDelivery]) {
      expect((await POST(post(BODY, headers))).status).toBe(400);
    }
    expect(state.dbUsed).toBe(0);
  });

  it("answers 413 to a body over 25 MB, declared or streamed", async () => {
    const declared = await POST(
      post(BODY, signed(BODY, { "content-length": String(26 * 1024 * 1024) })),
    );
    expect(declared.status).toBe(413);
    const big = "x".repeat(25 * 1024 * 1024 + 1);
    const streamed = new Request("http://localhost/api/webhooks/github", {
      method: "POST",
      body: new Blob([big]).stream(),
      headers: signed(big),
      duplex: "half",
    } as RequestInit);
    expect((await POST(streamed)).status).toBe(413);
  });

  it("answers 500 without details when the delivery cannot be stored", async () => {
    const spy = vi.spyOn(getLogger(), "error").mockImplementation(() => undefined);
    const headers = signed(BODY, { "x-github-event": "workflow_run" });
    const response = await POST(post(BODY, headers));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "the delivery could not be processed" });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
