import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, paymentAttempts, reservations, timeSlots, users } from "@/db/schema";
import { seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { creditWallet } from "@/lib/ledger/ledger";
import { generateSlotsAhead } from "@/lib/booking/slot-generation";
import { reservationCheckoutView } from "./checkout-view";

const NOW = new Date("2025-01-06T06:30:00Z");

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let doctor: typeof doctors.$inferSelect;
let slots: (typeof timeSlots.$inferSelect)[];

async function newPatient(phone: string) {
  const [user] = await db.insert(users).values({ phone }).returning();
  return user!.id;
}

async function reserve(slot: typeof timeSlots.$inferSelect, patientId: string) {
  const [attempt] = await db
    .insert(paymentAttempts)
    .values({
      userId: patientId,
      purpose: "reservation",
      target: { kind: "reservation", slotId: slot.id },
      amountRial: doctor.visitFeeRial,
      gateway: "sandbox",
      authority: `test-${crypto.randomUUID()}`,
      refId: "123456789",
      status: "paid",
      outcome: "fulfilled",
      intentId: "test",
    })
    .returning();
  const [reservation] = await db
    .insert(reservations)
    .values({ slotId: slot.id, doctorId: slot.doctorId, patientId, paymentAttemptId: attempt!.id, amountRial: doctor.visitFeeRial })
    .returning();
  return reservation!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoData(db, NOW);
  await generateSlotsAhead(db, { days: 7, now: NOW });
  doctor = (await db.select().from(doctors).where(eq(doctors.name, "دکتر مریم کریمی")))[0]!;
  slots = await db
    .select()
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, doctor.id), eq(timeSlots.status, "open"), gt(timeSlots.startsAt, NOW)))
    .orderBy(asc(timeSlots.startsAt));
});
afterAll(() => database.close());

describe("reservationCheckoutView", () => {
  it("shows a free slot with the doctor, the fee and the patient's wallet balance", async () => {
    const patient = await newPatient("09350000201");
    await creditWallet(db, { userId: patient, amountRial: 1_230_000, reason: "staff_adjustment", reference: "test-201" });
    const view = (await reservationCheckoutView(db, { slotId: slots[0]!.id, userId: patient, now: NOW }))!;
    expect(view).toMatchObject({
      slotId: slots[0]!.id,
      startsAt: slots[0]!.startsAt,
      doctor: { id: doctor.id, name: doctor.name },
      feeRial: doctor.visitFeeRial,
      walletBalanceRial: 1_230_000,
      unavailable: null,
      bookedByYou: false,
    });
  });

  it("says a slot another patient holds is taken, and one the patient holds is theirs", async () => {
    const holder = await newPatient("09350000202");
    const other = await newPatient("09350000203");
    const reservation = await reserve(slots[1]!, holder);

    const forOther = (await reservationCheckoutView(db, { slotId: slots[1]!.id, userId: other, now: NOW }))!;
    expect(forOther.unavailable).toMatchObject({ code: "slot_unavailable", reason: "taken" });
    expect(forOther.bookedByYou).toBe(false);
    const forHolder = (await reservationCheckoutView(db, { slotId: slots[1]!.id, userId: holder, now: NOW }))!;
    expect(forHolder.unavailable).toMatchObject({ code: "slot_unavailable", reason: "taken" });
    expect(forHolder.bookedByYou).toBe(true);

    // Once cancelled, the slot is free again, also for the patient who had it.
    await db.update(reservations).set({ status: "cancelled", cancelledAt: NOW }).where(eq(reservations.id, reservation.id));
    const again = (await reservationCheckoutView(db, { slotId: slots[1]!.id, userId: holder, now: NOW }))!;
    expect(again).toMatchObject({ unavailable: null, bookedByYou: false });
  });

  it("gives the reason for a closed or past slot, and nothing for an unknown one", async () => {
    const patient = await newPatient("09350000204");
    await db.update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, slots[2]!.id));
    const closed = (await reservationCheckoutView(db, { slotId: slots[2]!.id, userId: patient, now: NOW }))!;
    expect(closed.unavailable).toMatchObject({ reason: "closed" });
    const later = new Date(slots[3]!.startsAt.getTime() + 60_000);
    const past = (await reservationCheckoutView(db, { slotId: slots[3]!.id, userId: patient, now: later }))!;
    expect(past.unavailable).toMatchObject({ reason: "past" });
    expect(await reservationCheckoutView(db, { slotId: "3f1c2a4e-9b7d-4c1a-8e2f-1a2b3c4d5e6f", userId: patient, now: NOW })).toBeNull();
  });
});
