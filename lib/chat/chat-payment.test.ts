import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { doctors, type PaymentTarget } from "@/db/schema";
import type { Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, payFromWallet, retryPayment } from "@/lib/payments/payment-engine";
import { reconcilePayments } from "@/lib/payments/reconcile";
import {
  attemptById,
  authorityOf,
  balanceOf,
  intentFor,
  makeDoctor,
  makePatient,
  payAtSandbox,
  setFault,
  snapshot,
  startPayment,
  verifyOutcomes,
  type TestEngine,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { CHAT_FEE, QUESTION } from "./testing/chat-world";

/** Every way a chat consultation's payment can go, through the real ZarinPal client and the sandbox
 * gateway over HTTP: a chat request exists only once its payment is verified, and exactly once. */

const { db, apiBase, testEngine } = setupPaymentWorld();

const ANSWER_HOURS = 12;
const future = () => new Date(Date.now() + 3_600_000);
const chat = (doctorId: string, question = QUESTION): PaymentTarget => ({ kind: "chat", doctorId, question });

async function world(options: { balanceRial?: number } = {}) {
  const t = testEngine();
  const doctor = await makeDoctor(db(), { chatFeeRial: CHAT_FEE, takesChat: true, chatAnswerHours: ANSWER_HOURS });
  const patient = await makePatient(db(), { balanceRial: options.balanceRial });
  return { ...t, doctor, patient };
}

async function buy(t: TestEngine, intent: Intent, choice: "paid" | "failed" | "cancelled") {
  const started = await startPayment(t.engine, intent);
  const back = await payAtSandbox(apiBase(), started.authority, choice);
  const returned = await handleGatewayReturn(t.engine, back);
  if (!returned.ok) throw new Error(`callback failed: ${returned.error.code}`);
  return { ...started, back, status: returned.value.status };
}

describe("chat request paid through the gateway", () => {
  it("success: nothing before the verified callback, then one waiting request with the doctor's own deadline", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, chat(w.doctor.id), 1));
    expect((await attemptById(db(), started.attemptId)).amountRial).toBe(CHAT_FEE); // priced from the database
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect((await snapshot(db())).chats).toHaveLength(0); // paid at the bank is not yet verified

    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "paid" } });
    const s = await snapshot(db());
    expect(s.chats).toHaveLength(1);
    const request = s.chats[0]!;
    expect(request).toMatchObject({
      patientId: w.patient.id,
      doctorId: w.doctor.id,
      paymentAttemptId: started.attemptId,
      question: QUESTION,
      amountRial: CHAT_FEE,
      status: "waiting",
      patientReadAt: null,
      doctorReadAt: null,
    });
    const attempt = await attemptById(db(), started.attemptId);
    expect(request.answerDeadline.getTime() - attempt.settledAt!.getTime()).toBe(ANSWER_HOURS * 3_600_000);
    expect(s.ledger).toHaveLength(0);
  });

  for (const choice of ["failed", "cancelled"] as const) {
    it(`NOK (${choice}): no request, the attempt failed, never verified; a retry of the same intent then succeeds once`, async () => {
      const w = await world();
      const intent = intentFor(w.patient.id, chat(w.doctor.id));
      const first = await buy(w, intent, choice);
      expect(first.status).toBe("failed");
      expect((await snapshot(db())).chats).toHaveLength(0);
      expect(w.calls.filter((c) => c.method === "verify")).toHaveLength(0);

      const retried = await retryPayment(w.engine, { userId: w.patient.id, attemptId: first.attemptId, loadIntent: async () => intent });
      if (!retried.ok) throw new Error(retried.error.code);
      expect(await attemptById(db(), retried.value.attemptId)).toMatchObject({ retryOf: first.attemptId, intentId: intent.id });
      await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), authorityOf(retried.value.paymentUrl), "paid"));
      const s = await snapshot(db());
      expect(s.chats.map((c) => c.paymentAttemptId)).toEqual([retried.value.attemptId]);
    });
  }

  it("an expired session (intent cookie gone) on the way back: the retry is refused and nothing is written or charged", async () => {
    const w = await world();
    const first = await buy(w, intentFor(w.patient.id, chat(w.doctor.id)), "failed");
    const before = await snapshot(db());
    expect(await retryPayment(w.engine, { userId: w.patient.id, attemptId: first.attemptId, loadIntent: async () => null })).toEqual({
      ok: false,
      error: { code: "intent_expired" },
    });
    expect(await snapshot(db())).toEqual(before);
    expect(w.calls.filter((c) => c.method === "request")).toHaveLength(1);
  });

  it("a replayed OK callback creates nothing more, and a later forged NOK cannot undo it", async () => {
    const w = await world();
    const { back, attemptId } = await buy(w, intentFor(w.patient.id, chat(w.doctor.id)), "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "paid" } });
    expect(await handleGatewayReturn(w.engine, { ...back, status: "NOK" })).toMatchObject({ ok: true, value: { status: "paid" } });
    await reconcilePayments(w.engine, { olderThan: future() });
    const s = await snapshot(db());
    expect(s.chats.map((c) => c.paymentAttemptId)).toEqual([attemptId]);
    expect(verifyOutcomes(w.calls).filter((c) => c === 100)).toHaveLength(1);
  });

  it("verify timeout: 'verifying' and no request; once the gateway answers, exactly one request", async () => {
    const w = await world();
    await setFault(apiBase(), "verify-timeout");
    const started = await startPayment(w.engine, intentFor(w.patient.id, chat(w.doctor.id)));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "verifying" } });
    expect((await snapshot(db())).chats).toHaveLength(0);

    await setFault(apiBase(), "none");
    expect(await reconcilePayments(w.engine, { olderThan: future() })).toMatchObject({ fulfilled: 1 });
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "paid" } });
    const s = await snapshot(db());
    expect(s.chats.map((c) => c.paymentAttemptId)).toEqual([started.attemptId]);
    expect(verifyOutcomes(w.calls)).toEqual(["unavailable", 100]);
  });

  it("the doctor stopped taking chats while the patient paid: no request, the fee back in the wallet once", async () => {
    const w = await world();
    const started = await startPayment(w.engine, intentFor(w.patient.id, chat(w.doctor.id)));
    await db().update(doctors).set({ takesChat: false }).where(eq(doctors.id, w.doctor.id));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    await handleGatewayReturn(w.engine, back);
    await handleGatewayReturn(w.engine, back);
    const s = await snapshot(db());
    expect(s.chats).toHaveLength(0);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
    expect(s.ledger.map((l) => [l.reason, l.reference, l.amountRial])).toEqual([["auto_refund", started.attemptId, CHAT_FEE]]);
    expect(await balanceOf(db(), w.patient.id)).toBe(CHAT_FEE);
  });
});

describe("chat request paid from the wallet", () => {
  it("with enough balance: one request and one debit, no gateway", async () => {
    const w = await world({ balanceRial: CHAT_FEE + 200_000 });
    const paid = await payFromWallet(w.engine, { intent: intentFor(w.patient.id, chat(w.doctor.id)) });
    expect(paid).toMatchObject({ ok: true, value: { balanceRial: 200_000 } });
    const s = await snapshot(db());
    expect(s.chats).toMatchObject([{ patientId: w.patient.id, status: "waiting", amountRial: CHAT_FEE }]);
    expect(s.ledger.filter((l) => l.reason === "chat_payment")).toMatchObject([{ amountRial: -CHAT_FEE }]);
    expect(w.calls).toHaveLength(0);
  });

  it("with too little: insufficient_balance with the shortfall; no attempt, no request, the balance untouched", async () => {
    const w = await world({ balanceRial: 400_000 });
    const before = await snapshot(db());
    expect(await payFromWallet(w.engine, { intent: intentFor(w.patient.id, chat(w.doctor.id)) })).toEqual({
      ok: false,
      error: { code: "insufficient_balance", amountRial: CHAT_FEE, shortfallRial: CHAT_FEE - 400_000 },
    });
    expect(await snapshot(db())).toEqual(before);
    expect(await balanceOf(db(), w.patient.id)).toBe(400_000);
  });

  it("to a doctor who takes no chats: refused before anything is debited", async () => {
    const w = await world({ balanceRial: CHAT_FEE });
    await db().update(doctors).set({ takesChat: false }).where(eq(doctors.id, w.doctor.id));
    expect(await payFromWallet(w.engine, { intent: intentFor(w.patient.id, chat(w.doctor.id)) })).toEqual({
      ok: false,
      error: { code: "chat_not_offered", doctorId: w.doctor.id },
    });
    expect((await snapshot(db())).chats).toHaveLength(0);
    expect(await balanceOf(db(), w.patient.id)).toBe(CHAT_FEE);
  });
});
