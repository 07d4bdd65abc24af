import { describe, expect, it } from "vitest";
import { checkPipelineSearch } from "./scope-params.ts";

describe("the pipeline page's query", () => {
  it("leaves out a window and a branch the API refuses, naming each", () => {
    const { search, problems } = checkPipelineSearch({ window: "bogus", branch: "a..b", x: "1" });
    expect(search).toEqual({ x: "1" });
    expect(problems.map((p) => `${p.parameter}=${p.value}`)).toEqual([
      "window=bogus",
      "branch=a..b",
    ]);
    expect(problems[0]?.instead).toBe("the last 30 days");
  });

  it("keeps good ones, and the first of repeated ones", () => {
    expect(checkPipelineSearch({ window: "401d" }).problems).toHaveLength(1);
    const good = { window: ["7d", "bogus"], branch: "*" };
    expect(checkPipelineSearch(good)).toEqual({ search: good, problems: [] });
  });
});
