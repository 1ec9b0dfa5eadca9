import { sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
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
    /** The doctor's closing summary the patient keeps, and who wrote it: set once, by the close that won. */
    closingSummary: text("closing_summary"),
    closedBy: uuid("closed_by").references(() => users.id),
  },
  (t) => [
    index("chat_requests_patient_idx").on(t.patientId),
    index("chat_requests_doctor_idx").on(t.doctorId, t.status),
    // Cleanup's scan for unanswered requests past their deadline: only the few still waiting.
    index("chat_requests_waiting_deadline_idx")
      .on(t.answerDeadline)
      .where(sql`${t.status} = 'waiting'`),
    foreignKey({
      name: "chat_requests_family_member_owner_fk",
      columns: [t.familyMemberId, t.patientId],
      foreignColumns: [familyMembers.id, familyMembers.ownerId],
    }),
    check("chat_requests_question_length", sql`char_length(${t.question}) between 1 and 2000`),
    check("chat_requests_closing_summary_length", sql`char_length(${t.closingSummary}) between 1 and 2000`),
    check(
      "chat_requests_closing_summary_when_closed",
      sql`(${t.closingSummary} is null) = (${t.closedBy} is null) and (${t.closingSummary} is null or ${t.status} = 'closed')`,
    ),
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

/** Bytes of chat attachments, addressed by their SHA-256: the same photo sent twice is stored once, and
 * every app instance serves it (see docs/scaling.md for the size it adds and the move to S3). A row is only
 * ever inserted, never changed. */
export const chatBlobs = pgTable(
  "chat_blobs",
  {
    sha256: text("sha256").primaryKey(),
    content: bytea("content").notNull(),
    byteSize: integer("byte_size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("chat_blobs_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("chat_blobs_size_matches", sql`${t.byteSize} = octet_length(${t.content}) and ${t.byteSize} > 0`),
  ],
);

export const chatAttachmentKind = pgEnum("chat_attachment_kind", ["image", "pdf"]);

/** A file sent in a chat: it is its own message (the message's body is the file's name), so order, unread
 * counts and read receipts treat it like any other message. The id is a random UUID and is the file's URL:
 * unguessable, but every fetch is still checked against the chat's parties. */
export const chatAttachments = pgTable(
  "chat_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .unique("chat_attachments_message_unique")
      .references(() => chatMessages.id),
    chatRequestId: uuid("chat_request_id")
      .notNull()
      .references(() => chatRequests.id),
    kind: chatAttachmentKind("kind").notNull(),
    contentType: text("content_type").notNull(),
    fileName: text("file_name").notNull(),
    blobSha256: text("blob_sha256")
      .notNull()
      .references(() => chatBlobs.sha256),
    /** Images only: a small JPEG for the conversation. */
    thumbSha256: text("thumb_sha256").references(() => chatBlobs.sha256),
    byteSize: integer("byte_size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chat_attachments_request_idx").on(t.chatRequestId),
    check("chat_attachments_content_type", sql`${t.contentType} in ('image/jpeg', 'application/pdf')`),
    check(
      "chat_attachments_kind_matches",
      sql`(${t.kind} = 'pdf') = (${t.contentType} = 'application/pdf') and (${t.kind} = 'image') = (${t.thumbSha256} is not null)`,
    ),
    check("chat_attachments_size", sql`${t.byteSize} between 1 and 10485760`),
    check("chat_attachments_file_name", sql`char_length(${t.fileName}) between 1 and 200`),
  ],
);

/** A doctor's saved reply, inserted into the composer with one tap. Only its doctor sees or changes it. */
export const doctorQuickReplies = pgTable(
  "doctor_quick_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => doctors.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("doctor_quick_replies_doctor_idx").on(t.doctorId, t.createdAt),
    check("doctor_quick_replies_body_length", sql`char_length(${t.body}) between 1 and 1000`),
  ],
);
