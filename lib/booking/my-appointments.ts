import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, familyMembers, reservations, timeSlots, visitNotices, walletLedger } from "@/db/schema";
import { visitForColumns } from "@/lib/patients/visit-for";
import type { VisitFor } from "@/lib/patients/visit-for-text";

export type Appointment = {
  id: string;
  status: "confirmed" | "attended" | "no_show" | "cancelled";
  startsAt: Date;
  doctorId: string;
  doctorName: string;
  clinicName: string;
  amountRial: number;
  /** The paid attempt behind it: its receipt is `/receipts/{paymentAttemptId}`. */
  paymentAttemptId: string;
  /** What cancelling it gave back to the wallet; null when it was not refunded. */
  refundRial: number | null;
  /** Set when the clinic cancelled it: the reason its staff member gave. */
  clinicCancelReason: string | null;
  /** The latest delay announced for the doctor's day that covers this confirmed visit, in minutes. */
  delayMinutes: number | null;
} & VisitFor;

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
      paymentAttemptId: reservations.paymentAttemptId,
      refundRial: walletLedger.amountRial,
      clinicCancelReason: sql<
        string | null
      >`case when ${reservations.cancelledBy} is distinct from ${reservations.patientId} then ${reservations.cancelReason} end`,
      delayMinutes: sql<number | null>`case when ${reservations.status} = 'confirmed' then (
        select ${visitNotices.delayMinutes} from ${visitNotices}
        where ${visitNotices.doctorId} = ${reservations.doctorId}
          and ${timeSlots.startsAt} >= ${visitNotices.startsFrom} and ${timeSlots.startsAt} < ${visitNotices.until}
        order by ${visitNotices.createdAt} desc limit 1) end`.mapWith(Number),
      ...visitForColumns,
    })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .leftJoin(familyMembers, eq(familyMembers.id, reservations.familyMemberId))
    .leftJoin(
      walletLedger,
      and(eq(walletLedger.reason, "cancellation_refund"), eq(walletLedger.reference, sql<string>`${reservations.id}::text`)),
    )
    .where(eq(reservations.patientId, patientId))
    .orderBy(desc(timeSlots.startsAt));
}
