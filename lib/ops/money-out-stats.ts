import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardReversals, withdrawals } from "@/db/schema";

export const WITHDRAWAL_STATUSES = ["requested", "paid", "rejected"] as const;
export const CARD_REVERSAL_STATUSES = ["reversing", "reversed", "failed"] as const;

/** Money leaving wallets, for /api/metrics: withdrawals by status (how many, how much) and card reversals by
 * status. A growing `requested` is a payout queue nobody works; a `reversing` that stays is a claim the
 * sweep has not settled yet. */
export async function moneyOutCounts(db: Db) {
  const [byWithdrawal, byReversal] = await Promise.all([
    db
      .select({ status: withdrawals.status, n: count(), rial: sql<string>`coalesce(sum(${withdrawals.amountRial}), 0)::text` })
      .from(withdrawals)
      .groupBy(withdrawals.status),
    db.select({ status: cardReversals.status, n: count() }).from(cardReversals).groupBy(cardReversals.status),
  ]);
  return {
    withdrawals: WITHDRAWAL_STATUSES.map((status) => {
      const row = byWithdrawal.find((r) => r.status === status);
      return { status, count: row?.n ?? 0, rial: Number(row?.rial ?? 0) };
    }),
    cardReversals: CARD_REVERSAL_STATUSES.map((status) => ({ status, count: byReversal.find((r) => r.status === status)?.n ?? 0 })),
  };
}
