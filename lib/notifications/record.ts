import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import { config } from "@/lib/config";

export type NotificationKind = (typeof notifications.$inferInsert)["kind"];

export type NewNotification = {
  recipientId: string;
  kind: NotificationKind;
  /** The reservation, payment attempt or chat request the event is about. */
  reference: string;
  body: string;
  /** A path inside the app. */
  link: string;
};

/** One visit in «نوبت‌های من»: there is no page per appointment, so the list's item for it (its id is the
 * reservation's), which holds what can be done with it — reschedule, cancel, calendar, receipt. A fragment,
 * not a longer path, keeps the SMS short. */
export const appointmentPath = (reservationId: string) => `/appointments#${reservationId}`;

/** The absolute address an SMS points to. */
export function appLink(path: string): string {
  return `${config().appUrl}${path}`;
}

/** Records that `recipientId` is owed this message. Call it inside the transaction that makes the event
 * happen: the unique (kind, reference, recipient) makes a second call for the same event a no-op, and the
 * table's trigger queues the SMS job in that same transaction. Returns whether it was new. */
export async function recordNotification(tx: Db, notification: NewNotification): Promise<boolean> {
  const inserted = await tx
    .insert(notifications)
    .values(notification)
    .onConflictDoNothing({ target: [notifications.kind, notifications.reference, notifications.recipientId] })
    .returning({ id: notifications.id });
  return inserted.length > 0;
}
