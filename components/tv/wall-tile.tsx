// One pipeline on the wall: its state as icon, word and colour, its name, its most severe flag
// in a few words, the time since its last success and its last run's duration (else its median)
// against its threshold. Everything is on the tile: a wall has no hover.
import { formatDuration, formatDurationShort, formatRelative } from "@/lib/format";
import styles from "./wall.module.css";
import { StateIcon } from "./wall-icons.tsx";
import type { PlacedTile } from "./wall-layout.ts";
import type { Tile } from "./wall-model.ts";

function lastSuccess(t: Tile, now: number): string {
  if (t.lastSuccessAt === null) return "No success in 30 days";
  return `Last success ${formatRelative(t.lastSuccessAt, now)}`;
}

/** The last run's duration against the threshold, else (a run still going) the median's. */
function timing(t: Tile): { text: string; over: boolean } {
  const [label, ms] = t.lastDurationMs !== null ? ["Last", t.lastDurationMs] : ["p50", t.p50Ms];
  if (ms === null) return { text: "no timing yet", over: false };
  const over = ms > t.thresholdMs;
  const text = `${label} ${formatDuration(ms)} ${over ? ">" : "≤"} ${formatDurationShort(t.thresholdMs)}`;
  return { text, over };
}

type Props = {
  placed: PlacedTile;
  now: number;
  /** The owner every tile of the wall shares, left out of the names (the header names it). */
  owner: string | null;
};

export function WallTile({ placed, now, owner }: Props) {
  const { tile: t, span } = placed;
  return (
    <article
      className={`${styles.tile} ${styles[t.level]}`}
      style={span === 2 ? { gridColumn: "span 2" } : undefined}
      data-testid="tv-tile"
      data-level={t.level}
      data-state={t.state}
      aria-label={`${t.repo} ${t.name}: ${t.state}`}
    >
      <div className={styles.state}>
        <StateIcon state={t.state} className={styles.icon} />
        <span>{t.state}</span>
        {t.running && t.state !== "running" ? <span className={styles.also}>running</span> : null}
      </div>
      <div className={styles.name}>
        <span className={styles.repo}>{owner ? t.repo.slice(owner.length + 1) : t.repo}/</span>
        <span className={styles.workflow}>{t.name}</span>
      </div>
      {t.headline ? (
        <div className={styles.headline} data-testid="tv-headline">
          {t.headline}
          {t.moreFlags > 0 ? <span className={styles.also}> +{t.moreFlags} more</span> : null}
        </div>
      ) : null}
      <div className={styles.facts}>
        <span>{lastSuccess(t, now)}</span>
        <span className={timing(t).over ? styles.over : undefined}>{timing(t).text}</span>
      </div>
    </article>
  );
}
