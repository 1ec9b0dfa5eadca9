import { and, asc, eq, gte, ilike, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, familyMembers, paymentAttempts, reservations, timeSlots, users, walletLedger } from "@/db/schema";
import { assertRole, isStaff, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { visitPersonColumns, withVisitPerson } from "@/lib/patients/visit-for";
import type { VisitPerson } from "@/lib/patients/visit-for-text";
import { latinDigits, normalizePersian } from "@/lib/i18n/normalize";
import { ownDoctorId } from "./doctor-access";

export type ReservationStatus = (typeof reservations.$inferSelect)["status"];

export type AgendaItem = VisitPerson & {
  reservationId: string;
  status: ReservationStatus;
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  doctorId: string;
  doctorName: string;
  clinicId: string;
  clinicName: string;
  patientName: string | null;
  patientPhone: string;
  amountRial: number;
  gateway: "sandbox" | "zarinpal" | "wallet";
  refId: string | null;
  cancelReason: string | null;
  /** What cancelling it gave back to the patient's wallet. */
  refundRial: number | null;
};

export type AgendaFilters = {
  from: Date;
  to: Date;
  doctorId?: string;
  clinicId?: string;
  /** A patient's phone (any digits of it) or name. */
  query?: string;
  hideCancelled?: boolean;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** All digits (Persian or Latin, spaces, dashes and a leading + allowed): part of a phone number. Anything
 * else: part of the name, with Arabic and Persian spellings folded together. */
function patientMatch(query: string): SQL | undefined {
  const compact = latinDigits(query).replace(/[\s\-+()]/g, "");
  if (/^\d{3,}$/.test(compact)) {
    // +98912… and 912… still find 0912…
    const local = compact.replace(/^(0098|98)(?=9)/, "").replace(/^0/, "");
    return ilike(users.phone, `%${escapeLike(local)}%`);
  }
  const name = normalizePersian(query);
  if (!name) return undefined;
  const folded = sql`lower(translate(coalesce(${users.name}, ''), 'يىكۀةأإآ', 'ییکههااا'))`;
  return sql`${folded} like ${`%${escapeLike(name)}%`}`;
}

/** Reservations whose slot starts in [from, to), in time order, each with whom it is for (see
 * visitPersonColumns). Staff see their clinics' doctors (the platform admin every clinic's); a doctor sees
 * only their own, whatever filter they send; anyone else nothing. */
export async function clinicAgenda(db: Db, actor: Actor | null, filters: AgendaFilters, now = new Date()): Promise<AgendaItem[]> {
  assertRole(actor, ["staff", "admin", "doctor"]);
  let doctorId = filters.doctorId;
  const scope = isStaff(actor) ? await clinicScope(db, actor) : null;
  if (!scope) {
    const own = await ownDoctorId(db, actor);
    if (!own) return [];
    doctorId = own;
  }
  const rows = await db
    .select({
      reservationId: reservations.id,
      status: reservations.status,
      slotId: timeSlots.id,
      startsAt: timeSlots.startsAt,
      endsAt: timeSlots.endsAt,
      doctorId: doctors.id,
      doctorName: doctors.name,
      clinicId: clinics.id,
      clinicName: clinics.name,
      patientName: users.name,
      patientPhone: users.phone,
      ...visitPersonColumns,
      amountRial: reservations.amountRial,
      gateway: paymentAttempts.gateway,
      refId: paymentAttempts.refId,
      cancelReason: reservations.cancelReason,
      refundRial: walletLedger.amountRial,
    })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .innerJoin(users, eq(users.id, reservations.patientId))
    .innerJoin(paymentAttempts, eq(paymentAttempts.id, reservations.paymentAttemptId))
    .leftJoin(familyMembers, eq(familyMembers.id, reservations.familyMemberId))
    .leftJoin(
      walletLedger,
      and(eq(walletLedger.reason, "cancellation_refund"), eq(walletLedger.reference, sql<string>`${reservations.id}::text`)),
    )
    .where(
      and(
        gte(timeSlots.startsAt, filters.from),
        lt(timeSlots.startsAt, filters.to),
        doctorId ? eq(doctors.id, doctorId) : undefined,
        scope ? inScope(scope, clinics.id) : undefined,
        filters.clinicId ? eq(clinics.id, filters.clinicId) : undefined,
        filters.hideCancelled ? ne(reservations.status, "cancelled") : undefined,
        filters.query ? patientMatch(filters.query) : undefined,
      ),
    )
    .orderBy(asc(timeSlots.startsAt), asc(doctors.name));
  return rows.map((row) => withVisitPerson(row, now));
}
