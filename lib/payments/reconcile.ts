import { and, eq, inArray, lt, ne } from "drizzle-orm";
import { paymentAttempts } from "@/db/schema";
import { verifyAndSettle, type PaymentEngine } from "./payment-engine";
import type { PaymentAttempt } from "./product";

export type ReconcileSummary = {
  checked: number;
  fulfilled: number;
  refunded: number;
  abandoned: number;
  failed: number;
  stillVerifying: number;
  errors: number;
};

/** Settles what the browser never came back for. Every attempt still pending or verifying after `olderThan`
 * is asked about at the gateway; paid ones are verified and settled through the same path as a callback
 * (so a late callback racing this job still yields one outcome), unpaid ones are marked abandoned.
 * Authorities the gateway lists as paid-but-unverified are settled whatever their age or our status. */
export async function reconcilePayments(engine: PaymentEngine, options: { olderThan: Date }): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { checked: 0, fulfilled: 0, refunded: 0, abandoned: 0, failed: 0, stillVerifying: 0, errors: 0 };
  const seen = new Set<string>();

  async function settle(attempt: PaymentAttempt) {
    seen.add(attempt.id);
    summary.checked++;
    const status = await verifyAndSettle(engine, attempt);
    if (status === "paid") {
      const [after] = await engine.db.select({ outcome: paymentAttempts.outcome }).from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
      if (after?.outcome === "auto_refunded") summary.refunded++;
      else summary.fulfilled++;
    } else if (status === "failed") summary.failed++;
    else summary.stillVerifying++;
  }

  const unverified = await engine.gateway.unverified();
  if (unverified.ok && unverified.value.authorities.length > 0) {
    const attempts = await engine.db
      .select()
      .from(paymentAttempts)
      .where(and(inArray(paymentAttempts.authority, unverified.value.authorities.map((a) => a.authority)), ne(paymentAttempts.status, "paid")));
    for (const attempt of attempts) await settle(attempt);
  } else if (!unverified.ok) {
    summary.errors++;
    console.warn(`[reconcile] unVerified failed: ${unverified.error.code}`);
  }

  const stale = await engine.db
    .select()
    .from(paymentAttempts)
    .where(
      and(
        inArray(paymentAttempts.status, ["pending", "verifying"]),
        ne(paymentAttempts.gateway, "wallet"),
        lt(paymentAttempts.createdAt, options.olderThan),
      ),
    );
  for (const attempt of stale) {
    if (seen.has(attempt.id) || !attempt.authority) continue;
    const inquiry = await engine.gateway.inquiry({ authority: attempt.authority });
    if (!inquiry.ok) {
      summary.errors++;
      console.warn(`[reconcile] inquiry failed for ${attempt.id}: ${inquiry.error.code}`);
      continue;
    }
    if (inquiry.value.state === "PAID" || inquiry.value.state === "VERIFIED") {
      await settle(attempt);
      continue;
    }
    summary.checked++;
    const [marked] = await engine.db
      .update(paymentAttempts)
      .set({ status: "abandoned", updatedAt: new Date() })
      .where(and(eq(paymentAttempts.id, attempt.id), inArray(paymentAttempts.status, ["pending", "verifying"])))
      .returning({ id: paymentAttempts.id });
    if (marked) summary.abandoned++;
  }
  return summary;
}
