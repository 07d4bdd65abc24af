import { describe, expect, it } from "vitest";
import { outcomeLabel, outcomeOf } from "./outcome.ts";

describe("outcomeOf", () => {
  it("groups conclusions as docs/metrics.md does, and unfinished runs apart", () => {
    expect(outcomeOf("completed", "success")).toBe("success");
    expect(outcomeOf("completed", "timed_out")).toBe("failure");
    expect(outcomeOf("completed", "startup_failure")).toBe("failure");
    expect(outcomeOf("completed", "cancelled")).toBe("cancelled");
    expect(outcomeOf("completed", "skipped")).toBe("skipped");
    expect(outcomeOf("completed", "neutral")).toBe("other");
    expect(outcomeOf("in_progress", null)).toBe("running");
    expect(outcomeOf("waiting", null)).toBe("queued");
    expect(outcomeOf(null, null)).toBe("running");
  });
});

describe("outcomeLabel", () => {
  it("says the conclusion in words, or the status while unfinished", () => {
    expect(outcomeLabel("completed", "timed_out")).toBe("timed out");
    expect(outcomeLabel("in_progress", null)).toBe("in progress");
    expect(outcomeLabel("queued", null)).toBe("queued");
    expect(outcomeLabel("completed", "success")).toBe("success");
  });
});
