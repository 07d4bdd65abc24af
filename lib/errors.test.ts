import { describe, expect, it } from "vitest";
import { describeError } from "./errors.ts";

describe("describeError", () => {
  it("gives the first line of a message, never a stack", () => {
    const error = new Error("the first line\nthe second");
    expect(describeError(error)).toBe("the first line");
    expect(describeError("a string")).toBe("a string");
    expect(describeError(new TypeError(""))).toBe("TypeError");
  });

  it("gives the cause of a Prisma error, not its blank first line or code excerpt", () => {
    // The message Prisma gave when the database was restarted under a query (restart-proxy.ts).
    const error = new Error(
      "\nInvalid `db.syncState.findMany()` invocation in\n/app/lib/x.ts:10:26\n\n   7 const a = 1;\n→ 10 try { await db.syncState.findMany(\nCan't reach database server at 127.0.0.1:34507",
    );
    error.name = "PrismaClientKnownRequestError";
    expect(describeError(error)).toBe("Can't reach database server at 127.0.0.1:34507");
  });
});
