// The sync's progress in a terminal: one line, redrawn in place on a TTY (printed every few
// seconds otherwise): repositories done, the current repository's runs, an ETA from the
// details' pace, and the API budget GitHub says is left.
import type { SyncProgress } from "./context.ts";

const WIDTH = 24;

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** One progress line. `elapsedMs` is the time spent on the current repository's details. */
export function progressLine(
  p: SyncProgress,
  repos: { done: number; total: number },
  elapsedMs: number,
  budget: number | null,
): string {
  const share = p.detailsDue === 0 ? (p.phase === "done" ? 1 : 0) : p.detailsDone / p.detailsDue;
  const filled = Math.round(share * WIDTH);
  const bar = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}]`;
  const eta =
    p.detailsDone > 0 && p.detailsDue > p.detailsDone
      ? ` · ETA ${formatDuration((elapsedMs / p.detailsDone) * (p.detailsDue - p.detailsDone))}`
      : "";
  const runs = p.phase === "details" ? ` runs ${p.detailsDone}/${p.detailsDue}` : ` ${p.phase}`;
  const left = budget === null ? "" : ` · budget ${budget.toLocaleString("en-US")} left`;
  return `${bar} repos ${repos.done}/${repos.total} · ${p.repo}${runs}${eta}${left}`;
}

/** Draws progress lines on `stream`. */
export function createProgressPrinter(stream: NodeJS.WriteStream, budget: () => number | null) {
  let repoStarted = Date.now();
  let lastRepo = "";
  let lastPrint = 0;
  const repos = { done: 0, total: 0 };
  return {
    setTotal(total: number) {
      repos.total = total;
    },
    /** A repository finished (synced, failed or skipped). */
    repoDone() {
      repos.done++;
    },
    update(p: SyncProgress) {
      if (p.repo !== lastRepo) {
        lastRepo = p.repo;
        repoStarted = Date.now();
      }
      // The repository that just finished counts as done on its own last line.
      const shown = p.phase === "done" ? { ...repos, done: repos.done + 1 } : repos;
      const line = progressLine(p, shown, Date.now() - repoStarted, budget());
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
        if (p.phase === "done") stream.write("\n");
      } else if (p.phase === "done" || Date.now() - lastPrint > 5_000) {
        stream.write(`${line}\n`);
        lastPrint = Date.now();
      }
    },
  };
}
