import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, paymentAttempts, reservations, timeSlots, users } from "@/db/schema";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { generateSlotsAhead } from "@/lib/booking/slot-generation";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { doctorFreeSlots, nearestFreeSlots, slotDaysJson } from "./doctor-slots";

// Slots were generated from just after midnight; "now" is Monday 10:00 in Tehran, so Monday's first hour is past.
const TODAY = "2025-01-06";
const SEEDED_AT = tehranInstant(TODAY, "00:30");
const NOW = tehranInstant(TODAY, "10:00");
const TUESDAY = addDays(TODAY, 1);
const WEDNESDAY = addDays(TODAY, 2);

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
/** Works Saturday to Wednesday 09:00–12:00 in 15-minute slots, and Saturday, Sunday and Tuesday afternoons. */
let doctorId: string;
let patientId: string;

async function slotAt(date: string, time: string) {
  const [slot] = await db
    .select()
    .from(timeSlots)
    .where(and(eq(timeSlots.doctorId, doctorId), eq(timeSlots.startsAt, tehranInstant(date, time))));
  return slot!;
}

/** A live reservation, paid at the gateway as the payment flow would leave it. */
async function reserve(slot: { id: string; doctorId: string }) {
  const [attempt] = await db
    .insert(paymentAttempts)
    .values({
      userId: patientId,
      purpose: "reservation",
      target: { kind: "reservation", slotId: slot.id },
      amountRial: 3_500_000,
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
    .values({ slotId: slot.id, doctorId: slot.doctorId, patientId, paymentAttemptId: attempt!.id, amountRial: 3_500_000 })
    .returning();
  return reservation!;
}

const times = (slots: { startsAt: Date }[]) => slots.map((slot) => slot.startsAt.getTime());
const at = (date: string, ...clock: string[]) => clock.map((time) => tehranInstant(date, time).getTime());

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoData(db, SEEDED_AT);
  await generateSlotsAhead(db, { days: 21, now: SEEDED_AT }); // more than the calendar shows
  const [doctor] = await db.select().from(doctors).where(eq(doctors.name, "دکتر مریم کریمی"));
  const [patient] = await db.select().from(users).where(eq(users.phone, DEMO_PHONES.patientWithBalance));
  doctorId = doctor!.id;
  patientId = patient!.id;
});
afterAll(() => database.close());

describe("doctorFreeSlots", () => {
  it("lists the next 14 Tehran days, each with its free future slots in time order", async () => {
    const days = (await doctorFreeSlots(db, { doctorId, now: NOW }))!;
    expect(days.map((day) => day.date)).toEqual(Array.from({ length: 14 }, (_, i) => addDays(TODAY, i)));
    for (const day of days) {
      for (const slot of day.slots) {
        expect(tehranDateKey(slot.startsAt)).toBe(day.date);
        expect(slot.startsAt.getTime()).toBeGreaterThan(NOW.getTime());
      }
      expect(times(day.slots)).toEqual([...times(day.slots)].sort((a, b) => a - b));
    }
    const byDate = new Map(days.map((day) => [day.date, day.slots]));
    expect(times(byDate.get(TODAY)!)).toEqual(at(TODAY, "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45"));
    expect(byDate.get(TUESDAY)).toHaveLength(24); // morning and afternoon
    expect(byDate.get(addDays(TODAY, 3))).toEqual([]); // Thursday
    expect(byDate.get(addDays(TODAY, 4))).toEqual([]); // Friday
    expect(byDate.get(addDays(TODAY, 13))!.length).toBeGreaterThan(0); // the 14th day, a Sunday
  });

  it("leaves out a slot with a live reservation, and shows it again once that is cancelled", async () => {
    const slot = await slotAt(TUESDAY, "09:00");
    const reservation = await reserve(slot);
    const ids = async () => (await doctorFreeSlots(db, { doctorId, now: NOW }))!.flatMap((day) => day.slots.map((s) => s.id));
    expect(await ids()).not.toContain(slot.id);
    await db.update(reservations).set({ status: "cancelled", cancelledAt: NOW }).where(eq(reservations.id, reservation.id));
    expect(await ids()).toContain(slot.id);
  });

  it("leaves out a closed slot", async () => {
    const slot = await slotAt(TUESDAY, "16:00");
    await db.update(timeSlots).set({ status: "closed" }).where(eq(timeSlots.id, slot.id));
    const tuesday = (await doctorFreeSlots(db, { doctorId, now: NOW }))!.find((day) => day.date === TUESDAY)!;
    expect(tuesday.slots.map((s) => s.id)).not.toContain(slot.id);
    expect(tuesday.slots).toHaveLength(23);
  });

  it("answers null for a doctor that does not exist", async () => {
    expect(await doctorFreeSlots(db, { doctorId: "3f1c2a4e-9b7d-4c1a-8e2f-1a2b3c4d5e6f", now: NOW })).toBeNull();
  });

  it("serializes to the API's JSON shape", async () => {
    const days = (await doctorFreeSlots(db, { doctorId, now: NOW }))!;
    const json = slotDaysJson(days);
    expect(json.days[0]!.slots[0]).toEqual({ id: days[0]!.slots[0]!.id, startsAt: tehranInstant(TODAY, "10:15").toISOString() });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("nearestFreeSlots", () => {
  it("orders the doctor's free slots by distance from the wanted time, before or after it", async () => {
    const found = await nearestFreeSlots(db, { doctorId, around: tehranInstant(WEDNESDAY, "10:10"), limit: 3, now: NOW });
    expect(times(found)).toEqual(at(WEDNESDAY, "10:15", "10:00", "10:30"));
  });

  it("puts the earlier of two equally near slots first", async () => {
    const found = await nearestFreeSlots(db, { doctorId, around: tehranInstant(WEDNESDAY, "10:07:30"), limit: 2, now: NOW });
    expect(times(found)).toEqual(at(WEDNESDAY, "10:00", "10:15"));
  });

  it("skips taken and closed slots", async () => {
    await reserve(await slotAt(WEDNESDAY, "10:00"));
    await db
      .update(timeSlots)
      .set({ status: "closed" })
      .where(eq(timeSlots.id, (await slotAt(WEDNESDAY, "10:15")).id));
    const found = await nearestFreeSlots(db, { doctorId, around: tehranInstant(WEDNESDAY, "10:10"), limit: 3, now: NOW });
    expect(times(found)).toEqual(at(WEDNESDAY, "10:30", "09:45", "10:45"));
  });

  it("never offers a slot that has already started", async () => {
    const found = await nearestFreeSlots(db, { doctorId, around: tehranInstant(TODAY, "09:00"), limit: 2, now: NOW });
    expect(times(found)).toEqual(at(TODAY, "10:15", "10:30"));
  });

  it("returns nothing for a limit of zero", async () => {
    expect(await nearestFreeSlots(db, { doctorId, around: NOW, limit: 0, now: NOW })).toEqual([]);
  });
});
