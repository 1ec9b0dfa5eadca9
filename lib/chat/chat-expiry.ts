import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";
import { transactionWithRetry } from "@/lib/shared/retry-on-conflict";
import { notifyChatExpired, notifyChatExpiring } from "@/lib/notifications/events";
import { creditWallet } from "@/lib/ledger/ledger";
import { log } from "@/lib/shared/log";

/** Requests whose doctor did not accept them before the deadline: each becomes `expired` and its fee goes
 * back to the patient's wallet, in one transaction per request. Returns how many this run expired.
 *
 * Safe to run repeatedly and concurrently (the reconcile job calls it): the conditional update from
 * `waiting` lets one run win each request — a second run blocks on the row and then finds it no longer
 * waiting — and the ledger's unique (reason, reference) would refuse a second refund anyway. A run chosen as a
 * deadlock victim (say, against a doctor accepting the request) runs that request again. */
export async function expireOverdueChatRequests(db: Db, now: Date): Promise<number> {
  const overdue = await db
    .select({ id: chatRequests.id })
    .from(chatRequests)
    .where(and(eq(chatRequests.status, "waiting"), lte(chatRequests.answerDeadline, now)))
    .orderBy(asc(chatRequests.answerDeadline));

  let expired = 0;
  for (const { id } of overdue) {
    const refunded = await transactionWithRetry(db, async (tx) => {
      const [request] = await tx
        .update(chatRequests)
        .set({ status: "expired", closedAt: now })
        .where(and(eq(chatRequests.id, id), eq(chatRequests.status, "waiting"), lte(chatRequests.answerDeadline, now)))
        .returning({ patientId: chatRequests.patientId, amountRial: chatRequests.amountRial });
      if (!request) return false;
      const credit = await creditWallet(tx, {
        userId: request.patientId,
        amountRial: request.amountRial,
        reason: "chat_expiry_refund",
        reference: id,
        note: messages.chat.expiryRefundNote,
      });
      if (!credit.applied) log.warn(`[chat] expiry refund for chat request ${id} was already in the ledger`);
      await notifyChatExpired(tx, id);
      return true;
    });
    if (refunded) expired++;
  }
  if (expired > 0) log.info(`[chat] expired ${expired} unanswered chat request(s) and refunded their fees`);
  return expired;
}

/** How long before an unanswered request's deadline its doctor is reminded. */
export const EXPIRY_WARNING_MS = 2 * 3_600_000;

/** Tells each doctor, once per request, that a consultation still waits for them and its deadline is less
 * than two hours away. The minute job calls it; the notification's unique key makes repeats no-ops. */
export async function warnDoctorsOfExpiringChats(db: Db, now: Date): Promise<number> {
  const soon = await db
    .select({ id: chatRequests.id })
    .from(chatRequests)
    .where(
      and(
        eq(chatRequests.status, "waiting"),
        gt(chatRequests.answerDeadline, now),
        lte(chatRequests.answerDeadline, new Date(now.getTime() + EXPIRY_WARNING_MS)),
      ),
    );
  for (const { id } of soon) await db.transaction((tx) => notifyChatExpiring(tx, id));
  return soon.length;
}
