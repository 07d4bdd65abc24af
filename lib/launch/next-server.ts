// Runs the Next.js server as a child process and waits until it answers.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { childEnvironment } from "@/lib/config";

const require = createRequire(import.meta.url);

export type NextMode = "start" | "dev";

/** Starts `next <mode>` on host:port with `env` added to ours. */
export function spawnNext(
  mode: NextMode,
  options: { host: string; port: number; env: Record<string, string> },
): ChildProcess {
  const bin = require.resolve("next/dist/bin/next");
  const args = [bin, mode, "--hostname", options.host, "--port", String(options.port)];
  return spawn(process.execPath, args, {
    env: childEnvironment({ ...options.env, NEXT_TELEMETRY_DISABLED: "1" }),
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Runs `next build` in the foreground; resolves with its exit code. */
export function buildNext(): Promise<number> {
  const bin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [bin, "build"], {
    env: childEnvironment({ NEXT_TELEMETRY_DISABLED: "1" }),
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

/** Polls /api/health until it answers 200; false when the child exits or time runs out. */
export async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  signal: AbortSignal,
  timeoutMs = 120_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (
    Date.now() < deadline &&
    child.exitCode === null &&
    child.signalCode === null &&
    !signal.aborted
  ) {
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}
