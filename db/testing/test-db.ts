import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPglite, openPostgres, type Database } from "../client";

/** A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database on the
 * Postgres server named by DATABASE_URL (dropped again by close()). */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = openPglite();
    await database.migrate();
    return database;
  }
  const name = `drturn_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: 40 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const onRealPostgres = Boolean(process.env.DATABASE_URL);
