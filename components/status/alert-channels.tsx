// The alert channels on the status page: each one's state in words and symbol, its last
// success and last failure with the error in full, and what waits. From GET /api/v1/sync (the
// same query as the sync table, so one request refreshes both); names only, never URLs.
"use client";
import a11y from "@/components/ui/a11y.module.css";
import tables from "@/components/ui/data-table.module.css";
import { type PillTone, StatusPill } from "@/components/ui/status-pill";
import { TimeAgo } from "@/components/ui/time-ago";
import type { AlertChannelStatus } from "@/lib/alerts/status";
import { formatCount } from "@/lib/format";
import { useSyncQuery } from "@/lib/queries/hooks";
import type { SyncReport } from "@/lib/sync/sync-report";
import styles from "./status.module.css";

const STATES: Record<
  AlertChannelStatus["state"],
  { tone: PillTone; label: string; meaning: string }
> = {
  ok: { tone: "ok", label: "delivering", meaning: "Its last delivery went through." },
  failing: {
    tone: "bad",
    label: "failing",
    meaning: "Its last attempt failed, or deliveries were given up: alerts are not arriving.",
  },
  idle: {
    tone: "warn",
    label: "nothing sent yet",
    meaning: "No flag has changed since it was set up.",
  },
};

const TYPES: Record<AlertChannelStatus["type"], string> = {
  slack: "Slack",
  webhook: "Webhook",
  email: "E-mail",
};

export function AlertChannels({ initial }: { initial: SyncReport | null }) {
  const query = useSyncQuery({ initialData: initial ?? undefined });
  const report = query.data;
  if (!report) return null;
  const channels = report.alerts;
  const now = Date.parse(report.generatedAt);
  return (
    <section className="card" aria-labelledby="alerts-title" data-testid="alert-channels">
      <h2 id="alerts-title">Alert channels</h2>
      {report.alertsProblem ? (
        <p className={tables.problem} role="alert">
          <span aria-hidden="true">✕ </span>
          No alert is sent: {report.alertsProblem}.
        </p>
      ) : channels.length === 0 ? (
        <p className={styles.hint}>
          No alert channel is configured: flags show here and on the pipelines, but nobody is told.
          Set <code>ALERT_SLACK_WEBHOOK_URL</code>, <code>ALERT_WEBHOOK_URL</code>,{" "}
          <code>ALERT_EMAIL_TO</code> or <code>PIPEWATCH_ALERTS_FILE</code>.
        </p>
      ) : (
        <div className={tables.scroll}>
          <table className={tables.table}>
            <caption className={a11y.srOnly}>Each alert channel's deliveries</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">State</th>
                <th scope="col">Last success</th>
                <th scope="col">Last failure</th>
                <th scope="col">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <ChannelRow key={c.name} channel={c} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ChannelRow({ channel: c, now }: { channel: AlertChannelStatus; now: number }) {
  const state = STATES[c.state];
  return (
    <tr data-testid="alert-channel" data-channel={c.name} data-state={c.state}>
      <th scope="row">
        <code>{c.name}</code>
        <div className={tables.sub}>{TYPES[c.type]}</div>
      </th>
      <td data-label="State">
        <StatusPill tone={state.tone} label={state.label} title={state.meaning} />
        {c.failed > 0 && (
          <div className={tables.sub}>
            {formatCount(c.failed)} {c.failed === 1 ? "alert" : "alerts"} given up
          </div>
        )}
      </td>
      <td data-label="Last success">
        <TimeAgo at={c.lastSuccessAt} now={now} />
      </td>
      <td data-label="Last failure">
        <TimeAgo at={c.lastFailureAt} now={now} never="none" />
        {c.lastError && c.state === "failing" && (
          <div className={styles.channelError}>{c.lastError}</div>
        )}
      </td>
      <td data-label="Waiting">{c.pending === 0 ? "none" : `${formatCount(c.pending)} to send`}</td>
    </tr>
  );
}
