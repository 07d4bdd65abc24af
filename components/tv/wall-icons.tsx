// The state icons of the wall's tiles: shapes that differ as much as their colours (a square
// cross, a triangle, a ring, a disc with a tick), drawn inline so no font can miss a glyph.
import type { TileState } from "./wall-model.ts";

const SHAPES: Record<TileState, React.ReactNode> = {
  failing: (
    <>
      <rect x="1" y="1" width="22" height="22" rx="4" fill="currentColor" />
      <path d="m7 7 10 10m0-10L7 17" stroke="var(--tv-bg)" strokeWidth="3" />
    </>
  ),
  flagged: (
    <>
      <path d="M12 1.5 23 22H1z" fill="currentColor" />
      <path d="M12 8.5v6.5m0 2.5v2" stroke="var(--tv-bg)" strokeWidth="2.6" />
    </>
  ),
  running: (
    <>
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M9.5 7.5v9l7-4.5z" fill="currentColor" />
    </>
  ),
  passing: (
    <>
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d="m6.5 12.5 3.8 3.8 7.5-8" fill="none" stroke="var(--tv-bg)" strokeWidth="3" />
    </>
  ),
};

export function StateIcon({ state, className }: { state: TileState; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden="true">
      {SHAPES[state]}
    </svg>
  );
}
