import { describe, expect, it } from "vitest";
import { haveFixtures, readFixture } from "../testing/fixtures.ts";
import { parseCreated } from "./created-filter.ts";
import { etagMatches, linkHeader, paginate, weakEtag } from "./http.ts";

describe("linkHeader", () => {
  it.skipIf(!haveFixtures)(
    "builds exactly the Link headers GitHub sent while paging (octokit/fixtures paginate-issues)",
    () => {
      const recorded = readFixture<{ path: string; headers: Record<string, string> }[]>(
        "octokit-fixtures/paginate-issues.normalized-fixture.json",
      );
      const base = new URL("https://api.github.com/repositories/1000/issues?per_page=3");
      recorded.forEach((exchange, i) => {
        expect(linkHeader(base, i + 1, 5)).toBe(exchange.headers.link);
      });
    },
  );

  it("leaves the header out when everything fits on one page", () => {
    expect(linkHeader(new URL("https://x/y"), 1, 1)).toBeUndefined();
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 250 }, (_, i) => i);
  it("clamps per_page to 100 and stops at the cap", () => {
    const base = new URL("https://api.github.com/repositories/1/actions/runs?per_page=500");
    const first = paginate(items, base.searchParams, base, 120);
    expect(first.items).toHaveLength(100);
    expect(first.link).toContain('page=2>; rel="last"');
    const second = paginate(items, new URLSearchParams("per_page=100&page=2"), base, 120);
    expect(second.items).toEqual(items.slice(100, 120));
    expect(paginate(items, new URLSearchParams("per_page=100&page=3"), base, 120).items).toEqual(
      [],
    );
  });
});

describe("ETags", () => {
  it("are weak, stable for the same body, and matched by If-None-Match in all its forms", () => {
    const etag = weakEtag('{"a":1}');
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(weakEtag('{"a":1}')).toBe(etag);
    expect(weakEtag('{"a":2}')).not.toBe(etag);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(etag.slice(2), etag)).toBe(true);
    expect(etagMatches(`W/"other", ${etag}`, etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches('W/"other"', etag)).toBe(false);
  });
});

describe("parseCreated", () => {
  const t = (s: string) => Date.parse(s);
  it.each([
    ["2026-11-20", t("2026-11-20T00:00:00Z"), t("2026-11-20T23:59:59.999Z")],
    [">=2026-11-20", t("2026-11-20T00:00:00Z"), Number.POSITIVE_INFINITY],
    [">2026-11-20", t("2026-11-21T00:00:00Z"), Number.POSITIVE_INFINITY],
    ["<=2026-11-20", Number.NEGATIVE_INFINITY, t("2026-11-20T23:59:59.999Z")],
    ["<2026-11-20", Number.NEGATIVE_INFINITY, t("2026-11-19T23:59:59.999Z")],
    ["2026-11-01..2026-11-20", t("2026-11-01T00:00:00Z"), t("2026-11-20T23:59:59.999Z")],
    ["2026-11-01T10:00:00Z..*", t("2026-11-01T10:00:00Z"), Number.POSITIVE_INFINITY],
    ["*..2026-11-01T10:00:00+07:00", Number.NEGATIVE_INFINITY, t("2026-11-01T03:00:00Z") + 999],
    [
      "2026-11-01T10:00:00..2026-11-01T10:00:05",
      t("2026-11-01T10:00:00Z"),
      t("2026-11-01T10:00:05Z") + 999,
    ],
    [">=2026-11-20T10:00:00Z", t("2026-11-20T10:00:00Z"), Number.POSITIVE_INFINITY],
  ])("%s", (value, from, to) => {
    expect(parseCreated(value)).toEqual({ from, to });
  });

  it("rejects nonsense", () => {
    expect(parseCreated("yesterday")).toBeNull();
    expect(parseCreated(">=soon")).toBeNull();
  });
});
