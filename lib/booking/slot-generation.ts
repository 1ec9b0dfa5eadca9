import { and, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { timeSlots, weeklySchedules } from "@/db/schema";
import { addDays, minutesOf, tehranDateKey, tehranInstant, timeOf, weekdayOf } from "@/lib/time/tehran";

type ScheduleRow = typeof weeklySchedules.$inferSelect;

/** The slots a weekly schedule yields on the given Tehran days. Pure: the caller decides what to write. */
export function slotsFromSchedule(schedule: ScheduleRow[], dateKeys: string[]) {
  const slots: { doctorId: string; startsAt: Date; endsAt: Date }[] = [];
  for (const dateKey of dateKeys) {
    const weekday = weekdayOf(dateKey);
    for (const interval of schedule.filter((s) => s.weekday === weekday)) {
      const end = minutesOf(interval.endTime);
      for (let start = minutesOf(interval.startTime); start + interval.slotMinutes <= end; start += interval.slotMinutes) {
        slots.push({
          doctorId: interval.doctorId,
          startsAt: tehranInstant(dateKey, timeOf(start)),
          endsAt: tehranInstant(dateKey, timeOf(start + interval.slotMinutes)),
        });
      }
    }
  }
  return slots;
}

/** Creates the missing slots for the next `days` Tehran days (today included). Existing slots, booked or
 * closed, are never touched, so running it again is harmless. Returns how many were added. */
export async function generateSlotsAhead(db: Db, options: { days: number; doctorIds?: string[]; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const today = tehranDateKey(now);
  const dateKeys = Array.from({ length: options.days }, (_, i) => addDays(today, i));
  const schedule = await db
    .select()
    .from(weeklySchedules)
    .where(options.doctorIds ? inArray(weeklySchedules.doctorId, options.doctorIds) : and());
  const slots = slotsFromSchedule(schedule, dateKeys).filter((slot) => slot.startsAt > now);
  let added = 0;
  for (let i = 0; i < slots.length; i += 500) {
    const inserted = await db
      .insert(timeSlots)
      .values(slots.slice(i, i + 500))
      .onConflictDoNothing({ target: [timeSlots.doctorId, timeSlots.startsAt] })
      .returning({ id: timeSlots.id });
    added += inserted.length;
  }
  return added;
}
