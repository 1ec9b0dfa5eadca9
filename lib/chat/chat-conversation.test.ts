import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, chatRequests, doctors, users, walletLedger } from "@/db/schema";
import { auditTrail } from "@/lib/audit/audit";
import { balanceOf, buildEngine } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { expireOverdueChatRequests } from "./chat-expiry";
import { acceptChatRequest, closeChatRequest } from "./chat-lifecycle";
import { doctorInbox, myChats } from "./chat-lists";
import { pollChat, sendChatMessage } from "./chat-messages";
import { chatThread } from "./chat-thread";
import { unreadChatCount } from "./chat-unread";
import { actorOf, buyChat, CHAT_FEE, makeChatDoctor, makeUser, SUMMARY } from "./testing/chat-world";

const { db } = setupTestDatabase();
let apiBase: string;
beforeAll(async () => {
  apiBase = await unreachableApiBase();
});

const HOUR = 3_600_000;
const ANSWER_HOURS = 24;
const afterDeadline = () => new Date(Date.now() + (ANSWER_HOURS + 1) * HOUR);

/** A paid, waiting chat request between a fresh patient and a doctor with a sign-in. */
async function paidChat() {
  const { engine } = buildEngine(db(), apiBase);
  const doc = await makeChatDoctor(db(), { chatAnswerHours: ANSWER_HOURS });
  const patientUser = await makeUser(db(), "patient");
  const request = await buyChat(engine, patientUser.id, doc.doctor.id);
  return { request, id: request.id, patient: actorOf(patientUser), doctor: doc.actor, engine, doctorId: doc.doctor.id };
}

const bodies = async (actor: Parameters<typeof pollChat>[1], id: string, after: string | null = null) =>
  (await pollChat(db(), actor, id, after))!.messages.map((m) => `${m.from}:${m.body}`);

describe("a conversation from request to close", () => {
  it("waiting → the doctor must accept before writing; the patient may add details → active → both write, in order → closed", async () => {
    const c = await paidChat();
    expect(await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body: "سلام" })).toEqual({
      ok: false,
      error: { code: "not_accepted" },
    });
    expect(await sendChatMessage(db(), c.patient, { chatRequestId: c.id, body: "دمای بدنم ۳۸ درجه است." })).toMatchObject({
      ok: true,
      value: { from: "patient" },
    });

    expect(await acceptChatRequest(db(), c.doctor, c.id)).toEqual({ ok: true, value: undefined });
    expect(await acceptChatRequest(db(), c.doctor, c.id)).toEqual({ ok: true, value: undefined }); // twice is fine
    expect((await pollChat(db(), c.patient, c.id, null))!.status).toBe("active");

    await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body: "از کی شروع شده؟" });
    await sendChatMessage(db(), c.patient, { chatRequestId: c.id, body: "از سه روز پیش" });
    await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body: "مایعات زیاد بنوشید." });
    const expected = ["patient:دمای بدنم ۳۸ درجه است.", "doctor:از کی شروع شده؟", "patient:از سه روز پیش", "doctor:مایعات زیاد بنوشید."];
    expect(await bodies(c.patient, c.id)).toEqual(expected);
    expect(await bodies(c.doctor, c.id)).toEqual(expected);

    expect(await closeChatRequest(db(), c.doctor, c.id, SUMMARY)).toEqual({ ok: true, value: undefined });
    expect(await closeChatRequest(db(), c.doctor, c.id, "خلاصه‌ی دیگر")).toEqual({ ok: false, error: { code: "already_closed" } });
    const [closed] = await db().select().from(chatRequests).where(eq(chatRequests.id, c.id));
    expect(closed).toMatchObject({ status: "closed", closingSummary: SUMMARY, closedBy: c.doctor.userId });
    expect(closed!.closedAt).toBeInstanceOf(Date);
    expect((await chatThread(db(), c.patient, c.id))!.closing).toEqual({ summary: SUMMARY, closedAt: closed!.closedAt });
    expect((await myChats(db(), c.patient)).find((i) => i.id === c.id)?.closingSummary).toBe(SUMMARY);
    for (const actor of [c.patient, c.doctor]) {
      expect(await sendChatMessage(db(), actor, { chatRequestId: c.id, body: "یک چیز دیگر" })).toEqual({
        ok: false,
        error: { code: "closed" },
      });
    }
    expect(await acceptChatRequest(db(), c.doctor, c.id)).toEqual({ ok: false, error: { code: "closed" } });
  });

  it("shows the doctor the patient's age from their Jalali birth year and their sex", async () => {
    const c = await paidChat();
    const now = new Date("2026-11-30T12:00:00Z"); // 9 Azar 1405
    expect((await chatThread(db(), c.doctor, c.id, now))!.patientProfile).toEqual({ age: null, sex: null });
    await db().update(users).set({ birthYear: 1370, sex: "female" }).where(eq(users.id, c.patient.userId));
    expect((await chatThread(db(), c.doctor, c.id, now))!.patientProfile).toEqual({ age: 35, sex: "female" });
  });

  it("a waiting request cannot be closed (it expires and is refunded instead)", async () => {
    const c = await paidChat();
    expect(await closeChatRequest(db(), c.doctor, c.id, SUMMARY)).toEqual({ ok: false, error: { code: "not_active" } });
    expect(await db().select().from(auditLog)).toEqual([]);
  });

  it("closing is audited in its own transaction: one row naming the doctor, the chat and its clinic, without the summary; refusals write none", async () => {
    const c = await paidChat();
    await acceptChatRequest(db(), c.doctor, c.id);
    expect(await closeChatRequest(db(), c.patient, c.id, SUMMARY)).toEqual({ ok: false, error: { code: "not_doctor" } });
    expect(await db().select().from(auditLog)).toEqual([]);

    expect(await closeChatRequest(db(), c.doctor, c.id, SUMMARY)).toEqual({ ok: true, value: undefined });
    expect(await closeChatRequest(db(), c.doctor, c.id, "خلاصه‌ی دیگر")).toEqual({ ok: false, error: { code: "already_closed" } });
    const [{ clinicId }] = (await db().select({ clinicId: doctors.clinicId }).from(doctors).where(eq(doctors.id, c.doctorId))) as [
      { clinicId: string },
    ];
    const rows = await db().select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: c.doctor.userId,
      action: "chat.close",
      subjectType: "chat_request",
      subjectId: c.id,
      clinicId,
      before: { status: "active" },
      after: { status: "closed" },
    });
    expect(JSON.stringify(rows[0])).not.toContain(SUMMARY);

    // The platform admin reads it in the trail with the conversation named.
    const admin = await makeUser(db(), "admin");
    const trail = await auditTrail(db(), actorOf(admin), { action: "chat.close" });
    expect(trail.rows.map((r) => r.subject)).toEqual([
      { kind: "chat", doctorName: expect.any(String), patientName: expect.anything(), patientPhone: expect.any(String) },
    ]);
  });

  it("stores message text verbatim, markup included: escaping is the screen's job", async () => {
    const c = await paidChat();
    await acceptChatRequest(db(), c.doctor, c.id);
    const markup = `<img src=x onerror="alert(1)"> & <b>سلام</b>\nخط دوم`;
    await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body: markup });
    expect(await bodies(c.patient, c.id)).toEqual([`doctor:${markup}`]);
  });
});

describe("polling with a cursor", () => {
  it("answers only the messages after the cursor; a cursor from elsewhere reads as none", async () => {
    const c = await paidChat();
    const other = await paidChat();
    await acceptChatRequest(db(), c.doctor, c.id);
    const sent = [];
    for (const body of ["یک", "دو", "سه"]) {
      const r = await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body });
      if (r.ok) sent.push(r.value);
    }
    expect(await bodies(c.patient, c.id, sent[0]!.id)).toEqual(["doctor:دو", "doctor:سه"]);
    expect(await bodies(c.patient, c.id, sent[2]!.id)).toEqual([]);
    await sendChatMessage(db(), other.patient, { chatRequestId: other.id, body: "دیگری" });
    const foreign = (await pollChat(db(), other.patient, other.id, null))!.messages[0]!.id;
    expect(await bodies(c.patient, c.id, foreign)).toEqual(["doctor:یک", "doctor:دو", "doctor:سه"]);
    expect(await bodies(c.patient, c.id, "garbage")).toHaveLength(3);
  });

  it("stamps every message strictly after the one before, so the order is the order they were sent", async () => {
    const c = await paidChat();
    await acceptChatRequest(db(), c.doctor, c.id);
    for (let i = 0; i < 15; i++) await sendChatMessage(db(), i % 2 ? c.doctor : c.patient, { chatRequestId: c.id, body: `پیام ${i}` });
    const list = (await pollChat(db(), c.doctor, c.id, null))!.messages;
    expect(list.map((m) => m.body)).toEqual(Array.from({ length: 15 }, (_, i) => `پیام ${i}`));
  });
});

describe("unread counts", () => {
  it("count the new question for the doctor and each other side's message, until the reader is shown them", async () => {
    const c = await paidChat();
    expect(await unreadChatCount(db(), c.doctor)).toBe(1); // the question itself
    expect(await unreadChatCount(db(), c.patient)).toBe(0);
    expect((await doctorInbox(db(), c.doctor)).requests).toMatchObject([{ id: c.id, unread: 1, status: "waiting" }]);

    await pollChat(db(), c.doctor, c.id, null);
    expect(await unreadChatCount(db(), c.doctor)).toBe(0);

    await acceptChatRequest(db(), c.doctor, c.id);
    await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body: "اول" });
    const second = await sendChatMessage(db(), c.doctor, { chatRequestId: c.id, body: "دوم" });
    expect(await unreadChatCount(db(), c.patient)).toBe(2);
    expect(await unreadChatCount(db(), c.doctor)).toBe(0); // one's own messages are never unread
    expect((await myChats(db(), c.patient))[0]).toMatchObject({ id: c.id, unread: 2 });

    await pollChat(db(), c.patient, c.id, null);
    expect(await unreadChatCount(db(), c.patient)).toBe(0);
    // Polling again with nothing new moves nothing back.
    if (second.ok) await pollChat(db(), c.patient, c.id, second.value.id);
    expect(await unreadChatCount(db(), c.patient)).toBe(0);

    await sendChatMessage(db(), c.patient, { chatRequestId: c.id, body: "ممنون" });
    expect(await unreadChatCount(db(), c.doctor)).toBe(1);
  });

  it("sum over all of a user's chats, and an expired request asks nothing more of the doctor", async () => {
    const c = await paidChat();
    const { engine } = c;
    const again = await buyChat(engine, c.patient.userId, c.doctorId, "پرسش دوم درباره‌ی همان بیماری");
    expect(await unreadChatCount(db(), c.doctor)).toBe(2);
    await db()
      .update(chatRequests)
      .set({ answerDeadline: new Date(Date.now() - 1_000) })
      .where(eq(chatRequests.id, again.id));
    await expireOverdueChatRequests(db(), new Date());
    expect(await unreadChatCount(db(), c.doctor)).toBe(1);
  });
});

describe("the answer deadline", () => {
  it("an unanswered request expires after its deadline and its fee goes back to the wallet, once", async () => {
    const c = await paidChat();
    const answered = await paidChat();
    await acceptChatRequest(db(), answered.doctor, answered.id);
    const young = await paidChat();
    const now = afterDeadline();
    await db()
      .update(chatRequests)
      .set({ answerDeadline: new Date(now.getTime() + HOUR) })
      .where(eq(chatRequests.id, young.id));

    expect(await expireOverdueChatRequests(db(), new Date())).toBe(0);
    expect(await expireOverdueChatRequests(db(), now)).toBe(1);
    expect(await expireOverdueChatRequests(db(), now)).toBe(0);

    const rows = await db().select().from(chatRequests);
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status).toEqual({ [c.id]: "expired", [answered.id]: "active", [young.id]: "waiting" });
    expect(rows.find((r) => r.id === c.id)!.closedAt).toEqual(now);
    const refunds = await db().select().from(walletLedger).where(eq(walletLedger.reason, "chat_expiry_refund"));
    expect(refunds).toMatchObject([{ userId: c.patient.userId, reference: c.id, amountRial: CHAT_FEE }]);
    expect(await balanceOf(db(), c.patient.userId)).toBe(CHAT_FEE);

    expect(await acceptChatRequest(db(), c.doctor, c.id, now)).toEqual({ ok: false, error: { code: "deadline_passed" } });
    expect(await sendChatMessage(db(), c.patient, { chatRequestId: c.id, body: "هنوز هستید؟" })).toEqual({
      ok: false,
      error: { code: "closed" },
    });
    expect((await pollChat(db(), c.patient, c.id, null))!.status).toBe("expired");
  });

  it("past the deadline but before the job ran: the doctor can no longer accept, the patient can no longer write", async () => {
    const c = await paidChat();
    const late = afterDeadline();
    expect(await acceptChatRequest(db(), c.doctor, c.id, late)).toEqual({ ok: false, error: { code: "deadline_passed" } });
    expect(await sendChatMessage(db(), c.patient, { chatRequestId: c.id, body: "سلام؟" }, late)).toEqual({
      ok: false,
      error: { code: "closed" },
    });
    expect(await expireOverdueChatRequests(db(), late)).toBe(1);
  });
});
