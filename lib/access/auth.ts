// Sign-in for people (Auth.js): a password (PIPEWATCH_PASSWORD) and/or GitHub restricted to the
// configured organisations and teams. Sessions are JWTs in http-only, SameSite=Lax cookies
// (Secure when PIPEWATCH_PUBLIC_URL is https), signed with AUTH_SECRET.
import "server-only";
import type { NextRequest } from "next/server";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { type Config, getConfig } from "@/lib/config";
import { getLogger } from "@/lib/log/log";
import { AttemptLimiter, clientKey } from "./attempts.ts";
import { safeCallbackPath } from "./gate.ts";
import { isAllowedMember } from "./github-members.ts";
import { PasswordCheck } from "./password.ts";

/** A password attempt refused before it was checked: too many wrong ones lately. */
export class TooManyAttempts extends CredentialsSignin {
  override code = "too_many_attempts";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

const SESSION_SECONDS = 7 * 24 * 3600;

type PasswordState = { configured: string; check: PasswordCheck; limiter: AttemptLimiter };

// Next bundles route handlers, pages and the proxy apart: one process-wide state for all, so a
// wrong password counts wherever it was tried.
const STATE = Symbol.for("pipewatch.access.password");
const shared = globalThis as { [STATE]?: PasswordState };

function passwordState(configured: string): PasswordState {
  const state = shared[STATE];
  if (state?.configured === configured) return state;
  const fresh = { configured, check: new PasswordCheck(configured), limiter: new AttemptLimiter() };
  shared[STATE] = fresh;
  return fresh;
}

async function authorizePassword(configured: string, given: unknown, request: Request) {
  const { check, limiter } = passwordState(configured);
  const client = clientKey(request.headers);
  const verdict = limiter.check(client);
  if (!verdict.allowed) throw new TooManyAttempts(verdict.retryAfterSeconds);
  // Counted before checking, so parallel guesses cannot slip past the limit.
  limiter.recordFailure(client);
  const password = typeof given === "string" && given.length <= 1024 ? given : "";
  if (!(await check.matches(password))) return null;
  limiter.recordSuccess(client);
  return { id: "password", name: "Signed in with the password" };
}

function providers(access: Config["access"]): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [];
  const configured = access.password;
  if (configured !== undefined)
    list.push(
      Credentials({
        id: "password",
        name: "Password",
        credentials: { password: { type: "password", label: "Password" } },
        authorize: (credentials, request) =>
          authorizePassword(configured, credentials.password, request),
      }),
    );
  const github = access.github;
  if (github)
    list.push(
      GitHub({
        clientId: github.clientId,
        clientSecret: github.clientSecret,
        issuer: `${github.webUrl}/login/oauth`,
        authorization: {
          url: `${github.webUrl}/login/oauth/authorize`,
          params: { scope: "read:user read:org" },
        },
        token: `${github.webUrl}/login/oauth/access_token`,
        // A plain GET /user: the provider's default would also ask api.github.com for e-mails.
        userinfo: `${github.apiUrl}/user`,
      }),
    );
  return list;
}

function authConfig(): NextAuthConfig {
  const config = getConfig();
  const github = config.access.github;
  return {
    secret: config.authSecret,
    basePath: "/api/auth",
    // The host of the request, not AUTH_URL: the gate refuses unknown routes anyway, and
    // GitHub only redirects to the registered callback.
    trustHost: true,
    useSecureCookies: config.publicUrl.startsWith("https://"),
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: providers(config.access),
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "github") return true;
        const login = typeof profile?.login === "string" ? profile.login : "";
        const token = account.access_token;
        if (!github || !token || !login) return false;
        return isAllowedMember(github, token, login);
      },
      jwt({ token, profile }) {
        // Only who signed in goes into the cookie; GitHub's token is dropped after the check.
        if (typeof profile?.login === "string") token.name = profile.login;
        return token;
      },
      redirect({ url, baseUrl }) {
        // Only a path of ours, at the address people use (Next may give Auth.js localhost).
        const target = new URL(url, baseUrl);
        return `${config.publicUrl}${safeCallbackPath(`${target.pathname}${target.search}`)}`;
      },
    },
    logger: {
      // Auth.js logs whole errors, which can hold request details; keep one line, no secrets.
      error: (error) => {
        const kind = "type" in error && typeof error.type === "string" ? error.type : "error";
        getLogger().warn({ kind }, "sign-in failed");
      },
      warn: () => undefined,
      debug: () => undefined,
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/**
 * Auth.js's answer to a request of /api/auth/*, seen at PIPEWATCH_PUBLIC_URL's origin: Auth.js
 * builds its URLs (the OAuth redirect_uri above all) from the request's, and Next's own request
 * URL says localhost for 127.0.0.1, which is not where the browser keeps its cookies.
 */
export async function answerAuthRequest(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const url = new URL(`${pathname}${search}`, getConfig().publicUrl);
  // Auth.js answers 500 to a callbackUrl that is no URL: only a path of ours goes through.
  const callback = url.searchParams.get("callbackUrl");
  if (callback !== null) url.searchParams.set("callbackUrl", safeCallbackPath(callback));
  const body = request.method === "POST" ? await request.arrayBuffer() : undefined;
  // A plain Request: a NextRequest would rename the host again. Auth.js reads only the URL,
  // method, headers and body (and nextUrl only when AUTH_URL is set, which Pipewatch does not use).
  const seen = new Request(url, { method: request.method, headers: request.headers, body });
  const handler = request.method === "POST" ? handlers.POST : handlers.GET;
  return handler(seen as NextRequest);
}
