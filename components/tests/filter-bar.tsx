// The Flaky tests page's filters: window, repository and a search, each with a visible label.
"use client";
import { type TestFilters, WINDOW_LABELS, WINDOWS } from "./filters.ts";
import styles from "./tests.module.css";

type Props = {
  filters: TestFilters;
  repos: string[];
  onChange: (change: Partial<TestFilters>) => void;
};

export function FilterBar({ filters, repos, onChange }: Props) {
  return (
    <search className={styles.filters}>
      <form onSubmit={(event) => event.preventDefault()} className={styles.filterForm}>
        <label className={styles.field}>
          <span>Window</span>
          <select
            value={filters.window}
            onChange={(event) => onChange({ window: event.target.value as TestFilters["window"] })}
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {WINDOW_LABELS[w]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Repository</span>
          <select value={filters.repo} onChange={(event) => onChange({ repo: event.target.value })}>
            <option value="">All repositories</option>
            {repos.map((repo) => (
              <option key={repo} value={repo}>
                {repo}
              </option>
            ))}
          </select>
        </label>
        <label className={`${styles.field} ${styles.searchField}`}>
          <span>Search</span>
          <input
            type="search"
            value={filters.q}
            placeholder="Test, suite or repository"
            onChange={(event) => onChange({ q: event.target.value })}
          />
        </label>
      </form>
    </search>
  );
}
