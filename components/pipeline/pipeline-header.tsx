// The pipeline page's header: which pipeline, its state, whether it deploys, its open flags
// (severity by shape and word, and the message), a link to it on GitHub, and the scope controls.
"use client";
import Link from "next/link";
import a11y from "@/components/ui/a11y.module.css";
import type { PipelineDetail } from "@/lib/metrics/pipeline-detail";
import type { PipelineScopeParams } from "@/lib/pipeline-page";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { workflowUrl } from "./github-links";
import { SeverityIcon } from "./icons";
import { LocalTime } from "./local-time";
import styles from "./pipeline.module.css";
import { OpenFlags } from "./pipeline-flags";
import { ScopeControls } from "./scope-controls";

type Props = {
  id: string;
  detail: PipelineDetail;
  params: PipelineScopeParams;
  refreshError: unknown;
};

const STATES: Record<string, { label: string; tone: "ok" | "warn" | "bad" }> = {
  active: { label: "active", tone: "ok" },
  disabled_manually: { label: "disabled by a person", tone: "warn" },
  disabled_inactivity: { label: "disabled for inactivity", tone: "bad" },
  disabled_fork: { label: "disabled (fork)", tone: "warn" },
  deleted: { label: "deleted", tone: "bad" },
};

export function PipelineHeader({ id, detail, params, refreshError }: Props) {
  const { pipeline, runs } = detail;
  const now = Date.parse(detail.generatedAt);
  const state = STATES[pipeline.state] ?? {
    label: pipeline.state.replaceAll("_", " "),
    tone: "warn",
  };
  return (
    <header className={`card ${styles.header}`}>
      <nav aria-label="Breadcrumb" className={styles.crumbs}>
        <Link href="/">Overview</Link>
        <span aria-hidden="true"> / </span>
        <span>{pipeline.repo}</span>
      </nav>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>
          <span className={styles.repo}>{pipeline.repo}</span>
          <span className={styles.slash} aria-hidden="true">
            /
          </span>
          <span className={a11y.srOnly}> workflow </span>
          {pipeline.name}
        </h1>
        <a
          className={styles.github}
          href={workflowUrl(pipeline.repo, pipeline.path, runs[0]?.htmlUrl)}
          target="_blank"
          rel="noreferrer"
        >
          View on GitHub<span aria-hidden="true"> ↗</span>
        </a>
      </div>
      <ul className={styles.facts} aria-label="About this pipeline">
        <li>
          <span className={`pill ${state.tone}`} data-testid="pipeline-state">
            <span aria-hidden="true">{state.tone === "ok" ? "●" : "○"}</span>
            {state.label}
          </span>
        </li>
        <li data-testid="deploy-kind">
          {pipeline.isDeploy ? (
            <span className={styles.deploy}>
              <span aria-hidden="true">⇪ </span>Deploy pipeline
            </span>
          ) : (
            <span className="muted">Not a deploy pipeline</span>
          )}
        </li>
        <li>
          <code>{pipeline.path}</code>
        </li>
        <li className="muted">
          default branch <code>{pipeline.defaultBranch}</code>
        </li>
      </ul>
      <OpenFlags flags={pipeline.flags} now={now} />
      <ScopeControls id={id} params={params} defaultBranch={pipeline.defaultBranch} runs={runs} />
      <p className={styles.freshness}>
        {refreshError ? (
          <span className={styles.refreshError} role="status">
            <SeverityIcon severity="warning" size={14} /> Refreshing failed (
            {refreshError instanceof ApiRequestError ? refreshError.message : "server unreachable"}
            ): showing the data of <LocalTime at={detail.generatedAt} now={now} mode="absolute" />.
          </span>
        ) : (
          <>
            Data as of <LocalTime at={detail.generatedAt} now={now} mode="absolute" />; refreshes
            every 30 s.
          </>
        )}
      </p>
    </header>
  );
}
