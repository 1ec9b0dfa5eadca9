import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clinicMemberships, clinics, doctors, users } from "@/db/schema";
import { addMember } from "@/lib/patients/family";
import { handleGatewayReturn, payFromWallet } from "@/lib/payments/payment-engine";
import { intentFor, makeDoctor, makePatient, makeSlot, payAtSandbox, startPayment } from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { receiptFor } from "./receipt";

const FEE = 3_500_000;
const asPatient = (userId: string) => ({ userId, role: "patient" as const });

/** Receipts read real paid attempts, made the way the app makes them: through the sandbox gateway and the
 * real ZarinPal client, or from the wallet. */
describe("receiptFor", () => {
  const { db, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true });

  async function payAtGateway(userId: string, target: Parameters<typeof intentFor>[1], amountRial = FEE) {
    const { engine } = testEngine();
    const started = await startPayment(engine, intentFor(userId, target, amountRial));
    const back = await payAtSandbox(apiBase(), started.authority, "paid");
    const settled = await handleGatewayReturn(engine, back);
    if (!settled.ok) throw new Error(settled.error.code);
    return started.attemptId;
  }

  /** A doctor whose Tehran day 1406/01/15 has slots at 00:30, 09:00, 09:30 and 10:00, and one at 23:30 the
   * evening before. 00:30 Tehran is 21:00Z of the day before: the Tehran day, not the UTC day, decides the turn. */
  async function doctorWithDay() {
    const doctor = await makeDoctor(db(), { visitFeeRial: FEE });
    await db().update(doctors).set({ name: "دکتر نرگس یزدانی" }).where(eq(doctors.id, doctor.id));
    await db().update(clinics).set({ name: "درمانگاه مهر", address: "همدان، بلوار مدنی" }).where(eq(clinics.id, doctor.clinicId));
    await makeSlot(db(), doctor.id, { startsAt: new Date("2027-04-03T20:00:00Z") });
    await makeSlot(db(), doctor.id, { startsAt: new Date("2027-04-03T21:00:00Z") });
    const slots = [];
    for (const utc of ["05:30", "06:00", "06:30"])
      slots.push(await makeSlot(db(), doctor.id, { startsAt: new Date(`2027-04-04T${utc}:00Z`) }));
    return { doctor, slots };
  }

  it("a gateway-paid visit: tracking code, masked card, turn in the doctor's day, doctor, clinic, whom it is for", async () => {
    const { doctor, slots } = await doctorWithDay();
    const patient = await makePatient(db(), { name: "علی رضایی" });
    const member = await addMember(db(), patient.id, {
      firstName: "سارا",
      lastName: "رضایی",
      nationalCode: "0012345679",
      relation: "child",
    });
    if (!member.ok) throw new Error(member.error.code);
    const attemptId = await payAtGateway(patient.id, { kind: "reservation", slotId: slots[1]!.id, familyMemberId: member.value.id });

    const receipt = await receiptFor(db(), asPatient(patient.id), attemptId);
    expect(receipt).toMatchObject({
      attemptId,
      kind: "reservation",
      amountRial: FEE,
      cardPan: "502229******5995",
      viaWallet: false,
      payerName: "علی رضایی",
      forWhom: "سارا رضایی (فرزند)",
      doctor: { name: "دکتر نرگس یزدانی", title: doctor.title },
      clinic: { name: "درمانگاه مهر", address: "همدان، بلوار مدنی" },
      visit: { startsAt: new Date("2027-04-04T06:00:00Z"), turn: 3, cancelled: false },
    });
    expect(receipt!.refId).toMatch(/^\d+$/);
  });

  it("a wallet-paid visit and chat: no tracking code or card; 09:00 is turn 2 (after 00:30)", async () => {
    const { slots, doctor } = await doctorWithDay();
    const patient = await makePatient(db(), { balanceRial: 10 * FEE });
    const { engine } = testEngine();
    const visit = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slots[0]!.id }) });
    const chat = await payFromWallet(engine, {
      intent: intentFor(patient.id, { kind: "chat", doctorId: doctor.id, question: "سلام دکتر" }),
    });
    if (!visit.ok || !chat.ok) throw new Error("wallet payment failed");

    const visitReceipt = await receiptFor(db(), asPatient(patient.id), visit.value.attemptId);
    expect(visitReceipt).toMatchObject({
      kind: "reservation",
      viaWallet: true,
      refId: null,
      cardPan: null,
      forWhom: null,
      visit: { turn: 2 },
    });
    const chatReceipt = await receiptFor(db(), asPatient(patient.id), chat.value.attemptId);
    expect(chatReceipt).toMatchObject({
      kind: "chat",
      viaWallet: true,
      visit: null,
      doctor: { name: "دکتر نرگس یزدانی" },
      clinic: { name: "درمانگاه مهر" },
    });
    expect(chatReceipt!.amountRial).toBe(doctor.chatFeeRial);
  });

  it("a top-up: what it bought and no clinic; staff of a clinic do not see it, the platform admin does", async () => {
    const patient = await makePatient(db());
    const attemptId = await payAtGateway(patient.id, { kind: "topup", amountRial: 2_000_000 }, 2_000_000);
    expect(await receiptFor(db(), asPatient(patient.id), attemptId)).toMatchObject({
      kind: "topup",
      amountRial: 2_000_000,
      doctor: null,
      clinic: null,
      visit: null,
    });

    const { doctor } = await doctorWithDay();
    const [receptionist] = await db().insert(users).values({ phone: "09120000990", role: "staff" }).returning();
    await db().insert(clinicMemberships).values({ userId: receptionist!.id, clinicId: doctor.clinicId, role: "clinic_admin" });
    expect(await receiptFor(db(), { userId: receptionist!.id, role: "staff" }, attemptId)).toBeNull();
    const [admin] = await db().insert(users).values({ phone: "09120000991", role: "admin" }).returning();
    expect(await receiptFor(db(), { userId: admin!.id, role: "admin" }, attemptId)).toMatchObject({ kind: "topup" });
  });

  it("owner only: another patient, a doctor and another clinic's staff get nothing; the clinic's own staff get it", async () => {
    const { slots, doctor } = await doctorWithDay();
    const patient = await makePatient(db());
    const attemptId = await payAtGateway(patient.id, { kind: "reservation", slotId: slots[2]!.id });

    const stranger = await makePatient(db());
    expect(await receiptFor(db(), asPatient(stranger.id), attemptId)).toBeNull();
    const [doctorUser] = await db().insert(users).values({ phone: "09120000992", role: "doctor" }).returning();
    expect(await receiptFor(db(), { userId: doctorUser!.id, role: "doctor" }, attemptId)).toBeNull();

    const other = await makeDoctor(db());
    const [otherStaff] = await db().insert(users).values({ phone: "09120000993", role: "staff" }).returning();
    await db().insert(clinicMemberships).values({ userId: otherStaff!.id, clinicId: other.clinicId, role: "receptionist" });
    expect(await receiptFor(db(), { userId: otherStaff!.id, role: "staff" }, attemptId)).toBeNull();

    const [ownStaff] = await db().insert(users).values({ phone: "09120000994", role: "staff" }).returning();
    await db().insert(clinicMemberships).values({ userId: ownStaff!.id, clinicId: doctor.clinicId, role: "receptionist" });
    expect(await receiptFor(db(), { userId: ownStaff!.id, role: "staff" }, attemptId)).toMatchObject({ visit: { turn: 4 } });
  });

  it("no receipt for an attempt not paid, nor for one whose money went back to the wallet (the slot was taken)", async () => {
    const { slots } = await doctorWithDay();
    const patient = await makePatient(db());
    const { engine } = testEngine();
    const failed = await startPayment(engine, intentFor(patient.id, { kind: "reservation", slotId: slots[0]!.id }));
    await handleGatewayReturn(engine, await payAtSandbox(apiBase(), failed.authority, "failed"));
    expect(await receiptFor(db(), asPatient(patient.id), failed.attemptId)).toBeNull();

    const pending = await startPayment(engine, intentFor(patient.id, { kind: "reservation", slotId: slots[1]!.id }));
    expect(await receiptFor(db(), asPatient(patient.id), pending.attemptId)).toBeNull();

    // Two patients pay for one slot: the second payment is refunded to the wallet and buys nothing.
    const first = await startPayment(engine, intentFor(patient.id, { kind: "reservation", slotId: slots[2]!.id }));
    const rival = await makePatient(db());
    const second = await startPayment(engine, intentFor(rival.id, { kind: "reservation", slotId: slots[2]!.id }));
    await handleGatewayReturn(engine, await payAtSandbox(apiBase(), first.authority, "paid"));
    await handleGatewayReturn(engine, await payAtSandbox(apiBase(), second.authority, "paid"));
    expect(await receiptFor(db(), asPatient(patient.id), first.attemptId)).not.toBeNull();
    expect(await receiptFor(db(), asPatient(rival.id), second.attemptId)).toBeNull();
  });
});
