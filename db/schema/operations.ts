import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./directory";
import { notifications } from "./notifications";
import { users } from "./users";

export const smsStatus = pgEnum("sms_status", ["queued", "sent", "failed"]);

/** Every SMS the app sends. With the `outbox` driver this is the whole delivery. */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Kavenegar's `localid` (a number): a message handed over again after a crash is recognised by it. */
    localId: bigint("local_id", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    phone: text("phone").notNull(),
    body: text("body").notNull(),
    driver: text("driver").notNull(),
    status: smsStatus("status").notNull().default("queued"),
    error: text("error"),
    /** The notification this message delivers (none for sign-in codes): at most one message each. */
    notificationId: uuid("notification_id").references(() => notifications.id),
    /** Kavenegar's messageid and delivery status for this message. */
    providerMessageId: text("provider_message_id"),
    providerStatus: integer("provider_status"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sms_outbox_phone_idx").on(t.phone, t.createdAt), uniqueIndex("sms_outbox_one_per_notification").on(t.notificationId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    /** The clinic the action concerns, so a clinic admin reads their own clinic's trail; null for
     * platform-wide actions (wallet adjustments, cleanup). */
    clinicId: uuid("clinic_id").references(() => clinics.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_clinic_created_idx").on(t.clinicId, t.createdAt)],
);
