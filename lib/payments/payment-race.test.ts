import { describe, expect, it } from "vitest";
import type { Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, payFromWallet, type PaymentEngine } from "./payment-engine";
import { reconcilePayments } from "./reconcile";
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
  type GatewayReturn,
} from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";

/** Real concurrency needs real Postgres (PGlite runs one statement at a time), so this file always runs on a
 * throwaway database of the server in DATABASE_URL, or of the local development server. */
const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

const FEE = 3_500_000;
const future = () => new Date(Date.now() + 3_600_000);

async function startPaid(engine: PaymentEngine, intent: Intent): Promise<GatewayReturn & { attemptId: string }> {
  const started = await startPayment(engine, intent);
  const back = await payAtSandbox(apiBase(), started.authority, "paid");
  expect(back.status).toBe("OK");
  return { ...back, attemptId: started.attemptId };
}

describe.each([2, 20])("%i patients paid for one slot and their callbacks arrive at once", (payers) => {
  it("yields exactly one reservation, and every other payer is refunded exactly once", async () => {
    const t = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const patients = await Promise.all(Array.from({ length: payers }, () => makePatient(db())));
    // Every payer priced the slot while it was free, and every one paid at the gateway.
    const paid = await Promise.all(
      patients.map((p) => startPaid(t.engine, intentFor(p.id, { kind: "reservation", slotId: slot.id }, FEE))),
    );

    const returned = await Promise.all(paid.map((back) => handleGatewayReturn(t.engine, { authority: back.authority, status: "OK" })));
    for (const r of returned) expect(r).toMatchObject({ ok: true, value: { status: "paid" } });

    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    const winner = s.reservations[0]!.paymentAttemptId;
    const losers = paid.filter((p) => p.attemptId !== winner);
    expect(losers).toHaveLength(payers - 1);
    expect(await attemptById(db(), winner)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    for (const loser of losers)
      expect(await attemptById(db(), loser.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });

    const refunds = s.ledger.filter((l) => l.reason === "auto_refund");
    expect(refunds.map((l) => l.reference).sort()).toEqual(losers.map((l) => l.attemptId).sort());
    const paidByLosers = s.attempts.filter((a) => a.id !== winner).reduce((sum, a) => sum + a.amountRial, 0);
    expect(refunds.reduce((sum, l) => sum + l.amountRial, 0)).toBe(paidByLosers);
    expect(paidByLosers).toBe(FEE * (payers - 1));
    for (const p of patients) {
      const won = s.reservations[0]!.patientId === p.id;
      expect(await balanceOf(db(), p.id)).toBe(won ? 0 : FEE);
    }
    // Each authority verified once at the gateway (100), none timed out or failed.
    expect(verifyOutcomes(t.calls).filter((c) => c === 100)).toHaveLength(payers);
    expect(verifyOutcomes(t.calls).every((c) => c === 100 || c === 101)).toBe(true);

    // And a second wave of the same callbacks plus the reconcile job changes nothing.
    const before = await snapshot(db());
    await Promise.all([
      ...paid.map((back) => handleGatewayReturn(t.engine, { authority: back.authority, status: "OK" })),
      reconcilePayments(t.engine, { olderThan: future() }),
    ]);
    const after = await snapshot(db());
    expect(after.reservations).toEqual(before.reservations);
    expect(after.ledger).toEqual(before.ledger);
  });
});

describe("concurrent returns for one payment", () => {
  it("10 identical callbacks at once: one reservation, one verify answered 100", async () => {
    const t = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const patient = await makePatient(db());
    const back = await startPaid(t.engine, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));

    const returned = await Promise.all(Array.from({ length: 10 }, () => handleGatewayReturn(t.engine, back)));
    for (const r of returned)
      expect(r).toEqual({ ok: true, value: { attemptId: back.attemptId, intentId: expect.any(String), status: "paid" } });
    const outcomes = verifyOutcomes(t.calls);
    expect(outcomes.filter((c) => c === 100)).toHaveLength(1);
    expect(outcomes.every((c) => c === 100 || c === 101)).toBe(true);
    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    expect(s.attempts).toMatchObject([{ id: back.attemptId, status: "paid", outcome: "fulfilled" }]);
    expect(s.ledger).toHaveLength(0);
  });

  it("callbacks racing two overlapping reconcile jobs: one outcome per payment", async () => {
    const t = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const buyers = await Promise.all(
      Array.from({ length: 6 }, async () => ({ patient: await makePatient(db()), slot: await makeSlot(db(), doctor.id) })),
    );
    const paid = await Promise.all(
      buyers.map((b) => startPaid(t.engine, intentFor(b.patient.id, { kind: "reservation", slotId: b.slot.id }))),
    );

    const [, , ...returned] = await Promise.all([
      reconcilePayments(t.engine, { olderThan: future() }),
      reconcilePayments(t.engine, { olderThan: future() }),
      ...paid.map((back) => handleGatewayReturn(t.engine, back)),
    ]);
    for (const r of returned) expect(r).toMatchObject({ ok: true, value: { status: "paid" } });
    const s = await snapshot(db());
    expect(s.reservations.map((r) => r.paymentAttemptId).sort()).toEqual(paid.map((p) => p.attemptId).sort());
    expect(s.attempts.every((a) => a.status === "paid" && a.outcome === "fulfilled")).toBe(true);
    expect(s.ledger).toHaveLength(0);
    for (const back of paid) {
      const forThis = t.calls.flatMap((c) =>
        c.method === "verify" && c.input.authority === back.authority && c.result.ok ? [c.result.value.code] : [],
      );
      expect(forThis.filter((c) => c === 100)).toHaveLength(1);
    }
    expect(verifyOutcomes(t.calls).every((c) => c === 100 || c === 101)).toBe(true);
  });

  it("a gateway callback and a wallet payment for one slot at once: one reservation, the loser made whole", async () => {
    const t = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const viaGateway = await makePatient(db());
    const viaWallet = await makePatient(db(), { balanceRial: FEE });
    const back = await startPaid(t.engine, intentFor(viaGateway.id, { kind: "reservation", slotId: slot.id }));

    const [returned, walletPaid] = await Promise.all([
      handleGatewayReturn(t.engine, back),
      payFromWallet(t.engine, { intent: intentFor(viaWallet.id, { kind: "reservation", slotId: slot.id }) }),
    ]);
    expect(returned).toMatchObject({ ok: true, value: { status: "paid" } });
    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    const gatewayAttempt = await attemptById(db(), back.attemptId);
    if (walletPaid.ok) {
      expect(s.reservations[0]!.patientId).toBe(viaWallet.id);
      expect(gatewayAttempt.outcome).toBe("auto_refunded");
      expect(await balanceOf(db(), viaGateway.id)).toBe(FEE);
      expect(await balanceOf(db(), viaWallet.id)).toBe(0);
    } else {
      expect(walletPaid.error).toEqual({ code: "slot_unavailable", doctorId: doctor.id, reason: "taken" });
      expect(s.reservations[0]!.patientId).toBe(viaGateway.id);
      expect(gatewayAttempt.outcome).toBe("fulfilled");
      expect(await balanceOf(db(), viaGateway.id)).toBe(0);
      expect(await balanceOf(db(), viaWallet.id)).toBe(FEE);
    }
  });
});

describe("one wallet, many purchases at once", () => {
  it("50 concurrent wallet payments that the balance covers 10 times: exactly 10 succeed, the balance never goes below zero", async () => {
    const t = testEngine();
    const REMAINDER = 700_000;
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slots = await Promise.all(Array.from({ length: 50 }, () => makeSlot(db(), doctor.id)));
    const patient = await makePatient(db(), { balanceRial: 10 * FEE + REMAINDER });

    const results = await Promise.all(
      slots.map((slot) => payFromWallet(t.engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) })),
    );
    const succeeded = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(succeeded).toHaveLength(10);
    for (const r of refused)
      expect(r).toEqual({ ok: false, error: { code: "insufficient_balance", amountRial: FEE, shortfallRial: FEE - REMAINDER } });
    expect(await balanceOf(db(), patient.id)).toBe(REMAINDER);

    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(10);
    expect(s.attempts).toHaveLength(10);
    const debits = s.ledger.filter((l) => l.reason === "reservation_payment");
    expect(debits).toHaveLength(10);
    // The debits were applied one after another: the balances they left are exactly remainder + k·fee.
    expect(debits.map((l) => l.balanceAfterRial).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, k) => REMAINDER + k * FEE));
    expect(t.calls).toHaveLength(0);
  });
});
