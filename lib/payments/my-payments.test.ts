import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, paymentAttempts, timeSlots, users, type PaymentTarget } from "@/db/schema";
import { seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { generateSlotsAhead } from "@/lib/booking/slot-generation";
import { myPayments } from "./my-payments";

const NOW = new Date("2025-01-06T06:30:00Z");

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let karimi: { id: string; name: string };
let ahmadi: { id: string; name: string };
let karimiSlotId: string;

async function newPatient(phone: string) {
  const [user] = await db.insert(users).values({ phone }).returning();
  return user!.id;
}

async function attempt(userId: string, target: PaymentTarget, values: Partial<typeof paymentAttempts.$inferInsert> & { createdAt: Date }) {
  const [row] = await db
    .insert(paymentAttempts)
    .values({
      userId,
      purpose: target.kind,
      target,
      amountRial: 3_000_000,
      gateway: "sandbox",
      authority: `A${Math.random()}`,
      intentId: "test",
      ...values,
    })
    .returning();
  return row!.id;
}

const minutesAfter = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  // The attempts are written bare, without the records and ledger entries a real payment leaves: the list is
  // under test here, not the invariants.
  database = await createTestDatabase({ checkInvariants: false });
  db = database.db;
  await seedDemoData(db, NOW);
  await generateSlotsAhead(db, { days: 7, now: NOW });
  const doctorNamed = async (name: string) =>
    (await db.select({ id: doctors.id, name: doctors.name }).from(doctors).where(eq(doctors.name, name)))[0]!;
  karimi = await doctorNamed("دکتر مریم کریمی");
  ahmadi = await doctorNamed("دکتر سارا احمدی");
  const [slot] = await db.select().from(timeSlots).where(eq(timeSlots.doctorId, karimi!.id)).limit(1);
  karimiSlotId = slot!.id;
});
afterAll(() => database.close());

describe("myPayments", () => {
  it("lists the patient's attempts newest first, naming the doctor of each visit or chat", async () => {
    const patient = await newPatient("09350000101");
    const visit = await attempt(patient, { kind: "reservation", slotId: karimiSlotId }, { createdAt: minutesAfter(1), status: "failed" });
    const retry = await attempt(
      patient,
      { kind: "reservation", slotId: karimiSlotId },
      { createdAt: minutesAfter(2), status: "paid", outcome: "auto_refunded", retryOf: visit },
    );
    const chat = await attempt(
      patient,
      { kind: "chat", doctorId: ahmadi.id, question: "سلام" },
      { createdAt: minutesAfter(3), gateway: "wallet", authority: null, status: "paid", outcome: "fulfilled" },
    );
    const topup = await attempt(patient, { kind: "topup", amountRial: 1_000_000 }, { createdAt: minutesAfter(4), status: "verifying" });

    const list = await myPayments(db, patient);
    expect(list.map((p) => p.attemptId)).toEqual([topup, chat, retry, visit]);
    expect(list.map((p) => p.doctorName)).toEqual([null, ahmadi.name, karimi.name, karimi.name]);
    expect(list.map((p) => [p.purpose, p.status, p.outcome, p.viaWallet])).toEqual([
      ["topup", "verifying", null, false],
      ["chat", "paid", "fulfilled", true],
      ["reservation", "paid", "auto_refunded", false],
      ["reservation", "failed", null, false],
    ]);
  });

  it("never shows another patient's payments, and stops at the limit", async () => {
    const mine = await newPatient("09350000102");
    const theirs = await newPatient("09350000103");
    await attempt(theirs, { kind: "topup", amountRial: 1_000_000 }, { createdAt: minutesAfter(1) });
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(await attempt(mine, { kind: "topup", amountRial: 1_000_000 }, { createdAt: minutesAfter(10 + i) }));

    expect((await myPayments(db, mine)).map((p) => p.attemptId)).toEqual(ids.toReversed());
    expect((await myPayments(db, mine, 2)).map((p) => p.attemptId)).toEqual(ids.toReversed().slice(0, 2));
    expect(await myPayments(db, await newPatient("09350000104"))).toEqual([]);
  });
});
