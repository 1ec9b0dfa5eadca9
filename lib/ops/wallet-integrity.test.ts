import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users, walletLedger, wallets } from "@/db/schema";
import { setupTestDatabase } from "@/lib/payments/testing/payment-world";
import { walletMismatches } from "./wallet-integrity";

const world = setupTestDatabase({ checkInvariants: false });

describe("wallet integrity check", () => {
  it("finds nothing while balances come from the ledger, and names a wallet written behind its back", async () => {
    const db = world.db();
    const [user] = await db.insert(users).values({ phone: "09121112233" }).returning();
    await db.insert(walletLedger).values({ userId: user!.id, amountRial: 50_000, reason: "topup", reference: "integrity-1" });
    expect(await walletMismatches(db)).toEqual([]);

    // The triggers forbid this; switching them off for one transaction is the only way to fake corruption.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(wallets).set({ balanceRial: 70_000 }).where(eq(wallets.userId, user!.id));
    });
    expect(await walletMismatches(db)).toEqual([{ userId: user!.id, balanceRial: 70_000, ledgerRial: 50_000 }]);
  });
});
