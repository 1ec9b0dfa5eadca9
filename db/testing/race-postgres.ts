import type { Database } from "../client";
import { trackTestDatabase, type InvariantCheckOption } from "./open-test-databases";
import { createThrowawayPostgres } from "./throwaway-postgres";

/** The server race tests use when DATABASE_URL is not set: the local development Postgres. */
export const DEFAULT_RACE_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated database on a real Postgres server, for tests that need real concurrency (PGlite runs
 * one statement at a time). Uses the server named by DATABASE_URL, else DEFAULT_RACE_POSTGRES_URL; never
 * skips: without a server the test fails. close() drops the database. Under Vitest the invariants are
 * checked after each test while it is open, unless `checkInvariants: false`. */
export async function createRacePostgres(options: { poolMax?: number } & InvariantCheckOption = {}): Promise<Database & { url: string }> {
  const database = await createThrowawayPostgres(process.env.DATABASE_URL || DEFAULT_RACE_POSTGRES_URL, {
    prefix: "drturn_race",
    poolMax: options.poolMax ?? 30,
  });
  return trackTestDatabase(database, options);
}
