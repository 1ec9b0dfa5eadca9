import { afterEach } from "vitest";
import { databasesToCheck } from "@/db/testing/open-test-databases";
import { assertInvariants } from "../invariant-checks";

// A Vitest setup file (vitest.config.ts): after every test of every file, each test database still open
// must keep the product's invariants — no ghost records, wallets equal to their ledgers, no double refunds —
// whatever the test did. Registered here, before the file's own hooks, so it runs after them.
afterEach(async () => {
  for (const db of databasesToCheck()) await assertInvariants(db);
});
