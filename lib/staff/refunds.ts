import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { familyMembers, users, walletLedger } from "@/db/schema";
import { assertRole, type Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { normalizeIranianMobile } from "@/lib/auth/phone";
import { err, ok, type Result } from "@/lib/shared/result";
import { transactionResult } from "@/lib/shared/transaction-result";
import { creditWallet, debitWallet, walletBalance } from "@/lib/ledger/ledger";
import { recordAudit } from "@/lib/audit/audit";
import { ledgerClinicSql } from "./money-clinic";
import { ledgerMemberSql } from "./money-person";
import { visitForColumns } from "@/lib/patients/visit-for";
import type { VisitFor } from "@/lib/patients/visit-for-text";
import { REASON_MAX } from "./slot-retirement";
import { pageWindow } from "@/lib/shared/paging";

export type MoneyBackReason = "auto_refund" | "cancellation_refund" | "chat_expiry_refund" | "staff_adjustment";
export const MONEY_BACK_REASONS: MoneyBackReason[] = ["auto_refund", "cancellation_refund", "chat_expiry_refund", "staff_adjustment"];

/** `forName`/`forRelation` (VisitFor): the family member the refunded visit or chat was for. */
export type RefundRow = VisitFor & {
  id: string;
  createdAt: Date;
  reason: MoneyBackReason;
  amountRial: number;
  balanceAfterRial: number;
  reference: string;
  note: string | null;
  patientName: string | null;
  patientPhone: string;
};

export const REFUNDS_PAGE_SIZE = 30;

/** Money given back for the caller's clinics: auto-refunds, cancellation and chat-expiry refunds; the platform
 * admin also sees every manual adjustment. */
export async function refundsList(
  db: Db,
  actor: Actor | null,
  input: { reason?: MoneyBackReason; page?: number } = {},
): Promise<{ rows: RefundRow[]; page: number; pageCount: number }> {
  const scope = await clinicScope(db, actor);
  const where = and(
    inScope(scope, ledgerClinicSql),
    input.reason ? eq(walletLedger.reason, input.reason) : inArray(walletLedger.reason, MONEY_BACK_REASONS),
  );
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(walletLedger).where(where);
  const { page, pageCount, offset } = pageWindow(n, input.page, REFUNDS_PAGE_SIZE);
  const rows = await db
    .select({
      id: walletLedger.id,
      createdAt: walletLedger.createdAt,
      reason: walletLedger.reason,
      amountRial: walletLedger.amountRial,
      balanceAfterRial: walletLedger.balanceAfterRial,
      reference: walletLedger.reference,
      note: walletLedger.note,
      patientName: users.name,
      patientPhone: users.phone,
      ...visitForColumns,
    })
    .from(walletLedger)
    .innerJoin(users, eq(users.id, walletLedger.userId))
    .leftJoin(familyMembers, sql`${familyMembers.id} = ${ledgerMemberSql}`)
    .where(where)
    .orderBy(desc(walletLedger.createdAt), desc(walletLedger.id))
    .limit(REFUNDS_PAGE_SIZE)
    .offset(offset);
  return { rows: rows as RefundRow[], page, pageCount };
}

export type AdjustError =
  | { code: "invalid_phone" }
  | { code: "user_not_found" }
  | { code: "invalid_amount" }
  | { code: "reason_required" }
  | { code: "insufficient_balance"; balanceRial: number };

/** An admin's manual change to a wallet: credit (positive) or debit (negative, never below zero). The audit
 * row and the ledger entry are written together; the ledger entry references the audit row. */
export async function adjustWallet(
  db: Db,
  actor: Actor | null,
  input: { phone: string; amountRial: number; reason: string },
): Promise<Result<{ userId: string; balanceRial: number }, AdjustError>> {
  assertRole(actor, ["admin"]);
  const phone = normalizeIranianMobile(input.phone);
  if (!phone) return err({ code: "invalid_phone" });
  if (!Number.isSafeInteger(input.amountRial) || input.amountRial === 0) return err({ code: "invalid_amount" });
  const reason = input.reason.trim().slice(0, REASON_MAX);
  if (!reason) return err({ code: "reason_required" });

  return transactionResult(db, async (tx): Promise<Result<{ userId: string; balanceRial: number }, AdjustError>> => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, phone));
    if (!user) return err({ code: "user_not_found" });
    const before = await walletBalance(tx, user.id);
    const auditId = await recordAudit(tx, {
      actorId: actor.userId,
      action: "wallet.adjust",
      subjectType: "wallet",
      subjectId: user.id,
      before: { balanceRial: before },
      after: { balanceRial: before + input.amountRial, amountRial: input.amountRial },
      reason,
    });
    const entry = { userId: user.id, amountRial: input.amountRial, reason: "staff_adjustment" as const, reference: auditId, note: reason };
    if (input.amountRial > 0) {
      const credited = await creditWallet(tx, entry);
      return ok({ userId: user.id, balanceRial: credited.balanceRial });
    }
    const debited = await debitWallet(tx, entry);
    if (!debited.ok) return err({ code: "insufficient_balance", balanceRial: before });
    return ok({ userId: user.id, balanceRial: debited.value.balanceRial });
  });
}
