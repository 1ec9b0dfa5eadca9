import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  auditLog,
  cardReversals,
  chatAttachments,
  chatBlobs,
  chatMessages,
  chatRequests,
  doctors,
  familyMembers,
  notifications,
  otpCodes,
  paymentAttempts,
  reservations,
  reviews,
  smsOutbox,
  timeSlots,
  users,
  walletLedger,
  withdrawals,
} from "@/db/schema";
import { verifyOtp } from "@/lib/auth/otp";
import { storeAttachment } from "@/lib/chat/chat-attachments";
import type { PreparedFile } from "@/lib/chat/chat-file-input";
import { addMember } from "@/lib/patients/family";
import { doctorDay } from "@/lib/staff/doctor-day";
import { staffOfEveryClinic } from "@/lib/staff/testing/staff-fixtures";
import { tehranDateKey } from "@/lib/time/tehran";
import { markWithdrawalPaid, requestWithdrawal } from "@/lib/wallet/withdrawals";
import { buyChat, makeChatDoctor, makeUser } from "@/lib/chat/testing/chat-world";
import { invariantViolations } from "@/lib/invariants/invariant-checks";
import { payFromWallet } from "@/lib/payments/payment-engine";
import { buildEngine, fundWallet, intentFor, makeDoctor, makePatient, makeSlot } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { deleteMyAccount, deletionBlockers } from "./account-deletion";
import { blockerLink, blockerMessage } from "./deletion-messages";
import { ERASED_MEMBER_NAME, ERASED_NATIONAL_CODE, ERASED_SHEBA, ERASED_TEXT } from "./patient-data-sections";
import { exportMyData } from "./patient-export";

const world = setupTestDatabase({ realPostgres: true });
const actor = (user: { id: string; role: "patient" | "doctor" | "staff" | "admin" }) => ({ userId: user.id, role: user.role });
const engineOf = (db: Db) => buildEngine(db, "http://127.0.0.1:9").engine;

/** A visit bought from the wallet (funded with exactly the fee, so the balance ends at 0). */
async function buyVisit(db: Db, patientId: string, doctorId: string, familyMemberId?: string) {
  const slot = await makeSlot(db, doctorId);
  const [doctor] = await db.select({ fee: doctors.visitFeeRial }).from(doctors).where(eq(doctors.id, doctorId));
  await fundWallet(db, patientId, doctor!.fee);
  const target = { kind: "reservation" as const, slotId: slot.id, ...(familyMemberId ? { familyMemberId } : {}) };
  const paid = await payFromWallet(engineOf(db), { intent: intentFor(patientId, target) });
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

const file = (content: string, kind: "pdf" | "image", fileName: string): PreparedFile => {
  const blob = (bytes: Buffer) => ({ sha256: createHash("sha256").update(bytes).digest("hex"), content: bytes });
  return {
    kind,
    contentType: kind === "pdf" ? "application/pdf" : "image/jpeg",
    fileName,
    file: blob(Buffer.from(content)),
    thumb: kind === "image" ? blob(Buffer.from(`thumb of ${content}`)) : null,
  };
};

/** A file message in a chat, as the chat service stores it: the message's body is the file's name. */
async function sendFile(db: Db, chatRequestId: string, senderId: string, prepared: PreparedFile) {
  const [message] = await db.insert(chatMessages).values({ chatRequestId, senderId, body: prepared.fileName }).returning();
  return storeAttachment(db, chatRequestId, message!.id, prepared);
}

/** Everything a patient can leave with us: patientWithHistory, plus a full profile, a family member with a
 * past visit of their own, files in the chat (a PDF whose bytes `sharedPdf` also sends elsewhere, and a photo
 * with its thumbnail), a paid withdrawal, the doctor's "new question from <first name>" with its SMS copy,
 * and a review. */
async function patientWithEverything(
  db: Db,
  p: { first: string; last: string; code: string; memberCode: string; question: string; sheba?: string },
) {
  const history = await patientWithHistory(db, `${p.first} ${p.last}`, p.question);
  const { patient, chat } = history;
  await db
    .update(users)
    .set({ firstName: p.first, lastName: p.last, nationalCode: p.code, birthYear: 1370, sex: "female" })
    .where(eq(users.id, patient.id));
  const member = await addMember(db, patient.id, { firstName: "کودک", lastName: p.last, nationalCode: p.memberCode, relation: "child" });
  if (!member.ok) throw new Error(member.error.code);
  const doctor = await makeDoctor(db);
  const memberVisit = await buyVisit(db, patient.id, doctor.id, member.value.id);
  await visitHappened(db, memberVisit);

  const pdf = await sendFile(db, chat.id, patient.id, file("shared report bytes", "pdf", `آزمایش خون ${p.first}.pdf`));
  const photo = await sendFile(db, chat.id, patient.id, file(`photo of ${p.first}`, "image", `عکس ${p.first}.jpg`));

  await fundWallet(db, patient.id, 800_000);
  const admin = await makeUser(db, "admin");
  const asked = await requestWithdrawal(db, actor(patient), { requestId: randomUUID(), amountRial: "all", sheba: p.sheba ?? SHEBA });
  if (!asked.ok) throw new Error(asked.error.code);
  const paid = await markWithdrawalPaid(db, actor(admin), { withdrawalId: asked.value.withdrawalId, bankReference: "123456789" });
  if (!paid.ok) throw new Error(paid.error.code);

  const [question] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.kind, "chat_question"), eq(notifications.reference, chat.id)));
  const [doctorAccount] = await db.select({ phone: users.phone }).from(users).where(eq(users.id, question!.recipientId));
  await db
    .insert(smsOutbox)
    .values({ phone: doctorAccount!.phone, body: question!.body, driver: "outbox", status: "sent", notificationId: question!.id });

  await db.insert(reviews).values({
    reservationId: history.visit.id,
    patientId: patient.id,
    doctorId: history.visit.doctorId,
    overall: 5,
    treatment: 5,
    manner: 4,
    explanation: 5,
    recommends: true,
    comment: "دکتر بسیار دقیقی بود",
  });
  return { ...history, member: member.value, memberVisit, pdf, photo, withdrawalId: asked.value.withdrawalId };
}

/** Valid (mod-97) Iranian IBANs. */
const SHEBA = "IR062960000000100324200001";
const OTHER_SHEBA = "IR800170000000111222333444";

async function expectIntegrity(db: Db) {
  // Every invariant of lib/invariants: no ghost records, every paid attempt with its record, wallets equal
  // to their ledgers, nothing refunded twice.
  expect(await invariantViolations(db)).toEqual([]);
}

describe("download my data", () => {
  it("holds the patient's profile, family, appointments, payments, ledger, withdrawals, chats and their files, messages and reviews, and nothing of anyone else", async () => {
    const db = world.db();
    const mine = await patientWithEverything(db, {
      first: "سارا",
      last: "رضایی",
      code: "1111111111",
      memberCode: "2222222222",
      question: "سؤال سارا درباره سردرد",
    });
    const theirs = await patientWithEverything(db, {
      first: "علی",
      last: "کاظمی",
      code: "3333333333",
      memberCode: "4444444444",
      question: "سؤال علی درباره کمردرد",
    });

    const exported = await exportMyData(db, actor(mine.patient));
    if (!exported.ok) throw new Error(exported.error.code);
    const data = exported.value;
    expect(data.profile).toMatchObject({
      phone: mine.patient.phone,
      name: "سارا رضایی",
      firstName: "سارا",
      lastName: "رضایی",
      nationalCode: "1111111111",
      birthYear: 1370,
      sex: "female",
    });
    expect(data.familyMembers).toMatchObject([{ firstName: "کودک", lastName: "رضایی", nationalCode: "2222222222", relation: "child" }]);
    expect(data.appointments.map((a) => a.id)).toEqual([mine.visit.id, mine.memberVisit.id]);
    expect(data.payments).toHaveLength(3);
    expect(data.walletLedger.map((l) => l.amountRial).reduce((a, b) => a + b, 0)).toBe(0);
    expect(data.walletLedger).toHaveLength(8); // three purchases funded and paid, one credit held for the withdrawal
    expect(data.withdrawals).toMatchObject([
      { amountRial: 800_000, sheba: SHEBA, holderName: "سارا رضایی", status: "paid", bankReference: "123456789" },
    ]);
    expect(data.chats).toHaveLength(1);
    expect(data.chats[0]!.question).toBe("سؤال سارا درباره سردرد");
    expect(data.chats[0]!.messages.map((m) => [m.fromPatient, m.body])).toEqual([
      [true, "سارا رضایی: یک سؤال دیگر"],
      [false, "پاسخ پزشک"],
      [true, "آزمایش خون سارا.pdf"],
      [true, "عکس سارا.jpg"],
    ]);
    // What each file was and where to open it, never its bytes.
    expect(data.chatFiles).toEqual([
      expect.objectContaining({
        fromPatient: true,
        fileName: "آزمایش خون سارا.pdf",
        contentType: "application/pdf",
        byteSize: "shared report bytes".length,
        link: `/api/chats/${mine.chat.id}/files/${mine.pdf.id}`,
      }),
      expect.objectContaining({
        fileName: "عکس سارا.jpg",
        contentType: "image/jpeg",
        link: `/api/chats/${mine.chat.id}/files/${mine.photo.id}`,
      }),
    ]);
    expect(data.chatFiles[0]).not.toHaveProperty("content");
    // Their own (both visits confirmed); the doctor's "new question from سارا" is the doctor's, not in it.
    expect(data.notifications.map((n) => n.kind)).toEqual(["reservation_confirmed", "reservation_confirmed"]);
    expect(data.reviews).toMatchObject([{ overall: 5, comment: "دکتر بسیار دقیقی بود", recommends: true }]);

    const text = JSON.stringify(data);
    for (const foreign of [
      theirs.patient.id,
      theirs.patient.phone,
      "علی",
      "کاظمی",
      "3333333333",
      "4444444444",
      "کمردرد",
      theirs.visit.id,
      theirs.chat.id,
      theirs.pdf.id,
      theirs.withdrawalId,
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

  it("is refused while a withdrawal waits to be paid out or a payment is being reversed to the card, though the balance reads 0", async () => {
    const db = world.db();
    const patient = await makePatient(db, { balanceRial: 900_000 });
    await db.update(users).set({ firstName: "مریم", lastName: "احمدی" }).where(eq(users.id, patient.id));
    const asked = await requestWithdrawal(db, actor(patient), { requestId: randomUUID(), amountRial: "all", sheba: SHEBA });
    expect(asked).toMatchObject({ ok: true, value: { balanceRial: 0 } });
    expect(await deletionBlockers(db, patient.id)).toEqual([{ code: "withdrawal_pending", count: 1 }]);

    const reverser = await makePatient(db);
    const visit = await buyVisit(db, reverser.id, (await makeDoctor(db)).id);
    await visitHappened(db, visit);
    // The claim alone, written by hand: a real one needs a gateway-paid, auto-refunded payment (see
    // lib/wallet/card-reversal.test.ts). Removed again below, before the after-test invariant check.
    await db.insert(cardReversals).values({ attemptId: visit.paymentAttemptId, userId: reverser.id, amountRial: visit.amountRial });
    expect(await deleteMyAccount(db, actor(reverser))).toEqual({
      ok: false,
      error: { code: "blocked", blockers: [{ code: "card_reversal_in_progress", count: 1 }] },
    });
    await db.delete(cardReversals).where(eq(cardReversals.userId, reverser.id));
    expect(await deletionBlockers(db, reverser.id)).toEqual([]);
  });

  it("tells the patient, in Persian, to withdraw the balance on the wallet page first", () => {
    const blocker = { code: "wallet_balance", balanceRial: 2_500_000 } as const;
    expect(blockerMessage(blocker)).toContain("کیف پول");
    expect(blockerMessage(blocker)).not.toContain("پشتیبانی");
    expect(blockerLink(blocker)).toEqual({ href: "/wallet", label: expect.any(String) });
    expect(blockerLink({ code: "upcoming_visit", count: 1 })).toBeNull();
    for (const code of ["withdrawal_pending", "card_reversal_in_progress"] as const) {
      expect(blockerMessage({ code, count: 2 })).toMatch(/۲/);
    }
  });

  it("is refused to doctors and staff (their accounts belong to the clinic)", async () => {
    const db = world.db();
    const staff = await makeUser(db, "staff");
    expect(await deleteMyAccount(db, actor(staff))).toEqual({ ok: false, error: { code: "not_patient" } });
  });

  it("erases the personal data, keeps the money records pseudonymous and balanced, audits it, and frees the phone", async () => {
    const db = world.db();
    const mine = await patientWithEverything(db, {
      first: "سارا",
      last: "رضایی",
      code: "1111111111",
      memberCode: "2222222222",
      question: "سؤال محرمانه درباره بیماری",
    });
    const { patient, visit, chat } = mine;
    const other = await patientWithEverything(db, {
      first: "علی",
      last: "کاظمی",
      code: "3333333333",
      memberCode: "4444444444",
      question: "سؤال علی",
      sheba: OTHER_SHEBA,
    });
    await db
      .insert(otpCodes)
      .values({ phone: patient.phone, codeHash: "x", requestIp: "127.0.0.1", expiresAt: new Date(Date.now() + 60_000) });
    const ledgerBefore = await db.select().from(walletLedger);

    const result = await deleteMyAccount(db, actor(patient));
    expect(result).toEqual({ ok: true, value: { userId: patient.id } });

    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(row).toMatchObject({
      phone: `deleted:${patient.id}`,
      name: null,
      firstName: null,
      lastName: null,
      nationalCode: null,
      birthYear: null,
      sex: null,
    });
    expect(row!.deletedAt).toBeInstanceOf(Date);
    const [chatRow] = await db.select().from(chatRequests).where(eq(chatRequests.id, chat.id));
    expect(chatRow!.question).toBe(ERASED_TEXT);
    expect((await db.select().from(chatMessages).where(eq(chatMessages.chatRequestId, chat.id))).map((m) => m.body)).toEqual(
      Array(4).fill(ERASED_TEXT),
    );
    const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.userId, patient.id));
    expect(JSON.stringify(attempts)).not.toContain("محرمانه");
    expect(await db.select().from(otpCodes).where(eq(otpCodes.phone, patient.phone))).toEqual([]);

    // Family members: tombstoned in place (the member's past visit still points at the row), nothing of who
    // they were left.
    const members = await db.select().from(familyMembers).where(eq(familyMembers.ownerId, patient.id));
    expect(members).toMatchObject([{ ...ERASED_MEMBER_NAME, nationalCode: ERASED_NATIONAL_CODE, relation: "child" }]);
    expect(members[0]!.removedAt).toBeInstanceOf(Date);
    expect(await db.select().from(reservations).where(eq(reservations.familyMemberId, mine.member.id))).toHaveLength(1);
    // What the clinic's staff now read on the doctor's day for that visit: no name, no phone.
    const [memberSlot] = await db.select().from(timeSlots).where(eq(timeSlots.id, mine.memberVisit.slotId));
    const day = await doctorDay(db, await staffOfEveryClinic(db), {
      doctorId: mine.memberVisit.doctorId,
      date: tehranDateKey(memberSlot!.startsAt),
    });
    expect(day!.find((slot) => slot.slotId === memberSlot!.id)!.reservation).toMatchObject({
      forName: ERASED_TEXT,
      forRelation: "child",
      patientName: null,
      patientPhone: `deleted:${patient.id}`,
    });

    // Files: the rows and every blob only they used (the photo and its thumbnail) are gone; the PDF's bytes
    // stay because the other patient's chat sent the same file.
    expect(await db.select().from(chatAttachments).where(eq(chatAttachments.chatRequestId, chat.id))).toEqual([]);
    const blobs = (await db.select({ sha256: chatBlobs.sha256 }).from(chatBlobs)).map((b) => b.sha256);
    const own = file("photo of سارا", "image", "");
    expect(blobs).not.toContain(own.file.sha256);
    expect(blobs).not.toContain(own.thumb!.sha256);
    expect(blobs).toContain(file("shared report bytes", "pdf", "").file.sha256);
    expect(await db.select().from(chatAttachments).where(eq(chatAttachments.chatRequestId, other.chat.id))).toHaveLength(2);

    // Notifications: their own texts and the doctor's "new question from سارا" (and its SMS copy) erased.
    const own_notes = await db.select({ body: notifications.body }).from(notifications).where(eq(notifications.recipientId, patient.id));
    expect(own_notes.map((n) => n.body)).toEqual([ERASED_TEXT, ERASED_TEXT]);
    const allTexts = JSON.stringify([await db.select().from(notifications), await db.select().from(smsOutbox)]);
    expect(allTexts).not.toContain("سارا");
    expect(allTexts).toContain("علی");

    // The withdrawal stays with its amount and status for the accounts; whose bank account it was does not.
    const [withdrawal] = await db.select().from(withdrawals).where(eq(withdrawals.id, mine.withdrawalId));
    expect(withdrawal).toMatchObject({ amountRial: 800_000, status: "paid", holderName: ERASED_TEXT, sheba: ERASED_SHEBA });

    // Not one of their identifying strings is left anywhere in the tables that held them.
    const everything = JSON.stringify(
      await Promise.all([
        db.select().from(users),
        db.select().from(familyMembers),
        db.select().from(chatAttachments),
        db.select().from(withdrawals),
        db.select().from(notifications),
      ]),
    );
    for (const gone of ["سارا", "رضایی", "1111111111", "2222222222", patient.phone]) {
      expect(everything).not.toContain(gone);
    }

    // Money stays: the same ledger, the reservation with its payment, and the integrity checks pass.
    expect(await db.select().from(walletLedger)).toEqual(ledgerBefore);
    expect(await db.select().from(reservations).where(eq(reservations.id, visit.id))).toHaveLength(1);
    await expectIntegrity(db);

    // Someone else's data is untouched.
    const [otherChat] = await db.select().from(chatRequests).where(eq(chatRequests.id, other.chat.id));
    expect(otherChat!.question).toBe("سؤال علی");

    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, patient.id)).orderBy(auditLog.createdAt);
    expect(audit).toMatchObject([
      { action: "withdrawal.pay", subjectType: "wallet", before: { sheba: ERASED_SHEBA } },
      { actorId: patient.id, action: "account.delete", subjectType: "user" },
    ]);
    expect(JSON.stringify(audit)).not.toContain(patient.phone);
    // The bank account is gone from every audit entry; the other patient's payout still names theirs.
    const allAudit = JSON.stringify(await db.select().from(auditLog));
    expect(allAudit).not.toContain(SHEBA);
    expect(allAudit).toContain(OTHER_SHEBA);

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
