import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { paymentAttempts, type PaymentTarget } from "@/db/schema";
import type { Intent } from "@/lib/intent/intent";
import { handleGatewayReturn, retryPayment, type PaymentEngine } from "./payment-engine";
import { CHECK_PENDING_AFTER_MS, checkPatientOpenPayments, checkPatientPayment, GATEWAY_SESSION_MS } from "./payment-check";
import { paymentResultView } from "./payment-result";
import {
  attemptById,
  chooseWithoutReturn,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  setFault,
  snapshot,
  startPayment,
  type GatewayCall,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";

/** The result page and "my payments" ask the gateway about a payment whose return never came, so a paid
 * patient never waits for the cleanup job. */
const { db, apiBase, testEngine } = setupPaymentWorld();

const FEE = 3_500_000;
const reservation = (slotId: string): PaymentTarget => ({ kind: "reservation", slotId });

/** An engine whose clock the test moves. */
function clockedEngine() {
  let offsetMs = 0;
  const t = testEngine({ now: () => new Date(Date.now() + offsetMs) });
  return { ...t, advance: (ms: number) => void (offsetMs += ms) };
}

async function world() {
  const t = clockedEngine();
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id);
  const patient = await makePatient(db());
  return { ...t, doctor, slot, patient };
}

const choseWithoutReturn = (engine: PaymentEngine, intent: Intent, choice: "paid" | "failed" = "paid") =>
  chooseWithoutReturn(apiBase(), engine, intent, choice);

const gatewayCalls = (calls: GatewayCall[]) => calls.filter((c) => c.method !== "request").map((c) => c.method);

describe("a payment whose return was lost settles while the patient looks", () => {
  it("paid, redirect dropped: the result page's check verifies and fulfils it through the callback's path, once", async () => {
    const w = await world();
    const paid = await choseWithoutReturn(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    expect((await attemptById(db(), paid.attemptId)).status).toBe("pending");

    // A few seconds old at most: the return may still be on its way, the gateway is not asked.
    expect(await checkPatientPayment(w.engine, w.patient.id, paid.attemptId)).toBe("pending");
    expect(gatewayCalls(w.calls)).toEqual([]);

    w.advance(CHECK_PENDING_AFTER_MS + 1_000);
    expect(await checkPatientPayment(w.engine, w.patient.id, paid.attemptId)).toBe("paid");
    expect(gatewayCalls(w.calls)).toEqual(["inquiry", "verify"]);
    expect(await attemptById(db(), paid.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    const s = await snapshot(db());
    expect(s.reservations).toHaveLength(1);
    expect(s.reservations[0]).toMatchObject({ paymentAttemptId: paid.attemptId, slotId: w.slot.id });

    // The late return changes nothing.
    expect(await handleGatewayReturn(w.engine, { authority: paid.authority, status: "OK" })).toMatchObject({
      ok: true,
      value: { status: "paid" },
    });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("my payments asks about the patient's open payments and settles them the same way", async () => {
    const w = await world();
    const paid = await choseWithoutReturn(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    w.advance(CHECK_PENDING_AFTER_MS + 1_000);
    expect(await checkPatientOpenPayments(w.engine, w.patient.id)).toBe(false);
    expect(await attemptById(db(), paid.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
  });

  it("still at the bank: stays pending while the session lasts, then becomes abandoned and may be retried", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservation(w.slot.id));
    const started = await startPayment(w.engine, intent);
    w.advance(CHECK_PENDING_AFTER_MS + 1_000);
    expect(await checkPatientPayment(w.engine, w.patient.id, started.attemptId)).toBe("pending");
    expect(gatewayCalls(w.calls)).toEqual(["inquiry"]);

    w.advance(GATEWAY_SESSION_MS);
    expect(await checkPatientPayment(w.engine, w.patient.id, started.attemptId)).toBe("abandoned");
    expect(gatewayCalls(w.calls)).toEqual(["inquiry", "inquiry"]);
    expect((await snapshot(db())).reservations).toHaveLength(0);

    const retried = await retryPayment(w.engine, { userId: w.patient.id, attemptId: started.attemptId, loadIntent: async () => intent });
    expect(retried.ok).toBe(true);
  });

  it("failed at the bank with the NOK return lost: abandoned at the next check, nothing created", async () => {
    const w = await world();
    const failed = await choseWithoutReturn(w.engine, intentFor(w.patient.id, reservation(w.slot.id)), "failed");
    w.advance(CHECK_PENDING_AFTER_MS + 1_000);
    expect(await checkPatientPayment(w.engine, w.patient.id, failed.attemptId)).toBe("abandoned");
    expect(gatewayCalls(w.calls)).toEqual(["inquiry"]);
    expect((await snapshot(db())).reservations).toHaveLength(0);
  });

  it("another patient's attempt: null, and the gateway is not asked", async () => {
    const w = await world();
    const paid = await choseWithoutReturn(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const stranger = await makePatient(db());
    w.advance(CHECK_PENDING_AFTER_MS + 1_000);
    expect(await checkPatientPayment(w.engine, stranger.id, paid.attemptId)).toBeNull();
    expect(await checkPatientOpenPayments(w.engine, stranger.id)).toBe(false);
    expect(gatewayCalls(w.calls)).toEqual([]);
    expect((await attemptById(db(), paid.attemptId)).status).toBe("pending");
  });

  it("at most one gateway call per attempt per 5 s, and longer after each answer that settled nothing", async () => {
    const w = await world();
    await setFault(apiBase(), "verify-500");
    const started = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    expect(await handleGatewayReturn(w.engine, back)).toMatchObject({ ok: true, value: { status: "verifying" } });
    const callsAfterReturn = w.calls.length;

    w.advance(CHECK_PENDING_AFTER_MS + 1_000);
    expect(await checkPatientPayment(w.engine, w.patient.id, started.attemptId)).toBe("verifying");
    expect(w.calls.length).toBe(callsAfterReturn + 1);
    // Two answers that settled nothing so far (the return's and this one): the next check waits 10 s.
    expect((await attemptById(db(), started.attemptId)).inconclusiveChecks).toBe(2);
    await setFault(apiBase(), "none");
    for (const wait of [0, 4_000, 5_000]) {
      w.advance(wait);
      expect(await checkPatientPayment(w.engine, w.patient.id, started.attemptId)).toBe("verifying");
    }
    expect(w.calls.length).toBe(callsAfterReturn + 1);

    w.advance(2_000);
    expect(await checkPatientPayment(w.engine, w.patient.id, started.attemptId)).toBe("paid");
    expect(w.calls.length).toBe(callsAfterReturn + 2);
  });
});

describe("reopening an old failed attempt whose retry was paid", () => {
  it("says the purchase was made by the later payment and points to it; retrying it leads there too", async () => {
    const w = await world();
    const intent = intentFor(w.patient.id, reservation(w.slot.id));
    const first = await startPayment(w.engine, intent);
    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), first.authority, "cancelled"));
    const retried = await retryPayment(w.engine, { userId: w.patient.id, attemptId: first.attemptId, loadIntent: async () => intent });
    if (!retried.ok) throw new Error("retry failed");
    const second = await attemptById(db(), retried.value.attemptId);
    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), second.authority!, "paid"));

    expect(await paymentResultView(db(), w.patient.id, first.attemptId)).toMatchObject({ status: "failed", paidByAttemptId: second.id });
    expect(await paymentResultView(db(), w.patient.id, second.id)).toMatchObject({ status: "paid", paidByAttemptId: null });
    // The intent cookie is long gone; the answer is the paid attempt, not "expired".
    expect(await retryPayment(w.engine, { userId: w.patient.id, attemptId: first.attemptId, loadIntent: async () => null })).toEqual({
      ok: false,
      error: { code: "already_paid", attemptId: second.id },
    });
    expect((await snapshot(db())).reservations).toHaveLength(1);
  });

  it("an unrelated failed attempt still offers the retry", async () => {
    const w = await world();
    const first = await startPayment(w.engine, intentFor(w.patient.id, reservation(w.slot.id)));
    await handleGatewayReturn(w.engine, await payAtSandbox(apiBase(), first.authority, "failed"));
    await db()
      .update(paymentAttempts)
      .set({ createdAt: new Date(Date.now() - 86_400_000) })
      .where(eq(paymentAttempts.id, first.attemptId));
    expect(await paymentResultView(db(), w.patient.id, first.attemptId)).toMatchObject({ status: "failed", paidByAttemptId: null });
  });
});
