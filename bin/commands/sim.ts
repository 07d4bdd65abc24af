// pipewatch sim: serve the GitHub Actions API simulator.
import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UserError } from "@/lib/errors";
import { SCENARIO_NAMES } from "@/lib/simulator/scenarios/index";
import type { AppOptions } from "@/lib/simulator/server/app-auth";
import { parseFaultSpec } from "@/lib/simulator/server/faults";
import { startSimulator } from "@/lib/simulator/server/index";
import type { OAuthOptions } from "@/lib/simulator/server/oauth";
import { DEFAULT_OAUTH_USERS } from "@/lib/simulator/server/oauth-users";

function integer(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UserError(`--${name} must be a whole number of at least ${min}, got "${value}"`, 2);
  return n;
}

/** The GitHub App from --app-id, --app-public-key-file and --app-installation, if any. */
function appOptions(
  id: string | undefined,
  keyFile: string | undefined,
  installations: string[],
): AppOptions | undefined {
  if (id === undefined && keyFile === undefined && installations.length === 0) return undefined;
  if (id === undefined || keyFile === undefined)
    throw new UserError("--app-id and --app-public-key-file go together", 2);
  let publicKeyPem: string;
  try {
    publicKeyPem = readFileSync(keyFile, "utf8");
    createPublicKey(publicKeyPem);
  } catch {
    throw new UserError(`--app-public-key-file: ${keyFile} is not a readable PEM key`, 2);
  }
  return {
    appId: integer("app-id", id, 0, 1),
    publicKeyPem,
    installations: installations.map((entry) => {
      const match = /^(\d+):([A-Za-z0-9-]+)$/.exec(entry);
      if (!match)
        throw new UserError(
          `--app-installation must be ID:ACCOUNT, e.g. 1:acme; got "${entry}"`,
          2,
        );
      return { id: Number(match[1]), account: match[2] ?? "" };
    }),
  };
}

/** The OAuth app from --oauth-app CLIENT_ID:CLIENT_SECRET, with the default people. */
function oauthOptions(value: string | undefined): OAuthOptions | undefined {
  if (value === undefined) return undefined;
  const match = /^([\w.-]+):(\S{8,})$/.exec(value);
  if (!match)
    throw new UserError(
      `--oauth-app must be CLIENT_ID:CLIENT_SECRET (a secret of 8+ characters), got "${value.split(":")[0]}:..."`,
      2,
    );
  return { clientId: match[1] ?? "", clientSecret: match[2] ?? "", users: DEFAULT_OAUTH_USERS };
}

export async function sim(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      days: { type: "string" },
      scenario: { type: "string" },
      token: { type: "string" },
      speed: { type: "string" },
      budget: { type: "string" },
      now: { type: "string" },
      faults: { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "app-id": { type: "string" },
      "app-public-key-file": { type: "string" },
      "app-installation": { type: "string", multiple: true },
      "oauth-app": { type: "string" },
    },
  });
  const scenario = values.scenario ?? "demo";
  if (!SCENARIO_NAMES.includes(scenario)) {
    throw new UserError(
      `--scenario must be one of ${SCENARIO_NAMES.join(", ")}; got "${scenario}"`,
      2,
    );
  }
  const days = integer("days", values.days, 30, 1);
  if (days < 30 && scenario !== "busy" && scenario !== "large") {
    throw new UserError(
      `--days must be at least 30 for the ${scenario} scenario: its cache and flaky cases look back 30 days`,
      2,
    );
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0)
    throw new UserError(`--speed must be a number ≥ 0, got "${values.speed}"`, 2);
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && Number.isNaN(now))
    throw new UserError(`--now must be an ISO 8601 time, got "${values.now}"`, 2);
  if (values.faults !== undefined) {
    try {
      parseFaultSpec(values.faults);
    } catch (error: unknown) {
      throw new UserError(`--faults: ${error instanceof Error ? error.message : String(error)}`, 2);
    }
  }
  const webhookUrl = values["webhook-url"];
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl)) {
    throw new UserError(`--webhook-url must be an http(s) URL, got "${webhookUrl}"`, 2);
  }
  if (webhookUrl !== undefined && !values["webhook-secret"]) {
    throw new UserError("--webhook-url needs --webhook-secret (deliveries are signed with it)", 2);
  }
  const app = appOptions(
    values["app-id"],
    values["app-public-key-file"],
    values["app-installation"] ?? [],
  );
  const oauth = oauthOptions(values["oauth-app"]);
  const running = await startSimulator({
    scenario,
    seed: integer("seed", values.seed, 42),
    days,
    port: integer("port", values.port, 4010),
    host: values.host ?? "127.0.0.1",
    token: values.token,
    speed,
    now,
    budget: integer("budget", values.budget, 5000, 1),
    budgetWindowMs: 3600_000,
    faults: values.faults,
    webhook: webhookUrl ? { url: webhookUrl, secret: values["webhook-secret"] ?? "" } : undefined,
    app,
    oauth,
  });
  const repos = running.sim.scenario.repos;
  console.log(`GitHub API simulator listening on ${running.url}`);
  console.log(`  scenario ${scenario}: ${running.sim.scenario.description}`);
  console.log(
    `  ${repos.length} repositories (${repos
      .map((r) => `${r.owner}/${r.name}`)
      .slice(0, 6)
      .join(", ")}${repos.length > 6 ? ", ..." : ""})`,
  );
  console.log(
    `  time: ${new Date(running.sim.clock.now()).toISOString()}, ${speed === 0 ? "frozen" : `${speed}× real time`}; budget ${values.budget ?? 5000} requests/hour per token${values.token ? "; token required" : ""}`,
  );
  if (values.faults) console.log(`  faults: ${values.faults}`);
  if (app) {
    const on = app.installations.map((i) => `${i.id} on ${i.account}`).join(", ") || "none";
    console.log(`  GitHub App ${app.appId}: JWTs accepted; installations ${on}`);
  }
  if (oauth) {
    const people = oauth.users.map((u) => u.login).join(", ");
    console.log(`  OAuth app ${oauth.clientId}: sign-in at /login/oauth/authorize as ${people}`);
  }
  if (webhookUrl) console.log(`  webhooks: workflow_run and workflow_job to ${webhookUrl}, signed`);
  console.log(`  ground truth: ${running.url}/_sim/truth`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await running.close();
  return 0;
}
