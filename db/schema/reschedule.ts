import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { paymentAttempts } from "./payments";
import { reservations } from "./reservations";
import { timeSlots } from "./schedule";
import { users } from "./users";

/** A reservation moved by its patient to another slot of the same doctor (issue 13 §2). The reservation row
 * keeps its id and its original payment attempt; this history says how it got from the slot that attempt paid
 * for to the slot it holds now, and what each move cost or gave back: a higher fee is a `reschedule`
 * payment attempt of exactly the difference (`payment_attempt_id`), a lower one a `reschedule_refund` ledger
 * entry keyed by the move's id, the same fee neither. `lib/invariants` checks the chain end to end. */
export const reservationMoves = pgTable(
  "reservation_moves",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reservationId: uuid("reservation_id")
      .notNull()
      .references(() => reservations.id),
    /** 1, 2, … per reservation: two moves computed from the same state cannot both be written. */
    seq: integer("seq").notNull(),
    fromSlotId: uuid("from_slot_id")
      .notNull()
      .references(() => timeSlots.id),
    toSlotId: uuid("to_slot_id")
      .notNull()
      .references(() => timeSlots.id),
    fromAmountRial: bigint("from_amount_rial", { mode: "number" }).notNull(),
    toAmountRial: bigint("to_amount_rial", { mode: "number" }).notNull(),
    /** The verified payment of the difference, when the new time costs more. */
    paymentAttemptId: uuid("payment_attempt_id")
      .unique("reservation_moves_payment_attempt_unique")
      .references(() => paymentAttempts.id),
    movedBy: uuid("moved_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("reservation_moves_seq_unique").on(t.reservationId, t.seq),
    index("reservation_moves_to_slot_idx").on(t.toSlotId),
    check("reservation_moves_seq_positive", sql`${t.seq} >= 1`),
    check("reservation_moves_other_slot", sql`${t.fromSlotId} <> ${t.toSlotId}`),
    check("reservation_moves_amounts_positive", sql`${t.fromAmountRial} > 0 and ${t.toAmountRial} > 0`),
    // A dearer time is paid for by an attempt of its own; a cheaper or equal one never is.
    check("reservation_moves_paid_when_dearer", sql`(${t.toAmountRial} > ${t.fromAmountRial}) = (${t.paymentAttemptId} is not null)`),
  ],
);
