import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, doctors, reservations, users } from "@/db/schema";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { clinicAgenda } from "./agenda";
import { markAttendance } from "./attendance";
import { doctorDay } from "./doctor-day";
import { joinClinicsOf, makeActor } from "./testing/staff-fixtures";

const { db } = setupTestDatabase();

const TODAY = "2031-01-04";
const NOW = tehranInstant(TODAY, "08:00");
const day = { from: tehranInstant(TODAY, "00:00"), to: tehranInstant(addDays(TODAY, 1), "00:00") };
const week = { from: day.from, to: tehranInstant(addDays(TODAY, 8), "00:00") };

async function setup() {
  const staff = await makeActor(db(), "staff");
  const doctorUser = await makeActor(db(), "doctor");
  const mine = await makeDoctor(db());
  const other = await makeDoctor(db());
  await joinClinicsOf(db(), staff, [mine, other]);
  await db().update(doctors).set({ userId: doctorUser.userId }).where(eq(doctors.id, mine.id));
  const { engine } = buildEngine(db(), "http://127.0.0.1:9/sandbox", { now: () => NOW });
  const zahra = await makePatient(db(), { balanceRial: 20_000_000, name: "زهرا محمدي" }); // Arabic yeh, as some keyboards type it
  const amir = await makePatient(db(), { balanceRial: 20_000_000, name: "امیر حسینی" });
  const book = async (patientId: string, doctorId: string, date: string, time: string) => {
    const slot = await makeSlot(db(), doctorId, { startsAt: tehranInstant(date, time) });
    const paid = await payFromWallet(engine, { intent: intentFor(patientId, { kind: "reservation", slotId: slot.id }) });
    if (!paid.ok) throw new Error(paid.error.code);
    return (await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId)))[0]!;
  };
  const r1 = await book(zahra.id, mine.id, TODAY, "10:00");
  const r2 = await book(amir.id, other.id, TODAY, "11:00");
  const r3 = await book(amir.id, mine.id, addDays(TODAY, 3), "09:00");
  const [amirRow] = await db().select().from(users).where(eq(users.id, amir.id));
  return { staff, doctorUser, mine, other, zahra, amir, amirPhone: amirRow!.phone, r1, r2, r3 };
}

const ids = (items: { reservationId: string }[]) => items.map((i) => i.reservationId);

describe("clinicAgenda", () => {
  it("lists the day's and the week's appointments in time order, per doctor or clinic", async () => {
    const w = await setup();
    expect(ids(await clinicAgenda(db(), w.staff, day))).toEqual([w.r1.id, w.r2.id]);
    expect(ids(await clinicAgenda(db(), w.staff, week))).toEqual([w.r1.id, w.r2.id, w.r3.id]);
    expect(ids(await clinicAgenda(db(), w.staff, { ...week, doctorId: w.mine.id }))).toEqual([w.r1.id, w.r3.id]);
    const [otherDoctor] = await db().select().from(doctors).where(eq(doctors.id, w.other.id));
    expect(ids(await clinicAgenda(db(), w.staff, { ...week, clinicId: otherDoctor!.clinicId }))).toEqual([w.r2.id]);
  });

  it("finds a patient by any part of the phone (Persian digits too) or by name, folding Arabic letters", async () => {
    const w = await setup();
    const tail = w.amirPhone.slice(-4);
    const persianTail = tail.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    expect(ids(await clinicAgenda(db(), w.staff, { ...week, query: persianTail }))).toEqual([w.r2.id, w.r3.id]);
    expect(ids(await clinicAgenda(db(), w.staff, { ...week, query: `+98${w.amirPhone.slice(1)}` }))).toEqual([w.r2.id, w.r3.id]);
    expect(ids(await clinicAgenda(db(), w.staff, { ...week, query: "زهرا محمدی" }))).toEqual([w.r1.id]);
    expect(ids(await clinicAgenda(db(), w.staff, { ...week, query: "50%" }))).toEqual([]);
  });

  it("shows a doctor only their own appointments, whatever filter they send", async () => {
    const w = await setup();
    expect(ids(await clinicAgenda(db(), w.doctorUser, { ...week, doctorId: w.other.id }))).toEqual([w.r1.id, w.r3.id]);
    expect(await doctorDay(db(), w.doctorUser, { doctorId: w.other.id, date: TODAY })).toBeNull();
    expect((await doctorDay(db(), w.doctorUser, { doctorId: w.mine.id, date: TODAY }))!.map((s) => s.reservation?.id)).toEqual([w.r1.id]);
  });

  it("keeps a cancelled appointment listed with its reason and refund, unless asked to hide cancelled ones", async () => {
    const w = await setup();
    const cancelled = await cancelReservationAsStaff(
      db(),
      w.staff,
      { reservationId: w.r2.id, reason: "درخواست بیمار" },
      { fullRefundHours: 24, now: NOW },
    );
    expect(cancelled.ok).toBe(true);
    const [item] = (await clinicAgenda(db(), w.staff, day)).filter((i) => i.reservationId === w.r2.id);
    expect(item).toMatchObject({ status: "cancelled", cancelReason: "درخواست بیمار", refundRial: w.r2.amountRial });
    expect(ids(await clinicAgenda(db(), w.staff, { ...day, hideCancelled: true }))).toEqual([w.r1.id]);
  });
});

describe("markAttendance", () => {
  it("marks today's visits attended or no-show, corrects a mark, audits each change, refuses future visits", async () => {
    const w = await setup();
    expect(await markAttendance(db(), w.staff, { reservationId: w.r1.id, attendance: "attended" }, NOW)).toEqual({
      ok: true,
      value: { status: "attended" },
    });
    expect(await markAttendance(db(), w.staff, { reservationId: w.r1.id, attendance: "no_show" }, NOW)).toEqual({
      ok: true,
      value: { status: "no_show" },
    });
    expect(await markAttendance(db(), w.staff, { reservationId: w.r3.id, attendance: "attended" }, NOW)).toEqual({
      ok: false,
      error: { code: "not_today_yet" },
    });
    const audit = await db().select().from(auditLog).orderBy(auditLog.createdAt);
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["reservation.attendance", { status: "confirmed" }, { status: "attended" }],
      ["reservation.attendance", { status: "attended" }, { status: "no_show" }],
    ]);
    // Marked visits stay in the list.
    expect(ids(await clinicAgenda(db(), w.staff, day))).toEqual([w.r1.id, w.r2.id]);
  });
});
