import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPostgres, type Database } from "../client";

/** A fresh, migrated database named `<prefix>_<random>` on the Postgres server at `serverUrl`; close() drops
 * it again. Fails (never skips) when the server cannot be reached. */
export async function createThrowawayPostgres(
  serverUrl: string,
  options: { prefix: string; poolMax: number },
): Promise<Database & { url: string }> {
  const name = `${options.prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw new Error(`tests need a Postgres server at ${new URL(serverUrl).host} (set DATABASE_URL): ${String(error)}`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: options.poolMax });
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    await drop();
    throw error;
  }
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await drop();
    },
  };
}
