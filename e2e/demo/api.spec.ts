// The demo app after its first sync, through its API: the flags the demo scenario declares at
// its start are open (the full check against the scenario's truth is lib/sync's tests; this one
// is the running product: launcher, embedded database, simulator, in-app worker, flag rules).
import { expect, test } from "@playwright/test";

type Flag = { repo: string; pipeline: string | null; kind: string; severity: string };

test("the demo's declared flags are open once it has synced", async ({ request }) => {
  const response = await request.get("/api/v1/flags");
  expect(response.ok()).toBe(true);
  const { flags } = (await response.json()) as { flags: Flag[] };
  const open = flags.map((f) => `${f.repo} ${f.pipeline} ${f.kind} ${f.severity}`);
  expect(open).toEqual(
    expect.arrayContaining([
      "acme/web CI slow warning",
      "acme/payments CI flaky warning",
      "acme/mobile Android CI cache_degraded warning",
      "acme/platform Release deploy_skipped critical",
      "acme/checkout Deploy deploy_stalled critical",
      "acme/images Publish image deploy_suspicious warning",
      "acme/legacy-tools Nightly cleanup workflow_disabled critical",
    ]),
  );
  // Healthy pipelines of the scenario carry none.
  for (const healthy of ["acme/api CI", "acme/api Deploy", "acme/data-pipeline Ingest"])
    expect(open.filter((f) => f.startsWith(`${healthy} `))).toEqual([]);
});
