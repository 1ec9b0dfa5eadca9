import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { rawRows } from "@/lib/shared/raw-rows";

/** The job queue as operations see it: graphile-worker's jobs by state (a finished job is deleted, so these
 * are the ones still to run, running, waiting to retry, or given up on), and the notifications by status. */

export const JOB_STATES = ["queued", "scheduled", "running", "retrying", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

// Until the queue's worker first starts, its schema does not exist: nothing is queued yet.
const queueExists = sql`to_regclass('graphile_worker.jobs') is not null`;

export async function jobCounts(db: Db): Promise<Record<JobState, number>> {
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  const [exists] = await rawRows<{ exists: boolean }>(db, sql`select ${queueExists} as exists`);
  if (!exists?.exists) return counts;
  const rows = await rawRows<{ state: JobState; n: number | string }>(
    db,
    // A job with no attempts left and no error was superseded: it was locked by a worker that died, and
    // the notifications sweep queued its work again (graphile-worker retires the old one that way).
    sql`select case
          when attempts >= max_attempts and last_error is null then 'superseded'
          when attempts >= max_attempts then 'failed'
          when locked_at is not null then 'running'
          when attempts > 0 then 'retrying'
          when run_at > now() then 'scheduled'
          else 'queued' end as state,
        count(*) as n
      from graphile_worker.jobs group by 1`,
  );
  for (const row of rows) if (row.state in counts) counts[row.state] = Number(row.n);
  return counts;
}

export type FailingJob = {
  id: string;
  task: string;
  attempts: number;
  maxAttempts: number;
  lastError: string;
  runAt: Date;
  gaveUp: boolean;
};

/** Jobs whose last run failed: still retrying (with back-off), or given up on. Staff only. */
export async function failingJobs(db: Db, actor: Actor | null, limit = 50): Promise<FailingJob[]> {
  assertRole(actor, STAFF_ROLES);
  const [exists] = await rawRows<{ exists: boolean }>(db, sql`select ${queueExists} as exists`);
  if (!exists?.exists) return [];
  const rows = await rawRows<{
    id: string;
    task: string;
    attempts: number;
    max_attempts: number;
    last_error: string;
    run_at: string | Date;
  }>(
    db,
    sql`select id::text, task_identifier as task, attempts, max_attempts, last_error, run_at
      from graphile_worker.jobs where last_error is not null
      order by (attempts >= max_attempts) desc, updated_at desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    task: r.task,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    lastError: r.last_error,
    runAt: new Date(r.run_at),
    gaveUp: Number(r.attempts) >= Number(r.max_attempts),
  }));
}

export async function notificationCounts(db: Db): Promise<Record<"pending" | "sent" | "failed" | "skipped", number>> {
  const rows = await db.select({ status: notifications.status, n: count() }).from(notifications).groupBy(notifications.status);
  const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { pending: of("pending"), sent: of("sent"), failed: of("failed"), skipped: of("skipped") };
}
