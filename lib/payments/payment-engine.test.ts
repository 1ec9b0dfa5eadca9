import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { doctors, paymentAttempts, reservations, sandboxPayments, timeSlots, type PaymentTarget } from "@/db/schema";
import type { Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, payFromWallet, retryCount, retryPayment, startGatewayPayment, type PaymentEngine } from "./payment-engine";
import { reconcilePayments } from "./reconcile";
import {
  attemptById,
  authorityOf,
  balanceOf,
  buildEngine,
  intentFor,
  invariantViolations,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  setFault,
  snapshot,
  startPayment,
  submitAtSandbox,
  TEST_CALLBACK_URL,
  TEST_GATEWAY_TIMEOUT_MS,
  verifyOutcomes,
  type TestEngine,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";

const { db, apiBase, testEngine } = setupPaymentWorld();

const FEE = 3_500_000;
const CHAT_FEE = 1_500_000;
const future = () => new Date(Date.now() + 3_600_000);

/** A doctor with one open slot tomorrow, a patient, and the engine pointed at the sandbox. */
async function world(options: { visitFeeRial?: number } = {}) {
  const t = testEngine();
  const doctor = await makeDoctor(db(), { visitFeeRial: options.visitFeeRial ?? FEE, chatFeeRial: CHAT_FEE });
  const slot = await makeSlot(db(), doctor.id);
  const patient = await makePatient(db());
  return { ...t, doctor, slot, patient };
}

/** Start, pay at the sandbox with the payer's choice, and come back through the callback. */
async function buy(t: TestEngine, intent: Intent, choice: "paid" | "failed" | "cancelled" = "paid") {
  const started = await startPayment(t.engine, intent);
  const back = await payAtSandbox(apiBase(), started.authority, choice);
  const returned = await handleGatewayReturn(t.engine, back);
  if (!returned.ok) throw new Error(`callback failed: ${returned.error.code}`);
  return { ...started, back, returned: returned.value };
}

/** retryPayment with the patient's intent cookie yielding `intent` (null: the cookie expired). The engine
 * itself must check that it is the attempt's intent. */
function retry(engine: PaymentEngine, userId: string, attemptId: string, intent: Intent | null) {
  return retryPayment(engine, { userId, attemptId, loadIntent: async () => intent });
}

const reservationTarget = (slotId: string): PaymentTarget => ({ kind: "reservation", slotId });

describe("reservation paid through the gateway", () => {
  it("creates nothing before the verified callback, then exactly one reservation; the attempt is paid/fulfilled with the refId", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservationTarget(w.slot.id), FEE);
    const started = await startPayment(w.engine, intent);
    expect(started.paymentUrl).toBe(`${apiBase()}/pg/StartPay/${started.authority}`);

    let s = await snapshot(db());
    expect(s.reservations).toHaveLength(0);
    expect(s.attempts).toMatchObject([
      { id: started.attemptId, status: "pending", authority: started.authority, amountRial: FEE, intentId: intent.id },
    ]);

    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(back).toEqual({ authority: started.authority, status: "OK" });
    expect((await snapshot(db())).reservations).toHaveLength(0); // paid at the bank is not yet verified

    const returned = await handleGatewayReturn(w.engine, back);
    expect(returned).toEqual({ ok: true, value: { attemptId: started.attemptId, intentId: intent.id, status: "paid" } });

    s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    expect(s.reservations[0]).toMatchObject({
      slotId: w.slot.id,
      patientId: w.patient.id,
      doctorId: w.doctor.id,
      paymentAttemptId: started.attemptId,
      amountRial: FEE,
      status: "confirmed",
    });
    const attempt = await attemptById(db(), started.attemptId);
    const [paidAtBank] = s.sandbox;
    expect(paidAtBank!.status).toBe("verified");
    expect(attempt).toMatchObject({ status: "paid", outcome: "fulfilled", refId: String(paidAtBank!.refId), cardPan: "502229******5995" });
    expect(attempt.settledAt).toBeInstanceOf(Date);
    expect(verifyOutcomes(w.calls)).toEqual([100]);
    expect(s.ledger).toHaveLength(0);
  });

  for (const choice of ["failed", "cancelled"] as const) {
    it(`NOK (${choice}) leaves no reservation, marks the attempt failed and never verifies`, async () => {
      const w = await world();
      const { attemptId, back, returned } = await buy(w, intentFor(w.patient.id, reservationTarget(w.slot.id)), choice);
      expect(back.status).toBe("NOK");
      expect(returned.status).toBe("failed");
      const s = await snapshot(db());
      expect(s.reservations).toHaveLength(0);
      expect(s.ledger).toHaveLength(0);
      expect(s.sandbox[0]!.status).toBe(choice);
      expect(await attemptById(db(), attemptId)).toMatchObject({ status: "failed", outcome: null, refId: null });
      expect(w.calls.filter((c) => c.method === "verify")).toHaveLength(0);
    });
  }

  it("retries after a failure with a new attempt linked by retry_of, and the retry succeeds", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservationTarget(w.slot.id));
    const first = await buy(w, intent, "failed");
    expect(first.returned.status).toBe("failed");

    const retried = await retry(w.engine, w.patient.id, first.attemptId, intent);
    if (!retried.ok) throw new Error(retried.error.code);
    expect(retried.value.attemptId).not.toBe(first.attemptId);
    const second = await attemptById(db(), retried.value.attemptId);
    expect(second).toMatchObject({ status: "pending", retryOf: first.attemptId, intentId: intent.id, amountRial: FEE });

    const back = await payAtSandbox(apiBase(), authorityOf(retried.value.paymentUrl), "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { attemptId: second.id, status: "paid" } });
    const s = await snapshot(db());
    expect(s.reservations.map((r) => r.paymentAttemptId)).toEqual([second.id]);
    expect((await attemptById(db(), first.attemptId)).status).toBe("failed");
  });

  it("refuses a retry without the intent (intent_expired), with another intent, by another user, or of a paid attempt", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservationTarget(w.slot.id));
    const failed = await buy(w, intent, "cancelled");
    const stranger = await makePatient(db());
    const before = await snapshot(db());

    expect(await retry(w.engine, w.patient.id, failed.attemptId, null)).toEqual({ ok: false, error: { code: "intent_expired" } });
    const otherIntent = intentFor(w.patient.id, reservationTarget(w.slot.id));
    expect(await retry(w.engine, w.patient.id, failed.attemptId, otherIntent)).toEqual({ ok: false, error: { code: "intent_expired" } });
    expect(await retry(w.engine, stranger.id, failed.attemptId, intent)).toEqual({ ok: false, error: { code: "attempt_not_found" } });
    expect(await retry(w.engine, w.patient.id, randomUUID(), intent)).toEqual({ ok: false, error: { code: "attempt_not_found" } });
    expect(await snapshot(db())).toEqual(before);

    const otherSlot = await makeSlot(db(), w.doctor.id);
    const paidIntent = intentFor(w.patient.id, reservationTarget(otherSlot.id));
    const paid = await buy(w, paidIntent);
    expect(await retry(w.engine, w.patient.id, paid.attemptId, paidIntent)).toEqual({ ok: false, error: { code: "not_retryable" } });
    expect((await snapshot(db())).attempts).toHaveLength(2);
  });

  it("a replayed OK callback changes nothing: one reservation, same status, and a later NOK cannot undo it", async () => {
    const w = await world();
    const first = await buy(w, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const settled = await attemptById(db(), first.attemptId);

    for (let i = 0; i < 3; i++) {
      expect(await handleGatewayReturn(w.engine, first.back)).toEqual({ ok: true, value: first.returned });
    }
    expect(await handleGatewayReturn(w.engine, { authority: first.authority, status: "NOK" })).toMatchObject({
      ok: true,
      value: { status: "paid" },
    });
    expect(await attemptById(db(), first.attemptId)).toEqual(settled);
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("a forged Status=OK for an authority never paid creates nothing and fails the attempt with -51; the real payment still goes through", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const forged = await handleGatewayReturn(w.engine, { authority: started.authority, status: "OK" });
    expect(forged).toMatchObject({ ok: true, value: { status: "failed" } });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "failed", lastErrorCode: -51, outcome: null });
    expect((await snapshot(db())).reservations).toHaveLength(0);
    expect(verifyOutcomes(w.calls)).toEqual([-51]);

    // The patient was still at the gateway and pays now: the genuine return is honoured.
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "paid" } });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("an unknown authority is unknown_authority and writes nothing", async () => {
    const w = await world();
    await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const before = await snapshot(db());
    for (const status of ["OK", "NOK"] as const) {
      expect(await handleGatewayReturn(w.engine, { authority: `S${"x".repeat(35)}`, status })).toEqual({
        ok: false,
        error: { code: "unknown_authority" },
      });
    }
    expect(await snapshot(db())).toEqual(before);
    expect(w.calls.filter((c) => c.method === "verify")).toHaveLength(0);
  });

  it("a gateway that cannot be reached: gateway_unavailable, the attempt recorded failed, no reservation; a retry later works", async () => {
    const w = await world();
    const down = buildEngine(db(), await unreachableApiBase());
    const intent = intentFor(w.patient.id, reservationTarget(w.slot.id));
    const started = await startGatewayPayment(down.engine, { intent });
    if (started.ok) throw new Error("expected the request to fail");
    expect(started.error.code).toBe("gateway_unavailable");
    const attemptId = (started.error as { attemptId: string }).attemptId;
    expect(await attemptById(db(), attemptId)).toMatchObject({ status: "failed", authority: null, amountRial: FEE, lastErrorCode: null });
    expect(down.calls).toMatchObject([{ method: "request", result: { ok: false, error: { code: "unavailable", reason: "network" } } }]);
    let s = await snapshot(db());
    expect(s.reservations).toHaveLength(0);
    expect(s.sandbox).toHaveLength(0);

    const retried = await retry(w.engine, w.patient.id, attemptId, intent);
    if (!retried.ok) throw new Error(retried.error.code);
    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), authorityOf(retried.value.paymentUrl), "paid"));
    s = await snapshot(db());
    expect(s.reservations.map((r) => r.paymentAttemptId)).toEqual([retried.value.attemptId]);
  });

  it("a gateway that refuses the request (-9): gateway_rejected with the code, the attempt failed, nothing else", async () => {
    const w = await world({ visitFeeRial: 500 }); // below the gateway's 1,000 Rial minimum
    const started = await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, reservationTarget(w.slot.id)) });
    expect(started).toMatchObject({ ok: false, error: { code: "gateway_rejected", gatewayCode: -9 } });
    const s = await snapshot(db());
    expect(s.attempts).toMatchObject([{ status: "failed", lastErrorCode: -9, authority: null }]);
    expect(s.reservations).toHaveLength(0);
  });

  it("verify timing out leaves the attempt 'verifying' with no reservation; reconcile settles it once the gateway answers", async () => {
    const w = await world();
    await setFault(apiBase(), "verify-timeout");
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    const began = performance.now();
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "verifying" } });
    expect(performance.now() - began).toBeGreaterThanOrEqual(TEST_GATEWAY_TIMEOUT_MS - 50);
    expect(w.calls.at(-1)).toMatchObject({ method: "verify", result: { ok: false, error: { code: "unavailable", reason: "timeout" } } });
    let s = await snapshot(db());
    expect(s.reservations).toHaveLength(0);
    expect(s.attempts[0]!.status).toBe("verifying");
    expect(s.sandbox[0]!.status).toBe("paid");

    await setFault(apiBase(), "none");
    const summary = await reconcilePayments(w.engine, { olderThan: future() });
    expect(summary).toMatchObject({ checked: 1, fulfilled: 1, refunded: 0, abandoned: 0, failed: 0, stillVerifying: 0, errors: 0 });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect(await reconcilePayments(w.engine, { olderThan: future() })).toMatchObject({ checked: 0, fulfilled: 0 });
    s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    expect(verifyOutcomes(w.calls)).toEqual(["unavailable", 100]);
  });

  it("verify answering 500 leaves 'verifying'; the patient's repeated return settles it once the gateway recovers", async () => {
    const w = await world();
    await setFault(apiBase(), "verify-500");
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "verifying" } });
    expect((await snapshot(db())).reservations).toHaveLength(0);
    // Still failing: still verifying, still nothing.
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "verifying" } });
    expect(await reconcilePayments(w.engine, { olderThan: future() })).toMatchObject({ stillVerifying: 1, fulfilled: 0 });
    expect((await snapshot(db())).reservations).toHaveLength(0);

    await setFault(apiBase(), "none");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "paid" } });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect((await snapshot(db())).reservations).toHaveLength(1);
    expect(verifyOutcomes(w.calls)).toEqual(["unavailable", "unavailable", "unavailable", 100]);
  });

  it("slot taken between start and pay: the second payer is auto-refunded to the wallet exactly once and sees auto_refunded", async () => {
    const w = await world();
    const other = await makePatient(db());
    const a = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const b = await startPayment(w.engine, intentFor(other.id, reservationTarget(w.slot.id)));

    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), a.authority, "paid"));
    const bBack = await payAtSandbox(apiBase(), b.authority, "paid");
    expect(await handleGatewayReturn(w.engine, bBack)).toMatchObject({ ok: true, value: { attemptId: b.attemptId, status: "paid" } });
    // Replays and the reconcile job must not refund again.
    await handleGatewayReturn(w.engine, bBack);
    await reconcilePayments(w.engine, { olderThan: future() });

    const s = await snapshot(db());
    expect(s.reservations.map((r) => [r.patientId, r.paymentAttemptId])).toEqual([[w.patient.id, a.attemptId]]);
    expect(await attemptById(db(), a.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    expect(await attemptById(db(), b.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    const refunds = s.ledger.filter((l) => l.reason === "auto_refund");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ userId: other.id, reference: b.attemptId, amountRial: FEE });
    expect(s.ledger).toHaveLength(1);
    expect(await balanceOf(db(), other.id)).toBe(FEE);
    expect(await balanceOf(db(), w.patient.id)).toBe(0);
  });

  it("a slot that started or was closed while the patient was paying: paid, auto-refunded once, no reservation", async () => {
    const w = await world();
    const closing = await makeSlot(db(), w.doctor.id);
    const a = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const b = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(closing.id)));
    await db().update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, closing.id));
    // The patient comes back after the visit's start time.
    const late = testEngine({ now: () => new Date(w.slot.startsAt.getTime() + 60_000) });
    await handleGatewayReturn(late.engine, await payAtSandbox(apiBase(), a.authority, "paid"));
    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), b.authority, "paid"));
    await handleGatewayReturn(w.engine, { authority: b.authority, status: "OK" });

    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(0);
    for (const id of [a.attemptId, b.attemptId])
      expect(await attemptById(db(), id)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(s.ledger.map((l) => [l.reason, l.reference, l.amountRial]).sort()).toEqual(
      [
        ["auto_refund", a.attemptId, FEE],
        ["auto_refund", b.attemptId, FEE],
      ].sort(),
    );
    expect(await balanceOf(db(), w.patient.id)).toBe(2 * FEE);
  });

  it("retries may chain: failed, retried, cancelled, retried, paid — one reservation, each attempt linked to the one before", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservationTarget(w.slot.id));
    const first = await buy(w, intent, "failed");
    let previous = first.attemptId;
    const chain = [first.attemptId];
    for (const choice of ["cancelled", "paid"] as const) {
      const retried = await retry(w.engine, w.patient.id, previous, intent);
      if (!retried.ok) throw new Error(retried.error.code);
      await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), authorityOf(retried.value.paymentUrl), choice));
      expect((await attemptById(db(), retried.value.attemptId)).retryOf).toBe(previous);
      previous = retried.value.attemptId;
      chain.push(previous);
    }
    const s = await snapshot(db());
    expect(s.attempts.filter((a) => a.intentId === intent.id)).toHaveLength(3);
    expect(s.reservations.map((r) => r.paymentAttemptId)).toEqual([chain[2]]);
    expect(await retryCount(db(), intent.id)).toBe(2);
  });

  it("the callback racing the reconcile job yields one outcome", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    const [returned] = await Promise.all([handleGatewayReturn(w.engine, back), reconcilePayments(w.engine, { olderThan: future() })]);
    expect(returned).toMatchObject({ ok: true, value: { status: "paid" } });
    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    expect(s.attempts).toMatchObject([{ status: "paid", outcome: "fulfilled" }]);
    expect(verifyOutcomes(w.calls).filter((code) => code === 100)).toHaveLength(1);
    expect(verifyOutcomes(w.calls).every((code) => code === 100 || code === 101)).toBe(true);
  });

  it("verifies with the amount from the database: a gateway record with another amount answers -50 and the attempt fails", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    await db().update(sandboxPayments).set({ amount: 1_000 }).where(eq(sandboxPayments.authority, started.authority));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "failed" } });
    expect(w.calls.find((c) => c.method === "verify")?.input).toEqual({ authority: started.authority, amountRial: FEE });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "failed", lastErrorCode: -50 });
    expect((await snapshot(db())).reservations).toHaveLength(0);
  });

  it("prices from the database, never from the intent", async () => {
    const w = await world();
    const { attemptId, authority } = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id), 1_000));
    expect((await attemptById(db(), attemptId)).amountRial).toBe(FEE);
    expect(w.calls[0]).toMatchObject({ method: "request", input: { amountRial: FEE, callbackUrl: TEST_CALLBACK_URL } });
    const s = await snapshot(db());
    expect(s.sandbox).toMatchObject([{ authority, amount: FEE }]);
  });

  it("refuses past, closed, taken and unknown slots before asking the gateway, writing nothing", async () => {
    const w = await world();
    const past = await makeSlot(db(), w.doctor.id, { startsAt: new Date(Date.now() - 3_600_000) });
    const closed = await makeSlot(db(), w.doctor.id, { status: "closed" });
    const rich = await makePatient(db(), { balanceRial: FEE });
    expect(await payFromWallet(w.engine, { intent: intentFor(rich.id, reservationTarget(w.slot.id)) })).toMatchObject({ ok: true });
    const before = await snapshot(db());

    const cases: [string, unknown][] = [
      [past.id, { code: "slot_unavailable", doctorId: w.doctor.id, reason: "past" }],
      [closed.id, { code: "slot_unavailable", doctorId: w.doctor.id, reason: "closed" }],
      [w.slot.id, { code: "slot_unavailable", doctorId: w.doctor.id, reason: "taken" }],
      [randomUUID(), { code: "slot_not_found" }],
    ];
    for (const [slotId, error] of cases) {
      expect(await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, reservationTarget(slotId)) })).toEqual({
        ok: false,
        error,
      });
    }
    expect(w.calls).toHaveLength(0);
    expect(await snapshot(db())).toEqual(before);
  });
});

describe("chat consultation paid through the gateway", () => {
  const chatTarget = (doctorId: string): PaymentTarget => ({ kind: "chat", doctorId, question: "سرفه‌ی خشک دارم، چه کنم؟" });

  it("creates exactly one chat request once the payment is verified", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, chatTarget(w.doctor.id)));
    expect((await snapshot(db())).chats).toHaveLength(0);
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    const before = Date.now();
    await handleGatewayReturn(w.engine, back);
    await handleGatewayReturn(w.engine, back);
    const s = await snapshot(db());
    expect(s.chats).toHaveLength(1);
    expect(s.chats[0]).toMatchObject({
      patientId: w.patient.id,
      doctorId: w.doctor.id,
      paymentAttemptId: started.attemptId,
      amountRial: CHAT_FEE,
      status: "waiting",
      question: "سرفه‌ی خشک دارم، چه کنم؟",
    });
    const deadline = s.chats[0]!.answerDeadline.getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 1_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000 + 1_000);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({
      purpose: "chat",
      status: "paid",
      outcome: "fulfilled",
      amountRial: CHAT_FEE,
    });
  });

  it("a doctor who stopped taking chats while the patient paid: auto-refunded once, no chat request", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, chatTarget(w.doctor.id)));
    await db().update(doctors).set({ takesChat: false }).where(eq(doctors.id, w.doctor.id));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    await handleGatewayReturn(w.engine, back);
    await handleGatewayReturn(w.engine, back);
    expect((await snapshot(db())).chats).toHaveLength(0);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(await balanceOf(db(), w.patient.id)).toBe(CHAT_FEE);
  });

  it("NOK creates no chat request", async () => {
    const w = await world();
    const { returned } = await buy(w, intentFor(w.patient.id, chatTarget(w.doctor.id)), "failed");
    expect(returned.status).toBe("failed");
    expect((await snapshot(db())).chats).toHaveLength(0);
  });

  it("refuses a doctor who takes no chats, or no doctor at all, before the gateway", async () => {
    const w = await world();
    const silent = await makeDoctor(db(), { takesChat: false });
    expect(await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, chatTarget(silent.id)) })).toEqual({
      ok: false,
      error: { code: "chat_not_offered", doctorId: silent.id },
    });
    expect(await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, chatTarget(randomUUID())) })).toEqual({
      ok: false,
      error: { code: "doctor_not_found" },
    });
    expect((await snapshot(db())).attempts).toHaveLength(0);
    expect(w.calls).toHaveLength(0);
  });
});

describe("wallet top-up through the gateway", () => {
  const topup = (amountRial: number): PaymentTarget => ({ kind: "topup", amountRial });

  it("credits the wallet once, however often the return and the reconcile job repeat", async () => {
    const w = await world();
    const first = await buy(w, intentFor(w.patient.id, topup(2_000_000)));
    expect(first.returned.status).toBe("paid");
    await Promise.all([handleGatewayReturn(w.engine, first.back), handleGatewayReturn(w.engine, first.back)]);
    await reconcilePayments(w.engine, { olderThan: future() });
    expect(await balanceOf(db(), w.patient.id)).toBe(2_000_000);
    const s = await snapshot(db());
    expect(s.ledger).toMatchObject([
      { userId: w.patient.id, reason: "topup", reference: first.attemptId, amountRial: 2_000_000, balanceAfterRial: 2_000_000 },
    ]);
  });

  it("NOK credits nothing", async () => {
    const w = await world();
    await buy(w, intentFor(w.patient.id, topup(2_000_000)), "cancelled");
    expect(await balanceOf(db(), w.patient.id)).toBe(0);
    expect((await snapshot(db())).ledger).toHaveLength(0);
  });

  it("enforces the amount limits before the gateway", async () => {
    const w = await world();
    for (const amountRial of [9_999, 500_000_001, 10_000.5]) {
      expect(await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, topup(amountRial)) })).toEqual({
        ok: false,
        error: { code: "amount_out_of_range", minRial: 10_000, maxRial: 500_000_000 },
      });
    }
    expect(w.calls).toHaveLength(0);
    expect((await snapshot(db())).attempts).toHaveLength(0);
    for (const amountRial of [10_000, 500_000_000]) {
      expect(await startGatewayPayment(w.engine, { intent: intentFor(w.patient.id, topup(amountRial)) })).toMatchObject({ ok: true });
    }
    expect((await snapshot(db())).attempts.map((a) => a.amountRial).sort((x, y) => x - y)).toEqual([10_000, 500_000_000]);
  });
});

describe("paying from the wallet", () => {
  it("with enough balance: one reservation and one debit, in one go, without the gateway", async () => {
    const w = await world();
    const rich = await makePatient(db(), { balanceRial: FEE + 700_000 });
    const paid = await payFromWallet(w.engine, { intent: intentFor(rich.id, reservationTarget(w.slot.id)) });
    if (!paid.ok) throw new Error(paid.error.code);
    expect(paid.value.balanceRial).toBe(700_000);
    expect(await balanceOf(db(), rich.id)).toBe(700_000);
    const s = await snapshot(db());
    expect(s.reservations).toMatchObject([
      { patientId: rich.id, slotId: w.slot.id, paymentAttemptId: paid.value.attemptId, amountRial: FEE },
    ]);
    expect(await attemptById(db(), paid.value.attemptId)).toMatchObject({
      gateway: "wallet",
      status: "paid",
      outcome: "fulfilled",
      authority: null,
    });
    expect(s.ledger.filter((l) => l.reference === paid.value.attemptId)).toMatchObject([
      { reason: "reservation_payment", amountRial: -FEE },
    ]);
    expect(w.calls).toHaveLength(0);
  });

  it("pays a chat consultation from the wallet", async () => {
    const w = await world();
    const rich = await makePatient(db(), { balanceRial: CHAT_FEE });
    const paid = await payFromWallet(w.engine, { intent: intentFor(rich.id, { kind: "chat", doctorId: w.doctor.id, question: "سؤال" }) });
    expect(paid).toMatchObject({ ok: true, value: { balanceRial: 0 } });
    const s = await snapshot(db());
    expect(s.chats).toHaveLength(1);
    expect(s.ledger.filter((l) => l.reason === "chat_payment")).toMatchObject([{ amountRial: -CHAT_FEE, userId: rich.id }]);
  });

  it("with too little: insufficient_balance with the shortfall, and nothing written", async () => {
    const w = await world();
    const poor = await makePatient(db(), { balanceRial: 1_000_000 });
    const before = await snapshot(db());
    expect(await payFromWallet(w.engine, { intent: intentFor(poor.id, reservationTarget(w.slot.id)) })).toEqual({
      ok: false,
      error: { code: "insufficient_balance", amountRial: FEE, shortfallRial: FEE - 1_000_000 },
    });
    expect(await payFromWallet(w.engine, { intent: intentFor(w.patient.id, reservationTarget(w.slot.id)) })).toEqual({
      ok: false,
      error: { code: "insufficient_balance", amountRial: FEE, shortfallRial: FEE },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("for a slot already taken: refused, nothing debited", async () => {
    const w = await world();
    await buy(w, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const rich = await makePatient(db(), { balanceRial: FEE * 2 });
    const before = await snapshot(db());
    expect(await payFromWallet(w.engine, { intent: intentFor(rich.id, reservationTarget(w.slot.id)) })).toEqual({
      ok: false,
      error: { code: "slot_unavailable", doctorId: w.doctor.id, reason: "taken" },
    });
    expect(await balanceOf(db(), rich.id)).toBe(FEE * 2);
    expect(await snapshot(db())).toEqual(before);
  });

  it("a slot taken after pricing (inside the wallet transaction): rolled back, nothing debited", async () => {
    const w = await world();
    const rich = await makePatient(db(), { balanceRial: FEE });
    const taker = await makePatient(db(), { balanceRial: FEE });
    let sneaked = false;
    // The rival's reservation lands between the engine's pricing and its transaction.
    const engine: PaymentEngine = {
      ...w.engine,
      products: {
        ...w.engine.products,
        reservation: {
          price: async (d, target, at) => {
            const priced = await w.engine.products.reservation.price(d, target, at);
            if (!sneaked) {
              sneaked = true;
              expect(await payFromWallet(w.engine, { intent: intentFor(taker.id, target) })).toMatchObject({ ok: true });
            }
            return priced;
          },
          fulfil: w.engine.products.reservation.fulfil,
        },
      },
    };
    expect(await payFromWallet(engine, { intent: intentFor(rich.id, reservationTarget(w.slot.id)) })).toEqual({
      ok: false,
      error: { code: "slot_unavailable", doctorId: w.doctor.id, reason: "taken" },
    });
    expect(await balanceOf(db(), rich.id)).toBe(FEE);
    const s = await snapshot(db());
    expect(s.reservations.map((r) => r.patientId)).toEqual([taker.id]);
    expect(s.attempts.filter((a) => a.userId === rich.id)).toHaveLength(0);
  });

  it("refuses a top-up paid from the wallet", async () => {
    const w = await world();
    const rich = await makePatient(db(), { balanceRial: FEE });
    expect(await payFromWallet(w.engine, { intent: intentFor(rich.id, { kind: "topup", amountRial: 100_000 }) })).toEqual({
      ok: false,
      error: { code: "not_payable_from_wallet" },
    });
  });
});

describe("the browser never comes back", () => {
  it("paid at the gateway but the redirect dropped: reconcile fulfils it through unVerified, and the late return changes nothing", async () => {
    const w = await world();
    await setFault(apiBase(), "drop-callback");
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const answer = await submitAtSandbox(apiBase(), started.authority, "paid");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("location")).toBeNull();
    await answer.arrayBuffer();
    expect((await attemptById(db(), started.attemptId)).status).toBe("pending");
    expect((await snapshot(db())).reservations).toHaveLength(0);

    // olderThan in the past: only the gateway's unVerified list can bring this attempt up.
    const summary = await reconcilePayments(w.engine, { olderThan: new Date(0) });
    expect(summary).toMatchObject({ checked: 1, fulfilled: 1, errors: 0 });
    expect(w.calls.filter((c) => c.method === "inquiry")).toHaveLength(0);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });

    await setFault(apiBase(), "none");
    expect(await handleGatewayReturn(w.engine, { authority: started.authority, status: "OK" })).toMatchObject({
      ok: true,
      value: { status: "paid" },
    });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("never paid: reconcile marks the attempt abandoned, creates nothing, and the patient may retry", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservationTarget(w.slot.id));
    const started = await startPayment(w.engine, intent);
    expect(await reconcilePayments(w.engine, { olderThan: future() })).toMatchObject({ checked: 1, abandoned: 1, fulfilled: 0 });
    expect((await attemptById(db(), started.attemptId)).status).toBe("abandoned");
    expect((await snapshot(db())).reservations).toHaveLength(0);
    expect(await retry(w.engine, w.patient.id, started.attemptId, intent)).toMatchObject({ ok: true });
  });
});

describe("the invariant checker", () => {
  it("reports a ghost reservation whose attempt was never paid", async () => {
    const w = await world();
    const { attemptId } = await startPayment(w.engine, intentFor(w.patient.id, reservationTarget(w.slot.id)));
    const [ghost] = await db()
      .insert(reservations)
      .values({ slotId: w.slot.id, doctorId: w.doctor.id, patientId: w.patient.id, paymentAttemptId: attemptId, amountRial: FEE })
      .returning();
    expect(await invariantViolations(db())).toEqual([
      `ghost reservation ${ghost!.id}: attempt pending/null`,
      `attempt ${attemptId} (reservation pending/null) has 1 records, expected 0`,
    ]);
    await db().delete(reservations).where(eq(reservations.id, ghost!.id));
    await db().delete(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
    expect(await invariantViolations(db())).toEqual([]);
  });
});
