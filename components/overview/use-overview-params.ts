// The Overview's state in the URL: read with useSearchParams, written with history.replaceState
// (Next keeps useSearchParams in step with it): a shallow update, no server round trip and no
// new history entry per keystroke, so a view can be shared and survives a reload.
"use client";
import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { type OverviewParams, overviewQueryString, readOverviewParams } from "./overview-params.ts";

export function useOverviewParams(): [OverviewParams, (change: Partial<OverviewParams>) => void] {
  const search = useSearchParams();
  const query = search.toString();
  // Held in state too, so that a control shows its new value in the same render as the click
  // (Next applies the new URL in a later one: a controlled radio would flick back meanwhile).
  const [params, setParams] = useState(() => readOverviewParams((name) => search.get(name)));
  const [seen, setSeen] = useState(query);
  if (query !== seen) {
    // The URL changed (this hook's own write, or back and forward): follow it.
    setSeen(query);
    setParams(readOverviewParams((name) => search.get(name)));
  }
  const update = useCallback((change: Partial<OverviewParams>) => {
    // From the address bar rather than the render's params: two changes in one tick both count.
    const current = new URLSearchParams(window.location.search);
    const next = { ...readOverviewParams((name) => current.get(name)), ...change };
    setParams(next);
    const url = `${window.location.pathname}${overviewQueryString(next)}${window.location.hash}`;
    // null, not history.state: Next syncs useSearchParams only for a state that is not its own.
    window.history.replaceState(null, "", url);
  }, []);
  return [params, update];
}
