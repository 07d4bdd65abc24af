import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { digestDisabledReason, startDigestSchedule } from "./schedule.ts";

describe("the digest schedule", () => {
  it("says once why it does not send without SMTP_URL or DIGEST_TO", () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const config = loadConfig({ DIGEST_TO: "team@example.com" });
    // Never touched: nothing is scheduled.
    startDigestSchedule(config, {} as Db, "w", (line) => lines.push(line), stop.signal);
    expect(lines).toEqual(["not sending the weekly digest: SMTP_URL is not set."]);
    const noRecipients = loadConfig({ SMTP_URL: "smtp://127.0.0.1:25" });
    expect(digestDisabledReason(noRecipients)).toBe("DIGEST_TO is not set");
    expect(digestDisabledReason({ ...noRecipients, digest: config.digest })).toBeNull();
  });
});
