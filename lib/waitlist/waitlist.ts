import { and, asc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, timeSlots, waitlistEntries } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { slotIsFree } from "@/lib/directory/doctor-directory";
import { CALENDAR_DAYS } from "@/lib/directory/doctor-slots";
import { err, ok, type Result } from "@/lib/shared/result";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { log } from "@/lib/shared/log";

/** Joining and leaving a doctor's waitlist (issue 12 §6). Anyone signed in may book, so anyone signed in may
 * wait; each only for themself. */

/** How far ahead a patient may ask for days. */
export const WAITLIST_MAX_DAYS = 90;

const WHO_BOOKS = ["patient", "doctor", "staff", "admin"] as const;

export type WaitlistEntry = {
  id: string;
  doctorId: string;
  doctorName: string;
  fromDate: string | null;
  toDate: string | null;
  createdAt: Date;
};

export type JoinInput = { doctorId: string; fromDate?: string | null; toDate?: string | null };
export type JoinError = { code: "doctor_not_found" } | { code: "bad_range" } | { code: "free_times_exist" } | { code: "already_waiting" };

export const isActive = and(isNull(waitlistEntries.leftAt), isNull(waitlistEntries.fulfilledAt));

/** The days a patient may choose from: today to WAITLIST_MAX_DAYS ahead (Tehran). */
export function waitlistDays(now: Date): string[] {
  const today = tehranDateKey(now);
  return Array.from({ length: WAITLIST_MAX_DAYS + 1 }, (_, i) => addDays(today, i));
}

/** Joins `doctorId`'s waitlist for the given Tehran days (both optional: any day). Refused while the doctor
 * has a free time in that window — the next 14 days when no days are given — since then there is nothing to
 * wait for: the patient books it. */
export async function joinWaitlist(
  db: Db,
  actor: Actor | null,
  input: JoinInput,
  now = new Date(),
): Promise<Result<{ entryId: string }, JoinError>> {
  assertRole(actor, WHO_BOOKS);
  const fromDate = input.fromDate || null;
  const toDate = input.toDate || null;
  const days = waitlistDays(now);
  const inWindow = (d: string | null) => d === null || days.includes(d);
  if (!inWindow(fromDate) || !inWindow(toDate) || (fromDate && toDate && fromDate > toDate)) return err({ code: "bad_range" });

  const [doctor] = await db.select({ id: doctors.id }).from(doctors).where(eq(doctors.id, input.doctorId));
  if (!doctor) return err({ code: "doctor_not_found" });

  const windowStart = fromDate ? tehranInstant(fromDate, "00:00") : now;
  const windowEnd = tehranInstant(
    addDays(toDate ?? (fromDate ? addDays(fromDate, CALENDAR_DAYS - 1) : days[CALENDAR_DAYS - 1]!), 1),
    "00:00",
  );
  const [free] = await db
    .select({ id: timeSlots.id })
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, doctor.id), slotIsFree(now), gte(timeSlots.startsAt, windowStart), lt(timeSlots.startsAt, windowEnd)))
    .limit(1);
  if (free) return err({ code: "free_times_exist" });

  // The partial unique index (one active entry per patient and doctor) answers a second join, also a
  // concurrent one.
  const [entry] = await db
    .insert(waitlistEntries)
    .values({ patientId: actor.userId, doctorId: doctor.id, fromDate, toDate, createdAt: now })
    .onConflictDoNothing({
      target: [waitlistEntries.patientId, waitlistEntries.doctorId],
      where: sql`left_at is null and fulfilled_at is null`,
    })
    .returning({ id: waitlistEntries.id });
  if (!entry) return err({ code: "already_waiting" });
  log.info(`[waitlist] user ${actor.userId} joined doctor ${doctor.id}'s waitlist (${fromDate ?? "any"}..${toDate ?? "any"})`);
  return ok({ entryId: entry.id });
}

/** Leaves one of the caller's own active entries; another patient's reads as missing. */
export async function leaveWaitlist(
  db: Db,
  actor: Actor | null,
  input: { entryId: string },
  now = new Date(),
): Promise<Result<{ doctorId: string }, { code: "entry_not_found" }>> {
  assertRole(actor, WHO_BOOKS);
  const [left] = await db
    .update(waitlistEntries)
    .set({ leftAt: now })
    .where(and(eq(waitlistEntries.id, input.entryId), eq(waitlistEntries.patientId, actor.userId), isActive))
    .returning({ doctorId: waitlistEntries.doctorId });
  if (!left) return err({ code: "entry_not_found" });
  log.info(`[waitlist] user ${actor.userId} left waitlist entry ${input.entryId}`);
  return ok(left);
}

/** The patient's active entries, oldest first; with `doctorId`, only that doctor's (at most one). */
export async function myWaitlist(db: Db, userId: string, doctorId?: string): Promise<WaitlistEntry[]> {
  return db
    .select({
      id: waitlistEntries.id,
      doctorId: waitlistEntries.doctorId,
      doctorName: doctors.name,
      fromDate: waitlistEntries.fromDate,
      toDate: waitlistEntries.toDate,
      createdAt: waitlistEntries.createdAt,
    })
    .from(waitlistEntries)
    .innerJoin(doctors, eq(doctors.id, waitlistEntries.doctorId))
    .where(and(eq(waitlistEntries.patientId, userId), isActive, doctorId ? eq(waitlistEntries.doctorId, doctorId) : undefined))
    .orderBy(asc(waitlistEntries.createdAt));
}
