import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, paymentAttempts, timeSlots, type PaymentTarget } from "@/db/schema";

export type MyPayment = {
  attemptId: string;
  purpose: PaymentTarget["kind"];
  status: "paid" | "failed" | "abandoned" | "pending" | "verifying";
  outcome: "fulfilled" | "auto_refunded" | null;
  amountRial: number;
  viaWallet: boolean;
  doctorName: string | null;
  createdAt: Date;
};

export const MY_PAYMENTS_LIMIT = 50;

/** The patient's latest payment attempts, newest first, each leading to its result screen. Only the patient's
 * own: the user id is the filter, not a parameter the caller may widen. */
export async function myPayments(db: Db, userId: string, limit = MY_PAYMENTS_LIMIT): Promise<MyPayment[]> {
  // The doctor comes from the target: a visit names its slot, a chat names the doctor; a top-up names nobody.
  const slotId = sql`(${paymentAttempts.target}->>'slotId')::uuid`;
  const chatDoctorId = sql`(${paymentAttempts.target}->>'doctorId')::uuid`;
  const rows = await db
    .select({ attempt: paymentAttempts, doctorName: doctors.name })
    .from(paymentAttempts)
    .leftJoin(timeSlots, eq(timeSlots.id, slotId))
    .leftJoin(doctors, eq(doctors.id, sql`coalesce(${timeSlots.doctorId}, ${chatDoctorId})`))
    .where(eq(paymentAttempts.userId, userId))
    .orderBy(desc(paymentAttempts.createdAt), desc(paymentAttempts.id))
    .limit(limit);
  return rows.map(({ attempt, doctorName }) => ({
    attemptId: attempt.id,
    purpose: attempt.purpose,
    status: attempt.status,
    outcome: attempt.outcome,
    amountRial: attempt.amountRial,
    viaWallet: attempt.gateway === "wallet",
    doctorName,
    createdAt: attempt.createdAt,
  }));
}
