import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, timeSlots, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { err, ok, type Result } from "@/lib/shared/result";

/** A confirmed reservation standing on a slot that is about to go. */
export type BookedSlot = {
  slotId: string;
  startsAt: Date;
  reservationId: string;
  patientName: string | null;
  patientPhone: string;
  amountRial: number;
};

export type RetireError = { code: "needs_confirmation"; booked: BookedSlot[] } | { code: "reason_required"; booked: BookedSlot[] };
export type Refund = { reservationId: string; patientId: string; patientName: string | null; patientPhone: string; refundRial: number };
export type Retired = { closed: number; deleted: number; refunds: Refund[] };

export const REASON_MAX = 500;

/** Takes slots out of the calendar without ever dropping a confirmed reservation silently: the slots are
 * locked (a payment settling on one of them waits, then finds it closed and is refunded by the engine), and
 * each confirmed reservation on them is cancelled with a full refund — but only the ones the staff member
 * was shown and confirmed; any other makes the whole call answer `needs_confirmation` and change nothing.
 * Slots that never had a reservation are deleted when `deleteUnused`, every other one is closed.
 * Must run inside the caller's transaction. */
export async function retireSlots(
  tx: Db,
  actor: Actor,
  slotIds: string[],
  options: { confirmedReservationIds: readonly string[]; reason: string | null; now: Date; deleteUnused: boolean },
): Promise<Result<Retired, RetireError>> {
  if (slotIds.length === 0) return ok({ closed: 0, deleted: 0, refunds: [] });
  const slots = await tx
    .select()
    .from(timeSlots)
    .where(inArray(timeSlots.id, slotIds))
    .orderBy(asc(timeSlots.startsAt), asc(timeSlots.id))
    .for("update");
  const ids = slots.map((s) => s.id);
  const onSlots = await tx
    .select({
      reservationId: reservations.id,
      slotId: reservations.slotId,
      status: reservations.status,
      amountRial: reservations.amountRial,
      patientName: users.name,
      patientPhone: users.phone,
    })
    .from(reservations)
    .innerJoin(users, eq(users.id, reservations.patientId))
    .where(inArray(reservations.slotId, ids));
  const startsAt = new Map(slots.map((s) => [s.id, s.startsAt]));
  const booked: BookedSlot[] = onSlots
    .filter((r) => r.status === "confirmed")
    .map((r) => ({
      slotId: r.slotId,
      startsAt: startsAt.get(r.slotId)!,
      reservationId: r.reservationId,
      patientName: r.patientName,
      patientPhone: r.patientPhone,
      amountRial: r.amountRial,
    }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  const confirmed = new Set(options.confirmedReservationIds);
  if (booked.some((b) => !confirmed.has(b.reservationId))) return err({ code: "needs_confirmation", booked });
  if (booked.length > 0 && !options.reason) return err({ code: "reason_required", booked });

  const refunds: Retired["refunds"] = [];
  for (const b of booked) {
    // Staff cancellations always refund in full; the patient's deadline does not apply to them.
    const cancelled = await cancelReservationAsStaff(
      tx,
      actor,
      { reservationId: b.reservationId, reason: options.reason ?? undefined },
      { fullRefundHours: 0, now: options.now },
    );
    if (cancelled.ok) {
      refunds.push({
        reservationId: b.reservationId,
        patientId: cancelled.value.patientId,
        patientName: b.patientName,
        patientPhone: b.patientPhone,
        refundRial: cancelled.value.refundRial,
      });
    } else if (cancelled.error.code !== "not_cancellable")
      throw new Error(`cancelling ${b.reservationId} while retiring its slot: ${cancelled.error.code}`);
    // not_cancellable: the patient cancelled it themselves a moment ago, under their own refund rule.
  }

  const everBooked = new Set(onSlots.map((r) => r.slotId));
  const unused = options.deleteUnused ? ids.filter((id) => !everBooked.has(id)) : [];
  const toClose = ids.filter((id) => !unused.includes(id));
  if (unused.length > 0) await tx.delete(timeSlots).where(inArray(timeSlots.id, unused));
  const closed =
    toClose.length > 0
      ? await tx
          .update(timeSlots)
          .set({ status: "closed" })
          .where(and(inArray(timeSlots.id, toClose), eq(timeSlots.status, "open")))
          .returning({ id: timeSlots.id })
      : [];
  return ok({ closed: closed.length, deleted: unused.length, refunds });
}
