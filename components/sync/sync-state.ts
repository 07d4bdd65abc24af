// How each sync state reads: a word, a symbol and a tone (colour is never the only signal), and
// one sentence saying what it means.
import type { PillTone } from "@/components/ui/status-pill";
import type { RepoSyncReport } from "@/lib/sync/sync-report";

type StateLook = { icon: string; label: string; tone: PillTone; meaning: string };

export const SYNC_STATES: Record<RepoSyncReport["state"], StateLook> = {
  ok: { icon: "✓", label: "synced", tone: "ok", meaning: "Synced, history complete." },
  backfilling: {
    icon: "↻",
    label: "backfilling",
    tone: "warn",
    meaning: "The first sync is still reading the history.",
  },
  waiting: { icon: "…", label: "waiting", tone: "warn", meaning: "Not synced yet." },
  failing: {
    icon: "✕",
    label: "failing",
    tone: "bad",
    meaning: "No successful sync for three poll intervals: its numbers may be old.",
  },
  untracked: {
    icon: "–",
    label: "not watched",
    tone: "warn",
    meaning: "No longer in PIPEWATCH_REPOS: its history is kept, nothing syncs it.",
  },
};

/** Whether a repository's first sync is under way, so the page should follow it closely. */
export function isSyncInProgress(repositories: RepoSyncReport[]): boolean {
  return repositories.some((r) => r.state === "backfilling" || r.state === "waiting");
}

/** `8 synced, 1 backfilling`: the count of each state present, most worrying first. */
export function summarizeStates(repositories: RepoSyncReport[]): string {
  const order: RepoSyncReport["state"][] = ["failing", "backfilling", "waiting", "ok", "untracked"];
  return order
    .map((state) => [state, repositories.filter((r) => r.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${SYNC_STATES[state].label}`)
    .join(", ");
}
