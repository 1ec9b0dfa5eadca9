import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, reservations, timeSlots } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import { assertRole, isStaff, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { err, ok, type Result } from "@/lib/shared/result";
import { notifyReservationCancelled } from "@/lib/notifications/events";
import { creditWallet, walletBalance } from "@/lib/ledger/ledger";
import { transactionResult } from "@/lib/shared/transaction-result";
import { log } from "@/lib/shared/log";

/** Cancelling a reservation: the slot is freed (the partial unique index only counts live reservations) and
 * whatever the policy refunds goes to the patient's wallet as ONE ledger entry, keyed by the reservation. */

export type CancelPolicy = { fullRefundHours: number };

export type RefundDecision = { refundRial: number; rule: "full_refund" | "no_refund"; deadline: Date };

/** The patient's rule: everything back up to `fullRefundHours` before the visit, nothing after. The screen
 * and the service both ask this, so what the patient is told is what is applied. */
export function patientRefund(startsAt: Date, amountRial: number, now: Date, policy: CancelPolicy): RefundDecision {
  const deadline = new Date(startsAt.getTime() - policy.fullRefundHours * 3_600_000);
  return now <= deadline ? { refundRial: amountRial, rule: "full_refund", deadline } : { refundRial: 0, rule: "no_refund", deadline };
}

export type CancelInput = {
  reservationId: string;
  /** Required from staff; the patient may leave it out. */
  reason?: string;
  /** The refund the patient was shown. If the clock crossed the deadline since, nothing happens and the
   * patient is shown the new amount to confirm again. */
  expectedRefundRial?: number;
};

export type CancelError =
  | { code: "reservation_not_found" }
  | { code: "not_cancellable"; status: "cancelled" | "attended" | "no_show" }
  | { code: "already_started" }
  | { code: "reason_required" }
  | { code: "refund_changed"; refundRial: number };

export type Cancelled = { reservationId: string; slotId: string; patientId: string; refundRial: number; balanceRial: number | null };

const REASON_MAX = 500;

type CancelOptions = CancelPolicy & { now?: Date };

/** The patient's own cancellation, from "my appointments": anyone signed in may have booked (a doctor or a
 * staff member books as a patient too), and cancels only their own reservation, under the patient's refund
 * rule and its confirmation of the amount. */
export async function cancelOwnReservation(
  db: Db,
  actor: Actor | null,
  input: CancelInput,
  options: CancelOptions,
): Promise<Result<Cancelled, CancelError>> {
  assertRole(actor, ["patient", "doctor", "staff", "admin"]);
  return cancel(db, actor, false, input, options);
}

/** The clinic's cancellation: any reservation of the caller's clinics, with a reason, refunded in full and
 * audited. Staff and admins, and a doctor for their own visits only (a day off, lib/staff/slot-closing.ts): a
 * patient posting to the staff action must not skip their own flow's refund confirmation. */
export async function cancelReservationAsStaff(
  db: Db,
  actor: Actor | null,
  input: CancelInput,
  options: CancelOptions,
): Promise<Result<Cancelled, CancelError>> {
  assertRole(actor, [...STAFF_ROLES, "doctor"]);
  return cancel(db, actor, true, input, options);
}

async function cancel(
  db: Db,
  actor: Actor,
  byStaff: boolean,
  input: CancelInput,
  options: CancelOptions,
): Promise<Result<Cancelled, CancelError>> {
  const reason = input.reason?.trim().slice(0, REASON_MAX) || null;
  if (byStaff && !reason) return err({ code: "reason_required" });
  const now = options.now ?? new Date();
  // Staff cancel only their own clinics' reservations, a doctor only their own visits; a patient only their
  // own reservations (below).
  const scope = byStaff && isStaff(actor) ? await clinicScope(db, actor) : null;
  const clinicSide = scope ? inScope(scope, doctors.clinicId) : byStaff ? eq(doctors.userId, actor.userId) : undefined;

  return transactionResult(db, async (tx): Promise<Result<Cancelled, CancelError>> => {
    // The row lock makes a second, concurrent cancel wait and then find the reservation already cancelled.
    const [row] = await tx
      .select({ reservation: reservations, startsAt: timeSlots.startsAt, clinicId: doctors.clinicId })
      .from(reservations)
      .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
      .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
      .where(and(eq(reservations.id, input.reservationId), clinicSide))
      .for("update", { of: reservations });
    // Another patient's (or, for staff, another clinic's) reservation reads as missing: its existence is none
    // of their business.
    if (!row || (!byStaff && row.reservation.patientId !== actor.userId)) return err({ code: "reservation_not_found" });
    const before = row.reservation;
    if (before.status !== "confirmed") return err({ code: "not_cancellable", status: before.status });
    if (!byStaff && row.startsAt <= now) return err({ code: "already_started" });

    const refundRial = byStaff ? before.amountRial : patientRefund(row.startsAt, before.amountRial, now, options).refundRial;
    if (input.expectedRefundRial !== undefined && input.expectedRefundRial !== refundRial)
      return err({ code: "refund_changed", refundRial });

    const [after] = await tx
      .update(reservations)
      .set({ status: "cancelled", cancelledAt: now, cancelledBy: actor.userId, cancelReason: reason })
      .where(eq(reservations.id, before.id))
      .returning();
    const credited =
      refundRial > 0
        ? await creditWallet(tx, {
            userId: before.patientId,
            amountRial: refundRial,
            reason: "cancellation_refund",
            reference: before.id,
            note: reason ?? undefined,
          })
        : null;
    // A patient's own cancellation is recorded on the reservation (cancelled_by); staff answer for theirs here.
    if (byStaff) {
      await recordAudit(tx, {
        actorId: actor.userId,
        clinicId: row.clinicId,
        action: "reservation.cancel",
        subjectType: "reservation",
        subjectId: before.id,
        before: { status: before.status, patientId: before.patientId, slotId: before.slotId, amountRial: before.amountRial },
        after: { status: after!.status, cancelledAt: now.toISOString(), refundRial },
        reason,
      });
    }
    const balanceRial = credited?.balanceRial ?? (await walletBalance(tx, before.patientId));
    await notifyReservationCancelled(tx, { reservationId: before.id, byClinic: byStaff, reason, refundRial, balanceRial });
    log.info(`[booking] reservation ${before.id} cancelled by ${actor.role} ${actor.userId}; refund ${refundRial} Rial`);
    return ok({
      reservationId: before.id,
      slotId: before.slotId,
      patientId: before.patientId,
      refundRial,
      balanceRial: credited?.balanceRial ?? null,
    });
  });
}
