import { openPglite, type Database } from "../client";
import { createThrowawayPostgres } from "./throwaway-postgres";

/** A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database on the
 * Postgres server named by DATABASE_URL (dropped again by close()). */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return createThrowawayPostgres(serverUrl, { prefix: "drturn_test", poolMax: 40 });
  const database = openPglite();
  await database.migrate();
  return database;
}

export const onRealPostgres = Boolean(process.env.DATABASE_URL);
