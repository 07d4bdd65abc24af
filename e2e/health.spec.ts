import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const latestMigration = readdirSync(path.join(process.cwd(), "prisma", "migrations"), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);

test("GET /api/health reports the embedded database up, at the latest migration", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({
    status: "ok",
    database: {
      reachable: true,
      kind: "embedded",
      migration: latestMigration,
      pendingMigrations: 0,
    },
  });
});
