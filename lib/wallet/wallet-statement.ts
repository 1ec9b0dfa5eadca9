import { and, count, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { chatRequests, doctors, paymentAttempts, reservations, timeSlots, walletLedger } from "@/db/schema";
import { walletBalance } from "@/lib/ledger/ledger";
import { pageWindow } from "@/lib/shared/paging";

export type LedgerReason = (typeof walletLedger.$inferSelect)["reason"];

export type StatementEntry = {
  id: string;
  createdAt: Date;
  /** Positive for a credit, negative for a debit. */
  amountRial: number;
  balanceAfterRial: number;
  reason: LedgerReason;
  /** The doctor the money moved for (a visit, a chat, their refund), when there is one. */
  doctorName: string | null;
  /** The visit's time, for entries about a reservation. */
  visitAt: Date | null;
  note: string | null;
};

export type WalletStatement = {
  balanceRial: number;
  entries: StatementEntry[];
  page: number;
  pageCount: number;
  totalEntries: number;
};

export const STATEMENT_PAGE_SIZE = 15;

const uuid = z.uuid();
const isUuid = (value: string) => uuid.safeParse(value).success;

/** What a ledger entry's reference points at, by reason (see the writers of each reason). */
const REFERENCES_ATTEMPT: LedgerReason[] = ["topup", "reservation_payment", "chat_payment", "reschedule_payment", "auto_refund"];

type Context = { doctorName: string | null; visitAt: Date | null };

/** The patient's balance and one page of their ledger, newest first, each entry with what it was for. */
export async function walletStatement(db: Db, userId: string, input: { page?: number } = {}): Promise<WalletStatement> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(walletLedger).where(eq(walletLedger.userId, userId));
  const { page, pageCount, offset } = pageWindow(n, input.page, STATEMENT_PAGE_SIZE);
  const rows = await db
    .select()
    .from(walletLedger)
    .where(eq(walletLedger.userId, userId))
    .orderBy(desc(walletLedger.createdAt), desc(walletLedger.id))
    .limit(STATEMENT_PAGE_SIZE)
    .offset(offset);

  const contexts = await entryContexts(db, userId, rows);
  return {
    balanceRial: await walletBalance(db, userId),
    entries: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      amountRial: row.amountRial,
      balanceAfterRial: row.balanceAfterRial,
      reason: row.reason,
      note: row.note,
      ...(contexts.get(row.id) ?? { doctorName: null, visitAt: null }),
    })),
    page,
    pageCount,
    totalEntries: n,
  };
}

/** Looks up, in a few batched queries, the doctor (and visit time) behind each entry of the page. */
async function entryContexts(db: Db, userId: string, rows: (typeof walletLedger.$inferSelect)[]): Promise<Map<string, Context>> {
  const byAttempt = rows.filter((r) => REFERENCES_ATTEMPT.includes(r.reason) && isUuid(r.reference));
  const byReservation = rows.filter((r) => r.reason === "cancellation_refund" && isUuid(r.reference));
  const byChat = rows.filter((r) => r.reason === "chat_expiry_refund" && isUuid(r.reference));

  const attempts = byAttempt.length
    ? await db
        .select({ id: paymentAttempts.id, target: paymentAttempts.target })
        .from(paymentAttempts)
        .where(
          and(
            eq(paymentAttempts.userId, userId),
            inArray(
              paymentAttempts.id,
              byAttempt.map((r) => r.reference),
            ),
          ),
        )
    : [];
  const slotIds = attempts.flatMap((a) => (a.target.kind === "reservation" || a.target.kind === "reschedule" ? [a.target.slotId] : []));
  const chatDoctorIds = attempts.flatMap((a) => (a.target.kind === "chat" ? [a.target.doctorId] : []));

  const slots = slotIds.length
    ? await db
        .select({ id: timeSlots.id, startsAt: timeSlots.startsAt, doctorName: doctors.name })
        .from(timeSlots)
        .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
        .where(inArray(timeSlots.id, slotIds))
    : [];
  const chatDoctors = chatDoctorIds.length
    ? await db.select({ id: doctors.id, name: doctors.name }).from(doctors).where(inArray(doctors.id, chatDoctorIds))
    : [];
  const cancelled = byReservation.length
    ? await db
        .select({ id: reservations.id, startsAt: timeSlots.startsAt, doctorName: doctors.name })
        .from(reservations)
        .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
        .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
        .where(
          and(
            eq(reservations.patientId, userId),
            inArray(
              reservations.id,
              byReservation.map((r) => r.reference),
            ),
          ),
        )
    : [];
  const expiredChats = byChat.length
    ? await db
        .select({ id: chatRequests.id, doctorName: doctors.name })
        .from(chatRequests)
        .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
        .where(
          and(
            eq(chatRequests.patientId, userId),
            inArray(
              chatRequests.id,
              byChat.map((r) => r.reference),
            ),
          ),
        )
    : [];

  const slotById = new Map(slots.map((s) => [s.id, s]));
  const chatDoctorById = new Map(chatDoctors.map((d) => [d.id, d.name]));
  const attemptContext = new Map<string, Context>();
  for (const a of attempts) {
    if (a.target.kind === "reservation" || a.target.kind === "reschedule") {
      const slot = slotById.get(a.target.slotId);
      attemptContext.set(a.id, { doctorName: slot?.doctorName ?? null, visitAt: slot?.startsAt ?? null });
    } else if (a.target.kind === "chat") {
      attemptContext.set(a.id, { doctorName: chatDoctorById.get(a.target.doctorId) ?? null, visitAt: null });
    }
  }
  const cancelledById = new Map(cancelled.map((c) => [c.id, { doctorName: c.doctorName, visitAt: c.startsAt }]));
  const expiredById = new Map(expiredChats.map((c) => [c.id, { doctorName: c.doctorName, visitAt: null }]));

  const contexts = new Map<string, Context>();
  for (const row of rows) {
    const source =
      row.reason === "cancellation_refund" ? cancelledById : row.reason === "chat_expiry_refund" ? expiredById : attemptContext;
    const context = source.get(row.reference);
    if (context) contexts.set(row.id, context);
  }
  return contexts;
}
