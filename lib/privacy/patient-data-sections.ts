import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  chatMessages,
  chatRequests,
  clinics,
  doctors,
  otpCodes,
  paymentAttempts,
  reservations,
  smsOutbox,
  timeSlots,
  users,
  waitlistEntries,
  waitlistOffers,
  walletLedger,
} from "@/db/schema";

/** What replaces a patient's own words (chat questions and messages) when the account is deleted. Within the
 * length checks of both columns. */
export const ERASED_TEXT = "[حذف‌شده به درخواست بیمار]";

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
        .select({ phone: users.phone, name: users.name, role: users.role, createdAt: users.createdAt })
        .from(users)
        .where(eq(users.id, userId));
      return row!;
    },
    // The row itself is tombstoned last, by deleteMyAccount. Sign-in codes and SMS copies are keyed by the
    // phone number (not the row), so they go here.
    async erase(tx, user) {
      await tx.delete(otpCodes).where(eq(otpCodes.phone, user.phone));
      await tx.delete(smsOutbox).where(eq(smsOutbox.phone, user.phone));
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
