import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { violatedConstraint } from "@/lib/shared/pg-errors";
import type { Db } from "../client";
import { createTestDatabase } from "../testing/test-db";
import { gatewayInconclusiveAnswers, paymentAttempts, users } from "../schema";

/* The gateway-check bookkeeping (migration 0005): its counters cannot go wrong whatever a service writes. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
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

describe("gateway checks", () => {
  it("an attempt's count of inconclusive answers is never negative", async () => {
    const [user] = await db.insert(users).values({ phone: "09120000501" }).returning();
    const [attempt] = await db
      .insert(paymentAttempts)
      .values({
        userId: user!.id,
        purpose: "topup",
        target: { kind: "topup", amountRial: 100_000 },
        amountRial: 100_000,
        gateway: "sandbox",
        authority: "S1",
        intentId: "i",
      })
      .returning();
    expect(attempt!.inconclusiveChecks).toBe(0);
    expect(attempt!.lastCheckedAt).toBeNull();
    expect(
      await violation(() => db.update(paymentAttempts).set({ inconclusiveChecks: -1 }).where(eq(paymentAttempts.id, attempt!.id))),
    ).toBe("payment_attempts_inconclusive_checks_not_negative");
  });

  it("an inconclusive-answer counter is positive and one per call and code", async () => {
    await db.insert(gatewayInconclusiveAnswers).values({ action: "verify", code: "-52", count: 1 });
    expect(await violation(() => db.insert(gatewayInconclusiveAnswers).values({ action: "verify", code: "-52", count: 1 }))).toBe(
      "gateway_inconclusive_answers_action_code_pk",
    );
    expect(await violation(() => db.insert(gatewayInconclusiveAnswers).values({ action: "verify", code: "timeout", count: 0 }))).toBe(
      "gateway_inconclusive_answers_count_positive",
    );
  });
});
