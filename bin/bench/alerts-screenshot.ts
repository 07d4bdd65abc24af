// npm run docs:screenshots:alerts: docs/screenshots/status-alerts.png, the status page with an
// alert channel that fails. A fresh database (TEST_DATABASE_URL's server) gets two repositories
// and their flags; the real dispatcher then sends them to a webhook that answers and to a Slack
// URL nobody listens on; the built app (npm run build first) shows the result.
import { type ChildProcess, spawn } from "node:child_process";
import { createAlertDispatcher } from "@/lib/alerts/dispatcher";
import { markBackfilled, raise, slackChannel, webhookChannel } from "@/lib/alerts/testing";
import { createDb } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { startWebhookReceiver } from "@/lib/simulator/testing/webhook-receiver";
import { launchChromium } from "./pages-demo.ts";

const PORT = Number(process.env.PIPEWATCH_E2E_PORT ?? 3410);
// Nothing listens there (port 9, "discard", is refused by fetch itself, which says less).
const DEAD_SLACK = "http://127.0.0.1:59999/services/T000/B000/XXXX";
const SECRET = "screenshot-secret-0123";

const database = await createTestDatabase();
const db = createDb(database.url, { max: 2 });
const receiver = await startWebhookReceiver();
let server: ChildProcess | undefined;
try {
  const repos = [
    { id: 9001, name: "platform", workflow: 9101, workflowName: "Release" },
    { id: 9002, name: "api", workflow: 9102, workflowName: "CI" },
  ];
  for (const r of repos) {
    await db.repository.create({
      data: {
        id: BigInt(r.id),
        owner: "acme",
        name: r.name,
        fullName: `acme/${r.name}`,
        defaultBranch: "main",
        htmlUrl: `https://github.com/acme/${r.name}`,
      },
    });
    await db.workflow.create({
      data: {
        id: BigInt(r.workflow),
        repoId: BigInt(r.id),
        name: r.workflowName,
        path: `.github/workflows/${r.workflowName.toLowerCase()}.yml`,
        state: "active",
        createdAt: new Date(Date.now() - 90 * 86_400_000),
        updatedAt: new Date(Date.now() - 90 * 86_400_000),
      },
    });
    await markBackfilled(db, r.id);
    await db.syncState.update({
      where: { repoId: BigInt(r.id) },
      data: { lastAttemptAt: new Date(), lastSuccessAt: new Date(), runsSynced: 0 },
    });
  }
  const channels = [
    slackChannel("slack", DEAD_SLACK),
    { ...webhookChannel("webhook", receiver.url), secret: SECRET },
  ];
  const dispatcher = createAlertDispatcher({
    db,
    channels,
    publicUrl: `http://127.0.0.1:${PORT}`,
    workerId: "screenshot",
  });
  await dispatcher.runOnce();
  await raise(db, 9001, [
    {
      kind: "deploy_skipped",
      severity: "critical",
      workflowId: 9101,
      message: "The deploy job was skipped in the last 5 runs while build-image succeeded.",
    },
  ]);
  await raise(db, 9002, [{ workflowId: 9102 }]);
  for (let round = 0; round < 3; round++) await dispatcher.runOnce();
  dispatcher.close();

  server = spawn(process.execPath, ["bin/pipewatch.mjs", "start"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      PIPEWATCH_WORKER: "off",
      PIPEWATCH_REPOS: "acme/platform,acme/api",
      ALERT_SLACK_WEBHOOK_URL: DEAD_SLACK,
      ALERT_WEBHOOK_URL: receiver.url,
      ALERT_WEBHOOK_SECRET: SECRET,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}/status`, { waitUntil: "networkidle" });
    await page.getByTestId("alert-channels").waitFor();
    const file = "docs/screenshots/status-alerts.png";
    await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
    console.log(file);
  } finally {
    await browser.close();
  }
} finally {
  server?.kill("SIGTERM");
  await db.$disconnect();
  await receiver.close();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await database.drop();
}
