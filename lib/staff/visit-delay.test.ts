import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, doctors, notifications, reservations } from "@/db/schema";
import { myAppointments } from "@/lib/booking/my-appointments";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { tehranInstant } from "@/lib/time/tehran";
import { announceDelay } from "./visit-delay";
import { joinClinicsOf, makeActor } from "./testing/staff-fixtures";

const { db } = setupTestDatabase();

const DAY = "2031-01-05";
const NOW = tehranInstant(DAY, "10:00");
const FEE = 2_500_000;

/** A doctor with two patients booked later today, one tomorrow; the wallet pays before NOW. */
async function setup() {
  const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
  const { engine } = buildEngine(db(), "http://127.0.0.1:9/sandbox", { now: () => tehranInstant(DAY, "07:00") });
  const book = async (startsAt: Date) => {
    const slot = await makeSlot(db(), doctor.id, { startsAt });
    const patient = await makePatient(db(), { balanceRial: FEE });
    const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
    if (!paid.ok) throw new Error(paid.error.code);
    return patient;
  };
  const today = [await book(tehranInstant(DAY, "11:00")), await book(tehranInstant(DAY, "17:30"))];
  const tomorrow = await book(tehranInstant("2031-01-06", "09:00"));
  return { doctor, today, tomorrow };
}

const delayOf = async (patientId: string) => (await myAppointments(db(), patientId))[0]!.delayMinutes;

describe("announcing a delay", () => {
  it("tells each patient of the rest of today once, audited, and shows on their appointments", async () => {
    const w = await setup();
    const staff = await makeActor(db(), "staff");
    await joinClinicsOf(db(), staff, [w.doctor]);
    const done = await announceDelay(db(), staff, { doctorId: w.doctor.id, minutes: 45, noticeKey: randomUUID() }, NOW);
    expect(done).toMatchObject({ ok: true, value: { notified: 2, repeated: false } });
    const sent = await db().select().from(notifications).where(eq(notifications.kind, "visit_delayed"));
    expect(sent.map((n) => n.recipientId).sort()).toEqual(w.today.map((p) => p.id).sort());
    expect(sent[0]!.body).toContain("۴۵ دقیقه دیرتر");
    expect(await delayOf(w.today[0]!.id)).toBe(45);
    expect(await delayOf(w.tomorrow.id)).toBeNull();
    expect((await db().select().from(auditLog)).map((a) => a.action)).toEqual(["visit.delay"]);
  });

  it("submitted twice at once is one announcement: one notification per patient", async () => {
    const w = await setup();
    const staff = await makeActor(db(), "staff");
    await joinClinicsOf(db(), staff, [w.doctor], "clinic_admin");
    const input = { doctorId: w.doctor.id, minutes: 30, noticeKey: randomUUID() };
    const results = await Promise.all([announceDelay(db(), staff, input, NOW), announceDelay(db(), staff, input, NOW)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.value.repeated : null)).sort()).toEqual([false, true]);
    const sent = await db().select().from(notifications).where(eq(notifications.kind, "visit_delayed"));
    expect(sent).toHaveLength(2);
    expect(await db().select().from(auditLog)).toHaveLength(1);
  });

  it("the doctor themselves and the platform admin may announce; another clinic's staff, other doctors and patients may not", async () => {
    const w = await setup();
    const doctorUser = await makeActor(db(), "doctor");
    await db().update(doctors).set({ userId: doctorUser.userId }).where(eq(doctors.id, w.doctor.id));
    const admin = await makeActor(db(), "admin");
    const otherStaff = await makeActor(db(), "staff");
    await joinClinicsOf(db(), otherStaff, [await makeDoctor(db())], "clinic_admin");
    const noClinic = await makeActor(db(), "staff");
    const otherDoctor = await makeActor(db(), "doctor");
    const announce = (actor: Parameters<typeof announceDelay>[1]) =>
      announceDelay(db(), actor, { doctorId: w.doctor.id, minutes: 15, noticeKey: randomUUID() }, NOW);

    expect(await announce(otherStaff)).toEqual({ ok: false, error: { code: "doctor_not_found" } });
    expect(await announce(noClinic)).toEqual({ ok: false, error: { code: "doctor_not_found" } });
    expect(await announce(otherDoctor)).toEqual({ ok: false, error: { code: "doctor_not_found" } });
    await expect(announce({ userId: w.today[0]!.id, role: "patient" })).rejects.toThrow(/forbidden/);
    expect(await db().select().from(notifications).where(eq(notifications.kind, "visit_delayed"))).toHaveLength(0);

    expect(await announce(doctorUser)).toMatchObject({ ok: true, value: { notified: 2 } });
    expect(await announce(admin)).toMatchObject({ ok: true, value: { notified: 2 } });
    // A later announcement replaces the earlier one on the patient's screen.
    expect(await delayOf(w.today[1]!.id)).toBe(15);
  });

  it("refuses minutes outside 5–240 and a day with no visits left", async () => {
    const w = await setup();
    const admin = await makeActor(db(), "admin");
    for (const minutes of [0, 4, 241, 2.5, Number.NaN]) {
      expect(await announceDelay(db(), admin, { doctorId: w.doctor.id, minutes, noticeKey: randomUUID() }, NOW)).toEqual({
        ok: false,
        error: { code: "bad_minutes" },
      });
    }
    const evening = tehranInstant(DAY, "18:00");
    expect(await announceDelay(db(), admin, { doctorId: w.doctor.id, minutes: 20, noticeKey: randomUUID() }, evening)).toEqual({
      ok: false,
      error: { code: "no_visits" },
    });
    expect(await db().select().from(reservations)).toHaveLength(3);
  });
});
