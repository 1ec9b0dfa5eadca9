import { and, asc, eq, inArray, notExists, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  auditLog,
  chatAttachments,
  chatBlobs,
  chatMessages,
  chatRequests,
  clinics,
  doctors,
  familyMembers,
  notifications,
  otpCodes,
  paymentAttempts,
  reservations,
  reviews,
  smsOutbox,
  timeSlots,
  users,
  waitlistEntries,
  waitlistOffers,
  walletLedger,
  withdrawals,
} from "@/db/schema";

/** What replaces a patient's own words (chat questions and messages) when the account is deleted. Within the
 * length checks of both columns. */
export const ERASED_TEXT = "[حذف‌شده به درخواست بیمار]";

/** What a family member's name becomes. The row cannot go (reservations and chats point at it through a
 * composite foreign key and must keep saying the visit was not for the account holder), and both name columns
 * must be non-empty: the two halves read, joined as every list joins them, exactly ERASED_TEXT. */
export const ERASED_MEMBER_NAME = { firstName: "[حذف‌شده", lastName: "به درخواست بیمار]" } as const;
/** A national code that is no one's (the column must hold ten digits); with removed_at set it is outside the
 * one-live-code-per-owner index, so several erased members never collide. */
export const ERASED_NATIONAL_CODE = "0000000000";
/** The bank account of a withdrawal, once erased: the column's format is kept ("IR" and 24 digits). */
export const ERASED_SHEBA = `IR${"0".repeat(24)}`;

/** The one list of what we hold about a patient: each section says what "download my data" shows of it and
 * what "delete my account" does to it. A new kind of personal data (family members, national code) is one more
 * entry here, and both features pick it up. Money records are kept (the law requires them) but stripped of
 * free text, so that after deletion they are pseudonymous: linked only to a tombstoned user row. */
type Section<T> = {
  load(db: Db, userId: string): Promise<T>;
  /** Runs inside the deletion transaction, before the user row itself is tombstoned. */
  erase(tx: Db, user: { id: string; phone: string }): Promise<void>;
};

const keep = async () => {};

function section<T>(s: Section<T>): Section<T> {
  return s;
}

export const patientDataSections = {
  profile: section({
    async load(db, userId) {
      const [row] = await db
        .select({
          phone: users.phone,
          name: users.name,
          firstName: users.firstName,
          lastName: users.lastName,
          nationalCode: users.nationalCode,
          birthYear: users.birthYear,
          sex: users.sex,
          role: users.role,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(eq(users.id, userId));
      return row!;
    },
    // The row itself (phone, names, national code, birth year, sex) is tombstoned last, by deleteMyAccount. Sign-in codes and SMS copies are keyed by the
    // phone number (not the row), so they go here.
    async erase(tx, user) {
      await tx.delete(otpCodes).where(eq(otpCodes.phone, user.phone));
      await tx.delete(smsOutbox).where(eq(smsOutbox.phone, user.phone));
    },
  }),

  familyMembers: section({
    // Removed ones too: they were held, and past visits still name them.
    load: (db, userId) =>
      db
        .select({
          firstName: familyMembers.firstName,
          lastName: familyMembers.lastName,
          nationalCode: familyMembers.nationalCode,
          relation: familyMembers.relation,
          createdAt: familyMembers.createdAt,
          removedAt: familyMembers.removedAt,
        })
        .from(familyMembers)
        .where(eq(familyMembers.ownerId, userId))
        .orderBy(asc(familyMembers.createdAt)),
    // Tombstoned, not deleted: the reservations and chats booked for a member reference the row. The relation
    // stays (it says nothing about who they are); staff agendas then show ERASED_TEXT for whom a visit was.
    async erase(tx, user) {
      await tx
        .update(familyMembers)
        .set({
          ...ERASED_MEMBER_NAME,
          nationalCode: ERASED_NATIONAL_CODE,
          removedAt: sql`coalesce(${familyMembers.removedAt}, now())`,
        })
        .where(eq(familyMembers.ownerId, user.id));
    },
  }),

  appointments: section({
    load: (db, userId) =>
      db
        .select({
          id: reservations.id,
          status: reservations.status,
          startsAt: timeSlots.startsAt,
          doctor: doctors.name,
          clinic: clinics.name,
          amountRial: reservations.amountRial,
          createdAt: reservations.createdAt,
          cancelledAt: reservations.cancelledAt,
          cancelReason: reservations.cancelReason,
        })
        .from(reservations)
        .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
        .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
        .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
        .where(eq(reservations.patientId, userId))
        .orderBy(asc(timeSlots.startsAt)),
    // Kept: each is backed by a payment; without the patient's name it is pseudonymous.
    erase: keep,
  }),

  payments: section({
    load: (db, userId) =>
      db
        .select({
          id: paymentAttempts.id,
          purpose: paymentAttempts.purpose,
          amountRial: paymentAttempts.amountRial,
          gateway: paymentAttempts.gateway,
          status: paymentAttempts.status,
          outcome: paymentAttempts.outcome,
          refId: paymentAttempts.refId,
          cardPan: paymentAttempts.cardPan,
          createdAt: paymentAttempts.createdAt,
          settledAt: paymentAttempts.settledAt,
        })
        .from(paymentAttempts)
        .where(eq(paymentAttempts.userId, userId))
        .orderBy(asc(paymentAttempts.createdAt)),
    // Kept for the accounts, but a chat purchase's target holds the question (and a top-up may hold the chat
    // it was for): the words go, the doctor and kind the integrity checks read stay.
    async erase(tx, user) {
      await tx
        .update(paymentAttempts)
        .set({ target: sql`jsonb_set(${paymentAttempts.target}, '{question}', to_jsonb(${ERASED_TEXT}::text))` })
        .where(and(eq(paymentAttempts.userId, user.id), sql`${paymentAttempts.target} ? 'question'`));
      await tx
        .update(paymentAttempts)
        .set({ target: sql`jsonb_set(${paymentAttempts.target}, '{resume,question}', to_jsonb(${ERASED_TEXT}::text))` })
        .where(and(eq(paymentAttempts.userId, user.id), sql`${paymentAttempts.target}->'resume' ? 'question'`));
    },
  }),

  walletLedger: section({
    load: (db, userId) =>
      db
        .select({
          id: walletLedger.id,
          amountRial: walletLedger.amountRial,
          reason: walletLedger.reason,
          balanceAfterRial: walletLedger.balanceAfterRial,
          note: walletLedger.note,
          createdAt: walletLedger.createdAt,
        })
        .from(walletLedger)
        .where(eq(walletLedger.userId, userId))
        .orderBy(asc(walletLedger.createdAt), asc(walletLedger.id)),
    // Append-only (a trigger refuses changes) and required to balance: kept, pseudonymous.
    erase: keep,
  }),

  chats: section({
    async load(db, userId) {
      const requests = await db
        .select({
          id: chatRequests.id,
          doctor: doctors.name,
          question: chatRequests.question,
          status: chatRequests.status,
          amountRial: chatRequests.amountRial,
          createdAt: chatRequests.createdAt,
          closedAt: chatRequests.closedAt,
        })
        .from(chatRequests)
        .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
        .where(eq(chatRequests.patientId, userId))
        .orderBy(asc(chatRequests.createdAt));
      const ids = requests.map((r) => r.id);
      const messages = ids.length
        ? await db
            .select({
              chatRequestId: chatMessages.chatRequestId,
              fromPatient: sql<boolean>`${chatMessages.senderId} = ${userId}`,
              body: chatMessages.body,
              createdAt: chatMessages.createdAt,
            })
            .from(chatMessages)
            .where(inArray(chatMessages.chatRequestId, ids))
            .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id))
        : [];
      return requests.map((r) => ({
        ...r,
        messages: messages
          .filter((m) => m.chatRequestId === r.id)
          .map((m) => ({ fromPatient: m.fromPatient, body: m.body, createdAt: m.createdAt })),
      }));
    },
    // The consultation (doctor, fee, dates) stays for the accounts; every word in it, both sides, goes: the
    // doctor's answers are about the patient's health too.
    async erase(tx, user) {
      const mine = tx.select({ id: chatRequests.id }).from(chatRequests).where(eq(chatRequests.patientId, user.id));
      await tx.update(chatMessages).set({ body: ERASED_TEXT }).where(inArray(chatMessages.chatRequestId, mine));
      await tx.update(chatRequests).set({ question: ERASED_TEXT }).where(eq(chatRequests.patientId, user.id));
    },
  }),

  // Files sent in the patient's chats, by either side: what they were, not their bytes (the link opens one
  // while the account exists, for its parties only).
  chatFiles: section({
    load: (db, userId) =>
      db
        .select({
          chatRequestId: chatAttachments.chatRequestId,
          fromPatient: sql<boolean>`${chatMessages.senderId} = ${userId}`,
          fileName: chatAttachments.fileName,
          contentType: chatAttachments.contentType,
          byteSize: chatAttachments.byteSize,
          createdAt: chatAttachments.createdAt,
          link: sql<string>`'/api/chats/' || ${chatAttachments.chatRequestId}::text || '/files/' || ${chatAttachments.id}::text`,
        })
        .from(chatAttachments)
        .innerJoin(chatRequests, eq(chatRequests.id, chatAttachments.chatRequestId))
        .innerJoin(chatMessages, eq(chatMessages.id, chatAttachments.messageId))
        .where(eq(chatRequests.patientId, userId))
        .orderBy(asc(chatAttachments.createdAt), asc(chatAttachments.id)),
    // The attachment rows go (their messages stay, with the text erased by the chats section), then every blob
    // they pointed at — file and thumbnail — that no other attachment uses: blobs are shared by content, so
    // the same photo sent in someone else's chat keeps its bytes.
    async erase(tx, user) {
      const mine = tx.select({ id: chatRequests.id }).from(chatRequests).where(eq(chatRequests.patientId, user.id));
      const gone = await tx
        .delete(chatAttachments)
        .where(inArray(chatAttachments.chatRequestId, mine))
        .returning({ blob: chatAttachments.blobSha256, thumb: chatAttachments.thumbSha256 });
      const candidates = [...new Set(gone.flatMap((g) => (g.thumb ? [g.blob, g.thumb] : [g.blob])))];
      if (candidates.length === 0) return;
      // SKIP LOCKED: a blob whose row is locked is being referenced right now by an upload in flight (its
      // insert holds FOR KEY SHARE on it); it stays, as it is about to be used again.
      const unused = await tx
        .select({ sha256: chatBlobs.sha256 })
        .from(chatBlobs)
        .where(
          and(
            inArray(chatBlobs.sha256, candidates),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(chatAttachments)
                .where(or(eq(chatAttachments.blobSha256, chatBlobs.sha256), eq(chatAttachments.thumbSha256, chatBlobs.sha256))),
            ),
          ),
        )
        .for("update", { skipLocked: true });
      if (unused.length > 0)
        await tx.delete(chatBlobs).where(
          inArray(
            chatBlobs.sha256,
            unused.map((u) => u.sha256),
          ),
        );
    },
  }),

  withdrawals: section({
    load: (db, userId) =>
      db
        .select({
          id: withdrawals.id,
          amountRial: withdrawals.amountRial,
          sheba: withdrawals.sheba,
          holderName: withdrawals.holderName,
          status: withdrawals.status,
          bankReference: withdrawals.bankReference,
          rejectReason: withdrawals.rejectReason,
          createdAt: withdrawals.createdAt,
          decidedAt: withdrawals.decidedAt,
        })
        .from(withdrawals)
        .where(eq(withdrawals.userId, userId))
        .orderBy(asc(withdrawals.createdAt)),
    // Money out of the wallet: the row, its amount and status stay (the ledger's hold and return entries
    // reference it, and the payout is accounted for); whose account it went to does not — neither on the row
    // nor in the payout's audit entry, which copied the account number.
    async erase(tx, user) {
      const mine = await tx
        .update(withdrawals)
        .set({ holderName: ERASED_TEXT, sheba: ERASED_SHEBA })
        .where(eq(withdrawals.userId, user.id))
        .returning({ id: sql<string>`${withdrawals.id}::text` });
      if (mine.length === 0) return;
      await tx
        .update(auditLog)
        .set({ before: sql`jsonb_set(${auditLog.before}, '{sheba}', to_jsonb(${ERASED_SHEBA}::text))` })
        .where(
          and(
            sql`${auditLog.before} ? 'sheba'`,
            inArray(
              sql`${auditLog.before}->>'withdrawalId'`,
              mine.map((w) => w.id),
            ),
          ),
        );
    },
  }),

  notifications: section({
    load: (db, userId) =>
      db
        .select({
          kind: notifications.kind,
          body: notifications.body,
          link: notifications.link,
          status: notifications.status,
          createdAt: notifications.createdAt,
          sentAt: notifications.sentAt,
          readAt: notifications.readAt,
        })
        .from(notifications)
        .where(eq(notifications.recipientId, userId))
        .orderBy(asc(notifications.createdAt), asc(notifications.id)),
    // The patient's own messages address them by name. The doctor's "new question from <first name>" about
    // one of the patient's chats names them too: its text goes, in the notification and in the SMS copy sent
    // to the doctor (the patient's own SMS copies were deleted with their phone number, in `profile`).
    async erase(tx, user) {
      const aboutThem = or(
        eq(notifications.recipientId, user.id),
        and(
          eq(notifications.kind, "chat_question"),
          inArray(
            notifications.reference,
            tx
              .select({ id: sql<string>`${chatRequests.id}::text` })
              .from(chatRequests)
              .where(eq(chatRequests.patientId, user.id)),
          ),
        ),
      );
      const erased = await tx.update(notifications).set({ body: ERASED_TEXT }).where(aboutThem).returning({ id: notifications.id });
      if (erased.length > 0)
        await tx
          .update(smsOutbox)
          .set({ body: ERASED_TEXT })
          .where(
            inArray(
              smsOutbox.notificationId,
              erased.map((n) => n.id),
            ),
          );
    },
  }),

  reviews: section({
    load: (db, userId) =>
      db
        .select({
          doctor: doctors.name,
          overall: reviews.overall,
          treatment: reviews.treatment,
          manner: reviews.manner,
          explanation: reviews.explanation,
          recommends: reviews.recommends,
          comment: reviews.comment,
          reply: reviews.reply,
          hiddenAt: reviews.hiddenAt,
          createdAt: reviews.createdAt,
        })
        .from(reviews)
        .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
        .where(eq(reviews.patientId, userId))
        .orderBy(asc(reviews.createdAt)),
    // Published without the patient's name and part of the doctor's rating from verified visits: kept.
    erase: keep,
  }),

  // Which doctors a patient waits for says something about their health: nothing of it is kept.
  waitlist: section({
    load: (db, userId) =>
      db
        .select({
          doctor: doctors.name,
          fromDate: waitlistEntries.fromDate,
          toDate: waitlistEntries.toDate,
          createdAt: waitlistEntries.createdAt,
          leftAt: waitlistEntries.leftAt,
          fulfilledAt: waitlistEntries.fulfilledAt,
        })
        .from(waitlistEntries)
        .innerJoin(doctors, eq(doctors.id, waitlistEntries.doctorId))
        .where(eq(waitlistEntries.patientId, userId))
        .orderBy(asc(waitlistEntries.createdAt)),
    async erase(tx, user) {
      const mine = tx.select({ id: waitlistEntries.id }).from(waitlistEntries).where(eq(waitlistEntries.patientId, user.id));
      await tx.delete(waitlistOffers).where(inArray(waitlistOffers.entryId, mine));
      await tx.delete(waitlistEntries).where(eq(waitlistEntries.patientId, user.id));
    },
  }),
};

export type PatientDataSections = typeof patientDataSections;
