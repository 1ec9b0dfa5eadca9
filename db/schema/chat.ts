import { sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { doctors } from "./directory";
import { familyMembers } from "./family";
import { paymentAttempts } from "./payments";
import { users } from "./users";

export const chatRequestStatus = pgEnum("chat_request_status", ["waiting", "active", "closed", "expired"]);

export const chatRequests = pgTable(
  "chat_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id),
    /** The verified gateway payment or wallet debit that paid for this request: never absent. */
    paymentAttemptId: uuid("payment_attempt_id")
      .notNull()
      .unique("chat_requests_payment_attempt_unique")
      .references(() => paymentAttempts.id),
    /** Who the consultation is about when it is not the patient themself: one of the patient's family members. */
    familyMemberId: uuid("family_member_id"),
    question: text("question").notNull(),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    status: chatRequestStatus("status").notNull().default("waiting"),
    answerDeadline: timestamp("answer_deadline", { withTimezone: true }).notNull(),
    patientReadAt: timestamp("patient_read_at", { withTimezone: true }),
    doctorReadAt: timestamp("doctor_read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("chat_requests_patient_idx").on(t.patientId),
    index("chat_requests_doctor_idx").on(t.doctorId, t.status),
    foreignKey({
      name: "chat_requests_family_member_owner_fk",
      columns: [t.familyMemberId, t.patientId],
      foreignColumns: [familyMembers.id, familyMembers.ownerId],
    }),
    check("chat_requests_question_length", sql`char_length(${t.question}) between 1 and 2000`),
  ],
);

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatRequestId: uuid("chat_request_id")
      .notNull()
      .references(() => chatRequests.id),
    senderId: uuid("sender_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chat_messages_request_idx").on(t.chatRequestId, t.createdAt),
    check("chat_messages_body_length", sql`char_length(${t.body}) between 1 and 4000`),
  ],
);
