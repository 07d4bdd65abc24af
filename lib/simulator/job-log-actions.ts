// What common actions show in a job log besides caching: the inputs the runner lists under
// `with:` (the given ones, then the action's defaults) and the usual output of checkout and
// the setup-* actions, so a simulated log reads like a real one.
import { type CacheUse, defaultCacheInputs, uuidOf } from "./cache-lines.ts";
import type { Runner } from "./job-log-runner.ts";
import type { Random } from "./random.ts";

/** Defaults each action's action.yml declares, which the runner prints after the given inputs. */
const DEFAULT_INPUTS: Record<string, [string, string][]> = {
  "actions/checkout": [
    ["token", "***"],
    ["ssh-strict", "true"],
    ["ssh-user", "git"],
    ["persist-credentials", "true"],
    ["clean", "true"],
    ["sparse-checkout-cone-mode", "true"],
    ["fetch-depth", "1"],
    ["fetch-tags", "false"],
    ["show-progress", "true"],
    ["lfs", "false"],
    ["submodules", "false"],
    ["set-safe-directory", "true"],
  ],
  "actions/cache": [
    ["enableCrossOsArchive", "false"],
    ["fail-on-cache-miss", "false"],
    ["lookup-only", "false"],
  ],
  "actions/setup-node": [
    ["always-auth", "false"],
    ["check-latest", "false"],
    ["token", "***"],
  ],
  "actions/setup-python": [
    ["check-latest", "false"],
    ["token", "***"],
    ["update-environment", "true"],
    ["allow-prereleases", "false"],
  ],
  "actions/setup-java": [
    ["java-package", "jdk"],
    ["check-latest", "false"],
    ["server-id", "github"],
    ["server-username", "GITHUB_ACTOR"],
    ["server-password", "GITHUB_TOKEN"],
    ["overwrite-settings", "true"],
    ["job-status", "success"],
    ["token", "***"],
  ],
  "actions/setup-go": [
    ["check-latest", "false"],
    ["token", "***"],
  ],
  "actions/upload-artifact": [
    ["if-no-files-found", "warn"],
    ["compression-level", "6"],
    ["overwrite", "false"],
    ["include-hidden-files", "false"],
  ],
};

/** `actions/checkout@v4` → `actions/checkout`; `actions/cache/restore@v4` → `actions/cache`. */
function actionOf(uses: string): string {
  return uses.replace(/@.*$/, "").split("/").slice(0, 2).join("/");
}

/** The `with:` entries of a `uses:` step as the runner lists them. */
export function inputsOf(
  uses: string,
  given: Record<string, string> | undefined,
  cache: CacheUse | undefined,
  repository: string,
): [string, string][] {
  const action = actionOf(uses);
  const inputs = new Map(Object.entries(given ?? (cache ? defaultCacheInputs(cache) : {})));
  const defaults = [...(DEFAULT_INPUTS[action] ?? [])];
  if (action === "actions/checkout") defaults.unshift(["repository", repository]);
  if (action === "actions/cache" && uses.endsWith("@v4")) defaults.push(["save-always", "false"]);
  for (const [name, value] of defaults) if (!inputs.has(name)) inputs.set(name, value);
  return [...inputs];
}

const NODE = { "18": "18.20.8", "20": "20.19.5", "22": "22.19.0", "24": "24.8.0" };
const PYTHON = { "3.10": "3.10.18", "3.11": "3.11.13", "3.12": "3.12.11", "3.13": "3.13.7" };
const JAVA = { "11": "11.0.28+6", "17": "17.0.16+8", "21": "21.0.8+9" };
const GO = { "1.23": "1.23.12", "1.24": "1.24.7", "1.25": "1.25.1" };

function fullVersion(table: Record<string, string>, spec: string | undefined, fallback: string) {
  const wanted = (spec ?? fallback).replace(/^v/, "").replace(/\.x$/, "");
  return table[wanted] ?? (/^\d+(\.\d+)*$/.test(wanted) ? wanted : (table[fallback] ?? fallback));
}

/** The output of the main step of `uses` before any cache lines (none for unknown actions). */
export function actionOutput(
  uses: string,
  inputs: Map<string, string>,
  job: { repository: string; headSha: string; headBranch: string },
  runner: Runner,
  random: Random,
): string[] {
  const ws = runner.workspace;
  const git = runner.windows ? '"C:\\Program Files\\Git\\bin\\git.exe"' : "/usr/bin/git";
  switch (actionOf(uses)) {
    case "actions/checkout":
      return [
        `Syncing repository: ${job.repository}`,
        "##[group]Getting Git version info",
        `Working directory is '${ws}'`,
        `[command]${git} version`,
        "git version 2.51.0",
        "##[endgroup]",
        `Temporarily overriding HOME='${runner.temp}/${uuidOf(random)}' before making global git config changes`,
        "Adding repository directory to the temporary git global config as a safe directory",
        `[command]${git} config --global --add safe.directory ${ws}`,
        "##[group]Initializing the repository",
        `[command]${git} init ${ws}`,
        `[command]${git} remote add origin https://github.com/${job.repository}`,
        "##[endgroup]",
        "##[group]Fetching the repository",
        `[command]${git} -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +${job.headSha}:refs/remotes/origin/${job.headBranch}`,
        "##[endgroup]",
        "##[group]Checking out the ref",
        `[command]${git} checkout --progress --force -B ${job.headBranch} refs/remotes/origin/${job.headBranch}`,
        `Switched to a new branch '${job.headBranch}'`,
        "##[endgroup]",
        `[command]${git} log -1 --format=%H`,
        job.headSha,
      ];
    case "actions/setup-node": {
      const version = fullVersion(NODE, inputs.get("node-version"), "20");
      const bin = `${runner.toolCache}/node/${version}/x64/bin`;
      const lines = [
        `Found in cache @ ${runner.toolCache}/node/${version}/x64`,
        "##[group]Environment details",
        `node: v${version}`,
        "npm: 10.8.2",
        "yarn: 1.22.22",
        "##[endgroup]",
      ];
      const pm = inputs.get("cache");
      if (pm === "npm") lines.push(`[command]${bin}/npm config get cache`, `${runner.home}/.npm`);
      return lines;
    }
    case "actions/setup-python": {
      const version = fullVersion(PYTHON, inputs.get("python-version"), "3.12");
      return [
        "##[group]Installed versions",
        `Successfully set up CPython (${version})`,
        "##[endgroup]",
      ];
    }
    case "actions/setup-java": {
      const version = fullVersion(JAVA, inputs.get("java-version"), "21");
      const distribution = inputs.get("distribution") ?? "temurin";
      return [
        "##[group]Installed distributions",
        `Resolved Java ${version} from tool-cache`,
        `Setting Java ${version} as the default`,
        "",
        "Java configuration:",
        `  Distribution: ${distribution}`,
        `  Version: ${version}`,
        `  Path: ${runner.toolCache}/Java_Temurin-Hotspot_jdk/${version.replace("+", "-")}/x64`,
        "",
        "##[endgroup]",
      ];
    }
    case "actions/setup-go": {
      const spec = inputs.get("go-version") ?? "1.24";
      const version = fullVersion(GO, spec, "1.24");
      const bin = `${runner.toolCache}/go/${version}/x64/bin`;
      return [
        `Setup go version spec ${spec}`,
        `Found in cache @ ${runner.toolCache}/go/${version}/x64`,
        "Added go to the path",
        `Successfully set up Go version ${spec}`,
        `[command]${bin}/go env GOMODCACHE`,
        `[command]${bin}/go env GOCACHE`,
        `${runner.home}/go/pkg/mod`,
        `${runner.home}/.cache/go-build`,
      ];
    }
    default:
      return [];
  }
}

/** What a post step of `uses` prints after "Post job cleanup." (caching aside). */
export function postOutput(uses: string, runner: Runner, random: Random): string[] {
  if (actionOf(uses) !== "actions/checkout") return [];
  const git = runner.windows ? '"C:\\Program Files\\Git\\bin\\git.exe"' : "/usr/bin/git";
  return [
    `[command]${git} version`,
    "git version 2.51.0",
    `Temporarily overriding HOME='${runner.temp}/${uuidOf(random)}' before making global git config changes`,
    "Adding repository directory to the temporary git global config as a safe directory",
    `[command]${git} config --global --add safe.directory ${runner.workspace}`,
    `[command]${git} config --local --name-only --get-regexp core\\.sshCommand`,
    `[command]${git} config --local --name-only --get-regexp http\\.https\\:\\/\\/github\\.com\\/\\.extraheader`,
    "http.https://github.com/.extraheader",
    `[command]${git} config --local --unset-all http.https://github.com/.extraheader`,
  ];
}
