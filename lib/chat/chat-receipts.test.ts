import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { chatRequests } from "@/db/schema";
import { buildEngine } from "@/testing/engine-harness";
import { setupTestDatabase } from "@/testing/payment-world";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { acceptChatRequest } from "./chat-lifecycle";
import { doctorInbox, myChats } from "./chat-lists";
import { pollChat, sendChatMessage } from "./chat-messages";
import { chatThread } from "./chat-thread";
import { isAnswered, seenIds, toSnapshot } from "./chat-wire";
import { actorOf, buyChat, makeChatDoctor, makeUser } from "./testing/chat-world";
import { staffOfEveryClinic } from "@/lib/staff/testing/staff-fixtures";

/** Issue 17 §3: the sender's "seen" ticks follow the other side's read marker exactly; the patient's list
 * says whether the doctor answered; the doctor's inbox puts the nearest deadline first, with time left. */

const { db } = setupTestDatabase();
let apiBase: string;
beforeAll(async () => {
  apiBase = await unreachableApiBase();
});

async function paidChat(doctor?: Awaited<ReturnType<typeof makeChatDoctor>>) {
  const doc = doctor ?? (await makeChatDoctor(db()));
  const patientUser = await makeUser(db(), "patient");
  const request = await buyChat(buildEngine(db(), apiBase).engine, patientUser.id, doc.doctor.id);
  return { id: request.id, patient: actorOf(patientUser), doctor: doc.actor, doc };
}

const send = async (actor: Parameters<typeof sendChatMessage>[1], id: string, body: string) => {
  const sent = await sendChatMessage(db(), actor, { chatRequestId: id, body });
  if (!sent.ok) throw new Error(sent.error.code);
  return sent.value.id;
};

describe("seen ticks", () => {
  it("the patient's question and messages turn seen only up to what the doctor was shown", async () => {
    const c = await paidChat();
    const first = await send(c.patient, c.id, "دمای بدنم ۳۸ درجه است.");
    expect((await chatThread(db(), c.patient, c.id))!.peerSeen).toEqual({ question: false, upToMessageId: null });

    // The doctor's screen polls once: everything so far is seen.
    await pollChat(db(), c.doctor, c.id, null);
    expect((await pollChat(db(), c.patient, c.id, null))!.peerSeen).toEqual({ question: true, upToMessageId: first });

    // A later message stays unseen until the doctor's next poll shows it.
    const second = await send(c.patient, c.id, "سرفه هم دارم.");
    const poll = (await pollChat(db(), c.patient, c.id, null))!;
    expect(poll.peerSeen).toEqual({ question: true, upToMessageId: first });
    const snapshot = toSnapshot(poll, 0);
    expect([...seenIds(snapshot.messages, snapshot.peerSeen)]).toEqual([first]);
    await pollChat(db(), c.doctor, c.id, first);
    expect((await pollChat(db(), c.patient, c.id, null))!.peerSeen?.upToMessageId).toBe(second);
  });

  it("the doctor's messages turn seen when the patient polls; staff reading marks nothing and gets no ticks", async () => {
    const c = await paidChat();
    await acceptChatRequest(db(), c.doctor, c.id);
    const answer = await send(c.doctor, c.id, "مایعات زیاد بنوشید.");
    const staff = await staffOfEveryClinic(db());
    expect((await pollChat(db(), staff, c.id, null))!.peerSeen).toBeNull();
    expect((await pollChat(db(), c.doctor, c.id, null))!.peerSeen?.upToMessageId).toBeNull();
    await pollChat(db(), c.patient, c.id, null);
    expect((await pollChat(db(), c.doctor, c.id, null))!.peerSeen?.upToMessageId).toBe(answer);
  });
});

describe("where a consultation stands", () => {
  it("the patient's list says answered once the doctor wrote last, waiting again after the patient replies", async () => {
    const c = await paidChat();
    const answered = async () => (await myChats(db(), c.patient)).find((item) => item.id === c.id)!.answered;
    expect(await answered()).toBe(false);
    await acceptChatRequest(db(), c.doctor, c.id);
    await send(c.doctor, c.id, "از کی شروع شده؟");
    expect(await answered()).toBe(true);
    await send(c.patient, c.id, "از سه روز پیش");
    expect(await answered()).toBe(false);
    expect(isAnswered([{ from: "patient" }, { from: "doctor" }])).toBe(true);
    expect(isAnswered([])).toBe(false);
  });

  it("the doctor's inbox lists waiting requests by nearest deadline first, with the seconds left", async () => {
    const doc = await makeChatDoctor(db());
    const later = await paidChat(doc);
    const sooner = await paidChat(doc);
    const open = await paidChat(doc);
    await acceptChatRequest(db(), doc.actor, open.id);
    const now = Date.now();
    await db()
      .update(chatRequests)
      .set({ answerDeadline: new Date(now + 5 * 3_600_000) })
      .where(eq(chatRequests.id, later.id));
    await db()
      .update(chatRequests)
      .set({ answerDeadline: new Date(now + 2 * 3_600_000) })
      .where(eq(chatRequests.id, sooner.id));
    const inbox = (await doctorInbox(db(), doc.actor)).requests;
    expect(inbox.map((r) => r.id)).toEqual([sooner.id, later.id, open.id]);
    expect(inbox[0]!.secondsLeft).toBeGreaterThan(2 * 3600 - 60);
    expect(inbox[0]!.secondsLeft).toBeLessThanOrEqual(2 * 3600);
  });
});
