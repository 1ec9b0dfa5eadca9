import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clinics, doctors, notifications, reservations } from "@/db/schema";
import type { Db } from "@/db/client";
import { cancelOwnReservation, cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { acceptChatRequest } from "@/lib/chat/chat-lifecycle";
import { sendChatMessage } from "@/lib/chat/chat-messages";
import { expireOverdueChatRequests, warnDoctorsOfExpiringChats } from "@/lib/chat/chat-expiry";
import { CHAT_FEE, QUESTION, buyChat, makeChatDoctor } from "@/lib/chat/testing/chat-world";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { handleGatewayReturn, payFromWallet } from "@/lib/payments/payment-engine";
import { intentFor, makeDoctor, makePatient, makeSlot, payAtSandbox, startPayment } from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { myAppointments } from "@/lib/booking/my-appointments";
import { trackingCode } from "./events";
import { markNotificationsRead, myNotifications, remindersEnabled, setReminders, unreadNotificationCount } from "./inbox";
import { appLink } from "./record";
import { staffOfEveryClinic } from "@/lib/staff/testing/staff-fixtures";

/* Issue 12's table: who is told what, recorded in the event's own transaction, once. */

const { db, apiBase, testEngine } = setupPaymentWorld();
const FEE = 2_000_000;
const HOUR = 3_600_000;

const notificationsOf = (handle: Db, recipientId: string) =>
  handle.select().from(notifications).where(eq(notifications.recipientId, recipientId));

async function walletBooking(startsAt = new Date(Date.now() + 48 * HOUR)) {
  const engine = testEngine().engine;
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const [clinic] = await db()
    .select({ address: clinics.address })
    .from(clinics)
    .innerJoin(doctors, eq(doctors.clinicId, clinics.id))
    .where(eq(doctors.id, doctor.id));
  const slot = await makeSlot(db(), doctor.id, { startsAt });
  const patient = await makePatient(db(), { balanceRial: FEE + 500_000 });
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
  if (!paid.ok) throw new Error(paid.error.code);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return { engine, doctor, address: clinic!.address, slot, patient, reservation: reservation! };
}

describe("reservations", () => {
  it("confirmed from the wallet: doctor, Jalali day and time, clinic address, tracking code and link, once", async () => {
    const b = await walletBooking();
    const [n, ...more] = await notificationsOf(db(), b.patient.id);
    expect(more).toEqual([]);
    // The link goes to this visit's item in «نوبت‌های من», not just the list.
    const link = `/appointments#${b.reservation.id}`;
    expect(n).toMatchObject({ kind: "reservation_confirmed", reference: b.reservation.id, link, status: "pending" });
    for (const part of [b.doctor.name, formatJalaliDateTime(b.slot.startsAt), b.address, trackingCode(b.reservation.id), appLink(link)]) {
      expect(n!.body).toContain(part);
    }
  });

  it("confirmed through the gateway, and the patient who lost the race hears of the refund with a link to free times", async () => {
    const engine = testEngine().engine;
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const [winner, loser] = [await makePatient(db()), await makePatient(db())];
    const a = await startPayment(engine, intentFor(winner.id, { kind: "reservation", slotId: slot.id }));
    const b = await startPayment(engine, intentFor(loser.id, { kind: "reservation", slotId: slot.id }));
    await handleGatewayReturn(engine, await payAtSandbox(apiBase(), a.authority, "paid"));
    const back = await payAtSandbox(apiBase(), b.authority, "paid");
    await handleGatewayReturn(engine, back);
    await handleGatewayReturn(engine, back); // a replayed callback tells nobody anything new

    expect((await notificationsOf(db(), winner.id)).map((n) => n.kind)).toEqual(["reservation_confirmed"]);
    const lost = await notificationsOf(db(), loser.id);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ kind: "auto_refund", reference: b.attemptId, link: `/doctors/${doctor.id}` });
    expect(lost[0]!.body).toContain(formatToman(FEE));
    expect(lost[0]!.body).toContain(`/doctors/${doctor.id}`);
  });

  it("paying from the wallet for a slot taken meanwhile: rolled back, and nobody is told of a refund that never happened", async () => {
    const b = await walletBooking();
    const other = await makePatient(db(), { balanceRial: FEE });
    const paid = await payFromWallet(b.engine, { intent: intentFor(other.id, { kind: "reservation", slotId: b.slot.id }) });
    expect(paid.ok).toBe(false);
    expect(await notificationsOf(db(), other.id)).toEqual([]);
  });

  it("cancelled by the clinic: the reason typed, the refund and the new balance", async () => {
    const b = await walletBooking();
    const staff = await staffOfEveryClinic(db());
    const cancelled = await cancelReservationAsStaff(
      db(),
      staff,
      { reservationId: b.reservation.id, reason: "بیماری پزشک" },
      { fullRefundHours: 24 },
    );
    expect(cancelled.ok).toBe(true);
    const [n] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, b.patient.id), eq(notifications.kind, "reservation_cancelled_by_clinic")));
    expect(n!.body).toContain("بیماری پزشک");
    expect(n!.body).toContain(formatToman(FEE));
    expect(n!.body).toContain(formatToman(FEE + 500_000));
    // «نوبت‌های من» shows the clinic's reason too.
    const [shown] = await myAppointments(db(), b.patient.id);
    expect(shown).toMatchObject({ status: "cancelled", clinicCancelReason: "بیماری پزشک" });
  });

  it("cancelled by the patient: the refund their policy gives, or that nothing came back", async () => {
    const early = await walletBooking(new Date(Date.now() + 48 * HOUR));
    await cancelOwnReservation(
      db(),
      { userId: early.patient.id, role: "patient" },
      { reservationId: early.reservation.id },
      { fullRefundHours: 24 },
    );
    const late = await walletBooking(new Date(Date.now() + 2 * HOUR));
    await cancelOwnReservation(
      db(),
      { userId: late.patient.id, role: "patient" },
      { reservationId: late.reservation.id },
      { fullRefundHours: 24 },
    );
    const [e] = (await notificationsOf(db(), early.patient.id)).filter((n) => n.kind === "reservation_cancelled_by_patient");
    const [l] = (await notificationsOf(db(), late.patient.id)).filter((n) => n.kind === "reservation_cancelled_by_patient");
    expect(e!.body).toContain(formatToman(FEE));
    expect(l!.body).toContain("مبلغی بازگردانده نشد");
    expect((await myAppointments(db(), early.patient.id))[0]!.clinicCancelReason).toBeNull();
  });

  it("the patient's list mirrors what was sent; reading it clears the unread count; only reminders can be turned off", async () => {
    const b = await walletBooking();
    expect(await unreadNotificationCount(db(), b.patient.id)).toBe(1);
    const [item] = await myNotifications(db(), b.patient.id);
    const [sent] = await notificationsOf(db(), b.patient.id);
    expect(item).toMatchObject({ body: sent!.body, link: `/appointments#${b.reservation.id}`, unread: true });
    await markNotificationsRead(db(), b.patient.id);
    expect(await unreadNotificationCount(db(), b.patient.id)).toBe(0);
    expect(await remindersEnabled(db(), b.patient.id)).toBe(true);
    await setReminders(db(), b.patient.id, false);
    expect(await remindersEnabled(db(), b.patient.id)).toBe(false);
    await setReminders(db(), b.patient.id, true);
    expect(await remindersEnabled(db(), b.patient.id)).toBe(true);
  });
});

describe("chat consultations", () => {
  it("the doctor hears of a new question (first name and deadline, never the question), the patient of the first answer only", async () => {
    const engine = testEngine().engine;
    const { doctor, account, actor } = await makeChatDoctor(db());
    const patient = await makePatient(db(), { name: "سارا احمدی" });
    const request = await buyChat(engine, patient.id, doctor.id);

    const [question] = await notificationsOf(db(), account.id);
    expect(question).toMatchObject({ kind: "chat_question", reference: request.id, link: `/doctor/chats/${request.id}` });
    expect(question!.body).toContain("سارا");
    expect(question!.body).not.toContain("احمدی");
    expect(question!.body).toContain(formatJalaliDateTime(request.answerDeadline));
    expect(question!.body).not.toContain(QUESTION.slice(0, 10));

    await acceptChatRequest(db(), actor, request.id);
    await sendChatMessage(db(), actor, { chatRequestId: request.id, body: "لطفاً مایعات زیاد بنوشید." });
    await sendChatMessage(db(), actor, { chatRequestId: request.id, body: "و استراحت کنید." });
    const answered = (await notificationsOf(db(), patient.id)).filter((n) => n.kind === "chat_answered");
    expect(answered).toHaveLength(1);
    expect(answered[0]!.body).toContain(doctor.name);
    expect(answered[0]!.body).not.toContain("مایعات");
  });

  it("unanswered: the doctor is warned two hours before the deadline, once; after it the patient hears of the refund", async () => {
    const engine = testEngine().engine;
    const { doctor, account } = await makeChatDoctor(db(), { chatAnswerHours: 3 });
    const patient = await makePatient(db());
    const request = await buyChat(engine, patient.id, doctor.id);

    expect(await warnDoctorsOfExpiringChats(db(), new Date())).toBe(0);
    const inside = new Date(request.answerDeadline.getTime() - HOUR);
    await warnDoctorsOfExpiringChats(db(), inside);
    await warnDoctorsOfExpiringChats(db(), new Date(inside.getTime() + 60_000));
    expect((await notificationsOf(db(), account.id)).filter((n) => n.kind === "chat_expiring")).toHaveLength(1);

    await expireOverdueChatRequests(db(), new Date(request.answerDeadline.getTime() + 1));
    const expired = (await notificationsOf(db(), patient.id)).filter((n) => n.kind === "chat_expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]!.body).toContain(formatToman(CHAT_FEE));
  });
});
