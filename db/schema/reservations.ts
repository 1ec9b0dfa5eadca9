import { sql } from "drizzle-orm";
import { bigint, foreignKey, index, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { doctors } from "./directory";
import { familyMembers } from "./family";
import { paymentAttempts } from "./payments";
import { timeSlots } from "./schedule";
import { users } from "./users";

export const reservationStatus = pgEnum("reservation_status", ["confirmed", "attended", "no_show", "cancelled"]);

export const reservations = pgTable(
  "reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => timeSlots.id),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id),
    /** The verified gateway payment or wallet debit that paid for this reservation: never absent. */
    paymentAttemptId: uuid("payment_attempt_id")
      .notNull()
      .unique("reservations_payment_attempt_unique")
      .references(() => paymentAttempts.id),
    /** Who the visit is for when it is not the patient themself: one of the patient's family members. */
    familyMemberId: uuid("family_member_id"),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    status: reservationStatus("status").notNull().default("confirmed"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id),
    cancelReason: text("cancel_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one live reservation per slot; a cancelled one frees the slot again.
    uniqueIndex("reservations_one_live_per_slot")
      .on(t.slotId)
      .where(sql`${t.status} <> 'cancelled'`),
    index("reservations_patient_idx").on(t.patientId),
    index("reservations_doctor_idx").on(t.doctorId),
    // The target of reviews' composite foreign key: a review names a reservation of its patient and doctor.
    unique("reservations_id_patient_doctor_unique").on(t.id, t.patientId, t.doctorId),
    // Composite key: the member must belong to the very patient who holds the reservation.
    foreignKey({
      name: "reservations_family_member_owner_fk",
      columns: [t.familyMemberId, t.patientId],
      foreignColumns: [familyMembers.id, familyMembers.ownerId],
    }),
  ],
);
