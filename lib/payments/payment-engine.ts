import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { DatabaseUnavailableError } from "@/db/outage-breaker";
import { paymentAttempts } from "@/db/schema";
import type { Intent } from "@/lib/intent/intent";
import { messages } from "@/lib/i18n/messages";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionWithRetry } from "@/lib/shared/retry-on-conflict";
import { transactionResult } from "@/lib/shared/transaction-result";
import { creditWallet, debitWallet, walletBalance } from "@/lib/ledger/ledger";
import { log } from "@/lib/shared/log";
import type { PaymentGateway } from "./gateway";
import { notPaidCode, recordInconclusive } from "./gateway-answers";
import type { PaymentAttempt, ProductError } from "./product";
import { productFor, type Products } from "./product";

/** One payment engine for reservations, chat consultations and wallet top-ups.
 *
 * Nothing is bought before its payment is verified: starting a payment writes only an attempt row; the
 * record (reservation, chat request, wallet credit) is created in the same transaction that moves the
 * attempt to `paid`, and that transition happens once because the attempt row is locked and re-read. */
export type PaymentEngine = {
  db: Db;
  gateway: PaymentGateway;
  products: Products;
  callbackUrl: string;
  now?: () => Date;
};

export type StartError =
  ProductError | { code: "gateway_unavailable"; attemptId: string } | { code: "gateway_rejected"; attemptId: string; gatewayCode: number };

export type WalletPayError =
  ProductError | { code: "insufficient_balance"; shortfallRial: number; amountRial: number } | { code: "not_payable_from_wallet" };

export type SettledState = PaymentAttempt["status"];

const now = (engine: PaymentEngine) => engine.now?.() ?? new Date();

/** Prices the intent from the database, asks the gateway for an authority and records the attempt.
 * If the gateway refuses or cannot be reached the attempt is recorded as failed and nothing else is written. */
export async function startGatewayPayment(
  engine: PaymentEngine,
  input: { intent: Intent; mobile?: string; intentBytes?: number; retryOf?: string },
): Promise<Result<{ attemptId: string; paymentUrl: string }, StartError>> {
  const { intent } = input;
  const priced = await productFor(engine.products, intent.target).price(engine.db, intent.target, now(engine));
  if (!priced.ok) return priced;
  const { amountRial, description } = priced.value;

  const requested = await engine.gateway.request({ amountRial, description, callbackUrl: engine.callbackUrl, mobile: input.mobile });
  const base = {
    userId: intent.userId,
    purpose: intent.target.kind,
    target: intent.target,
    amountRial,
    gateway: engine.gateway.name,
    intentId: intent.id,
    intentBytes: input.intentBytes,
    retryOf: input.retryOf,
  } as const;

  if (!requested.ok) {
    const error = requested.error;
    const [failed] = await engine.db
      .insert(paymentAttempts)
      .values({ ...base, status: "failed", lastErrorCode: error.code === "rejected" ? error.gatewayCode : null })
      .returning({ id: paymentAttempts.id });
    log.warn(`[payments] gateway request failed: ${error.code} ${error.message}`, {
      step: "start",
      attemptId: failed!.id,
      intentId: intent.id,
      purpose: intent.target.kind,
      amountRial,
      outcome: error.code,
    });
    return err(
      error.code === "rejected"
        ? { code: "gateway_rejected", attemptId: failed!.id, gatewayCode: error.gatewayCode }
        : { code: "gateway_unavailable", attemptId: failed!.id },
    );
  }
  const [attempt] = await engine.db
    .insert(paymentAttempts)
    .values({ ...base, status: "pending", authority: requested.value.authority })
    .returning({ id: paymentAttempts.id });
  log.info("[payments] sent to the gateway", {
    step: "start",
    attemptId: attempt!.id,
    intentId: intent.id,
    authority: requested.value.authority,
    purpose: intent.target.kind,
    amountRial,
  });
  return ok({ attemptId: attempt!.id, paymentUrl: requested.value.paymentUrl });
}

/** Statuses a verify may start from; a `verifying` attempt is asked again too (its last answer was unknown). */
const VERIFIABLE = ["pending", "failed", "abandoned"] as const;

/** The gateway's return: `GET /api/payments/callback?Authority=…&Status=OK|NOK`. The hot path of every paid
 * purchase, so it finds and claims the attempt in one statement, and settles in one short transaction. */
export async function handleGatewayReturn(
  engine: PaymentEngine,
  input: { authority: string; status: "OK" | "NOK" },
): Promise<Result<{ attemptId: string; intentId: string; status: SettledState }, { code: "unknown_authority" }>> {
  const at = now(engine);
  // One UPDATE finds the attempt and moves it on: OK marks a verifiable one `verifying`; NOK closes only one
  // still waiting (a forged NOK cannot undo a verified payment). Any other status is left as it is.
  const claimed = inArray(paymentAttempts.status, input.status === "OK" ? [...VERIFIABLE] : ["pending"]);
  const claim = () =>
    engine.db
      .update(paymentAttempts)
      .set({
        status: sql`case when ${claimed} then ${input.status === "OK" ? "verifying" : "failed"}::payment_status else ${paymentAttempts.status} end`,
        updatedAt: sql`case when ${claimed} then ${at.toISOString()}::timestamptz else ${paymentAttempts.updatedAt} end`,
      })
      .where(eq(paymentAttempts.authority, input.authority))
      .returning();
  let [attempt] = await claim();
  if (!attempt) {
    // "Not found" only once a plain read agrees: test:crash's database gap saw this UPDATE … RETURNING come back
    // empty, for an attempt that existed, from a query postgres.js had held across a cut and a reconnect. The
    // claim is safe to repeat (it only moves a claimable attempt on); a second empty answer is "try again".
    const [known] = await engine.db
      .select({ id: paymentAttempts.id })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.authority, input.authority))
      .limit(1);
    if (!known) return err({ code: "unknown_authority" });
    log.warn(`[payments] the claim of attempt ${known.id} came back empty though it exists: claiming again`, {
      step: "return",
      attemptId: known.id,
      authority: input.authority,
    });
    [attempt] = await claim();
    if (!attempt) throw new DatabaseUnavailableError(`the claim of attempt ${known.id} came back empty twice`);
  }
  const found = { attemptId: attempt.id, intentId: attempt.intentId };
  log.info(`[payments] gateway return ${input.status}`, { step: "return", ...found, authority: input.authority, status: attempt.status });
  if (input.status === "NOK") return ok({ ...found, status: attempt.status });
  return ok({ ...found, status: await verifyClaimed(engine, attempt) });
}

/** Asks the gateway whether the attempt was paid (amount from the database) and settles it. Safe to call
 * any number of times, concurrently, from the callback, the result page and the reconcile job. */
export async function verifyAndSettle(engine: PaymentEngine, attempt: PaymentAttempt): Promise<SettledState> {
  if (attempt.status === "paid" || !attempt.authority) return attempt.status;
  await engine.db
    .update(paymentAttempts)
    .set({ status: "verifying", updatedAt: now(engine) })
    .where(and(eq(paymentAttempts.id, attempt.id), inArray(paymentAttempts.status, [...VERIFIABLE])));
  return verifyClaimed(engine, attempt);
}

/** The verify and what follows it, for an attempt already marked `verifying` (or found paid). */
async function verifyClaimed(engine: PaymentEngine, attempt: PaymentAttempt): Promise<SettledState> {
  if (attempt.status === "paid" || !attempt.authority) return attempt.status;
  const started = performance.now();
  const verified = await engine.gateway.verify({ authority: attempt.authority, amountRial: attempt.amountRial });
  const verifyMs = Math.round(performance.now() - started);

  const ids = { attemptId: attempt.id, intentId: attempt.intentId, authority: attempt.authority, verifyMs };
  if (verified.ok) {
    const settled = await settlePaid(engine, attempt.id, { refId: verified.value.refId, cardPan: verified.value.cardPan, verifyMs });
    log.info("[payments] verified and settled", { step: "settle", ...ids, outcome: settled.outcome, status: settled.status });
    return settled.status;
  }
  const notPaid = notPaidCode(verified.error);
  log.info("[payments] verify settled nothing", {
    step: "verify",
    ...ids,
    outcome: notPaid !== null ? "not_paid" : "inconclusive",
    gatewayCode: verified.error.code === "rejected" ? verified.error.gatewayCode : verified.error.code,
  });
  if (notPaid !== null) {
    const [closed] = await engine.db
      .update(paymentAttempts)
      .set({ status: "failed", lastErrorCode: notPaid, verifyMs, updatedAt: now(engine) })
      .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, "verifying")))
      .returning({ status: paymentAttempts.status });
    if (closed) return closed.status;
  } else {
    // Unknown: the money may or may not have moved. Stay "verifying" until a later check knows; each such
    // answer in a row makes the next check wait longer.
    await recordInconclusive(engine.db, "verify", verified.error, attempt.id);
    const [after] = await engine.db
      .update(paymentAttempts)
      .set({
        verifyMs,
        lastErrorCode: verified.error.code === "rejected" ? verified.error.gatewayCode : null,
        inconclusiveChecks: sql`${paymentAttempts.inconclusiveChecks} + 1`,
        updatedAt: now(engine),
      })
      .where(eq(paymentAttempts.id, attempt.id))
      .returning({ status: paymentAttempts.status });
    if (after) return after.status;
  }
  // Another caller settled it meanwhile (paid, say): its status is the answer.
  const [after] = await engine.db
    .select({ status: paymentAttempts.status })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.id, attempt.id));
  return after!.status;
}

/** The one place a verified payment becomes a record. The conditional UPDATE both claims the attempt and locks
 * its row, so concurrent callers queue on it and all but the first find nothing left to claim. The attempt is
 * written as fulfilled up front (the common case: one statement); a product that finds its record cannot be
 * made (the slot was taken) turns it into a refund to the wallet in the same transaction. */
async function settlePaid(
  engine: PaymentEngine,
  attemptId: string,
  details: { refId: string; cardPan: string | null; verifyMs: number },
): Promise<{ status: SettledState; outcome: "fulfilled" | "auto_refunded" | "already_settled" }> {
  return transactionWithRetry(engine.db, async (tx) => {
    const at = now(engine);
    const [attempt] = await tx
      .update(paymentAttempts)
      .set({
        status: "paid",
        outcome: "fulfilled",
        refId: details.refId,
        cardPan: details.cardPan,
        verifyMs: details.verifyMs,
        settledAt: at,
        updatedAt: at,
      })
      .where(and(eq(paymentAttempts.id, attemptId), ne(paymentAttempts.status, "paid")))
      .returning();
    if (!attempt) return { status: "paid", outcome: "already_settled" } as const;
    const result = await productFor(engine.products, attempt.target).fulfil(tx, attempt, at);
    if (result === "fulfilled") return { status: "paid", outcome: "fulfilled" } as const;
    await creditWallet(tx, {
      userId: attempt.userId,
      amountRial: attempt.amountRial,
      reason: "auto_refund",
      reference: attempt.id,
      note: messages.payment.autoRefundNote,
    });
    await tx.update(paymentAttempts).set({ outcome: "auto_refunded" }).where(eq(paymentAttempts.id, attemptId));
    return { status: "paid", outcome: "auto_refunded" } as const;
  });
}

/** The ledger reason of a wallet debit, per purpose: `<purpose>_payment`, as the invariants expect. */
const WALLET_DEBIT_REASON = { reservation: "reservation_payment", chat: "chat_payment", reschedule: "reschedule_payment" } as const;

/** Pays from the wallet in one transaction: the debit, the paid attempt and the record stand or fall
 * together, so a slot taken meanwhile or a short balance leaves no trace. */
export async function payFromWallet(
  engine: PaymentEngine,
  input: { intent: Intent; intentBytes?: number },
): Promise<Result<{ attemptId: string; balanceRial: number }, WalletPayError>> {
  const { intent } = input;
  if (intent.target.kind === "topup") return err({ code: "not_payable_from_wallet" });
  const debitReason = WALLET_DEBIT_REASON[intent.target.kind];
  const product = productFor(engine.products, intent.target);
  const at = now(engine);
  const priced = await product.price(engine.db, intent.target, at);
  if (!priced.ok) return priced;
  const { amountRial } = priced.value;

  const paid = await transactionResult(
    engine.db,
    async (tx): Promise<Result<{ attemptId: string; balanceRial: number }, WalletPayError>> => {
      const [attempt] = await tx
        .insert(paymentAttempts)
        .values({
          userId: intent.userId,
          purpose: intent.target.kind,
          target: intent.target,
          amountRial,
          gateway: "wallet",
          status: "paid",
          outcome: "fulfilled",
          intentId: intent.id,
          intentBytes: input.intentBytes,
          settledAt: at,
        })
        .returning();
      const debited = await debitWallet(tx, {
        userId: intent.userId,
        amountRial,
        reason: debitReason,
        reference: attempt!.id,
      });
      if (!debited.ok) {
        const balanceRial = await walletBalance(tx, intent.userId);
        return err({ code: "insufficient_balance", amountRial, shortfallRial: amountRial - balanceRial });
      }
      const fulfilled = await product.fulfil(tx, attempt!, at);
      if (fulfilled === "unavailable") {
        const again = await product.price(tx, intent.target, at);
        return err(again.ok ? { code: "slot_not_found" } : again.error);
      }
      return ok({ attemptId: attempt!.id, balanceRial: debited.value.balanceRial });
    },
  );
  if (paid.ok)
    log.info("[payments] paid from the wallet", {
      step: "settle",
      attemptId: paid.value.attemptId,
      intentId: intent.id,
      amountRial,
      outcome: "fulfilled",
    });
  else
    log.info(`[payments] wallet payment refused: ${paid.error.code}`, {
      step: "settle",
      intentId: intent.id,
      amountRial,
      outcome: paid.error.code,
    });
  return paid;
}

/** How many attempts came before this one in its retry chain. */
export async function retryCount(db: Db, intentId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(paymentAttempts).where(eq(paymentAttempts.intentId, intentId));
  return Math.max(0, (row?.n ?? 1) - 1);
}

export type RetryError =
  | StartError
  | { code: "attempt_not_found" }
  | { code: "not_retryable" }
  | { code: "intent_expired" }
  /** Another attempt of the same purchase was paid: nothing is left to retry, its result says what was bought. */
  | { code: "already_paid"; attemptId: string };

/** The attempt of the same purchase (intent) that was paid, if one was: a retry that succeeded. */
export async function paidSibling(db: Db, attempt: Pick<PaymentAttempt, "id" | "intentId" | "userId">): Promise<string | null> {
  const [paid] = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.intentId, attempt.intentId),
        eq(paymentAttempts.userId, attempt.userId),
        eq(paymentAttempts.status, "paid"),
        ne(paymentAttempts.id, attempt.id),
      ),
    )
    .limit(1);
  return paid?.id ?? null;
}

/** A new attempt for the same intent, linked to the failed one. The intent must still be in the patient's
 * cookie: it is what they chose, and it expires with the cookie. */
export async function retryPayment(
  engine: PaymentEngine,
  input: { userId: string; attemptId: string; loadIntent: (intentId: string) => Promise<Intent | null>; mobile?: string },
): Promise<Result<{ attemptId: string; paymentUrl: string }, RetryError>> {
  const [attempt] = await engine.db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.id, input.attemptId), eq(paymentAttempts.userId, input.userId)));
  if (!attempt) return err({ code: "attempt_not_found" });
  if (attempt.status !== "failed" && attempt.status !== "abandoned") return err({ code: "not_retryable" });
  const paid = await paidSibling(engine.db, attempt);
  if (paid) return err({ code: "already_paid", attemptId: paid });
  const intent = await input.loadIntent(attempt.intentId);
  if (!intent || intent.id !== attempt.intentId) return err({ code: "intent_expired" });
  return startGatewayPayment(engine, { intent, mobile: input.mobile, intentBytes: attempt.intentBytes ?? undefined, retryOf: attempt.id });
}
