// One statement on a database server's maintenance database, for the benchmarks that create
// and drop their own databases there.
import pg from "pg";

export async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
