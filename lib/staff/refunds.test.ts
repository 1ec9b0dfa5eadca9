import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, users, walletLedger } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/actor";
import { assertInvariants, balanceOf, makePatient } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { auditTrail } from "@/lib/audit/audit";
import { adjustWallet, refundsList } from "./refunds";
import { makeActor } from "./testing/staff-fixtures";

const { db } = setupTestDatabase();

async function setup() {
  const admin = await makeActor(db(), "admin", "مدیر");
  const staff = await makeActor(db(), "staff");
  const patient = await makePatient(db(), { balanceRial: 1_000_000 });
  const [row] = await db().select().from(users).where(eq(users.id, patient.id));
  return { admin, staff, patient, phone: row!.phone };
}

describe("adjustWallet", () => {
  it("credits and debits by an admin's hand, with a reason, one audit row per change referenced by the ledger", async () => {
    const w = await setup();
    const persianPhone = w.phone.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    expect(await adjustWallet(db(), w.admin, { phone: persianPhone, amountRial: 500_000, reason: "جبران تأخیر" })).toEqual({
      ok: true,
      value: { userId: w.patient.id, balanceRial: 1_500_000 },
    });
    expect(await adjustWallet(db(), w.admin, { phone: w.phone, amountRial: -300_000, reason: "اصلاح اشتباه" })).toMatchObject({
      ok: true,
      value: { balanceRial: 1_200_000 },
    });
    const audit = await db().select().from(auditLog).orderBy(auditLog.createdAt);
    expect(audit.map((a) => [a.action, a.before, a.after, a.reason])).toEqual([
      ["wallet.adjust", { balanceRial: 1_000_000 }, { balanceRial: 1_500_000, amountRial: 500_000 }, "جبران تأخیر"],
      ["wallet.adjust", { balanceRial: 1_500_000 }, { balanceRial: 1_200_000, amountRial: -300_000 }, "اصلاح اشتباه"],
    ]);
    const entries = (await db().select().from(walletLedger)).filter((l) => audit.some((a) => a.id === l.reference));
    expect(entries.map((l) => l.amountRial).sort((a, b) => a - b)).toEqual([-300_000, 500_000]);
    await assertInvariants(db());
  });

  it("never takes a wallet below zero, and refuses bad input, writing nothing", async () => {
    const w = await setup();
    const cases = [
      [
        { phone: w.phone, amountRial: -1_000_001, reason: "x" },
        { code: "insufficient_balance", balanceRial: 1_000_000 },
      ],
      [{ phone: "123", amountRial: 10, reason: "x" }, { code: "invalid_phone" }],
      [{ phone: "09350000000", amountRial: 10, reason: "x" }, { code: "user_not_found" }],
      [{ phone: w.phone, amountRial: 0, reason: "x" }, { code: "invalid_amount" }],
      [{ phone: w.phone, amountRial: 1.5, reason: "x" }, { code: "invalid_amount" }],
      [{ phone: w.phone, amountRial: 10, reason: "  " }, { code: "reason_required" }],
    ] as const;
    for (const [input, error] of cases) expect(await adjustWallet(db(), w.admin, input)).toEqual({ ok: false, error });
    expect(await balanceOf(db(), w.patient.id)).toBe(1_000_000);
    expect(await db().select().from(auditLog)).toEqual([]);
  });

  it("is for admins only: staff, doctors and patients are refused", async () => {
    const w = await setup();
    for (const role of ["staff", "doctor", "patient"] as const) {
      const actor = await makeActor(db(), role);
      await expect(adjustWallet(db(), actor, { phone: w.phone, amountRial: 10, reason: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await balanceOf(db(), w.patient.id)).toBe(1_000_000);
  });
});

describe("refundsList and auditTrail", () => {
  it("lists money given back, manual adjustments for the platform admin only, and the audit trail for admins only", async () => {
    const w = await setup();
    await adjustWallet(db(), w.admin, { phone: w.phone, amountRial: 200_000, reason: "هدیه" });
    const list = await refundsList(db(), w.admin);
    expect(list.rows.map((r) => r.amountRial).sort((a, b) => a - b)).toEqual([200_000, 1_000_000]);
    expect((await refundsList(db(), w.admin, { reason: "auto_refund" })).rows).toEqual([]);
    // Adjustments belong to no clinic: clinic staff never see them.
    expect((await refundsList(db(), w.staff)).rows).toEqual([]);
    const trail = await auditTrail(db(), w.admin);
    expect(trail.rows).toMatchObject([{ action: "wallet.adjust", actorName: "مدیر", actorRole: "admin", reason: "هدیه" }]);
    await expect(auditTrail(db(), w.staff)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
