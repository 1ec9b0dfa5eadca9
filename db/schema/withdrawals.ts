import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { paymentAttempts } from "./payments";
import { users } from "./users";

/** requested: the amount is held (a `withdrawal_hold` debit) and waits in the platform admin's payout queue;
 * paid: the admin transferred it and wrote the bank's reference; rejected: the hold came back
 * (a `withdrawal_return` credit). Both ledger entries reference the withdrawal's id. */
export const withdrawalStatus = pgEnum("withdrawal_status", ["requested", "paid", "rejected"]);

export const withdrawals = pgTable(
  "withdrawals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    /** IBAN of an Iranian account ("IR" and 24 digits, mod-97 checked by lib/wallet/sheba.ts). */
    sheba: text("sheba").notNull(),
    /** The patient's profile name when they asked: the account must be in their own name. */
    holderName: text("holder_name").notNull(),
    status: withdrawalStatus("status").notNull().default("requested"),
    /** The bank's reference of the transfer (شماره پیگیری), required once paid. */
    bankReference: text("bank_reference"),
    rejectReason: text("reject_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("withdrawals_user_idx").on(t.userId, t.createdAt),
    index("withdrawals_queue_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'requested'`),
    check("withdrawals_amount_positive", sql`${t.amountRial} > 0`),
    check("withdrawals_sheba_format", sql`${t.sheba} ~ '^IR[0-9]{24}$'`),
    check("withdrawals_holder_name_present", sql`length(trim(${t.holderName})) > 0`),
    check("withdrawals_decided_iff_not_requested", sql`(${t.status} = 'requested') = (${t.decidedBy} is null and ${t.decidedAt} is null)`),
    check("withdrawals_decided_has_both", sql`(${t.decidedBy} is null) = (${t.decidedAt} is null)`),
    check(
      "withdrawals_bank_reference_iff_paid",
      sql`(${t.status} = 'paid') = coalesce(length(trim(${t.bankReference})) > 0, false) and (${t.status} = 'paid' or ${t.bankReference} is null)`,
    ),
    check(
      "withdrawals_reject_reason_iff_rejected",
      sql`(${t.status} = 'rejected') = coalesce(length(trim(${t.rejectReason})) > 0, false) and (${t.status} = 'rejected' or ${t.rejectReason} is null)`,
    ),
  ],
);

/** reversing: claimed, the wallet debited (`card_reversal`), the gateway asked; reversed: the gateway gave the
 * money back to the card; failed: it refused or did not answer and the debit came back (`card_reversal_undo`).
 * Both ledger entries reference the reversal's id, so a retry after a failure is a new row with new entries. */
export const cardReversalStatus = pgEnum("card_reversal_status", ["reversing", "reversed", "failed"]);

export const cardReversals = pgTable(
  "card_reversals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => paymentAttempts.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    status: cardReversalStatus("status").notNull().default("reversing"),
    /** Why it failed: the gateway's code, or null when it did not answer. */
    gatewayCode: integer("gateway_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    // The claim: one reversal of a payment at a time, and none after one succeeded (two clicks, two tabs).
    uniqueIndex("card_reversals_one_live_per_attempt")
      .on(t.attemptId)
      .where(sql`${t.status} <> 'failed'`),
    index("card_reversals_reversing_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'reversing'`),
    check("card_reversals_amount_positive", sql`${t.amountRial} > 0`),
    check("card_reversals_settled_iff_done", sql`(${t.status} = 'reversing') = (${t.settledAt} is null)`),
    check("card_reversals_code_only_when_failed", sql`${t.status} = 'failed' or ${t.gatewayCode} is null`),
  ],
);
