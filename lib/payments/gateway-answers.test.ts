import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/shared/log";
import { collectMetrics } from "@/lib/ops/metrics";
import { handleGatewayReturn, type PaymentEngine } from "./payment-engine";
import { reconcilePayments } from "./reconcile";
import {
  attemptById,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  snapshot,
  startPayment,
  TEST_CALLBACK_URL,
  TEST_MERCHANT_ID,
  TEST_TOPUP_LIMITS,
} from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { paymentProducts } from "@/lib/checkout/payment-products";
import {
  docsErrorList,
  docsFixture,
  refusal,
  startScriptedGateway,
  type ScriptedAnswer,
  type ScriptedGateway,
} from "@/testing/scripted-gateway";
import { zarinpalClient } from "./zarinpal-client";

/** What the engine concludes from each answer the real gateway may give to verify. Only answers that prove
 * the money did not move close an attempt as failed; every other one leaves it verifying, counted by code. */
const { db } = setupTestDatabase();

let gateway: ScriptedGateway;
beforeAll(async () => {
  gateway = await startScriptedGateway();
});
afterAll(() => gateway.close());

const CLOSING = [-51, -50, -54];

function engine(): PaymentEngine {
  return {
    db: db(),
    gateway: zarinpalClient({ name: "zarinpal", apiBase: gateway.apiBase, merchantId: TEST_MERCHANT_ID, timeoutMs: 1_000 }),
    products: paymentProducts(TEST_TOPUP_LIMITS),
    callbackUrl: TEST_CALLBACK_URL,
  };
}

let authorities = 0;
/** A reservation attempt the gateway accepted (its documented request answer, with a fresh authority), and
 * the patient's return with Status=OK, to which verify answers `answer`. */
async function returnedWith(answer: ScriptedAnswer) {
  const e = engine();
  const doctor = await makeDoctor(db());
  const slot = await makeSlot(db(), doctor.id);
  const patient = await makePatient(db());
  const requested = docsFixture("request").body as { data: Record<string, unknown>; errors: unknown[] };
  authorities++;
  gateway.answer("request", {
    status: 200,
    json: { ...requested, data: { ...requested.data, authority: `A${String(authorities).padStart(35, "0")}` } },
  });
  const started = await startPayment(e, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));
  gateway.answer("verify", answer);
  const returned = await handleGatewayReturn(e, { authority: started.authority, status: "OK" });
  return { e, started, returned };
}

describe("verify's answer decides whether the attempt may close", () => {
  it.each(docsErrorList().codes.filter((c) => c.code < 0))("$code ($message)", async ({ code, message }) => {
    const { started, returned } = await returnedWith(refusal(code, message));
    const closes = CLOSING.includes(code);
    expect(returned).toMatchObject({ ok: true, value: { status: closes ? "failed" : "verifying" } });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({
      status: closes ? "failed" : "verifying",
      lastErrorCode: code,
      inconclusiveChecks: closes ? 0 : 1,
    });
    expect((await snapshot(db())).reservations).toHaveLength(0);
    const metrics = await collectMetrics(db());
    expect(metrics.includes(`drturn_payment_gateway_inconclusive_answers_total{action="verify",code="${code}"} 1\n`)).toBe(!closes);
  });

  it.each<[string, ScriptedAnswer, string]>([
    ["an HTML 502", { status: 502, text: "<html>Bad Gateway</html>" }, "server"],
    ["HTML with 200", { status: 200, text: "<html>maintenance</html>" }, "malformed"],
    ["a malformed body", { status: 200, text: '{"data":', contentType: "application/json" }, "malformed"],
    ["an unknown code", { status: 200, json: { data: { code: 102, message: "?" }, errors: [] } }, "102"],
    ["a time-out", { hang: true }, "timeout"],
  ])("%s leaves it verifying, counted under its own label", async (_name, answer, label) => {
    const { started, returned } = await returnedWith(answer);
    expect(returned).toMatchObject({ ok: true, value: { status: "verifying" } });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "verifying", inconclusiveChecks: 1 });
    expect(await collectMetrics(db())).toContain(`drturn_payment_gateway_inconclusive_answers_total{action="verify",code="${label}"} 1\n`);
  });

  it("-53 (another merchant's authority) is logged as a configuration error, and the count adds up across answers", async () => {
    const errors = vi.spyOn(log, "error").mockImplementation(() => {});
    try {
      const { e, started } = await returnedWith(refusal(-53, "Session is not this merchant_id session"));
      expect(
        errors.mock.calls.some(([line]) => String(line).includes("CONFIGURATION ERROR") && String(line).includes(started.attemptId)),
      ).toBe(true);
      // The patient comes back again: still -53, still open, counted twice.
      await handleGatewayReturn(e, { authority: started.authority, status: "OK" });
      expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "verifying", inconclusiveChecks: 2 });
      expect(await collectMetrics(db())).toContain('drturn_payment_gateway_inconclusive_answers_total{action="verify",code="-53"} 2\n');
    } finally {
      errors.mockRestore();
    }
  });

  it("an open attempt settles once the gateway answers 100 (the docs' verify body)", async () => {
    const { e, started } = await returnedWith(refusal(-52, "Oops!!, please contact our support team"));
    gateway.answer("verify", { status: 200, json: docsFixture("verify-100").body });
    expect(await handleGatewayReturn(e, { authority: started.authority, status: "OK" })).toMatchObject({
      ok: true,
      value: { status: "paid" },
    });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled", refId: "201" });
  });

  it("the reconcile job leaves -52 verifying too, and counts an inquiry that says nothing", async () => {
    const { e, started } = await returnedWith(refusal(-52, "Oops!!, please contact our support team"));
    gateway.answer("unVerified", { status: 200, json: { data: { code: 100, message: "Success", authorities: [] }, errors: [] } });
    gateway.answer("inquiry", refusal(-12, "To many attempts, please try again later."));
    const summary = await reconcilePayments(e, { olderThan: new Date(Date.now() + 60_000) });
    expect(summary).toMatchObject({ errors: 1, failed: 0, abandoned: 0 });
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "verifying" });
    expect(await collectMetrics(db())).toContain('drturn_payment_gateway_inconclusive_answers_total{action="inquiry",code="-12"} 1\n');
  });
});
