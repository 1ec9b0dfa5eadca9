import { and, count, eq, gte, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, paymentAttempts, reservations, timeSlots } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { ghostRecords } from "@/lib/invariants/ghost-records";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { attemptClinicSql } from "./money-clinic";

export type TodayOverview = {
  appointmentsToday: number;
  appointmentsNextWeek: number;
  paymentsToday: number;
  failedPaymentsToday: number;
  verifyingNow: number;
  /** Platform-wide, so for the platform admin only; null for clinic staff. */
  ghostRecords: number | null;
};

/** Today's headline numbers for the caller's clinics (Tehran day). Refuses anyone but staff and admins. */
export async function todayOverview(db: Db, actor: Actor | null, now = new Date()): Promise<TodayOverview> {
  const scope = await clinicScope(db, actor);
  const today = tehranDateKey(now);
  const from = tehranInstant(today, "00:00");
  const to = tehranInstant(addDays(today, 1), "00:00");
  const weekEnd = tehranInstant(addDays(today, 8), "00:00");
  const appointmentsBetween = async (start: Date, end: Date) => {
    const [row] = await db
      .select({ n: count() })
      .from(reservations)
      .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
      .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
      .where(
        and(
          inScope(scope, doctors.clinicId),
          ne(reservations.status, "cancelled"),
          gte(timeSlots.startsAt, start),
          lt(timeSlots.startsAt, end),
        ),
      );
    return row?.n ?? 0;
  };
  const [payments] = await db
    .select({ n: count() })
    .from(paymentAttempts)
    .where(and(inScope(scope, attemptClinicSql), gte(paymentAttempts.createdAt, from), lt(paymentAttempts.createdAt, to)));
  const [failed] = await db
    .select({ n: count() })
    .from(paymentAttempts)
    .where(
      and(
        inScope(scope, attemptClinicSql),
        eq(paymentAttempts.status, "failed"),
        gte(paymentAttempts.createdAt, from),
        lt(paymentAttempts.createdAt, to),
      ),
    );
  const [verifying] = await db
    .select({ n: count() })
    .from(paymentAttempts)
    .where(and(inScope(scope, attemptClinicSql), eq(paymentAttempts.status, "verifying")));
  return {
    appointmentsToday: await appointmentsBetween(from, to),
    appointmentsNextWeek: await appointmentsBetween(to, weekEnd),
    paymentsToday: payments?.n ?? 0,
    failedPaymentsToday: failed?.n ?? 0,
    verifyingNow: verifying?.n ?? 0,
    ghostRecords: scope.all ? (await ghostRecords(db)).total : null,
  };
}
