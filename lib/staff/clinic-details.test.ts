import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { createTestDatabase } from "@/db/testing/test-db";
import { auditLog, clinics, doctors, users } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { doctorProfile } from "@/lib/directory/doctor-directory";
import { clinicsToManage, updateClinicDetails } from "./clinic-details";

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

describe("clinic details", () => {
  it("a clinic admin sets their clinic's address, phone, hours and map position, audited; patients see them", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const [mine] = await clinicsToManage(db(), admin);
    expect((await clinicsToManage(db(), admin)).map((c) => c.name)).toEqual(["درمانگاه تخصصی بوعلی"]);
    const input = {
      clinicId: mine!.id,
      address: " همدان، میدان بوعلی ",
      phone: "۰۸۱-۳۸۲۵۱۱۱۱",
      hours: "شنبه تا چهارشنبه ۹ تا ۱۹",
      latitude: "۳۴٫۷۹۸۸",
      longitude: "48.5146",
    };
    expect(await updateClinicDetails(db(), admin, input)).toMatchObject({
      ok: true,
      value: { address: "همدان، میدان بوعلی", phone: "081-38251111", latitude: 34.7988, longitude: 48.5146 },
    });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "clinic.update"));
    expect(audit).toMatchObject({ clinicId: mine!.id, before: { phone: "081-38250000" }, after: { phone: "081-38251111" } });
    const [doctorRow] = await db().select({ id: doctors.id }).from(doctors).where(eq(doctors.clinicId, mine!.id)).limit(1);
    expect((await doctorProfile(db(), doctorRow!.id))!.clinic).toMatchObject({
      hours: "شنبه تا چهارشنبه ۹ تا ۱۹",
      latitude: 34.7988,
      longitude: 48.5146,
    });
  });

  it("refuses bad input, another clinic, and anyone but clinic admins", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const [mine] = await clinicsToManage(db(), admin);
    const [other] = await db().select().from(clinics).where(eq(clinics.name, "کلینیک اکباتان"));
    const good = { clinicId: mine!.id, address: "همدان", phone: "", hours: "", latitude: "", longitude: "" };
    expect(await updateClinicDetails(db(), admin, { ...good, address: "  " })).toEqual({ ok: false, error: { code: "address_required" } });
    expect(await updateClinicDetails(db(), admin, { ...good, phone: "12" })).toEqual({ ok: false, error: { code: "invalid_phone" } });
    expect(await updateClinicDetails(db(), admin, { ...good, latitude: "91", longitude: "48" })).toEqual({
      ok: false,
      error: { code: "invalid_coordinates" },
    });
    expect(await updateClinicDetails(db(), admin, { ...good, latitude: "34.8" })).toEqual({
      ok: false,
      error: { code: "invalid_coordinates" },
    });
    expect(await updateClinicDetails(db(), admin, { ...good, clinicId: other!.id })).toEqual({
      ok: false,
      error: { code: "clinic_not_found" },
    });
    for (const phone of [DEMO_PHONES.staff, DEMO_PHONES.doctor, DEMO_PHONES.patientWithBalance]) {
      await expect(updateClinicDetails(db(), await actor(phone), good)).rejects.toBeInstanceOf(ForbiddenError);
    }
    const [unchanged] = await db().select().from(clinics).where(eq(clinics.id, other!.id));
    expect(unchanged!.address).toBe("همدان، بلوار ارم، روبه‌روی پارک ارم");
  });
});
