// The pipeline page's query checked before it is read: a window or branch the API would refuse is
// left out (the page then shows the default) and named, with what it takes, for the page to say.
import { type ParamProblem, paramProblem } from "@/components/ui/param-notice";
import { parseBranch, parseWindow } from "@/lib/metrics/scope";

type SearchParams = Record<string, string | string[] | undefined>;

/** Whether `parse` takes `value` (it throws a ScopeError otherwise). */
const takes = (parse: (value: string) => unknown) => (value: string) => {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
};

/** `search` without the window or branch the API refuses, and a problem for each left out. */
export function checkPipelineSearch(search: SearchParams): {
  search: SearchParams;
  problems: ParamProblem[];
} {
  const get = (name: string) => {
    const value = search[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const problems = [
    ...paramProblem(
      get,
      "window",
      takes((value) => parseWindow(value, new Date())),
      "a number of hours or days such as 24h, 7d or 30d (at most 400d)",
      "the last 30 days",
    ),
    ...paramProblem(
      get,
      "branch",
      takes(parseBranch),
      "a branch name, or * for every branch",
      "the default branch",
    ),
  ];
  const left = new Set(problems.map((p) => p.parameter));
  return {
    search: Object.fromEntries(Object.entries(search).filter(([name]) => !left.has(name))),
    problems,
  };
}
