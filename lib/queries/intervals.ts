// How often the browser views refresh themselves (react-query polling), in one place.

/** The team dashboard's pages. */
export const DASHBOARD_REFRESH_MS = 30_000;
/** The TV wall: it must notice an outage within two of these. */
export const WALL_REFRESH_MS = 15_000;
/** Data counts as fresh this long after it was fetched (no refetch on remount meanwhile). */
export const STALE_TIME_MS = 10_000;
