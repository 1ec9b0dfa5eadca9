import { and, eq, gt, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, timeSlots } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope, type ClinicScope } from "@/lib/auth/clinic-scope";
import { err, ok, type Result } from "@/lib/shared/result";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { recordAudit } from "@/lib/audit/audit";
import { readableDoctorClinic } from "./doctor-access";
import { REASON_MAX, retireSlots, type RetireError, type Retired } from "./slot-retirement";
import { transactionResult } from "@/lib/shared/transaction-result";

export type CloseInput = {
  /** The reservations the staff member was shown and agreed to cancel with a full refund. */
  confirmedReservationIds?: readonly string[];
  reason?: string;
};
export type CloseError =
  RetireError | { code: "slot_not_found" } | { code: "doctor_not_found" } | { code: "slot_past" } | { code: "nothing_to_close" };

const cleanReason = (reason: string | undefined) => reason?.trim().slice(0, REASON_MAX) || null;

/** A slot of the caller's clinics, locked, with its doctor's clinic; another clinic's slot reads as missing. */
async function scopedSlot(tx: Db, scope: ClinicScope, slotId: string) {
  const [row] = await tx
    .select({ slot: timeSlots, clinicId: doctors.clinicId })
    .from(timeSlots)
    .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
    .where(and(eq(timeSlots.id, slotId), inScope(scope, doctors.clinicId)))
    .for("update", { of: timeSlots });
  return row ?? null;
}

/** Closes one future slot. A confirmed reservation on it is cancelled and refunded, after confirmation. */
export async function closeSlot(
  db: Db,
  actor: Actor | null,
  input: CloseInput & { slotId: string },
  now = new Date(),
): Promise<Result<Retired, CloseError>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor);
  const reason = cleanReason(input.reason);
  return transactionResult(db, async (tx): Promise<Result<Retired, CloseError>> => {
    const found = await scopedSlot(tx, scope, input.slotId);
    if (!found) return err({ code: "slot_not_found" });
    const slot = found.slot;
    if (slot.startsAt <= now) return err({ code: "slot_past" });
    const retired = await retireSlots(tx, actor, [slot.id], {
      confirmedReservationIds: input.confirmedReservationIds ?? [],
      reason,
      now,
      deleteUnused: false,
    });
    if (!retired.ok) return retired;
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: found.clinicId,
      action: "slot.close",
      subjectType: "slot",
      subjectId: slot.id,
      before: { status: slot.status, startsAt: slot.startsAt.toISOString() },
      after: { status: "closed", refunds: retired.value.refunds },
      reason,
    });
    return retired;
  });
}

/** Closes every future slot of one doctor on one Tehran day (`YYYY-MM-DD`): a day off. Staff of the doctor's
 * clinic, or the doctor themselves; each confirmed visit is cancelled with a full refund (after confirmation)
 * and its patient told by SMS and on "my appointments", with the reason given. */
export async function closeDay(
  db: Db,
  actor: Actor | null,
  input: CloseInput & { doctorId: string; date: string },
  now = new Date(),
): Promise<Result<Retired, CloseError>> {
  const clinicId = await readableDoctorClinic(db, actor, input.doctorId);
  if (!clinicId) return err({ code: "doctor_not_found" });
  const reason = cleanReason(input.reason);
  const from = tehranInstant(input.date, "00:00");
  const to = tehranInstant(addDays(input.date, 1), "00:00");
  return transactionResult(db, async (tx): Promise<Result<Retired, CloseError>> => {
    const slots = await tx
      .select({ id: timeSlots.id })
      .from(timeSlots)
      .where(
        and(eq(timeSlots.doctorId, input.doctorId), gte(timeSlots.startsAt, from), lt(timeSlots.startsAt, to), gt(timeSlots.startsAt, now)),
      );
    if (slots.length === 0) return err({ code: "nothing_to_close" });
    const retired = await retireSlots(
      tx,
      actor!,
      slots.map((s) => s.id),
      { confirmedReservationIds: input.confirmedReservationIds ?? [], reason, now, deleteUnused: false },
    );
    if (!retired.ok) return retired;
    await recordAudit(tx, {
      actorId: actor!.userId,
      clinicId,
      action: "slot.close",
      subjectType: "doctor_day",
      subjectId: `${input.doctorId}/${input.date}`,
      before: { slots: slots.length },
      after: { closed: retired.value.closed, refunds: retired.value.refunds },
      reason,
    });
    return retired;
  });
}

export type ReopenError = { code: "slot_not_found" } | { code: "slot_past" } | { code: "not_closed" };

/** Puts a closed future slot back on sale. */
export async function reopenSlot(
  db: Db,
  actor: Actor | null,
  input: { slotId: string },
  now = new Date(),
): Promise<Result<null, ReopenError>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor);
  return transactionResult(db, async (tx): Promise<Result<null, ReopenError>> => {
    const found = await scopedSlot(tx, scope, input.slotId);
    if (!found) return err({ code: "slot_not_found" });
    const slot = found.slot;
    if (slot.startsAt <= now) return err({ code: "slot_past" });
    if (slot.status !== "closed") return err({ code: "not_closed" });
    await tx.update(timeSlots).set({ status: "open" }).where(eq(timeSlots.id, slot.id));
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: found.clinicId,
      action: "slot.reopen",
      subjectType: "slot",
      subjectId: slot.id,
      before: { status: "closed" },
      after: { status: "open" },
    });
    return ok(null);
  });
}
