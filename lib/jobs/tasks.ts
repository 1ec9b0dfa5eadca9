import type { Task, TaskList } from "graphile-worker";
import type { Db } from "@/db/client";
import { expireOverdueChatRequests, warnDoctorsOfExpiringChats } from "@/lib/chat/chat-expiry";
import { deliverNotification, unsentNotifications } from "@/lib/notifications/delivery";
import { recordDueReminders } from "@/lib/notifications/reminders";
import { runCleanup } from "@/lib/ops/cleanup";
import type { PaymentEngine } from "@/lib/payments/payment-engine";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import { offerFreedSlot, offerJobKey } from "@/lib/waitlist/offers";
import { settleStaleReversals } from "@/lib/wallet/card-reversal";

/** Payments older than this that are still pending or verifying are settled by asking the gateway. The
 * gateway's own list of paid-but-unverified payments is settled whatever its age. */
export const RECONCILE_AFTER_HOURS = 0.5;
/** A notification still unsent this long after it was recorded is queued again by the sweep. */
export const SWEEP_AFTER_MS = 30_000;

/** When each scheduled job runs (graphile-worker's crontab: one run per tick across every instance). Each
 * gets one attempt: the next tick is the retry. */
export const CRONTAB = [
  "*/5 * * * * reconcile ?max=1",
  "* * * * * expire_chats ?max=1",
  "*/5 * * * * reminders ?max=1",
  "* * * * * sweep_notifications ?max=1",
].join("\n");

/** A notification's job, as the table's trigger (migration 0005) queues it: one key per notification. */
const notificationJob = (id: string) => ({ jobKey: `notification:${id}`, maxAttempts: 10 });

export type TaskContext = { db: Db; sms: () => SmsDriver; engine: () => PaymentEngine; now?: () => Date };

/** The queue's jobs. Each is safe to run twice and concurrently: the work itself is idempotent (unique keys,
 * conditional updates, row locks), so the queue's at-least-once delivery becomes exactly-once effects. */
export function jobTasks(context: TaskContext): TaskList {
  const now = () => context.now?.() ?? new Date();

  const sendNotification: Task = async (payload, helpers) => {
    const { id } = payload as { id: string };
    const result = await deliverNotification(context.db, context.sms(), id, {
      now: now(),
      finalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
    });
    // Someone else holds it right now: try again later rather than count it done.
    if (result === "busy") throw new Error(`notification ${id} is being sent by another worker`);
    // Night in Tehran: the same job again at 08:00 (under the running job's key, which makes a new job).
    if (typeof result === "object") {
      await helpers.addJob("send_notification", { id }, { ...notificationJob(id), jobKeyMode: "replace", runAt: result.deferredUntil });
      helpers.logger.info(`notification ${id} waits for the morning: ${result.deferredUntil.toISOString()}`);
    }
  };

  const sweepNotifications: Task = async (_payload, helpers) => {
    const ids = await unsentNotifications(context.db, now(), SWEEP_AFTER_MS);
    for (const id of ids) {
      await helpers.addJob("send_notification", { id }, { ...notificationJob(id), jobKeyMode: "preserve_run_at" });
    }
    if (ids.length > 0) helpers.logger.info(`queued ${ids.length} unsent notification(s) again`);
  };

  /** A freed slot (queued by the waitlist triggers): offers it to the next batch, then queues itself again for
   * the batch after, or for 08:00 after a night. Adding a job under the running one's key makes a new job. */
  const offerSlot: Task = async (payload, helpers) => {
    const { slotId } = payload as { slotId: string };
    const run = await offerFreedSlot(context.db, slotId, now());
    if (run.offered > 0) helpers.logger.info(`offered slot ${slotId} to ${run.offered} waiting patient(s)`);
    if (run.next === "later")
      await helpers.addJob("offer_slot", { slotId }, { jobKey: offerJobKey(slotId), jobKeyMode: "replace", runAt: run.at, maxAttempts: 5 });
  };

  return {
    send_notification: sendNotification,
    offer_slot: offerSlot,
    sweep_notifications: sweepNotifications,
    reconcile: async () => {
      // Back-to-card claims a dead process left between the wallet debit and the gateway's answer.
      await settleStaleReversals({ db: context.db, gateway: context.engine().gateway }, now());
      const report = await runCleanup(context.engine(), { hours: RECONCILE_AFTER_HOURS, dryRun: false, now: now() });
      if (report.payments.errors > 0) throw new Error(`reconcile: ${report.payments.errors} payment(s) could not be settled; see the log`);
    },
    expire_chats: async () => {
      await expireOverdueChatRequests(context.db, now());
      await warnDoctorsOfExpiringChats(context.db, now());
    },
    reminders: async () => {
      await recordDueReminders(context.db, now());
    },
  };
}
