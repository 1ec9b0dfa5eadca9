import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, doctors, reservations, users } from "@/db/schema";
import { chatThread } from "@/lib/chat/chat-thread";
import { doctorInbox, myChats } from "@/lib/chat/chat-lists";
import { cancelReservationAsStaff } from "@/lib/booking/cancellation";
import { paymentAttemptsList } from "@/lib/staff/payment-attempts";
import { refundsList } from "@/lib/staff/refunds";
import { clinicAgenda } from "@/lib/staff/agenda";
import { doctorDay } from "@/lib/staff/doctor-day";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { balanceOf, buildEngine, fundWallet, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { tehranDateKey } from "@/lib/time/tehran";
import { checkoutPerson } from "./checkout-person";
import { addMember, familyOf, ownMember, removeMember, updateMember } from "./family";
import { profileOf } from "./profile";
import { visitPersonFacts } from "./visit-for-text";
import { parseMember, parseProfile } from "./profile-input";
import { joinClinicsOf, makeActor, staffOfEveryClinic } from "@/lib/staff/testing/staff-fixtures";
import { addDays, tehranInstant } from "@/lib/time/tehran";

const FEE = 3_500_000;
const CHILD = { firstName: "سارا", lastName: "احمدی", nationalCode: "0012345679", relation: "child" as const };

async function patientWithMember(db: Db) {
  const patient = await makePatient(db, { balanceRial: FEE });
  await db.update(users).set({ firstName: "مریم", lastName: "احمدی", name: "مریم احمدی" }).where(eq(users.id, patient.id));
  const added = await addMember(db, patient.id, CHILD);
  if (!added.ok) throw new Error(added.error.code);
  return { patient, member: added.value };
}

describe("profile and family input", () => {
  it("reads Persian digits and refuses a bad national code or birth year with Persian messages", () => {
    const now = new Date("2026-11-30T00:00:00Z"); // 1405 in the Jalali calendar
    expect(
      parseProfile({ firstName: " مریم ", lastName: "احمدی", nationalCode: "۰۰۱۲۳۴۵۶۷۹", birthYear: "۱۳۷۰", sex: "female" }, now),
    ).toEqual({
      ok: true,
      value: { firstName: "مریم", lastName: "احمدی", nationalCode: "0012345679", birthYear: 1370, sex: "female" },
    });
    const bad = parseProfile({ firstName: "", lastName: "x1", nationalCode: "0012345678", birthYear: "1990", sex: "x" }, now);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.error.fieldErrors).sort()).toEqual(["birthYear", "firstName", "lastName", "nationalCode", "sex"]);
    expect(parseProfile({ firstName: "a", lastName: "b", birthYear: "1406" }, now).ok).toBe(false);
    expect(parseProfile({ firstName: "a", lastName: "b", birthYear: "1405" }, now).ok).toBe(true);
    expect(parseMember({ ...CHILD, nationalCode: "" }).ok).toBe(false);
    expect(parseMember({ ...CHILD, relation: "boss" }).ok).toBe(false);
  });
});

describe("family members", () => {
  const { db } = setupTestDatabase();

  it("are the owner's alone: another patient can neither see, edit, remove nor book for them", async () => {
    const { patient, member } = await patientWithMember(db());
    const other = await makePatient(db(), { balanceRial: FEE });
    await db().update(users).set({ firstName: "علی", lastName: "رضایی" }).where(eq(users.id, other.id));

    expect(await familyOf(db(), other.id)).toEqual([]);
    expect(await ownMember(db(), other.id, member.id)).toBeNull();
    expect(await updateMember(db(), other.id, member.id, { ...CHILD, firstName: "دزد" })).toEqual({
      ok: false,
      error: { code: "member_not_found" },
    });
    expect(await removeMember(db(), other.id, member.id)).toEqual({ ok: false, error: { code: "member_not_found" } });
    expect(await checkoutPerson(db(), other.id, { forWhom: member.id })).toEqual({ ok: false, error: { code: "member_not_found" } });
    expect(await familyOf(db(), patient.id)).toEqual([member]);
  });

  it("a forged intent naming someone else's member is refused where the reservation is made, and nothing is charged", async () => {
    const { member } = await patientWithMember(db());
    const other = await makePatient(db(), { balanceRial: FEE });
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const engine = buildEngine(db(), await unreachableApiBase()).engine;

    const paid = await payFromWallet(engine, {
      intent: intentFor(other.id, { kind: "reservation", slotId: slot.id, familyMemberId: member.id }),
    });
    expect(paid.ok).toBe(false);
    expect(await db().select().from(reservations)).toEqual([]);
    expect(await balanceOf(db(), other.id)).toBe(FEE);
  });

  it("the database refuses a reservation naming another patient's member (composite foreign key)", async () => {
    const { patient, member } = await patientWithMember(db());
    const other = await makePatient(db());
    const doctor = await makeDoctor(db());
    const slot = await makeSlot(db(), doctor.id);
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
    if (!paid.ok) throw new Error(paid.error.code);
    await expect(db().update(reservations).set({ patientId: other.id, familyMemberId: member.id })).rejects.toThrow();
    await expect(db().update(reservations).set({ familyMemberId: member.id })).resolves.toBeDefined();
  });

  it("a visit booked for a member records them, and the doctor's day and the staff list show them", async () => {
    const { patient, member } = await patientWithMember(db());
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    const slot = await makeSlot(db(), doctor.id);
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    const person = await checkoutPerson(db(), patient.id, { forWhom: member.id });
    expect(person).toEqual({ ok: true, value: { familyMemberId: member.id } });
    const paid = await payFromWallet(engine, {
      intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id, ...(person.ok ? person.value : {}) }),
    });
    expect(paid.ok).toBe(true);
    const [reservation] = await db().select().from(reservations);
    expect(reservation).toMatchObject({ patientId: patient.id, familyMemberId: member.id });

    // Removed afterwards: the member leaves the list, the visit still says whom it was for.
    expect(await removeMember(db(), patient.id, member.id)).toEqual({ ok: true, value: null });
    expect(await familyOf(db(), patient.id)).toEqual([]);

    const asStaff = await staffOfEveryClinic(db());
    const day = await doctorDay(db(), asStaff, { doctorId: doctor.id, date: tehranDateKey(slot.startsAt) });
    expect(day?.[0]?.reservation).toMatchObject({ patientName: "مریم احمدی", forName: "سارا احمدی", forRelation: "child" });
    const agenda = await clinicAgenda(db(), asStaff, { from: new Date(slot.startsAt.getTime() - 1), to: slot.endsAt });
    expect(agenda).toMatchObject([{ patientName: "مریم احمدی", forName: "سارا احمدی", forRelation: "child" }]);
  });

  it("the doctor's day and the agenda show whom each visit is for — name, age, sex, national code — to that clinic only", async () => {
    const { patient, member } = await patientWithMember(db());
    await db().update(users).set({ nationalCode: "0073390615", birthYear: 1370, sex: "female" }).where(eq(users.id, patient.id));
    const doctor = await makeDoctor(db(), { visitFeeRial: 1_000_000 });
    const date = addDays(tehranDateKey(new Date()), 2);
    const selfSlot = await makeSlot(db(), doctor.id, { startsAt: tehranInstant(date, "10:00") });
    const memberSlot = await makeSlot(db(), doctor.id, { startsAt: tehranInstant(date, "11:00") });
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    for (const target of [
      { kind: "reservation" as const, slotId: selfSlot.id },
      { kind: "reservation" as const, slotId: memberSlot.id, familyMemberId: member.id },
    ]) {
      const paid = await payFromWallet(engine, { intent: intentFor(patient.id, target) });
      if (!paid.ok) throw new Error(paid.error.code);
    }
    const staff = await makeActor(db(), "staff");
    await joinClinicsOf(db(), staff, [doctor]);
    const doctorUser = await makeActor(db(), "doctor");
    await db().update(doctors).set({ userId: doctorUser.userId }).where(eq(doctors.id, doctor.id));
    const now = new Date("2026-11-30T00:00:00Z"); // 1405 in the Jalali calendar
    const self = { patientName: "مریم احمدی", forName: null, forRelation: null, age: 35, sex: "female", nationalCode: "0073390615" };
    // A member has no birth year or sex on record: the family form asks name, national code and relation only.
    const forMember = {
      patientName: "مریم احمدی",
      forName: "سارا احمدی",
      forRelation: "child",
      age: null,
      sex: null,
      nationalCode: CHILD.nationalCode,
    };
    const window = { from: tehranInstant(date, "00:00"), to: tehranInstant(addDays(date, 1), "00:00") };

    for (const reader of [staff, doctorUser]) {
      const day = await doctorDay(db(), reader, { doctorId: doctor.id, date }, now);
      expect(day?.map((slot) => slot.reservation)).toMatchObject([self, forMember]);
      expect(await clinicAgenda(db(), reader, window, now)).toMatchObject([self, forMember]);
    }
    const [selfItem, memberItem] = await clinicAgenda(db(), staff, window, now);
    expect(visitPersonFacts(selfItem!)).toBe("۳۵ ساله · زن · کد ملی ۰۰۷۳۳۹۰۶۱۵");
    expect(visitPersonFacts(memberItem!)).toBe("کد ملی ۰۰۱۲۳۴۵۶۷۹");

    const otherClinicStaff = await makeActor(db(), "staff");
    await joinClinicsOf(db(), otherClinicStaff, [await makeDoctor(db())]);
    expect(await doctorDay(db(), otherClinicStaff, { doctorId: doctor.id, date }, now)).toBeNull();
    expect(await clinicAgenda(db(), otherClinicStaff, window, now)).toEqual([]);
  });

  it("checkout asks the name first: without it nothing starts; a name typed inline is saved", async () => {
    const patient = await makePatient(db());
    await db().update(users).set({ name: null }).where(eq(users.id, patient.id));
    expect(await checkoutPerson(db(), patient.id, {})).toEqual({ ok: false, error: { code: "name_missing" } });
    const bad = await checkoutPerson(db(), patient.id, { firstName: "", lastName: "" });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await checkoutPerson(db(), patient.id, { firstName: "  رضا ", lastName: "کریمی", forWhom: "self" })).toEqual({
      ok: true,
      value: {},
    });
    expect(await profileOf(db(), patient.id)).toMatchObject({ firstName: "رضا", lastName: "کریمی" });
    const [row] = await db().select({ name: users.name }).from(users).where(eq(users.id, patient.id));
    expect(row?.name).toBe("رضا کریمی");
  });

  it("one national code once per owner's live family; free again once removed", async () => {
    const { patient, member } = await patientWithMember(db());
    expect(await addMember(db(), patient.id, { ...CHILD, firstName: "دیگر" })).toEqual({ ok: false, error: { code: "member_duplicate" } });
    await removeMember(db(), patient.id, member.id);
    expect((await addMember(db(), patient.id, CHILD)).ok).toBe(true);
  });
});

describe("a chat for a family member", () => {
  const { db } = setupTestDatabase();

  it("is recorded for the member and shown to the doctor; a forged member is refused with nothing charged", async () => {
    const { patient, member } = await patientWithMember(db());
    const doctor = await makeDoctor(db(), { chatFeeRial: 1_500_000 });
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    const other = await makePatient(db(), { balanceRial: FEE });

    const forged = await payFromWallet(engine, {
      intent: intentFor(other.id, { kind: "chat", doctorId: doctor.id, question: "سلام دکتر", familyMemberId: member.id }),
    });
    expect(forged.ok).toBe(false);
    expect(await db().select().from(chatRequests)).toEqual([]);
    expect(await balanceOf(db(), other.id)).toBe(FEE);

    const paid = await payFromWallet(engine, {
      intent: intentFor(patient.id, { kind: "chat", doctorId: doctor.id, question: "سلام دکتر", familyMemberId: member.id }),
    });
    expect(paid.ok).toBe(true);
    const [request] = await db().select().from(chatRequests);
    expect(request).toMatchObject({ patientId: patient.id, familyMemberId: member.id });
    const thread = await chatThread(db(), await staffOfEveryClinic(db()), request!.id);
    expect(thread?.about).toEqual({ forName: "سارا احمدی", forRelation: "child" });
  });
});

describe("staff lists show the family member a purchase was for", () => {
  const { db } = setupTestDatabase();
  const forSara = { forName: "سارا احمدی", forRelation: "child" };
  const forSelf = { forName: null, forRelation: null };

  it("the doctor's inbox and the staff chat list, the payments list (a visit and its move's difference) and the refunds", async () => {
    const { patient, member } = await patientWithMember(db());
    await fundWallet(db(), patient.id, 10_000_000);
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE, chatFeeRial: 1_500_000 });
    const doctorUser = await makeActor(db(), "doctor");
    await db().update(doctors).set({ userId: doctorUser.userId }).where(eq(doctors.id, doctor.id));
    const staff = await makeActor(db(), "staff");
    await joinClinicsOf(db(), staff, [doctor]);
    const engine = buildEngine(db(), await unreachableApiBase()).engine;
    const pay = async (target: Parameters<typeof intentFor>[1]) => {
      const paid = await payFromWallet(engine, { intent: intentFor(patient.id, target) });
      if (!paid.ok) throw new Error(paid.error.code);
      return paid.value.attemptId;
    };
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);

    // A chat for the member and one for the patient themself.
    await pay({ kind: "chat", doctorId: doctor.id, question: "سلام دکتر، درباره سارا", familyMemberId: member.id });
    await pay({ kind: "chat", doctorId: doctor.id, question: "سلام دکتر، درباره خودم" });
    const byQuestion = (items: { question: string; forName: string | null; forRelation: string | null }[]) =>
      Object.fromEntries(items.map((i) => [i.question, { forName: i.forName, forRelation: i.forRelation }]));
    const chats = { "سلام دکتر، درباره سارا": forSara, "سلام دکتر، درباره خودم": forSelf };
    expect(byQuestion((await doctorInbox(db(), doctorUser)).requests)).toEqual(chats);
    expect(byQuestion(await myChats(db(), staff))).toEqual(chats);

    // A visit for the member, moved to a dearer time: the move's difference is for her too.
    const slot = await makeSlot(db(), doctor.id, { startsAt: day(3) });
    const later = await makeSlot(db(), doctor.id, { startsAt: day(4) });
    const visitAttempt = await pay({ kind: "reservation", slotId: slot.id, familyMemberId: member.id });
    const [reservation] = await db().select().from(reservations).where(eq(reservations.paymentAttemptId, visitAttempt));
    await db()
      .update(doctors)
      .set({ visitFeeRial: FEE + 500_000 })
      .where(eq(doctors.id, doctor.id));
    const moveAttempt = await pay({ kind: "reschedule", reservationId: reservation!.id, fromSlotId: slot.id, slotId: later.id });

    const payments = Object.fromEntries(
      (await paymentAttemptsList(db(), staff, {})).rows.map((r) => [r.id, { forName: r.forName, forRelation: r.forRelation }]),
    );
    expect(payments[visitAttempt]).toEqual(forSara);
    expect(payments[moveAttempt]).toEqual(forSara);
    expect(Object.values(payments).filter((p) => p.forName === null)).toHaveLength(1); // the patient's own chat

    const cancelled = await cancelReservationAsStaff(
      db(),
      staff,
      { reservationId: reservation!.id, reason: "پزشک در دسترس نیست" },
      { fullRefundHours: 24 },
    );
    expect(cancelled.ok).toBe(true);
    expect((await refundsList(db(), staff)).rows).toMatchObject([{ reason: "cancellation_refund", ...forSara }]);
  });
});
