// The OpenAPI schemas of GET /api/v1/sync and GET /api/health, and the error body every JSON
// route answers with (lib/api/http.ts).

import type { AlertChannelStatus } from "@/lib/alerts/status";
import type { Health } from "@/lib/health";
import type { SyncSummary } from "@/lib/sync/status";
import type { RepoSyncReport, SyncReport } from "@/lib/sync/sync-report";
import type { ApiError } from "./http.ts";
import {
  arrayOf,
  boolean,
  count,
  dateTime,
  enumOf,
  nullable,
  object,
  rate,
  ref,
  string,
} from "./openapi-schema.ts";
import type { JsonSchema } from "./openapi-types.ts";

const RepoSyncReportSchema = object<RepoSyncReport>("One repository's sync.", {
  repo: string("The repository, owner/name."),
  tracked: boolean("Still configured; an untracked repository keeps its history, unsynced."),
  state: enumOf(
    ["ok", "backfilling", "failing", "waiting", "untracked"],
    "failing: no successful sync for three poll intervals; backfilling: a first sync still moving; waiting: never attempted.",
  ),
  lastAttemptAt: nullable(dateTime("When a sync last started.")),
  lastSuccessAt: nullable(dateTime("When a sync last finished successfully.")),
  lastError: nullable(string("The last error's message (never a stack, never a token).")),
  consecutiveFailures: count("Syncs failed since the last success."),
  runsStored: count("Runs of the repository in the database, any age and branch."),
  backfill: object<RepoSyncReport["backfill"]>("The first sync's progress through history.", {
    from: nullable(dateTime("Runs created since then are backfilled; null before the first sync.")),
    doneAt: nullable(dateTime("When the backfill finished; null until then.")),
    progress: rate("1 once done, else the share of the due runs whose details are stored."),
    runsExpected: nullable(count("Runs the backfill expects; null while unknown.")),
    runsSynced: count("Runs whose details are stored."),
  }),
  api: object<RepoSyncReport["api"]>("GitHub API usage.", {
    requestsSpent: count("Requests spent on this repository's syncs, all time."),
    remaining: nullable(
      count(
        "The budget GitHub last reported (shared by the credentials); null when unknown or reset.",
      ),
    ),
    resetAt: nullable(dateTime("When GitHub said the budget resets.")),
  }),
});

const AlertChannelStatusSchema = object<AlertChannelStatus>(
  "One alert channel's deliveries (its name and type only: URLs and secrets are never shown).",
  {
    name: string(
      "The channel's name: slack, webhook or email, or its name in PIPEWATCH_ALERTS_FILE.",
    ),
    type: enumOf(["slack", "webhook", "email"], "How it is sent."),
    state: enumOf(
      ["ok", "failing", "idle"],
      "failing: its last attempt failed, or deliveries gave up since its last success; idle: nothing sent yet.",
    ),
    configuredAt: nullable(
      dateTime("When a worker first saw the channel (only later flag events are sent to it)."),
    ),
    lastSuccessAt: nullable(dateTime("When a delivery last succeeded.")),
    lastFailureAt: nullable(dateTime("When a delivery attempt last failed.")),
    lastError: nullable(
      string("The last failure in words, e.g. `the Slack webhook answered HTTP 404`."),
    ),
    pending: count("Deliveries waiting: to be retried, or for quiet hours to end."),
    failed: count("Deliveries given up since the last success."),
  },
);

const SyncReportSchema = object<SyncReport>(
  "Every repository's sync: the tracked ones by name, then the untracked ones.",
  {
    generatedAt: dateTime("When the report was computed."),
    degraded: boolean("Whether a tracked repository is failing."),
    repositories: arrayOf(ref("RepoSyncReport"), "The repositories."),
    alerts: arrayOf(ref("AlertChannelStatus"), "The configured alert channels."),
    alertsProblem: nullable(
      string("Why no alert is sent at all (PIPEWATCH_ALERTS_FILE is invalid); null when none."),
    ),
  },
);

const SyncSummarySchema = object<SyncSummary>(
  "Counts only: health is public; GET /api/v1/sync names the repositories.",
  {
    degraded: boolean("Whether a repository is failing."),
    repositories: count("Tracked repositories."),
    failing: count("Repositories without a successful sync for three poll intervals."),
    backfilling: count("Repositories whose first sync is still moving."),
    oldestSuccessAt: nullable(dateTime("The oldest last success; null when one never synced.")),
  },
);

const HealthSchema = object<Health>(
  "Whether Pipewatch can serve: its database and, when readable, the sync.",
  {
    status: enumOf(
      ["ok", "degraded", "error"],
      "error: the database is unreachable or behind (503); degraded: serving, but a repository is failing or the sync status unreadable.",
    ),
    database: object<Health["database"]>(
      "The database check.",
      {
        reachable: boolean("Whether it answered within 3 seconds."),
        kind: enumOf(["embedded", "postgresql"], "Embedded PGlite or a PostgreSQL server."),
        latencyMs: nullable(
          count("Round trip of SELECT 1, in milliseconds; null when unreachable."),
        ),
        migration: nullable(string("The latest migration applied; null when unknown.")),
        pendingMigrations: nullable(count("Migrations this version has that the database lacks.")),
        error: string("What is wrong, when something is; details are in the server's log."),
      },
      ["error"],
    ),
    sync: ref("SyncSummary"),
  },
  ["sync"],
);

const ErrorSchema = object<ApiError>("The body of every 4xx and 5xx answer of the JSON API.", {
  error: object<ApiError["error"]>(
    "What went wrong.",
    {
      message: string("A sentence for a person, naming the problem."),
      parameter: string("The query or path parameter at fault (400 answers)."),
    },
    ["parameter"],
  ),
});

export const statusSchemas: Record<string, JsonSchema> = {
  RepoSyncReport: RepoSyncReportSchema,
  SyncReport: SyncReportSchema,
  AlertChannelStatus: AlertChannelStatusSchema,
  SyncSummary: SyncSummarySchema,
  Health: HealthSchema,
  Error: ErrorSchema,
};
