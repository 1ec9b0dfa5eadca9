import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, reservations, specialties, timeSlots } from "@/db/schema";

export type DoctorSummary = {
  id: string;
  name: string;
  title: string;
  specialty: string;
  clinic: string;
  city: string;
  visitFeeRial: number;
  chatFeeRial: number;
  takesChat: boolean;
  nextFreeAt: Date | null;
};

/** A slot a patient can book: open, in the future, and without a live reservation. */
export const slotIsFree = (now: Date) =>
  and(
    eq(timeSlots.status, "open"),
    gt(timeSlots.startsAt, now),
    sql`not exists (select 1 from ${reservations} r where r.slot_id = ${timeSlots.id} and r.status <> 'cancelled')`,
  );

export async function listDoctors(db: Db, now = new Date()): Promise<DoctorSummary[]> {
  const nextFree = db
    .select({ doctorId: timeSlots.doctorId, nextFreeAt: sql<Date>`min(${timeSlots.startsAt})`.as("next_free_at") })
    .from(timeSlots)
    .where(slotIsFree(now))
    .groupBy(timeSlots.doctorId)
    .as("next_free");
  const rows = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      title: doctors.title,
      specialty: specialties.name,
      clinic: clinics.name,
      city: clinics.city,
      visitFeeRial: doctors.visitFeeRial,
      chatFeeRial: doctors.chatFeeRial,
      takesChat: doctors.takesChat,
      nextFreeAt: nextFree.nextFreeAt,
    })
    .from(doctors)
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .leftJoin(nextFree, eq(nextFree.doctorId, doctors.id))
    .orderBy(asc(specialties.name), asc(doctors.name));
  return rows.map((row) => ({ ...row, nextFreeAt: row.nextFreeAt ? new Date(row.nextFreeAt) : null }));
}
