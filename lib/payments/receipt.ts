import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, clinics, doctors, familyMembers, paymentAttempts, reservations, timeSlots, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { clinicScope, covers } from "@/lib/auth/clinic-scope";
import { visitForColumns } from "@/lib/patients/visit-for";
import type { VisitFor } from "@/lib/patients/visit-for-text";
import { messages } from "@/lib/i18n/messages";
import { TEHRAN } from "@/lib/time/tehran";

/** What a receipt says about one paid purchase: a visit, a chat consultation, a wallet top-up, or the higher
 * fee of a visit's new time (a reschedule: the receipt shows the visit at its new time). */
export type Receipt = {
  attemptId: string;
  kind: "reservation" | "chat" | "topup" | "reschedule";
  amountRial: number;
  /** The gateway's tracking code (`ref_id`); null when the wallet paid. */
  refId: string | null;
  /** The card as the gateway returned it, already masked ("502229******5995"); null when unknown or the wallet paid. */
  cardPan: string | null;
  viaWallet: boolean;
  paidAt: Date;
  payerName: string | null;
  /** "سارا احمدی (فرزند)" when the visit or chat is for a family member; null when for the payer. */
  forWhom: string | null;
  doctor: { name: string; title: string } | null;
  clinic: { name: string; address: string } | null;
  /** The visit's time and its turn: its place (1, 2, …) among the doctor's slots of that Tehran day. */
  visit: { startsAt: Date; turn: number; cancelled: boolean } | null;
};

/** The receipt of a paid attempt, for whoever may see it: the patient who paid, staff of the clinic the visit
 * or chat belongs to, the platform admin (top-ups belong to no clinic: the payer and the admin only). An
 * attempt not paid, one whose money went back to the wallet (nothing was bought), and one the caller may not
 * see all read as null alike: no receipt. */
export async function receiptFor(db: Db, actor: Actor, attemptId: string): Promise<Receipt | null> {
  const [attempt] = await db
    .select({ attempt: paymentAttempts, payerName: users.name })
    .from(paymentAttempts)
    .innerJoin(users, eq(users.id, paymentAttempts.userId))
    .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, "paid"), eq(paymentAttempts.outcome, "fulfilled")));
  if (!attempt) return null;
  const { attempt: paid, payerName } = attempt;
  const base = {
    attemptId: paid.id,
    amountRial: paid.amountRial,
    refId: paid.gateway === "wallet" ? null : paid.refId,
    cardPan: paid.gateway === "wallet" ? null : paid.cardPan,
    viaWallet: paid.gateway === "wallet",
    paidAt: paid.settledAt ?? paid.updatedAt,
    payerName,
  };
  const purchase = await purchaseOf(db, paid);
  if (!purchase) return null;
  if (!(await maySee(db, actor, paid.userId, purchase.clinicId))) return null;
  return { ...base, ...purchase.details };
}

type Purchase = { clinicId: string | null; details: Pick<Receipt, "kind" | "forWhom" | "doctor" | "clinic" | "visit"> };

async function purchaseOf(db: Db, paid: typeof paymentAttempts.$inferSelect): Promise<Purchase | null> {
  const { id: attemptId, purpose, target } = paid;
  if (purpose === "topup") return { clinicId: null, details: { kind: "topup", forWhom: null, doctor: null, clinic: null, visit: null } };
  if (purpose === "reservation" || purpose === "reschedule") {
    // The turn: how many of the doctor's slots that Tehran day start no later than this one.
    const turn = sql<number>`(select count(*)::int from ${timeSlots} as day_slots
      where day_slots.doctor_id = ${timeSlots.doctorId}
        and (day_slots.starts_at at time zone ${TEHRAN})::date = (${timeSlots.startsAt} at time zone ${TEHRAN})::date
        and day_slots.starts_at <= ${timeSlots.startsAt})`;
    const [row] = await db
      .select({ status: reservations.status, startsAt: timeSlots.startsAt, turn, ...withWhomColumns })
      .from(reservations)
      .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
      .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
      .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
      .leftJoin(familyMembers, eq(familyMembers.id, reservations.familyMemberId))
      // A reschedule's difference belongs to the visit it moved (its target), not to a reservation of its own.
      .where(target.kind === "reschedule" ? eq(reservations.id, target.reservationId) : eq(reservations.paymentAttemptId, attemptId));
    if (!row) return null;
    return withWhom(row, purpose, { startsAt: row.startsAt, turn: row.turn, cancelled: row.status === "cancelled" });
  }
  const [row] = await db
    .select(withWhomColumns)
    .from(chatRequests)
    .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .leftJoin(familyMembers, eq(familyMembers.id, chatRequests.familyMemberId))
    .where(eq(chatRequests.paymentAttemptId, attemptId));
  return row ? withWhom(row, "chat", null) : null;
}

/** The doctor, clinic and family member of a visit or a chat, read the same way for both. */
const withWhomColumns = {
  doctorName: doctors.name,
  doctorTitle: doctors.title,
  clinicId: clinics.id,
  clinicName: clinics.name,
  clinicAddress: clinics.address,
  ...visitForColumns,
};

type WithWhomRow = { doctorName: string; doctorTitle: string; clinicId: string; clinicName: string; clinicAddress: string } & VisitFor;

function withWhom(row: WithWhomRow, kind: "reservation" | "chat" | "reschedule", visit: Receipt["visit"]): Purchase {
  return {
    clinicId: row.clinicId,
    details: {
      kind,
      forWhom: familyMemberText(row),
      doctor: { name: row.doctorName, title: row.doctorTitle },
      clinic: { name: row.clinicName, address: row.clinicAddress },
      visit,
    },
  };
}

function familyMemberText({ forName, forRelation }: VisitFor): string | null {
  if (!forName) return null;
  const relations = messages.profile.relations;
  return `${forName} (${(forRelation && relations[forRelation]) || relations.other})`;
}

async function maySee(db: Db, actor: Actor, payerId: string, clinicId: string | null): Promise<boolean> {
  if (actor.userId === payerId) return true;
  if (actor.role !== "staff" && actor.role !== "admin") return false;
  const scope = await clinicScope(db, actor);
  return clinicId === null ? scope.all : covers(scope, clinicId);
}
