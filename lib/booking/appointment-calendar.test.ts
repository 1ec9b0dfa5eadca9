import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clinics, doctors, reservations, users } from "@/db/schema";
import { addMember } from "@/lib/patients/family";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { appointmentCalendar } from "./appointment-calendar";

const FEE = 3_500_000;
const APP = "https://drturn.example";

/** Unfolds RFC 5545 content lines (a line break followed by a space continues the line). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("the appointment's calendar file", () => {
  const { db } = setupTestDatabase();

  it("has the visit's time in UTC (so 09:30 Tehran is 06:00Z), the doctor, the clinic's address and whom it is for; only for its owner", async () => {
    const patient = await makePatient(db(), { balanceRial: FEE });
    const member = await addMember(db(), patient.id, {
      firstName: "سارا",
      lastName: "احمدی",
      nationalCode: "0012345679",
      relation: "child",
    });
    if (!member.ok) throw new Error(member.error.code);
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    await db().update(doctors).set({ name: "دکتر نرگس یزدانی" }).where(eq(doctors.id, doctor.id));
    await db().update(clinics).set({ name: "درمانگاه مهر", address: "همدان، بلوار مدنی، پلاک ۱۲" }).where(eq(clinics.id, doctor.clinicId));
    // 1406/01/15 09:30 in Tehran (UTC+03:30).
    const slot = await makeSlot(db(), doctor.id, { startsAt: new Date("2027-04-04T06:00:00Z") });
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    const paid = await payFromWallet(engine, {
      intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id, familyMemberId: member.value.id }),
    });
    if (!paid.ok) throw new Error(paid.error.code);
    const [reservation] = await db().select().from(reservations);

    const calendar = await appointmentCalendar(db(), { patientId: patient.id, reservationId: reservation!.id, appUrl: APP });
    const ics = unfold(calendar!.ics);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("DTSTART:20270404T060000Z");
    expect(ics).toContain("DTEND:20270404T063000Z");
    expect(ics).toContain("SUMMARY:نوبت دکتر نرگس یزدانی");
    expect(ics).toContain("LOCATION:درمانگاه مهر، همدان، بلوار مدنی، پلاک ۱۲");
    expect(ics).toContain("برای: سارا احمدی (فرزند)");
    expect(ics).toContain(`UID:${reservation!.id}@drturn`);
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics).toContain(`URL:${APP}/appointments`);

    const stranger = await makePatient(db());
    expect(await appointmentCalendar(db(), { patientId: stranger.id, reservationId: reservation!.id, appUrl: APP })).toBeNull();
    const [staff] = await db().insert(users).values({ phone: "09120000998", role: "staff" }).returning();
    expect(await appointmentCalendar(db(), { patientId: staff!.id, reservationId: reservation!.id, appUrl: APP })).toBeNull();
  });
});
