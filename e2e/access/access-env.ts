// The app with access control on, for e2e/access: its password, its GitHub OAuth app (on the
// simulator) and its metrics token. Test values only.
export const ACCESS_PASSWORD = "e2e correct horse battery";
export const METRICS_TOKEN = "e2e-metrics-token-0123456789";
export const OAUTH_APP = { id: "e2e-oauth-client", secret: "e2e-oauth-client-secret" };

/** The environment of `pipewatch start` with access control on, GitHub being the simulator. */
export function accessServerEnv(port: number, simulatorUrl: string, dataDir: string) {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    PIPEWATCH_DATA_DIR: dataDir,
    PIPEWATCH_REPOS: "",
    DATABASE_URL: "",
    PIPEWATCH_PUBLIC_URL: `http://127.0.0.1:${port}`,
    PIPEWATCH_PASSWORD: ACCESS_PASSWORD,
    AUTH_SECRET: "e2e-auth-secret-that-is-long-enough-0123456789",
    AUTH_GITHUB_ID: OAUTH_APP.id,
    AUTH_GITHUB_SECRET: OAUTH_APP.secret,
    PIPEWATCH_GITHUB_ORGS: "acme",
    PIPEWATCH_GITHUB_WEB_URL: simulatorUrl,
    GITHUB_API_URL: simulatorUrl,
    PIPEWATCH_METRICS_TOKEN: METRICS_TOKEN,
  };
}
