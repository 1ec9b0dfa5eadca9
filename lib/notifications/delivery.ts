import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications, smsOutbox, users } from "@/db/schema";
import { config } from "@/lib/config";
import { log } from "@/lib/shared/log";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import { sendVerdict } from "./relevance";

/** How long one sender holds a message: well past the SMS call's own timeout. */
export const CLAIM_MS = 30_000;

/** `skipped`: no longer relevant (see sendVerdict), marked so and never sent; `deferredUntil`: it is night in
 * Tehran, nothing was sent and the caller queues it again for that morning. */
export type Delivery = "sent" | "already_sent" | "busy" | "missing" | "skipped" | { deferredUntil: Date };

/** Sends one notification as an SMS, exactly once however often and however concurrently it is called:
 *
 * 1. One transaction claims the notification (row lock, then a short lease a concurrent sender respects) and
 *    records its one outbox row (unique per notification), numbered for Kavenegar's `localid`.
 * 2. The provider gets the message. A sender killed here leaves the lease to run out; the next one hands the
 *    same row over again as a repeat, and the Kavenegar driver first asks whether it already has that
 *    localid — so a message accepted before the crash is not sent twice.
 * 3. One transaction marks the row and the notification sent.
 *
 * A provider refusal is written on both rows and thrown, for the queue to retry with back-off; `finalAttempt`
 * marks the notification failed (the monitoring page lists it).
 *
 * Before each attempt, a reminder or waitlist offer is checked again against the present (sendVerdict): one
 * whose visit or slot no longer wants it is marked skipped, and at night it waits for the morning — a retry
 * must not send what its first attempt would not have. */
export async function deliverNotification(
  db: Db,
  driver: SmsDriver,
  notificationId: string,
  options: { now?: Date; finalAttempt?: boolean; offersAtNight?: boolean } = {},
): Promise<Delivery> {
  const now = options.now ?? new Date();
  const offersAtNight = options.offersAtNight ?? config().waitlist.offersAtNight;
  const claimed = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ notification: notifications, phone: users.phone })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.recipientId))
      .where(eq(notifications.id, notificationId))
      .for("update", { of: notifications });
    if (!row) return { state: "missing" as const };
    const { notification } = row;
    if (notification.status === "sent") return { state: "already_sent" as const };
    if (notification.status === "skipped") return { state: "skipped" as const };
    if (notification.claimedUntil && notification.claimedUntil > now) return { state: "busy" as const };
    const verdict = await sendVerdict(tx, notification, now, { offersAtNight });
    if (verdict.action === "defer") return { state: "deferred" as const, until: verdict.until };
    if (verdict.action === "skip") {
      await tx.update(notifications).set({ status: "skipped", claimedUntil: null }).where(eq(notifications.id, notificationId));
      log.info(`[notifications] ${notification.kind} ${notificationId} not sent: ${verdict.why}`);
      return { state: "skipped" as const };
    }
    await tx
      .update(notifications)
      .set({ claimedUntil: new Date(now.getTime() + CLAIM_MS), sendAttempts: sql`${notifications.sendAttempts} + 1` })
      .where(eq(notifications.id, notificationId));
    const [existing] = await tx.select().from(smsOutbox).where(eq(smsOutbox.notificationId, notificationId));
    if (existing) return { state: "claimed" as const, message: existing, repeat: true };
    const [created] = await tx
      .insert(smsOutbox)
      .values({ phone: row.phone, body: notification.body, driver: driver.name, status: "queued", notificationId })
      .returning();
    return { state: "claimed" as const, message: created!, repeat: false };
  });
  if (claimed.state === "deferred") return { deferredUntil: claimed.until };
  if (claimed.state !== "claimed") return claimed.state;
  const { message, repeat } = claimed;

  let outcome;
  try {
    outcome = await driver.transmit({ localId: message.localId, phone: message.phone, body: message.body, repeat });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.transaction(async (tx) => {
      await tx.update(smsOutbox).set({ status: "failed", error: reason }).where(eq(smsOutbox.id, message.id));
      await tx
        .update(notifications)
        .set({ lastError: reason, claimedUntil: null, ...(options.finalAttempt ? { status: "failed" as const } : {}) })
        .where(eq(notifications.id, notificationId));
    });
    throw error;
  }
  const sentAt = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(smsOutbox)
      .set({ status: "sent", error: null, sentAt, providerMessageId: outcome.providerMessageId, providerStatus: outcome.providerStatus })
      .where(eq(smsOutbox.id, message.id));
    await tx
      .update(notifications)
      .set({ status: "sent", sentAt, lastError: null, claimedUntil: null })
      .where(eq(notifications.id, notificationId));
  });
  return "sent";
}

/** Notifications still owed an SMS that nobody is working on: recorded before the queue's schema existed, or
 * whose sender died (a job locked by a killed worker stays locked for hours). The sweep queues them again.
 * One with a job still waiting its turn (or its back-off) is left to that job: queuing it again would reset
 * the job's attempts and hide a message that keeps failing. Needs the queue's schema. */
export async function unsentNotifications(db: Db, now: Date, olderThanMs: number): Promise<string[]> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.status, "pending"),
        lt(notifications.createdAt, new Date(now.getTime() - olderThanMs)),
        or(isNull(notifications.claimedUntil), lt(notifications.claimedUntil, now)),
        sql`not exists (select 1 from graphile_worker._private_jobs j
          where j.key = 'notification:' || ${notifications.id}::text and j.locked_at is null and j.attempts < j.max_attempts)`,
      ),
    )
    .limit(500);
  return rows.map((r) => r.id);
}
