import { createEvent } from "ics";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, familyMembers, reservations, timeSlots } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";
import { visitForColumns } from "@/lib/patients/visit-for";
import { visitForText } from "@/lib/patients/visit-for-text";

const t = messages.appointments.calendar;

/** The appointment as an iCalendar file, for the patient who holds it only (null for anyone else and for an
 * unknown id, alike). Times are written in UTC (`…Z`): every calendar shows them at the right Tehran hour,
 * with no time-zone table to keep in step with Iran's rules. */
export async function appointmentCalendar(
  db: Db,
  input: { patientId: string; reservationId: string; appUrl: string },
): Promise<{ ics: string; startsAt: Date } | null> {
  const [row] = await db
    .select({
      id: reservations.id,
      status: reservations.status,
      startsAt: timeSlots.startsAt,
      endsAt: timeSlots.endsAt,
      doctorName: doctors.name,
      doctorTitle: doctors.title,
      clinicName: clinics.name,
      clinicAddress: clinics.address,
      ...visitForColumns,
    })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .leftJoin(familyMembers, eq(familyMembers.id, reservations.familyMemberId))
    .where(and(eq(reservations.id, input.reservationId), eq(reservations.patientId, input.patientId)));
  if (!row) return null;
  const forWhom = visitForText(row);
  const created = createEvent({
    uid: `${row.id}@drturn`,
    productId: "drturn/appointments",
    start: row.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: row.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: t.title(row.doctorName),
    description: [t.doctor(row.doctorName, row.doctorTitle), forWhom, t.clinic(row.clinicName, row.clinicAddress)]
      .filter(Boolean)
      .join("\n"),
    location: `${row.clinicName}، ${row.clinicAddress}`,
    url: `${input.appUrl}/appointments`,
    status: row.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    alarms: [{ action: "display", description: t.title(row.doctorName), trigger: { hours: 2, before: true } }],
  });
  if (created.error || !created.value) throw created.error ?? new Error("ics produced no calendar");
  return { ics: created.value, startsAt: row.startsAt };
}
