// The digest's plain-text part (and `pipewatch digest` without --send or --html): the top
// items with their numbers and an absolute link to each pipeline and to the digest page.
import type { Digest, DigestPipeline, DigestTest } from "./compare.ts";
import { changeText, digestUrl, pipelineUrl, weekRange } from "./describe.ts";

/** How many items of each list the e-mail carries; the page has them all. */
export const TOP_ITEMS = 5;

function section(title: string, lines: string[], total: number): string[] {
  if (lines.length === 0) return [];
  const more = total > lines.length ? [`  … and ${total - lines.length} more on the page`] : [];
  return ["", title, ...lines, ...more];
}

const label = (p: { repo: string; name: string }) => `${p.repo} · ${p.name}`;

const plural = (n: number, word: string) =>
  `${n} ${word}${n === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;

/** `flaky on 2 commits, 1 pass on retry`. */
export function flakyTestCounts(t: DigestTest): string {
  return `flaky on ${plural(t.flakyShas, "commit")}, ${plural(t.retriedPasses, "pass")} on retry`;
}

/** `digestHref`: the whole digest's address, when not the plain one (a signed link). */
export function renderDigestText(digest: Digest, publicUrl: string, digestHref?: string): string {
  const link = (p: { id: string }) => `    ${pipelineUrl(publicUrl, p.id)}`;
  const durations = (p: DigestPipeline) => [
    `- ${label(p)}: p50 ${changeText(p.p50, "duration", "down")}, p95 ${changeText(p.p95, "duration", "down")}`,
    link(p),
  ];
  const top = <T>(items: T[]) => items.slice(0, TOP_ITEMS);
  const lines = [
    `Pipewatch weekly digest ${digest.week} (${weekRange(digest.window, digest.timeZone)}, ${digest.timeZone})`,
    ...(digest.complete ? [] : ["This week is not over yet: its numbers are partial."]),
    `The whole digest: ${digestHref ?? digestUrl(publicUrl, digest.week)}`,
    "",
    `Total CI time: ${changeText(digest.totals.ciTimeMs, "duration", "neither")}`,
    `Runs: ${changeText(digest.totals.runs, "count", "neither")} in ${digest.totals.pipelines} pipelines`,
    ...section("Slower", top(digest.slower).flatMap(durations), digest.slower.length),
    ...section("Faster", top(digest.faster).flatMap(durations), digest.faster.length),
    ...section(
      "Flakiest pipelines",
      top(digest.flakiest).flatMap((p) => [
        `- ${label(p)}: ${changeText(p.flakyRate, "rate", "down")} of runs flaky`,
        link(p),
      ]),
      digest.flakiest.length,
    ),
    ...section(
      "Flakiest tests",
      top(digest.flakyTests).flatMap((t) => [
        `- ${t.suite} › ${t.name} (${t.repo}): ${flakyTestCounts(t)}`,
        ...t.pipelines.slice(0, 1).map((p) => link({ id: String(p.workflowId) })),
      ]),
      digest.flakyTestsTotal,
    ),
    ...section(
      "Cache hit rate",
      top(digest.cache).flatMap((p) => [
        `- ${label(p)}: ${changeText(p.cacheHitRate, "rate", "up")}`,
        link(p),
      ]),
      digest.cache.length,
    ),
    ...section(
      "Deploys",
      top(digest.deploys).flatMap((d) => [
        `- ${label(d)}: ${changeText(d.deploys, "count", "neither")} deploys, longest gap ${changeText({ current: d.longestGapMs, previous: null }, "duration", "neither")}`,
        link(d),
      ]),
      digest.deploys.length,
    ),
    ...section(
      "Flags",
      [
        `- ${digest.flags.opened.length} opened, ${digest.flags.resolved.length} resolved`,
        ...top(digest.flags.opened).map(
          (f) => `- opened: ${f.repo}${f.workflowName ? ` · ${f.workflowName}` : ""}: ${f.message}`,
        ),
      ],
      0,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
