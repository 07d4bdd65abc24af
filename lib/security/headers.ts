// The security headers of every response (set by proxy.ts, at run time: next.config's
// headers() is fixed at build time, and HSTS and form-action depend on run-time settings).
//
// script-src: the App Router streams its data as inline <script> tags whose contents change on
// every request, so without per-request nonces (which would make every page dynamic and
// uncacheable) the only policy that lets pages hydrate is 'self' 'unsafe-inline'. No
// 'unsafe-eval' in production (development's React refresh needs it); no third-party origins.
// The other directives are what limit an injected script: it can reach no other origin
// (connect-src, form-action), load no plugin (object-src), rebase no URL (base-uri).

export type SecurityHeaderOptions = {
  /** `next dev`: React's refresh runtime needs eval and a WebSocket. */
  development: boolean;
  /** PIPEWATCH_PUBLIC_URL: HSTS only when it is https. */
  publicUrl: string;
  /** GitHub's web origin, where the OAuth sign-in form's POST is redirected. */
  githubWebUrl: string;
  /** Origins allowed to frame Pipewatch (a TV wall in a dashboard); none by default. */
  frameAncestors: string[];
};

function originOf(url: string): string {
  return new URL(url).origin;
}

/** The Content-Security-Policy header's value. */
export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const script = ["'self'", "'unsafe-inline'", ...(options.development ? ["'unsafe-eval'"] : [])];
  const connect = ["'self'", ...(options.development ? ["ws:", "wss:"] : [])];
  const ancestors = options.frameAncestors.length > 0 ? options.frameAncestors : ["'none'"];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", script],
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", connect],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    // Chrome checks form-action on the redirects after a form's POST, too: GitHub's sign-in.
    ["form-action", ["'self'", originOf(options.githubWebUrl)]],
    ["frame-ancestors", ancestors],
    ["frame-src", ["'none'"]],
    ["worker-src", ["'self'", "blob:"]],
    ["manifest-src", ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/** Every security header, by name. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    // The TV and digest links carry ?token=: no Referer at all leaves for another origin.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), display-capture=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // For browsers without frame-ancestors; it cannot name origins, so only when none may frame.
  if (options.frameAncestors.length === 0) headers["X-Frame-Options"] = "DENY";
  if (new URL(options.publicUrl).protocol === "https:")
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
