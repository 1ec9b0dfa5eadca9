import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPostgres, type Database } from "../client";

/** The server race tests use when DATABASE_URL is not set: the local development Postgres. */
export const DEFAULT_RACE_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated database on a real Postgres server, for tests that need real concurrency (PGlite runs
 * one statement at a time). Uses the server named by DATABASE_URL, else DEFAULT_RACE_POSTGRES_URL; never
 * skips: without a server the test fails. close() drops the database. */
export async function createRacePostgres(options: { poolMax?: number } = {}): Promise<Database & { url: string }> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_RACE_POSTGRES_URL;
  const name = `drturn_race_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw new Error(`race tests need a Postgres server at ${new URL(serverUrl).host} (set DATABASE_URL): ${String(error)}`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: options.poolMax ?? 30 });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    throw error;
  }
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
