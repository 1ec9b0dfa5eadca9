import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-db";
import { auditLog, clinicMemberships, clinics, notifications, users } from "@/db/schema";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { clinicScope } from "@/lib/auth/clinic-scope";
import { auditTrail } from "@/lib/audit/audit";
import { DEMO_PHONES, seedDemoData } from "@/lib/demo/seed";
import { clinicTeams, inviteStaff, removeStaff } from "./clinic-team";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const actor = async (phone: string): Promise<Actor> => {
  const [user] = await db().select().from(users).where(eq(users.phone, phone));
  return { userId: user!.id, role: user!.role };
};
const clinicId = async (name: string) => (await db().select().from(clinics).where(eq(clinics.name, name)))[0]!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(db());
});
afterAll(() => database.close());

describe("clinic admins invite staff by phone", () => {
  it("an invitation queues one Persian SMS to the invited phone; a resubmission or a role change sends nothing more", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const buAli = await clinicId("درمانگاه تخصصی بوعلی");
    const phone = "09181114444";
    const invite = async (role: "receptionist" | "clinic_admin") => {
      const invited = await inviteStaff(db(), admin, { clinicId: buAli, phone, role });
      if (!invited.ok) throw new Error(invited.error.code);
      return invited.value.userId;
    };
    const userId = await invite("receptionist");
    await invite("receptionist");
    await invite("clinic_admin");
    const sent = () => db().select().from(notifications).where(eq(notifications.recipientId, userId));
    const [sms, ...more] = await sent();
    expect(more).toEqual([]);
    expect(sms).toMatchObject({ kind: "staff_invited", status: "pending", link: "/staff" });
    expect(sms!.body).toContain("منشی «درمانگاه تخصصی بوعلی»");
    expect(sms!.body).toContain("/staff");
    // Removed and invited again: a new membership, told again.
    const removed = await removeStaff(db(), admin, { clinicId: buAli, userId });
    if (!removed.ok) throw new Error(removed.error.code);
    await invite("clinic_admin");
    expect((await sent()).map((n) => n.body.includes("مدیر کلینیک «درمانگاه تخصصی بوعلی»"))).toEqual([false, true]);
  });

  it("a new number gets a staff account that, signed in, is staff of that clinic only; audited", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const buAli = await clinicId("درمانگاه تخصصی بوعلی");
    const invited = await inviteStaff(db(), admin, { clinicId: buAli, phone: "۰۹۱۸ ۱۱۱ ۲۲۲۲", role: "receptionist", name: "منشی تازه" });
    if (!invited.ok) throw new Error(invited.error.code);
    expect(invited.value).toMatchObject({ phone: "09181112222", created: true });
    const newcomer = await actor("09181112222");
    expect(newcomer.role).toBe("staff");
    expect(await clinicScope(db(), newcomer)).toEqual({ all: false, clinicIds: [buAli] });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "staff.invite"), eq(auditLog.subjectId, newcomer.userId)));
    expect(audit).toMatchObject({
      actorId: admin.userId,
      clinicId: buAli,
      before: null,
      after: { role: "receptionist", accountCreated: true },
    });
    // The trail names the person, not an id.
    const trail = await auditTrail(db(), admin, { action: "staff.invite" });
    expect(trail.rows[0]!.subject).toEqual({ kind: "staff_member", name: "منشی تازه", phone: "09181112222" });
    // Inviting again as clinic admin changes the role; the team lists them.
    expect((await inviteStaff(db(), admin, { clinicId: buAli, phone: "09181112222", role: "clinic_admin" })).ok).toBe(true);
    const [team] = await clinicTeams(db(), admin);
    expect(team!.members.find((m) => m.userId === newcomer.userId)).toMatchObject({ role: "clinic_admin", name: "منشی تازه" });
    // Staff of another clinic may be staff here too.
    expect((await inviteStaff(db(), admin, { clinicId: buAli, phone: DEMO_PHONES.ekbatanStaff, role: "receptionist" })).ok).toBe(true);
  });

  it("refuses doctors' and the admin's numbers, patients with history and bad numbers", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const buAli = await clinicId("درمانگاه تخصصی بوعلی");
    const invite = (phone: string) => inviteStaff(db(), admin, { clinicId: buAli, phone, role: "receptionist" });
    expect(await invite(DEMO_PHONES.doctor)).toEqual({ ok: false, error: { code: "role_conflict" } });
    expect(await invite(DEMO_PHONES.admin)).toEqual({ ok: false, error: { code: "role_conflict" } });
    expect(await invite(DEMO_PHONES.patientWithBalance)).toEqual({ ok: false, error: { code: "account_in_use" } });
    expect(await invite("0912")).toEqual({ ok: false, error: { code: "bad_phone" } });
    expect((await actor(DEMO_PHONES.patientWithBalance)).role).toBe("patient");
  });

  it("removes a membership, audited, but never the admin's own", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const buAli = await clinicId("درمانگاه تخصصی بوعلی");
    const receptionist = await actor(DEMO_PHONES.staff);
    expect(await removeStaff(db(), admin, { clinicId: buAli, userId: admin.userId })).toEqual({
      ok: false,
      error: { code: "not_yourself" },
    });
    expect(await removeStaff(db(), admin, { clinicId: buAli, userId: receptionist.userId })).toEqual({ ok: true, value: null });
    expect(await clinicScope(db(), receptionist)).toEqual({ all: false, clinicIds: [] });
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "staff.remove"), eq(auditLog.subjectId, receptionist.userId))),
    ).toHaveLength(1);
    expect(await removeStaff(db(), admin, { clinicId: buAli, userId: receptionist.userId })).toEqual({
      ok: false,
      error: { code: "membership_not_found" },
    });
  });

  it("tenancy: another clinic reads as missing; receptionists, doctors and patients are refused", async () => {
    const admin = await actor(DEMO_PHONES.clinicAdmin);
    const ekbatan = await clinicId("کلینیک اکباتان");
    const ekbatanAdmin = await actor(DEMO_PHONES.ekbatanAdmin);
    const before = await db().select().from(clinicMemberships).where(eq(clinicMemberships.clinicId, ekbatan));
    expect(await inviteStaff(db(), admin, { clinicId: ekbatan, phone: "09181113333", role: "clinic_admin" })).toEqual({
      ok: false,
      error: { code: "clinic_not_found" },
    });
    expect(await removeStaff(db(), admin, { clinicId: ekbatan, userId: ekbatanAdmin.userId })).toEqual({
      ok: false,
      error: { code: "membership_not_found" },
    });
    expect((await clinicTeams(db(), admin)).map((t) => t.clinicId)).toEqual([await clinicId("درمانگاه تخصصی بوعلی")]);
    for (const phone of [DEMO_PHONES.ekbatanStaff, DEMO_PHONES.doctor, DEMO_PHONES.patientEmptyWallet]) {
      const who = await actor(phone);
      await expect(inviteStaff(db(), who, { clinicId: ekbatan, phone: "09181113333", role: "clinic_admin" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(removeStaff(db(), who, { clinicId: ekbatan, userId: ekbatanAdmin.userId })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(clinicTeams(db(), who)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db().select().from(clinicMemberships).where(eq(clinicMemberships.clinicId, ekbatan))).toEqual(before);
    expect(await db().select().from(users).where(eq(users.phone, "09181113333"))).toEqual([]);
    // The platform admin runs every clinic's team.
    expect(
      (await inviteStaff(db(), await actor(DEMO_PHONES.admin), { clinicId: ekbatan, phone: "09181113333", role: "receptionist" })).ok,
    ).toBe(true);
  });
});
