import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { parseCrontab, runMigrations, type Runner } from "graphile-worker";
import { chatRequests, notifications, paymentAttempts, reservations, smsOutbox, walletLedger } from "@/db/schema";
import { buyChat, makeChatDoctor } from "@/lib/chat/testing/chat-world";
import { recordDueReminders } from "@/lib/notifications/reminders";
import { payFromWallet, type PaymentEngine } from "@/lib/payments/payment-engine";
import { rawRows } from "@/lib/shared/raw-rows";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import {
  attemptById,
  intentFor,
  makeDoctor,
  makePatient,
  makeSlot,
  setFault,
  startPayment,
  submitAtSandbox,
} from "@/testing/engine-harness";
import { setupPaymentWorld } from "@/testing/payment-world";
import { startJobRunner } from "./job-runner";
import { CRONTAB, jobTasks } from "./tasks";

/* The scheduled jobs (CRONTAB) through graphile-worker on a real Postgres: each tick's job is queued as the
 * cron would queue it, twice (two ticks, or two instances racing a tick), and the queue runs it with the
 * app's task list on a clock the test moves. Each does its work, and the second run changes nothing. */

const { db, url, apiBase, testEngine } = setupPaymentWorld({ realPostgres: true, poolMax: 10 });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let clock = new Date();
let engine: PaymentEngine;
let runner: Runner;

beforeAll(async () => {
  await runMigrations({ connectionString: url(), logger: undefined });
  engine = testEngine().engine;
  // The app's worker without its crontab: the test queues each tick itself, on its own clock.
  runner = await startJobRunner({
    connectionString: url(),
    embedded: false,
    concurrency: 1,
    taskList: jobTasks({ db: db(), sms: () => outboxDriver(db()), engine: () => engine, now: () => clock }),
    crontab: "",
  });
});
beforeEach(async () => {
  clock = new Date();
  await db().execute(sql`delete from graphile_worker._private_jobs`);
});
// graphile-worker ends its own connections a moment after runOnce returns; the database is dropped after this
// hook (vitest runs after-hooks in reverse order), so wait for them to go.
afterAll(async () => {
  await runner?.stop();
  const others = async () =>
    (
      await rawRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name <> 'postgres.js'`,
      )
    )[0]!.n;
  for (const deadline = Date.now() + 15_000; (await others()) > 0 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
});

/** Waits until the worker has run every job that is due (a job that gave up, or one waiting for a later
 * time, stays in the table). */
async function drained() {
  await expect
    .poll(
      async () =>
        (
          await rawRows(
            db(),
            sql`select 1 from graphile_worker._private_jobs where locked_at is not null or (run_at <= now() and attempts < max_attempts)`,
          )
        ).length,
      { timeout: 20_000 },
    )
    .toBe(0);
}

/** Queues `task` as a cron tick does (one attempt: the next tick is the retry) and lets the worker run it and
 * the SMS jobs its notifications queued. Returns the errors of the jobs that failed. */
async function tick(task: string): Promise<string[]> {
  await db().execute(sql`select graphile_worker.add_job(${task}, '{}'::json, max_attempts := 1)`);
  await drained();
  const failed = await rawRows<{ last_error: string | null }>(
    db(),
    sql`delete from graphile_worker._private_jobs where attempts >= max_attempts returning last_error`,
  );
  return failed.map((j) => j.last_error ?? "");
}

describe("CRONTAB", () => {
  it("schedules reconcile every 5 minutes, expire_chats and the notification sweep every minute, reminders every 5 minutes, each a task of the list", () => {
    const items = parseCrontab(CRONTAB);
    const tasks = jobTasks({ db: db(), sms: () => outboxDriver(db()), engine: () => engine });
    for (const item of items) expect(Object.keys(tasks)).toContain(item.task);
    const minutesOf = (task: string) => {
      const item = items.find((i) => i.task === task)!;
      return Array.from({ length: 60 }, (_, min) => min).filter((min) => item.match({ min, hour: 3, date: 9, month: 4, dow: 2 }));
    };
    const everyFive = Array.from({ length: 12 }, (_, i) => i * 5);
    const everyMinute = Array.from({ length: 60 }, (_, i) => i);
    expect(minutesOf("reconcile")).toEqual(everyFive);
    expect(minutesOf("reminders")).toEqual(everyFive);
    expect(minutesOf("expire_chats")).toEqual(everyMinute);
    expect(minutesOf("sweep_notifications")).toEqual(everyMinute);
    // One attempt each: a failed tick is retried by the next tick, not piled up.
    for (const item of items) expect(item.options.maxAttempts).toBe(1);
  });
});

describe("the scheduled jobs on the queue", () => {
  it("reconcile: a payment paid at the gateway whose browser never came back becomes its reservation, once", async () => {
    const doctor = await makeDoctor(db(), { visitFeeRial: 2_000_000 });
    const slot = await makeSlot(db(), doctor.id);
    const patient = await makePatient(db());
    const started = await startPayment(engine, intentFor(patient.id, { kind: "reservation", slotId: slot.id }));
    await setFault(apiBase(), "drop-callback");
    await (await submitAtSandbox(apiBase(), started.authority, "paid")).arrayBuffer();
    await setFault(apiBase(), "none");
    await db()
      .update(paymentAttempts)
      .set({ createdAt: new Date(clock.getTime() - HOUR) })
      .where(eq(paymentAttempts.id, started.attemptId));

    expect(await tick("reconcile")).toEqual([]);
    expect(await tick("reconcile")).toEqual([]);
    expect(await attemptById(db(), started.attemptId)).toMatchObject({ status: "paid", outcome: "fulfilled" });
    const made = await db().select().from(reservations).where(eq(reservations.slotId, slot.id));
    expect(made.map((r) => [r.patientId, r.status])).toEqual([[patient.id, "confirmed"]]);
    // Its confirmation went out through the queue in the same run, once.
    const [confirmation] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, patient.id), eq(notifications.kind, "reservation_confirmed")));
    expect(confirmation!.status).toBe("sent");
    expect(await db().select().from(smsOutbox).where(eq(smsOutbox.notificationId, confirmation!.id))).toHaveLength(1);
  });

  it("expire_chats: warns the doctor two hours before the deadline, then expires and refunds the request, once each", async () => {
    const { doctor, account } = await makeChatDoctor(db(), { chatAnswerHours: 3 });
    const patient = await makePatient(db());
    const request = await buyChat(engine, patient.id, doctor.id);

    clock = new Date(request.answerDeadline.getTime() - HOUR);
    expect(await tick("expire_chats")).toEqual([]);
    expect(await tick("expire_chats")).toEqual([]);
    const warnings = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, account.id), eq(notifications.kind, "chat_expiring")));
    expect(warnings.map((n) => n.status)).toEqual(["sent"]);
    expect((await db().select().from(chatRequests).where(eq(chatRequests.id, request.id)))[0]!.status).toBe("waiting");

    clock = new Date(request.answerDeadline.getTime() + MINUTE);
    expect(await tick("expire_chats")).toEqual([]);
    expect(await tick("expire_chats")).toEqual([]);
    expect((await db().select().from(chatRequests).where(eq(chatRequests.id, request.id)))[0]!.status).toBe("expired");
    const refunds = await db()
      .select()
      .from(walletLedger)
      .where(and(eq(walletLedger.reason, "chat_expiry_refund"), eq(walletLedger.reference, request.id)));
    expect(refunds.map((r) => [r.userId, r.amountRial])).toEqual([[patient.id, request.amountRial]]);
    const [told] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, patient.id), eq(notifications.kind, "chat_expired")));
    expect(told!.status).toBe("sent");
    expect(await db().select().from(smsOutbox).where(eq(smsOutbox.notificationId, told!.id))).toHaveLength(1);
  });

  it("reminders: records the visit's 24 h reminder at its moment and sends it, once", async () => {
    const day = addDays(tehranDateKey(new Date()), 5);
    const doctor = await makeDoctor(db(), { visitFeeRial: 1_000_000 });
    const slot = await makeSlot(db(), doctor.id, { startsAt: tehranInstant(day, "11:00") });
    const patient = await makePatient(db(), { balanceRial: 1_000_000 });
    const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
    expect(paid.ok).toBe(true);

    clock = tehranInstant(addDays(day, -1), "10:55");
    expect(await tick("reminders")).toEqual([]);
    const reminders = () =>
      db()
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.recipientId, patient.id),
            inArray(notifications.kind, ["reservation_reminder_24h", "reservation_reminder_2h"]),
          ),
        );
    expect(await reminders()).toEqual([]);

    clock = tehranInstant(addDays(day, -1), "11:00");
    expect(await tick("reminders")).toEqual([]);
    clock = tehranInstant(addDays(day, -1), "11:05");
    expect(await tick("reminders")).toEqual([]);
    const [reminder, ...more] = await reminders();
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({ kind: "reservation_reminder_24h", status: "sent" });
    expect(await db().select().from(smsOutbox).where(eq(smsOutbox.notificationId, reminder!.id))).toHaveLength(1);
    // The job and the function agree: nothing more is due at this moment.
    expect(await recordDueReminders(db(), clock)).toBe(0);
  });

  it("send_notification at night: nothing is sent, the job is queued again under its key for 08:00, and goes then", async () => {
    const day = addDays(tehranDateKey(new Date()), 5);
    const doctor = await makeDoctor(db(), { visitFeeRial: 1_000_000 });
    const slot = await makeSlot(db(), doctor.id, { startsAt: tehranInstant(day, "10:00") });
    const patient = await makePatient(db(), { balanceRial: 1_000_000 });
    const paid = await payFromWallet(engine, { intent: intentFor(patient.id, { kind: "reservation", slotId: slot.id }) });
    expect(paid.ok).toBe(true);
    const [reservation] = await db().select().from(reservations).where(eq(reservations.slotId, slot.id));
    await drained();
    // Recorded in the day; its job runs only at 23:00 (a queue that was down, a long back-off): recorded in a
    // transaction that removes the job the trigger queued, then queued again at "23:00".
    await db().transaction(async (tx) => {
      await recordDueReminders(tx, tehranInstant(addDays(day, -1), "10:00"));
      await tx.execute(sql`delete from graphile_worker._private_jobs`);
    });
    const [reminder] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.reference, reservation!.id), eq(notifications.kind, "reservation_reminder_24h")));

    clock = tehranInstant(addDays(day, -1), "23:00");
    await db().execute(sql`select graphile_worker.add_job('send_notification', json_build_object('id', ${reminder!.id}::text),
      max_attempts := 10, job_key := ${`notification:${reminder!.id}`})`);
    await drained();
    expect(await db().select().from(smsOutbox).where(eq(smsOutbox.notificationId, reminder!.id))).toEqual([]);
    const queued = await rawRows<{ key: string; run_at: Date; attempts: number; max_attempts: number }>(
      db(),
      sql`select key, run_at, attempts, max_attempts from graphile_worker._private_jobs`,
    );
    expect(queued.map((j) => [j.key, new Date(j.run_at).getTime(), j.attempts, j.max_attempts])).toEqual([
      [`notification:${reminder!.id}`, tehranInstant(day, "08:00").getTime(), 0, 10],
    ]);

    // The morning: the job (made due now, as the queue's clock would) sends it once.
    await db().execute(sql`update graphile_worker._private_jobs set run_at = now()`);
    clock = tehranInstant(day, "08:00");
    await drained();
    expect((await db().select().from(smsOutbox).where(eq(smsOutbox.notificationId, reminder!.id))).map((m) => m.status)).toEqual(["sent"]);
    expect(await rawRows(db(), sql`select * from graphile_worker.jobs`)).toEqual([]);
  });
});
