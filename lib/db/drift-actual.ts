// What the database actually holds, read from pg_catalog, in the shape drift-expected.ts builds.
import type pg from "pg";
import type { DbShape, TableShape } from "./drift-shape.ts";

const ACTION_CODES: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** Normalises a column default to the form drift-expected.ts writes. */
export function normaliseDefault(expression: string | null): string | null {
  if (expression === null) return null;
  if (/^nextval\(/.test(expression)) return "autoincrement";
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(expression)) return "now";
  const literal = /^'((?:[^']|'')*)'::[\w ."[\]]+$/.exec(expression);
  if (literal) return (literal[1] ?? "").replaceAll("''", "'");
  return expression;
}

const TABLES_SQL = `
SELECT c.oid, c.relname AS name FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`;

const COLUMNS_SQL = `
SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       NOT a.attnotnull AS nullable,
       CASE WHEN a.attgenerated = 's'
            THEN 'GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED'
            ELSE pg_get_expr(d.adbin, d.adrelid) END AS default
  FROM pg_attribute a
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

const CONSTRAINTS_SQL = `
SELECT con.conrelid AS oid, con.conname AS name, con.contype AS type,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
              ORDER BY k.pos)::text[] AS columns,
       ref.relname AS references,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
              ORDER BY k.pos)::text[] AS referenced_columns,
       con.confdeltype AS on_delete, con.confupdtype AS on_update
  FROM pg_constraint con
  LEFT JOIN pg_class ref ON ref.oid = con.confrelid
 WHERE con.conrelid = ANY($1::oid[]) AND con.contype <> 'n'`;

// Each key column with its sort order (indoption bit 1: DESC, bit 2: NULLS FIRST); an
// expression column (attnum 0) as its text in parentheses.
const INDEXES_SQL = `
SELECT i.indrelid AS oid, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       ARRAY(SELECT CASE WHEN k.num = 0
                         THEN '(' || pg_get_indexdef(i.indexrelid, k.pos::int, true) || ')'
                         ELSE a.attname END
                    || CASE WHEN o.opt & 1 = 1 AND o.opt & 2 = 0 THEN ' DESC NULLS LAST'
                            WHEN o.opt & 1 = 1 THEN ' DESC'
                            WHEN o.opt & 2 = 2 THEN ' NULLS FIRST'
                            ELSE '' END
               FROM unnest(i.indkey) WITH ORDINALITY k(num, pos)
               JOIN unnest(i.indoption) WITH ORDINALITY o(opt, pos) ON o.pos = k.pos
               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
              WHERE k.pos <= i.indnkeyatts
              ORDER BY k.pos)::text[] AS columns
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
 WHERE i.indrelid = ANY($1::oid[]) AND NOT i.indisprimary`;

/** Views, functions and triggers in the schema: none is declared by schema.prisma. */
const OTHERS_SQL = `
SELECT 'view ' || c.relname AS name FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
UNION ALL
SELECT 'function ' || p.proname FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = current_schema()
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'trigger ' || t.tgname || ' on ' || c.relname FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND NOT t.tgisinternal`;

const ENUMS_SQL = `
SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE n.nspname = current_schema()
 GROUP BY t.typname`;

type Row = Record<string, unknown>;

/** Reads the tables, columns, keys, indexes and enums of the connection's current schema. */
export async function actualShape(client: pg.ClientBase): Promise<DbShape> {
  const tableRows = (await client.query(TABLES_SQL)).rows as { oid: number; name: string }[];
  const oids = tableRows.map((row) => row.oid);
  const byOid = new Map<number, TableShape>();
  const tables: Record<string, TableShape> = {};
  for (const row of tableRows) {
    const table: TableShape = {
      columns: {},
      primaryKey: null,
      indexes: [],
      foreignKeys: [],
      checks: [],
    };
    byOid.set(row.oid, table);
    tables[row.name] = table;
  }
  const tableOf = (row: Row) => byOid.get(row.oid as number) as TableShape;

  for (const row of (await client.query(COLUMNS_SQL, [oids])).rows as Row[]) {
    tableOf(row).columns[row.name as string] = {
      type: (row.type as string).replaceAll('"', ""),
      nullable: row.nullable as boolean,
      default: normaliseDefault(row.default as string | null),
    };
  }
  for (const row of (await client.query(CONSTRAINTS_SQL, [oids])).rows as Row[]) {
    const table = tableOf(row);
    const name = row.name as string;
    const columns = row.columns as string[];
    if (row.type === "p") table.primaryKey = { name, columns };
    else if (row.type === "f") {
      table.foreignKeys.push({
        name,
        columns,
        references: row.references as string,
        referencedColumns: row.referenced_columns as string[],
        onDelete: ACTION_CODES[row.on_delete as string] ?? String(row.on_delete),
        onUpdate: ACTION_CODES[row.on_update as string] ?? String(row.on_update),
      });
    } else if (row.type !== "u") table.checks.push(name); // unique constraints show as indexes
  }
  for (const row of (await client.query(INDEXES_SQL, [oids])).rows as Row[]) {
    tableOf(row).indexes.push({
      name: row.name as string,
      columns: row.columns as string[],
      unique: row.unique as boolean,
      method: row.method as string,
      predicate: (row.predicate as string | null) ?? null,
    });
  }
  const enumRows = (await client.query(ENUMS_SQL)).rows as { name: string; values: string[] }[];
  const enums = Object.fromEntries(enumRows.map((row) => [row.name, row.values]));
  const others = ((await client.query(OTHERS_SQL)).rows as { name: string }[]).map(
    (row) => row.name,
  );
  return { tables, enums, others };
}
