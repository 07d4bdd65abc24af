// Applies the security headers to a response of proxy.ts (its own or the one it passes on).
import "server-only";
import { getConfig } from "@/lib/config";
import { securityHeaders } from "./headers.ts";

let cached: [string, string][] | undefined;

function headersOfConfig(): [string, string][] {
  const config = getConfig();
  cached ??= Object.entries(
    securityHeaders({
      development: !config.production,
      publicUrl: config.publicUrl,
      githubWebUrl: config.githubWebUrl,
      frameAncestors: config.frameAncestors,
    }),
  );
  return cached;
}

/** Sets every security header on `response` and returns it. */
export function withSecurityHeaders<T extends Response>(response: T): T {
  for (const [name, value] of headersOfConfig()) response.headers.set(name, value);
  return response;
}
