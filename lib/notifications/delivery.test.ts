import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { runMigrations } from "graphile-worker";
import type { Database } from "@/db/client";
import { notifications, smsOutbox } from "@/db/schema";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { makePatient, resetDatabase } from "@/testing/engine-harness";
import { rawRows } from "@/lib/shared/raw-rows";
import { kavenegarDriver } from "@/lib/sms/kavenegar-driver";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import { CLAIM_MS, deliverNotification, unsentNotifications } from "./delivery";
import { recordNotification } from "./record";

/* Exactly once per (event, recipient), on a real Postgres with the queue's schema installed:
 * the notification and its job are written in the event's transaction; concurrent senders and a sender
 * killed mid-send still make one SMS. A stand-in for Kavenegar keeps every message it accepted, by localid. */

let database: Database & { url: string };
const db = () => database.db;

type Accepted = { localid: string; receptor: string; message: string; messageid: number };
let accepted: Accepted[];
let provider: Server;
let apiBase: string;

beforeAll(async () => {
  database = await createRacePostgres({ poolMax: 20 });
  await runMigrations({ connectionString: database.url, logger: undefined });
  provider = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const reply = (body: unknown) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url?.endsWith("/sms/statuslocalmessageid.json")) {
        const known = accepted.find((a) => a.localid === form.get("localid"));
        return reply({
          return: { status: 200, message: "تایید شد" },
          entries: [known ? { messageid: known.messageid, status: 10 } : { messageid: null, status: 100 }],
        });
      }
      const entry = {
        localid: form.get("localid")!,
        receptor: form.get("receptor")!,
        message: form.get("message")!,
        messageid: 1000 + accepted.length,
      };
      accepted.push(entry);
      reply({ return: { status: 200, message: "تایید شد" }, entries: [{ messageid: entry.messageid, status: 1 }] });
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});

afterAll(async () => {
  provider?.closeAllConnections();
  await new Promise<void>((resolve) => provider?.close(() => resolve()));
  await database?.close();
});

beforeEach(async () => {
  accepted = [];
  await resetDatabase(db());
  await db().execute(sql`delete from graphile_worker._private_jobs`);
});

async function jobsFor(notificationId: string) {
  return rawRows<{ task_identifier: string; key: string | null }>(
    db(),
    sql`select t.identifier as task_identifier, j.key from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id where j.payload->>'id' = ${notificationId}`,
  );
}

async function owed(recipientId: string, reference = "r-1") {
  await recordNotification(db(), {
    recipientId,
    kind: "reservation_confirmed",
    reference,
    body: "دکتر نوبت: نوبت شما ثبت شد.",
    link: "/appointments",
  });
  const [row] = await db().select().from(notifications).where(eq(notifications.reference, reference));
  return row!;
}

describe("recording a notification", () => {
  it("queues its SMS job in the same transaction: gone with a rollback, once with a commit, once for a repeated event", async () => {
    const patient = await makePatient(db());
    const rolledBack = await db()
      .transaction(async (tx) => {
        await recordNotification(tx, {
          recipientId: patient.id,
          kind: "reservation_confirmed",
          reference: "r-rolled-back",
          body: "x",
          link: "/",
        });
        throw new Error("the booking failed after all");
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe("the booking failed after all");
    expect(await db().select().from(notifications)).toHaveLength(0);
    expect(await rawRows(db(), sql`select 1 from graphile_worker.jobs`)).toHaveLength(0);

    const first = await db().transaction((tx) =>
      recordNotification(tx, { recipientId: patient.id, kind: "reservation_confirmed", reference: "r-2", body: "x", link: "/" }),
    );
    const again = await recordNotification(db(), {
      recipientId: patient.id,
      kind: "reservation_confirmed",
      reference: "r-2",
      body: "y",
      link: "/",
    });
    expect([first, again]).toEqual([true, false]);
    const [row] = await db().select().from(notifications);
    expect(row!.body).toBe("x");
    expect(await jobsFor(row!.id)).toEqual([{ task_identifier: "send_notification", key: `notification:${row!.id}` }]);
  });
});

describe("sending a notification", () => {
  it("sends once when many senders race for it (duplicate jobs, two workers)", async () => {
    const patient = await makePatient(db());
    const notification = await owed(patient.id);
    let calls = 0;
    const slow: SmsDriver = {
      ...outboxDriver(db()),
      transmit: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { providerMessageId: "m-1", providerStatus: 1 };
      },
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => deliverNotification(db(), slow, notification.id)));
    expect(calls).toBe(1);
    expect(results.filter((r) => r === "sent")).toHaveLength(1);
    expect(results.filter((r) => r === "sent").length + results.filter((r) => r === "busy" || r === "already_sent").length).toBe(8);
    const outbox = await db().select().from(smsOutbox);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ notificationId: notification.id, status: "sent", providerMessageId: "m-1", phone: patient.phone });
    expect(await deliverNotification(db(), slow, notification.id)).toBe("already_sent");
    expect(calls).toBe(1);
  });

  it("a sender killed after Kavenegar accepted the message: the next one finds it there by localid and sends nothing more", async () => {
    const patient = await makePatient(db());
    const notification = await owed(patient.id);
    const kavenegar = kavenegarDriver(db(), { apiBase, apiKey: "k" });
    const t0 = new Date();
    // The first sender hands the message over and dies before it can write down that it did.
    const dying: SmsDriver = { ...kavenegar, transmit: async (m) => (await kavenegar.transmit(m), new Promise(() => {})) };
    // (Its job is locked by the worker that ran it, as graphile-worker leaves it when that worker is killed.)
    await db().execute(sql`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'killed', attempts = 1
      where key = ${`notification:${notification.id}`}`);
    void deliverNotification(db(), dying, notification.id, { now: t0 });
    await expect.poll(() => accepted.length).toBe(1);

    // While its claim lasts nobody else sends; the sweep leaves it alone too.
    expect(await deliverNotification(db(), kavenegar, notification.id, { now: new Date(t0.getTime() + 1_000) })).toBe("busy");
    expect(await unsentNotifications(db(), new Date(t0.getTime() + CLAIM_MS - 1_000), 0)).toEqual([]);
    // Then the claim runs out: the sweep queues it again and the next sender takes over. A notification
    // whose job simply waits its turn is left to that job.
    const waiting = await owed(patient.id, "r-waiting");
    expect(await unsentNotifications(db(), new Date(t0.getTime() + CLAIM_MS + 1_000), 0)).not.toContain(waiting.id);
    const later = new Date(t0.getTime() + CLAIM_MS + 1_000);
    expect(await unsentNotifications(db(), later, 0)).toEqual([notification.id]);
    expect(await deliverNotification(db(), kavenegar, notification.id, { now: later })).toBe("sent");

    expect(accepted).toHaveLength(1);
    const [outbox] = await db().select().from(smsOutbox);
    expect(outbox).toMatchObject({ status: "sent", providerMessageId: "1000", providerStatus: 10, driver: "kavenegar" });
    expect(accepted[0]).toMatchObject({ localid: String(outbox!.localId), receptor: patient.phone });
    expect(await unsentNotifications(db(), later, 0)).toEqual([]);
  });

  it("a refused message is recorded on both rows and thrown for the queue to retry; the retry sends it once", async () => {
    const patient = await makePatient(db());
    const notification = await owed(patient.id);
    const refusing: SmsDriver = {
      ...outboxDriver(db()),
      transmit: async () => {
        throw new Error("kavenegar status 418: اعتبار کافی نمی‌باشد");
      },
    };
    await expect(deliverNotification(db(), refusing, notification.id)).rejects.toThrow("418");
    const [failed] = await db().select().from(notifications);
    expect(failed).toMatchObject({
      status: "pending",
      lastError: "kavenegar status 418: اعتبار کافی نمی‌باشد",
      claimedUntil: null,
      sendAttempts: 1,
    });
    expect((await db().select().from(smsOutbox))[0]).toMatchObject({ status: "failed" });

    expect(await deliverNotification(db(), kavenegarDriver(db(), { apiBase, apiKey: "k" }), notification.id)).toBe("sent");
    expect(accepted).toHaveLength(1);
    const outbox = await db().select().from(smsOutbox);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: "sent", error: null });

    const last = await owed(patient.id, "r-final");
    await expect(deliverNotification(db(), refusing, last.id, { finalAttempt: true })).rejects.toThrow();
    expect((await db().select().from(notifications).where(eq(notifications.id, last.id)))[0]!.status).toBe("failed");
  });
});
