import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, clinics, doctors, reservations, timeSlots, walletLedger } from "@/db/schema";
import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/actor";
import { clinicScope, covers, inScope } from "@/lib/auth/clinic-scope";
import { addDays, TEHRAN, tehranDateKey, tehranInstant, weekdayOf } from "@/lib/time/tehran";

/** How a clinic is doing: bookings, cancellations, no-shows and attendance, revenue and refunds, chat
 * consultations answered or expired — per doctor and per day or week (Saturday-based, as the Persian week).
 * Visits count on the day they were for; chats on the day they were bought. Money in Rial. */
export type BusinessCounts = {
  bookings: number;
  cancelled: number;
  attended: number;
  noShow: number;
  /** Attended out of the visits whose outcome is known (attended or no-show); null when none. */
  attendanceRate: number | null;
  /** Visits not cancelled plus chats not refunded: what the clinic earned. */
  revenueRial: number;
  refundsRial: number;
  chatsAnswered: number;
  chatsExpired: number;
};
export type BusinessPeriod = BusinessCounts & { period: string };
export type BusinessDoctor = BusinessCounts & { doctorId: string; doctorName: string };
export type BusinessReport = {
  from: string;
  to: string;
  groupBy: "day" | "week";
  clinicId: string | null;
  periods: BusinessPeriod[];
  doctors: BusinessDoctor[];
  totals: BusinessCounts;
};

export const BUSINESS_MAX_DAYS = 366;

type Sums = Omit<BusinessCounts, "attendanceRate">;
const ZERO: Sums = { bookings: 0, cancelled: 0, attended: 0, noShow: 0, revenueRial: 0, refundsRial: 0, chatsAnswered: 0, chatsExpired: 0 };
const finish = (s: Sums): BusinessCounts => ({
  ...s,
  attendanceRate: s.attended + s.noShow > 0 ? s.attended / (s.attended + s.noShow) : null,
});

/** The Saturday that starts the Persian week of a day. */
export const weekStart = (date: string) => addDays(date, -((weekdayOf(date) + 1) % 7));

/** The report for [from, to] (Tehran days, inclusive). Clinic admins see their clinics (one of them when
 * `clinicId` names it); the platform admin any clinic, or all; receptionists, doctors and patients are
 * refused. A clinic outside the caller's reads as empty, like one with no activity. */
export async function businessReport(
  db: Db,
  actor: Actor | null,
  input: { from: string; to: string; groupBy: "day" | "week"; clinicId?: string },
): Promise<BusinessReport> {
  assertRole(actor, STAFF_ROLES);
  const scope = await clinicScope(db, actor, "clinic_admin");
  const clinicId = input.clinicId && covers(scope, input.clinicId) ? input.clinicId : null;
  const empty = Boolean(input.clinicId) && !clinicId;
  const [from, to] = input.from <= input.to ? [input.from, input.to] : [input.to, input.from];
  const start = tehranInstant(from, "00:00");
  const end = tehranInstant(addDays(to, 1), "00:00");
  const where = and(
    inScope(scope, doctors.clinicId),
    clinicId ? eq(doctors.clinicId, clinicId) : undefined,
    empty ? sql`false` : undefined,
  );
  const tehranDay = (column: typeof timeSlots.startsAt | typeof chatRequests.createdAt) =>
    sql<string>`to_char(${column} at time zone ${sql.raw(`'${TEHRAN}'`)}, 'YYYY-MM-DD')`;

  const visits = await db
    .select({
      doctorId: doctors.id,
      doctorName: doctors.name,
      day: tehranDay(timeSlots.startsAt),
      status: reservations.status,
      amountRial: reservations.amountRial,
      refundRial: walletLedger.amountRial,
    })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .innerJoin(doctors, eq(doctors.id, reservations.doctorId))
    .leftJoin(
      walletLedger,
      and(eq(walletLedger.reason, "cancellation_refund"), eq(walletLedger.reference, sql<string>`${reservations.id}::text`)),
    )
    .where(and(where, gte(timeSlots.startsAt, start), lt(timeSlots.startsAt, end)));
  const chats = await db
    .select({
      doctorId: doctors.id,
      doctorName: doctors.name,
      day: tehranDay(chatRequests.createdAt),
      status: chatRequests.status,
      amountRial: chatRequests.amountRial,
      refundRial: walletLedger.amountRial,
    })
    .from(chatRequests)
    .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
    .leftJoin(
      walletLedger,
      and(eq(walletLedger.reason, "chat_expiry_refund"), eq(walletLedger.reference, sql<string>`${chatRequests.id}::text`)),
    )
    .where(and(where, gte(chatRequests.createdAt, start), lt(chatRequests.createdAt, end)));

  const byPeriod = new Map<string, Sums>();
  const byDoctor = new Map<string, Sums & { doctorName: string }>();
  const periodOf = (day: string) => (input.groupBy === "week" ? weekStart(day) : day);
  const bump = (day: string, doctorId: string, doctorName: string, change: Partial<Sums>) => {
    const period = periodOf(day);
    const p = byPeriod.get(period) ?? { ...ZERO };
    const d = byDoctor.get(doctorId) ?? { ...ZERO, doctorName };
    for (const [key, value] of Object.entries(change) as [keyof Sums, number][]) {
      p[key] += value;
      d[key] += value;
    }
    byPeriod.set(period, p);
    byDoctor.set(doctorId, d);
  };
  for (const v of visits) {
    bump(v.day, v.doctorId, v.doctorName, {
      bookings: 1,
      cancelled: v.status === "cancelled" ? 1 : 0,
      attended: v.status === "attended" ? 1 : 0,
      noShow: v.status === "no_show" ? 1 : 0,
      revenueRial: v.status === "cancelled" ? v.amountRial - (v.refundRial ?? 0) : v.amountRial,
      refundsRial: v.refundRial ?? 0,
    });
  }
  for (const c of chats) {
    bump(c.day, c.doctorId, c.doctorName, {
      chatsAnswered: c.status === "active" || c.status === "closed" ? 1 : 0,
      chatsExpired: c.status === "expired" ? 1 : 0,
      revenueRial: c.amountRial - (c.refundRial ?? 0),
      refundsRial: c.refundRial ?? 0,
    });
  }

  // Every period of the range, empty ones included, so a chart's axis is the calendar.
  const periods: BusinessPeriod[] = [];
  for (let day = periodOf(from); day <= to; day = addDays(day, input.groupBy === "week" ? 7 : 1)) {
    periods.push({ period: day, ...finish(byPeriod.get(day) ?? ZERO) });
    if (periods.length > BUSINESS_MAX_DAYS) break;
  }
  const doctorRows = [...byDoctor.entries()]
    .map(([doctorId, { doctorName, ...sums }]) => ({ doctorId, doctorName, ...finish(sums) }))
    .sort((a, b) => b.bookings - a.bookings || a.doctorName.localeCompare(b.doctorName, "fa"));
  const totals = finish(
    [...byPeriod.values()].reduce(
      (acc, s) => Object.fromEntries(Object.keys(ZERO).map((k) => [k, acc[k as keyof Sums] + s[k as keyof Sums]])) as Sums,
      { ...ZERO },
    ),
  );
  return { from, to, groupBy: input.groupBy, clinicId, periods, doctors: doctorRows, totals };
}

/** The clinics a business report may be asked for, for the picker. */
export async function businessClinics(db: Db, actor: Actor | null): Promise<{ id: string; name: string }[]> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  return db.select({ id: clinics.id, name: clinics.name }).from(clinics).where(inScope(scope, clinics.id)).orderBy(asc(clinics.name));
}

export const defaultRange = (now: Date) => ({ from: addDays(tehranDateKey(now), -29), to: tehranDateKey(now) });
