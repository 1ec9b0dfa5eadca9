import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { paymentAttempts } from "@/db/schema";
import { claimGatewayCheck, recordInconclusive, UNKNOWN_AUTHORITY } from "./gateway-answers";
import { verifyAndSettle, type PaymentEngine, type SettledState } from "./payment-engine";
import type { PaymentAttempt } from "./product";

/** Asking the gateway about a payment whose return never came (a lost redirect is common on mobile networks):
 * the result page and "my payments" do it while the patient looks, so a paid patient never waits for the
 * cleanup job. Paid ones settle through the same engine path as a callback. */

/** A younger attempt is most likely still at the bank, or its return is on the way. */
export const CHECK_PENDING_AFTER_MS = 5_000;
/** How long a ZarinPal payment session stays open at the bank. An attempt older than this that the gateway
 * still reports in the bank was never paid and never will be. */
export const GATEWAY_SESSION_MS = 20 * 60_000;
/** "My payments" asks about at most this many open attempts per look. */
const MY_PAYMENTS_CHECKS = 5;

const nowOf = (engine: PaymentEngine) => engine.now?.() ?? new Date();

/** Abandons a still-pending attempt (the retry is then offered). A callback or another check that got there
 * first wins: only `pending` moves. */
async function abandon(engine: PaymentEngine, attemptId: string): Promise<void> {
  await engine.db
    .update(paymentAttempts)
    .set({ status: "abandoned", inconclusiveChecks: 0, updatedAt: nowOf(engine) })
    .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, "pending")));
}

async function statusOf(engine: PaymentEngine, attemptId: string): Promise<SettledState> {
  const [row] = await engine.db.select({ status: paymentAttempts.status }).from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
  return row!.status;
}

/** One look at the gateway for an open attempt. `verifying` (the gateway already said OK once) is verified
 * again; `pending` is first asked about (inquiry, which changes nothing at the gateway) and verified only
 * when the gateway says it was paid. The caller decides whether it may ask now (claimGatewayCheck). */
export async function checkWithGateway(engine: PaymentEngine, attempt: PaymentAttempt): Promise<SettledState> {
  if (!attempt.authority || (attempt.status !== "pending" && attempt.status !== "verifying")) return attempt.status;
  if (attempt.status === "verifying") return verifyAndSettle(engine, attempt);

  const inquiry = await engine.gateway.inquiry({ authority: attempt.authority });
  if (!inquiry.ok) {
    if (inquiry.error.code === "rejected" && inquiry.error.gatewayCode === UNKNOWN_AUTHORITY) {
      await abandon(engine, attempt.id);
    } else {
      await recordInconclusive(engine.db, "inquiry", inquiry.error, attempt.id);
      await engine.db
        .update(paymentAttempts)
        .set({ inconclusiveChecks: sql`${paymentAttempts.inconclusiveChecks} + 1` })
        .where(eq(paymentAttempts.id, attempt.id));
    }
    return statusOf(engine, attempt.id);
  }
  switch (inquiry.value.state) {
    case "PAID":
    case "VERIFIED":
      return verifyAndSettle(engine, attempt);
    case "IN_BANK":
      if (nowOf(engine).getTime() - attempt.createdAt.getTime() > GATEWAY_SESSION_MS) await abandon(engine, attempt.id);
      else if (attempt.inconclusiveChecks > 0) {
        await engine.db.update(paymentAttempts).set({ inconclusiveChecks: 0 }).where(eq(paymentAttempts.id, attempt.id));
      }
      return statusOf(engine, attempt.id);
    case "FAILED":
    case "REVERSED":
      await abandon(engine, attempt.id);
      return statusOf(engine, attempt.id);
  }
}

/** The result page's question about one of the patient's attempts: asks the gateway when the attempt is open,
 * old enough and not asked about in the last few seconds by anyone, and answers its status either way.
 * Another patient's attempt is null. */
export async function checkPatientPayment(engine: PaymentEngine, userId: string, attemptId: string): Promise<SettledState | null> {
  const at = nowOf(engine);
  const claimed = await claimGatewayCheck(
    engine.db,
    attemptId,
    at,
    and(eq(paymentAttempts.userId, userId), lt(paymentAttempts.createdAt, new Date(at.getTime() - CHECK_PENDING_AFTER_MS))),
  );
  if (claimed) return checkWithGateway(engine, claimed);
  const [row] = await engine.db
    .select({ status: paymentAttempts.status })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.userId, userId)));
  return row?.status ?? null;
}

/** "My payments" asks about the patient's latest open attempts; true while any is still open. */
export async function checkPatientOpenPayments(engine: PaymentEngine, userId: string): Promise<boolean> {
  const open = await engine.db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.userId, userId),
        inArray(paymentAttempts.status, ["pending", "verifying"]),
        ne(paymentAttempts.gateway, "wallet"),
      ),
    )
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(MY_PAYMENTS_CHECKS);
  let stillOpen = false;
  for (const { id } of open) {
    const status = await checkPatientPayment(engine, userId, id);
    if (status === "pending" || status === "verifying") stillOpen = true;
  }
  return stillOpen;
}
