import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import { eventStreamResponse } from "@/lib/shared/event-stream";
import { buildEngine } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { chatEventHub, userTopic } from "./chat-events";
import { acceptChatRequest } from "./chat-lifecycle";
import { pollChat, sendChatMessage } from "./chat-messages";
import { unreadCountFeed } from "./chat-streams";
import { actorOf, buyChat, makeChatDoctor, makeUser } from "./testing/chat-world";

/** The header badge's stream (GET /api/chats/unread/stream) as the route serves it, read event by event on
 * the real database: a change to any of the viewer's chats — not only the one on screen — pushes the new
 * count, with no poll anywhere; a change that leaves the count as it was sends nothing. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let engine: ReturnType<typeof buildEngine>["engine"];
beforeAll(async () => {
  database = await createTestDatabase();
  engine = buildEngine(database.db, await unreachableApiBase()).engine;
});
afterAll(() => database?.close());

/** The badge's stream for `actor`, and its events' data one at a time (each within 10 s, or the test fails). */
function openBadgeStream(actor: Actor) {
  const abort = new AbortController();
  const reader = eventStreamResponse(abort.signal, unreadCountFeed(database, actor)).body!.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  async function nextCount(): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const end = buffered.indexOf("\n\n");
      if (end >= 0) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (event.startsWith("data: ")) return (JSON.parse(event.slice(6)) as { count: number }).count;
        continue; // retry: and heartbeat comments
      }
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event within 10 s")), Math.max(0, deadline - Date.now()))),
      ]);
      if (chunk.done) throw new Error("the stream ended");
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  }
  return { nextCount, close: () => abort.abort() };
}

it("a doctor's message in another of the patient's chats updates the badge over the stream; their own changes send nothing", async () => {
  const db = database.db;
  const patientUser = await makeUser(db, "patient");
  const patient = actorOf(patientUser);
  const first = await makeChatDoctor(db);
  const second = await makeChatDoctor(db);
  const chatA = await buyChat(engine, patientUser.id, first.doctor.id);
  const chatB = await buyChat(engine, patientUser.id, second.doctor.id);

  const badge = openBadgeStream(patient);
  expect(await badge.nextCount()).toBe(0);

  // Accepting chat B, and the patient's own message in chat A, wake the stream but move nothing: no event.
  await acceptChatRequest(db, second.actor, chatB.id);
  await sendChatMessage(db, patient, { chatRequestId: chatA.id, body: "سلام، هنوز تب دارم." });
  await sendChatMessage(db, second.actor, { chatRequestId: chatB.id, body: "از کی تب دارید؟" });
  expect(await badge.nextCount()).toBe(1);
  await sendChatMessage(db, second.actor, { chatRequestId: chatB.id, body: "دمای بدن را هم بنویسید." });
  expect(await badge.nextCount()).toBe(2);

  // The patient opens chat B (on this instance or another): the badge empties.
  await pollChat(db, patient, chatB.id, null);
  expect(await badge.nextCount()).toBe(0);
  badge.close();
});

it("a new request to a doctor updates the doctor's badge; someone else's chats never wake it", async () => {
  const db = database.db;
  const doc = await makeChatDoctor(db);
  const otherDoc = await makeChatDoctor(db);
  const hub = chatEventHub(database);
  const wokenFor: string[] = [];
  const offDoctor = await hub.subscribe(userTopic(doc.account.id), () => wokenFor.push("doctor"));
  const offOther = await hub.subscribe(userTopic(otherDoc.account.id), () => wokenFor.push("other doctor"));

  const badge = openBadgeStream(doc.actor);
  expect(await badge.nextCount()).toBe(0);
  const patientUser = await makeUser(db, "patient");
  const chat = await buyChat(engine, patientUser.id, doc.doctor.id);
  expect(await badge.nextCount()).toBe(1);
  await sendChatMessage(db, actorOf(patientUser), { chatRequestId: chat.id, body: "و سرفه هم دارم." });
  expect(await badge.nextCount()).toBe(2);
  // Notifications arrive in commit order: the doctor's stream has had the last one, so the other doctor's
  // would have come before it.
  expect(wokenFor).not.toContain("other doctor");
  expect(wokenFor.length).toBeGreaterThanOrEqual(2);
  offDoctor();
  offOther();
  badge.close();
});

it("a stream whose client left while it was subscribing stays subscribed to nothing", async () => {
  const patient = actorOf(await makeUser(database.db, "patient"));
  const hub = chatEventHub(database);
  await hub.subscribe(userTopic(patient.userId), () => {}).then((off) => off()); // the LISTEN is up
  const before = hub.openStreams;
  const abort = new AbortController();
  eventStreamResponse(abort.signal, unreadCountFeed(database, patient));
  abort.abort(); // before its subscription resolved
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(hub.openStreams).toBe(before);
});
