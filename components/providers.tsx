// The browser's one QueryClient, configured on purpose: short staleness, one retry (a failing
// API shows its error rather than spinning), polling set per hook (lib/queries/intervals.ts).
"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { STALE_TIME_MS } from "@/lib/queries/intervals";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: STALE_TIME_MS,
            retry: 1,
            refetchOnWindowFocus: true,
            // Keep polling in a background tab: a wall or a second screen is never focused.
            refetchIntervalInBackground: true,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
