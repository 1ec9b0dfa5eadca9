import { openPglite, type Database } from "../client";
import { trackTestDatabase, type InvariantCheckOption } from "./open-test-databases";
import { createThrowawayPostgres } from "./throwaway-postgres";

/** A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database on the
 * Postgres server named by DATABASE_URL (dropped again by close()). The invariants are checked after each
 * test while it is open, unless `checkInvariants: false`. */
export async function createTestDatabase(options: InvariantCheckOption = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return trackTestDatabase(await createThrowawayPostgres(serverUrl, { prefix: "drturn_test", poolMax: 40 }), options);
  const database = openPglite();
  await database.migrate();
  return trackTestDatabase(database, options);
}

export const onRealPostgres = Boolean(process.env.DATABASE_URL);
