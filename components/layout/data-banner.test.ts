// The banner says "cannot be reached" only for failures that mean it: a refusal (a read-only
// link's page asking the API it does not open) is no outage.
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { isUnreachable } from "./data-banner.tsx";

describe("isUnreachable", () => {
  it("is true for network errors and server errors, false for none and for refusals", () => {
    expect(isUnreachable(new TypeError("Failed to fetch"))).toBe(true);
    expect(isUnreachable(new ApiRequestError(503, "down"))).toBe(true);
    expect(isUnreachable(null)).toBe(false);
    expect(isUnreachable(new ApiRequestError(401, "sign in"))).toBe(false);
    expect(isUnreachable(new ApiRequestError(403, "not for this link"))).toBe(false);
  });
});
