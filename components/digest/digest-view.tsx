// The digest page's body: the week's totals, then a card per question (what got slower or
// faster, what is flaky, what the cache and the deploys did, which flags came and went) and
// every pipeline's numbers; each item links to its pipeline's page. Server-rendered.
import Link from "next/link";
import type { Change, Digest, DigestPipeline } from "@/lib/digest/compare";
import { type Better, type Unit, weekRange } from "@/lib/digest/describe";
import styles from "./digest.module.css";
import { type Column, Delta, numClass as num, PipelineCard, TableCard } from "./digest-parts";

/** On paper: no header, banner or skip link, and light colours whatever the screen's scheme. */
const PRINT_CSS = `@media print {
  .site-header, [data-testid="data-banner"], a[href="#content"] { display: none !important; }
  :root { --bg: #fff; --surface: #fff; --text: #000; --muted: #444; --border: #bbb;
    --accent: #000; --ok: #1a7f37; --bad: #cf222e; color-scheme: light; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  @page { margin: 14mm; }
}`;

function column<T>(
  label: string,
  value: (item: T) => Change,
  unit: Unit,
  better: Better = "neither",
): Column<T> {
  return { label, value, unit, better };
}

const DURATIONS = [
  column<DigestPipeline>("p50", (p) => p.p50, "duration", "down"),
  column<DigestPipeline>("p95", (p) => p.p95, "duration", "down"),
];

/** A card of pipelines (`testId` also names it for the e2e tests and the page's anchors). */
function card<T extends { id: string; repo: string; name: string }>(
  title: string,
  testId: string,
  empty: string,
  items: T[],
  columns: Column<T>[],
) {
  return <PipelineCard key={testId} {...{ title, testId, empty, items, columns }} />;
}

export function DigestView({ digest, publicUrl }: { digest: Digest; publicUrl: string }) {
  const d = digest;
  const week = (w: string) => <Link href={`/digest/${w}`}>{w}</Link>;
  const flagRow = (f: Digest["flags"]["opened"][number], i: number) => (
    <tr key={`${f.transition}-${i}`}>
      <td>
        {f.workflowId === null ? (
          f.repo
        ) : (
          <Link href={`/pipelines/${f.workflowId}`}>{f.workflowName ?? f.workflowId}</Link>
        )}
        <div className={styles.sub}>
          {f.repo} · {f.kind} ({f.severity})
        </div>
      </td>
      <td className={num}>{f.message}</td>
    </tr>
  );
  return (
    <main data-testid="digest">
      <style>{PRINT_CSS}</style>
      <div className={styles.head}>
        <div>
          <h1>
            Weekly digest <span className={styles.week}>{d.week}</span>
          </h1>
          <p className="muted">
            {weekRange(d.window, d.timeZone)} ({d.timeZone}) on each repository's default branch,
            compared with {d.previousWeek}.
            {d.complete ? "" : " This week is not over yet: its numbers are partial."}
          </p>
        </div>
        <nav className={styles.weeks} aria-label="Weeks">
          <span>← {week(d.previousWeek)}</span>
          <Link href={`${publicUrl}/digest/${d.week}`}>Link to this week</Link>
        </nav>
      </div>
      <section
        className={`card ${styles.section}`}
        aria-label="The week"
        data-testid="digest-totals"
      >
        <dl className="facts">
          <div>
            <dt>Total CI time</dt>
            <dd>
              <Delta change={d.totals.ciTimeMs} unit="duration" better="neither" />
            </dd>
          </div>
          <div>
            <dt>Runs</dt>
            <dd>
              <Delta change={d.totals.runs} unit="count" better="neither" />
            </dd>
          </div>
          <div>
            <dt>Pipelines that ran</dt>
            <dd>{d.totals.pipelines}</dd>
          </div>
          <div>
            <dt>Flags opened / resolved</dt>
            <dd>
              {d.flags.opened.length} / {d.flags.resolved.length}
            </dd>
          </div>
        </dl>
      </section>
      <div className={styles.grid}>
        {card("Slower", "slower", "No pipeline got 10% slower.", d.slower, DURATIONS)}
        {card("Faster", "faster", "No pipeline got 10% faster.", d.faster, DURATIONS)}
        {card("Flakiest pipelines", "flakiest", "No flaky runs this week.", d.flakiest, [
          column("Flaky runs", (p) => p.flakyRate, "rate", "down"),
          column("Success rate", (p) => p.successRate, "rate", "up"),
        ])}
        {card("Cache hit rate", "cache", "No cache hit rate moved by 5 points.", d.cache, [
          column("Hit rate", (p) => p.cacheHitRate, "rate", "up"),
        ])}
      </div>
      <TableCard
        title={`Flakiest tests${d.flakyTestsTotal > d.flakyTests.length ? ` (top ${d.flakyTests.length} of ${d.flakyTestsTotal})` : ""}`}
        testId="flaky-tests"
        empty="No flaky tests this week."
        columns={["Test", "Flaky commits", "Passed on retry"]}
        rows={d.flakyTests.map((t) => (
          <tr key={`${t.repo}/${t.suite}/${t.name}`}>
            <td>
              {t.suite} › {t.name}
              <div className={styles.sub}>
                {t.repo} ·{" "}
                {t.pipelines.map((p, i) => (
                  <span key={p.workflowId}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/pipelines/${p.workflowId}`}>{p.name}</Link>
                  </span>
                ))}
              </div>
            </td>
            <td className={num}>{t.flakyShas}</td>
            <td className={num}>{t.retriedPasses}</td>
          </tr>
        ))}
      />
      {card("Deploys", "deploys", "No deploy pipelines.", d.deploys, [
        column("Deploys", (p) => p.deploys, "count", "neither"),
        column("Longest gap", (p) => ({ current: p.longestGapMs, previous: null }), "duration"),
      ])}
      <div className={styles.grid}>
        {(["opened", "resolved"] as const).map((what) => (
          <TableCard
            key={what}
            title={`Flags ${what}`}
            testId={`flags-${what}`}
            empty={`No flag ${what} this week.`}
            columns={["Pipeline", "What"]}
            rows={d.flags[what].map(flagRow)}
          />
        ))}
      </div>
      {card("Every pipeline", "pipelines", "No runs this week or the week before.", d.pipelines, [
        column("Runs", (p) => p.runs, "count"),
        ...DURATIONS,
        column("CI time", (p) => p.ciTimeMs, "duration"),
      ])}
    </main>
  );
}
