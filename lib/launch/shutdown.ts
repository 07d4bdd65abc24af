// Graceful shutdown of the Next.js server process on SIGTERM (docker stop, systemd, the
// launcher) or SIGINT: the HTTP server stops taking requests and finishes those in flight,
// background work (sync worker, alerts, digest) finishes its current step, then the database
// pool closes and the process exits 0. Past the grace period it exits 1 regardless.
import "server-only";
import { describeError } from "@/lib/errors";
import { getLogger } from "@/lib/log/log";

/** Under the 10 s that `docker stop` and `pipewatch start` wait before SIGKILL. */
export const SHUTDOWN_GRACE_MS = 8_000;

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

type Task = { name: string; run: () => Promise<void> };
type State = { tasks: Task[]; last: Task[]; installed: boolean; stopping: boolean };

const holder = globalThis as typeof globalThis & { pipewatchShutdown?: State };

function state(): State {
  holder.pipewatchShutdown ??= { tasks: [], last: [], installed: false, stopping: false };
  return holder.pipewatchShutdown;
}

/**
 * Registers work to finish on shutdown. `last` tasks (closing the database pool) run once the
 * others and the HTTP server's requests are done.
 */
export function onShutdown(name: string, run: () => Promise<void>, options = { last: false }) {
  (options.last ? state().last : state().tasks).push({ name, run });
}

async function runTasks(tasks: Task[]): Promise<boolean> {
  const results = await Promise.allSettled(tasks.map((task) => task.run()));
  results.forEach((result, i) => {
    if (result.status === "rejected")
      getLogger().error({ task: tasks[i]?.name, err: result.reason }, "shutdown step failed");
  });
  return results.every((result) => result.status === "fulfilled");
}

/**
 * Next.js closes its HTTP server on these signals and then calls process.exit(143) itself,
 * with no hook to wait for anything else. Its handlers (installed before instrumentation runs)
 * are taken over: they still run, to drain HTTP, but their exit is held until our work is done.
 */
function holdExit(): { exited: Promise<void>; release: () => void } {
  const exit = process.exit;
  let held: (() => void) | undefined;
  const exited = new Promise<void>((resolve) => {
    held = resolve;
  });
  process.exit = ((_code?: number) => {
    held?.();
    return undefined as never;
  }) as typeof process.exit;
  return {
    exited,
    release: () => {
      process.exit = exit;
    },
  };
}

async function shutdown(signal: string, frameworkHandlers: (() => void)[], graceMs: number) {
  const s = state();
  if (s.stopping) return;
  s.stopping = true;
  const started = performance.now();
  const logger = getLogger();
  logger.info({ signal, graceMs }, "stopping: finishing the work in progress");
  const hold = holdExit();
  for (const handler of frameworkHandlers) handler();
  const grace = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
  const drained = Promise.all([runTasks(s.tasks), frameworkHandlers.length ? hold.exited : null])
    .then(async ([ok]) => (await runTasks(s.last)) && ok)
    .catch((error: unknown) => {
      logger.error({ err: error }, `shutdown: ${describeError(error)}`);
      return false;
    });
  const outcome = await Promise.race([drained, grace]);
  hold.release();
  const durationMs = Math.round(performance.now() - started);
  if (outcome === true) logger.info({ durationMs }, "stopped");
  else logger.error({ durationMs, timedOut: outcome === "timeout" }, "stopped before finishing");
  process.exit(outcome === true ? 0 : 1);
}

/** Takes over SIGTERM and SIGINT for this process (once). */
export function installShutdownHandlers(graceMs = SHUTDOWN_GRACE_MS): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  for (const signal of SIGNALS) {
    const framework = process.listeners(signal) as ((signal: NodeJS.Signals) => void)[];
    process.removeAllListeners(signal);
    const handlers = framework.map((listener) => () => listener(signal));
    process.on(signal, () => void shutdown(signal, handlers, graceMs));
  }
}
