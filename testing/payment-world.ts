import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database, Db } from "@/db/client";
import { createRacePostgres } from "@/db/testing/race-postgres";
import type { InvariantCheckOption } from "@/db/testing/open-test-databases";
import { createTestDatabase } from "@/db/testing/test-db";
import { buildEngine, resetDatabase, TEST_VERIFY_HOLD_MS, type TestEngine } from "./engine-harness";
import { startSandboxServer, type SandboxServer } from "./sandbox-server";

/** Under load a verify may take a while; a client timeout in a race test would make the outcome depend on
 * timing rather than on the code under test. */
export const RACE_GATEWAY_TIMEOUT_MS = 10_000;

export type TestDatabaseOptions = {
  /** Real concurrency needs real Postgres (PGlite runs one statement at a time): a throwaway database of the
   * server in DATABASE_URL, or of the local development server, even when DATABASE_URL is not set. */
  realPostgres?: boolean;
  /** Connection pool of the real-Postgres database. */
  poolMax?: number;
} & InvariantCheckOption;

export type TestDatabase = {
  db(): Db;
  /** The connection URL of the test database; only a Postgres database has one. */
  url(): string;
};

/** Registers the hooks of one test file (or describe block) that works on the database: a fresh migrated
 * database for the file, every table emptied before each test, the payment invariants checked after it (as
 * for every open test database: lib/invariants/testing/after-each-test.ts), and the database dropped at the
 * end. Call once, at the top level of the file or block. */
export function setupTestDatabase(options: TestDatabaseOptions = {}): TestDatabase {
  let database: Database & { url?: string };
  const db = () => database.db;

  beforeAll(async () => {
    const check = { checkInvariants: options.checkInvariants };
    database = options.realPostgres ? await createRacePostgres({ poolMax: options.poolMax, ...check }) : await createTestDatabase(check);
  });
  afterAll(() => database?.close());
  beforeEach(() => resetDatabase(db()));

  return {
    db,
    url: () => {
      if (!database.url) throw new Error("the test database has no URL (PGlite)");
      return database.url;
    },
  };
}

export type PaymentWorld = TestDatabase & {
  /** The sandbox gateway's apiBase, served over HTTP on a free local port. */
  apiBase(): string;
  /** The payment engine with the real ZarinPal client, pointed at the sandbox. */
  testEngine(options?: { timeoutMs?: number; now?: () => Date }): TestEngine;
};

/** setupTestDatabase, plus the sandbox gateway over HTTP for the file, so tests pay through the real ZarinPal
 * client. `gatewayTimeoutMs` is the client timeout of the engines testEngine() builds unless a call overrides
 * it. */
export function setupPaymentWorld(options: TestDatabaseOptions & { gatewayTimeoutMs?: number } = {}): PaymentWorld {
  const world = setupTestDatabase(options);
  let sandbox: SandboxServer;

  beforeAll(async () => {
    sandbox = await startSandboxServer({ db: world.db(), verifyTimeoutHoldMs: TEST_VERIFY_HOLD_MS });
  });
  // Vitest runs after-hooks in reverse order: the sandbox closes before its database does.
  afterAll(() => sandbox?.close());

  return {
    ...world,
    apiBase: () => sandbox.apiBase,
    testEngine: (engineOptions = {}) => buildEngine(world.db(), sandbox.apiBase, { timeoutMs: options.gatewayTimeoutMs, ...engineOptions }),
  };
}
