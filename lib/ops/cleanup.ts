import { and, count, eq, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { expireOverdueChatRequests } from "@/lib/chat/chat-expiry";
import type { PaymentEngine } from "@/lib/payments/payment-engine";
import { reconcilePayments, type ReconcileSummary } from "@/lib/payments/reconcile";
import { recordAudit } from "@/lib/audit/audit";
import { oneAtATime } from "./one-at-a-time";

/** The write-up's cleanup_abandoned_bookings, for cron and for the admin's button: settles the payments the
 * browser never came back for, marks the unpaid ones abandoned, and expires unanswered chat requests with a
 * refund. Idempotent: a second run finds nothing left to do. */
export type CleanupOptions = { hours: number; dryRun: boolean; now?: Date };
export type CleanupReport = {
  hours: number;
  dryRun: boolean;
  olderThan: Date;
  payments: ReconcileSummary;
  /** Expired (or, in a dry run, due to expire). */
  chatRequestsExpired: number;
};

/** Unanswered past their deadline: the rule expireOverdueChatRequests applies, counted without acting. */
async function overdueChatRequests(db: Db, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(chatRequests)
    .where(and(eq(chatRequests.status, "waiting"), lte(chatRequests.answerDeadline, now)));
  return row?.n ?? 0;
}

/** Overlapping runs (cron and the admin's button, two cron lines, two app instances) take turns: the later
 * one waits, then finds the work done, so every outcome is counted by exactly one run. Each step is safe to
 * race on its own as well (a late callback does not take turns). */
export async function runCleanup(engine: PaymentEngine, options: CleanupOptions): Promise<CleanupReport> {
  return oneAtATime(engine.db, "dr-turn:cleanup", async () => {
    const now = options.now ?? engine.now?.() ?? new Date();
    const olderThan = new Date(now.getTime() - options.hours * 3_600_000);
    const payments = await reconcilePayments(engine, { olderThan, dryRun: options.dryRun });
    const chatRequestsExpired = options.dryRun
      ? await overdueChatRequests(engine.db, now)
      : await expireOverdueChatRequests(engine.db, now);
    return { hours: options.hours, dryRun: options.dryRun, olderThan, payments, chatRequestsExpired };
  });
}

/** The admin's button: the same run, audited (a dry run too: it was still asked for). */
export async function runCleanupAsAdmin(engine: PaymentEngine, actor: Actor | null, options: CleanupOptions): Promise<CleanupReport> {
  assertRole(actor, ["admin"]);
  const report = await runCleanup(engine, options);
  await recordAudit(engine.db, {
    actorId: actor.userId,
    action: "ops.cleanup",
    subjectType: "payments",
    subjectId: `older-than-${report.hours}h`,
    after: { dryRun: report.dryRun, ...report.payments, chatRequestsExpired: report.chatRequestsExpired },
  });
  return report;
}

/** One line per outcome, for the cron log. */
export function cleanupLines(report: CleanupReport): string[] {
  const p = report.payments;
  const mode = report.dryRun ? "dry run: nothing was changed, counts are what a real run would do" : "done";
  return [
    `cleanup --hours=${report.hours}: attempts started before ${report.olderThan.toISOString()} (${mode})`,
    `checked: ${p.checked}`,
    `fulfilled: ${p.fulfilled}`,
    `refunded to wallet: ${p.refunded}`,
    `abandoned: ${p.abandoned}`,
    `failed: ${p.failed}`,
    `still verifying: ${p.stillVerifying}`,
    `skipped (changed meanwhile by another run or a callback): ${p.skipped}`,
    `chat requests expired with refund: ${report.chatRequestsExpired}`,
    `errors: ${p.errors}`,
  ];
}
