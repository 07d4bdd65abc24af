// GitHub's OAuth web flow for an OAuth app (docs.github.com, "Authorizing OAuth apps"):
// GET /login/oauth/authorize shows who may sign in (the simulator's stand-in for GitHub's sign-in
// and consent pages), and sends the browser back to redirect_uri with ?code=&state=, or with
// ?error=access_denied when cancelled; POST /login/oauth/access_token trades the code (once,
// within 10 minutes, PKCE-checked when a code_challenge was sent) for a gho_ token.
import { createHash, randomBytes } from "node:crypto";
import type { SimResponse } from "./http.ts";
import type { SimUser } from "./oauth-users.ts";

export type OAuthOptions = {
  clientId: string;
  clientSecret: string;
  users: SimUser[];
  /** The app's registered callback URL; unset: any redirect_uri is accepted. */
  callbackUrl?: string;
};

type Grant = {
  login: string;
  scopes: string[];
  redirectUri: string | null;
  challenge: string | null;
  expiresAt: number;
};

const CODE_LIFETIME_MS = 10 * 60_000;
const DOCS = "https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomText(length: number): string {
  return Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join("");
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The token endpoint's documented errors (sent with status 200, as GitHub does). */
const TOKEN_ERRORS = {
  incorrect_client_credentials: [
    "The client_id and/or client_secret passed are incorrect.",
    "troubleshooting-oauth-app-access-token-request-errors#incorrect-client-credentials",
  ],
  redirect_uri_mismatch: [
    "The redirect_uri MUST match the registered callback URL for this application.",
    "troubleshooting-authorization-request-errors#redirect-uri-mismatch",
  ],
  bad_verification_code: [
    "The code passed is incorrect or expired.",
    "troubleshooting-oauth-app-access-token-request-errors#bad-verification-code",
  ],
} as const;

export class OAuthAuthority {
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, { login: string; scopes: string[] }>();

  constructor(
    readonly options: OAuthOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  user(login: string): SimUser | undefined {
    return this.options.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
  }

  /** Who an Authorization token signs in as, and what it may read; undefined: not ours. */
  grantOf(token: string | undefined): { user: SimUser; scopes: string[] } | undefined {
    const grant = token === undefined ? undefined : this.tokens.get(token);
    const user = grant && this.user(grant.login);
    return grant && user ? { user, scopes: grant.scopes } : undefined;
  }

  /** GET /login/oauth/authorize: the page to pick who signs in (or 404 for an unknown app). */
  authorizePage(query: URLSearchParams): SimResponse {
    if (query.get("client_id") !== this.options.clientId) return html(404, "<h1>404</h1>");
    const hidden = [...query]
      .filter(([name]) => name !== "login")
      .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}">`)
      .join("");
    const buttons = this.options.users
      .map(
        (u) =>
          `<button name="login" value="${escapeHtml(u.login)}">Sign in as ${escapeHtml(u.login)}</button>`,
      )
      .join(" ");
    return html(
      200,
      `<h1>Sign in to GitHub (simulator)</h1><p>to continue to the OAuth app ${escapeHtml(this.options.clientId)}, asking for: ${escapeHtml(query.get("scope") ?? "(no scope)")}</p>` +
        `<form method="post" action="/login/oauth/authorize">${hidden}${buttons} <button name="cancel" value="1">Cancel</button></form>`,
    );
  }

  /** POST /login/oauth/authorize (the page's buttons): back to the app with a code or an error. */
  authorize(form: URLSearchParams): SimResponse {
    if (form.get("client_id") !== this.options.clientId) return html(404, "<h1>404</h1>");
    const registered = this.options.callbackUrl;
    const asked = form.get("redirect_uri");
    const state = form.get("state");
    const back = (target: string, params: Record<string, string>) => {
      const url = new URL(target);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      if (state !== null) url.searchParams.set("state", state);
      return { status: 302, headers: { location: url.toString() } };
    };
    const target = asked ?? registered;
    if (!target) return html(400, "<h1>No redirect_uri, and no callback URL registered</h1>");
    if (registered && asked && !asked.startsWith(registered))
      return back(registered, {
        error: "redirect_uri_mismatch",
        error_description:
          "The redirect_uri MUST match the registered callback URL for this application.",
        error_uri: `${DOCS}/troubleshooting-authorization-request-errors#redirect-uri-mismatch`,
      });
    const user = this.user(form.get("login") ?? "");
    if (form.get("cancel") === "1" || !user)
      return back(target, {
        error: "access_denied",
        error_description: "The user has denied your application access.",
        error_uri: `${DOCS}/troubleshooting-authorization-request-errors#access-denied`,
      });
    const method = form.get("code_challenge_method") ?? "plain";
    const challenge = form.get("code_challenge");
    const code = randomText(20).toLowerCase();
    this.codes.set(code, {
      login: user.login,
      scopes: (form.get("scope") ?? "").split(/[\s,]+/).filter(Boolean),
      redirectUri: asked,
      challenge: challenge && method === "S256" ? challenge : challenge && `plain:${challenge}`,
      expiresAt: this.clock() + CODE_LIFETIME_MS,
    });
    return back(target, { code });
  }

  /** POST /login/oauth/access_token: the code for a token, or one of the documented errors. */
  exchange(form: URLSearchParams, authorization: string | undefined): Record<string, string> {
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic, "base64").toString("utf8").split(":")
      : [];
    const clientId = form.get("client_id") ?? basicId;
    const clientSecret = form.get("client_secret") ?? basicSecret;
    if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret)
      return tokenError("incorrect_client_credentials");
    const code = form.get("code") ?? "";
    const grant = this.codes.get(code);
    this.codes.delete(code); // a code works once
    if (!grant || this.clock() >= grant.expiresAt) return tokenError("bad_verification_code");
    const redirectUri = form.get("redirect_uri");
    if (grant.redirectUri !== null && redirectUri !== null && redirectUri !== grant.redirectUri)
      return tokenError("redirect_uri_mismatch");
    if (!verifierMatches(grant.challenge, form.get("code_verifier")))
      return tokenError("bad_verification_code");
    const token = `gho_${randomText(36)}`;
    this.tokens.set(token, { login: grant.login, scopes: grant.scopes });
    return { access_token: token, token_type: "bearer", scope: grant.scopes.join(",") };
  }
}

/** PKCE (RFC 7636): the verifier must hash (S256) or equal (plain) the challenge. */
function verifierMatches(challenge: string | null, verifier: string | null): boolean {
  if (challenge === null) return true;
  if (verifier === null) return false;
  if (challenge.startsWith("plain:")) return challenge === `plain:${verifier}`;
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

function tokenError(error: keyof typeof TOKEN_ERRORS): Record<string, string> {
  const [description, anchor] = TOKEN_ERRORS[error];
  return { error, error_description: description, error_uri: `${DOCS}/${anchor}` };
}

function html(status: number, body: string): SimResponse {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>GitHub simulator</title></head><body>${body}</body></html>`;
  return { status, raw: { bytes: page, contentType: "text/html; charset=utf-8" } };
}

/** The token endpoint's answer in the format the Accept header asks for (JSON or a form). */
export function tokenResponse(
  body: Record<string, string>,
  accept: string | undefined,
): SimResponse {
  if (accept?.includes("application/json")) return { status: 200, body };
  const form = new URLSearchParams(body).toString();
  return {
    status: 200,
    raw: { bytes: form, contentType: "application/x-www-form-urlencoded; charset=utf-8" },
  };
}
