import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { doctors } from "./directory";
import { users } from "./users";

/** What happened. Together with `reference` (the reservation, payment attempt or chat request it is about)
 * and the recipient it is the notification's identity: the same event never notifies the same person twice. */
export const notificationKind = pgEnum("notification_kind", [
  "reservation_confirmed",
  "reservation_reminder_24h",
  "reservation_reminder_2h",
  "reservation_cancelled_by_clinic",
  "reservation_cancelled_by_patient",
  "auto_refund",
  "chat_answered",
  "chat_question",
  "chat_expiring",
  "chat_expired",
  "visit_delayed",
  "waitlist_offer",
  "reservation_rescheduled",
  "staff_invited",
]);

/** `skipped`: no longer worth sending when its turn came (a reminder for a visit cancelled, attended or past
 * meanwhile; a waitlist offer for a slot taken, closed or past) — never sent, and not a failure. */
export const notificationStatus = pgEnum("notification_status", ["pending", "sent", "failed", "skipped"]);

/** Every message the app owes someone. Written in the same transaction as the event it tells about; a
 * trigger (migration 0003) queues the job that sends it as an SMS, in that same transaction. The in-app
 * list shows exactly these rows, so what the patient reads there is what was sent. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id),
    kind: notificationKind("kind").notNull(),
    reference: text("reference").notNull(),
    /** The SMS text and the in-app text: short, Persian, never medical content. */
    body: text("body").notNull(),
    /** Path inside the app the message points to. */
    link: text("link"),
    status: notificationStatus("status").notNull().default("pending"),
    sendAttempts: integer("send_attempts").notNull().default(0),
    /** A sender holds the message until then: a second sender (a duplicate job, a sweep) keeps off it, and
     * after a crash the next one takes over once it has passed. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_once_per_event").on(t.kind, t.reference, t.recipientId),
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt),
    index("notifications_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.status} <> 'sent'`),
    check("notifications_body_length", sql`char_length(${t.body}) between 1 and 600`),
  ],
);

/** A patient's choices. Only reminders can be turned off: confirmations, refunds and sign-in codes cannot. */
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  reminders: boolean("reminders").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A delay the clinic or the doctor announced: it applies to the doctor's visits from `startsFrom` until
 * `until` (the end of that Tehran day). Its id is the key the form was rendered with, so a form submitted twice
 * is one announcement and its patients are told once. */
export const visitNotices = pgTable(
  "visit_notices",
  {
    id: uuid("id").primaryKey(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id),
    delayMinutes: integer("delay_minutes").notNull(),
    startsFrom: timestamp("starts_from", { withTimezone: true }).notNull(),
    until: timestamp("until", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("visit_notices_doctor_idx").on(t.doctorId, t.until),
    check("visit_notices_delay_range", sql`${t.delayMinutes} between 5 and 240`),
    check("visit_notices_window", sql`${t.startsFrom} < ${t.until}`),
  ],
);
