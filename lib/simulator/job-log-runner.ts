// The runner side of a job log: which machine a job's labels give it (paths, shell, image)
// and the "Set up job" preamble the runner prints before the first step.
import type { CacheHost } from "./cache-lines.ts";
import { uuidOf } from "./cache-lines.ts";
import { Random, seedOf } from "./random.ts";

export type Runner = CacheHost & {
  os: "linux" | "windows" | "macos";
  selfHosted: boolean;
  /** The `shell:` line under a `run:` step's script. */
  shell: string;
  /** Where setup-* actions find their tools. */
  toolCache: string;
  home: string;
};

type Image = { label: string; os: [string, string, string]; release: string; readme: string };

const IMAGES: Record<string, Image> = {
  "ubuntu-24.04": {
    label: "ubuntu-24.04",
    os: ["Ubuntu", "24.04.3", "LTS"],
    release: "ubuntu24",
    readme: "images/ubuntu/Ubuntu2404-Readme.md",
  },
  "ubuntu-22.04": {
    label: "ubuntu-22.04",
    os: ["Ubuntu", "22.04.5", "LTS"],
    release: "ubuntu22",
    readme: "images/ubuntu/Ubuntu2204-Readme.md",
  },
  "windows-2022": {
    label: "windows-2022",
    os: ["Microsoft Windows Server 2022", "10.0.20348", "Datacenter"],
    release: "win22",
    readme: "images/windows/Windows2022-Readme.md",
  },
  "macos-14": {
    label: "macos-14-arm64",
    os: ["macOS", "14.7.6", "23H626"],
    release: "macos-14-arm64",
    readme: "images/macos/macos-14-arm64-Readme.md",
  },
};

function imageOf(labels: string[]): Image {
  const label = labels.find((l) => /^(ubuntu|windows|macos)-/.test(l)) ?? "ubuntu-latest";
  if (label.startsWith("windows")) return IMAGES["windows-2022"] as Image;
  if (label.startsWith("macos")) return IMAGES["macos-14"] as Image;
  if (label === "ubuntu-22.04") return IMAGES["ubuntu-22.04"] as Image;
  return IMAGES["ubuntu-24.04"] as Image;
}

/** The machine a job with these `runs-on` labels gets, working in `repository` ("owner/name"). */
export function runnerOf(labels: string[], repository: string): Runner {
  const name = repository.slice(repository.indexOf("/") + 1);
  const selfHosted = labels.includes("self-hosted");
  const image = imageOf(labels.filter((l) => l !== "self-hosted"));
  if (image.label.startsWith("windows")) {
    return {
      os: "windows",
      selfHosted,
      windows: true,
      workspace: `D:\\a\\${name}\\${name}`,
      temp: "D:\\a\\_temp",
      shell: `C:\\Program Files\\PowerShell\\7\\pwsh.EXE -command ". '{0}'"`,
      toolCache: "C:\\hostedtoolcache\\windows",
      home: "C:\\Users\\runneradmin",
    };
  }
  const base = image.label.startsWith("macos") ? "/Users/runner" : "/home/runner";
  return {
    os: image.label.startsWith("macos") ? "macos" : "linux",
    selfHosted,
    windows: false,
    workspace: `${base}/work/${name}/${name}`,
    temp: `${base}/work/_temp`,
    shell: image.label.startsWith("macos") ? "/bin/bash -e {0}" : "/usr/bin/bash -e {0}",
    toolCache: image.label.startsWith("macos")
      ? "/Users/runner/hostedtoolcache"
      : "/opt/hostedtoolcache",
    home: base,
  };
}

/** The repository a `uses:` reference downloads (`owner/repo@ref`), or none for local and docker actions. */
export function actionRepositoryOf(uses: string): string | undefined {
  if (uses.startsWith("./") || uses.startsWith("docker://")) return undefined;
  const at = uses.lastIndexOf("@");
  if (at < 0) return undefined;
  const [owner, repo] = uses.slice(0, at).split("/");
  return `${owner}/${repo}${uses.slice(at)}`;
}

function yyyymmdd(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll("-", "");
}

export type PreambleInput = {
  jobName: string;
  runnerName: string;
  runnerVersion: string;
  labels: string[];
  /** Every `uses:` of the job's steps, in order (repeats and local actions are dropped here). */
  uses: string[];
  startedAt: Date;
};

/** The lines of the "Set up job" step, from `Current runner version` to `Complete job name`. */
export function preambleLines(input: PreambleInput, runner: Runner, random: Random): string[] {
  const lines = [`Current runner version: '${input.runnerVersion}'`];
  const image = imageOf(input.labels.filter((l) => l !== "self-hosted"));
  // Hosted images are rebuilt weekly; the agent a little more often.
  const imageDate = new Date(input.startedAt.getTime() - random.int(3, 12) * 86_400_000);
  const agentDate = new Date(input.startedAt.getTime() - random.int(2, 9) * 86_400_000);
  if (runner.selfHosted) {
    lines.push(
      `Runner name: '${input.runnerName}'`,
      "Runner group name: 'Default'",
      `Machine name: '${input.runnerName}'`,
    );
  } else {
    const version = `${yyyymmdd(imageDate)}.${random.int(100, 250)}`;
    lines.push(
      "##[group]Runner Image Provisioner",
      "Hosted Compute Agent",
      `Version: ${yyyymmdd(agentDate)}.${random.int(300, 600)}`,
      `Commit: ${random.hex(40)}`,
      `Build Date: ${agentDate.toISOString().slice(0, 10)}T${random.int(10, 23)}:${random.int(10, 59)}:${random.int(10, 59)}Z`,
      `Worker ID: {${uuidOf(random)}}`,
      `Azure Region: ${random.pick(["eastus", "eastus2", "westus3", "centralus", "northcentralus"])}`,
      "##[endgroup]",
    );
    lines.push("##[group]Operating System", ...image.os, "##[endgroup]");
    lines.push(
      "##[group]Runner Image",
      `Image: ${image.label}`,
      `Version: ${version}.1`,
      `Included Software: https://github.com/actions/runner-images/blob/${image.release}/${version}/${image.readme}`,
      `Image Release: https://github.com/actions/runner-images/releases/tag/${image.release}%2F${version}`,
      "##[endgroup]",
    );
  }
  lines.push(
    "##[group]GITHUB_TOKEN Permissions",
    "Contents: read",
    "Metadata: read",
    "##[endgroup]",
    "Secret source: Actions",
    "Prepare workflow directory",
    "Prepare all required actions",
  );
  const downloads = [...new Set(input.uses.map(actionRepositoryOf))].filter(
    (repo) => repo !== undefined,
  );
  if (downloads.length > 0) lines.push("Getting action download info");
  for (const repo of downloads) {
    lines.push(
      `Download action repository '${repo}' (SHA:${new Random(seedOf("sha", repo)).hex(40)})`,
    );
  }
  lines.push(`Complete job name: ${input.jobName}`);
  return lines;
}
