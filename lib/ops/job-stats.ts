import { count, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications, paymentAttempts } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import type { NotificationKind } from "@/lib/notifications/record";
import { rawRows } from "@/lib/shared/raw-rows";
import { attemptClinicSql } from "@/lib/staff/money-clinic";

/** The job queue as operations see it: graphile-worker's jobs by state (a finished job is deleted, so these
 * are the ones still to run, running, waiting to retry, or given up on), and the notifications by status.
 *
 * The queue is platform infrastructure shared by every clinic — a job's payload and last error can name any
 * clinic's patient — so what staff see of it (`jobQueue`, `failingJobs`) is the platform admin's only. A clinic
 * admin sees the notifications about their own clinics (`notificationCountsFor`). `jobCounts` and
 * `notificationCounts` take no caller: they feed /api/metrics, which has its own token, and the two services. */

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

export type JobQueue = { jobs: Record<JobState, number>; failing: FailingJob[] };

/** The job queue panel of /staff/monitoring: counts by state and the failing jobs. Platform admin only. */
export async function jobQueue(db: Db, actor: Actor | null): Promise<JobQueue> {
  assertRole(actor, ["admin"]);
  return { jobs: await jobCounts(db), failing: await failingJobs(db, actor) };
}

/** Jobs whose last run failed: still retrying (with back-off), or given up on, with their raw last error.
 * Platform admin only. */
export async function failingJobs(db: Db, actor: Actor | null, limit = 50): Promise<FailingJob[]> {
  assertRole(actor, ["admin"]);
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

export type NotificationCounts = Record<"pending" | "sent" | "failed" | "skipped", number>;

/** Every notification by status, the platform's; `where` narrows it. */
export async function notificationCounts(db: Db, where?: SQL): Promise<NotificationCounts> {
  const rows = await db.select({ status: notifications.status, n: count() }).from(notifications).where(where).groupBy(notifications.status);
  const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { pending: of("pending"), sent: of("sent"), failed: of("failed"), skipped: of("skipped") };
}

/** What a notification's `reference` points at, by kind. A Record, so a new kind does not compile until it
 * says which clinic its messages belong to. */
const REFERENCE_OF: Record<NotificationKind, "reservation" | "chat" | "attempt" | "notice" | "slot" | "move" | "membership"> = {
  reservation_confirmed: "reservation",
  reservation_reminder_24h: "reservation",
  reservation_reminder_2h: "reservation",
  reservation_cancelled_by_clinic: "reservation",
  reservation_cancelled_by_patient: "reservation",
  auto_refund: "attempt",
  chat_answered: "chat",
  chat_question: "chat",
  chat_expiring: "chat",
  chat_expired: "chat",
  visit_delayed: "notice",
  waitlist_offer: "slot",
  reservation_rescheduled: "move",
  staff_invited: "membership",
};

const ref = sql`${notifications.reference}`;
const CLINIC_BY_REFERENCE: Record<(typeof REFERENCE_OF)[NotificationKind], SQL> = {
  reservation: sql`(select d.clinic_id from reservations r join doctors d on d.id = r.doctor_id where r.id::text = ${ref})`,
  chat: sql`(select d.clinic_id from chat_requests c join doctors d on d.id = c.doctor_id where c.id::text = ${ref})`,
  // A top-up's refund belongs to no clinic: null, the platform admin's.
  attempt: sql`(select ${attemptClinicSql} from ${paymentAttempts} where ${paymentAttempts.id}::text = ${ref})`,
  notice: sql`(select d.clinic_id from visit_notices v join doctors d on d.id = v.doctor_id where v.id::text = ${ref})`,
  slot: sql`(select d.clinic_id from time_slots s join doctors d on d.id = s.doctor_id where s.id::text = ${ref})`,
  move: sql`(select d.clinic_id from reservation_moves m join reservations r on r.id = m.reservation_id
    join doctors d on d.id = r.doctor_id where m.id::text = ${ref})`,
  // "<clinic id>/<since>" (lib/staff/clinic-team.ts): the clinic is in the reference itself.
  membership: sql`(select c.id from clinics c where c.id::text = split_part(${ref}, '/', 1))`,
};

/** The clinic a notification is about: the doctor's clinic behind its reservation, chat, payment, delay
 * notice, waitlist slot or move, or the clinic a staff member was invited to; null when none (a top-up). */
export const notificationClinicSql: SQL<string | null> = sql<string | null>`(case ${sql.join(
  Object.entries(CLINIC_BY_REFERENCE).map(([target, clinic]) => {
    const kinds = Object.entries(REFERENCE_OF)
      .filter(([, t]) => t === target)
      .map(([kind]) => sql`${kind}`);
    return sql`when ${notifications.kind} in (${sql.join(kinds, sql`, `)}) then ${clinic}`;
  }),
  sql` `,
)} end)`;

/** Notifications by status for /staff/monitoring: every one for the platform admin, those about the caller's
 * clinics for a clinic admin; anyone else is refused. */
export async function notificationCountsFor(db: Db, actor: Actor | null): Promise<NotificationCounts> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  return notificationCounts(db, inScope(scope, notificationClinicSql));
}
