import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { paymentAttempts, reservations, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { walletBalance } from "@/lib/ledger/ledger";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { ghostRecords } from "@/lib/invariants/ghost-records";
import { collectMetrics } from "./metrics";
import { paymentMonitoring } from "./monitoring";

/** The demo seed's payment history (lib/demo/seed-payment-history.ts) is what the monitoring page must show. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
let staff: Actor;

const TODAY = "2031-01-04";
const NOW = tehranInstant(TODAY, "10:00");
const ago = (days: number) => addDays(TODAY, -days);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db(), NOW);
  // The platform admin: every clinic's attempts and the ghost-record count (tenancy has its own tests).
  const [user] = await db().select().from(users).where(eq(users.phone, DEMO_PHONES.admin));
  staff = { userId: user!.id, role: "admin" };
});
afterAll(() => database.close());

describe("the seeded payment history", () => {
  it("keeps every invariant: no ghost records, balances equal their ledgers, one refund per refunded attempt", async () => {
    expect(await invariantViolations(db())).toEqual([]);
    const [zahra] = await db().select().from(users).where(eq(users.phone, DEMO_PHONES.patientWithBalance));
    expect(await walletBalance(db(), zahra!.id)).toBe(20_000_000); // the README's 2,000,000 Toman
    expect(await ghostRecords(db())).toEqual({ reservations: 0, chatRequests: 0, total: 0, sample: [] });
  });

  it("shows per Tehran day what the seed implies, over 7 and over 30 days", async () => {
    const week = await paymentMonitoring(db(), staff, 7, NOW);
    expect(week.days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(TODAY, i - 6)));
    const byDate = new Map(week.days.map((d) => [d.date, d]));
    expect(byDate.get(ago(1))).toMatchObject({ total: 1, failed: 1, fulfilled: 0, successRate: 0 });
    expect(byDate.get(ago(2))).toMatchObject({ total: 1, fulfilled: 1, successRate: 1 });
    expect(byDate.get(ago(3))).toMatchObject({ total: 3, fulfilled: 1, autoRefunded: 1, failed: 1, retries: 1, maxIntentBytes: 606 });
    expect(byDate.get(ago(3))!.successRate).toBeCloseTo(2 / 3);
    expect(byDate.get(ago(4))).toMatchObject({ total: 0, successRate: null, maxIntentBytes: null });
    expect(byDate.get(ago(5))).toMatchObject({ total: 1, fulfilled: 1 });
    expect(byDate.get(ago(6))).toMatchObject({ total: 1, abandoned: 1, successRate: 0 });
    expect(byDate.get(TODAY)).toMatchObject({ total: 0 });
    expect(week.totals).toMatchObject({
      total: 7,
      fulfilled: 3,
      autoRefunded: 1,
      failed: 2,
      abandoned: 1,
      pending: 0,
      verifying: 0,
      retries: 1,
      maxIntentBytes: 640,
    });
    expect(week.totals.successRate).toBeCloseTo(4 / 7);
    expect(week.verifyingNow).toBe(0);
    expect(week.ghosts!.total).toBe(0);

    const month = await paymentMonitoring(db(), staff, 30, NOW);
    expect(month.days).toHaveLength(30);
    expect(month.days.find((d) => d.date === ago(22))).toMatchObject({ total: 1, fulfilled: 1 });
    expect(month.days.find((d) => d.date === ago(12))).toMatchObject({ total: 1, fulfilled: 1 });
    expect(month.totals).toMatchObject({ total: 9, fulfilled: 5, autoRefunded: 1, failed: 2, abandoned: 1, retries: 1 });
  });

  it("exposes the same in Prometheus text", async () => {
    const text = await collectMetrics(db());
    expect(text).toContain("# TYPE drturn_payment_attempts gauge\n");
    expect(text).toContain('drturn_payment_attempts{purpose="reservation",result="fulfilled"} 5\n');
    expect(text).toContain('drturn_payment_attempts{purpose="reservation",result="auto_refunded"} 1\n');
    expect(text).toContain('drturn_payment_attempts{purpose="reservation",result="failed"} 1\n');
    expect(text).toContain('drturn_payment_attempts{purpose="topup",result="failed"} 1\n');
    expect(text).toContain('drturn_payment_attempts{purpose="reservation",result="abandoned"} 1\n');
    expect(text).toContain('drturn_payment_attempts{purpose="chat",result="verifying"} 0\n');
    expect(text).toContain('drturn_payment_retries_total{purpose="reservation"} 1\n');
    expect(text).toContain("drturn_payment_auto_refunds_total 1\n");
    expect(text).toContain("drturn_payment_auto_refunded_rial_total 2500000\n");
    expect(text).toContain('drturn_ghost_records{kind="reservation"} 0\n');
    expect(text).toContain('drturn_ghost_records{kind="chat_request"} 0\n');
    // verify_ms of the seeded gateway payments: 300, 380, 420, 510 → 0.5s holds 3, 1s all 4.
    expect(text).toContain('drturn_payment_verify_duration_seconds_bucket{le="0.25"} 0\n');
    expect(text).toContain('drturn_payment_verify_duration_seconds_bucket{le="0.5"} 3\n');
    expect(text).toContain('drturn_payment_verify_duration_seconds_bucket{le="1"} 4\n');
    expect(text).toContain('drturn_payment_verify_duration_seconds_bucket{le="+Inf"} 4\n');
    expect(text).toContain("drturn_payment_verify_duration_seconds_sum 1.61\n");
    expect(text).toContain("drturn_payment_verify_duration_seconds_count 4\n");
    for (const line of text.trimEnd().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+]+)$/);
  });

  it("counts a reservation without a verified payment behind it as a ghost, live", async () => {
    await db()
      .transaction(async (tx) => {
        const [reservation] = await tx.select().from(reservations).where(eq(reservations.status, "attended")).limit(1);
        // Someone "fixes" a paid attempt by hand: its record is now a ghost.
        await tx.update(paymentAttempts).set({ refId: null }).where(eq(paymentAttempts.id, reservation!.paymentAttemptId));
        const ghosts = await ghostRecords(tx);
        expect(ghosts).toEqual({ reservations: 1, chatRequests: 0, total: 1, sample: [{ kind: "reservation", id: reservation!.id }] });
        expect(await collectMetrics(tx)).toContain('drturn_ghost_records{kind="reservation"} 1\n');
        expect((await paymentMonitoring(tx, staff, 7, NOW)).ghosts!.total).toBe(1);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === "Rollback")) throw error;
      });
    expect((await ghostRecords(db())).total).toBe(0);
  });
});
