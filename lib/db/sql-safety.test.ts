// SQL reaches Postgres only through tagged templates (Prisma.sql, $queryRaw`…`), whose values
// travel as bind parameters: this scans every source file for the ways around that.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["app", "bin", "components", "lib"];
const SKIP = new Set(["node_modules", ".next", "generated", "sql-safety.test.ts"]);

/** Every TypeScript source under the roots, tests included (they seed the same databases). */
function sources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) files.push(file);
    }
  };
  for (const root of ROOTS) walk(root);
  return files;
}

type Rule = { name: string; pattern: RegExp; allowed: Set<string> };

const RULES: Rule[] = [
  {
    // Takes a string: whatever is pasted into it is SQL.
    name: "$queryRawUnsafe / $executeRawUnsafe",
    pattern: /\$(query|execute)RawUnsafe\s*\(/,
    allowed: new Set(),
  },
  {
    // Identifiers only; these files pass constants of their own (table and column names).
    name: "Prisma.raw",
    pattern: /Prisma\.raw\s*\(/,
    allowed: new Set([
      "lib/sync/testing.ts",
      "bin/sync.int.test.ts",
      "lib/retention/prune.int.test.ts",
    ]),
  },
  {
    // node-postgres with an interpolated string: values must go in the parameter array.
    name: "pg query with an interpolated template",
    pattern: /\.query\(\s*`[^`]*\$\{/,
    // Test databases' own names (CREATE/ALTER/DROP DATABASE take no bind parameter), made by
    // the code; the bench's EXPLAIN of a statement whose values still go as parameters.
    allowed: new Set([
      "lib/db/testing.ts",
      "lib/db/client.int.test.ts",
      "bin/bench/api-measure.ts",
    ]),
  },
  {
    name: "pg query with a concatenated string",
    pattern: /\.query\(\s*["'`][^"'`]*["'`]\s*\+/,
    allowed: new Set(),
  },
];

const offences = (rule: Rule, files: { file: string; text: string }[]) =>
  files
    .filter(({ file, text }) => !rule.allowed.has(file) && rule.pattern.test(text))
    .map(({ file }) => file);

describe("SQL only through tagged templates", () => {
  const files = sources().map((file) => ({ file, text: readFileSync(file, "utf8") }));

  it("scans the project's sources", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files.some(({ file }) => file === "lib/metrics/run-stats.ts")).toBe(true);
  });

  for (const rule of RULES)
    it(`finds no ${rule.name} outside the files allowed to`, () => {
      expect(offences(rule, files)).toEqual([]);
    });

  it("catches each way around the templates", () => {
    // Source text under test, not templates of ours.
    const open = "$" + "{";
    const bad = [
      `await prisma.$queryRawUnsafe(\`SELECT ${open}x}\`)`,
      `Prisma.sql\`SELECT * FROM ${open}Prisma.raw(name)}\``,
      `await client.query(\`SELECT * FROM runs WHERE id = ${open}id}\`)`,
      "await client.query('SELECT * FROM runs WHERE id = ' + id)",
    ];
    RULES.forEach((rule, i) => {
      expect(offences(rule, [{ file: "x.ts", text: bad[i] ?? "" }])).toEqual(["x.ts"]);
    });
    expect(offences(RULES[2] as Rule, [{ file: "x.ts", text: "client.query(SQL, [id])" }])).toEqual(
      [],
    );
  });
});
