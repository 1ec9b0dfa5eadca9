import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  auditLog,
  chatMessages,
  chatRequests,
  doctors,
  otpCodes,
  paymentAttempts,
  reservations,
  timeSlots,
  users,
  walletLedger,
} from "@/db/schema";
import { verifyOtp } from "@/lib/auth/otp";
import { buyChat, makeChatDoctor, makeUser } from "@/lib/chat/testing/chat-world";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, fundWallet, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { deleteMyAccount } from "./account-deletion";
import { ERASED_TEXT } from "./patient-data-sections";
import { exportMyData } from "./patient-export";

const world = setupTestDatabase({ realPostgres: true });
const actor = (user: { id: string; role: "patient" | "doctor" | "staff" | "admin" }) => ({ userId: user.id, role: user.role });
const engineOf = (db: Db) => buildEngine(db, "http://127.0.0.1:9").engine;

/** A visit bought from the wallet (funded with exactly the fee, so the balance ends at 0). */
async function buyVisit(db: Db, patientId: string, doctorId: string, startsAt?: Date) {
  const slot = await makeSlot(db, doctorId, startsAt ? { startsAt } : {});
  const [doctor] = await db.select({ fee: doctors.visitFeeRial }).from(doctors).where(eq(doctors.id, doctorId));
  await fundWallet(db, patientId, doctor!.fee);
  const paid = await payFromWallet(engineOf(db), { intent: intentFor(patientId, { kind: "reservation", slotId: slot.id }) });
  if (!paid.ok) throw new Error(`visit purchase failed: ${paid.error.code}`);
  const [reservation] = await db.select().from(reservations).where(eq(reservations.paymentAttemptId, paid.value.attemptId));
  return reservation!;
}

/** The visit took place: its slot lies in the past and staff marked it attended. */
async function visitHappened(db: Db, reservation: { id: string; slotId: string }) {
  const past = new Date(Date.now() - 7 * 86_400_000);
  await db
    .update(timeSlots)
    .set({ startsAt: past, endsAt: new Date(past.getTime() + 1_800_000) })
    .where(eq(timeSlots.id, reservation.slotId));
  await db.update(reservations).set({ status: "attended" }).where(eq(reservations.id, reservation.id));
}

/** A patient with a past visit, a closed chat with messages on both sides, and an empty wallet. */
async function patientWithHistory(db: Db, name: string, question: string) {
  const patient = await makePatient(db, { name });
  const doctor = await makeDoctor(db);
  const visit = await buyVisit(db, patient.id, doctor.id);
  await visitHappened(db, visit);
  const chatDoctor = await makeChatDoctor(db);
  const chat = await buyChat(engineOf(db), patient.id, chatDoctor.doctor.id, question);
  const sent = Date.now() - 60_000;
  await db.insert(chatMessages).values([
    { chatRequestId: chat.id, senderId: patient.id, body: `${name}: یک سؤال دیگر`, createdAt: new Date(sent) },
    { chatRequestId: chat.id, senderId: chatDoctor.account.id, body: "پاسخ پزشک", createdAt: new Date(sent + 1000) },
  ]);
  await db.update(chatRequests).set({ status: "closed", closedAt: new Date() }).where(eq(chatRequests.id, chat.id));
  return { patient, visit, chat };
}

async function expectIntegrity(db: Db) {
  // Every invariant of lib/invariants: no ghost records, every paid attempt with its record, wallets equal
  // to their ledgers, nothing refunded twice.
  expect(await invariantViolations(db)).toEqual([]);
}

describe("download my data", () => {
  it("holds the patient's profile, appointments, payments, ledger and chats, and nothing of anyone else", async () => {
    const db = world.db();
    const mine = await patientWithHistory(db, "سارا رضایی", "سؤال سارا درباره سردرد");
    const theirs = await patientWithHistory(db, "علی کاظمی", "سؤال علی درباره کمردرد");

    const exported = await exportMyData(db, actor(mine.patient));
    if (!exported.ok) throw new Error(exported.error.code);
    const data = exported.value;
    expect(data.profile).toMatchObject({ phone: mine.patient.phone, name: "سارا رضایی" });
    expect(data.appointments.map((a) => a.id)).toEqual([mine.visit.id]);
    expect(data.payments).toHaveLength(2);
    expect(data.walletLedger.map((l) => l.amountRial).reduce((a, b) => a + b, 0)).toBe(0);
    expect(data.walletLedger).toHaveLength(4); // two credits, two debits
    expect(data.chats).toHaveLength(1);
    expect(data.chats[0]!.question).toBe("سؤال سارا درباره سردرد");
    expect(data.chats[0]!.messages.map((m) => [m.fromPatient, m.body])).toEqual([
      [true, "سارا رضایی: یک سؤال دیگر"],
      [false, "پاسخ پزشک"],
    ]);

    const text = JSON.stringify(data);
    for (const foreign of [
      theirs.patient.id,
      theirs.patient.phone,
      "علی کاظمی",
      "کمردرد",
      theirs.visit.id,
      theirs.chat.id,
      theirs.visit.paymentAttemptId,
    ]) {
      expect(text).not.toContain(foreign);
    }
  });

  it("gives nothing to nobody", async () => {
    expect(await exportMyData(world.db(), null)).toEqual({ ok: false, error: { code: "not_found" } });
  });
});

describe("delete my account", () => {
  it("is refused while the wallet holds money, showing the balance, and changes nothing", async () => {
    const db = world.db();
    const patient = await makePatient(db, { balanceRial: 2_500_000 });
    const result = await deleteMyAccount(db, actor(patient));
    expect(result).toEqual({ ok: false, error: { code: "blocked", blockers: [{ code: "wallet_balance", balanceRial: 2_500_000 }] } });
    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(row).toMatchObject({ phone: patient.phone, deletedAt: null });
    expect(await db.select().from(auditLog)).toEqual([]);
  });

  it("is refused while a visit is upcoming or a chat is open", async () => {
    const db = world.db();
    const patient = await makePatient(db);
    const doctor = await makeDoctor(db);
    await buyVisit(db, patient.id, doctor.id);
    const chatDoctor = await makeChatDoctor(db);
    await buyChat(engineOf(db), patient.id, chatDoctor.doctor.id);
    const result = await deleteMyAccount(db, actor(patient));
    expect(result).toEqual({
      ok: false,
      error: {
        code: "blocked",
        blockers: [
          { code: "upcoming_visit", count: 1 },
          { code: "open_chat", count: 1 },
        ],
      },
    });
  });

  it("is refused to doctors and staff (their accounts belong to the clinic)", async () => {
    const db = world.db();
    const staff = await makeUser(db, "staff");
    expect(await deleteMyAccount(db, actor(staff))).toEqual({ ok: false, error: { code: "not_patient" } });
  });

  it("erases the personal data, keeps the money records pseudonymous and balanced, audits it, and frees the phone", async () => {
    const db = world.db();
    const { patient, visit, chat } = await patientWithHistory(db, "سارا رضایی", "سؤال محرمانه درباره بیماری");
    const other = await patientWithHistory(db, "علی کاظمی", "سؤال علی");
    await db
      .insert(otpCodes)
      .values({ phone: patient.phone, codeHash: "x", requestIp: "127.0.0.1", expiresAt: new Date(Date.now() + 60_000) });
    const ledgerBefore = await db.select().from(walletLedger);

    const result = await deleteMyAccount(db, actor(patient));
    expect(result).toEqual({ ok: true, value: { userId: patient.id } });

    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(row).toMatchObject({ phone: `deleted:${patient.id}`, name: null });
    expect(row!.deletedAt).toBeInstanceOf(Date);
    const [chatRow] = await db.select().from(chatRequests).where(eq(chatRequests.id, chat.id));
    expect(chatRow!.question).toBe(ERASED_TEXT);
    expect((await db.select().from(chatMessages).where(eq(chatMessages.chatRequestId, chat.id))).map((m) => m.body)).toEqual([
      ERASED_TEXT,
      ERASED_TEXT,
    ]);
    const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.userId, patient.id));
    expect(JSON.stringify(attempts)).not.toContain("محرمانه");
    expect(await db.select().from(otpCodes).where(eq(otpCodes.phone, patient.phone))).toEqual([]);

    // Money stays: the same ledger, the reservation with its payment, and the integrity checks pass.
    expect(await db.select().from(walletLedger)).toEqual(ledgerBefore);
    expect(await db.select().from(reservations).where(eq(reservations.id, visit.id))).toHaveLength(1);
    await expectIntegrity(db);

    // Someone else's data is untouched.
    const [otherChat] = await db.select().from(chatRequests).where(eq(chatRequests.id, other.chat.id));
    expect(otherChat!.question).toBe("سؤال علی");

    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, patient.id));
    expect(audit).toMatchObject([{ actorId: patient.id, action: "account.delete", subjectType: "user" }]);
    expect(JSON.stringify(audit)).not.toContain(patient.phone);

    // The old account is gone for good, and the number signs up again as a new, empty account.
    expect(await exportMyData(db, actor(patient))).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await deleteMyAccount(db, actor(patient))).toEqual({ ok: false, error: { code: "not_found" } });
    const code = "123456";
    await db.insert(otpCodes).values({
      phone: patient.phone,
      codeHash: createHash("sha256").update(`${patient.phone}:${code}`).digest("hex"),
      requestIp: "127.0.0.1",
      expiresAt: new Date(Date.now() + 60_000),
    });
    const signedIn = await verifyOtp(db, { phone: patient.phone, code });
    if (!signedIn.ok) throw new Error(signedIn.error.code);
    expect(signedIn.value.id).not.toBe(patient.id);
    const fresh = await exportMyData(db, { userId: signedIn.value.id, role: "patient" });
    if (!fresh.ok) throw new Error(fresh.error.code);
    expect(fresh.value).toMatchObject({
      appointments: [],
      payments: [],
      walletLedger: [],
      chats: [],
      profile: { phone: patient.phone, name: null },
    });
  });

  it("waits for a wallet credit that is settling, then refuses: money never lands on a deleted account", async () => {
    const db = world.db();
    const patient = await makePatient(db, { balanceRial: 500_000 });
    await fundWallet(db, patient.id, -500_000); // the wallet row exists, at 0
    const other = postgres(world.url(), { max: 2, onnotice: () => {} });
    try {
      let commitCredit!: () => void;
      const held = new Promise<void>((resolve) => (commitCredit = resolve));
      let creditWritten!: () => void;
      const written = new Promise<void>((resolve) => (creditWritten = resolve));
      // A credit settling in another transaction: its ledger row is written (holding FOR KEY SHARE on the
      // patient's row, through the foreign key) but not yet committed.
      const credit = other.begin(async (tx) => {
        await tx`insert into wallet_ledger (user_id, amount_rial, reason, reference) values (${patient.id}, 700000, 'staff_adjustment', ${`race:${randomUUID()}`})`;
        creditWritten();
        await held;
      });
      await written;
      const deletion = deleteMyAccount(db, actor(patient));
      // The deletion must be waiting for that lock before the credit commits.
      await expect
        .poll(
          async () =>
            (
              await other`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
            )[0]!.n,
          { timeout: 10_000 },
        )
        .toBe(1);
      commitCredit();
      await credit;
      expect(await deletion).toEqual({
        ok: false,
        error: { code: "blocked", blockers: [{ code: "wallet_balance", balanceRial: 700_000 }] },
      });
    } finally {
      await other.end({ timeout: 5 });
    }
  });
});
