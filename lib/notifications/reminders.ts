import { and, eq, gt, lte, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationSettings, notifications, reservations, timeSlots } from "@/db/schema";
import { formatJalaliDateTime, formatTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { visitFacts } from "./events";
import { appLink, appointmentPath, recordNotification, type NotificationKind } from "./record";

const HOUR = 3_600_000;

/** Reminders wait for the morning: nothing between 22:00 and 08:00 Tehran time. */
export const QUIET_FROM_HOUR = 22;
export const QUIET_UNTIL_HOUR = 8;

const REMINDERS = [
  { kind: "reservation_reminder_24h", leadMs: 24 * HOUR },
  { kind: "reservation_reminder_2h", leadMs: 2 * HOUR },
] as const satisfies readonly { kind: NotificationKind; leadMs: number }[];

function tehranHour(instant: Date): number {
  const midnight = tehranInstant(tehranDateKey(instant), "00:00");
  return Math.floor((instant.getTime() - midnight.getTime()) / HOUR);
}

export function isQuietHour(instant: Date): boolean {
  const hour = tehranHour(instant);
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/** When a reminder falling at `instant` may go: then, or 08:00 Tehran when that is at night. */
export function outOfQuietHours(instant: Date): Date {
  if (!isQuietHour(instant)) return instant;
  const day = tehranDateKey(instant);
  const morning = tehranHour(instant) >= QUIET_FROM_HOUR ? addDays(day, 1) : day;
  return tehranInstant(morning, `${String(QUIET_UNTIL_HOUR).padStart(2, "0")}:00`);
}

/** Which reminder (if any) a visit is owed at `now`: each is due `leadMs` before the visit (moved out of
 * the night), only for a visit booked before that moment, and the 24-hour one gives way to the 2-hour one
 * once that is due. */
export function reminderDue(visit: { startsAt: Date; bookedAt: Date }, now: Date): NotificationKind | null {
  if (isQuietHour(now) || now >= visit.startsAt) return null;
  let owed: NotificationKind | null = null;
  for (const { kind, leadMs } of REMINDERS) {
    const nominal = new Date(visit.startsAt.getTime() - leadMs);
    if (visit.bookedAt >= nominal) continue;
    const due = outOfQuietHours(nominal);
    if (due < visit.startsAt && due <= now) owed = kind;
  }
  return owed;
}

/** Records the reminders due at `now` (the queue calls it every few minutes; each reminder's unique key
 * makes repeats no-ops). Only confirmed visits — not cancelled or attended ones — and only for patients who
 * have not turned reminders off. Returns how many were recorded. */
export async function recordDueReminders(db: Db, now: Date): Promise<number> {
  if (isQuietHour(now)) return 0;
  const visits = await visitFacts(db).where(
    and(
      eq(reservations.status, "confirmed"),
      gt(timeSlots.startsAt, now),
      lte(timeSlots.startsAt, new Date(now.getTime() + REMINDERS[0].leadMs)),
      notExists(
        db
          .select({ one: sql`1` })
          .from(notificationSettings)
          .where(and(eq(notificationSettings.userId, reservations.patientId), eq(notificationSettings.reminders, false))),
      ),
      notExists(
        db
          .select({ one: sql`1` })
          .from(notifications)
          .where(
            and(
              eq(notifications.reference, sql`${reservations.id}::text`),
              eq(notifications.recipientId, reservations.patientId),
              eq(notifications.kind, "reservation_reminder_2h"),
            ),
          ),
      ),
    ),
  );

  let recorded = 0;
  for (const visit of visits) {
    const kind = reminderDue(visit, now);
    if (!kind) continue;
    // The visit's item in the list, where it can be cancelled or moved ("لغو یا تغییر").
    const link = appointmentPath(visit.id);
    const body =
      kind === "reservation_reminder_24h"
        ? messages.notifications.sms.reminder24h({
            doctor: visit.doctor,
            when: formatJalaliDateTime(visit.startsAt),
            address: visit.address,
            link: appLink(link),
          })
        : messages.notifications.sms.reminder2h({
            doctor: visit.doctor,
            time: formatTime(visit.startsAt),
            address: visit.address,
            link: appLink(link),
          });
    if (await recordNotification(db, { recipientId: visit.patientId, kind, reference: visit.id, link, body })) recorded++;
  }
  return recorded;
}
