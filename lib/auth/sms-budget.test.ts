import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/shared/log";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { otpCodes, smsBudgetMinutes, smsOutbox } from "@/db/schema";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { collectMetrics } from "@/lib/ops/metrics";
import { violatedConstraint } from "@/lib/shared/pg-errors";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import { requestOtp } from "./otp";
import { smsBudgetUsage } from "./sms-budget";

// Real Postgres: the budget is a race between app instances, which PGlite (one statement at a time) cannot run.
let database: Awaited<ReturnType<typeof createRacePostgres>>;
let db: Db;
beforeAll(async () => {
  database = await createRacePostgres({ poolMax: 30 });
  db = database.db;
});
afterAll(() => database.close());

let sequence = 0;
const freshPhone = () => `0936${String(++sequence).padStart(7, "0")}`;
const freshIp = () => `10.1.${Math.floor(++sequence / 250)}.${sequence % 250}`;
const MINUTE = 60_000;

/** Each test its own hour, far from the others, so their budgets never share a window. */
let hour = 0;
const freshHour = () => new Date(Date.UTC(2033, 0, 1, ++hour * 3, 0, 0));

async function codesSentSince(from: Date) {
  const rows = await db.select({ createdAt: otpCodes.createdAt }).from(otpCodes);
  return rows.filter((r) => r.createdAt >= from && r.createdAt.getTime() < from.getTime() + 2 * 60 * MINUTE).length;
}

describe("the global hourly SMS budget", () => {
  it("refuses codes past the budget for every number and address, and counts the refusals", async () => {
    const t0 = freshHour();
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    try {
      const sms = outboxDriver(db);
      for (let i = 0; i < 3; i++) {
        const sent = await requestOtp(db, sms, {
          phone: freshPhone(),
          ip: freshIp(),
          now: new Date(t0.getTime() + i * MINUTE),
          smsHourlyBudget: 3,
        });
        expect(sent.ok).toBe(true);
      }
      const phone = freshPhone();
      const refused = await requestOtp(db, sms, { phone, ip: freshIp(), now: new Date(t0.getTime() + 10 * MINUTE), smsHourlyBudget: 3 });
      // The first code of the window leaves it at t0 + 60 min: 50 minutes from now.
      expect(refused).toEqual({ ok: false, error: { code: "sms_budget_exhausted", retryAfterSeconds: 50 * 60 } });
      const [outbox] = await db.select({ n: count() }).from(smsOutbox).where(eq(smsOutbox.phone, phone));
      expect(outbox!.n).toBe(0);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("SMS_HOURLY_BUDGET reached: 3 sign-in codes"));
      expect(warn.mock.calls.at(-1)![0]).not.toContain(phone);

      // A later minute of the same hour is still refused; once the first minute has left the window, one more.
      const stillRefused = await requestOtp(db, sms, {
        phone: freshPhone(),
        ip: freshIp(),
        now: new Date(t0.getTime() + 59 * MINUTE),
        smsHourlyBudget: 3,
      });
      expect(stillRefused.ok).toBe(false);
      const freed = await requestOtp(db, sms, { phone, ip: freshIp(), now: new Date(t0.getTime() + 60 * MINUTE), smsHourlyBudget: 3 });
      expect(freed.ok).toBe(true);

      const usage = await smsBudgetUsage(db, new Date(t0.getTime() + 60 * MINUTE));
      expect(usage.sentInWindow).toBe(3);
      const refusals = await db.select({ refused: smsBudgetMinutes.refused }).from(smsBudgetMinutes);
      expect(refusals.reduce((sum, r) => sum + r.refused, 0)).toBeGreaterThanOrEqual(2);
    } finally {
      warn.mockRestore();
    }
  });

  it("does not spend the budget on a request the per-number limit refuses", async () => {
    const t0 = freshHour();
    const sms = outboxDriver(db);
    const phone = freshPhone();
    expect((await requestOtp(db, sms, { phone, ip: freshIp(), now: t0, smsHourlyBudget: 2 })).ok).toBe(true);
    // Within the resend cooldown: refused by the per-number limit, the budget keeps its last place.
    const cooldown = await requestOtp(db, sms, { phone, ip: freshIp(), now: new Date(t0.getTime() + 1000), smsHourlyBudget: 2 });
    expect(cooldown.ok ? "ok" : cooldown.error.code).toBe("rate_limited");
    expect(
      (await requestOtp(db, sms, { phone: freshPhone(), ip: freshIp(), now: new Date(t0.getTime() + 2000), smsHourlyBudget: 2 })).ok,
    ).toBe(true);
  });

  it("holds when many requests arrive at once on several connections, as from several instances", async () => {
    const t0 = freshHour();
    const sms = outboxDriver(db);
    const budget = 5;
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const results = await Promise.all(
      Array.from({ length: 25 }, () => requestOtp(db, sms, { phone: freshPhone(), ip: freshIp(), now: t0, smsHourlyBudget: budget })),
    ).finally(() => warn.mockRestore());
    expect(results.filter((r) => r.ok)).toHaveLength(budget);
    expect(results.filter((r) => !r.ok && r.error.code === "sms_budget_exhausted")).toHaveLength(25 - budget);
    expect(await codesSentSince(t0)).toBe(budget);
    const [row] = await db.select().from(smsBudgetMinutes).where(eq(smsBudgetMinutes.minute, t0));
    expect(row).toMatchObject({ sent: budget, refused: 25 - budget });
  });

  it("cannot hold a negative count", async () => {
    const minute = freshHour();
    for (const row of [
      { minute, sent: -1 },
      { minute, refused: -1 },
    ]) {
      const error = await db
        .insert(smsBudgetMinutes)
        .values(row)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(violatedConstraint(error)).toBe("sms_budget_minutes_counts");
    }
  });

  it("is exported in /api/metrics", async () => {
    const text = await collectMetrics(db);
    expect(text).toContain("# TYPE drturn_sms_budget_refusals_total counter");
    expect(text).toMatch(/^drturn_sms_budget_refusals_total [1-9]\d*$/m);
    expect(text).toContain("# TYPE drturn_sms_budget_sent_last_hour gauge");
    expect(text).toMatch(/^drturn_sms_budget_sent_last_hour \d+$/m);
  });
});
