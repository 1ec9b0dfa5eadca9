import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clinicMemberships } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-db";
import { ForbiddenError, type Actor } from "@/lib/auth/actor";
import { buildEngine } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { chatRequestFor } from "./chat-access";
import { acceptChatRequest, closeChatRequest } from "./chat-lifecycle";
import { doctorInbox, myChats } from "./chat-lists";
import { pollChat, sendChatMessage } from "./chat-messages";
import { chatThread } from "./chat-thread";
import { unreadChatCount } from "./chat-unread";
import { actorOf, buyChat, makeChatDoctor, makeUser, SUMMARY } from "./testing/chat-world";

/** Every chat service checks who is asking: a patient sees only their own chats, a doctor only those
 * addressed to them, staff read everything but write nothing; anyone else gets what a missing chat gets. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;

let chatId: string;
let patient: Actor;
let doctor: Actor;
let otherPatient: Actor;
let otherDoctor: Actor;
let staff: Actor;
let admin: Actor;
let theirChatId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const { engine } = buildEngine(db(), await unreachableApiBase());
  const mine = await makeChatDoctor(db());
  const theirs = await makeChatDoctor(db());
  const patientUser = await makeUser(db(), "patient");
  const otherUser = await makeUser(db(), "patient");
  patient = actorOf(patientUser);
  otherPatient = actorOf(otherUser);
  doctor = mine.actor;
  otherDoctor = theirs.actor;
  // Staff of the first doctor's clinic only; the platform admin sees every clinic.
  staff = actorOf(await makeUser(db(), "staff"));
  await db().insert(clinicMemberships).values({ userId: staff.userId, clinicId: mine.doctor.clinicId, role: "receptionist" });
  admin = actorOf(await makeUser(db(), "admin"));
  chatId = (await buyChat(engine, patientUser.id, mine.doctor.id)).id;
  // The others have chats of their own, which must not leak either.
  theirChatId = (await buyChat(engine, otherUser.id, theirs.doctor.id)).id;
  await acceptChatRequest(db(), doctor, chatId);
  await sendChatMessage(db(), doctor, { chatRequestId: chatId, body: "سلام، چند سال دارید؟" });
});
afterAll(() => database?.close());

describe("the patient and the doctor of a chat", () => {
  it("both read it, in their own role", async () => {
    expect(await chatRequestFor(db(), patient, chatId)).toMatchObject({ role: "patient" });
    expect(await chatRequestFor(db(), doctor, chatId)).toMatchObject({ role: "doctor" });
    expect((await chatThread(db(), patient, chatId))?.messages).toHaveLength(1);
    expect((await pollChat(db(), doctor, chatId, null))?.messages).toHaveLength(1);
  });

  it("list only their own", async () => {
    expect((await myChats(db(), patient)).map((c) => c.id)).toEqual([chatId]);
    expect((await doctorInbox(db(), doctor)).requests.map((c) => c.id)).toEqual([chatId]);
  });
});

describe("another patient and another doctor", () => {
  for (const who of ["otherPatient", "otherDoctor"] as const) {
    it(`${who} gets nothing: not found on every read and every action, nothing in their lists or counts`, async () => {
      const actor = who === "otherPatient" ? otherPatient : otherDoctor;
      expect(await chatRequestFor(db(), actor, chatId)).toBeNull();
      expect(await chatThread(db(), actor, chatId)).toBeNull();
      expect(await pollChat(db(), actor, chatId, null)).toBeNull();
      expect(await sendChatMessage(db(), actor, { chatRequestId: chatId, body: "نفوذ" })).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
      expect(await acceptChatRequest(db(), actor, chatId)).toEqual({ ok: false, error: { code: "not_found" } });
      expect(await closeChatRequest(db(), actor, chatId, SUMMARY)).toEqual({ ok: false, error: { code: "not_found" } });
      expect((await myChats(db(), actor)).map((c) => c.id)).not.toContain(chatId);
      if (actor.role === "doctor") expect((await doctorInbox(db(), actor)).requests.map((c) => c.id)).not.toContain(chatId);
      expect((await pollChat(db(), patient, chatId, null))?.messages.map((m) => m.body)).not.toContain("نفوذ");
    });
  }

  it("a doctor account cannot read a chat merely by being a doctor, nor a patient by guessing ids", async () => {
    expect(await chatThread(db(), otherDoctor, randomUUID())).toBeNull();
    expect(await chatThread(db(), patient, "not-a-uuid")).toBeNull();
    expect(await pollChat(db(), patient, "'; drop table chat_messages; --", null)).toBeNull();
  });
});

describe("staff and admins (support)", () => {
  it("read their clinics' chats (the admin every clinic's), but never write, accept or close", async () => {
    expect((await myChats(db(), staff)).map((c) => c.id)).toEqual([chatId]);
    expect(await chatRequestFor(db(), staff, theirChatId)).toBeNull();
    expect(await chatThread(db(), staff, theirChatId)).toBeNull();
    expect(await chatRequestFor(db(), admin, theirChatId)).toMatchObject({ role: "staff" });
    expect((await myChats(db(), admin)).length).toBe(2);
    for (const actor of [staff, admin]) {
      expect(await chatRequestFor(db(), actor, chatId)).toMatchObject({ role: "staff" });
      expect((await chatThread(db(), actor, chatId))?.messages.length).toBeGreaterThan(0);
      expect(await sendChatMessage(db(), actor, { chatRequestId: chatId, body: "پشتیبانی" })).toEqual({
        ok: false,
        error: { code: "read_only" },
      });
      expect(await acceptChatRequest(db(), actor, chatId)).toEqual({ ok: false, error: { code: "not_doctor" } });
      expect(await closeChatRequest(db(), actor, chatId, SUMMARY)).toEqual({ ok: false, error: { code: "not_doctor" } });
    }
  });

  it("reading for support marks nothing read", async () => {
    await sendChatMessage(db(), doctor, { chatRequestId: chatId, body: "نتیجه آزمایش را بفرستید." });
    const before = await unreadChatCount(db(), patient);
    expect(before).toBeGreaterThan(0);
    await pollChat(db(), staff, chatId, null);
    await chatThread(db(), admin, chatId);
    expect(await unreadChatCount(db(), patient)).toBe(before);
  });
});

describe("the inbox", () => {
  it("is for doctors only", async () => {
    for (const actor of [patient, staff, null]) await expect(doctorInbox(db(), actor)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("says so when a doctor account has no profile", async () => {
    const unlinked = actorOf(await makeUser(db(), "doctor"));
    expect(await doctorInbox(db(), unlinked)).toEqual({ linked: false, requests: [] });
  });

  it("the patient cannot accept or close their own request", async () => {
    expect(await acceptChatRequest(db(), patient, chatId)).toEqual({ ok: false, error: { code: "not_doctor" } });
    expect(await closeChatRequest(db(), patient, chatId, SUMMARY)).toEqual({ ok: false, error: { code: "not_doctor" } });
  });
});

it("an anonymous caller gets nothing", async () => {
  expect(await chatThread(db(), null, chatId)).toBeNull();
  expect(await pollChat(db(), null, chatId, null)).toBeNull();
  expect(await sendChatMessage(db(), null, { chatRequestId: chatId, body: "سلام" })).toEqual({ ok: false, error: { code: "not_found" } });
  expect(await acceptChatRequest(db(), null, chatId)).toEqual({ ok: false, error: { code: "not_found" } });
});
