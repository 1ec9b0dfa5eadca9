import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, reservations, timeSlots, type ReservationTarget } from "@/db/schema";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { notifyReservationConfirmed, notifySlotTakenRefund } from "@/lib/notifications/events";
import { memberBelongsTo } from "@/lib/patients/family";
import type { Product } from "@/lib/payments/product";
import { err, ok } from "@/lib/shared/result";

async function liveReservationExists(db: Db, slotId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.slotId, slotId), ne(reservations.status, "cancelled")))
    .limit(1);
  return Boolean(row);
}

export const reservationProduct: Product<ReservationTarget> = {
  async price(db, target, now) {
    const [slot] = await db
      .select({ slot: timeSlots, doctorName: doctors.name, feeRial: doctors.visitFeeRial })
      .from(timeSlots)
      .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
      .where(eq(timeSlots.id, target.slotId));
    if (!slot) return err({ code: "slot_not_found" });
    const doctorId = slot.slot.doctorId;
    if (slot.slot.status !== "open") return err({ code: "slot_unavailable", doctorId, reason: "closed" });
    if (slot.slot.startsAt <= now) return err({ code: "slot_unavailable", doctorId, reason: "past" });
    if (await liveReservationExists(db, target.slotId)) return err({ code: "slot_unavailable", doctorId, reason: "taken" });
    return ok({
      amountRial: slot.feeRial,
      description: messages.payment.reservationDescription(slot.doctorName, formatJalaliDateTime(slot.slot.startsAt)),
    });
  },

  async fulfil(tx, attempt, now) {
    // The slot row lock serialises every payer of this slot; the partial unique index backs it up.
    const [slot] = await tx.select().from(timeSlots).where(eq(timeSlots.id, attempt.target.slotId)).for("update");
    // "unavailable" makes the engine refund the payment to the wallet in this transaction (or, paying from
    // the wallet, roll it all back — this notification with it).
    const unavailable = async () => {
      await notifySlotTakenRefund(tx, { userId: attempt.userId, attemptId: attempt.id, amountRial: attempt.amountRial, doctorId: slot?.doctorId ?? null });
      return "unavailable" as const;
    };
    if (!slot || slot.status !== "open" || slot.startsAt <= now) return unavailable();
    const familyMemberId = attempt.target.familyMemberId ?? null;
    if (familyMemberId && !(await memberBelongsTo(tx, attempt.userId, familyMemberId))) {
      // A forged intent: refunded like a taken slot, and logged; no "slot taken" message for it.
      console.warn(`[booking] attempt ${attempt.id} names family member ${familyMemberId} who is not user ${attempt.userId}'s: not booked`);
      return "unavailable";
    }
    // The one-live-reservation-per-slot index answers "is it taken?" in the same round trip as the insert.
    const [created] = await tx
      .insert(reservations)
      .values({
        slotId: slot.id,
        doctorId: slot.doctorId,
        patientId: attempt.userId,
        familyMemberId,
        paymentAttemptId: attempt.id,
        amountRial: attempt.amountRial,
      })
      .onConflictDoNothing({ target: reservations.slotId, where: sql`${reservations.status} <> 'cancelled'` })
      .returning({ id: reservations.id });
    if (!created) return unavailable();
    await notifyReservationConfirmed(tx, created.id);
    return "fulfilled";
  },
};
