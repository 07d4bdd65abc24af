// A note above a page whose address holds a parameter it does not understand: which one, what it
// takes, and what the page shows instead (its default), so a mistyped or outdated link still
// shows something useful and says so, rather than failing or silently showing another view.
import styles from "./param-notice.module.css";

export type ParamProblem = {
  parameter: string;
  value: string;
  /** The values it takes, in words: `24h, 7d, 30d or 90d`. */
  accepted: string;
  /** What the page shows instead: `the last 30 days`. */
  instead: string;
};

export function ParamNotice({ problems }: { problems: ParamProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className={styles.notice} role="status" data-testid="param-notice">
      {problems.map((p) => (
        <p key={p.parameter}>
          <strong>Ignored </strong>
          <code>
            {p.parameter}={p.value}
          </code>{" "}
          in the address: <code>{p.parameter}</code> takes {p.accepted}. Showing {p.instead}.
        </p>
      ))}
    </div>
  );
}

/**
 * The problem with parameter `name` of a query (`get` returns its first value), if it is
 * present, not blank, and `valid` refuses it.
 */
export function paramProblem(
  get: (name: string) => string | null | undefined,
  name: string,
  valid: (value: string) => boolean,
  accepted: string,
  instead: string,
): ParamProblem[] {
  const value = get(name)?.trim();
  return value && !valid(value) ? [{ parameter: name, value, accepted, instead }] : [];
}
