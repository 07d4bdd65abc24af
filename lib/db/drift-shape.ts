// The shape of a database schema as the drift check compares it, and the comparison itself.

export type ColumnShape = { type: string; nullable: boolean; default: string | null };
/** An index; `columns` carry their sort order ("created_at DESC"), expressions are in parentheses. */
export type IndexShape = {
  name: string;
  columns: string[];
  unique: boolean;
  method: string;
  /** The WHERE of a partial index. */
  predicate: string | null;
};
export type ForeignKeyShape = {
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  /** CHECK constraints; schema.prisma cannot declare any, so any in the database is drift. */
  checks: string[];
};
export type DbShape = {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
  /** Views, functions and triggers: schema.prisma declares none, so any is drift. */
  others: string[];
};

const show = (value: unknown) => JSON.stringify(value);

function compareNamed<T extends { name: string }>(
  where: string,
  what: string,
  expected: T[],
  actual: T[],
  out: string[],
): void {
  const actualByName = new Map(actual.map((item) => [item.name, item]));
  const expectedNames = new Set(expected.map((item) => item.name));
  for (const item of expected) {
    const found = actualByName.get(item.name);
    if (!found)
      out.push(`${where}: ${what} ${item.name} is in schema.prisma but not in the database`);
    else if (show(found) !== show(item)) {
      out.push(
        `${where}: ${what} ${item.name} is ${show(found)} in the database, schema.prisma says ${show(item)}`,
      );
    }
  }
  for (const item of actual) {
    if (!expectedNames.has(item.name)) {
      out.push(`${where}: ${what} ${item.name} is in the database but not in schema.prisma`);
    }
  }
}

function compareTable(name: string, expected: TableShape, actual: TableShape, out: string[]): void {
  for (const [column, shape] of Object.entries(expected.columns)) {
    const found = actual.columns[column];
    if (!found) out.push(`${name}.${column}: in schema.prisma but not in the database`);
    else if (show(found) !== show(shape)) {
      out.push(
        `${name}.${column}: ${show(found)} in the database, schema.prisma says ${show(shape)}`,
      );
    }
  }
  for (const column of Object.keys(actual.columns)) {
    if (!(column in expected.columns))
      out.push(`${name}.${column}: in the database but not in schema.prisma`);
  }
  if (show(expected.primaryKey) !== show(actual.primaryKey)) {
    out.push(
      `${name}: primary key ${show(actual.primaryKey)} in the database, schema.prisma says ${show(expected.primaryKey)}`,
    );
  }
  compareNamed(name, "index", expected.indexes, actual.indexes, out);
  compareNamed(name, "foreign key", expected.foreignKeys, actual.foreignKeys, out);
  for (const check of actual.checks)
    out.push(`${name}: CHECK constraint ${check} is not in schema.prisma`);
}

/** Every difference between what schema.prisma declares and what the database holds. */
export function compareShapes(expected: DbShape, actual: DbShape): string[] {
  const out: string[] = [];
  for (const [name, table] of Object.entries(expected.tables)) {
    const found = actual.tables[name];
    if (!found) out.push(`table ${name}: in schema.prisma but not in the database`);
    else compareTable(name, table, found, out);
  }
  for (const name of Object.keys(actual.tables)) {
    if (!(name in expected.tables))
      out.push(`table ${name}: in the database but not in schema.prisma`);
  }
  for (const [name, values] of Object.entries(expected.enums)) {
    const found = actual.enums[name];
    if (!found) out.push(`enum ${name}: in schema.prisma but not in the database`);
    else if (show(found) !== show(values)) {
      out.push(`enum ${name}: ${show(found)} in the database, schema.prisma says ${show(values)}`);
    }
  }
  for (const name of Object.keys(actual.enums)) {
    if (!(name in expected.enums))
      out.push(`enum ${name}: in the database but not in schema.prisma`);
  }
  for (const other of actual.others) out.push(`${other}: in the database but not in schema.prisma`);
  return out;
}
