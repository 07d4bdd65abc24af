// Tests only: a fingerprint of everything stored, to show that a refused request changed
// nothing: for every table of the schema, its row count and an MD5 of its rows as text in a
// stable order, and every sequence's last value (a refused insert would still move one).
import type { Db } from "./client.ts";

export type DatabaseFingerprint = {
  tables: Record<string, { rows: number; md5: string }>;
  sequences: Record<string, string | null>;
};

export async function fingerprintDatabase(db: Db): Promise<DatabaseFingerprint> {
  // Table names come from the catalogue and are quoted by format(%I): nothing is built in
  // TypeScript, and a table added by a later migration is covered without a change here.
  const tables = await db.$queryRaw<{ name: string; rows: string; md5: string }[]>`
    WITH counted AS (
      SELECT c.relname AS name, query_to_xml(format(
        'SELECT count(*) AS n, md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), %L)) AS h FROM %I.%I t',
        '', n.nspname, c.relname), false, true, '') AS x
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
    )
    SELECT name, (xpath('/row/n/text()', x))[1]::text AS rows, (xpath('/row/h/text()', x))[1]::text AS md5
    FROM counted ORDER BY name`;
  const sequences = await db.$queryRaw<{ name: string; value: string | null }[]>`
    SELECT sequencename AS name, last_value::text AS value FROM pg_sequences
    WHERE schemaname = current_schema() ORDER BY sequencename`;
  return {
    tables: Object.fromEntries(tables.map((t) => [t.name, { rows: Number(t.rows), md5: t.md5 }])),
    sequences: Object.fromEntries(sequences.map((s) => [s.name, s.value])),
  };
}
