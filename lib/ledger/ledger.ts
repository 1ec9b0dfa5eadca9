import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { walletLedger, wallets } from "@/db/schema";
import { isCheckViolation } from "@/lib/shared/pg-errors";
import { err, ok, type Result } from "@/lib/shared/result";

type LedgerReason = (typeof walletLedger.$inferInsert)["reason"];
type Entry = { userId: string; amountRial: number; reason: LedgerReason; reference: string; note?: string };

/** Adds money. The (reason, reference) pair makes a credit idempotent: the second call for the same
 * refund or top-up changes nothing and says so. */
export async function creditWallet(db: Db, entry: Entry): Promise<{ applied: boolean; balanceRial: number }> {
  const [inserted] = await db
    .insert(walletLedger)
    .values({ ...entry, amountRial: Math.abs(entry.amountRial) })
    .onConflictDoNothing({ target: [walletLedger.reason, walletLedger.reference] })
    .returning({ balanceAfterRial: walletLedger.balanceAfterRial });
  if (inserted) return { applied: true, balanceRial: inserted.balanceAfterRial };
  return { applied: false, balanceRial: await walletBalance(db, entry.userId) };
}

/** Takes money, never below zero: the database refuses the entry when the balance does not cover it.
 * Must run inside the caller's transaction so that a refusal rolls back with everything else. */
export async function debitWallet(db: Db, entry: Entry): Promise<Result<{ balanceRial: number }, { code: "insufficient_balance" }>> {
  try {
    const [inserted] = await db.transaction(async (savepoint) =>
      savepoint
        .insert(walletLedger)
        .values({ ...entry, amountRial: -Math.abs(entry.amountRial) })
        .returning({ balanceAfterRial: walletLedger.balanceAfterRial }),
    );
    return ok({ balanceRial: inserted!.balanceAfterRial });
  } catch (error) {
    if (isCheckViolation(error, "wallets_balance_non_negative")) return err({ code: "insufficient_balance" });
    throw error;
  }
}

export async function walletBalance(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ balanceRial: wallets.balanceRial }).from(wallets).where(eq(wallets.userId, userId));
  return row?.balanceRial ?? 0;
}
