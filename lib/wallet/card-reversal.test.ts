import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cardReversals, sandboxPayments, walletLedger } from "@/db/schema";
import { GATEWAY_REVERSE_WINDOW_MS, type PaymentGateway } from "@/lib/payments/gateway";
import { handleGatewayReturn } from "@/lib/payments/payment-engine";
import { zarinpalClient } from "@/lib/payments/zarinpal-client";
import {
  attemptById,
  balanceOf,
  buildEngine,
  fundWallet,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  payAtSandbox,
  recordingGateway,
  startPayment,
  TEST_MERCHANT_ID,
  TEST_VERIFY_HOLD_MS,
  type GatewayCall,
} from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { startSandboxServer, type SandboxServer } from "@/testing/sandbox-server";
import { refusal, startScriptedGateway, type ScriptedGateway } from "@/testing/scripted-gateway";
import { reversalOffer, reverseToCard, settleStaleReversals } from "./card-reversal";

/** Back to the card, on real Postgres, through the real ZarinPal client: against the sandbox (its reverse and
 * its 30-minute rule, on a clock the test moves) and against a scripted gateway that refuses or never answers.
 * After every test the harness checks the invariants: each reversal debited once, each failed one given back
 * once, nothing reversed twice, every wallet equal to its ledger. */
const { db } = setupTestDatabase({ realPostgres: true });

const FEE = 2_000_000;
let sandbox: SandboxServer;
let scripted: ScriptedGateway;
/** How far the sandbox's clock is ahead of the real one. */
let sandboxAheadMs = 0;

beforeAll(async () => {
  sandbox = await startSandboxServer({
    db: db(),
    verifyTimeoutHoldMs: TEST_VERIFY_HOLD_MS,
    now: () => new Date(Date.now() + sandboxAheadMs),
  });
  scripted = await startScriptedGateway();
});
afterAll(async () => {
  await scripted?.close();
  await sandbox?.close();
});
beforeEach(() => {
  sandboxAheadMs = 0;
});

const INQUIRY = (status: string) => ({ status: 200, json: { data: { code: 100, message: "Success", status }, errors: [] } });

/** Two patients pay for the same slot; the second finds it taken and is refunded to the wallet: the
 * payment that can go back to the card. */
async function lostRace() {
  const { engine } = buildEngine(db(), sandbox.apiBase);
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const slot = await makeSlot(db(), doctor.id);
  const winner = await makePatient(db());
  const loser = await makePatient(db());
  const a = await startPayment(engine, intentFor(winner.id, { kind: "reservation", slotId: slot.id }));
  const b = await startPayment(engine, intentFor(loser.id, { kind: "reservation", slotId: slot.id }));
  await handleGatewayReturn(engine, await payAtSandbox(sandbox.apiBase, a.authority, "paid"));
  await handleGatewayReturn(engine, await payAtSandbox(sandbox.apiBase, b.authority, "paid"));
  expect(await attemptById(db(), b.attemptId)).toMatchObject({ status: "paid", outcome: "auto_refunded" });
  expect(await balanceOf(db(), loser.id)).toBe(FEE);
  return { userId: loser.id, attemptId: b.attemptId, authority: b.authority };
}

function sandboxGateway(): { gateway: PaymentGateway; calls: GatewayCall[] } {
  return recordingGateway(zarinpalClient({ name: "sandbox", apiBase: sandbox.apiBase, merchantId: TEST_MERCHANT_ID, timeoutMs: 5_000 }));
}

function scriptedGateway(timeoutMs = 400): { gateway: PaymentGateway; calls: GatewayCall[] } {
  return recordingGateway(zarinpalClient({ name: "sandbox", apiBase: scripted.apiBase, merchantId: TEST_MERCHANT_ID, timeoutMs }));
}

const reverses = (calls: GatewayCall[]) => calls.filter((c) => c.method === "reverse").length;
const sandboxStatus = async (authority: string) =>
  (await db().select().from(sandboxPayments).where(eq(sandboxPayments.authority, authority)))[0]!.status;
const ledgerReasons = async (userId: string) =>
  (await db().select().from(walletLedger).where(eq(walletLedger.userId, userId)).orderBy(walletLedger.createdAt, walletLedger.id)).map(
    (l) => [l.reason, l.amountRial],
  );

describe("back to the card through the sandbox", () => {
  it("within 30 minutes: offered, reversed at the gateway, the wallet debited once; offered no more", async () => {
    const paid = await lostRace();
    const { gateway, calls } = sandboxGateway();
    expect(await reversalOffer(db(), paid.userId, paid.attemptId)).toMatchObject({ kind: "offer", amountRial: FEE });
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: true,
      value: { amountRial: FEE, balanceRial: 0 },
    });
    expect(await sandboxStatus(paid.authority)).toBe("reversed");
    expect(await ledgerReasons(paid.userId)).toEqual([
      ["auto_refund", FEE],
      ["card_reversal", -FEE],
    ]);
    expect(await reversalOffer(db(), paid.userId, paid.attemptId)).toEqual({ kind: "reversed", amountRial: FEE });
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: false,
      error: { code: "already_reversed" },
    });
    expect(reverses(calls)).toBe(1);
  });

  it("after 30 minutes by our clock: not offered, refused before the gateway is asked, the credit untouched", async () => {
    const paid = await lostRace();
    const { gateway, calls } = sandboxGateway();
    const later = new Date(Date.now() + GATEWAY_REVERSE_WINDOW_MS + 60_000);
    expect(await reversalOffer(db(), paid.userId, paid.attemptId, later)).toEqual({ kind: "none" });
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId, later)).toEqual({
      ok: false,
      error: { code: "too_late" },
    });
    expect(calls).toHaveLength(0);
    expect(await db().select().from(cardReversals)).toHaveLength(0);
    expect(await balanceOf(db(), paid.userId)).toBe(FEE);
  });

  it("the gateway's own clock says too late (-63): the debit is undone in full, the patient told it is too late", async () => {
    const paid = await lostRace();
    const { gateway, calls } = sandboxGateway();
    sandboxAheadMs = 31 * 60_000;
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({ ok: false, error: { code: "too_late" } });
    expect(calls.find((c) => c.method === "reverse")?.result).toMatchObject({ ok: false, error: { code: "rejected", gatewayCode: -63 } });
    expect(await sandboxStatus(paid.authority)).toBe("verified");
    expect(await balanceOf(db(), paid.userId)).toBe(FEE);
    expect(await db().select().from(cardReversals)).toMatchObject([{ status: "failed", gatewayCode: -63 }]);
    expect(await ledgerReasons(paid.userId)).toEqual([
      ["auto_refund", FEE],
      ["card_reversal", -FEE],
      ["card_reversal_undo", FEE],
    ]);
  });

  it("a double click (five at once): one reverse at the gateway, one debit; the others told it is under way or done", async () => {
    const paid = await lostRace();
    // Enough money besides the refund that a second debit would go through if nothing else stopped it.
    await fundWallet(db(), paid.userId, 5 * FEE);
    const { gateway, calls } = sandboxGateway();
    const results = await Promise.all(Array.from({ length: 5 }, () => reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(["in_progress", "already_reversed"]).toContain(!r.ok && r.error.code);
    expect(reverses(calls)).toBe(1);
    expect(await balanceOf(db(), paid.userId)).toBe(5 * FEE);
    expect(await sandboxStatus(paid.authority)).toBe("reversed");
  });

  it("the credit already spent: refused before the gateway is asked", async () => {
    const paid = await lostRace();
    await db().insert(walletLedger).values({ userId: paid.userId, amountRial: -FEE, reason: "staff_adjustment", reference: "spent" });
    const { gateway, calls } = sandboxGateway();
    expect(await reversalOffer(db(), paid.userId, paid.attemptId)).toEqual({ kind: "none" });
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: false,
      error: { code: "insufficient_balance" },
    });
    expect(calls).toHaveLength(0);
    expect(await db().select().from(cardReversals)).toHaveLength(0);
  });

  it("someone else's payment, or one that bought its visit, is not reversible", async () => {
    const paid = await lostRace();
    const other = await makePatient(db());
    const { gateway } = sandboxGateway();
    expect(await reverseToCard({ db: db(), gateway }, other.id, paid.attemptId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await reversalOffer(db(), other.id, paid.attemptId)).toEqual({ kind: "none" });
  });

  it("a claim left half-way (the server died while the gateway was asked) is settled by the sweep from the gateway's inquiry", async () => {
    const kept = await lostRace();
    const gone = await lostRace();
    const real = sandboxGateway().gateway;
    const dying = (reverseFirst: boolean): PaymentGateway => ({
      ...real,
      async reverse(input) {
        if (reverseFirst) await real.reverse(input);
        throw new Error("process killed");
      },
    });
    await expect(reverseToCard({ db: db(), gateway: dying(false) }, kept.userId, kept.attemptId)).rejects.toThrow("process killed");
    await expect(reverseToCard({ db: db(), gateway: dying(true) }, gone.userId, gone.attemptId)).rejects.toThrow("process killed");
    expect(await reversalOffer(db(), kept.userId, kept.attemptId)).toEqual({ kind: "reversing" });
    expect(await settleStaleReversals({ db: db(), gateway: real })).toEqual({ stale: 0, settled: 0 });
    expect(await settleStaleReversals({ db: db(), gateway: real }, new Date(Date.now() + 10 * 60_000))).toEqual({ stale: 2, settled: 2 });
    expect(await balanceOf(db(), kept.userId)).toBe(FEE);
    expect(await balanceOf(db(), gone.userId)).toBe(0);
    expect(await reversalOffer(db(), gone.userId, gone.attemptId)).toEqual({ kind: "reversed", amountRial: FEE });
  });
});

describe("back to the card when the gateway refuses or does not answer (scripted)", () => {
  it("refused (-60, the bank would not reverse): the credit stays, the patient told it was refused", async () => {
    const paid = await lostRace();
    scripted.answer("reverse", refusal(-60, "Session can not be reversed with bank."));
    scripted.answer("inquiry", INQUIRY("VERIFIED"));
    const { gateway } = scriptedGateway();
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: false,
      error: { code: "refused", gatewayCode: -60 },
    });
    expect(await balanceOf(db(), paid.userId)).toBe(FEE);
    expect(await db().select().from(cardReversals)).toMatchObject([{ status: "failed", gatewayCode: -60 }]);
    // A new try is a new claim, with entries of its own.
    scripted.answer("reverse", { status: 200, json: { data: { code: 100, message: "Reversed" }, errors: [] } });
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toMatchObject({ ok: true });
    expect(await balanceOf(db(), paid.userId)).toBe(0);
  });

  it("timed out, and inquiry says the payment was not reversed: the debit is undone, the credit stays", async () => {
    const paid = await lostRace();
    scripted.answer("reverse", { hang: true });
    scripted.answer("inquiry", INQUIRY("VERIFIED"));
    const { gateway, calls } = scriptedGateway();
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: false,
      error: { code: "gateway_unavailable" },
    });
    expect(calls.map((c) => c.method)).toEqual(["reverse", "inquiry"]);
    expect(await balanceOf(db(), paid.userId)).toBe(FEE);
    expect(await db().select().from(cardReversals)).toMatchObject([{ status: "failed", gatewayCode: null }]);
  });

  it("timed out, but the reverse went through (inquiry: REVERSED): not undone — the money is on the card, not in the wallet too", async () => {
    const paid = await lostRace();
    scripted.answer("reverse", { hang: true });
    scripted.answer("inquiry", INQUIRY("REVERSED"));
    const { gateway } = scriptedGateway();
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: true,
      value: { amountRial: FEE, balanceRial: 0 },
    });
    expect(await db().select().from(cardReversals)).toMatchObject([{ status: "reversed" }]);
  });

  it("neither reverse nor inquiry answers: the debit is undone and the patient told the credit stays", async () => {
    const paid = await lostRace();
    scripted.answer("reverse", { status: 502, text: "<html>Bad Gateway</html>" });
    scripted.answer("inquiry", { hang: true });
    const { gateway } = scriptedGateway();
    expect(await reverseToCard({ db: db(), gateway }, paid.userId, paid.attemptId)).toEqual({
      ok: false,
      error: { code: "gateway_unavailable" },
    });
    expect(await balanceOf(db(), paid.userId)).toBe(FEE);
  });
});
