import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { messages } from "@/lib/i18n/messages";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import type { Db } from "@/db/client";
import { auditLog, paymentAttempts, reservations, timeSlots, walletLedger } from "@/db/schema";

/** A few weeks of past payments for the demo, so the staff's payment list and monitoring page have something
 * to show: paid visits (one by wallet), a failure and its successful retry, a payer who lost the slot and was
 * refunded automatically, an abandoned attempt, a failed top-up and a visit cancelled by staff with a refund.
 * Every record has its verified payment or wallet debit behind it (no ghost records), and every balance
 * equals its ledger. Written once, with the rest of the demo data, relative to `now`.
 *
 * Attempts per Tehran day (when they started) before today: d-1 one failed top-up · d-2 one fulfilled (wallet) ·
 * d-3 one failed, its fulfilled retry and one auto-refunded · d-5 one fulfilled from the wallet · d-6 one
 * abandoned · d-12 one fulfilled · d-22 one fulfilled, for a visit on d-20 that staff cancelled on d-21. */
export type HistoryPeople = {
  zahra: string;
  amir: string;
  staff: string;
  /** Demo doctors by index in the seed's list, with their visit fee. */
  doctors: { id: string; visitFeeRial: number; clinicId: string }[];
};

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const authority = () => `S${Array.from(randomBytes(35), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
const intentId = () => randomBytes(12).toString("base64url");
const refId = () => String(100_000_000 + (randomBytes(4).readUInt32BE() % 900_000_000));

export async function insertPaymentHistory(tx: Db, people: HistoryPeople, now: Date) {
  const today = tehranDateKey(now);
  const at = (daysAgo: number, time: string) => tehranInstant(addDays(today, -daysAgo), time);
  const later = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000);
  const doctor = (index: number) => people.doctors[index]!;

  async function slot(doctorIndex: number, startsAt: Date) {
    const [row] = await tx
      .insert(timeSlots)
      .values({ doctorId: doctor(doctorIndex).id, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) })
      .returning();
    return row!;
  }

  type AttemptSeed = Omit<typeof paymentAttempts.$inferInsert, "intentId"> & { intentId?: string };
  async function attempt(values: AttemptSeed) {
    const [row] = await tx
      .insert(paymentAttempts)
      .values({ intentId: intentId(), updatedAt: values.settledAt ?? values.createdAt, ...values })
      .returning();
    return row!;
  }

  type VisitAttemptSeed = Omit<AttemptSeed, "userId" | "purpose" | "target" | "amountRial" | "gateway"> &
    Partial<Pick<AttemptSeed, "gateway">>;
  /** A payment (by gateway unless said otherwise) for a visit in `slotId` of the doctor at `doctorIndex`, at
   * that doctor's fee. */
  function visitAttempt(userId: string, doctorIndex: number, slotId: string, values: VisitAttemptSeed) {
    return attempt({
      userId,
      purpose: "reservation",
      target: { kind: "reservation", slotId },
      amountRial: doctor(doctorIndex).visitFeeRial,
      gateway: "sandbox",
      authority: authority(),
      ...values,
    });
  }

  async function paidVisit(patientId: string, doctorIndex: number, slotAt: Date, createdAt: Date, extra: Partial<VisitAttemptSeed> = {}) {
    const visit = await slot(doctorIndex, slotAt);
    const paid = await visitAttempt(patientId, doctorIndex, visit.id, {
      status: "paid",
      outcome: "fulfilled",
      refId: refId(),
      cardPan: "502229******5995",
      intentBytes: 612,
      verifyMs: 380,
      createdAt,
      settledAt: later(createdAt, 95),
      ...extra,
    });
    return { visit, paid, amountRial: paid.amountRial };
  }

  async function reservation(
    r: { visit: { id: string; doctorId: string }; paid: { id: string; userId: string; settledAt: Date | null }; amountRial: number },
    status: "attended" | "no_show" | "confirmed",
  ) {
    const [row] = await tx
      .insert(reservations)
      .values({
        slotId: r.visit.id,
        doctorId: r.visit.doctorId,
        patientId: r.paid.userId,
        paymentAttemptId: r.paid.id,
        amountRial: r.amountRial,
        status,
        createdAt: r.paid.settledAt!,
      })
      .returning();
    return row!;
  }

  async function walletVisit(doctorIndex: number, slotAt: Date, createdAt: Date) {
    const visit = await paidVisit(people.zahra, doctorIndex, slotAt, createdAt, {
      gateway: "wallet",
      authority: null,
      refId: null,
      cardPan: null,
      verifyMs: null,
      intentBytes: 640,
      settledAt: createdAt,
    });
    await tx
      .insert(walletLedger)
      .values({ userId: people.zahra, amountRial: -visit.amountRial, reason: "reservation_payment", reference: visit.paid.id, createdAt });
    await reservation(visit, "attended");
  }

  // d-22: paid by gateway for a visit on d-20, cancelled by the clinic on d-21 with a full refund.
  const cancelled = await paidVisit(people.zahra, 6, at(20, "09:45"), at(22, "18:10"));
  const cancelledReservation = await reservation(cancelled, "confirmed");
  const cancelledAt = at(21, "10:20");
  const reason = "عدم حضور پزشک به دلیل شرکت در همایش";
  await tx
    .update(reservations)
    .set({ status: "cancelled", cancelledAt, cancelledBy: people.staff, cancelReason: reason })
    .where(eq(reservations.id, cancelledReservation.id));
  await tx.insert(walletLedger).values({
    userId: people.zahra,
    amountRial: cancelled.amountRial,
    reason: "cancellation_refund",
    reference: cancelledReservation.id,
    note: reason,
    createdAt: cancelledAt,
  });
  await tx.insert(auditLog).values({
    actorId: people.staff,
    clinicId: doctor(6).clinicId,
    action: "reservation.cancel",
    subjectType: "reservation",
    subjectId: cancelledReservation.id,
    before: { status: "confirmed" },
    after: { status: "cancelled", refundRial: cancelled.amountRial, cancelledAt: cancelledAt.toISOString() },
    reason,
    createdAt: cancelledAt,
  });

  // d-12: an ordinary paid visit.
  await reservation(await paidVisit(people.zahra, 0, at(12, "11:30"), at(12, "10:00"), { verifyMs: 300 }), "attended");

  // d-6: started, never paid, marked abandoned by the cleanup job.
  const untaken = await slot(0, at(4, "09:30"));
  await visitAttempt(people.amir, 0, untaken.id, {
    status: "abandoned",
    intentBytes: 605,
    createdAt: at(6, "18:20"),
    updatedAt: at(6, "20:30"),
  });

  // d-5: paid from the wallet, out of the refund of d-21.
  await walletVisit(3, at(5, "16:30"), at(5, "12:00"));

  // d-3: Amir's first try fails at the gateway, his retry succeeds; Zahra paid for the same slot a moment
  // later and, the slot being taken, was refunded to her wallet automatically.
  const contested = await slot(2, at(3, "11:00"));
  const sharedIntent = intentId();
  const failed = await visitAttempt(people.amir, 2, contested.id, {
    status: "failed",
    intentId: sharedIntent,
    intentBytes: 598,
    createdAt: at(3, "09:10"),
    updatedAt: at(3, "09:12"),
  });
  const retried = await visitAttempt(people.amir, 2, contested.id, {
    status: "paid",
    outcome: "fulfilled",
    refId: refId(),
    cardPan: "603799******1234",
    retryOf: failed.id,
    intentId: sharedIntent,
    intentBytes: 598,
    verifyMs: 420,
    createdAt: at(3, "09:14"),
    settledAt: at(3, "09:16"),
  });
  await reservation({ visit: contested, paid: retried, amountRial: retried.amountRial }, "no_show");
  const lost = await visitAttempt(people.zahra, 2, contested.id, {
    status: "paid",
    outcome: "auto_refunded",
    refId: refId(),
    cardPan: "502229******5995",
    intentBytes: 606,
    verifyMs: 510,
    createdAt: at(3, "09:15"),
    settledAt: at(3, "09:17"),
  });
  await tx.insert(walletLedger).values({
    userId: people.zahra,
    amountRial: lost.amountRial,
    reason: "auto_refund",
    reference: lost.id,
    note: messages.payment.autoRefundNote,
    createdAt: at(3, "09:17"),
  });

  // d-2: paid from the wallet with what was left: Zahra's history nets to zero, her demo balance stays as
  // the README says.
  await walletVisit(10, at(2, "10:00"), at(2, "08:30"));

  // d-1: a top-up the gateway could not be reached for: failed before the patient left.
  await attempt({
    userId: people.amir,
    purpose: "topup",
    target: { kind: "topup", amountRial: 5_000_000 },
    amountRial: 5_000_000,
    gateway: "sandbox",
    authority: null,
    status: "failed",
    intentBytes: 420,
    createdAt: at(1, "20:05"),
  });
}
