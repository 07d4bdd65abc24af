// One chart of the pipeline page: a figure named by its caption, the drawing as an image with
// the summary as its description, and a legend in HTML (shape and word beside every colour).
import type { ReactNode } from "react";
import a11y from "@/components/ui/a11y.module.css";
import styles from "./charts.module.css";

export type LegendItem = {
  key: string;
  label: string;
  swatch:
    | "line"
    | "dashed"
    | "threshold"
    | "triangle"
    | "ok"
    | "bad-hatched"
    | "muted"
    | "warn"
    | "ok-line"
    | "warn-line"
    | "accent-line";
};

type Props = {
  id: string;
  title: string;
  summary: string;
  legend: LegendItem[];
  note?: ReactNode;
  noteTone?: "warn";
  height?: number;
  wide?: boolean;
  /** Said instead of drawing an empty chart. */
  empty?: string | null;
  children: ReactNode;
};

export function ChartFigure(props: Props) {
  const { id, title, summary, legend, note, noteTone, height = 170, wide, empty, children } = props;
  return (
    <figure
      className={`${styles.figure} ${wide ? styles.wide : ""}`}
      aria-labelledby={`${id}-title`}
      data-testid={`chart-${id}`}
    >
      <figcaption className={styles.caption}>
        <h3 id={`${id}-title`}>{title}</h3>
        {note && <span className={noteTone ? styles.noteWarn : styles.note}>{note}</span>}
      </figcaption>
      {empty ? (
        <p className={styles.empty} style={{ height: height / 2 }} id={`${id}-summary`}>
          {empty}
        </p>
      ) : (
        <div
          className={styles.plot}
          style={{ height }}
          role="img"
          aria-label={title}
          aria-describedby={`${id}-summary`}
        >
          {children}
        </div>
      )}
      {!empty && (
        <p id={`${id}-summary`} className={a11y.srOnly}>
          {summary}
        </p>
      )}
      {!empty && (
        <ul className={styles.legend} aria-hidden="true">
          {legend.map((item) => (
            <li key={item.key}>
              <span className={`${styles.swatch} ${styles[item.swatch] ?? ""}`} />
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
