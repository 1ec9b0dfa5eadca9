import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, withdrawals } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { creditWallet, debitWallet, walletBalance } from "@/lib/ledger/ledger";
import { pageWindow } from "@/lib/shared/paging";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionResult } from "@/lib/shared/transaction-result";
import { parseSheba, type ShebaError } from "./sheba";
import { log } from "@/lib/shared/log";

/** Money leaving the platform to the patient's bank account. Asking holds the amount at once (a
 * `withdrawal_hold` debit referencing the withdrawal, in the same transaction as its row), so it cannot be
 * spent twice and the balance trigger refuses more than there is; the platform admin then transfers it and
 * marks it paid with the bank's reference, or rejects it and the hold comes back (`withdrawal_return`).
 *
 * Who pays out: the platform admin (role `admin`). The money is the platform's (the wallet is not a clinic's),
 * so no clinic's staff decides it; the audit rows carry no clinic and only the platform admin reads them. */

export type Withdrawal = typeof withdrawals.$inferSelect;
export const PAYOUT_ROLES = ["admin"] as const;
/** Bank references and reasons are short texts; longer input is refused rather than cut. */
export const WITHDRAWAL_TEXT_MAX = 200;

export type WithdrawalRequestError =
  | ShebaError
  | { code: "invalid_amount" }
  | { code: "name_required" }
  | { code: "nothing_to_withdraw" }
  | { code: "insufficient_balance"; balanceRial: number }
  /** The same form was sent before (a double click): that withdrawal stands, no second one. */
  | { code: "already_requested"; withdrawalId: string };

/** `requestId` is the form's own id, made when the form was shown: it becomes the withdrawal's id, so a second
 * click or a resubmitted form finds the first withdrawal instead of holding the money again. */
export async function requestWithdrawal(
  db: Db,
  actor: Actor | null,
  input: { requestId: string; amountRial: number | "all"; sheba: string },
): Promise<Result<{ withdrawalId: string; amountRial: number; balanceRial: number }, WithdrawalRequestError>> {
  assertRole(actor, ["patient"]);
  const sheba = parseSheba(input.sheba);
  if (!sheba.ok) return sheba;
  if (input.amountRial !== "all" && (!Number.isSafeInteger(input.amountRial) || input.amountRial <= 0))
    return err({ code: "invalid_amount" });

  return transactionResult(
    db,
    async (tx): Promise<Result<{ withdrawalId: string; amountRial: number; balanceRial: number }, WithdrawalRequestError>> => {
      const [user] = await tx
        .select({ firstName: users.firstName, lastName: users.lastName })
        .from(users)
        .where(eq(users.id, actor.userId));
      if (!user?.firstName || !user.lastName) return err({ code: "name_required" });
      const balanceRial = await walletBalance(tx, actor.userId);
      const amountRial = input.amountRial === "all" ? balanceRial : input.amountRial;
      if (amountRial <= 0) return err({ code: "nothing_to_withdraw" });

      const [created] = await tx
        .insert(withdrawals)
        .values({
          id: input.requestId,
          userId: actor.userId,
          amountRial,
          sheba: sheba.value,
          holderName: `${user.firstName} ${user.lastName}`,
        })
        .onConflictDoNothing({ target: withdrawals.id })
        .returning({ id: withdrawals.id });
      if (!created) return err({ code: "already_requested", withdrawalId: input.requestId });
      const held = await debitWallet(tx, { userId: actor.userId, amountRial, reason: "withdrawal_hold", reference: created.id });
      if (!held.ok) return err({ code: "insufficient_balance", balanceRial });
      log.info(`[wallet] withdrawal ${created.id} of ${amountRial} Rial requested by user ${actor.userId}`);
      return ok({ withdrawalId: created.id, amountRial, balanceRial: held.value.balanceRial });
    },
  );
}

/** The patient's own withdrawals, newest first. */
export async function withdrawalsOf(db: Db, userId: string, limit = 20): Promise<Withdrawal[]> {
  return db.select().from(withdrawals).where(eq(withdrawals.userId, userId)).orderBy(desc(withdrawals.createdAt)).limit(limit);
}

export type PayoutRow = Withdrawal & { patientName: string | null; patientPhone: string };
export const PAYOUT_PAGE_SIZE = 30;
export type PayoutFilter = "requested" | "paid" | "rejected";

/** The payout queue: waiting withdrawals oldest first (first asked, first paid); decided ones newest first. */
export async function payoutQueue(
  db: Db,
  actor: Actor | null,
  input: { status?: PayoutFilter; page?: number } = {},
): Promise<{ rows: PayoutRow[]; page: number; pageCount: number }> {
  assertRole(actor, PAYOUT_ROLES);
  const status = input.status ?? "requested";
  const where = eq(withdrawals.status, status);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(withdrawals).where(where);
  const { page, pageCount, offset } = pageWindow(n, input.page, PAYOUT_PAGE_SIZE);
  const rows = await db
    .select({ withdrawal: withdrawals, patientName: users.name, patientPhone: users.phone })
    .from(withdrawals)
    .innerJoin(users, eq(users.id, withdrawals.userId))
    .where(where)
    .orderBy(status === "requested" ? withdrawals.createdAt : desc(withdrawals.decidedAt), withdrawals.id)
    .limit(PAYOUT_PAGE_SIZE)
    .offset(offset);
  return { rows: rows.map((r) => ({ ...r.withdrawal, patientName: r.patientName, patientPhone: r.patientPhone })), page, pageCount };
}

export type DecideError =
  | { code: "not_found" }
  | { code: "text_required" }
  | { code: "text_too_long" }
  /** Someone else (another admin, or this one in another tab) decided it first. */
  | { code: "already_decided"; status: "paid" | "rejected" };

type Decision = { kind: "paid"; bankReference: string } | { kind: "rejected"; reason: string };

/** Marks a waiting withdrawal paid or rejected, exactly once: the conditional UPDATE (still `requested`) is the
 * claim, so of two admins (or two clicks) one decides and the other is told it was already decided; the
 * audit row, and for a rejection the return of the hold, are in the same transaction. */
async function decideWithdrawal(
  db: Db,
  actor: Actor | null,
  withdrawalId: string,
  decision: Decision,
): Promise<Result<Withdrawal, DecideError>> {
  assertRole(actor, PAYOUT_ROLES);
  const text = (decision.kind === "paid" ? decision.bankReference : decision.reason).trim();
  if (!text) return err({ code: "text_required" });
  if (text.length > WITHDRAWAL_TEXT_MAX) return err({ code: "text_too_long" });

  return transactionResult(db, async (tx): Promise<Result<Withdrawal, DecideError>> => {
    const [decided] = await tx
      .update(withdrawals)
      .set({
        status: decision.kind,
        bankReference: decision.kind === "paid" ? text : null,
        rejectReason: decision.kind === "rejected" ? text : null,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(and(eq(withdrawals.id, withdrawalId), eq(withdrawals.status, "requested")))
      .returning();
    if (!decided) {
      const [existing] = await tx.select({ status: withdrawals.status }).from(withdrawals).where(eq(withdrawals.id, withdrawalId));
      if (!existing) return err({ code: "not_found" });
      return err({ code: "already_decided", status: existing.status === "paid" ? "paid" : "rejected" });
    }
    if (decided.status === "rejected") {
      await creditWallet(tx, {
        userId: decided.userId,
        amountRial: decided.amountRial,
        reason: "withdrawal_return",
        reference: decided.id,
        note: text,
      });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: decided.status === "paid" ? "withdrawal.pay" : "withdrawal.reject",
      subjectType: "wallet",
      subjectId: decided.userId,
      before: { withdrawalId: decided.id, status: "requested", amountRial: decided.amountRial, sheba: decided.sheba },
      after: { withdrawalId: decided.id, status: decided.status, bankReference: decided.bankReference },
      reason: decided.rejectReason,
    });
    log.info(`[wallet] withdrawal ${decided.id} ${decided.status} by admin ${actor.userId}`);
    return ok(decided);
  });
}

export const markWithdrawalPaid = (db: Db, actor: Actor | null, input: { withdrawalId: string; bankReference: string }) =>
  decideWithdrawal(db, actor, input.withdrawalId, { kind: "paid", bankReference: input.bankReference });

export const rejectWithdrawal = (db: Db, actor: Actor | null, input: { withdrawalId: string; reason: string }) =>
  decideWithdrawal(db, actor, input.withdrawalId, { kind: "rejected", reason: input.reason });
