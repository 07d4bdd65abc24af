// The digest page's building blocks: a number with its change since the week before, a card
// with a table, and a pipeline's name linking to its page.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Change } from "@/lib/digest/compare";
import { type Better, describeChange, type Unit } from "@/lib/digest/describe";
import styles from "./digest.module.css";

/** Good news green, bad news red, the rest muted. */
const TONE = { good: "var(--ok)", bad: "var(--bad)", neutral: "var(--muted)" };

export function Delta({ change, unit, better }: { change: Change; unit: Unit; better: Better }) {
  const c = describeChange(change, unit, better);
  return (
    <>
      <strong>{c.value}</strong>
      {c.arrow ? (
        <>
          {" "}
          <span style={{ color: TONE[c.tone] }} data-tone={c.tone}>
            {c.arrow} {c.delta}
          </span>
          <div className={styles.sub}>was {c.previous}</div>
        </>
      ) : null}
    </>
  );
}

export function PipelineName({ p }: { p: { id: string; repo: string; name: string } }) {
  return (
    <td>
      <Link href={`/pipelines/${p.id}`}>{p.name}</Link>
      <div className={styles.sub}>{p.repo}</div>
    </td>
  );
}

/** A card with a heading and a table of `columns`; `empty` when there are no rows. */
export function TableCard({
  title,
  columns,
  rows,
  empty,
  testId,
}: {
  title: string;
  columns: string[];
  rows: ReactNode[];
  empty: string;
  testId: string;
}) {
  const id = `digest-${testId}`;
  return (
    <section className={`card ${styles.section}`} aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className={styles.empty}>{empty}</p>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={c} className={i > 0 ? styles.num : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const numClass = styles.num;

/** A column of numbers with their change: `value` reads it from an item. */
export type Column<T> = { label: string; value: (item: T) => Change; unit: Unit; better: Better };

type Named = { id: string; repo: string; name: string };

/** A card listing pipelines, one row each: the name (a link to its page), then `columns`. */
export function PipelineCard<T extends Named>(props: {
  title: string;
  testId: string;
  empty: string;
  items: T[];
  columns: Column<T>[];
}) {
  return (
    <TableCard
      title={props.title}
      testId={props.testId}
      empty={props.empty}
      columns={["Pipeline", ...props.columns.map((c) => c.label)]}
      rows={props.items.map((item) => (
        <tr key={item.id}>
          <PipelineName p={item} />
          {props.columns.map((c) => (
            <td key={c.label} className={styles.num}>
              <Delta change={c.value(item)} unit={c.unit} better={c.better} />
            </td>
          ))}
        </tr>
      ))}
    />
  );
}
