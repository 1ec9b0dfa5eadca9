import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, timeSlots } from "@/db/schema";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { slotIsFree } from "./doctor-directory";

export const CALENDAR_DAYS = 14;

export type FreeSlot = { id: string; startsAt: Date };
/** One Tehran calendar day (`YYYY-MM-DD`, Gregorian) and its free slots in time order. */
export type SlotDay = { date: string; slots: FreeSlot[] };

/** The wire form of the calendar, as GET /api/doctors/[id]/slots sends it. */
export type SlotDaysJson = { days: { date: string; slots: { id: string; startsAt: string }[] }[] };

/** The doctor's free slots from `now` to the end of the `days`-th Tehran day, today included. Every day is
 * listed, also those without a free slot. Null when there is no such doctor. */
export async function doctorFreeSlots(db: Db, options: { doctorId: string; now?: Date; days?: number }): Promise<SlotDay[] | null> {
  const now = options.now ?? new Date();
  const [doctor] = await db.select({ id: doctors.id }).from(doctors).where(eq(doctors.id, options.doctorId));
  if (!doctor) return null;
  const today = tehranDateKey(now);
  const dates = Array.from({ length: options.days ?? CALENDAR_DAYS }, (_, i) => addDays(today, i));
  // Where each day starts, and the end of the last: slots are placed by comparing instants, because asking
  // Intl for the day of every slot was most of this request's CPU time.
  const boundaries = [...dates, addDays(today, dates.length)].map((date) => tehranInstant(date, "00:00").getTime());
  const slots = await db
    .select({ id: timeSlots.id, startsAt: timeSlots.startsAt })
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, doctor.id), slotIsFree(now), lt(timeSlots.startsAt, new Date(boundaries[dates.length]!))))
    .orderBy(asc(timeSlots.startsAt));
  const days: SlotDay[] = dates.map((date) => ({ date, slots: [] }));
  let day = 0;
  for (const slot of slots) {
    const at = slot.startsAt.getTime();
    while (day < dates.length - 1 && at >= boundaries[day + 1]!) day++;
    if (at >= boundaries[day]!) days[day]!.slots.push(slot);
  }
  return days;
}

export function slotDaysJson(days: SlotDay[]): SlotDaysJson {
  return {
    days: days.map(({ date, slots }) => ({
      date,
      slots: slots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt.toISOString() })),
    })),
  };
}

/** The doctor's free future slots closest in time to `around`, before or after it, nearest first (the earlier
 * of two equally near). For offering alternatives when the slot a patient chose was taken. */
export async function nearestFreeSlots(
  db: Db,
  options: { doctorId: string; around: Date; limit: number; now?: Date },
): Promise<FreeSlot[]> {
  const around = options.around.toISOString();
  return db
    .select({ id: timeSlots.id, startsAt: timeSlots.startsAt })
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, options.doctorId), slotIsFree(options.now ?? new Date())))
    .orderBy(sql`abs(extract(epoch from ${timeSlots.startsAt} - ${around}::timestamptz))`, asc(timeSlots.startsAt))
    .limit(Math.max(0, Math.floor(options.limit)));
}
