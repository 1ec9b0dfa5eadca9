import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, doctors, notifications, reservations, timeSlots } from "@/db/schema";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { myAppointments } from "@/lib/booking/my-appointments";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { tehranInstant } from "@/lib/time/tehran";
import { assertInvariants, balanceOf, buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { closeDay } from "./slot-closing";
import { makeActor } from "./testing/staff-fixtures";

/* Issue 14 §3b: the doctor announces a day off through the clinic's close-day path: every visit of the day is
 * cancelled with a full refund, each patient gets an SMS (the notifications queue) and sees the reason on
 * "my appointments". */

const { db } = setupTestDatabase();

const NOW = tehranInstant("2031-01-04", "08:00");
const DAY = "2031-01-05";
const FEE = 2_500_000;

async function bookedDoctor() {
  const doctorActor = await makeActor(db(), "doctor");
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  await db().update(doctors).set({ userId: doctorActor.userId }).where(eq(doctors.id, doctor.id));
  const slots = await Promise.all(["09:00", "09:30"].map((time) => makeSlot(db(), doctor.id, { startsAt: tehranInstant(DAY, time) })));
  const { engine } = buildEngine(db(), "http://127.0.0.1:9/sandbox", { now: () => NOW });
  const patient = await makePatient(db(), { balanceRial: FEE, name: "مریم رضایی" });
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slots[0]!.id }) });
  if (!paid.ok) throw new Error(paid.error.code);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return { doctorActor, doctor, slots, patient, reservation: reservation! };
}

describe("a doctor's day off", () => {
  it("the doctor closes their own day: visits cancelled with full refunds, an SMS each, a notice on my appointments; audited", async () => {
    const w = await bookedDoctor();
    expect(await closeDay(db(), w.doctorActor, { doctorId: w.doctor.id, date: DAY }, NOW)).toMatchObject({
      ok: false,
      error: { code: "needs_confirmation" },
    });
    const done = await closeDay(
      db(),
      w.doctorActor,
      { doctorId: w.doctor.id, date: DAY, confirmedReservationIds: [w.reservation.id], reason: "مرخصی پزشک" },
      NOW,
    );
    expect(done).toMatchObject({ ok: true, value: { closed: 2, refunds: [{ reservationId: w.reservation.id, refundRial: FEE }] } });
    expect(await balanceOf(db(), w.patient.id)).toBe(FEE);
    const [sms] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, w.patient.id), eq(notifications.kind, "reservation_cancelled_by_clinic")));
    expect(sms!.body).toContain("مرخصی پزشک");
    expect(sms!.link).toBe("/appointments");
    const [mine] = await myAppointments(db(), w.patient.id);
    expect(mine).toMatchObject({ status: "cancelled", clinicCancelReason: "مرخصی پزشک", refundRial: FEE });
    const actions = (await db().select().from(auditLog).where(eq(auditLog.actorId, w.doctorActor.userId))).map((a) => a.action).sort();
    expect(actions).toEqual(["reservation.cancel", "slot.close"]);
    for (const slot of w.slots) expect((await db().select().from(timeSlots).where(eq(timeSlots.id, slot.id)))[0]!.status).toBe("closed");
    await assertInvariants(db());
  });

  it("another doctor's day and visits read as missing; patients are refused", async () => {
    const w = await bookedDoctor();
    const otherDoctor = await makeActor(db(), "doctor");
    expect(
      await closeDay(
        db(),
        otherDoctor,
        { doctorId: w.doctor.id, date: DAY, confirmedReservationIds: [w.reservation.id], reason: "x" },
        NOW,
      ),
    ).toEqual({
      ok: false,
      error: { code: "doctor_not_found" },
    });
    expect(
      await cancelReservationAsStaff(db(), otherDoctor, { reservationId: w.reservation.id, reason: "x" }, { fullRefundHours: 0, now: NOW }),
    ).toEqual({
      ok: false,
      error: { code: "reservation_not_found" },
    });
    await expect(closeDay(db(), { userId: w.patient.id, role: "patient" }, { doctorId: w.doctor.id, date: DAY }, NOW)).rejects.toThrow(
      /forbidden/,
    );
    expect((await db().select().from(reservations).where(eq(reservations.id, w.reservation.id)))[0]!.status).toBe("confirmed");
    expect(await balanceOf(db(), w.patient.id)).toBe(0);
  });
});
