import { describe, expect, it } from "vitest";
import { commitUrl, repoUrl, workflowUrl } from "./github-links.ts";

describe("GitHub links", () => {
  it("keeps the host of a run's URL (GitHub Enterprise Server), else github.com", () => {
    expect(repoUrl("acme/web", "https://ghe.example.com/acme/web/actions/runs/12")).toBe(
      "https://ghe.example.com/acme/web",
    );
    expect(repoUrl("acme/web", null)).toBe("https://github.com/acme/web");
    expect(repoUrl("acme/web", "not a run url")).toBe("https://github.com/acme/web");
  });

  it("links a workflow by its file, and a generated one to the Actions page", () => {
    expect(workflowUrl("acme/web", ".github/workflows/ci.yml")).toBe(
      "https://github.com/acme/web/actions/workflows/ci.yml",
    );
    expect(
      workflowUrl(
        "acme/web",
        ".github/workflows/ci.yml",
        "https://github.com/acme/web/actions/runs/9",
      ),
    ).toBe("https://github.com/acme/web/actions/workflows/ci.yml");
    expect(workflowUrl("acme/web", "dynamic/pages/pages-build-deployment")).toBe(
      "https://github.com/acme/web/actions",
    );
  });

  it("links a commit", () => {
    expect(commitUrl("acme/web", "abc123")).toBe("https://github.com/acme/web/commit/abc123");
  });
});
