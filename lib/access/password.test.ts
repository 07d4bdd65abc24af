import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { hashPassword, PasswordCheck } from "./password.ts";

describe("PasswordCheck", () => {
  it("accepts the configured plain password and nothing else", async () => {
    const check = new PasswordCheck("correct horse battery");
    expect(await check.matches("correct horse battery")).toBe(true);
    expect(await check.matches("correct horse batter")).toBe(false);
    expect(await check.matches("")).toBe(false);
  });

  it("accepts a hash from hashPassword in place of the password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("correct");
    expect(
      loadConfig({ PIPEWATCH_PASSWORD: hash, AUTH_SECRET: "s".repeat(32) }).access.password,
    ).toBe(hash);
    const check = new PasswordCheck(hash);
    expect(await check.matches("correct horse battery")).toBe(true);
    expect(await check.matches(hash)).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
  });
});
