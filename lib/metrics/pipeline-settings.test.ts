import { describe, expect, it } from "vitest";
import { PipelineSelectionError, parseThreshold } from "./pipeline-settings.ts";

describe("parseThreshold", () => {
  it("reads hours, minutes and seconds, and default", () => {
    expect(parseThreshold("15m")).toBe(900_000);
    expect(parseThreshold("90s")).toBe(90_000);
    expect(parseThreshold("1h30m")).toBe(5_400_000);
    expect(parseThreshold(" 2H ")).toBe(7_200_000);
    expect(parseThreshold("default")).toBeNull();
  });

  it("refuses anything else with a message naming the forms", () => {
    for (const bad of ["", "15", "m", "0s", "15 m", "-5m", "169h", "1.5h", "30m1h"])
      expect(() => parseThreshold(bad)).toThrow(PipelineSelectionError);
    expect(() => parseThreshold("15")).toThrow(/such as 15m, 90s or 1h30m, or "default"/);
  });
});
