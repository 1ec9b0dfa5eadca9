import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addDays, tehranInstant } from "@/lib/time/tehran";
import { paymentAttemptsList } from "./payment-attempts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
let admin: Actor;
const TODAY = "2031-01-04";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db(), tehranInstant(TODAY, "10:00"));
  // The platform admin sees every clinic's attempts and the top-ups (tenancy has its own tests).
  const [user] = await db().select().from(users).where(eq(users.phone, DEMO_PHONES.admin));
  admin = { userId: user!.id, role: "admin" };
});
afterAll(() => database.close());

describe("paymentAttemptsList", () => {
  it("lists every attempt newest first, with what it paid for, its retry number and its refund", async () => {
    const all = await paymentAttemptsList(db(), admin, {});
    expect(all.total).toBe(9);
    expect(all.rows.map((r) => r.createdAt.getTime())).toEqual([...all.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    const retry = all.rows.find((r) => r.retryOf !== null)!;
    expect(retry).toMatchObject({
      retryNumber: 1,
      status: "paid",
      outcome: "fulfilled",
      doctorName: "دکتر سارا احمدی",
      reservationStatus: "no_show",
    });
    expect(retry.slotStartsAt).toEqual(tehranInstant(addDays(TODAY, -3), "11:00"));
    expect(all.rows.find((r) => r.id === retry.retryOf)).toMatchObject({ retryNumber: 0, status: "failed", reservationId: null });
    expect(all.rows.find((r) => r.outcome === "auto_refunded")).toMatchObject({
      autoRefundRial: 2_500_000,
      reservationId: null,
      refId: expect.any(String),
    });
    expect(all.rows.find((r) => r.purpose === "topup")).toMatchObject({ status: "failed", authority: null, doctorName: null });
  });

  it("filters by status, by time and by the patient's phone", async () => {
    expect((await paymentAttemptsList(db(), admin, { status: "abandoned" })).rows).toHaveLength(1);
    expect((await paymentAttemptsList(db(), admin, { status: "failed" })).rows).toHaveLength(2);
    const dayBefore = { from: tehranInstant(addDays(TODAY, -3), "00:00"), to: tehranInstant(addDays(TODAY, -2), "00:00") };
    expect((await paymentAttemptsList(db(), admin, dayBefore)).total).toBe(3);
    expect(
      (await paymentAttemptsList(db(), admin, { phone: "۰۹۱۲۰۰۰۰۰۰۲" })).rows.every(
        (r) => r.patientPhone === DEMO_PHONES.patientEmptyWallet,
      ),
    ).toBe(true);
    expect((await paymentAttemptsList(db(), admin, { phone: "۰۹۱۲۰۰۰۰۰۰۲" })).total).toBe(4);
  });
});
