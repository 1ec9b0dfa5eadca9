import "server-only";
import path from "node:path";
import { mkdirSync, realpathSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { is, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { config } from "@/lib/config";
import { outageBreaker, withOutageBreaker } from "./outage-breaker";
import { lockDirectory } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or an open transaction: services take this and never care which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: "postgres" | "pglite";
  /** Where a second client (the job queue, a CLI) connects: a URL, or the embedded database's socket. */
  connection: { url: string } | { socketPath: string } | { pglite: PGlite; dataDir: string | undefined };
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** LISTEN on `channel` (NOTIFY payloads, delivered after the notifying transaction commits). postgres.js
   * keeps one dedicated connection for all of a pool's listeners; PGlite delivers in-process. Resolves to
   * the unlisten function. `onListening` is called each time the LISTEN is (re)established: postgres.js
   * reconnects a lost listening connection by itself, and what was notified in between was missed. */
  listen(channel: string, onNotify: (payload: string) => void, onListening?: () => void): Promise<() => Promise<void>>;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any fixed number: two instances starting at once must not both run the migrations.
const MIGRATION_LOCK_KEY = 742_001;

export type PostgresOptions = {
  max?: number;
  /** Seconds a new connection may take (see DATABASE_CONNECT_TIMEOUT_S). */
  connectTimeoutS?: number;
  /** false behind a transaction pooler (PgBouncer in transaction mode): a prepared statement belongs to one
   * server session, and the pooler hands each transaction whichever session is free. */
  prepare?: boolean;
  /** A direct connection (not through the pooler) for what needs a session of its own: migrations (a
   * session advisory lock), LISTEN, and the job queue. Defaults to `url`. */
  directUrl?: string;
};

/** Seconds before a pool connection that failed tries again. postgres.js's default grows with every failure
 * of the whole pool (3^n / 100 s, up to 20 s): after a ten-second network cut its connections waited up to
 * 14 s more before trying the database that was back (test:crash's database gap: health 503 and callbacks
 * failing 6 s after the restore). The outage breaker already keeps an outage from hammering the database
 * (one probe a second), so the pool retries within a second. */
function reconnectDelayS(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** failures, 1);
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const directUrl = options.directUrl ?? url;
  // connect_timeout bounds how long a query waits for a connection the database does not answer (a network
  // cut): it fails then, and the pool opens new connections by itself once the database is back.
  const connect_timeout = options.connectTimeoutS ?? 30;
  const client = postgres(url, {
    max: options.max ?? 10,
    connect_timeout,
    backoff: reconnectDelayS,
    prepare: options.prepare ?? true,
    onnotice: () => {},
  });
  // LISTEN holds a session: through a transaction pooler it would hear nothing, so it gets its own client.
  const listener =
    directUrl === url ? client : postgres(directUrl, { max: 1, connect_timeout, backoff: reconnectDelayS, onnotice: () => {} });
  // Once a query found the database unreachable, the others fail at once instead of queueing for it.
  const db = drizzlePostgres(withOutageBreaker(client, outageBreaker({ probeEveryMs: 1_000 }), { maxInFlight: options.max ?? 10 }), {
    schema,
  });
  return {
    db: db as unknown as Db,
    kind: "postgres",
    connection: { url: directUrl },
    async migrate() {
      // One connection, so the session-level lock covers every statement the migrator runs.
      const single = postgres(directUrl, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(single), { migrationsFolder });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: async () => {
      await client.end({ timeout: 5 });
      if (listener !== client) await listener.end({ timeout: 5 });
    },
    async listen(channel, onNotify, onListening) {
      const { unlisten } = await listener.listen(channel, onNotify, onListening);
      return unlisten;
    },
  };
}

/** In memory without `dataDir`. A directory is locked to this process first (see pglite-lock.ts): a second
 * process opening it would corrupt it, so that one stops with DatabaseLockedError instead. */
export function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Database {
  let lock: { release(): void } | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDirectory(realpathSync(dataDir));
  }
  let client: PGlite;
  try {
    client = new PGlite(dataDir, { loadDataDir: options.loadDataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    connection: { pglite: client, dataDir },
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
    async listen(channel, onNotify, onListening) {
      const unlisten = await client.listen(channel, onNotify);
      onListening?.();
      return unlisten;
    },
  };
}

const singleBackend = new WeakSet<object>();

/** The running app's embedded database, reached over its socket (db/embedded-socket.ts) by a CLI or a
 * separate worker. No prepared statements: every client shares PGlite's one session, where one client's
 * statement names would collide with another's. The app migrates it; this side never does. */
export function openEmbeddedViaSocket(socketPath: string, options: { max?: number } = {}): Database {
  const client = postgres({
    path: socketPath,
    user: "postgres",
    database: "postgres",
    max: options.max ?? 4,
    prepare: false,
    onnotice: () => {},
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  singleBackend.add(db);
  return {
    db,
    kind: "postgres",
    connection: { socketPath },
    migrate: async () => {},
    // The CLIs and the worker listen to nothing today; postgres.js's LISTEN is the same as on a server.
    async listen(channel, onNotify, onListening) {
      const { unlisten } = await client.listen(channel, onNotify, onListening);
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** True when every connection of `handle` shares one database session (embedded PGlite, in process or over
 * its socket): session-level locks mean nothing there, and transactions already run one at a time. */
export function isSingleBackend(handle: Db): boolean {
  return singleBackend.has(handle) || is(handle, PgliteDatabase);
}

const globalForDb = globalThis as unknown as { drTurnDatabase?: Database };

/** The embedded engine of an in-process PGlite handle (for its own dump and restore); undefined otherwise. */
export function embeddedEngine(handle: Database): PGlite | undefined {
  return "pglite" in handle.connection ? handle.connection.pglite : undefined;
}

/** The app's one connection (pool). Kept on globalThis because Next.js may load this module more than once
 * per process, and an embedded PGlite directory must be opened only once. */
export function database(): Database {
  if (!globalForDb.drTurnDatabase) {
    const cfg = config();
    globalForDb.drTurnDatabase = cfg.databaseUrl
      ? openPostgres(cfg.databaseUrl, {
          max: cfg.databasePoolMax,
          connectTimeoutS: cfg.databaseConnectTimeoutS,
          prepare: cfg.databasePrepare,
          directUrl: cfg.databaseDirectUrl,
        })
      : openPglite(path.resolve(cfg.pgliteDir));
  }
  return globalForDb.drTurnDatabase;
}

/** For a CLI that reaches the app's embedded database over its socket instead of opening it. */
export function adoptDatabase(handle: Database): void {
  globalForDb.drTurnDatabase = handle;
}

export function db(): Db {
  return database().db;
}

export async function pingDatabase(handle: Db): Promise<void> {
  await handle.execute(sql`select 1`);
}
