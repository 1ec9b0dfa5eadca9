import { sql } from "drizzle-orm";
import { check, date, index, pgTable, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { doctors } from "./directory";
import { timeSlots } from "./schedule";
import { users } from "./users";

/** A patient waiting for a doctor who had no free time (issue 12 §6), optionally only for Tehran days
 * `from_date`..`to_date`. Active while neither left nor fulfilled; one active entry per patient and doctor.
 * Triggers (migration `waitlist`) queue the offer job when one of the doctor's slots frees, and mark the entry
 * fulfilled when the patient books with that doctor, whatever path the booking took. */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id, { onDelete: "cascade" }),
    /** Tehran calendar days (inclusive); null: any day. */
    fromDate: date("from_date", { mode: "string" }),
    toDate: date("to_date", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp("left_at", { withTimezone: true }),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("waitlist_one_active_per_patient_doctor")
      .on(t.patientId, t.doctorId)
      .where(sql`${t.leftAt} is null and ${t.fulfilledAt} is null`),
    // The offer job reads a doctor's active entries in the order they joined.
    index("waitlist_active_by_doctor_idx")
      .on(t.doctorId, t.createdAt)
      .where(sql`${t.leftAt} is null and ${t.fulfilledAt} is null`),
    index("waitlist_patient_idx").on(t.patientId),
    check("waitlist_range_order", sql`${t.fromDate} is null or ${t.toDate} is null or ${t.fromDate} <= ${t.toDate}`),
    check("waitlist_closed_once", sql`${t.leftAt} is null or ${t.fulfilledAt} is null`),
  ],
);

/** One SMS offer of one freed slot to one waiting entry. The unique pair is what makes two concurrent runs of
 * the offer job (a retried job, two workers) offer each entry a slot once. */
export const waitlistOffers = pgTable(
  "waitlist_offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => waitlistEntries.id, { onDelete: "cascade" }),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => timeSlots.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("waitlist_offers_once_per_entry_slot").on(t.entryId, t.slotId), index("waitlist_offers_slot_idx").on(t.slotId, t.sentAt)],
);
