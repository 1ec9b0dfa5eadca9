import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, clinics, doctors, reservations, timeSlots, users } from "@/db/schema";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { appLink, appointmentPath, recordNotification } from "./record";

/** One function per event of issue 12's table. Each runs inside the transaction that creates the event and
 * reads what the message needs from that transaction, so the text matches what was committed. */

const t = messages.notifications;

/** A short code the patient can quote to the clinic, in two groups of four (never six digits in a row, which
 * a phone would offer to paste as a sign-in code). */
export function trackingCode(reservationId: string): string {
  const hex = reservationId.replaceAll("-", "").toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** What a message about a visit says: who, when, where. Reminders select their visits the same way. */
export function visitFacts(db: Db) {
  return db
    .select({
      id: reservations.id,
      patientId: reservations.patientId,
      bookedAt: reservations.createdAt,
      startsAt: timeSlots.startsAt,
      doctor: doctors.name,
      address: clinics.address,
    })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .$dynamic();
}

async function reservationFacts(tx: Db, reservationId: string) {
  const [row] = await visitFacts(tx).where(eq(reservations.id, reservationId));
  if (!row) throw new Error(`notification for reservation ${reservationId}, which does not exist`);
  return row;
}

export type VisitFacts = { patientId: string; startsAt: Date; doctor: string; address: string };

/** `facts`, when the caller has just read them with the reservation (the payment path does), save a query. */
export async function notifyReservationConfirmed(tx: Db, reservationId: string, facts?: VisitFacts): Promise<void> {
  const r = facts ?? (await reservationFacts(tx, reservationId));
  await recordNotification(tx, {
    recipientId: r.patientId,
    kind: "reservation_confirmed",
    reference: reservationId,
    link: appointmentPath(reservationId),
    body: t.sms.reservationConfirmed({
      doctor: r.doctor,
      when: formatJalaliDateTime(r.startsAt),
      address: r.address,
      code: trackingCode(reservationId),
      link: appLink(appointmentPath(reservationId)),
    }),
  });
}

export async function notifyReservationCancelled(
  tx: Db,
  input: { reservationId: string; byClinic: boolean; reason: string | null; refundRial: number; balanceRial: number },
): Promise<void> {
  const r = await reservationFacts(tx, input.reservationId);
  const when = formatJalaliDateTime(r.startsAt);
  await recordNotification(tx, {
    recipientId: r.patientId,
    kind: input.byClinic ? "reservation_cancelled_by_clinic" : "reservation_cancelled_by_patient",
    reference: input.reservationId,
    link: "/appointments",
    body: input.byClinic
      ? t.sms.cancelledByClinic({
          doctor: r.doctor,
          when,
          reason: input.reason ?? t.noReason,
          refund: formatToman(input.refundRial),
          balance: formatToman(input.balanceRial),
        })
      : t.sms.cancelledByPatient({ doctor: r.doctor, when, refund: input.refundRial > 0 ? formatToman(input.refundRial) : null }),
  });
}

/** A verified payment whose slot went to someone else (or closed) first: the engine refunds it to the wallet
 * in the same transaction. */
export async function notifySlotTakenRefund(
  tx: Db,
  input: { userId: string; attemptId: string; amountRial: number; doctorId: string | null },
): Promise<void> {
  // The doctor's page lists their nearest free times; a slot deleted meanwhile leaves only the search.
  const link = input.doctorId ? `/doctors/${input.doctorId}` : "/doctors";
  await recordNotification(tx, {
    recipientId: input.userId,
    kind: "auto_refund",
    reference: input.attemptId,
    link,
    body: t.sms.slotTakenRefunded({ amount: formatToman(input.amountRial), link: appLink(link) }),
  });
}

export async function notifyChatUnavailableRefund(tx: Db, input: { userId: string; attemptId: string; amountRial: number }): Promise<void> {
  await recordNotification(tx, {
    recipientId: input.userId,
    kind: "auto_refund",
    reference: input.attemptId,
    link: "/wallet",
    body: t.sms.chatUnavailableRefunded({ amount: formatToman(input.amountRial) }),
  });
}

async function chatFacts(tx: Db, chatRequestId: string) {
  const [row] = await tx
    .select({
      patientId: chatRequests.patientId,
      patientName: users.name,
      doctorUserId: doctors.userId,
      doctor: doctors.name,
      amountRial: chatRequests.amountRial,
      deadline: chatRequests.answerDeadline,
    })
    .from(chatRequests)
    .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
    .innerJoin(users, eq(users.id, chatRequests.patientId))
    .where(eq(chatRequests.id, chatRequestId));
  if (!row) throw new Error(`notification for chat request ${chatRequestId}, which does not exist`);
  return row;
}

function firstName(name: string | null): string {
  return name?.trim().split(/\s+/)[0] || t.anonymousPatient;
}

/** To the doctor; a doctor without a sign-in of their own has no phone to tell. */
export async function notifyChatQuestion(tx: Db, chatRequestId: string): Promise<void> {
  const c = await chatFacts(tx, chatRequestId);
  if (!c.doctorUserId) return;
  const link = `/doctor/chats/${chatRequestId}`;
  await recordNotification(tx, {
    recipientId: c.doctorUserId,
    kind: "chat_question",
    reference: chatRequestId,
    link,
    body: t.sms.chatQuestion({ patient: firstName(c.patientName), deadline: formatJalaliDateTime(c.deadline), link: appLink(link) }),
  });
}

export async function notifyChatExpiring(tx: Db, chatRequestId: string): Promise<void> {
  const c = await chatFacts(tx, chatRequestId);
  if (!c.doctorUserId) return;
  const link = `/doctor/chats/${chatRequestId}`;
  await recordNotification(tx, {
    recipientId: c.doctorUserId,
    kind: "chat_expiring",
    reference: chatRequestId,
    link,
    body: t.sms.chatExpiring({ deadline: formatJalaliDateTime(c.deadline), link: appLink(link) }),
  });
}

/** Once per consultation — the doctor's first answer — never the text of it. */
export async function notifyChatAnswered(tx: Db, chatRequestId: string): Promise<void> {
  const c = await chatFacts(tx, chatRequestId);
  const link = `/chats/${chatRequestId}`;
  await recordNotification(tx, {
    recipientId: c.patientId,
    kind: "chat_answered",
    reference: chatRequestId,
    link,
    body: t.sms.chatAnswered({ doctor: c.doctor, link: appLink(link) }),
  });
}

export async function notifyChatExpired(tx: Db, chatRequestId: string): Promise<void> {
  const c = await chatFacts(tx, chatRequestId);
  await recordNotification(tx, {
    recipientId: c.patientId,
    kind: "chat_expired",
    reference: chatRequestId,
    link: "/wallet",
    body: t.sms.chatExpired({ doctor: c.doctor, amount: formatToman(c.amountRial) }),
  });
}

/** The patient moved their visit (issue 13 §2): once per move, whatever retries the transaction. */
export async function notifyReservationRescheduled(
  tx: Db,
  input: { moveId: string; reservationId: string; fromStartsAt: Date; refundRial: number },
): Promise<void> {
  const r = await reservationFacts(tx, input.reservationId);
  await recordNotification(tx, {
    recipientId: r.patientId,
    kind: "reservation_rescheduled",
    reference: input.moveId,
    link: appointmentPath(input.reservationId),
    body: t.sms.rescheduled({
      doctor: r.doctor,
      from: formatJalaliDateTime(input.fromStartsAt),
      when: formatJalaliDateTime(r.startsAt),
      address: r.address,
      refund: input.refundRial > 0 ? formatToman(input.refundRial) : null,
      link: appLink(appointmentPath(input.reservationId)),
    }),
  });
}
