import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { walletLedger, wallets } from "@/db/schema";

/** Wallets whose cached balance differs from the sum of their ledger entries. Expected: none, ever. */
export async function walletMismatches(db: Db): Promise<{ userId: string; balanceRial: number; ledgerRial: number }[]> {
  const sums = db
    .select({ userId: walletLedger.userId, total: sql<string>`sum(${walletLedger.amountRial})`.as("total") })
    .from(walletLedger)
    .groupBy(walletLedger.userId)
    .as("sums");
  const rows = await db
    .select({ userId: wallets.userId, balanceRial: wallets.balanceRial, ledgerRial: sums.total })
    .from(wallets)
    .leftJoin(sums, eq(sums.userId, wallets.userId));
  return rows
    .map((row) => ({ userId: row.userId, balanceRial: row.balanceRial, ledgerRial: Number(row.ledgerRial ?? 0) }))
    .filter((row) => row.balanceRial !== row.ledgerRial);
}
