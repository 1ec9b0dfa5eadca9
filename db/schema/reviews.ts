import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { doctors } from "./directory";
import { reservations } from "./reservations";
import { users } from "./users";

/** A patient's rating of one visit. The composite foreign key ties it to a reservation of that very patient
 * and doctor, `reservation_id` is unique (one review per visit), and a trigger (migration 0004) admits it
 * only while that reservation is `attended` — every review on a doctor's page is from a verified, paid,
 * attended visit. Ratings and comment never change; the doctor's public reply is set once; a clinic admin may
 * hide a review with a reason (audited), never edit it. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reservationId: uuid("reservation_id").notNull().unique("reviews_one_per_reservation"),
    patientId: uuid("patient_id").notNull(),
    doctorId: uuid("doctor_id").notNull(),
    /** 1–5: overall, and the three things patients compare doctors on. */
    overall: integer("overall").notNull(),
    treatment: integer("treatment").notNull(),
    manner: integer("manner").notNull(),
    explanation: integer("explanation").notNull(),
    recommends: boolean("recommends").notNull(),
    comment: text("comment").notNull().default(""),
    reply: text("reply"),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "reviews_reservation_of_patient_and_doctor",
      columns: [t.reservationId, t.patientId, t.doctorId],
      foreignColumns: [reservations.id, reservations.patientId, reservations.doctorId],
    }),
    foreignKey({ name: "reviews_doctor_fk", columns: [t.doctorId], foreignColumns: [doctors.id] }),
    index("reviews_doctor_created_idx").on(t.doctorId, t.createdAt),
    check(
      "reviews_ratings_range",
      sql`${t.overall} between 1 and 5 and ${t.treatment} between 1 and 5 and ${t.manner} between 1 and 5 and ${t.explanation} between 1 and 5`,
    ),
    check("reviews_comment_length", sql`char_length(${t.comment}) <= 1000`),
    check("reviews_reply_length", sql`${t.reply} is null or char_length(${t.reply}) between 1 and 1000`),
    check("reviews_reply_has_time", sql`(${t.reply} is null) = (${t.repliedAt} is null)`),
    check(
      "reviews_hidden_has_reason",
      sql`(${t.hiddenAt} is null) = (${t.hiddenReason} is null) and (${t.hiddenAt} is null) = (${t.hiddenBy} is null)`,
    ),
  ],
);
