import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt } from "drizzle-orm";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { doctors, timeSlots, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { auditTrail } from "@/lib/audit/audit";
import { adjustWallet } from "./refunds";
import { closeDay } from "./slot-closing";
import { generateSlots } from "./weekly-schedule";

/** The trail is read by people: every row names its patient, doctor and time instead of ids. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const actor = async (phone: string): Promise<Actor> => {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db());
});
afterAll(() => database.close());

describe("auditTrail", () => {
  it("names the subject of each row: reservation, doctor's day, doctors, wallet", async () => {
    const admin = await actor(DEMO_PHONES.admin);
    const receptionist = await actor(DEMO_PHONES.staff);
    const [doctor] = await db().select().from(doctors).where(eq(doctors.name, "دکتر کامران اکبری"));
    // A working day of the doctor far enough ahead that no demo visit is on it: nothing to confirm.
    const [slot] = await db()
      .select()
      .from(timeSlots)
      .where(and(eq(timeSlots.doctorId, doctor!.id), gt(timeSlots.startsAt, tehranInstant(addDays(tehranDateKey(new Date()), 3), "00:00"))))
      .limit(1);
    const day = tehranDateKey(slot!.startsAt);
    expect(await closeDay(db(), receptionist, { doctorId: doctor!.id, date: day })).toMatchObject({ ok: true });
    expect(await generateSlots(db(), receptionist, { days: 3 })).toMatchObject({ ok: true });
    expect(await adjustWallet(db(), admin, { phone: DEMO_PHONES.patientEmptyWallet, amountRial: 50_000, reason: "جبران" })).toMatchObject({
      ok: true,
    });

    const { rows } = await auditTrail(db(), admin);
    const byAction = new Map(rows.map((r) => [`${r.action}:${r.subjectType}`, r.subject]));
    expect(byAction.get("reservation.cancel:reservation")).toMatchObject({
      kind: "reservation",
      patientName: "زهرا محمدی",
      doctorName: "دکتر رضا یاری",
      startsAt: expect.any(Date),
    });
    expect(byAction.get("slot.close:doctor_day")).toEqual({ kind: "doctor_day", doctorName: "دکتر کامران اکبری", date: day });
    expect(byAction.get("slots.generate:doctors")).toEqual({ kind: "doctors", names: ["درمانگاه تخصصی بوعلی"] });
    expect(byAction.get("wallet.adjust:wallet")).toMatchObject({
      kind: "wallet",
      patientName: "امیر حسینی",
      patientPhone: DEMO_PHONES.patientEmptyWallet,
    });

    // The clinic admin of بوعلی reads the same rows of their clinic, and not the platform's adjustment.
    const clinicTrail = await auditTrail(db(), await actor(DEMO_PHONES.clinicAdmin));
    expect(clinicTrail.rows.map((r) => r.action).sort()).toEqual(["reservation.cancel", "slot.close", "slots.generate"]);
  });
});
