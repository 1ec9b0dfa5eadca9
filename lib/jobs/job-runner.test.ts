import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Runner } from "graphile-worker";
import type { Database } from "@/db/client";
import { notifications, smsOutbox } from "@/db/schema";
import { createRacePostgres } from "@/db/testing/race-postgres";
import { recordNotification } from "@/lib/notifications/record";
import { ForbiddenError } from "@/lib/auth/actor";
import { failingJobs, jobCounts } from "@/lib/ops/job-stats";
import { collectMetrics } from "@/lib/ops/metrics";
import { rawRows } from "@/lib/shared/raw-rows";
import { makePatient } from "@/testing/engine-harness";
import type { PaymentEngine } from "@/lib/payments/payment-engine";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import { queueConnectionString, startJobRunner } from "./job-runner";
import { jobTasks } from "./tasks";

/* The queue end to end on a real Postgres: graphile-worker installs its schema, picks up the job the
 * notification's transaction queued, and the SMS lands in the outbox once; a job that keeps failing shows
 * up as failed in the metric and on the monitoring list. */

let database: Database & { url: string };
let runner: Runner;
let refuse = false;

beforeAll(async () => {
  database = await createRacePostgres({ poolMax: 10 });
  const outbox = outboxDriver(database.db);
  const sms: SmsDriver = {
    ...outbox,
    transmit: async (message) => {
      if (refuse) throw new Error("kavenegar status 418: اعتبار کافی نمی‌باشد");
      return outbox.transmit(message);
    },
  };
  runner = await startJobRunner({
    connectionString: queueConnectionString(database),
    embedded: false,
    concurrency: 2,
    taskList: jobTasks({ db: database.db, sms: () => sms, engine: () => ({}) as PaymentEngine }),
    crontab: "",
  });
});

afterAll(async () => {
  await runner?.stop();
  await runner?.promise.catch(() => undefined);
  // graphile-worker ends its own connections (pg's, unlike ours from postgres.js) a moment after it stops;
  // dropping the database before that would cut one off mid-way.
  if (database) {
    const others = async () =>
      (
        await rawRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name <> 'postgres.js'`,
        )
      )[0]!.n;
    // A plain loop: expect.poll belongs to tests, not to hooks.
    for (const deadline = Date.now() + 15_000; (await others()) > 0 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
  }
  await database?.close();
});

describe("the job queue", () => {
  it("sends a recorded notification's SMS once, from the job its transaction queued", async () => {
    const patient = await makePatient(database.db);
    await database.db.transaction((tx) =>
      recordNotification(tx, {
        recipientId: patient.id,
        kind: "reservation_confirmed",
        reference: "r-1",
        body: "دکتر نوبت: نوبت شما ثبت شد.",
        link: "/appointments",
      }),
    );
    await expect
      .poll(async () => (await database.db.select().from(smsOutbox).where(eq(smsOutbox.phone, patient.phone))).map((r) => r.status), {
        timeout: 20_000,
      })
      .toEqual(["sent"]);
    const [n] = await database.db.select().from(notifications).where(eq(notifications.recipientId, patient.id));
    expect(n).toMatchObject({ status: "sent", sendAttempts: 1 });
    await expect
      .poll(async () => (await jobCounts(database.db)).queued + (await jobCounts(database.db)).running, { timeout: 10_000 })
      .toBe(0);
  });

  it("a job that keeps failing is retried with back-off, then counted as failed in drturn_jobs and listed for the platform admin", async () => {
    refuse = true;
    const patient = await makePatient(database.db);
    const admin = { userId: patient.id, role: "admin" as const };
    const [owed] = await database.db
      .insert(notifications)
      .values({ recipientId: patient.id, kind: "reservation_confirmed", reference: "r-2", body: "x", link: "/" })
      .returning();
    // The trigger queued it with ten attempts: it fails on Kavenegar's 418 and waits to retry. Only then a
    // second job for it, with one attempt, so the test sees one give up (queued together, the two raced for the
    // notification's lease and either could record the other's error).
    await expect.poll(async () => (await jobCounts(database.db)).retrying, { timeout: 20_000 }).toBe(1);
    await database.db.execute(
      sql`select graphile_worker.add_job('send_notification', json_build_object('id', ${owed!.id}::text), max_attempts := 1)`,
    );
    await expect.poll(async () => (await jobCounts(database.db)).failed, { timeout: 20_000 }).toBe(1);
    expect((await jobCounts(database.db)).retrying).toBe(1);
    expect(await collectMetrics(database.db)).toContain('drturn_jobs{state="failed"} 1');
    const failing = await failingJobs(database.db, admin);
    expect(failing[0]).toMatchObject({ task: "send_notification", gaveUp: true, attempts: 1, maxAttempts: 1 });
    const retrying = (await failingJobs(database.db, admin)).find((j) => !j.gaveUp);
    expect(retrying).toMatchObject({ task: "send_notification", attempts: 1, maxAttempts: 10 });
    expect(retrying!.lastError).toContain("418");
    expect(retrying!.runAt.getTime()).toBeGreaterThan(Date.now());
    // The queue is the platform's: clinic staff are refused like patients (the tenancy matrix has the rest).
    for (const role of ["patient", "staff"] as const)
      await expect(failingJobs(database.db, { userId: patient.id, role })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
