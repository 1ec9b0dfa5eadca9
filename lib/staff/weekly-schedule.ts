import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, timeSlots, weeklySchedules } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { generateSlotsAhead, slotsFromSchedule } from "@/lib/booking/slot-generation";
import { err, ok, type Result } from "@/lib/shared/result";
import { addDays, minutesOf, tehranDateKey } from "@/lib/time/tehran";
import { mayReadDoctor, staffDoctorClinic } from "./doctor-access";
import { recordAudit } from "@/lib/audit/audit";
import { REASON_MAX, retireSlots, type Refund, type RetireError } from "./slot-retirement";
import { transactionWithRetry } from "@/lib/shared/retry-on-conflict";
import { transactionResult } from "@/lib/shared/transaction-result";

/** How far ahead the calendar is kept filled (days, today included), as the demo seed does. */
export const SLOT_HORIZON_DAYS = 14;
export const MAX_INTERVALS_PER_DAY = 3;

/** One working interval on a weekday (0 = Sunday … 6 = Saturday); the gaps between a day's intervals are its
 * breaks. Times are Tehran wall time, `HH:MM`. */
export type WorkInterval = { weekday: number; start: string; end: string; slotMinutes: number };

export type ScheduleProblem = { weekday: number; problem: "format" | "order" | "too_short" | "overlap" | "too_many" };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Checks a whole week: well-formed times on 5-minute steps, start before end, room for at least one slot,
 * no two intervals of a day overlapping. Returns the intervals in day and time order. */
export function validateWeek(intervals: WorkInterval[]): Result<WorkInterval[], { code: "invalid_schedule"; problems: ScheduleProblem[] }> {
  const problems: ScheduleProblem[] = [];
  for (const i of intervals) {
    const wellFormed =
      Number.isInteger(i.weekday) &&
      i.weekday >= 0 &&
      i.weekday <= 6 &&
      TIME.test(i.start) &&
      TIME.test(i.end) &&
      minutesOf(i.start) % 5 === 0 &&
      minutesOf(i.end) % 5 === 0 &&
      Number.isInteger(i.slotMinutes) &&
      i.slotMinutes >= 5 &&
      i.slotMinutes <= 240 &&
      i.slotMinutes % 5 === 0;
    if (!wellFormed) problems.push({ weekday: i.weekday, problem: "format" });
    else if (minutesOf(i.start) >= minutesOf(i.end)) problems.push({ weekday: i.weekday, problem: "order" });
    else if (minutesOf(i.end) - minutesOf(i.start) < i.slotMinutes) problems.push({ weekday: i.weekday, problem: "too_short" });
  }
  const sorted = [...intervals].sort((a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start));
  for (let weekday = 0; weekday <= 6; weekday++) {
    const day = sorted.filter((i) => i.weekday === weekday);
    if (day.length > MAX_INTERVALS_PER_DAY) problems.push({ weekday, problem: "too_many" });
    for (let k = 1; k < day.length; k++) {
      if (minutesOf(day[k]!.start) < minutesOf(day[k - 1]!.end)) problems.push({ weekday, problem: "overlap" });
    }
  }
  return problems.length > 0 ? err({ code: "invalid_schedule", problems }) : ok(sorted);
}

const asInterval = (row: typeof weeklySchedules.$inferSelect): WorkInterval => ({
  weekday: row.weekday,
  start: row.startTime.slice(0, 5),
  end: row.endTime.slice(0, 5),
  slotMinutes: row.slotMinutes,
});

/** A doctor's week. Staff may read their clinics' doctors'; a doctor only their own. */
export async function weeklyScheduleOf(db: Db, actor: Actor | null, doctorId: string): Promise<WorkInterval[] | null> {
  if (!(await mayReadDoctor(db, actor, doctorId))) return null;
  const rows = await db
    .select()
    .from(weeklySchedules)
    .where(eq(weeklySchedules.doctorId, doctorId))
    .orderBy(asc(weeklySchedules.weekday), asc(weeklySchedules.startTime));
  return rows.map(asInterval);
}

export type ScheduleUpdateInput = {
  doctorId: string;
  intervals: WorkInterval[];
  confirmedReservationIds?: readonly string[];
  reason?: string;
};
export type ScheduleUpdateError = RetireError | { code: "doctor_not_found" } | { code: "invalid_schedule"; problems: ScheduleProblem[] };
export type ScheduleUpdated = { added: number; removed: number; closed: number; refunds: Refund[] };

/** Replaces a doctor's weekly hours and brings the future calendar in line, in one transaction: slots the new
 * week still has (same start) stay, with their reservations; slots it no longer has go (deleted when never
 * booked, else closed), and a confirmed reservation on one of them is cancelled with a full refund only
 * after the staff member confirmed exactly that reservation; the new week's missing slots are added for
 * the next SLOT_HORIZON_DAYS days. */
export async function updateWeeklySchedule(
  db: Db,
  actor: Actor | null,
  input: ScheduleUpdateInput,
  now = new Date(),
): Promise<Result<ScheduleUpdated, ScheduleUpdateError>> {
  assertRole(actor, STAFF_ROLES);
  // Another clinic's doctor reads as missing, before anything else is said about the input.
  const clinicId = await staffDoctorClinic(db, actor, input.doctorId);
  if (!clinicId) return err({ code: "doctor_not_found" });
  const week = validateWeek(input.intervals);
  if (!week.ok) return week;
  const reason = input.reason?.trim().slice(0, REASON_MAX) || null;
  return transactionResult(db, async (tx): Promise<Result<ScheduleUpdated, ScheduleUpdateError>> => {
    // Serialises schedule edits and slot generation for this doctor.
    const [doctor] = await tx.select({ id: doctors.id }).from(doctors).where(eq(doctors.id, input.doctorId)).for("update");
    if (!doctor) return err({ code: "doctor_not_found" });
    const beforeRows = await tx.select().from(weeklySchedules).where(eq(weeklySchedules.doctorId, doctor.id));
    await tx.delete(weeklySchedules).where(eq(weeklySchedules.doctorId, doctor.id));
    const newRows =
      week.value.length > 0
        ? await tx
            .insert(weeklySchedules)
            .values(
              week.value.map((i) => ({
                doctorId: doctor.id,
                weekday: i.weekday,
                startTime: i.start,
                endTime: i.end,
                slotMinutes: i.slotMinutes,
              })),
            )
            .returning()
        : [];

    const future = await tx
      .select()
      .from(timeSlots)
      .where(and(eq(timeSlots.doctorId, doctor.id), gt(timeSlots.startsAt, now)));
    const today = tehranDateKey(now);
    const dates = new Set(Array.from({ length: SLOT_HORIZON_DAYS }, (_, k) => addDays(today, k)));
    for (const slot of future) dates.add(tehranDateKey(slot.startsAt));
    const wanted = slotsFromSchedule(newRows, [...dates].sort()).filter((s) => s.startsAt > now);
    const wantedByStart = new Map(wanted.map((s) => [s.startsAt.getTime(), s]));
    const existingStarts = new Set(future.map((s) => s.startsAt.getTime()));

    const gone = future.filter((s) => !wantedByStart.has(s.startsAt.getTime()));
    const retired = await retireSlots(
      tx,
      actor,
      gone.map((s) => s.id),
      {
        confirmedReservationIds: input.confirmedReservationIds ?? [],
        reason,
        now,
        deleteUnused: true,
      },
    );
    if (!retired.ok) return retired;

    for (const slot of future) {
      const kept = wantedByStart.get(slot.startsAt.getTime());
      if (kept && kept.endsAt.getTime() !== slot.endsAt.getTime()) {
        await tx.update(timeSlots).set({ endsAt: kept.endsAt }).where(eq(timeSlots.id, slot.id));
      }
    }
    const missing = wanted.filter((s) => !existingStarts.has(s.startsAt.getTime()));
    const added =
      missing.length > 0
        ? await tx
            .insert(timeSlots)
            .values(missing)
            .onConflictDoNothing({ target: [timeSlots.doctorId, timeSlots.startsAt] })
            .returning({ id: timeSlots.id })
        : [];

    const result: ScheduleUpdated = {
      added: added.length,
      removed: retired.value.deleted,
      closed: retired.value.closed,
      refunds: retired.value.refunds,
    };
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId,
      action: "schedule.update",
      subjectType: "doctor",
      subjectId: doctor.id,
      before: { intervals: beforeRows.map(asInterval) },
      after: { intervals: week.value, ...result },
      reason,
    });
    return ok(result);
  });
}

/** Fills the calendar of the given doctors (all of the caller's clinics' when none given) for the next
 * `days` days from their weekly hours. Existing slots, booked or closed, are never touched. A doctor outside
 * the caller's clinics reads as missing: nothing is generated for anyone. */
export async function generateSlots(
  db: Db,
  actor: Actor | null,
  input: { days: number; doctorIds?: string[] },
  now = new Date(),
): Promise<Result<number, { code: "doctor_not_found" }>> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor);
  const days = Math.min(Math.max(1, Math.trunc(input.days)), 60);
  return transactionWithRetry(db, async (tx) => {
    const locked = await tx
      .select({ id: doctors.id, clinicId: doctors.clinicId })
      .from(doctors)
      .where(and(inScope(scope, doctors.clinicId), input.doctorIds ? inArray(doctors.id, input.doctorIds) : undefined))
      .orderBy(asc(doctors.id))
      .for("update");
    if (input.doctorIds && locked.length !== new Set(input.doctorIds).size) return err({ code: "doctor_not_found" as const });
    if (locked.length === 0) return ok(0);
    const doctorIds = locked.map((d) => d.id);
    const added = await generateSlotsAhead(tx, { days, doctorIds, now });
    const clinicIds = new Set(locked.map((d) => d.clinicId));
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: clinicIds.size === 1 ? [...clinicIds][0] : null,
      action: "slots.generate",
      subjectType: input.doctorIds?.length === 1 ? "doctor" : "doctors",
      subjectId: input.doctorIds?.join(",") ?? (scope.all ? "all" : scope.clinicIds.join(",")),
      after: { days, added },
    });
    return ok(added);
  });
}
