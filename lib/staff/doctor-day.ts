import { and, asc, eq, gte, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, familyMembers, reservations, timeSlots, users } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { visitPerson, visitPersonColumns } from "@/lib/patients/visit-for";
import type { VisitPerson } from "@/lib/patients/visit-for-text";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { mayReadDoctor } from "./doctor-access";

export type DaySlot = {
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  status: "open" | "closed";
  reservation:
    | ({
        id: string;
        status: "confirmed" | "attended" | "no_show";
        patientName: string | null;
        patientPhone: string;
        amountRial: number;
      } & VisitPerson)
    | null;
};

/** One doctor's slots on one Tehran day (`YYYY-MM-DD`), each with its live reservation and whom it is for
 * (name, age, sex, national code: see visitPersonColumns). Staff see their clinics' doctors' days; a doctor
 * only their own (null otherwise, as for a doctor that does not exist). */
export async function doctorDay(
  db: Db,
  actor: Actor | null,
  input: { doctorId: string; date: string },
  now = new Date(),
): Promise<DaySlot[] | null> {
  if (!(await mayReadDoctor(db, actor, input.doctorId))) return null;
  const rows = await db
    .select({
      slot: timeSlots,
      reservationId: reservations.id,
      reservationStatus: reservations.status,
      patientName: users.name,
      patientPhone: users.phone,
      ...visitPersonColumns,
      amountRial: reservations.amountRial,
    })
    .from(timeSlots)
    .leftJoin(reservations, and(eq(reservations.slotId, timeSlots.id), ne(reservations.status, "cancelled")))
    .leftJoin(users, eq(users.id, reservations.patientId))
    .leftJoin(familyMembers, eq(familyMembers.id, reservations.familyMemberId))
    .where(
      and(
        eq(timeSlots.doctorId, input.doctorId),
        gte(timeSlots.startsAt, tehranInstant(input.date, "00:00")),
        lt(timeSlots.startsAt, tehranInstant(addDays(input.date, 1), "00:00")),
      ),
    )
    .orderBy(asc(timeSlots.startsAt));
  return rows.map((r) => ({
    slotId: r.slot.id,
    startsAt: r.slot.startsAt,
    endsAt: r.slot.endsAt,
    status: r.slot.status,
    reservation:
      r.reservationId && r.reservationStatus && r.reservationStatus !== "cancelled"
        ? {
            id: r.reservationId,
            status: r.reservationStatus,
            patientName: r.patientName,
            patientPhone: r.patientPhone ?? "",
            amountRial: r.amountRial ?? 0,
            ...visitPerson(r, now),
          }
        : null,
  }));
}

export type DoctorOption = { id: string; name: string; clinicId: string; clinicName: string };

/** The doctors of the caller's clinics, for the staff screens' pickers. */
export async function doctorOptions(db: Db, actor: Actor | null): Promise<DoctorOption[]> {
  assertRole(actor, ["staff", "admin"]);
  const scope = await clinicScope(db, actor);
  return db
    .select({ id: doctors.id, name: doctors.name, clinicId: clinics.id, clinicName: clinics.name })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(inScope(scope, clinics.id))
    .orderBy(asc(clinics.name), asc(doctors.name));
}
