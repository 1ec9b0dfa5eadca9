import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { violatedConstraint } from "@/lib/shared/pg-errors";
import type { Db } from "../client";
import { createTestDatabase } from "../testing/test-db";
import { cardReversals, paymentAttempts, users, withdrawals } from "../schema";

/* Money leaving the wallet (migration 0013): what a withdrawal or a card reversal row can be, whatever a service
 * writes. Each constraint is tried by a write that breaks it. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase({ checkInvariants: false });
  db = database.db;
});
afterAll(() => database.close());

async function violation(write: () => Promise<unknown>): Promise<string | null> {
  try {
    await write();
    return null;
  } catch (error) {
    return violatedConstraint(error) ?? "other error";
  }
}

const SHEBA = "IR062960000000100324200001";

describe("withdrawals", () => {
  it("a positive amount, a Sheba of IR and 24 digits, a holder's name", async () => {
    const [user] = await db.insert(users).values({ phone: "09120000601" }).returning();
    const base = { userId: user!.id, amountRial: 10_000, sheba: SHEBA, holderName: "مریم احمدی" };
    expect(await violation(() => db.insert(withdrawals).values(base))).toBeNull();
    expect(await violation(() => db.insert(withdrawals).values({ ...base, amountRial: 0 }))).toBe("withdrawals_amount_positive");
    expect(await violation(() => db.insert(withdrawals).values({ ...base, amountRial: -5 }))).toBe("withdrawals_amount_positive");
    expect(await violation(() => db.insert(withdrawals).values({ ...base, sheba: "IR06 2960 0000 0010 0324 2000 01" }))).toBe(
      "withdrawals_sheba_format",
    );
    expect(await violation(() => db.insert(withdrawals).values({ ...base, sheba: "DE89370400440532013000" }))).toBe(
      "withdrawals_sheba_format",
    );
    expect(await violation(() => db.insert(withdrawals).values({ ...base, holderName: "  " }))).toBe("withdrawals_holder_name_present");
  });

  it("paid only with the bank's reference and who decided when; rejected only with a reason; requested with neither", async () => {
    const [user] = await db.insert(users).values({ phone: "09120000602" }).returning();
    const [row] = await db
      .insert(withdrawals)
      .values({ userId: user!.id, amountRial: 10_000, sheba: SHEBA, holderName: "مریم احمدی" })
      .returning();
    const set = (values: Partial<typeof withdrawals.$inferInsert>) => db.update(withdrawals).set(values).where(eq(withdrawals.id, row!.id));
    const decided = { decidedBy: user!.id, decidedAt: new Date() };
    expect(await violation(() => set({ status: "paid", ...decided }))).toBe("withdrawals_bank_reference_iff_paid");
    expect(await violation(() => set({ status: "paid", ...decided, bankReference: " " }))).toBe("withdrawals_bank_reference_iff_paid");
    expect(await violation(() => set({ status: "paid", bankReference: "123" }))).toBe("withdrawals_decided_iff_not_requested");
    expect(await violation(() => set({ status: "rejected", ...decided }))).toBe("withdrawals_reject_reason_iff_rejected");
    expect(await violation(() => set({ bankReference: "123" }))).toBe("withdrawals_bank_reference_iff_paid");
    expect(await violation(() => set({ ...decided }))).toBe("withdrawals_decided_iff_not_requested");
    expect(await violation(() => set({ status: "paid", ...decided, bankReference: "123", rejectReason: "x" }))).toBe(
      "withdrawals_reject_reason_iff_rejected",
    );
    expect(await violation(() => set({ status: "paid", ...decided, bankReference: "123" }))).toBeNull();
  });
});

describe("card reversals", () => {
  it("one live reversal per payment (a failed one leaves room for another); settled exactly when it is done", async () => {
    const [user] = await db.insert(users).values({ phone: "09120000603" }).returning();
    const [attempt] = await db
      .insert(paymentAttempts)
      .values({
        userId: user!.id,
        purpose: "topup",
        target: { kind: "topup", amountRial: 100_000 },
        amountRial: 100_000,
        gateway: "sandbox",
        authority: "S-rev",
        intentId: "i",
      })
      .returning();
    const base = { attemptId: attempt!.id, userId: user!.id, amountRial: 100_000 };
    expect(
      await violation(() => db.insert(cardReversals).values({ ...base, status: "failed", settledAt: new Date(), gatewayCode: -60 })),
    ).toBeNull();
    expect(await violation(() => db.insert(cardReversals).values(base))).toBeNull();
    expect(await violation(() => db.insert(cardReversals).values(base))).toBe("card_reversals_one_live_per_attempt");
    expect(await violation(() => db.insert(cardReversals).values({ ...base, status: "reversed", settledAt: new Date() }))).toBe(
      "card_reversals_one_live_per_attempt",
    );
    expect(await violation(() => db.insert(cardReversals).values({ ...base, status: "failed" }))).toBe("card_reversals_settled_iff_done");
    expect(
      await violation(() => db.insert(cardReversals).values({ ...base, status: "failed", settledAt: new Date(), amountRial: 0 })),
    ).toBe("card_reversals_amount_positive");
    expect(
      await violation(() => db.insert(cardReversals).values({ ...base, status: "failed", settledAt: new Date(), gatewayCode: -63 })),
    ).toBeNull();
    await db.update(cardReversals).set({ status: "reversed", settledAt: new Date() }).where(eq(cardReversals.status, "reversing"));
    expect(await violation(() => db.update(cardReversals).set({ gatewayCode: -61 }).where(eq(cardReversals.status, "reversed")))).toBe(
      "card_reversals_code_only_when_failed",
    );
  });
});
