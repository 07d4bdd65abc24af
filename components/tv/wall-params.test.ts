import { describe, expect, it } from "vitest";
import { DEFAULT_WALL_PARAMS, readWallParams, wallParamProblems } from "./wall-params.ts";

const query = (text: string) => {
  const search = new URLSearchParams(text);
  return (name: string) => search.get(name);
};

describe("wall parameters", () => {
  it("reads each screen's settings", () => {
    expect(
      readWallParams(query("repos=acme/api,acme-infra/*&flagged=1&page-seconds=30&theme=light")),
    ).toEqual({
      repos: ["acme/api", "acme-infra/*"],
      flagged: true,
      pageSeconds: 30,
      theme: "light",
    });
    expect(wallParamProblems(query("repos=acme/api&flagged=0&page-seconds=5&theme=dark"))).toEqual(
      [],
    );
  });

  it("falls back to the defaults for values it does not take, and names each", () => {
    const bad = query("repos=acme&flagged=yes&page-seconds=2&theme=pink");
    expect(readWallParams(bad)).toEqual(DEFAULT_WALL_PARAMS);
    expect(wallParamProblems(bad).map((p) => [p.parameter, p.value])).toEqual([
      ["repos", "acme"],
      ["flagged", "yes"],
      ["page-seconds", "2"],
      ["theme", "pink"],
    ]);
    expect(wallParamProblems(query("page-seconds=1.5"))[0]?.accepted).toBe(
      "a whole number of seconds from 5 to 600",
    );
  });
});
