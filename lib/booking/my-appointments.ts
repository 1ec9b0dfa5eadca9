import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, reservations, timeSlots } from "@/db/schema";

export type Appointment = {
  id: string;
  status: "confirmed" | "attended" | "no_show" | "cancelled";
  startsAt: Date;
  doctorId: string;
  doctorName: string;
  clinicName: string;
  amountRial: number;
};

/** The patient's own reservations, newest slot first. */
export async function myAppointments(db: Db, patientId: string): Promise<Appointment[]> {
  return db
    .select({
      id: reservations.id,
      status: reservations.status,
      startsAt: timeSlots.startsAt,
      doctorId: doctors.id,
      doctorName: doctors.name,
      clinicName: clinics.name,
      amountRial: reservations.amountRial,
    })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(reservations.patientId, patientId))
    .orderBy(desc(timeSlots.startsAt));
}
