// The load benchmark's measurements: autocannon against one target, and the poller's schedule
// read from sync_states while it runs (each new last_attempt_at is the start of a sync, its
// previous next_sync_at the time it was due).
import autocannon from "autocannon";
import pg from "pg";

export type Target = { name: string; paths: string[] };

export type LoadResult = {
  target: string;
  clients: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  from: number;
  to: number;
};

/** `clients` connections for `seconds` against the target's paths, in turn on each connection. */
export async function hammer(
  base: string,
  target: Target,
  clients: number,
  seconds: number,
): Promise<LoadResult> {
  const from = Date.now();
  const result = await autocannon({
    url: base,
    connections: clients,
    duration: seconds,
    timeout: 30,
    requests: target.paths.map((path) => ({ method: "GET", path })),
  });
  return {
    target: target.name,
    clients,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    from,
    to: Date.now(),
  };
}

export function printLoads(results: LoadResult[]): void {
  const head = [
    "target",
    "clients",
    "requests",
    "req/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "errors",
    "non-2xx",
  ];
  const rows = results.map((r) => [
    r.target,
    String(r.clients),
    String(r.requests),
    r.rps.toFixed(1),
    String(r.p50),
    String(r.p99),
    String(r.max),
    String(r.errors),
    String(r.non2xx),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of [head, ...rows])
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join("  "),
    );
}

type Sample = { at: number; repos: Map<string, { attempt: number; due: number }> };
export type SyncStart = { repo: string; at: number; late: number };

/** Reads sync_states every second until stopped; returns the sync starts it saw. */
export function watchSchedule(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ repo: string; attempt: Date | null; due: Date | null }>(
        `SELECT r.full_name AS repo, s.last_attempt_at AS attempt, s.next_sync_at AS due
           FROM repositories r JOIN sync_states s ON s.repo_id = r.id WHERE r.tracked`,
      );
      const repos = new Map<string, { attempt: number; due: number }>();
      for (const row of rows)
        if (row.attempt && row.due)
          repos.set(row.repo, { attempt: row.attempt.getTime(), due: row.due.getTime() });
      samples.push({ at: Date.now(), repos });
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await client.end();
  })();
  return {
    stop: async (): Promise<SyncStart[]> => {
      stopped = true;
      await loop;
      return syncStarts(samples);
    },
  };
}

/** Each sync that began between two samples, and how late after its due time. */
function syncStarts(samples: Sample[]): SyncStart[] {
  const starts: SyncStart[] = [];
  for (let i = 1; i < samples.length; i++) {
    for (const [repo, now] of samples[i]?.repos ?? []) {
      const before = samples[i - 1]?.repos.get(repo);
      if (!before || now.attempt === before.attempt) continue;
      starts.push({ repo, at: now.attempt, late: Math.max(0, now.attempt - before.due) });
    }
  }
  return starts;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
};

/** The syncs begun within the windows: how many, and how late after their due time. */
export function describeSchedule(starts: SyncStart[], windows: { from: number; to: number }[]) {
  const within = starts.filter((s) => windows.some((w) => s.at >= w.from && s.at < w.to));
  const late = within.map((s) => s.late / 1000);
  const minutes = windows.reduce((sum, w) => sum + (w.to - w.from), 0) / 60_000;
  return {
    starts: within.length,
    perMinute: within.length / minutes,
    lateP50: quantile(late, 0.5),
    lateP95: quantile(late, 0.95),
    lateMax: late.length ? Math.max(...late) : Number.NaN,
  };
}
