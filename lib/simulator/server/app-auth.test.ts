import { describe, expect, it } from "vitest";
import { generateAppKeys, signAppJwt } from "../testing/app.ts";
import { AppAuthority } from "./app-auth.ts";

const keys = generateAppKeys();

function authority() {
  let now = Date.UTC(2026, 10, 26, 12, 0, 0);
  const app = new AppAuthority(
    { appId: 7, publicKeyPem: keys.publicKeyPem, installations: [{ id: 70, account: "Acme" }] },
    0,
    () => now,
  );
  return { app, now: () => now, advance: (ms: number) => (now += ms) };
}

describe("AppAuthority", () => {
  it("finds installations by account, whatever the case, and by id", () => {
    const { app } = authority();
    expect(app.installationOn("acme")?.id).toBe(70);
    expect(app.installationOn("globex")).toBeUndefined();
    expect(app.installation(70)?.account).toBe("Acme");
    expect(app.installation(71)).toBeUndefined();
  });

  it("accepts its installation tokens for an hour", () => {
    const { app, advance } = authority();
    const { token } = app.issue(70);
    expect(app.statusOf(token)).toEqual({ kind: "installation", installationId: 70 });
    expect(app.statusOf("t")).toEqual({ kind: "other" });
    expect(app.statusOf(undefined)).toEqual({ kind: "other" });
    advance(3599_000);
    expect(app.statusOf(token).kind).toBe("installation");
    advance(1_000);
    expect(app.statusOf(token)).toEqual({ kind: "expired" });
  });

  it("verifies JWTs on its own clock, and accepts a private key as the key", () => {
    const { app, now } = authority();
    expect(app.verify(signAppJwt(keys.privateKeyPem, 7, {}, now())).ok).toBe(true);
    expect(app.verify(signAppJwt(keys.privateKeyPem, 7, {}, now() - 3600_000)).ok).toBe(false);
    const fromPrivate = new AppAuthority(
      { appId: 7, publicKeyPem: keys.privateKeyPem, installations: [] },
      0,
      now,
    );
    expect(fromPrivate.verify(signAppJwt(keys.privateKeyPem, 7, {}, now())).ok).toBe(true);
  });
});
