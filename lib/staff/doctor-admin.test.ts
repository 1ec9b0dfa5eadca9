import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-db";
import { auditLog, clinics, doctors, specialties, users } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { doctorProfile } from "@/lib/directory/doctor-directory";
import { searchDoctors } from "@/lib/directory/doctor-search";
import {
  createDoctor,
  doctorsToManage,
  doctorToManage,
  parseCouncilNumber,
  parseList,
  parseToman,
  updateDoctor,
  type DoctorFormInput,
} from "./doctor-admin";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const actor = async (phone: string): Promise<Actor> => {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
};
const clinicId = async (name: string) => (await db().select().from(clinics).where(eq(clinics.name, name)))[0]!.id;
let specialtyId = "";
const form = (over: Partial<DoctorFormInput> = {}): DoctorFormInput => ({
  name: "دکتر پرستو نوری",
  title: "متخصص پوست",
  specialtyId,
  phone: "۰۹۱۶۱۲۳۴۵۶۷",
  councilNumber: "۹۸۷۶۵۴",
  visitFeeToman: "۳۵۰٬۰۰۰",
  chatFeeToman: "120000",
  takesChat: true,
  chatAnswerHours: "۱۲",
  bio: "درمان آکنه",
  education: "دانشگاه علوم پزشکی همدان",
  languages: "فارسی، ترکی, انگلیسی",
  insurances: "تأمین اجتماعی، بیمه سلامت",
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db());
  specialtyId = (await db().select().from(specialties).where(eq(specialties.name, "پوست و مو")))[0]!.id;
});
afterAll(() => database.close());

describe("parsing what clinic admins type", () => {
  it("reads Toman, council numbers and lists in Persian or Latin digits", () => {
    expect(parseToman("۳۵۰٬۰۰۰")).toBe(350_000);
    expect(parseToman("350,000")).toBe(350_000);
    expect(parseToman("0")).toBeNull();
    expect(parseToman("12.5")).toBeNull();
    expect(parseToman("-5")).toBeNull();
    expect(parseCouncilNumber(" ۱۲۳۴۵۶ ")).toBe("123456");
    expect(parseCouncilNumber("12-3456")).toBeNull();
    expect(parseCouncilNumber("۱۲")).toBeNull();
    expect(parseCouncilNumber("abc123")).toBeNull();
    expect(parseList("فارسی، ترکی,فارسی;  انگلیسی \n")).toEqual(["فارسی", "ترکی", "انگلیسی"]);
  });
});

describe("clinic admins add and edit their doctors", () => {
  it("adds a doctor with a new doctor account for the phone, Rial fees and the profile patients see; audited", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const buAli = await clinicId("درمانگاه تخصصی بوعلی");
    const created = await createDoctor(db(), admin, { ...form(), clinicId: buAli });
    if (!created.ok) throw new Error(created.error.code);
    const [account] = await db().select().from(users).where(eq(users.phone, "09161234567"));
    expect(account).toMatchObject({ role: "doctor", name: "دکتر پرستو نوری" });
    const [row] = await db().select().from(doctors).where(eq(doctors.id, created.value.doctorId));
    expect(row).toMatchObject({
      userId: account!.id,
      clinicId: buAli,
      visitFeeRial: 3_500_000,
      chatFeeRial: 1_200_000,
      chatAnswerHours: 12,
      councilNumber: "987654",
    });
    const profile = await doctorProfile(db(), created.value.doctorId);
    expect(profile).toMatchObject({
      languages: ["فارسی", "ترکی", "انگلیسی"],
      insurances: ["تأمین اجتماعی", "بیمه سلامت"],
      councilNumber: "987654",
      education: "دانشگاه علوم پزشکی همدان",
    });
    // Patients find the doctor by an insurer they accept.
    expect((await searchDoctors(db(), { q: "تامین اجتماعی نوری" })).map((d) => d.id)).toEqual([created.value.doctorId]);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "doctor.create"), eq(auditLog.subjectId, created.value.doctorId)));
    expect(audit).toMatchObject({ actorId: admin.userId, clinicId: buAli, after: { councilNumber: "987654", visitFeeRial: 3_500_000 } });
    expect((await doctorsToManage(db(), admin)).every((d) => d.clinicId === buAli)).toBe(true);
  });

  it("edits a doctor, audited with before and after; a new phone moves the doctor to that account", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const [doctor] = await db().select().from(doctors).where(eq(doctors.councilNumber, "987654"));
    const saved = await updateDoctor(db(), admin, {
      ...form({ visitFeeToman: "400000", takesChat: false, phone: "09161234568", insurances: "" }),
      doctorId: doctor!.id,
    });
    expect(saved).toEqual({ ok: true, value: { doctorId: doctor!.id } });
    const [after] = await db().select().from(doctors).where(eq(doctors.id, doctor!.id));
    expect(after).toMatchObject({ visitFeeRial: 4_000_000, takesChat: false, insurances: [] });
    const [oldAccount] = await db().select().from(users).where(eq(users.phone, "09161234567"));
    const [newAccount] = await db().select().from(users).where(eq(users.phone, "09161234568"));
    expect(oldAccount!.role).toBe("patient");
    expect(after!.userId).toBe(newAccount!.id);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "doctor.update"), eq(auditLog.subjectId, doctor!.id)));
    expect(audit).toMatchObject({
      before: { visitFeeRial: 3_500_000, takesChat: true },
      after: { visitFeeRial: 4_000_000, takesChat: false },
    });
  });

  it("refuses bad input with a reason and changes nothing", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const buAli = await clinicId("درمانگاه تخصصی بوعلی");
    const attempt = (over: Partial<DoctorFormInput>) =>
      createDoctor(db(), admin, { ...form({ phone: "09161230000", councilNumber: "55555", ...over }), clinicId: buAli });
    const count = (await db().select().from(doctors)).length;
    expect(await attempt({ councilNumber: "۱۲۳-۴۵" })).toEqual({ ok: false, error: { code: "bad_council_number" } });
    expect(await attempt({ councilNumber: "987654" })).toEqual({ ok: false, error: { code: "council_taken" } });
    expect(await attempt({ visitFeeToman: "رایگان" })).toEqual({ ok: false, error: { code: "bad_visit_fee" } });
    expect(await attempt({ chatFeeToman: "0" })).toEqual({ ok: false, error: { code: "bad_chat_fee" } });
    expect(await attempt({ chatAnswerHours: "200" })).toEqual({ ok: false, error: { code: "bad_answer_hours" } });
    expect(await attempt({ name: "  " })).toEqual({ ok: false, error: { code: "name_required" } });
    expect(await attempt({ phone: "12345" })).toEqual({ ok: false, error: { code: "bad_phone" } });
    expect(await attempt({ phone: DEMO_PHONES.staff })).toEqual({ ok: false, error: { code: "role_conflict" } });
    expect(await attempt({ phone: DEMO_PHONES.doctor })).toEqual({ ok: false, error: { code: "phone_taken" } });
    // A patient with visits and a wallet keeps their patient account.
    expect(await attempt({ phone: DEMO_PHONES.patientWithBalance })).toEqual({ ok: false, error: { code: "account_in_use" } });
    expect(await attempt({ specialtyId: "00000000-0000-4000-8000-000000000000" })).toEqual({
      ok: false,
      error: { code: "specialty_not_found" },
    });
    expect(await attempt({ languages: Array.from({ length: 11 }, (_, i) => `زبان ${i}`).join("،") })).toEqual({
      ok: false,
      error: { code: "too_many_items" },
    });
    expect((await db().select().from(doctors)).length).toBe(count);
    expect(await db().select().from(users).where(eq(users.phone, "09161230000"))).toEqual([]);
    expect((await actor(DEMO_PHONES.patientWithBalance)).role).toBe("patient");
  });

  it("a patient account without any history becomes the doctor's account", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const [patient] = await db().insert(users).values({ phone: "09161239999", role: "patient", name: "حساب تازه" }).returning();
    const created = await createDoctor(db(), admin, {
      ...form({ phone: "09161239999", councilNumber: "44444" }),
      clinicId: await clinicId("درمانگاه تخصصی بوعلی"),
    });
    expect(created.ok).toBe(true);
    expect((await actor("09161239999")).role).toBe("doctor");
    expect((await db().select().from(doctors).where(eq(doctors.userId, patient!.id))).length).toBe(1);
  });

  it("tenancy: another clinic's doctor and clinic read as missing; receptionists, doctors and patients are refused", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const ekbatan = await clinicId("کلینیک اکباتان");
    const [otherDoctor] = await db().select().from(doctors).where(eq(doctors.clinicId, ekbatan)).limit(1);
    const before = await db().select().from(doctors).where(eq(doctors.id, otherDoctor!.id));
    expect(
      await updateDoctor(db(), admin, { ...form({ phone: "09161231111", councilNumber: "33333" }), doctorId: otherDoctor!.id }),
    ).toEqual({ ok: false, error: { code: "doctor_not_found" } });
    expect(await doctorToManage(db(), admin, otherDoctor!.id)).toBeNull();
    expect(await createDoctor(db(), admin, { ...form({ phone: "09161231111", councilNumber: "33333" }), clinicId: ekbatan })).toEqual({
      ok: false,
      error: { code: "clinic_not_found" },
    });
    for (const phone of [DEMO_PHONES.staff, DEMO_PHONES.ekbatanStaff, DEMO_PHONES.doctor, DEMO_PHONES.patientWithBalance]) {
      const who = await actor(phone);
      await expect(
        updateDoctor(db(), who, { ...form({ phone: "09161231111", councilNumber: "33333" }), doctorId: otherDoctor!.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        createDoctor(db(), who, { ...form({ phone: "09161231111", councilNumber: "33333" }), clinicId: ekbatan }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(doctorsToManage(db(), who)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db().select().from(doctors).where(eq(doctors.id, otherDoctor!.id))).toEqual(before);
    expect(await db().select().from(users).where(eq(users.phone, "09161231111"))).toEqual([]);
    // Ekbatan's own admin and the platform admin may.
    for (const phone of [DEMO_PHONES.ekbatanAdmin, DEMO_PHONES.admin]) {
      const saved = await updateDoctor(db(), await actor(phone), {
        ...form({ name: otherDoctor!.name, phone: `0916123${phone.slice(-4)}`, councilNumber: `2${phone.slice(-4)}` }),
        doctorId: otherDoctor!.id,
      });
      expect(saved.ok).toBe(true);
    }
  });
});
