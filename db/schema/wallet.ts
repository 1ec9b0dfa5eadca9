import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Cached balance. Only the wallet_ledger trigger (migration 0001) writes it, so it always equals the sum
 * of the user's ledger entries; the check keeps it from ever going below zero. */
export const wallets = pgTable(
  "wallets",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    balanceRial: bigint("balance_rial", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("wallets_balance_non_negative", sql`${t.balanceRial} >= 0`)],
);

export const ledgerReason = pgEnum("ledger_reason", [
  "topup",
  "reservation_payment",
  "chat_payment",
  "auto_refund",
  "cancellation_refund",
  "chat_expiry_refund",
  "staff_adjustment",
  "reschedule_payment",
  "reschedule_refund",
  // Money leaving the wallet (db/schema/withdrawals.ts): each entry references its withdrawal or card reversal.
  "withdrawal_hold",
  "withdrawal_return",
  "card_reversal",
  "card_reversal_undo",
]);

/** Append-only: a trigger refuses UPDATE and DELETE. */
export const walletLedger = pgTable(
  "wallet_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    reason: ledgerReason("reason").notNull(),
    /** What the entry is for (a payment attempt, reservation, chat request or audit id). With the reason it
     * is unique, so the same credit or refund can never be applied twice. */
    reference: text("reference").notNull(),
    note: text("note"),
    /** Set by the trigger from the wallet row it updates. */
    balanceAfterRial: bigint("balance_after_rial", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("wallet_ledger_reason_reference_unique").on(t.reason, t.reference),
    index("wallet_ledger_user_idx").on(t.userId, t.createdAt),
    check("wallet_ledger_amount_nonzero", sql`${t.amountRial} <> 0`),
  ],
);
