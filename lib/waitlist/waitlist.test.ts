import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { waitlistEntries, waitlistOffers } from "@/db/schema";
import { deleteMyAccount } from "@/lib/privacy/account-deletion";
import { exportMyData } from "@/lib/privacy/patient-export";
import { makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { violatedConstraint } from "@/lib/shared/pg-errors";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { joinWaitlist, leaveWaitlist, myWaitlist } from "./waitlist";

/* Joining and leaving a doctor's waitlist, and the constraints behind it. */

const { db } = setupTestDatabase();
const now = new Date();
const today = tehranDateKey(now);
const asPatient = (user: { id: string }) => ({ userId: user.id, role: "patient" as const });

describe("joining a waitlist", () => {
  it("is for a doctor without free time in the window; once per doctor until left; with an optional range of days", async () => {
    const doctor = await makeDoctor(db());
    const patient = await makePatient(db());
    // A free time tomorrow: nothing to wait for in the next 14 days, nor on tomorrow alone.
    await makeSlot(db(), doctor.id, { startsAt: tehranInstant(addDays(today, 1), "10:00") });
    expect(await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id }, now)).toEqual({
      ok: false,
      error: { code: "free_times_exist" },
    });
    const tomorrow = addDays(today, 1);
    expect(await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id, fromDate: tomorrow, toDate: tomorrow }, now)).toMatchObject({
      ok: false,
      error: { code: "free_times_exist" },
    });
    // The day after has none: the patient may wait for that day.
    const dayAfter = addDays(today, 2);
    const joined = await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id, fromDate: dayAfter, toDate: dayAfter }, now);
    expect(joined.ok).toBe(true);
    expect(await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id, fromDate: addDays(today, 3) }, now)).toEqual({
      ok: false,
      error: { code: "already_waiting" },
    });
    expect(await myWaitlist(db(), patient.id)).toMatchObject([{ doctorId: doctor.id, fromDate: dayAfter, toDate: dayAfter }]);
  });

  it("refuses a range backwards, in the past or too far ahead, and a doctor who does not exist", async () => {
    const doctor = await makeDoctor(db());
    const me = asPatient(await makePatient(db()));
    for (const range of [
      { fromDate: addDays(today, 5), toDate: addDays(today, 4) },
      { fromDate: addDays(today, -1) },
      { toDate: addDays(today, 91) },
      { fromDate: "1404-09-01" },
    ]) {
      expect(await joinWaitlist(db(), me, { doctorId: doctor.id, ...range }, now)).toEqual({ ok: false, error: { code: "bad_range" } });
    }
    expect(await joinWaitlist(db(), me, { doctorId: "00000000-0000-4000-8000-000000000000" }, now)).toEqual({
      ok: false,
      error: { code: "doctor_not_found" },
    });
    expect(await db().select().from(waitlistEntries)).toHaveLength(0);
  });
});

describe("leaving a waitlist", () => {
  it("closes only one's own active entry; one may join again afterwards", async () => {
    const doctor = await makeDoctor(db());
    const patient = await makePatient(db());
    const other = await makePatient(db());
    const joined = await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id }, now);
    if (!joined.ok) throw new Error(joined.error.code);
    expect(await leaveWaitlist(db(), asPatient(other), { entryId: joined.value.entryId })).toEqual({
      ok: false,
      error: { code: "entry_not_found" },
    });
    expect(await leaveWaitlist(db(), asPatient(patient), { entryId: joined.value.entryId })).toEqual({
      ok: true,
      value: { doctorId: doctor.id },
    });
    expect(await leaveWaitlist(db(), asPatient(patient), { entryId: joined.value.entryId })).toEqual({
      ok: false,
      error: { code: "entry_not_found" },
    });
    expect(await myWaitlist(db(), patient.id)).toEqual([]);
    expect((await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id }, now)).ok).toBe(true);
    expect(await db().select().from(waitlistEntries).where(eq(waitlistEntries.patientId, patient.id))).toHaveLength(2);
  });
});

describe("a patient's own data", () => {
  it("the export lists their waitlists; deleting the account removes them and their offers", async () => {
    const doctor = await makeDoctor(db());
    const patient = await makePatient(db());
    const joined = await joinWaitlist(db(), asPatient(patient), { doctorId: doctor.id }, now);
    if (!joined.ok) throw new Error(joined.error.code);
    const slot = await makeSlot(db(), doctor.id);
    await db().insert(waitlistOffers).values({ entryId: joined.value.entryId, slotId: slot.id });
    const exported = await exportMyData(db(), asPatient(patient));
    expect(exported.ok && exported.value.waitlist).toMatchObject([{ doctor: doctor.name, fromDate: null, toDate: null, leftAt: null }]);
    expect((await deleteMyAccount(db(), asPatient(patient))).ok).toBe(true);
    expect(await db().select().from(waitlistEntries)).toEqual([]);
    expect(await db().select().from(waitlistOffers)).toEqual([]);
  });
});

describe("the waitlist's constraints", () => {
  it("one active entry per patient and doctor, days in order, never both left and fulfilled", async () => {
    const doctor = await makeDoctor(db());
    const patient = await makePatient(db());
    const violation = (values: typeof waitlistEntries.$inferInsert) =>
      db()
        .insert(waitlistEntries)
        .values(values)
        .then(() => undefined, violatedConstraint);
    await db().insert(waitlistEntries).values({ patientId: patient.id, doctorId: doctor.id });
    expect(await violation({ patientId: patient.id, doctorId: doctor.id })).toBe("waitlist_one_active_per_patient_doctor");
    expect(await violation({ patientId: patient.id, doctorId: doctor.id, leftAt: now, fromDate: "2026-12-10", toDate: "2026-12-01" })).toBe(
      "waitlist_range_order",
    );
    expect(await violation({ patientId: patient.id, doctorId: doctor.id, leftAt: now, fulfilledAt: now })).toBe("waitlist_closed_once");
    expect(await violation({ patientId: doctor.id, doctorId: doctor.id, leftAt: now })).toBe("waitlist_entries_patient_id_users_id_fk");
    // A left entry does not count: the patient joins again.
    expect(await violation({ patientId: patient.id, doctorId: doctor.id, leftAt: now })).toBeUndefined();
  });
});
