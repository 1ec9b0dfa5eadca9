import type { Database, Db } from "../client";

/** Whether the invariants are checked after each test that uses a database. On by default; a test file that
 * writes states the product never writes (to prove a constraint refuses them, or a check reports them)
 * turns it off for its database. */
export type InvariantCheckOption = { checkInvariants?: boolean };

type OpenTestDatabase = { db: Db; checkInvariants: boolean };

const open = new Set<OpenTestDatabase>();

/** Remembers a test database until it is closed, so the invariant check that runs after every test
 * (lib/invariants/testing/after-each-test.ts, a Vitest setup file) finds it without each file wiring it. */
export function trackTestDatabase<T extends Database>(database: T, options: InvariantCheckOption = {}): T {
  const entry: OpenTestDatabase = { db: database.db, checkInvariants: options.checkInvariants ?? true };
  open.add(entry);
  const close = database.close;
  return {
    ...database,
    close: async () => {
      open.delete(entry);
      await close.call(database);
    },
  };
}

/** The databases of this test file that are open now and whose invariants are checked. */
export function databasesToCheck(): Db[] {
  return [...open].filter((entry) => entry.checkInvariants).map((entry) => entry.db);
}
