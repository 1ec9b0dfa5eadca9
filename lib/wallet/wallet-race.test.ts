import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { reservations } from "@/db/schema";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { handleGatewayReturn, payFromWallet, type PaymentEngine } from "@/lib/payments/payment-engine";
import { reconcilePayments } from "@/lib/payments/reconcile";
import {
  attemptById,
  balanceOf,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  snapshot,
  startPayment,
  verifyOutcomes,
} from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";

/** The wallet under real concurrency (real Postgres: PGlite runs one statement at a time). After every test
 * the harness checks, for every wallet, that the balance equals the sum of its ledger and never went below
 * zero, and that nothing was credited or refunded twice. */

const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

const FEE = 2_000_000;
const future = () => new Date(Date.now() + 3_600_000);

async function paidTopup(engine: PaymentEngine, userId: string, amountRial: number) {
  const started = await startPayment(engine, intentFor(userId, { kind: "topup", amountRial }));
  const back = await payAtSandbox(apiBase(), started.authority, "paid");
  return { attemptId: started.attemptId, back };
}

describe("wallet payments at once", () => {
  it("50 payments from a wallet that affords exactly 10: 10 reservations, balance exactly 0, the other 40 leave no trace", async () => {
    const { engine, calls } = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slots = await Promise.all(Array.from({ length: 50 }, () => makeSlot(db(), doctor.id)));
    const patient = await makePatient(db(), { balanceRial: 10 * FEE });

    const results = await Promise.all(
      slots.map((slot) => payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({ ok: false, error: { code: "insufficient_balance", amountRial: FEE } });
    expect(await balanceOf(db(), patient.id)).toBe(0);

    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(10);
    expect(s.attempts).toHaveLength(10);
    expect(s.ledger.filter((l) => l.reason === "reservation_payment")).toHaveLength(10);
    expect(Math.min(...s.ledger.map((l) => l.balanceAfterRial))).toBe(0);
    expect(calls).toHaveLength(0);
  });
});

describe("top-up callbacks at once", () => {
  it("20 identical callbacks, a forged NOK and two reconcile jobs for one authority: credited exactly once", async () => {
    const { engine, calls } = testEngine();
    const patient = await makePatient(db());
    const { attemptId, back } = await paidTopup(engine, patient.id, 5_000_000);

    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => handleGatewayReturn(engine, back)),
      handleGatewayReturn(engine, { authority: back.authority, status: "NOK" }),
      reconcilePayments(engine, { olderThan: future() }),
      reconcilePayments(engine, { olderThan: future() }),
    ]);
    for (const r of results.slice(0, 20)) expect(r).toMatchObject({ ok: true, value: { attemptId, status: "paid" } });

    expect(await attemptById(db(), attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect(await balanceOf(db(), patient.id)).toBe(5_000_000);
    const s = await snapshot(db());
    expect(s.ledger).toMatchObject([{ reason: "topup", reference: attemptId, amountRial: 5_000_000, balanceAfterRial: 5_000_000 }]);
    expect(verifyOutcomes(calls).filter((c) => c === 100)).toHaveLength(1);
  });
});

describe("everything that moves one wallet, at once", () => {
  it("wallet payments, replayed top-up callbacks and repeated cancellations: the balance is exactly what the ledger says", async () => {
    const { engine } = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const patient = await makePatient(db(), { balanceRial: 6 * FEE });
    const asPatient = { userId: patient.id, role: "patient" as const };

    // Three visits far enough ahead for a full refund, paid from the wallet beforehand.
    const booked = await Promise.all(
      Array.from({ length: 3 }, () => makeSlot(db(), doctor.id, { startsAt: new Date(Date.now() + (3 + Math.random()) * 86_400_000) })),
    );
    for (const slot of booked)
      expect(await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) })).toMatchObject({
        ok: true,
      });
    const toCancel = await Promise.all(
      booked.map(async (slot) => (await db().select().from(reservations).where(eq(reservations.slotId, slot.id)))[0]!.id),
    );
    const topups = await Promise.all([1_000_000, 1_500_000, 2_500_000].map((amount) => paidTopup(engine, patient.id, amount)));
    const wanted = await Promise.all(Array.from({ length: 20 }, () => makeSlot(db(), doctor.id)));

    const outcomes = await Promise.all([
      ...wanted.map((slot) => payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) })),
      ...topups.flatMap((t) => [
        handleGatewayReturn(engine, t.back),
        handleGatewayReturn(engine, t.back),
        handleGatewayReturn(engine, t.back),
      ]),
      ...toCancel.flatMap((id) => [
        cancelOwnReservation(db(), asPatient, { reservationId: id }, { fullRefundHours: 24 }),
        cancelOwnReservation(db(), asPatient, { reservationId: id }, { fullRefundHours: 24 }),
      ]),
    ]);
    const walletPaid = outcomes.slice(0, wanted.length).filter((r) => r.ok).length;
    const cancelled = outcomes.slice(wanted.length + topups.length * 3).filter((r) => r.ok).length;
    expect(cancelled).toBe(3);

    const s = await snapshot(db());
    const topupCredits = s.ledger.filter((l) => l.reason === "topup");
    expect(topupCredits).toHaveLength(3);
    expect(s.ledger.filter((l) => l.reason === "cancellation_refund")).toHaveLength(3);
    const expected = 6 * FEE - 3 * FEE + 5_000_000 + 3 * FEE - walletPaid * FEE;
    expect(await balanceOf(db(), patient.id)).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(0);
    // The 3 fees left before the storm always cover 3 payments; all the money there was covers at most 8.
    expect(walletPaid).toBeGreaterThanOrEqual(3);
    expect(walletPaid).toBeLessThanOrEqual(8);
    expect(s.reservations.filter((r) => r.status === "confirmed")).toHaveLength(walletPaid);
  });
});
