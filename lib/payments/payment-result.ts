import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, doctors, paymentAttempts, reservations, timeSlots, type PaymentTarget } from "@/db/schema";
import { walletBalance } from "@/lib/ledger/ledger";
import { paidSibling, retryCount } from "./payment-engine";

export type PaymentResultView = {
  attemptId: string;
  purpose: PaymentTarget["kind"];
  status: "paid" | "failed" | "abandoned" | "pending" | "verifying";
  outcome: "fulfilled" | "auto_refunded" | null;
  amountRial: number;
  refId: string | null;
  retries: number;
  gateway: "sandbox" | "zarinpal" | "wallet";
  /** False when the gateway refused or could not be reached before the patient got there. */
  reachedGateway: boolean;
  walletBalanceRial: number;
  /** The doctor the purchase was for, when it was a visit or a chat. */
  doctor: { id: string; name: string } | null;
  slotStartsAt: Date | null;
  reservationId: string | null;
  chatRequestId: string | null;
  resume: PaymentTarget | null;
  /** The sealed intent of the purchase a top-up was for: its confirm screen is `/pay/confirm/{id}`. */
  resumeIntentId: string | null;
  /** A failed or abandoned attempt whose retry was paid: that attempt, whose result shows what was bought. */
  paidByAttemptId: string | null;
};

/** What the patient's result screen shows. Another patient's attempt reads as not found. */
export async function paymentResultView(db: Db, userId: string, attemptId: string): Promise<PaymentResultView | null> {
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.userId, userId)));
  if (!attempt) return null;
  const target = attempt.target;

  let doctorId: string | null = null;
  let slotStartsAt: Date | null = null;
  if (target.kind === "reservation" || target.kind === "reschedule") {
    const [slot] = await db.select().from(timeSlots).where(eq(timeSlots.id, target.slotId));
    doctorId = slot?.doctorId ?? null;
    slotStartsAt = slot?.startsAt ?? null;
  } else if (target.kind === "chat") {
    doctorId = target.doctorId;
  }
  const [doctor] = doctorId ? await db.select({ id: doctors.id, name: doctors.name }).from(doctors).where(eq(doctors.id, doctorId)) : [];
  // A paid move is the reservation it moved; any other purchase is the record its attempt created.
  const [reservation] =
    target.kind === "reschedule"
      ? attempt.outcome === "fulfilled"
        ? [{ id: target.reservationId }]
        : []
      : await db.select({ id: reservations.id }).from(reservations).where(eq(reservations.paymentAttemptId, attempt.id));
  const [chat] = await db.select({ id: chatRequests.id }).from(chatRequests).where(eq(chatRequests.paymentAttemptId, attempt.id));

  return {
    attemptId: attempt.id,
    purpose: target.kind,
    status: attempt.status,
    outcome: attempt.outcome,
    amountRial: attempt.amountRial,
    refId: attempt.refId,
    retries: await retryCount(db, attempt.intentId),
    gateway: attempt.gateway,
    reachedGateway: attempt.authority !== null,
    walletBalanceRial: await walletBalance(db, userId),
    doctor: doctor ?? null,
    slotStartsAt,
    reservationId: reservation?.id ?? null,
    chatRequestId: chat?.id ?? null,
    resume: target.kind === "topup" ? (target.resume ?? null) : null,
    resumeIntentId: target.kind === "topup" ? (target.resumeIntentId ?? null) : null,
    paidByAttemptId: attempt.status === "failed" || attempt.status === "abandoned" ? await paidSibling(db, attempt) : null,
  };
}
