// Webhook signatures, payload validation (against recorded GitHub payloads) and the rule that a
// late webhook never sends a run back.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { haveFixtures, readFixture } from "@/lib/simulator/testing/fixtures";
import { signPayload } from "@/lib/simulator/webhooks";
import { parseWebhookPayload, WebhookPayloadError } from "./webhook-payloads.ts";
import { isBehindStoredRun, verifySignature } from "./webhooks.ts";

const SECRET = "It's a Secret to Everybody";
const BODY = "Hello, World!";
// GitHub's documented test vector (validating-webhook-deliveries).
const GOOD = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

describe("verifySignature", () => {
  it("accepts GitHub's documented test vector, as a string or as bytes", () => {
    expect(verifySignature(SECRET, BODY, GOOD)).toBe(true);
    expect(verifySignature(SECRET, Buffer.from(BODY, "utf8"), GOOD)).toBe(true);
  });

  it("accepts what the simulator signs, with non-ASCII text hashed as UTF-8", () => {
    const body = JSON.stringify({ display_title: "déploiement ✓" });
    const header = signPayload("s3cret-s3cret", body);
    expect(verifySignature("s3cret-s3cret", Buffer.from(body), header)).toBe(true);
  });

  it("refuses a missing or empty header", () => {
    expect(verifySignature(SECRET, BODY, null)).toBe(false);
    expect(verifySignature(SECRET, BODY, "")).toBe(false);
  });

  it("refuses a digest without the sha256= prefix, or with another algorithm's", () => {
    expect(verifySignature(SECRET, BODY, GOOD.slice("sha256=".length))).toBe(false);
    const sha1 = createHmac("sha1", SECRET).update(BODY).digest("hex");
    expect(verifySignature(SECRET, BODY, `sha1=${sha1}`)).toBe(false);
  });

  it("refuses a digest of the wrong length or not in hex, without throwing", () => {
    expect(verifySignature(SECRET, BODY, GOOD.slice(0, -2))).toBe(false);
    expect(verifySignature(SECRET, BODY, `${GOOD}00`)).toBe(false);
    expect(verifySignature(SECRET, BODY, "sha256=")).toBe(false);
    expect(verifySignature(SECRET, BODY, `sha256=${"z".repeat(64)}`)).toBe(false);
  });

  it("refuses a wrong digest, another secret's, or a changed body", () => {
    expect(verifySignature(SECRET, BODY, `${GOOD.slice(0, -1)}f`)).toBe(false);
    expect(verifySignature("another secret", BODY, GOOD)).toBe(false);
    expect(verifySignature(SECRET, `${BODY} `, GOOD)).toBe(false);
  });
});

describe("parseWebhookPayload", () => {
  it.skipIf(!haveFixtures)("reads GitHub's recorded workflow_run payload", () => {
    const body = JSON.stringify(readFixture("webhooks/workflow_run_completed.payload.json"));
    const { payload } = parseWebhookPayload("workflow_run", body) as {
      payload: { action: string; repository: { id: number }; workflow_run: { id: number } };
    };
    expect(payload.action).toBe("completed");
    expect(payload.repository.id).toBe(300029405);
    expect(payload.workflow_run).toMatchObject({ id: 289782451, workflow_id: 2823525 });
  });

  it.skipIf(!haveFixtures)("reads GitHub's recorded workflow_job payloads", () => {
    for (const name of [
      "workflow_job_queued.payload.json",
      "workflow_job_in_progress.with-queued-steps.payload.json",
      "workflow_job_completed.failure.with-organization.payload.json",
    ]) {
      const body = JSON.stringify(readFixture(`webhooks/${name}`));
      const parsed = parseWebhookPayload("workflow_job", body);
      expect(parsed.event).toBe("workflow_job");
    }
  });

  it("reads a form-encoded delivery (GitHub's default content type) from its payload field", () => {
    const payload = { action: "queued", repository: { id: 1 }, workflow_job: { id: 2 } };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    // The job lacks required fields: getting that far shows the form was decoded.
    expect(() =>
      parseWebhookPayload("workflow_job", form, "application/x-www-form-urlencoded"),
    ).toThrow(/workflow_job\.run_id/);
  });

  it("refuses what is not JSON, or not a run, with a WebhookPayloadError", () => {
    expect(() => parseWebhookPayload("workflow_run", "{")).toThrow(WebhookPayloadError);
    expect(() =>
      parseWebhookPayload("workflow_run", JSON.stringify({ action: "completed" })),
    ).toThrow(WebhookPayloadError);
  });
});

describe("isBehindStoredRun", () => {
  const stored = {
    runAttempt: 2,
    updatedAt: new Date("2026-11-26T10:00:00Z"),
    status: "completed",
  };
  const incoming = (run_attempt: number, updated_at: string, status: string) => ({
    run_attempt,
    updated_at,
    status,
  });

  it("holds for an earlier attempt or an older update", () => {
    expect(isBehindStoredRun(incoming(1, "2026-11-26T11:00:00Z", "completed"), stored)).toBe(true);
    expect(isBehindStoredRun(incoming(2, "2026-11-26T09:59:59Z", "completed"), stored)).toBe(true);
  });

  it("holds at the same second for a status before completed", () => {
    expect(isBehindStoredRun(incoming(2, "2026-11-26T10:00:00Z", "requested"), stored)).toBe(true);
    expect(isBehindStoredRun(incoming(2, "2026-11-26T10:00:00Z", "completed"), stored)).toBe(false);
  });

  it("does not hold for a later attempt or a newer update", () => {
    expect(isBehindStoredRun(incoming(3, "2026-11-26T09:00:00Z", "queued"), stored)).toBe(false);
    expect(isBehindStoredRun(incoming(2, "2026-11-26T10:00:01Z", "in_progress"), stored)).toBe(
      false,
    );
  });
});
