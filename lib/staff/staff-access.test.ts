import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { auditLog, doctors, reservations, timeSlots, users, walletLedger, weeklySchedules } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { runCleanupAsAdmin } from "@/lib/ops/cleanup";
import { paymentMonitoring } from "@/lib/ops/monitoring";
import { buildEngine } from "@/testing/engine-harness";
import { tehranDateKey } from "@/lib/time/tehran";
import { clinicAgenda } from "./agenda";
import { markAttendance } from "./attendance";
import { auditTrail } from "@/lib/audit/audit";
import { doctorDay, doctorOptions } from "./doctor-day";
import { paymentAttemptsList } from "./payment-attempts";
import { adjustWallet, refundsList } from "./refunds";
import { closeDay, closeSlot, reopenSlot } from "./slot-closing";
import { todayOverview } from "./today-overview";
import { generateSlots, updateWeeklySchedule, weeklyScheduleOf } from "./weekly-schedule";

/** The data layer is the line of defence: whatever a page or action forgets, a patient or a doctor gets
 * nothing from a staff service, and nothing changes. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const actors = {} as Record<keyof typeof DEMO_PHONES, Actor>;
let someReservation: { id: string; slotId: string; doctorId: string };
let otherDoctorId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db());
  for (const [key, phone] of Object.entries(DEMO_PHONES)) {
    const [user] = await db().select().from(users).where(eq(users.phone, phone));
    actors[key as keyof typeof DEMO_PHONES] = { userId: user!.id, role: user!.role };
  }
  const [reservation] = await db().select().from(reservations).where(eq(reservations.status, "attended"));
  someReservation = reservation!;
  const [other] = await db().select().from(doctors).where(eq(doctors.name, "دکتر علی رضایی"));
  otherDoctorId = other!.id;
});
afterAll(() => database.close());

const everything = async () => ({
  reservations: await db().select().from(reservations).orderBy(reservations.id),
  slots: await db().select().from(timeSlots).orderBy(timeSlots.id),
  schedules: await db().select().from(weeklySchedules).orderBy(weeklySchedules.id),
  ledger: await db().select().from(walletLedger).orderBy(walletLedger.id),
  audit: await db().select().from(auditLog).orderBy(auditLog.id),
});

function staffCalls(actor: Actor | null) {
  const now = new Date();
  const range = { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 30 * 86_400_000) };
  const slot = { slotId: someReservation.slotId };
  return {
    todayOverview: () => todayOverview(db(), actor),
    doctorOptions: () => doctorOptions(db(), actor),
    markAttendance: () => markAttendance(db(), actor, { reservationId: someReservation.id, attendance: "no_show" }),
    closeSlot: () => closeSlot(db(), actor, { ...slot, confirmedReservationIds: [someReservation.id], reason: "x" }),
    closeDay: () => closeDay(db(), actor, { doctorId: someReservation.doctorId, date: tehranDateKey(now), reason: "x" }),
    reopenSlot: () => reopenSlot(db(), actor, slot),
    updateWeeklySchedule: () => updateWeeklySchedule(db(), actor, { doctorId: someReservation.doctorId, intervals: [] }),
    generateSlots: () => generateSlots(db(), actor, { days: 30 }),
    paymentAttemptsList: () => paymentAttemptsList(db(), actor, {}),
    refundsList: () => refundsList(db(), actor),
    paymentMonitoring: () => paymentMonitoring(db(), actor, 30),
    adjustWallet: () => adjustWallet(db(), actor, { phone: DEMO_PHONES.patientWithBalance, amountRial: 1_000_000, reason: "x" }),
    auditTrail: () => auditTrail(db(), actor),
    cleanup: () => runCleanupAsAdmin(buildEngine(db(), "http://127.0.0.1:9/sandbox").engine, actor, { hours: 0, dryRun: false }),
    staffCancel: () => cancelReservationAsStaff(db(), actor, { reservationId: someReservation.id, reason: "x" }, { fullRefundHours: 24 }),
    agenda: () => clinicAgenda(db(), actor, range),
  };
}

describe("staff services", () => {
  it("answer staff and admins", async () => {
    await expect(todayOverview(db(), actors.staff)).resolves.toMatchObject({ appointmentsToday: 0, ghostRecords: null });
    await expect(todayOverview(db(), actors.admin)).resolves.toMatchObject({ appointmentsToday: 0, ghostRecords: 0 });
    await expect(paymentAttemptsList(db(), actors.admin, {})).resolves.toMatchObject({ total: 9 });
    // The demo receptionist works for بوعلی, which has five of the fourteen doctors (tenancy.test.ts).
    await expect(doctorOptions(db(), actors.staff)).resolves.toHaveLength(5);
    await expect(doctorOptions(db(), actors.admin)).resolves.toHaveLength(14);
  });

  it.each(["patientWithBalance", "doctor", "anonymous"] as const)("give %s nothing and change nothing", async (who) => {
    const actor = who === "anonymous" ? null : actors[who];
    const before = await everything();
    const calls = staffCalls(actor);
    for (const [name, call] of Object.entries(calls)) {
      // Their own only (the next test): their agenda, and their own day off (closeDay, and the cancellations it makes).
      if (who === "doctor" && ["agenda", "closeDay", "staffCancel"].includes(name)) continue;
      await expect(call(), `${name} for ${who}`).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await everything()).toEqual(before);
  });

  it("give a doctor only their own appointments, day and week, and nobody else's", async () => {
    const own = await clinicAgenda(db(), actors.doctor, {
      from: new Date(0),
      to: new Date(Date.now() + 30 * 86_400_000),
      doctorId: otherDoctorId,
    });
    const [mine] = await db().select().from(doctors).where(eq(doctors.userId, actors.doctor.userId));
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((a) => a.doctorId))).toEqual(new Set([mine!.id]));
    expect(await doctorDay(db(), actors.doctor, { doctorId: otherDoctorId, date: tehranDateKey(new Date()) })).toBeNull();
    expect(await closeDay(db(), actors.doctor, { doctorId: otherDoctorId, date: tehranDateKey(new Date()), reason: "x" })).toEqual({
      ok: false,
      error: { code: "doctor_not_found" },
    });
    expect(await weeklyScheduleOf(db(), actors.doctor, otherDoctorId)).toBeNull();
    expect((await weeklyScheduleOf(db(), actors.doctor, mine!.id))!.length).toBeGreaterThan(0);
  });

  it("keep admin-only work from staff", async () => {
    const calls = staffCalls(actors.staff);
    for (const name of ["adjustWallet", "auditTrail", "cleanup"] as const) {
      await expect(calls[name](), name).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
