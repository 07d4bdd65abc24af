// The simulator's GitHub App: which accounts it is installed on, and the installation access
// tokens it has issued. Tokens and JWTs live in real time (like the signed download URLs), not
// simulated time: they are made and cached by clients that read the real clock.
import { createPublicKey, type KeyObject, randomBytes } from "node:crypto";
import { type JwtVerdict, verifyAppJwt } from "./app-jwt.ts";

/** The App the simulator accepts (`publicKeyPem` may also be the private key: its public half is used). */
export type AppOptions = {
  appId: number;
  publicKeyPem: string;
  installations: { id: number; account: string }[];
};

export type Installation = { id: number; account: string };

/** Installation tokens expire an hour after they are issued, as on GitHub. */
const TOKEN_LIFETIME_MS = 3600_000;
const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** What an Authorization token is to the App: one of its installation tokens, or not. */
export type TokenStatus =
  | { kind: "installation"; installationId: number }
  | { kind: "expired" }
  | { kind: "other" };

export class AppAuthority {
  readonly appId: number;
  private readonly publicKey: KeyObject;
  private readonly issued = new Map<string, { installationId: number; expiresAt: number }>();

  constructor(
    readonly options: AppOptions,
    /** When the installations were made (their created_at). */
    readonly installedAt: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.appId = options.appId;
    this.publicKey = createPublicKey(options.publicKeyPem);
  }

  /** Checks a JWT presented as `Authorization: Bearer <jwt>`. */
  verify(jwt: string): JwtVerdict {
    return verifyAppJwt(jwt, { appId: this.appId, publicKey: this.publicKey }, this.clock());
  }

  /** The installation on `account` (logins are case-insensitive), if any. */
  installationOn(account: string): Installation | undefined {
    const login = account.toLowerCase();
    return this.options.installations.find((i) => i.account.toLowerCase() === login);
  }

  installation(id: number): Installation | undefined {
    return this.options.installations.find((i) => i.id === id);
  }

  /**
   * Issues a new installation access token in GitHub's classic form (`ghs_` and 36 characters).
   * GitHub's newer stateless form (`ghs_` and a ~520-character JWT, rolled out since April 2026)
   * is not simulated: clients must treat tokens as opaque either way.
   */
  issue(installationId: number): { token: string; expiresAt: number } {
    const bytes = randomBytes(36);
    const body = Array.from(bytes, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join("");
    const token = `ghs_${body}`;
    const expiresAt = this.clock() + TOKEN_LIFETIME_MS;
    this.issued.set(token, { installationId, expiresAt });
    return { token, expiresAt };
  }

  /** Whether `token` is one of this App's installation tokens, and still valid. */
  statusOf(token: string | undefined): TokenStatus {
    const issued = token === undefined ? undefined : this.issued.get(token);
    if (!issued) return { kind: "other" };
    if (this.clock() >= issued.expiresAt) return { kind: "expired" };
    return { kind: "installation", installationId: issued.installationId };
  }

  /** How many installation tokens have been issued (for tests). */
  get issuedCount(): number {
    return this.issued.size;
  }
}
