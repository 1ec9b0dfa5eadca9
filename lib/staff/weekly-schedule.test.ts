import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, reservations, timeSlots, walletLedger, weeklySchedules } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { doctorFreeSlots } from "@/lib/directory/doctor-slots";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { assertInvariants, balanceOf, buildEngine, intentFor, makeDoctor, makePatient } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { joinClinicsOf, makeActor } from "./testing/staff-fixtures";
import { SLOT_HORIZON_DAYS, updateWeeklySchedule, validateWeek, weeklyScheduleOf, type WorkInterval } from "./weekly-schedule";

const { db } = setupTestDatabase();

// Saturday 08:00 in Tehran: the whole Persian week lies ahead.
const SATURDAY = "2031-01-04";
const NOW = tehranInstant(SATURDAY, "08:00");
const MONDAY = addDays(SATURDAY, 2);
const FRIDAY = addDays(SATURDAY, 6);
const FEE = 3_000_000;

const workweek = (start: string, end: string, slotMinutes = 15): WorkInterval[] =>
  [6, 0, 1, 2, 3].map((weekday) => ({ weekday, start, end, slotMinutes }));

async function setup() {
  const staff = await makeActor(db(), "staff");
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  await joinClinicsOf(db(), staff, [doctor]);
  const first = await updateWeeklySchedule(db(), staff, { doctorId: doctor.id, intervals: workweek("09:00", "12:00") }, NOW);
  if (!first.ok) throw new Error(first.error.code);
  const { engine } = buildEngine(db(), "http://127.0.0.1:9/sandbox", { now: () => NOW });
  const patient = await makePatient(db(), { balanceRial: 2 * FEE });
  return { staff, doctor, engine, patient };
}

async function slotAt(doctorId: string, date: string, time: string) {
  const [slot] = await db()
    .select()
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, doctorId), eq(timeSlots.startsAt, tehranInstant(date, time))));
  return slot;
}

async function book(w: Awaited<ReturnType<typeof setup>>, date: string, time: string) {
  const slot = (await slotAt(w.doctor.id, date, time))!;
  const paid = await payFromWallet(w.engine, { intent: intentFor(w.patient.id, { kind: "reservation", slotId: slot.id }) });
  if (!paid.ok) throw new Error(paid.error.code);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return { slot, reservation: reservation! };
}

const state = async () => ({
  schedule: await db().select().from(weeklySchedules).orderBy(weeklySchedules.weekday, weeklySchedules.startTime),
  slots: await db().select().from(timeSlots).orderBy(timeSlots.startsAt),
  reservations: await db().select().from(reservations),
  ledger: await db().select().from(walletLedger),
});

describe("validateWeek", () => {
  it("accepts a week with breaks and sorts it", () => {
    const week = validateWeek([
      { weekday: 1, start: "16:00", end: "19:00", slotMinutes: 20 },
      { weekday: 1, start: "09:00", end: "12:00", slotMinutes: 20 },
      { weekday: 6, start: "08:00", end: "08:20", slotMinutes: 20 },
    ]);
    expect(week).toMatchObject({ ok: true, value: [{ weekday: 1, start: "09:00" }, { weekday: 1, start: "16:00" }, { weekday: 6 }] });
  });

  it("names every problem: format, order, too short, overlap, too many", () => {
    const week = validateWeek([
      { weekday: 0, start: "9:00", end: "12:00", slotMinutes: 15 },
      { weekday: 0, start: "09:07", end: "12:00", slotMinutes: 15 },
      { weekday: 1, start: "12:00", end: "09:00", slotMinutes: 15 },
      { weekday: 2, start: "09:00", end: "09:10", slotMinutes: 15 },
      { weekday: 3, start: "09:00", end: "11:00", slotMinutes: 15 },
      { weekday: 3, start: "10:30", end: "12:00", slotMinutes: 15 },
      ...["08:00", "10:00", "12:00", "14:00"].map((start) => ({
        weekday: 4,
        start,
        end: `${Number(start.slice(0, 2)) + 1}:00`.padStart(5, "0"),
        slotMinutes: 15,
      })),
      { weekday: 5, start: "09:00", end: "12:00", slotMinutes: 7 },
    ]);
    expect(week.ok).toBe(false);
    if (week.ok) return;
    expect(week.error.problems).toEqual(
      expect.arrayContaining([
        { weekday: 0, problem: "format" },
        { weekday: 1, problem: "order" },
        { weekday: 2, problem: "too_short" },
        { weekday: 3, problem: "overlap" },
        { weekday: 4, problem: "too_many" },
        { weekday: 5, problem: "format" },
      ]),
    );
  });
});

describe("updateWeeklySchedule", () => {
  it("generates the new week's slots for the horizon, and patients see them", async () => {
    const w = await setup();
    const before = (await state()).slots.length;
    expect(before).toBeGreaterThan(0);
    const result = await updateWeeklySchedule(
      db(),
      w.staff,
      { doctorId: w.doctor.id, intervals: [...workweek("09:00", "12:00"), { weekday: 5, start: "20:00", end: "21:00", slotMinutes: 30 }] },
      NOW,
    );
    expect(result).toMatchObject({ ok: true, value: { added: Math.ceil(SLOT_HORIZON_DAYS / 7) * 2, removed: 0, refunds: [] } });
    const friday = (await doctorFreeSlots(db(), { doctorId: w.doctor.id, now: NOW }))!.find((d) => d.date === FRIDAY)!;
    expect(friday.slots.map((s) => s.startsAt.getTime())).toEqual([
      tehranInstant(FRIDAY, "20:00").getTime(),
      tehranInstant(FRIDAY, "20:30").getTime(),
    ]);
    expect(await weeklyScheduleOf(db(), w.staff, w.doctor.id)).toContainEqual({
      weekday: 5,
      start: "20:00",
      end: "21:00",
      slotMinutes: 30,
    });
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "schedule.update"));
    expect(audit.at(-1)).toMatchObject({
      actorId: w.staff.userId,
      subjectId: w.doctor.id,
      after: { added: result.ok ? result.value.added : -1 },
    });
  });

  it("never drops a confirmed reservation silently: it asks, needs a reason, then cancels it with a full refund", async () => {
    const w = await setup();
    const booked = await book(w, MONDAY, "11:30");
    const balanceAfterPaying = await balanceOf(db(), w.patient.id);
    const before = await state();
    const shorter = workweek("09:00", "11:00");

    const asked = await updateWeeklySchedule(db(), w.staff, { doctorId: w.doctor.id, intervals: shorter }, NOW);
    expect(asked).toMatchObject({
      ok: false,
      error: { code: "needs_confirmation", booked: [{ reservationId: booked.reservation.id, slotId: booked.slot!.id, amountRial: FEE }] },
    });
    expect(await state()).toEqual(before);

    const noReason = await updateWeeklySchedule(
      db(),
      w.staff,
      { doctorId: w.doctor.id, intervals: shorter, confirmedReservationIds: [booked.reservation.id], reason: "  " },
      NOW,
    );
    expect(noReason).toMatchObject({ ok: false, error: { code: "reason_required" } });
    expect(await state()).toEqual(before);

    const done = await updateWeeklySchedule(
      db(),
      w.staff,
      { doctorId: w.doctor.id, intervals: shorter, confirmedReservationIds: [booked.reservation.id], reason: "کاهش ساعت کاری پزشک" },
      NOW,
    );
    expect(done).toMatchObject({
      ok: true,
      value: { added: 0, refunds: [{ reservationId: booked.reservation.id, patientId: w.patient.id, refundRial: FEE }] },
    });
    const [reservation] = await db().select().from(reservations).where(eq(reservations.id, booked.reservation.id));
    expect(reservation).toMatchObject({ status: "cancelled", cancelledBy: w.staff.userId, cancelReason: "کاهش ساعت کاری پزشک" });
    expect(await balanceOf(db(), w.patient.id)).toBe(balanceAfterPaying + FEE);
    const refunds = (await db().select().from(walletLedger)).filter((l) => l.reason === "cancellation_refund");
    expect(refunds).toMatchObject([{ userId: w.patient.id, amountRial: FEE, reference: booked.reservation.id }]);
    // The booked slot stays, closed, for the record; the free ones after 11:00 are gone.
    expect(await slotAt(w.doctor.id, MONDAY, "11:30")).toMatchObject({ status: "closed" });
    expect(await slotAt(w.doctor.id, MONDAY, "11:15")).toBeUndefined();
    expect(await slotAt(w.doctor.id, MONDAY, "10:45")).toMatchObject({ status: "open" });
    const actions = (await db().select().from(auditLog)).map((a) => a.action).sort();
    expect(actions).toEqual(["reservation.cancel", "schedule.update", "schedule.update"]);
    await assertInvariants(db());
  });

  it("asks again when a reservation appeared after the confirmation was shown", async () => {
    const w = await setup();
    const first = await book(w, MONDAY, "11:30");
    const shorter = workweek("09:00", "11:00");
    const second = await book(w, MONDAY, "11:45");
    const before = await state();
    const result = await updateWeeklySchedule(
      db(),
      w.staff,
      { doctorId: w.doctor.id, intervals: shorter, confirmedReservationIds: [first.reservation.id], reason: "x" },
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== "needs_confirmation") throw new Error("expected needs_confirmation");
    expect(result.error.booked.map((b) => b.reservationId).sort()).toEqual([first.reservation.id, second.reservation.id].sort());
    expect(await state()).toEqual(before);
  });

  it("keeps a booked slot whose start the new week still has, with its reservation, adjusting its end", async () => {
    const w = await setup();
    const booked = await book(w, MONDAY, "09:00");
    const result = await updateWeeklySchedule(db(), w.staff, { doctorId: w.doctor.id, intervals: workweek("09:00", "12:00", 30) }, NOW);
    expect(result).toMatchObject({ ok: true, value: { refunds: [] } });
    expect(await slotAt(w.doctor.id, MONDAY, "09:00")).toMatchObject({
      id: booked.slot!.id,
      status: "open",
      endsAt: tehranInstant(MONDAY, "09:30"),
    });
    expect(await slotAt(w.doctor.id, MONDAY, "09:15")).toBeUndefined();
    expect(await slotAt(w.doctor.id, MONDAY, "09:30")).toMatchObject({ endsAt: tehranInstant(MONDAY, "10:00") });
    const [reservation] = await db().select().from(reservations).where(eq(reservations.id, booked.reservation.id));
    expect(reservation!.status).toBe("confirmed");
  });

  it("refuses an invalid week or an unknown doctor without touching anything", async () => {
    const w = await setup();
    const before = await state();
    expect(
      await updateWeeklySchedule(
        db(),
        w.staff,
        { doctorId: w.doctor.id, intervals: [{ weekday: 1, start: "12:00", end: "09:00", slotMinutes: 15 }] },
        NOW,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_schedule" },
    });
    expect(await updateWeeklySchedule(db(), w.staff, { doctorId: "4b1e2c3d-0000-4000-8000-000000000000", intervals: [] }, NOW)).toEqual({
      ok: false,
      error: { code: "doctor_not_found" },
    });
    expect(await state()).toEqual(before);
  });

  it("lets a doctor read only their own week", async () => {
    const w = await setup();
    const doctorUser: Actor = await makeActor(db(), "doctor");
    expect(await weeklyScheduleOf(db(), doctorUser, w.doctor.id)).toBeNull();
  });
});
