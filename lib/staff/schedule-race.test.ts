import { describe, expect, it } from "vitest";
import { and, eq, ne } from "drizzle-orm";
import { reservations, timeSlots } from "@/db/schema";
import { handleGatewayReturn, startGatewayPayment } from "@/lib/payments/payment-engine";
import { attemptById, authorityOf, balanceOf, intentFor, makeDoctor, makePatient, payAtSandbox } from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";
import { addDays, tehranDateKey, tehranInstant, weekdayOf } from "@/lib/time/tehran";
import { closeSlot } from "./slot-closing";
import { joinClinicsOf, makeActor } from "./testing/staff-fixtures";
import { updateWeeklySchedule } from "./weekly-schedule";

/** A schedule edit or a slot closing racing a payment that settles on the very slot being removed, on real
 * Postgres: whichever commits first, a confirmed reservation is never left on a slot that is gone, and a
 * payer never loses money — they hold the reservation, or the engine refunds them. */
const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, poolMax: 20, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

const FEE = 3_000_000;

async function racingPayer() {
  const staff = await makeActor(db(), "staff");
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  await joinClinicsOf(db(), staff, [doctor]);
  const tomorrow = addDays(tehranDateKey(new Date()), 1);
  const weekday = weekdayOf(tomorrow);
  const set = await updateWeeklySchedule(db(), staff, {
    doctorId: doctor.id,
    intervals: [{ weekday, start: "09:00", end: "10:00", slotMinutes: 30 }],
  });
  if (!set.ok) throw new Error(set.error.code);
  const [slot] = await db()
    .select()
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, doctor.id), eq(timeSlots.startsAt, tehranInstant(tomorrow, "09:30"))));
  const patient = await makePatient(db());
  const { engine } = testEngine();
  const started = await startGatewayPayment(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot!.id }) });
  if (!started.ok) throw new Error(started.error.code);
  const back = await payAtSandbox(apiBase(), authorityOf(started.value.paymentUrl), "paid");
  return { staff, doctor, weekday, slot: slot!, patient, engine, back, attemptId: started.value.attemptId };
}

async function outcome(w: Awaited<ReturnType<typeof racingPayer>>) {
  const attempt = await attemptById(db(), w.attemptId);
  const [slot] = await db().select().from(timeSlots).where(eq(timeSlots.id, w.slot.id));
  const live = await db()
    .select()
    .from(reservations)
    .where(and(eq(reservations.slotId, w.slot.id), ne(reservations.status, "cancelled")));
  // Never a live reservation on a slot that is closed or gone.
  if (live.length > 0) expect(slot?.status).toBe("open");
  if (attempt.outcome === "fulfilled") expect(live.map((r) => r.paymentAttemptId)).toEqual([w.attemptId]);
  else expect(attempt.outcome).toBe("auto_refunded");
  if (attempt.outcome === "auto_refunded") expect(await balanceOf(db(), w.patient.id)).toBe(FEE);
  return attempt.outcome;
}

describe("removing a slot while its payment settles", () => {
  it.each(Array.from({ length: 6 }, (_, i) => i))("schedule edit vs callback, round %i", async () => {
    const w = await racingPayer();
    const [edit] = await Promise.all([
      updateWeeklySchedule(db(), w.staff, {
        doctorId: w.doctor.id,
        intervals: [{ weekday: w.weekday, start: "09:00", end: "09:30", slotMinutes: 30 }],
      }),
      handleGatewayReturn(w.engine, w.back),
    ]);
    const result = await outcome(w);
    // The edit went first (payer refunded), or it found the new reservation and asked before touching anything.
    if (result === "fulfilled") expect(edit).toMatchObject({ ok: false, error: { code: "needs_confirmation" } });
    else expect(edit).toMatchObject({ ok: true });
  });

  it.each(Array.from({ length: 6 }, (_, i) => i))("slot closing vs callback, round %i", async () => {
    const w = await racingPayer();
    const [closed] = await Promise.all([closeSlot(db(), w.staff, { slotId: w.slot.id }), handleGatewayReturn(w.engine, w.back)]);
    const result = await outcome(w);
    if (result === "fulfilled") expect(closed).toMatchObject({ ok: false, error: { code: "needs_confirmation" } });
    else expect(closed).toMatchObject({ ok: true, value: { closed: 1 } });
  });
});
