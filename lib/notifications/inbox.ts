import { and, count, desc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationSettings, notifications } from "@/db/schema";

/** What the app has told a user — the same rows (and text) that went out as SMS — newest first. */

export type InboxItem = { id: string; body: string; link: string | null; createdAt: Date; unread: boolean; kind: string };

export const INBOX_LIMIT = 100;

/** A message skipped at send time (a reminder for a visit cancelled meanwhile) was never told: not listed. */
const told = ne(notifications.status, "skipped");

export async function myNotifications(db: Db, userId: string): Promise<InboxItem[]> {
  const rows = await db
    .select({
      id: notifications.id,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      kind: notifications.kind,
    })
    .from(notifications)
    .where(and(eq(notifications.recipientId, userId), told))
    .orderBy(desc(notifications.createdAt))
    .limit(INBOX_LIMIT);
  return rows.map(({ readAt, ...row }) => ({ ...row, unread: readAt === null }));
}

export async function unreadNotificationCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, userId), told, isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Seen: the list was shown to its owner. */
export async function markNotificationsRead(db: Db, userId: string, now = new Date()): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
}

export async function remindersEnabled(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ reminders: notificationSettings.reminders })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId));
  return row?.reminders ?? true;
}

/** Only reminders can be turned off: confirmations, refunds and sign-in codes always go. */
export async function setReminders(db: Db, userId: string, enabled: boolean, now = new Date()): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ userId, reminders: enabled, updatedAt: now })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { reminders: enabled, updatedAt: now } });
}
