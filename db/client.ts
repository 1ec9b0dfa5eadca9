import "server-only";
import path from "node:path";
import { mkdirSync, realpathSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { config } from "@/lib/config";
import { lockDirectory } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or an open transaction: services take this and never care which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** LISTEN on `channel` (NOTIFY payloads, delivered after the notifying transaction commits). postgres.js
   * keeps one dedicated connection for all of a pool's listeners; PGlite delivers in-process. Resolves to
   * the unlisten function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any fixed number: two instances starting at once must not both run the migrations.
const MIGRATION_LOCK_KEY = 742_001;

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema });
  return {
    db: db as unknown as Db,
    kind: "postgres",
    async migrate() {
      // One connection, so the session-level lock covers every statement the migrator runs.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(single), { migrationsFolder });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
    async listen(channel, onNotify) {
      const { unlisten } = await client.listen(channel, onNotify);
      return unlisten;
    },
  };
}

/** In memory without `dataDir`. A directory is locked to this process first (see pglite-lock.ts): a second
 * process opening it would corrupt it, so that one stops with DatabaseLockedError instead. */
export function openPglite(dataDir?: string): Database {
  let lock: { release(): void } | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDirectory(realpathSync(dataDir));
  }
  let client: PGlite;
  try {
    client = new PGlite(dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
    listen: (channel, onNotify) => client.listen(channel, onNotify),
  };
}

const globalForDb = globalThis as unknown as { drTurnDatabase?: Database };

/** The app's one connection (pool). Kept on globalThis because Next.js may load this module more than once
 * per process, and an embedded PGlite directory must be opened only once. */
export function database(): Database {
  if (!globalForDb.drTurnDatabase) {
    const cfg = config();
    globalForDb.drTurnDatabase = cfg.databaseUrl
      ? openPostgres(cfg.databaseUrl, { max: cfg.databasePoolMax })
      : openPglite(path.resolve(cfg.pgliteDir));
  }
  return globalForDb.drTurnDatabase;
}

export function db(): Db {
  return database().db;
}

export async function pingDatabase(handle: Db): Promise<void> {
  await handle.execute(sql`select 1`);
}
