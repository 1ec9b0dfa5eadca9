import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { createTestDatabase } from "@/db/testing/test-db";
import { rawRows } from "@/lib/shared/raw-rows";
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

it("wakes every open stream when a lost LISTEN is re-established, so each re-reads what it missed", async () => {
  // A dropped listening connection needs a server to drop it: this one always runs on real Postgres.
  const postgres = await createRacePostgres();
  try {
    const db = postgres.db;
    const engine = buildEngine(db, await unreachableApiBase()).engine;
    const doc = await makeChatDoctor(db);
    const patient = await makeUser(db, "patient");
    const chat = await buyChat(engine, patient.id, doc.doctor.id);
    const hub = chatEventHub(postgres);
    let woken = 0;
    let wake: () => void = () => {};
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    const off = await hub.subscribe(chat.id, () => (woken++, wake()));

    // The server ends the listening session, as a restart or a network cut would; postgres.js reconnects and
    // LISTENs again by itself. Nothing about this chat changes: only the re-established LISTEN can wake it.
    const rewoken = Promise.race([
      next(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("the stream was not woken when the LISTEN came back")), 10_000)),
    ]);
    const [ended] = await rawRows<{ ended: boolean }>(
      db,
      sql`
      select pg_terminate_backend(pid) as ended from pg_stat_activity
      where datname = current_database() and query ilike 'listen%'`,
    );
    expect(ended?.ended).toBe(true);
    await rewoken;
    expect(woken).toBe(1);

    // And the new LISTEN carries the chat's changes again.
    const arrived = next();
    await sendChatMessage(db, actorOf(patient), { chatRequestId: chat.id, body: "هنوز تب دارم." });
    await arrived;
    expect(woken).toBe(2);
    off();
  } finally {
    await postgres.close();
  }
});
