import { describe, expect, it } from "vitest";
import { AttemptLimiter, clientKey } from "./attempts.ts";

function limiter(perClient = 3, overall = 5) {
  let now = 1_000_000;
  const limits = new AttemptLimiter({ perClient, overall, windowMs: 60_000 }, () => now);
  return { limits, advance: (ms: number) => (now += ms) };
}

describe("AttemptLimiter", () => {
  it("blocks a client after its limit of failures, until the oldest leaves the window", () => {
    const { limits, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(limits.check("a")).toEqual({ allowed: true });
      limits.recordFailure("a");
      advance(10_000);
    }
    // Failures at 0 s, 10 s and 20 s; now 30 s: the first leaves the window at 60 s.
    expect(limits.check("a")).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(limits.check("b")).toEqual({ allowed: true });
    advance(29_000);
    expect(limits.check("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(1_000);
    expect(limits.check("a")).toEqual({ allowed: true });
  });

  it("blocks everyone once the overall limit is reached", () => {
    const { limits, advance } = limiter(3, 5);
    for (const client of ["a", "b", "c", "d", "e"]) {
      limits.recordFailure(client);
      advance(1_000);
    }
    expect(limits.check("new")).toEqual({ allowed: false, retryAfterSeconds: 55 });
  });

  it("forgets a client's failures after a right password, not the overall count", () => {
    const { limits } = limiter(2, 3);
    limits.recordFailure("a");
    limits.recordFailure("a");
    expect(limits.check("a").allowed).toBe(false);
    limits.recordSuccess("a");
    expect(limits.check("a").allowed).toBe(true);
    limits.recordFailure("b");
    expect(limits.check("c").allowed).toBe(false);
  });
});

describe("clientKey", () => {
  it("takes the entry the nearest proxy added", () => {
    expect(clientKey(new Headers({ "x-forwarded-for": "10.0.0.1, 192.0.2.7" }))).toBe("192.0.2.7");
    expect(clientKey(new Headers({ "x-real-ip": "192.0.2.8" }))).toBe("192.0.2.8");
    expect(clientKey(new Headers())).toBe("unknown");
  });
});
