import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentAttempts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { attemptClinicSql } from "@/lib/staff/money-clinic";
import { addDays, TEHRAN, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { ghostRecords, type GhostRecords } from "@/lib/invariants/ghost-records";

export const MONITORING_PERIODS = [7, 30] as const;
export type MonitoringPeriod = (typeof MONITORING_PERIODS)[number];

export type PaymentCounts = {
  total: number;
  fulfilled: number;
  autoRefunded: number;
  failed: number;
  abandoned: number;
  pending: number;
  verifying: number;
  retries: number;
  /** Paid (fulfilled or refunded) out of the attempts that have finished; null when none finished. */
  successRate: number | null;
  avgIntentBytes: number | null;
  maxIntentBytes: number | null;
  avgVerifyMs: number | null;
};

export type DayStats = PaymentCounts & { date: string };

export type Monitoring = {
  period: MonitoringPeriod;
  days: DayStats[];
  totals: PaymentCounts;
  /** Right now, whatever their age. */
  verifyingNow: number;
  /** Platform-wide: for the platform admin only, null for a clinic admin. */
  ghosts: GhostRecords | null;
};

type Sums = Omit<PaymentCounts, "successRate" | "avgIntentBytes" | "avgVerifyMs"> & {
  intentBytesSum: number;
  intentBytesCount: number;
  verifyMsSum: number;
  verifyMsCount: number;
};

const ZERO: Sums = {
  total: 0,
  fulfilled: 0,
  autoRefunded: 0,
  failed: 0,
  abandoned: 0,
  pending: 0,
  verifying: 0,
  retries: 0,
  maxIntentBytes: null,
  intentBytesSum: 0,
  intentBytesCount: 0,
  verifyMsSum: 0,
  verifyMsCount: 0,
};

function finish(s: Sums): PaymentCounts {
  const paid = s.fulfilled + s.autoRefunded;
  const finished = paid + s.failed + s.abandoned;
  return {
    total: s.total,
    fulfilled: s.fulfilled,
    autoRefunded: s.autoRefunded,
    failed: s.failed,
    abandoned: s.abandoned,
    pending: s.pending,
    verifying: s.verifying,
    retries: s.retries,
    successRate: finished > 0 ? paid / finished : null,
    avgIntentBytes: s.intentBytesCount > 0 ? Math.round(s.intentBytesSum / s.intentBytesCount) : null,
    maxIntentBytes: s.maxIntentBytes,
    avgVerifyMs: s.verifyMsCount > 0 ? Math.round(s.verifyMsSum / s.verifyMsCount) : null,
  };
}

function add(a: Sums, b: Sums): Sums {
  return {
    total: a.total + b.total,
    fulfilled: a.fulfilled + b.fulfilled,
    autoRefunded: a.autoRefunded + b.autoRefunded,
    failed: a.failed + b.failed,
    abandoned: a.abandoned + b.abandoned,
    pending: a.pending + b.pending,
    verifying: a.verifying + b.verifying,
    retries: a.retries + b.retries,
    maxIntentBytes:
      a.maxIntentBytes === null
        ? b.maxIntentBytes
        : b.maxIntentBytes === null
          ? a.maxIntentBytes
          : Math.max(a.maxIntentBytes, b.maxIntentBytes),
    intentBytesSum: a.intentBytesSum + b.intentBytesSum,
    intentBytesCount: a.intentBytesCount + b.intentBytesCount,
    verifyMsSum: a.verifyMsSum + b.verifyMsSum,
    verifyMsCount: a.verifyMsCount + b.verifyMsCount,
  };
}

const int = (expression: ReturnType<typeof sql>) => sql<number>`(${expression})::int`.mapWith(Number);

/** Payment attempts per Tehran day (by when they started) over the last `period` days, today included, with
 * the live count of attempts still verifying and (platform admin only) of ghost records. Clinic admins see
 * their clinics' attempts; receptionists, doctors and patients are refused. */
export async function paymentMonitoring(db: Db, actor: Actor | null, period: MonitoringPeriod, now = new Date()): Promise<Monitoring> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  const today = tehranDateKey(now);
  const dates = Array.from({ length: period }, (_, i) => addDays(today, i - period + 1));
  // Inlined, not a bound parameter: GROUP BY must repeat the select's expression exactly.
  const day = sql<string>`to_char(${paymentAttempts.createdAt} at time zone ${sql.raw(`'${TEHRAN}'`)}, 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      date: day,
      total: int(sql`count(*)`),
      fulfilled: int(sql`count(*) filter (where ${paymentAttempts.outcome} = 'fulfilled')`),
      autoRefunded: int(sql`count(*) filter (where ${paymentAttempts.outcome} = 'auto_refunded')`),
      failed: int(sql`count(*) filter (where ${paymentAttempts.status} = 'failed')`),
      abandoned: int(sql`count(*) filter (where ${paymentAttempts.status} = 'abandoned')`),
      pending: int(sql`count(*) filter (where ${paymentAttempts.status} = 'pending')`),
      verifying: int(sql`count(*) filter (where ${paymentAttempts.status} = 'verifying')`),
      retries: int(sql`count(*) filter (where ${paymentAttempts.retryOf} is not null)`),
      maxIntentBytes: sql<number | null>`max(${paymentAttempts.intentBytes})`.mapWith((v) => (v === null ? null : Number(v))),
      intentBytesSum: int(sql`coalesce(sum(${paymentAttempts.intentBytes}), 0)`),
      intentBytesCount: int(sql`count(${paymentAttempts.intentBytes})`),
      verifyMsSum: int(sql`coalesce(sum(${paymentAttempts.verifyMs}), 0)`),
      verifyMsCount: int(sql`count(${paymentAttempts.verifyMs})`),
    })
    .from(paymentAttempts)
    .where(and(inScope(scope, attemptClinicSql), gte(paymentAttempts.createdAt, tehranInstant(dates[0]!, "00:00"))))
    .groupBy(day);
  const byDate = new Map(rows.map(({ date, ...sums }) => [date, sums as Sums]));
  const days = dates.map((date) => ({ date, ...finish(byDate.get(date) ?? ZERO) }));
  const totals = finish(dates.reduce((acc, date) => add(acc, byDate.get(date) ?? ZERO), ZERO));
  const [verifyingNow] = await db
    .select({ n: count() })
    .from(paymentAttempts)
    .where(and(inScope(scope, attemptClinicSql), eq(paymentAttempts.status, "verifying")));
  return { period, days, totals, verifyingNow: verifyingNow?.n ?? 0, ghosts: scope.all ? await ghostRecords(db) : null };
}
