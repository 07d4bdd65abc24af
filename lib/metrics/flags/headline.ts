// A flag in a few words, for the TV wall ("Deploy skipped for 5 runs"): read from the numbers
// each rule keeps in its flag's `detail`, at display time. Not stored: a stored "No deploy for
// 3 days" would still say 3 days on the fifth day, and the full sentence stays the `message`.
// Pure and free of server code, so the browser computes it.
import { formatDurationShort, formatPercent } from "@/lib/format";

export type HeadlineFlag = {
  kind: string;
  message: string;
  /** The rule's numbers (GET /api/v1/flags); absent or partial: the message's first clause. */
  detail?: Record<string, unknown>;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const num = (detail: Record<string, unknown>, key: string): number | null => {
  const value = detail[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
};

const time = (detail: Record<string, unknown>, key: string): number | null => {
  const value = detail[key];
  const at = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? null : at;
};

/** `3 days`, `5 hours`, `12 minutes`: an age read from across the room. */
export function roughAge(ms: number): string {
  const [value, unit] =
    ms >= 2 * DAY
      ? [Math.floor(ms / DAY), "day"]
      : ms >= 2 * HOUR
        ? [Math.floor(ms / HOUR), "hour"]
        : [Math.max(1, Math.floor(ms / 60_000)), "minute"];
  return `${value} ${unit}${value === 1 ? "" : "s"}`;
}

/** The message up to its first colon or semicolon (every rule's message opens with its gist). */
function gist(message: string): string {
  const cut = message.search(/[:;]/);
  const text = (cut > 0 ? message.slice(0, cut) : message).trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The flag in at most a few words, as of `now` (epoch ms). */
export function flagHeadline(flag: HeadlineFlag, now: number): string {
  const d = flag.detail ?? {};
  switch (flag.kind) {
    case "slow": {
      const p50 = num(d, "p50Ms");
      const threshold = num(d, "thresholdMs");
      if (p50 !== null && threshold !== null)
        return `Slow: p50 ${formatDurationShort(p50)} > ${formatDurationShort(threshold)}`;
      break;
    }
    case "deploy_skipped": {
      const runs = num(d, "runs");
      if (runs !== null) return `Deploy skipped for ${runs} run${runs === 1 ? "" : "s"}`;
      break;
    }
    case "deploy_stalled": {
      const last = time(d, "lastDeployAt");
      const pushes = num(d, "pushes");
      if (last !== null && pushes !== null)
        return `No deploy for ${roughAge(now - last)} while ${pushes} commit${pushes === 1 ? "" : "s"} landed`;
      break;
    }
    case "deploy_suspicious": {
      const ms = num(d, "ms");
      const median = num(d, "medianMs");
      if (ms !== null && median !== null)
        return `Deploy too fast: ${formatDurationShort(ms)}, usually ${formatDurationShort(median)}`;
      break;
    }
    case "workflow_disabled":
      if (d.state === "disabled_inactivity") return "Disabled by GitHub: 60 days idle";
      if (d.state === "disabled_manually") return "Disabled by hand";
      break;
    case "flaky": {
      const rate = num(d, "rate");
      if (rate !== null) return `Flaky: ${formatPercent(rate)} of commits pass on re-run`;
      break;
    }
    case "cache_degraded": {
      const recent = num(d, "recentHitRate");
      const before = num(d, "baselineHitRate");
      if (recent !== null && before !== null)
        return `Cache hits ${formatPercent(recent)}, was ${formatPercent(before)}`;
      break;
    }
    case "stale_data": {
      const last = time(d, "lastSuccessAt");
      if (last !== null) return `Data ${roughAge(now - last)} old: sync failing`;
      break;
    }
  }
  return gist(flag.message);
}
