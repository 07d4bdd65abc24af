// `npm run demo`'s GitHub: the simulator's demo organisation (one repository per way a
// pipeline fails silently), served from the launcher on a free loopback port with live time,
// a random token and signed webhooks to the app. Where its history ends is kept in the data
// directory, so a restarted demo serves the same history plus what happened since, and the
// data already synced stays true.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSimulator } from "@/lib/simulator/server/index";

const STATE_FILE = "demo-github.json";

type DemoState = { historyEnd: number; seed: number };

function readState(dataDir: string): DemoState {
  const file = path.join(dataDir, STATE_FILE);
  if (existsSync(file)) {
    try {
      const state = JSON.parse(readFileSync(file, "utf8")) as Partial<DemoState>;
      if (typeof state.historyEnd === "number" && typeof state.seed === "number")
        return { historyEnd: state.historyEnd, seed: state.seed };
    } catch {
      // unreadable: start a new history below
    }
  }
  const state = { historyEnd: Date.now(), seed: 42 };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

export type DemoGitHub = {
  url: string;
  /** What the web server needs to sync from it. */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

/** Starts the demo's GitHub; `appUrl` is where the app will listen (for webhooks). */
export async function startDemoGitHub(dataDir: string, appUrl: string): Promise<DemoGitHub> {
  const state = readState(dataDir);
  const token = `ghp_demo${randomBytes(16).toString("hex")}`;
  const secret = randomBytes(24).toString("hex");
  const sim = await startSimulator({
    scenario: "demo",
    seed: state.seed,
    days: 30,
    historyEnd: state.historyEnd,
    speed: 1,
    host: "127.0.0.1",
    port: 0,
    token,
    // More than a token's 5,000 an hour: the demo's 30 days (~17,000 requests) fill in minutes.
    budget: 60_000,
    budgetWindowMs: 3600_000,
    webhook: { url: `${appUrl}/api/webhooks/github`, secret },
  });
  return {
    url: sim.url,
    env: {
      GITHUB_API_URL: sim.url,
      GITHUB_TOKEN: token,
      GITHUB_WEBHOOK_SECRET: secret,
      PIPEWATCH_REPOS: "acme/*",
      // The demo authenticates with its token, whatever App settings the environment has.
      GITHUB_APP_ID: "",
    },
    stop: () => sim.close(),
  };
}
