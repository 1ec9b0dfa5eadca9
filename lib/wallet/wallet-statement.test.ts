import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { reservations, walletLedger } from "@/db/schema";
import { cancelOwnReservation } from "@/lib/booking/cancellation";
import { handleGatewayReturn, payFromWallet, startGatewayPayment, type PaymentEngine } from "@/lib/payments/payment-engine";
import { authorityOf, intentFor, makeDoctor, makePatient, makeSlot, payAtSandbox } from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { creditWallet } from "@/lib/ledger/ledger";
import { STATEMENT_PAGE_SIZE, walletStatement } from "./wallet-statement";

const { db, apiBase, testEngine } = setupPaymentWorld();

const FEE = 3_500_000;
const CHAT_FEE = 1_500_000;

async function payThroughGateway(engine: PaymentEngine, intent: ReturnType<typeof intentFor>) {
  const started = await startGatewayPayment(engine, { intent });
  if (!started.ok) throw new Error(started.error.code);
  await handleGatewayReturn(engine, await payAtSandbox(apiBase(), authorityOf(started.value.paymentUrl), "paid"));
  return started.value.attemptId;
}

describe("the wallet statement", () => {
  it("lists every credit and debit newest first, each with what it was for and the balance it left", async () => {
    const { engine } = testEngine();
    const heart = await makeDoctor(db(), { visitFeeRial: FEE, chatFeeRial: CHAT_FEE });
    const skin = await makeDoctor(db(), { visitFeeRial: FEE });
    const patient = await makePatient(db());
    const other = await makePatient(db(), { balanceRial: 5 * FEE });

    await creditWallet(db(), {
      userId: patient.id,
      amountRial: 1_000_000,
      reason: "staff_adjustment",
      reference: "audit:1",
      note: "جبران تأخیر",
    });
    await payThroughGateway(engine, intentFor(patient.id, { kind: "topup", amountRial: 2 * FEE + CHAT_FEE }));
    const kept = await makeSlot(db(), heart.id);
    const dropped = await makeSlot(db(), heart.id, { startsAt: new Date(Date.now() + 5 * 86_400_000) });
    expect(await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: kept.id }) })).toMatchObject({
      ok: true,
    });
    expect(await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: dropped.id }) })).toMatchObject({
      ok: true,
    });
    expect(
      await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "chat", doctorId: heart.id, question: "سؤال" }) }),
    ).toMatchObject({ ok: true });
    const [toCancel] = await db().select().from(reservations).where(eq(reservations.slotId, dropped.id));
    expect(
      await cancelOwnReservation(db(), { userId: patient.id, role: "patient" }, { reservationId: toCancel!.id }, { fullRefundHours: 24 }),
    ).toMatchObject({ ok: true });
    // Paid at the gateway for a slot someone else took meanwhile: refunded automatically.
    const contested = await makeSlot(db(), skin.id);
    const started = await startGatewayPayment(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: contested.id }) });
    if (!started.ok) throw new Error(started.error.code);
    expect(await payFromWallet(engine, { intent: intentFor(other.id, { kind: "reservation", slotId: contested.id }) })).toMatchObject({
      ok: true,
    });
    await handleGatewayReturn(engine, await payAtSandbox(apiBase(), authorityOf(started.value.paymentUrl), "paid"));

    const statement = await walletStatement(db(), patient.id);
    const topup = 2 * FEE + CHAT_FEE;
    expect(statement).toMatchObject({ balanceRial: 1_000_000 + FEE + FEE, page: 1, pageCount: 1, totalEntries: 7 });
    expect(
      statement.entries.map(({ reason, amountRial, balanceAfterRial, doctorName, visitAt, note }) => ({
        reason,
        amountRial,
        balanceAfterRial,
        doctorName,
        visitAt,
        note,
      })),
    ).toEqual([
      {
        reason: "auto_refund",
        amountRial: FEE,
        balanceAfterRial: 1_000_000 + 2 * FEE,
        doctorName: skin.name,
        visitAt: contested.startsAt,
        note: expect.any(String),
      },
      {
        reason: "cancellation_refund",
        amountRial: FEE,
        balanceAfterRial: 1_000_000 + FEE,
        doctorName: heart.name,
        visitAt: dropped.startsAt,
        note: null,
      },
      { reason: "chat_payment", amountRial: -CHAT_FEE, balanceAfterRial: 1_000_000, doctorName: heart.name, visitAt: null, note: null },
      {
        reason: "reservation_payment",
        amountRial: -FEE,
        balanceAfterRial: 1_000_000 + CHAT_FEE,
        doctorName: heart.name,
        visitAt: dropped.startsAt,
        note: null,
      },
      {
        reason: "reservation_payment",
        amountRial: -FEE,
        balanceAfterRial: 1_000_000 + CHAT_FEE + FEE,
        doctorName: heart.name,
        visitAt: kept.startsAt,
        note: null,
      },
      { reason: "topup", amountRial: topup, balanceAfterRial: 1_000_000 + topup, doctorName: null, visitAt: null, note: null },
      {
        reason: "staff_adjustment",
        amountRial: 1_000_000,
        balanceAfterRial: 1_000_000,
        doctorName: null,
        visitAt: null,
        note: "جبران تأخیر",
      },
    ]);
    for (const entry of statement.entries) expect(entry.createdAt).toBeInstanceOf(Date);

    // The other patient sees only their own money.
    const theirs = await walletStatement(db(), other.id);
    expect(theirs.entries.map((e) => e.reason)).toEqual(["reservation_payment", "staff_adjustment"]);
  });

  it("pages through a long history, clamping pages that do not exist", async () => {
    const patient = await makePatient(db());
    const total = STATEMENT_PAGE_SIZE * 2 + 3;
    const start = Date.now() - total * 60_000;
    for (let i = 1; i <= total; i++) {
      await db()
        .insert(walletLedger)
        .values({
          userId: patient.id,
          amountRial: i * 10_000,
          reason: "staff_adjustment",
          reference: `adjust:${i}`,
          createdAt: new Date(start + i * 60_000),
        });
    }
    const first = await walletStatement(db(), patient.id);
    expect(first).toMatchObject({ page: 1, pageCount: 3, totalEntries: total });
    expect(first.entries).toHaveLength(STATEMENT_PAGE_SIZE);
    expect(first.entries[0]!.amountRial).toBe(total * 10_000);
    const last = await walletStatement(db(), patient.id, { page: 3 });
    expect(last.entries.map((e) => e.amountRial)).toEqual([30_000, 20_000, 10_000]);
    expect((await walletStatement(db(), patient.id, { page: 99 })).page).toBe(3);
    expect((await walletStatement(db(), patient.id, { page: -4 })).page).toBe(1);
    const seen = new Set<string>();
    for (const page of [1, 2, 3]) for (const e of (await walletStatement(db(), patient.id, { page })).entries) seen.add(e.id);
    expect(seen.size).toBe(total);
  });

  it("entries written at the same instant are neither repeated nor skipped across pages", async () => {
    const patient = await makePatient(db());
    const at = new Date(Date.now() - 60_000);
    const total = STATEMENT_PAGE_SIZE + 5;
    for (let i = 1; i <= total; i++) {
      await db()
        .insert(walletLedger)
        .values({ userId: patient.id, amountRial: 10_000, reason: "staff_adjustment", reference: `same:${i}`, createdAt: at });
    }
    const pages = [await walletStatement(db(), patient.id, { page: 1 }), await walletStatement(db(), patient.id, { page: 2 })];
    const ids = pages.flatMap((p) => p.entries.map((e) => e.id));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  it("an empty wallet: zero balance, no entries, one page", async () => {
    const patient = await makePatient(db());
    expect(await walletStatement(db(), patient.id)).toEqual({ balanceRial: 0, entries: [], page: 1, pageCount: 1, totalEntries: 0 });
  });
});
