// Small inline icons whose shapes differ as much as their colours: a run's outcome and a flag's
// severity read without colour (and without depending on the fonts of the viewer).
import type { Outcome } from "./outcome.ts";

type IconProps = { size?: number; className?: string };

const PATHS: Record<Outcome, React.ReactNode> = {
  success: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.6 8.2 7 10.5l4.4-4.7" fill="none" stroke="var(--surface)" strokeWidth="1.8" />
    </>
  ),
  failure: (
    <>
      <rect x="1" y="1" width="14" height="14" rx="2.5" fill="currentColor" />
      <path d="m5 5 6 6m0-6-6 6" stroke="var(--surface)" strokeWidth="1.8" />
    </>
  ),
  cancelled: (
    <>
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="m3.8 12.2 8.4-8.4" stroke="currentColor" strokeWidth="1.6" />
    </>
  ),
  skipped: (
    <>
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M4.8 8h6.4" stroke="currentColor" strokeWidth="1.6" />
    </>
  ),
  running: (
    <>
      <circle
        cx="8"
        cy="8"
        r="6.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeDasharray="3 2"
      />
      <circle cx="8" cy="8" r="2.4" fill="currentColor" />
    </>
  ),
  queued: (
    <>
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.4 1.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </>
  ),
  other: (
    <>
      <path d="M8 1 15 8 8 15 1 8Z" fill="currentColor" />
      <path d="M8 4.5v4.2M8 10.6v1" stroke="var(--surface)" strokeWidth="1.6" />
    </>
  ),
};

/** The icon of a run's or a job's outcome; decorative (the word beside it says the same). */
export function OutcomeIcon({ outcome, size = 16, className }: IconProps & { outcome: Outcome }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {PATHS[outcome]}
    </svg>
  );
}

/** A flag's severity: an octagon for critical, a triangle for a warning; decorative. */
export function SeverityIcon({ severity, size = 16, className }: IconProps & { severity: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {severity === "critical" ? (
        <path d="M5.2 1h5.6L15 5.2v5.6L10.8 15H5.2L1 10.8V5.2Z" fill="currentColor" />
      ) : (
        <path d="M8 1.2 15.2 14H.8Z" fill="currentColor" />
      )}
      <path
        d={severity === "critical" ? "M8 4.2v4.6M8 10.8v1.2" : "M8 5.6v4M8 11.3v1.1"}
        stroke="var(--surface)"
        strokeWidth="1.7"
      />
    </svg>
  );
}
