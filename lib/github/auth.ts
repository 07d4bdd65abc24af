// Which GitHub client serves an owner's repositories: with a token, one client for every owner;
// as a GitHub App, the client of the App's installation, either the one configured
// (GITHUB_APP_INSTALLATION_ID) or the installation on each owner, looked up once.
// Keys and tokens never appear in messages or logs.
import "server-only";
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Config } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { type ClientOptions, createGitHubClient, type GitHubClient, statusOf } from "./client.ts";

/** Clients by owner, and how they authenticate. */
export type ClientProvider = {
  /** The client for `owner`'s repositories (as an App, the client of its installation there). */
  forOwner(owner: string): Promise<GitHubClient>;
  kind: "token" | "app";
};

/** Everything a client needs besides where it points and how it authenticates. */
export type ProviderOptions = Omit<ClientOptions, "baseUrl" | "auth">;

type AppConfig = NonNullable<Config["githubApp"]>;

/**
 * Clients for the configured credentials. A GitHub App wins over GITHUB_TOKEN when both are
 * set. Throws UserError when neither is configured or the App's private key cannot be read;
 * `forOwner` rejects with UserError when the App is not installed on the owner or GitHub
 * refuses the App's credentials.
 */
export function createClientProvider(
  config: Config,
  options: ProviderOptions = {},
): ClientProvider {
  const baseUrl = config.githubApiUrl;
  if (config.githubApp) return appProvider(config.githubApp, baseUrl, options);
  if (config.githubToken !== undefined) {
    const client = createGitHubClient({ ...options, baseUrl, auth: { token: config.githubToken } });
    return { kind: "token", forOwner: async () => client };
  }
  throw new UserError("Set GITHUB_TOKEN, or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY(_PATH)", 2);
}

/** Why a file could not be read, in words, from Node's error code. */
function readFailure(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return code ?? "unreadable";
}

/** The App's private key (PEM), checked to be one; errors name its source, never its content. */
function readAppPrivateKey(app: AppConfig): string {
  let pem = app.privateKey;
  let source = "GITHUB_APP_PRIVATE_KEY";
  if (pem === undefined) {
    const path = app.privateKeyPath ?? "";
    source = `GITHUB_APP_PRIVATE_KEY_PATH (${path})`;
    try {
      // A path from the configuration, read at run time: not a file for the build to trace.
      pem = readFileSync(/* turbopackIgnore: true */ path, "utf8");
    } catch (error: unknown) {
      throw new UserError(
        `Cannot read the GitHub App private key from ${path}: ${readFailure(error)}`,
        2,
      );
    }
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new UserError(
      `${source} does not hold a PEM private key (download one from the App's settings on GitHub)`,
      2,
    );
  }
  return pem;
}

/** GitHub's message without Octokit's " - <documentation URL>" tail. */
function githubMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ - https?:\/\/\S+$/, "");
}

/** A refused JWT (401) as a UserError that says what to check; other errors unchanged. */
function credentialsError(error: unknown, appId: number): unknown {
  if (statusOf(error) !== 401) return error;
  return new UserError(
    `GitHub refused the credentials of the GitHub App ${appId} (401 ${githubMessage(error)}): ` +
      "check that GITHUB_APP_ID and the private key belong to the same App, and this machine's clock",
  );
}

function appProvider(app: AppConfig, baseUrl: string, options: ProviderOptions): ClientProvider {
  const { appId } = app;
  const privateKey = readAppPrivateKey(app);

  /** An installation's client, with its first token fetched so that bad credentials show now. */
  const installationClient = async (installationId: number) => {
    const client = createGitHubClient({
      ...options,
      baseUrl,
      auth: { appId, privateKey, installationId },
    });
    try {
      // The token is cached by the client and used by its first request.
      await client.auth({ type: "installation" });
    } catch (error: unknown) {
      if (statusOf(error) === 404)
        throw new UserError(`The GitHub App ${appId} has no installation ${installationId}`);
      throw credentialsError(error, appId);
    }
    return client;
  };

  let appClient: GitHubClient | undefined;
  /** The id of the App's installation on `owner` (GET /users/{username}/installation answers
   *  for organisations too), with the App's own JWT. */
  const findInstallation = async (owner: string): Promise<number> => {
    appClient ??= createGitHubClient({ ...options, baseUrl, auth: { appId, privateKey } });
    try {
      const { data } = await appClient.rest.apps.getUserInstallation({ username: owner });
      return data.id;
    } catch (error: unknown) {
      if (statusOf(error) === 404)
        throw new UserError(`The GitHub App ${appId} is not installed on ${owner}`);
      throw credentialsError(error, appId);
    }
  };

  // Promises, so that concurrent calls share one lookup; failures are forgotten, to be retried.
  const clients = new Map<string, Promise<GitHubClient>>();
  const cached = (key: string, make: () => Promise<GitHubClient>) => {
    let client = clients.get(key);
    if (!client) {
      client = make();
      clients.set(key, client);
      client.catch(() => clients.delete(key));
    }
    return client;
  };

  const { installationId } = app;
  return {
    kind: "app",
    forOwner: (owner) =>
      installationId !== undefined
        ? cached("", () => installationClient(installationId))
        : cached(owner.toLowerCase(), async () =>
            installationClient(await findInstallation(owner)),
          ),
  };
}
