// The Overview's filters: search, repository, branch, window, flagged only, and (on a phone,
// where the table's headers are hidden) the sort. Every change goes to the URL at once.
"use client";
import { useId, useState } from "react";
import base from "./overview.module.css";
import styles from "./overview-filters.module.css";
import {
  DEFAULT_PARAMS,
  FIRST_DIR,
  type OverviewParams,
  SORT_KEYS,
  type SortKey,
  WINDOWS,
} from "./overview-params.ts";
import { COLUMNS } from "./pipeline-table.tsx";

const OTHER = "\u0000other";
const WINDOW_LABELS: Record<string, string> = {
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
};

type Props = {
  params: OverviewParams;
  setParams: (change: Partial<OverviewParams>) => void;
  repos: string[];
};

function BranchPicker({ params, setParams }: Omit<Props, "repos">) {
  const id = useId();
  const [other, setOther] = useState(false);
  const [draft, setDraft] = useState("");
  const named = params.branch && params.branch !== "*" ? params.branch : null;
  const apply = () => {
    setOther(false);
    if (draft.trim()) setParams({ branch: draft.trim() });
  };
  return (
    <div className={styles.field}>
      <label htmlFor={`${id}-branch`}>Branch</label>
      <select
        id={`${id}-branch`}
        value={other ? OTHER : params.branch}
        onChange={(event) => {
          const value = event.target.value;
          setOther(value === OTHER);
          if (value !== OTHER) setParams({ branch: value });
        }}
      >
        <option value="">Default branch</option>
        <option value="*">All branches</option>
        {named && <option value={named}>{named}</option>}
        <option value={OTHER}>Other branch…</option>
      </select>
      {other && (
        <span className={styles.branchOther}>
          <input
            aria-label="Branch name"
            placeholder="e.g. release/1.x"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") apply();
              if (event.key === "Escape") setOther(false);
            }}
          />
          <button type="button" className={base.button} onClick={apply}>
            Apply
          </button>
        </span>
      )}
    </div>
  );
}

export function OverviewFilters({ params, setParams, repos }: Props) {
  const id = useId();
  // The box keeps what is typed; the URL follows it (a round trip through the URL would move
  // the caret while typing).
  const [query, setQuery] = useState(params.q);
  // ...and follows the URL when something else changes it ("Clear the filters").
  const [seen, setSeen] = useState(params.q);
  if (params.q !== seen) {
    setSeen(params.q);
    setQuery(params.q);
  }
  const changed =
    params.q !== "" ||
    params.repo !== "" ||
    params.flagged ||
    params.branch !== "" ||
    params.window !== DEFAULT_PARAMS.window;
  return (
    <search className={styles.filters} aria-label="Filter pipelines">
      <div className={`${styles.field} ${styles.searchField}`}>
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Search by repository, workflow or file"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setParams({ q: event.target.value });
          }}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-repo`}>Repository</label>
        <select
          id={`${id}-repo`}
          value={params.repo}
          onChange={(event) => setParams({ repo: event.target.value })}
        >
          <option value="">All repositories</option>
          {params.repo && !repos.includes(params.repo) && (
            <option value={params.repo}>{params.repo}</option>
          )}
          {repos.map((repo) => (
            <option key={repo} value={repo}>
              {repo}
            </option>
          ))}
        </select>
      </div>
      <BranchPicker params={params} setParams={setParams} />
      <fieldset className={styles.segments}>
        <legend>Window</legend>
        {WINDOWS.map((window) => (
          <label key={window} title={`Runs created in the last ${WINDOW_LABELS[window]}`}>
            <input
              type="radio"
              name={`${id}-window`}
              value={window}
              checked={params.window === window}
              onChange={() => setParams({ window })}
            />
            <span>{window}</span>
          </label>
        ))}
      </fieldset>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={params.flagged}
          onChange={(event) => setParams({ flagged: event.target.checked })}
        />
        Flagged only
      </label>
      <div className={`${styles.field} ${styles.phoneOnly}`}>
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          value={`${params.sort} ${params.dir}`}
          onChange={(event) => {
            const [sort, dir] = event.target.value.split(" ") as [SortKey, "asc" | "desc"];
            setParams({ sort, dir });
          }}
        >
          {SORT_KEYS.flatMap((key) => {
            const label =
              key === "attention" ? "Needs attention" : COLUMNS.find((c) => c.key === key)?.label;
            const other = FIRST_DIR[key] === "asc" ? "desc" : "asc";
            return [
              <option key={`${key} ${FIRST_DIR[key]}`} value={`${key} ${FIRST_DIR[key]}`}>
                {label}
              </option>,
              <option key={`${key} ${other}`} value={`${key} ${other}`}>
                {label} (reversed)
              </option>,
            ];
          })}
        </select>
      </div>
      {changed && (
        <button
          type="button"
          className={base.linkButton}
          onClick={() => {
            setQuery("");
            setParams({ ...DEFAULT_PARAMS, sort: params.sort, dir: params.dir });
          }}
        >
          Reset filters
        </button>
      )}
    </search>
  );
}
