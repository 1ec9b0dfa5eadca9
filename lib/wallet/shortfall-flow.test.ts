import { describe, expect, it } from "vitest";
import type { ReservationTarget, TopupTarget } from "@/db/schema";
import { intentCookieName, sealIntent, unsealIntent, type Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, payFromWallet, startGatewayPayment } from "@/lib/payments/payment-engine";
import { paymentResultView } from "@/lib/payments/payment-result";
import {
  authorityOf,
  balanceOf,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  snapshot,
  TEST_TOPUP_LIMITS,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { pendingPurchaseView } from "@/lib/checkout/pending-purchase";
import { shortfallTopupRial } from "./topup-amount";

/** "Insufficient balance → top up the difference → back to the same booking → finish with the wallet", as the
 * shortfall and confirm screens drive it: the purchase stays in its own sealed intent the whole time, the
 * top-up carries that intent's id, and nothing is bought or debited until the wallet pays. */

const { db, apiBase, testEngine } = setupPaymentWorld();

const FEE = 3_500_000;
const MIN = TEST_TOPUP_LIMITS.minRial;
const SEAL = { passwords: { "1": "test-only-intent-seal-password-0123456789abcdef" }, ttlSeconds: 1200 };

async function world(balanceRial: number) {
  const { engine } = testEngine();
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id);
  const patient = await makePatient(db(), { balanceRial });
  const target: ReservationTarget = { kind: "reservation", slotId: slot.id };
  return { engine, doctor, slot, patient, target, booking: intentFor(patient.id, target, FEE) };
}

/** The shortfall screen's "top up the difference": a top-up intent that carries the booking and its intent id. */
async function topUpFor(w: Awaited<ReturnType<typeof world>>, booking: Intent, choice: "paid" | "failed" = "paid") {
  const view = await pendingPurchaseView(db(), { userId: w.patient.id, target: w.target, minTopupRial: MIN });
  const target: TopupTarget = { kind: "topup", amountRial: view!.topupRial, resume: w.target, resumeIntentId: booking.id };
  const started = await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, target, target.amountRial) });
  if (!started.ok) throw new Error(`top-up start failed: ${started.error.code}`);
  const back = await payAtSandbox(apiBase(), authorityOf(started.value.paymentUrl), choice);
  const returned = await handleGatewayReturn(w.engine, back);
  if (!returned.ok) throw new Error(returned.error.code);
  return { attemptId: started.value.attemptId, status: returned.value.status, amountRial: target.amountRial };
}

describe("insufficient balance → top up the difference → finish with the wallet", () => {
  it("tops up exactly the shortfall, leads back to the same booking, and the wallet then pays it to zero", async () => {
    const w = await world(1_000_000);
    expect(await payFromWallet(w.engine, { intent: w.booking })).toEqual({
      ok: false,
      error: { code: "insufficient_balance", amountRial: FEE, shortfallRial: FEE - 1_000_000 },
    });
    expect(await pendingPurchaseView(db(), { userId: w.patient.id, target: w.target, minTopupRial: MIN })).toMatchObject({
      doctor: { id: w.doctor.id, name: w.doctor.name },
      visit: { startsAt: w.slot.startsAt },
      priceRial: FEE,
      walletBalanceRial: 1_000_000,
      shortfallRial: FEE - 1_000_000,
      topupRial: FEE - 1_000_000,
      unavailable: null,
    });

    const topup = await topUpFor(w, w.booking);
    expect(topup).toMatchObject({ status: "paid", amountRial: FEE - 1_000_000 });
    expect((await snapshot(db())).reservations).toHaveLength(0); // a top-up buys nothing by itself
    expect(await paymentResultView(db(), w.patient.id, topup.attemptId)).toMatchObject({
      purpose: "topup",
      status: "paid",
      outcome: "fulfilled",
      walletBalanceRial: FEE,
      resume: w.target,
      resumeIntentId: w.booking.id,
    });
    expect(await pendingPurchaseView(db(), { userId: w.patient.id, target: w.target, minTopupRial: MIN })).toMatchObject({
      topupRial: 0,
      shortfallRial: 0,
    });

    const paid = await payFromWallet(w.engine, { intent: w.booking });
    expect(paid).toMatchObject({ ok: true, value: { balanceRial: 0 } });
    const s = await snapshot(db());
    expect(s.reservations).toMatchObject([{ slotId: w.slot.id, patientId: w.patient.id, amountRial: FEE }]);
    expect(s.attempts.find((a) => a.gateway === "wallet")).toMatchObject({ intentId: w.booking.id, status: "paid" });
  });

  it("a shortfall below the top-up minimum tops up the minimum, and the change stays in the wallet", async () => {
    const w = await world(FEE - 3_000);
    const topup = await topUpFor(w, w.booking);
    expect(topup.amountRial).toBe(MIN);
    expect(await payFromWallet(w.engine, { intent: w.booking })).toMatchObject({ ok: true, value: { balanceRial: MIN - 3_000 } });
  });

  it("a failed top-up credits nothing and the booking is still short", async () => {
    const w = await world(1_000_000);
    expect(await topUpFor(w, w.booking, "failed")).toMatchObject({ status: "failed" });
    expect(await balanceOf(db(), w.patient.id)).toBe(1_000_000);
    expect(await pendingPurchaseView(db(), { userId: w.patient.id, target: w.target, minTopupRial: MIN })).toMatchObject({
      topupRial: FEE - 1_000_000,
    });
    expect((await snapshot(db())).reservations).toHaveLength(0);
  });

  it("the slot taken during the top-up: the top-up stays in the wallet, nothing is debited, and the screen says so", async () => {
    const w = await world(1_000_000);
    const rival = await makePatient(db(), { balanceRial: FEE });
    const topup = await topUpFor(w, w.booking);
    expect(await payFromWallet(w.engine, { intent: intentFor(rival.id, w.target) })).toMatchObject({ ok: true });

    expect(await pendingPurchaseView(db(), { userId: w.patient.id, target: w.target, minTopupRial: MIN })).toMatchObject({
      unavailable: { code: "slot_unavailable", reason: "taken" },
    });
    expect(await payFromWallet(w.engine, { intent: w.booking })).toEqual({
      ok: false,
      error: { code: "slot_unavailable", doctorId: w.doctor.id, reason: "taken" },
    });
    expect(await balanceOf(db(), w.patient.id)).toBe(1_000_000 + topup.amountRial);
    const mine = (await snapshot(db())).ledger.filter((l) => l.userId === w.patient.id);
    expect(mine.map((l) => l.reason).sort()).toEqual(["staff_adjustment", "topup"]);
  });

  it("the top-up intent keeps the booking and its intent id through the cookie seal", async () => {
    const w = await world(0);
    const target: TopupTarget = {
      kind: "topup",
      amountRial: shortfallTopupRial(FEE, 0, MIN),
      resume: w.target,
      resumeIntentId: w.booking.id,
    };
    const intent = intentFor(w.patient.id, target, target.amountRial);
    const unsealed = await unsealIntent(await sealIntent(intent, SEAL), { intentId: intent.id, userId: w.patient.id }, SEAL);
    expect(unsealed).toEqual(intent);
    const longest: TopupTarget = { ...target, resume: { kind: "chat", doctorId: w.doctor.id, question: "س".repeat(1000) } };
    const chatTopup = intentFor(w.patient.id, longest, target.amountRial);
    // A browser keeps cookies up to 4 KB: a top-up carrying the longest chat question must still fit.
    expect(intentCookieName(chatTopup.id).length + (await sealIntent(chatTopup, SEAL)).length).toBeLessThan(4_000);
    const forged = { ...intent, target: { ...target, resumeIntentId: "not an intent id" } };
    expect(await unsealIntent(await sealIntent(forged, SEAL), { intentId: intent.id, userId: w.patient.id }, SEAL)).toBeNull();
  });
});
