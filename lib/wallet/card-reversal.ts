import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardReversals, paymentAttempts } from "@/db/schema";
import { creditWallet, debitWallet, walletBalance } from "@/lib/ledger/ledger";
import { GATEWAY_REVERSE_WINDOW_MS, type GatewayError, type PaymentGateway } from "@/lib/payments/gateway";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionResult } from "@/lib/shared/transaction-result";
import { log } from "@/lib/shared/log";

/** "Back to the card" (برگشت به کارت): a gateway payment refunded to the wallet because the slot was taken
 * meanwhile can go back to the payer's card through the gateway's `reverse`, while the gateway still allows it
 * (30 minutes after the payment). Never both — the money in the wallet and on the card — and never neither:
 *
 *  1. one transaction claims the payment (a `card_reversals` row; a partial unique index lets only one live
 *     claim exist per payment, so a second click or tab is refused) and debits the wallet (`card_reversal`,
 *     referencing the claim; the balance trigger refuses it when the credit was already spent);
 *  2. the gateway is asked to reverse — outside any transaction, nothing is locked while it answers;
 *  3. it reversed: the claim becomes `reversed`. Any other answer (a refusal, a time-out): `inquiry` is asked
 *     whether the payment is now REVERSED (the reverse may have gone through before its answer was lost); if
 *     not, the claim becomes `failed` and, in the same transaction, the debit comes back
 *     (`card_reversal_undo`).
 *
 * A claim left `reversing` (the server died between 1 and 3) is settled by `settleStaleReversals` the same
 * way, by inquiry. */

export type ReversalOffer =
  { kind: "offer"; amountRial: number; until: Date } | { kind: "reversed"; amountRial: number } | { kind: "reversing" } | { kind: "none" };

export type ReverseError =
  | { code: "not_found" }
  | { code: "not_reversible" }
  | { code: "too_late" }
  | { code: "already_reversed" }
  | { code: "in_progress" }
  | { code: "insufficient_balance" }
  /** The gateway refused (its code); -63 is its own "too late". The credit stayed in the wallet. */
  | { code: "refused"; gatewayCode: number }
  /** The gateway did not answer and did not show the payment reversed. The credit stayed in the wallet. */
  | { code: "gateway_unavailable" };

type Attempt = typeof paymentAttempts.$inferSelect;
const TOO_LATE_CODE = -63;

async function ownAttempt(db: Db, userId: string, attemptId: string): Promise<Attempt | undefined> {
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.userId, userId)));
  return attempt;
}

const reversible = (a: Attempt) => a.gateway !== "wallet" && a.status === "paid" && a.outcome === "auto_refunded" && a.authority !== null;
const deadlineOf = (a: Attempt) => new Date(a.createdAt.getTime() + GATEWAY_REVERSE_WINDOW_MS);

/** What the result page of an auto-refunded payment offers besides keeping the credit. */
export async function reversalOffer(db: Db, userId: string, attemptId: string, now = new Date()): Promise<ReversalOffer> {
  const attempt = await ownAttempt(db, userId, attemptId);
  if (!attempt || !reversible(attempt)) return { kind: "none" };
  const [live] = await db
    .select({ status: cardReversals.status })
    .from(cardReversals)
    .where(and(eq(cardReversals.attemptId, attempt.id), eq(cardReversals.status, "reversed")));
  if (live) return { kind: "reversed", amountRial: attempt.amountRial };
  const [pending] = await db
    .select({ id: cardReversals.id })
    .from(cardReversals)
    .where(and(eq(cardReversals.attemptId, attempt.id), eq(cardReversals.status, "reversing")));
  if (pending) return { kind: "reversing" };
  const until = deadlineOf(attempt);
  if (now >= until || (await walletBalance(db, userId)) < attempt.amountRial) return { kind: "none" };
  return { kind: "offer", amountRial: attempt.amountRial, until };
}

/** Ends a claim, exactly once (still `reversing`): reversed, or failed with the debit given back in the same
 * transaction. False when someone else (the other path, or the stale sweep) ended it first. */
async function settleClaim(
  db: Db,
  reversalId: string,
  outcome: { reversed: true } | { reversed: false; gatewayCode: number | null },
): Promise<boolean> {
  const settled = await transactionResult(db, async (tx) => {
    const [row] = await tx
      .update(cardReversals)
      .set({
        status: outcome.reversed ? "reversed" : "failed",
        gatewayCode: outcome.reversed ? null : outcome.gatewayCode,
        settledAt: new Date(),
      })
      .where(and(eq(cardReversals.id, reversalId), eq(cardReversals.status, "reversing")))
      .returning();
    if (!row) return ok(false);
    if (!outcome.reversed) {
      await creditWallet(tx, { userId: row.userId, amountRial: row.amountRial, reason: "card_reversal_undo", reference: row.id });
    }
    return ok(true);
  });
  return settled.ok && settled.value;
}

/** After a reverse that was not answered: the gateway's own word on whether the money went back. */
async function reversedAtGateway(gateway: PaymentGateway, authority: string): Promise<boolean> {
  const asked = await gateway.inquiry({ authority });
  return asked.ok && asked.value.state === "REVERSED";
}

function describe(error: GatewayError): string {
  return error.code === "rejected" ? `code ${error.gatewayCode}` : `${error.reason}: ${error.message}`;
}

export async function reverseToCard(
  deps: { db: Db; gateway: PaymentGateway },
  userId: string,
  attemptId: string,
  now = new Date(),
): Promise<Result<{ amountRial: number; balanceRial: number }, ReverseError>> {
  const { db, gateway } = deps;
  const attempt = await ownAttempt(db, userId, attemptId);
  if (!attempt) return err({ code: "not_found" });
  if (!reversible(attempt)) return err({ code: "not_reversible" });
  if (now >= deadlineOf(attempt)) return err({ code: "too_late" });

  const claimed = await transactionResult(db, async (tx): Promise<Result<{ reversalId: string }, ReverseError>> => {
    const [claim] = await tx
      .insert(cardReversals)
      .values({ attemptId: attempt.id, userId, amountRial: attempt.amountRial })
      .onConflictDoNothing({ target: cardReversals.attemptId, where: sql`status <> 'failed'` })
      .returning({ id: cardReversals.id });
    if (!claim) {
      const [live] = await tx
        .select({ status: cardReversals.status })
        .from(cardReversals)
        .where(and(eq(cardReversals.attemptId, attempt.id), eq(cardReversals.status, "reversed")));
      return err({ code: live ? "already_reversed" : "in_progress" });
    }
    const debited = await debitWallet(tx, { userId, amountRial: attempt.amountRial, reason: "card_reversal", reference: claim.id });
    if (!debited.ok) return err({ code: "insufficient_balance" });
    return ok({ reversalId: claim.id });
  });
  if (!claimed.ok) return claimed;
  const { reversalId } = claimed.value;

  const reversed = await gateway.reverse({ authority: attempt.authority! });
  // Any answer but "Reversed" is checked with inquiry before the debit is undone: a time-out or a -52 may hide
  // a reverse that went through, and undoing then would leave the money both on the card and in the wallet.
  if (reversed.ok || (await reversedAtGateway(gateway, attempt.authority!))) {
    await settleClaim(db, reversalId, { reversed: true });
    log.info(`[wallet] payment ${attempt.id} reversed to the card (${attempt.amountRial} Rial), claim ${reversalId}`);
    return ok({ amountRial: attempt.amountRial, balanceRial: await walletBalance(db, userId) });
  }
  const gatewayCode = reversed.error.code === "rejected" ? reversed.error.gatewayCode : null;
  await settleClaim(db, reversalId, { reversed: false, gatewayCode });
  log.warn(
    `[wallet] reverse of payment ${attempt.id} failed (${describe(reversed.error)}); the credit stays in the wallet, claim ${reversalId}`,
  );
  if (gatewayCode === TOO_LATE_CODE) return err({ code: "too_late" });
  return err(gatewayCode === null ? { code: "gateway_unavailable" } : { code: "refused", gatewayCode });
}

/** Claims left `reversing` longer than `olderThanMs` (the process died while the gateway was asked): the
 * gateway's inquiry decides. REVERSED → reversed; any other state it knows → the debit comes back; no answer →
 * left for the next run. */
export async function settleStaleReversals(deps: { db: Db; gateway: PaymentGateway }, now = new Date(), olderThanMs = 5 * 60_000) {
  const stale = await deps.db
    .select({ id: cardReversals.id, authority: paymentAttempts.authority })
    .from(cardReversals)
    .innerJoin(paymentAttempts, eq(paymentAttempts.id, cardReversals.attemptId))
    .where(and(eq(cardReversals.status, "reversing"), lt(cardReversals.createdAt, new Date(now.getTime() - olderThanMs))));
  let settled = 0;
  for (const claim of stale) {
    const asked = await deps.gateway.inquiry({ authority: claim.authority! });
    if (!asked.ok) continue;
    if (
      await settleClaim(deps.db, claim.id, asked.value.state === "REVERSED" ? { reversed: true } : { reversed: false, gatewayCode: null })
    )
      settled++;
  }
  return { stale: stale.length, settled };
}
