import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, reservations, timeSlots, walletLedger } from "@/db/schema";
import { payFromWallet, startGatewayPayment } from "@/lib/payments/payment-engine";
import { assertInvariants, balanceOf, buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { tehranInstant } from "@/lib/time/tehran";
import { closeDay, closeSlot, reopenSlot } from "./slot-closing";
import { joinClinicsOf, makeActor } from "./testing/staff-fixtures";

const { db } = setupTestDatabase();

const NOW = tehranInstant("2031-01-04", "08:00");
const DAY = "2031-01-05";
const FEE = 2_500_000;

async function setup() {
  const staff = await makeActor(db(), "staff");
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  await joinClinicsOf(db(), staff, [doctor]);
  const slots = await Promise.all(
    ["09:00", "09:30", "10:00"].map((time) => makeSlot(db(), doctor.id, { startsAt: tehranInstant(DAY, time) })),
  );
  const { engine } = buildEngine(db(), "http://127.0.0.1:9/sandbox", { now: () => NOW });
  const patient = await makePatient(db(), { balanceRial: FEE, name: "مریم رضایی" });
  const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slots[1]!.id }) });
  if (!paid.ok) throw new Error(paid.error.code);
  const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return { staff, doctor, slots, patient, engine, reservation: reservation! };
}

const statusOf = async (slotId: string) => (await db().select().from(timeSlots).where(eq(timeSlots.id, slotId)))[0]?.status;

describe("closing a single slot", () => {
  it("closes a free one at once, and it can be reopened", async () => {
    const w = await setup();
    expect(await closeSlot(db(), w.staff, { slotId: w.slots[0]!.id }, NOW)).toMatchObject({ ok: true, value: { closed: 1, refunds: [] } });
    expect(await statusOf(w.slots[0]!.id)).toBe("closed");
    expect(await reopenSlot(db(), w.staff, { slotId: w.slots[0]!.id }, NOW)).toEqual({ ok: true, value: null });
    expect(await statusOf(w.slots[0]!.id)).toBe("open");
    expect(await reopenSlot(db(), w.staff, { slotId: w.slots[0]!.id }, NOW)).toEqual({ ok: false, error: { code: "not_closed" } });
    expect((await db().select().from(auditLog)).map((a) => a.action).sort()).toEqual(["slot.close", "slot.reopen"]);
  });

  it("with a confirmed reservation: asks first, then cancels it with a full refund and closes the slot", async () => {
    const w = await setup();
    const asked = await closeSlot(db(), w.staff, { slotId: w.slots[1]!.id }, NOW);
    expect(asked).toMatchObject({
      ok: false,
      error: { code: "needs_confirmation", booked: [{ reservationId: w.reservation.id, patientName: "مریم رضایی", amountRial: FEE }] },
    });
    expect(await statusOf(w.slots[1]!.id)).toBe("open");
    expect(await balanceOf(db(), w.patient.id)).toBe(0);

    const done = await closeSlot(
      db(),
      w.staff,
      { slotId: w.slots[1]!.id, confirmedReservationIds: [w.reservation.id], reason: "بیماری پزشک" },
      NOW,
    );
    expect(done).toMatchObject({
      ok: true,
      value: { closed: 1, refunds: [{ reservationId: w.reservation.id, refundRial: FEE, patientName: "مریم رضایی" }] },
    });
    expect(await statusOf(w.slots[1]!.id)).toBe("closed");
    expect(await balanceOf(db(), w.patient.id)).toBe(FEE);
    expect((await db().select().from(reservations).where(eq(reservations.id, w.reservation.id)))[0]).toMatchObject({
      status: "cancelled",
      cancelReason: "بیماری پزشک",
    });
    // Closing it again refunds nothing twice.
    expect(
      await closeSlot(db(), w.staff, { slotId: w.slots[1]!.id, confirmedReservationIds: [w.reservation.id], reason: "x" }, NOW),
    ).toMatchObject({ ok: true, value: { closed: 0, refunds: [] } });
    expect((await db().select().from(walletLedger)).filter((l) => l.reason === "cancellation_refund")).toHaveLength(1);
    await assertInvariants(db());
  });

  it("a payment settling on a slot closed meanwhile is refunded by the engine, not booked", async () => {
    const w = await setup();
    const other = await makePatient(db(), { balanceRial: FEE });
    await closeSlot(db(), w.staff, { slotId: w.slots[2]!.id }, NOW);
    expect(await payFromWallet(w.engine, { intent: intentFor(other.id, { kind: "reservation", slotId: w.slots[2]!.id }) })).toMatchObject({
      ok: false,
      error: { code: "slot_unavailable", reason: "closed" },
    });
    expect(await balanceOf(db(), other.id)).toBe(FEE);
    expect(
      await startGatewayPayment(w.engine, { intent: intentFor(other.id, { kind: "reservation", slotId: w.slots[2]!.id }) }),
    ).toMatchObject({ ok: false });
  });

  it("refuses a past slot and an unknown one", async () => {
    const w = await setup();
    const later = tehranInstant(DAY, "09:45");
    expect(await closeSlot(db(), w.staff, { slotId: w.slots[0]!.id }, later)).toEqual({ ok: false, error: { code: "slot_past" } });
    expect(await closeSlot(db(), w.staff, { slotId: "4b1e2c3d-0000-4000-8000-000000000000" }, NOW)).toEqual({
      ok: false,
      error: { code: "slot_not_found" },
    });
  });
});

describe("closing a whole day", () => {
  it("closes every future slot of the doctor that day, refunding the confirmed ones after confirmation", async () => {
    const w = await setup();
    expect(await closeDay(db(), w.staff, { doctorId: w.doctor.id, date: DAY }, NOW)).toMatchObject({
      ok: false,
      error: { code: "needs_confirmation" },
    });
    expect(
      await closeDay(db(), w.staff, { doctorId: w.doctor.id, date: DAY, confirmedReservationIds: [w.reservation.id] }, NOW),
    ).toMatchObject({
      ok: false,
      error: { code: "reason_required" },
    });
    const done = await closeDay(
      db(),
      w.staff,
      { doctorId: w.doctor.id, date: DAY, confirmedReservationIds: [w.reservation.id], reason: "تعطیلی مطب" },
      NOW,
    );
    expect(done).toMatchObject({ ok: true, value: { closed: 3, refunds: [{ refundRial: FEE }] } });
    for (const slot of w.slots) expect(await statusOf(slot.id)).toBe("closed");
    expect(await balanceOf(db(), w.patient.id)).toBe(FEE);
    expect(await closeDay(db(), w.staff, { doctorId: w.doctor.id, date: "2031-01-06" }, NOW)).toEqual({
      ok: false,
      error: { code: "nothing_to_close" },
    });
    await assertInvariants(db());
  });
});
