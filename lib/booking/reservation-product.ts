import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, reservations, timeSlots, type ReservationTarget } from "@/db/schema";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { notifyReservationConfirmed, notifySlotTakenRefund } from "@/lib/notifications/events";
import { memberBelongsTo } from "@/lib/patients/family";
import type { Product } from "@/lib/payments/product";
import { rawRows } from "@/lib/shared/raw-rows";
import { err, ok } from "@/lib/shared/result";
import { log } from "@/lib/shared/log";

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
    const slotId = attempt.target.slotId;
    const familyMemberId = attempt.target.familyMemberId ?? null;
    // "unavailable" makes the engine refund the payment to the wallet in this transaction (or, paying from
    // the wallet, roll it all back — this notification with it).
    const unavailable = async () => {
      const [slot] = await tx.select({ doctorId: timeSlots.doctorId }).from(timeSlots).where(eq(timeSlots.id, slotId));
      await notifySlotTakenRefund(tx, {
        userId: attempt.userId,
        attemptId: attempt.id,
        amountRial: attempt.amountRial,
        doctorId: slot?.doctorId ?? null,
      });
      return "unavailable" as const;
    };
    if (familyMemberId && !(await memberBelongsTo(tx, attempt.userId, familyMemberId))) {
      // A forged intent: refunded like a taken slot, and logged; no "slot taken" message for it.
      log.warn(`[booking] attempt ${attempt.id} names family member ${familyMemberId} who is not user ${attempt.userId}'s: not booked`);
      return "unavailable";
    }
    // One statement: lock the slot if it is still open and ahead (the row lock serialises every payer of this
    // slot and the staff closing it), insert the reservation (the one-live-reservation-per-slot index answers
    // "is it taken?" in the same step), and read back what the confirmation message says.
    const rows = await rawRows<{ id: string; patient_id: string; starts_at: string | Date; doctor: string; address: string }>(
      tx,
      sql`
      with slot as (
        select ${timeSlots.id} as id, ${timeSlots.doctorId} as doctor_id from ${timeSlots}
        where ${timeSlots.id} = ${slotId} and ${timeSlots.status} = 'open' and ${timeSlots.startsAt} > ${now.toISOString()}::timestamptz
        for update
      ), created as (
        insert into ${reservations} (slot_id, doctor_id, patient_id, family_member_id, payment_attempt_id, amount_rial)
        select id, doctor_id, ${attempt.userId}, ${familyMemberId}, ${attempt.id}, ${attempt.amountRial} from slot
        on conflict (slot_id) where status <> 'cancelled' do nothing
        returning id, slot_id, doctor_id, patient_id
      )
      select created.id, created.patient_id, ts.starts_at, d.name as doctor, c.address
      from created
      join ${timeSlots} ts on ts.id = created.slot_id
      join ${doctors} d on d.id = created.doctor_id
      join ${clinics} c on c.id = d.clinic_id`,
    );
    const created = rows[0];
    if (!created) return unavailable();
    await notifyReservationConfirmed(tx, created.id, {
      patientId: created.patient_id,
      startsAt: new Date(created.starts_at),
      doctor: created.doctor,
      address: created.address,
    });
    return "fulfilled";
  },
};
