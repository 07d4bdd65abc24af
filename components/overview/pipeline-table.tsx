// The Overview's pipelines: a table whose column headers sort it (buttons, so the keyboard can;
// aria-sort on the sorted one). On a phone the header row is hidden and each row is a card;
// the filters' "Sort by" menu sorts there.
"use client";
import a11y from "@/components/ui/a11y.module.css";
import type { Pipeline } from "@/lib/metrics/pipelines";
import type { SparklinePoint } from "@/lib/metrics/sparklines";
import type { SortDir, SortKey } from "./overview-params.ts";
import { PipelineRow } from "./pipeline-row.tsx";
import styles from "./pipeline-table.module.css";

/** The columns in order, with the sort each header applies. */
export const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: "pipeline", label: "Pipeline", title: "Repository and workflow" },
  {
    key: "attention",
    label: "Flags",
    title:
      "Open flags: critical first, then warnings, then by failure streak, time since the last success and runs",
  },
  { key: "lastRun", label: "Last run", title: "The latest run on the branch, whatever the window" },
  {
    key: "successRate",
    label: "Success",
    title: "Successful runs / completed runs, cancelled ones left out",
  },
  {
    key: "duration",
    label: "Duration p50 / p95",
    title:
      "Median and 95th percentile duration of the successful runs; the line: median per day (hour for 24h)",
  },
  {
    key: "cache",
    label: "Cache hits",
    title: "Cache restores with the primary key / all restores",
  },
  { key: "flaky", label: "Flaky", title: "Commits whose run failed, then passed on a re-run" },
  { key: "lastSuccess", label: "Last success", title: "On the default branch, any time" },
  { key: "lastDeploy", label: "Last deploy", title: "Deploy pipelines only" },
];

type Props = {
  pipelines: Pipeline[];
  sparklines: Map<string, SparklinePoint[]>;
  bucket: string;
  now: number;
  scopeQuery: string;
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  /** New data for a new scope is on its way: the rows shown are the previous scope's. */
  stale: boolean;
};

export function PipelineTable(props: Props) {
  const { pipelines, sparklines, bucket, now, scopeQuery, sort, dir, onSort, stale } = props;
  const sorted = COLUMNS.find((c) => c.key === sort);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-busy={stale} data-stale={stale}>
        <caption className={a11y.srOnly}>
          Pipelines, sorted by {sorted?.label ?? sort}, {dir === "asc" ? "ascending" : "descending"}
          . The column headers are buttons that sort.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.key === sort;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  <button
                    type="button"
                    className={styles.sortButton}
                    title={column.title}
                    onClick={() => onSort(column.key)}
                  >
                    {column.label}
                    <span aria-hidden="true" className={styles.sortMark} data-active={active}>
                      {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {pipelines.map((p) => (
            <PipelineRow
              key={p.id}
              pipeline={p}
              points={sparklines.get(p.id)}
              bucket={bucket}
              now={now}
              scopeQuery={scopeQuery}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
