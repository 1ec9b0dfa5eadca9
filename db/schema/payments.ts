import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const paymentPurpose = pgEnum("payment_purpose", ["reservation", "chat", "topup", "reschedule"]);
/** `wallet` attempts are paid from the in-app wallet; they never touch a gateway. */
export const paymentGateway = pgEnum("payment_gateway", ["sandbox", "zarinpal", "wallet"]);
export const paymentStatus = pgEnum("payment_status", [
  "pending", // waiting for the patient at the gateway
  "verifying", // the gateway said OK; verify is under way or timed out
  "paid", // verified and settled: the record exists or the money was refunded
  "failed", // gateway refused, NOK, or verify said not paid
  "abandoned", // never came back and the gateway says it was never paid
]);
export const paymentOutcome = pgEnum("payment_outcome", ["fulfilled", "auto_refunded"]);

/** What the patient is buying, as sealed in the intent cookie and kept here so that a paid attempt can be
 * fulfilled even when the cookie is gone. */
/** `familyMemberId`: the visit (or chat) is for one of the patient's family members (absent: for the patient). */
export type ReservationTarget = { kind: "reservation"; slotId: string; familyMemberId?: string };
export type ChatTarget = { kind: "chat"; doctorId: string; question: string; familyMemberId?: string };
/** `resume`: the purchase the patient topped up for, offered again once the wallet is credited;
 * `resumeIntentId`: the sealed intent cookie that still holds it, so that purchase finishes from the same intent. */
/** Moving a confirmed reservation to a dearer slot of the same doctor: the difference is paid, and the move is
 * made only when that payment is verified. `fromSlotId` is the slot the patient saw it on: a reservation moved
 * meanwhile (another tab) is not moved again. */
export type RescheduleTarget = { kind: "reschedule"; reservationId: string; fromSlotId: string; slotId: string };
export type TopupTarget = {
  kind: "topup";
  amountRial: number;
  resume?: ReservationTarget | ChatTarget | RescheduleTarget;
  resumeIntentId?: string;
};
export type PaymentTarget = ReservationTarget | ChatTarget | TopupTarget | RescheduleTarget;

export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    purpose: paymentPurpose("purpose").notNull(),
    target: jsonb("target").$type<PaymentTarget>().notNull(),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    gateway: paymentGateway("gateway").notNull(),
    authority: text("authority").unique(),
    status: paymentStatus("status").notNull().default("pending"),
    outcome: paymentOutcome("outcome"),
    /** The gateway's reference number, shown to the patient on success. */
    refId: text("ref_id"),
    cardPan: text("card_pan"),
    lastErrorCode: integer("last_error_code"),
    retryOf: uuid("retry_of").references((): AnyPgColumn => paymentAttempts.id),
    /** Identifies the sealed intent cookie this attempt was started from. */
    intentId: text("intent_id").notNull(),
    intentBytes: integer("intent_bytes"),
    verifyMs: integer("verify_ms"),
    /** When someone (the result page, "my payments", the reconcile job) last asked the gateway about this
     * attempt: claimed with a conditional UPDATE, so every app instance together asks at most once per
     * interval. */
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    /** Gateway answers in a row that settled nothing (time-outs, 5xx, -52, unknown codes): the interval
     * between checks doubles with each. */
    inconclusiveChecks: integer("inconclusive_checks").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    index("payment_attempts_user_idx").on(t.userId, t.createdAt),
    index("payment_attempts_status_idx").on(t.status, t.createdAt),
    // The retry count and paid sibling of every payment result page, and the staff list's retry number.
    index("payment_attempts_intent_idx").on(t.intentId, t.createdAt),
    // Newest first for the staff payments list (no sort of the whole table), and the monitoring and today's
    // date ranges.
    index("payment_attempts_created_idx").on(t.createdAt, t.id),
    check("payment_attempts_amount_positive", sql`${t.amountRial} > 0`),
    // coalesce: a target without a kind compares as null, which a check would let through.
    check("payment_attempts_purpose_matches_target", sql`coalesce(${t.target}->>'kind' = ${t.purpose}::text, false)`),
    check("payment_attempts_outcome_only_when_paid", sql`(${t.status} = 'paid') = (${t.outcome} is not null)`),
    check("payment_attempts_inconclusive_checks_not_negative", sql`${t.inconclusiveChecks} >= 0`),
    check("payment_attempts_gateway_has_authority", sql`${t.gateway} = 'wallet' or ${t.status} = 'failed' or ${t.authority} is not null`),
  ],
);

/** How often the gateway answered something that settled nothing, by call and code (a gateway code such as
 * -52, or timeout / network / http_5xx / malformed): a counter for /api/metrics, shared by every instance. */
export const gatewayInconclusiveAnswers = pgTable(
  "gateway_inconclusive_answers",
  {
    action: text("action").notNull(),
    code: text("code").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.action, t.code] }), check("gateway_inconclusive_answers_count_positive", sql`${t.count} > 0`)],
);

/** State of the in-app ZarinPal-compatible sandbox gateway. Kept in the database so that it survives a
 * restart and is shared by several app instances, like a real gateway. */
export const sandboxPaymentStatus = pgEnum("sandbox_payment_status", ["created", "paid", "failed", "cancelled", "verified", "reversed"]);

export const sandboxPayments = pgTable("sandbox_payments", {
  authority: text("authority").primaryKey(),
  merchantId: text("merchant_id").notNull(),
  amount: bigint("amount", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  description: text("description").notNull(),
  callbackUrl: text("callback_url").notNull(),
  status: sandboxPaymentStatus("status").notNull().default("created"),
  refId: bigint("ref_id", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp("paid_at", { withTimezone: true }),
});

export const sandboxFault = pgEnum("sandbox_fault", ["none", "verify-timeout", "verify-500", "drop-callback"]);

export const sandboxSettings = pgTable(
  "sandbox_settings",
  {
    id: integer("id").primaryKey().default(1),
    fault: sandboxFault("fault").notNull().default("none"),
  },
  (t) => [check("sandbox_settings_single_row", sql`${t.id} = 1`)],
);
