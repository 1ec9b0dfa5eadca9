import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing/test-db";
import { buildEngine } from "@/testing/engine-harness";
import { unreachableApiBase } from "@/testing/sandbox-server";
import { chatEventHub } from "./chat-events";
import { acceptChatRequest } from "./chat-lifecycle";
import { pollChat, sendChatMessage } from "./chat-messages";
import { actorOf, buyChat, makeChatDoctor, makeUser } from "./testing/chat-world";

/** The push path's source: the database NOTIFYs on commit of a message, an acceptance or a read, and the hub
 * wakes exactly the streams of that chat (PGlite in-process, or Postgres LISTEN with DATABASE_URL). */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

it("wakes the chat's subscribers on each committed change, and nobody else's", async () => {
  const db = database.db;
  const engine = buildEngine(db, await unreachableApiBase()).engine;
  const doc = await makeChatDoctor(db);
  const patient = await makeUser(db, "patient");
  const mine = await buyChat(engine, patient.id, doc.doctor.id);
  const other = await buyChat(engine, (await makeUser(db, "patient")).id, doc.doctor.id);

  const hub = chatEventHub(database);
  const woken: string[] = [];
  let wake: () => void = () => {};
  const next = () => new Promise<void>((resolve) => (wake = resolve));
  const offMine = await hub.subscribe(mine.id, () => (woken.push("mine"), wake()));
  const offOther = await hub.subscribe(other.id, () => (woken.push("other"), wake()));

  let arrived = next();
  await sendChatMessage(db, actorOf(patient), { chatRequestId: mine.id, body: "دمای بدنم ۳۸ درجه است." });
  await arrived;
  arrived = next();
  await acceptChatRequest(db, doc.actor, mine.id);
  await arrived;
  arrived = next();
  await pollChat(db, doc.actor, mine.id, null); // the doctor reads: the patient's ticks must change
  await arrived;
  expect(woken.filter((w) => w === "other")).toEqual([]);
  expect(woken.length).toBeGreaterThanOrEqual(3);

  arrived = next();
  offMine();
  await sendChatMessage(db, actorOf(patient), { chatRequestId: mine.id, body: "و سرفه." });
  await sendChatMessage(db, actorOf({ id: other.patientId, role: "patient" }), { chatRequestId: other.id, body: "سلام" });
  await arrived;
  expect(woken.at(-1)).toBe("other");
  expect(hub.openStreams).toBe(1);
  offOther();
  expect(hub.openStreams).toBe(0);
});
