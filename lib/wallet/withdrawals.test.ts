import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users, walletLedger, withdrawals } from "@/db/schema";
import { balanceOf, makePatient } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { ForbiddenError } from "@/lib/auth/actor";
import { collectMetrics } from "@/lib/ops/metrics";
import { markWithdrawalPaid, payoutQueue, rejectWithdrawal, requestWithdrawal, withdrawalsOf } from "./withdrawals";

/** Withdrawals under real concurrency (real Postgres). After every test the harness checks the invariants,
 * withdrawals' included: each has its one hold, a rejected one its one return, nothing else. */
const { db } = setupTestDatabase({ realPostgres: true });

const SHEBA = "IR06 2960 0000 0010 0324 2000 01";
const AMOUNT = 1_500_000;

async function namedPatient(balanceRial: number) {
  const patient = await makePatient(db(), { balanceRial });
  await db().update(users).set({ firstName: "مریم", lastName: "احمدی", name: "مریم احمدی" }).where(eq(users.id, patient.id));
  return { userId: patient.id, role: "patient" as const };
}

async function admin() {
  const [row] = await db()
    .insert(users)
    .values({ phone: `0935${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`, name: "مدیر", role: "admin" })
    .returning();
  return { userId: row!.id, role: "admin" as const };
}

const ask = (actor: { userId: string; role: "patient" }, amountRial: number | "all", requestId = randomUUID()) =>
  requestWithdrawal(db(), actor, { requestId, amountRial, sheba: SHEBA });

describe("asking to withdraw", () => {
  it("holds the amount at once, in the patient's own name, to the normalised Sheba; the rest stays spendable", async () => {
    const patient = await namedPatient(4_000_000);
    const asked = await ask(patient, AMOUNT);
    expect(asked).toMatchObject({ ok: true, value: { amountRial: AMOUNT, balanceRial: 2_500_000 } });
    const [row] = await withdrawalsOf(db(), patient.userId);
    expect(row).toMatchObject({ status: "requested", sheba: "IR062960000000100324200001", holderName: "مریم احمدی", amountRial: AMOUNT });
    const ledger = await db().select().from(walletLedger).where(eq(walletLedger.reason, "withdrawal_hold"));
    expect(ledger).toMatchObject([{ userId: patient.userId, amountRial: -AMOUNT, reference: row!.id }]);
  });

  it("'all' takes the whole balance; nothing left to take is refused, as is a bad Sheba or a patient without a name", async () => {
    const patient = await namedPatient(2_345_670);
    expect(await ask(patient, "all")).toMatchObject({ ok: true, value: { amountRial: 2_345_670, balanceRial: 0 } });
    expect(await ask(patient, "all")).toEqual({ ok: false, error: { code: "nothing_to_withdraw" } });
    expect(await ask(patient, 10)).toEqual({ ok: false, error: { code: "insufficient_balance", balanceRial: 0 } });
    expect(
      await requestWithdrawal(db(), patient, { requestId: randomUUID(), amountRial: 10, sheba: "IR062960000000100324200002" }),
    ).toEqual({
      ok: false,
      error: { code: "sheba_checksum" },
    });
    const nameless = await makePatient(db(), { balanceRial: AMOUNT });
    expect(await ask({ userId: nameless.id, role: "patient" }, AMOUNT)).toEqual({ ok: false, error: { code: "name_required" } });
    expect(await balanceOf(db(), nameless.id)).toBe(AMOUNT);
    expect(await db().select().from(withdrawals)).toHaveLength(1);
  });

  it("the same form sent twice at once (a double click) makes one withdrawal and one hold", async () => {
    const patient = await namedPatient(10 * AMOUNT);
    const requestId = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => ask(patient, AMOUNT, requestId)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toEqual({ ok: false, error: { code: "already_requested", withdrawalId: requestId } });
    expect(await balanceOf(db(), patient.userId)).toBe(9 * AMOUNT);
  });

  it("20 withdrawals at once draining one balance that covers 7: exactly 7 held, balance exactly 0 left, the rest leave no row", async () => {
    const patient = await namedPatient(7 * AMOUNT);
    const results = await Promise.all(Array.from({ length: 20 }, () => ask(patient, AMOUNT)));
    expect(results.filter((r) => r.ok)).toHaveLength(7);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, error: { code: "insufficient_balance" } });
    expect(await balanceOf(db(), patient.userId)).toBe(0);
    expect(await db().select().from(withdrawals)).toHaveLength(7);
  });

  it("only a patient asks; only the platform admin reads the queue and decides", async () => {
    const boss = await admin();
    const staff = { userId: boss.userId, role: "staff" as const };
    await expect(requestWithdrawal(db(), boss, { requestId: randomUUID(), amountRial: 10, sheba: SHEBA })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(payoutQueue(db(), staff)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markWithdrawalPaid(db(), staff, { withdrawalId: randomUUID(), bankReference: "1" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("paying out", () => {
  it("paid with the bank's reference: the money stays gone, the queue empties, the audit row names the admin", async () => {
    const patient = await namedPatient(AMOUNT);
    const boss = await admin();
    const asked = await ask(patient, AMOUNT);
    if (!asked.ok) throw new Error("ask failed");
    expect((await payoutQueue(db(), boss)).rows).toMatchObject([{ id: asked.value.withdrawalId, patientName: "مریم احمدی" }]);
    expect(await markWithdrawalPaid(db(), boss, { withdrawalId: asked.value.withdrawalId, bankReference: "  " })).toEqual({
      ok: false,
      error: { code: "text_required" },
    });
    const paid = await markWithdrawalPaid(db(), boss, { withdrawalId: asked.value.withdrawalId, bankReference: "140309123456" });
    expect(paid).toMatchObject({ ok: true, value: { status: "paid", bankReference: "140309123456", decidedBy: boss.userId } });
    expect((await payoutQueue(db(), boss)).rows).toHaveLength(0);
    expect((await payoutQueue(db(), boss, { status: "paid" })).rows).toHaveLength(1);
    expect(await balanceOf(db(), patient.userId)).toBe(0);
    expect(await db().select().from(auditLog)).toMatchObject([
      { actorId: boss.userId, action: "withdrawal.pay", subjectId: patient.userId },
    ]);
  });

  it("two admins (paid and rejected) at once on the same withdrawal, ten times over: one decision each time, a return only with a rejection", async () => {
    const patient = await namedPatient(10 * AMOUNT);
    const [one, two] = [await admin(), await admin()];
    for (let round = 0; round < 10; round++) {
      const asked = await ask(patient, AMOUNT);
      if (!asked.ok) throw new Error("ask failed");
      const withdrawalId = asked.value.withdrawalId;
      const results = await Promise.all([
        markWithdrawalPaid(db(), one, { withdrawalId, bankReference: `ref-${round}` }),
        rejectWithdrawal(db(), two, { withdrawalId, reason: "شبا به نام دیگری است" }),
        markWithdrawalPaid(db(), two, { withdrawalId, bankReference: `ref-${round}-again` }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, error: { code: "already_decided" } });
    }
    const rows = await db().select().from(withdrawals);
    const rejected = rows.filter((w) => w.status === "rejected").length;
    expect(rows.every((w) => w.status !== "requested")).toBe(true);
    expect(await db().select().from(auditLog)).toHaveLength(10);
    expect(await db().select().from(walletLedger).where(eq(walletLedger.reason, "withdrawal_return"))).toHaveLength(rejected);
    expect(await balanceOf(db(), patient.userId)).toBe(rejected * AMOUNT);
  });

  it("rejected: the hold comes back once; deciding again is refused", async () => {
    const patient = await namedPatient(AMOUNT);
    const boss = await admin();
    const asked = await ask(patient, AMOUNT);
    if (!asked.ok) throw new Error("ask failed");
    const { withdrawalId } = asked.value;
    expect(await rejectWithdrawal(db(), boss, { withdrawalId, reason: "حساب مسدود است" })).toMatchObject({
      ok: true,
      value: { status: "rejected" },
    });
    expect(await rejectWithdrawal(db(), boss, { withdrawalId, reason: "دوباره" })).toEqual({
      ok: false,
      error: { code: "already_decided", status: "rejected" },
    });
    expect(await markWithdrawalPaid(db(), boss, { withdrawalId, bankReference: "1" })).toEqual({
      ok: false,
      error: { code: "already_decided", status: "rejected" },
    });
    expect(await markWithdrawalPaid(db(), boss, { withdrawalId: randomUUID(), bankReference: "1" })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await balanceOf(db(), patient.userId)).toBe(AMOUNT);
  });
});

describe("in /api/metrics", () => {
  it("counts withdrawals by status, with their Rial", async () => {
    const patient = await namedPatient(3 * AMOUNT);
    const boss = await admin();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const asked = await ask(patient, AMOUNT);
      if (asked.ok) ids.push(asked.value.withdrawalId);
    }
    await markWithdrawalPaid(db(), boss, { withdrawalId: ids[0]!, bankReference: "123" });
    await rejectWithdrawal(db(), boss, { withdrawalId: ids[1]!, reason: "نام صاحب حساب نمی‌خواند" });
    const text = await collectMetrics(db());
    for (const status of ["requested", "paid", "rejected"]) {
      expect(text).toContain(`drturn_withdrawals{status="${status}"} 1\n`);
      expect(text).toContain(`drturn_withdrawals_rial{status="${status}"} ${AMOUNT}\n`);
    }
    expect(text).toContain('drturn_card_reversals{status="reversed"} 0\n');
  });
});
