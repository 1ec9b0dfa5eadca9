import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { paymentAttempts } from "@/db/schema";
import type { Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, payFromWallet, type PaymentEngine } from "@/lib/payments/payment-engine";
import { reconcilePayments, type ReconcileSummary } from "@/lib/payments/reconcile";
import {
  attemptById,
  balanceOf,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  setFault,
  snapshot,
  startPayment,
  submitAtSandbox,
  verifyOutcomes,
} from "@/testing/engine-harness";
import { RACE_GATEWAY_TIMEOUT_MS, setupPaymentWorld } from "@/testing/payment-world";
import { runCleanup } from "./cleanup";

/** Overlapping cleanup runs and late callbacks, on real Postgres (PGlite runs one statement at a time). */
const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, gatewayTimeoutMs: RACE_GATEWAY_TIMEOUT_MS });

const FEE = 3_500_000;

async function paidWithoutCallback(e: PaymentEngine, intent: Intent) {
  const started = await startPayment(e, intent);
  const response = await submitAtSandbox(apiBase(), started.authority, "paid");
  await response.arrayBuffer();
  return started;
}

const ageAll = () =>
  db()
    .update(paymentAttempts)
    .set({ createdAt: new Date(Date.now() - 3 * 3_600_000) });

const sum = (reports: ReconcileSummary[], key: keyof ReconcileSummary) => reports.reduce((total, r) => total + r[key], 0);

/** Three stale attempts: paid with the slot free, paid with the slot taken, never paid. */
async function threeCases(e: PaymentEngine) {
  await setFault(apiBase(), "drop-callback");
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const free = await makeSlot(db(), doctor.id);
  const taken = await makeSlot(db(), doctor.id);
  const [a, b, c, walletPayer] = await Promise.all([
    makePatient(db()),
    makePatient(db()),
    makePatient(db()),
    makePatient(db(), { balanceRial: FEE }),
  ]);
  const paidFree = await paidWithoutCallback(e, intentFor(a.id, { kind: "reservation", slotId: free.id }));
  const paidTaken = await paidWithoutCallback(e, intentFor(b.id, { kind: "reservation", slotId: taken.id }));
  expect(await payFromWallet(e, { intent: intentFor(walletPayer.id, { kind: "reservation", slotId: taken.id }) })).toMatchObject({
    ok: true,
  });
  const unpaid = await startPayment(e, intentFor(c.id, { kind: "reservation", slotId: free.id }));
  await setFault(apiBase(), "none");
  await ageAll();
  return { paidFree, paidTaken, unpaid, refundedPatient: b };
}

describe.each([2, 4])("%i cleanup runs at once", (runs) => {
  it("give every attempt exactly one outcome, counted by exactly one run", async () => {
    const t = testEngine();
    const cases = await threeCases(t.engine);

    const reports = (await Promise.all(Array.from({ length: runs }, () => runCleanup(t.engine, { hours: 2, dryRun: false })))).map(
      (r) => r.payments,
    );
    expect(sum(reports, "errors")).toBe(0);
    expect(sum(reports, "fulfilled")).toBe(1);
    expect(sum(reports, "refunded")).toBe(1);
    expect(sum(reports, "abandoned")).toBe(1);

    expect(await attemptById(db(), cases.paidFree.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect(await attemptById(db(), cases.paidTaken.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(await attemptById(db(), cases.unpaid.attemptId)).toMatchObject({ status: "abandoned" });
    const s = await snapshot(db());
    expect(s.reservations.filter((r) => r.paymentAttemptId === cases.paidFree.attemptId)).toHaveLength(1);
    expect(s.ledger.filter((l) => l.reason === "auto_refund")).toHaveLength(1);
    expect(await balanceOf(db(), cases.refundedPatient.id)).toBe(FEE);
    expect(verifyOutcomes(t.calls).filter((code) => code === 100)).toHaveLength(2);

    // And afterwards there is nothing left for anyone.
    const again = await runCleanup(t.engine, { hours: 2, dryRun: false });
    expect(again.payments).toMatchObject({ checked: 0, fulfilled: 0, refunded: 0, abandoned: 0 });
  });
});

describe("two reconcile passes that do not take turns", () => {
  it("still give every attempt exactly one outcome: the engine, not the run lock, guarantees it", async () => {
    const t = testEngine();
    const cases = await threeCases(t.engine);
    const olderThan = new Date(Date.now() - 2 * 3_600_000);
    const reports = await Promise.all([reconcilePayments(t.engine, { olderThan }), reconcilePayments(t.engine, { olderThan })]);
    expect(sum(reports, "errors")).toBe(0);
    expect(sum(reports, "fulfilled")).toBeGreaterThanOrEqual(1);
    expect(await attemptById(db(), cases.paidFree.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect(await attemptById(db(), cases.paidTaken.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(await attemptById(db(), cases.unpaid.attemptId)).toMatchObject({ status: "abandoned" });
    expect(sum(reports, "abandoned")).toBe(1); // a conditional transition: only one pass can make it
    const s = await snapshot(db());
    expect(s.reservations.filter((r) => r.paymentAttemptId === cases.paidFree.attemptId)).toHaveLength(1);
    expect(s.ledger.filter((l) => l.reason === "auto_refund")).toHaveLength(1);
    expect(verifyOutcomes(t.calls).filter((code) => code === 100)).toHaveLength(2);
  });
});

describe("a cleanup racing the late callback of the same payment", () => {
  it.each(Array.from({ length: 5 }, (_, i) => i))("yields one reservation and one verify 100 (round %i)", async () => {
    const t = testEngine();
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const patient = await makePatient(db());
    await setFault(apiBase(), "drop-callback");
    const paid = await paidWithoutCallback(t.engine, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));
    await setFault(apiBase(), "none");
    await ageAll();

    const [cleanup, callback] = await Promise.all([
      runCleanup(t.engine, { hours: 2, dryRun: false }),
      handleGatewayReturn(t.engine, { authority: paid.authority, status: "OK" }),
    ]);
    expect(callback).toMatchObject({ ok: true, value: { status: "paid" } });
    expect(cleanup.payments.errors).toBe(0);
    expect(cleanup.payments.fulfilled).toBeLessThanOrEqual(1);
    expect(cleanup.payments.refunded).toBe(0);

    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    expect(s.attempts).toMatchObject([{ id: paid.attemptId, status: "paid", outcome: "fulfilled" }]);
    expect(s.ledger).toHaveLength(0);
    expect(verifyOutcomes(t.calls).filter((code) => code === 100)).toHaveLength(1);
    expect((await db().select().from(paymentAttempts).where(eq(paymentAttempts.id, paid.attemptId)))[0]!.status).toBe("paid");
  });
});
