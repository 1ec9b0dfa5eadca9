import { asc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { smsBudgetMinutes } from "@/db/schema";

/** The platform-wide hourly budget of sign-in SMS (SMS_HOURLY_BUDGET). The per-phone and per-address limits
 * stop one number or one machine; an SMS-pumping attack from many addresses to many numbers is stopped only
 * here, so that it costs at most the budget per hour. Counted per minute in the database so that every app
 * instance shares one count; a window is the current minute and the 59 before it. */

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 60;

export type BudgetSpend = { ok: true } | { ok: false; retryAfterSeconds: number; sentInWindow: number };

const minuteOf = (now: Date) => new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);

/** Takes one SMS from the budget, or refuses and counts the refusal. `tx` must be the transaction that then
 * issues the code: the global lock taken here is held until it commits, so that concurrent requests on any
 * instance cannot all see the last free place. */
export async function spendSmsBudget(tx: Db, budget: number, now: Date): Promise<BudgetSpend> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sms-budget'))`);
  const minute = minuteOf(now);
  const windowStart = new Date(minute.getTime() - (WINDOW_MINUTES - 1) * MINUTE_MS);
  const rows = await tx
    .select({ minute: smsBudgetMinutes.minute, sent: smsBudgetMinutes.sent })
    .from(smsBudgetMinutes)
    .where(gte(smsBudgetMinutes.minute, windowStart))
    .orderBy(asc(smsBudgetMinutes.minute));
  const sentInWindow = rows.reduce((sum, row) => sum + row.sent, 0);

  if (sentInWindow < budget) {
    await tx
      .insert(smsBudgetMinutes)
      .values({ minute, sent: 1 })
      .onConflictDoUpdate({ target: smsBudgetMinutes.minute, set: { sent: sql`${smsBudgetMinutes.sent} + 1` } });
    return { ok: true };
  }

  await tx
    .insert(smsBudgetMinutes)
    .values({ minute, refused: 1 })
    .onConflictDoUpdate({ target: smsBudgetMinutes.minute, set: { refused: sql`${smsBudgetMinutes.refused} + 1` } });
  // A place frees when enough of the oldest minutes have left the window.
  let remaining = sentInWindow;
  let freedAt = minute.getTime() + MINUTE_MS;
  for (const row of rows) {
    remaining -= row.sent;
    freedAt = row.minute.getTime() + WINDOW_MINUTES * MINUTE_MS;
    if (remaining < budget) break;
  }
  return { ok: false, sentInWindow, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}

/** Gives back the place `spendSmsBudget` took at `now`, for a code the provider did not accept: a refused
 * send must not shrink the hour's budget. */
export async function refundSmsBudget(tx: Db, now: Date): Promise<void> {
  await tx
    .update(smsBudgetMinutes)
    .set({ sent: sql`greatest(${smsBudgetMinutes.sent} - 1, 0)` })
    .where(eq(smsBudgetMinutes.minute, minuteOf(now)));
}

/** Sign-in SMS sent in the current window and refusals ever, for /api/metrics. */
export async function smsBudgetUsage(db: Db, now: Date = new Date()) {
  const windowStart = new Date(minuteOf(now).getTime() - (WINDOW_MINUTES - 1) * MINUTE_MS);
  const [row] = await db
    .select({
      sentInWindow: sql<string>`coalesce(sum(${smsBudgetMinutes.sent}) filter (where ${smsBudgetMinutes.minute} >= ${windowStart.toISOString()}::timestamptz), 0)::text`,
      refusedTotal: sql<string>`coalesce(sum(${smsBudgetMinutes.refused}), 0)::text`,
    })
    .from(smsBudgetMinutes);
  return { sentInWindow: Number(row?.sentInWindow ?? 0), refusedTotal: Number(row?.refusedTotal ?? 0) };
}
