import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, timeSlots } from "@/db/schema";
import { err, ok, type Result } from "@/lib/shared/result";

/** An open slot outside the weekly schedule, at an exact instant. Used by the sandbox-only dev route so that
 * journeys can book a visit a given number of hours ahead whatever the day of the week (e.g. inside the
 * cancellation window). */
export async function addExtraSlot(
  db: Db,
  input: { doctorId: string; startsAt: Date; minutes: number },
): Promise<Result<{ slotId: string }, { code: "doctor_not_found" } | { code: "slot_exists" }>> {
  const [doctor] = await db.select({ id: doctors.id }).from(doctors).where(eq(doctors.id, input.doctorId));
  if (!doctor) return err({ code: "doctor_not_found" });
  const [slot] = await db
    .insert(timeSlots)
    .values({ doctorId: doctor.id, startsAt: input.startsAt, endsAt: new Date(input.startsAt.getTime() + input.minutes * 60_000) })
    .onConflictDoNothing({ target: [timeSlots.doctorId, timeSlots.startsAt] })
    .returning({ id: timeSlots.id });
  return slot ? ok({ slotId: slot.id }) : err({ code: "slot_exists" });
}
