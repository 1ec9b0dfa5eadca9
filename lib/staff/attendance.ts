import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, reservations, timeSlots } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionResult } from "@/lib/shared/transaction-result";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { recordAudit } from "@/lib/audit/audit";

export type Attendance = "attended" | "no_show";
export type AttendanceError = { code: "reservation_not_found" } | { code: "not_today_yet" } | { code: "cancelled" };

/** Marks whether the patient came. Only for visits of today or earlier (Tehran day), never for a cancelled
 * reservation; a wrong mark can be corrected, and every mark is audited. */
export async function markAttendance(
  db: Db,
  actor: Actor | null,
  input: { reservationId: string; attendance: Attendance },
  now = new Date(),
): Promise<Result<{ status: Attendance }, AttendanceError>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor);
  return transactionResult(db, async (tx): Promise<Result<{ status: Attendance }, AttendanceError>> => {
    const [row] = await tx
      .select({ reservation: reservations, startsAt: timeSlots.startsAt, clinicId: doctors.clinicId })
      .from(reservations)
      .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
      .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
      // Another clinic's reservation reads as missing.
      .where(and(eq(reservations.id, input.reservationId), inScope(scope, doctors.clinicId)))
      .for("update", { of: reservations });
    if (!row) return err({ code: "reservation_not_found" });
    if (row.reservation.status === "cancelled") return err({ code: "cancelled" });
    if (row.startsAt >= tehranInstant(addDays(tehranDateKey(now), 1), "00:00")) return err({ code: "not_today_yet" });
    if (row.reservation.status !== input.attendance) {
      await tx.update(reservations).set({ status: input.attendance }).where(eq(reservations.id, row.reservation.id));
      await recordAudit(tx, {
        actorId: actor.userId,
        clinicId: row.clinicId,
        action: "reservation.attendance",
        subjectType: "reservation",
        subjectId: row.reservation.id,
        before: { status: row.reservation.status },
        after: { status: input.attendance },
      });
    }
    return ok({ status: input.attendance });
  });
}
