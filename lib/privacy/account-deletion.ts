import { and, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardReversals, chatRequests, paymentAttempts, reservations, timeSlots, users, wallets, withdrawals } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { err, ok, type Result } from "@/lib/shared/result";
import { patientDataSections } from "./patient-data-sections";

/** Why an account cannot be deleted yet. Each is money or care still under way for this patient: deleting
 * then would leave a refund with nobody to receive it, or a doctor waiting for a patient who no longer exists. */
export type DeletionBlocker =
  | { code: "wallet_balance"; balanceRial: number }
  | { code: "upcoming_visit"; count: number }
  | { code: "open_chat"; count: number }
  | { code: "payment_in_progress"; count: number }
  /** Asked for, held from the wallet (so the balance may read 0), not yet paid out or returned. */
  | { code: "withdrawal_pending"; count: number }
  /** Debited from the wallet, the gateway still asked to put it back on the card (or the sweep to decide). */
  | { code: "card_reversal_in_progress"; count: number };

export type DeletionError = { code: "not_found" } | { code: "not_patient" } | { code: "blocked"; blockers: DeletionBlocker[] };

/** What stands in the way of deleting `userId`'s account now; empty when it can be deleted. */
export async function deletionBlockers(db: Db, userId: string, now = new Date()): Promise<DeletionBlocker[]> {
  const [wallet] = await db.select({ balanceRial: wallets.balanceRial }).from(wallets).where(eq(wallets.userId, userId));
  const [upcoming] = await db
    .select({ n: count() })
    .from(reservations)
    .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
    .where(and(eq(reservations.patientId, userId), eq(reservations.status, "confirmed"), gt(timeSlots.startsAt, now)));
  const [openChats] = await db
    .select({ n: count() })
    .from(chatRequests)
    .where(and(eq(chatRequests.patientId, userId), inArray(chatRequests.status, ["waiting", "active"])));
  const [inFlight] = await db
    .select({ n: count() })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.userId, userId), inArray(paymentAttempts.status, ["pending", "verifying"])));
  const [pendingWithdrawals] = await db
    .select({ n: count() })
    .from(withdrawals)
    .where(and(eq(withdrawals.userId, userId), eq(withdrawals.status, "requested")));
  const [reversing] = await db
    .select({ n: count() })
    .from(cardReversals)
    .where(and(eq(cardReversals.userId, userId), eq(cardReversals.status, "reversing")));
  const blockers: DeletionBlocker[] = [];
  if ((wallet?.balanceRial ?? 0) > 0) blockers.push({ code: "wallet_balance", balanceRial: wallet!.balanceRial });
  if (upcoming!.n > 0) blockers.push({ code: "upcoming_visit", count: upcoming!.n });
  if (openChats!.n > 0) blockers.push({ code: "open_chat", count: openChats!.n });
  if (inFlight!.n > 0) blockers.push({ code: "payment_in_progress", count: inFlight!.n });
  if (pendingWithdrawals!.n > 0) blockers.push({ code: "withdrawal_pending", count: pendingWithdrawals!.n });
  if (reversing!.n > 0) blockers.push({ code: "card_reversal_in_progress", count: reversing!.n });
  return blockers;
}

/** "Delete my account": in one transaction, with the user's row locked so that no payment or refund for them
 * settles in between, checks the blockers, erases every section's personal data
 * (patient-data-sections.ts), tombstones the row (phone `deleted:<id>`; no name, national code, birth year or
 * sex) and audits it. Money records
 * stay, pointing at the tombstone: the ledger still balances and every reservation keeps its payment. The
 * phone number is free to sign up again, as a new and empty account. */
export async function deleteMyAccount(db: Db, actor: Actor | null, now = new Date()): Promise<Result<{ userId: string }, DeletionError>> {
  if (!actor) return err({ code: "not_found" });
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, phone: users.phone, role: users.role })
      .from(users)
      .where(and(eq(users.id, actor.userId), isNull(users.deletedAt)))
      // FOR UPDATE conflicts with the FOR KEY SHARE lock that every insert referencing this user takes (a ledger
      // entry, a payment attempt, a reservation, a chat): one settling now is waited for and then seen by the
      // checks below, and none can start until we commit.
      .for("update");
    if (!user) return err({ code: "not_found" as const });
    // Staff, doctors and admins are accounts of the clinic, removed by an admin, not by themselves.
    if (user.role !== "patient") return err({ code: "not_patient" as const });
    const blockers = await deletionBlockers(tx, user.id, now);
    if (blockers.length > 0) return err({ code: "blocked" as const, blockers });

    for (const section of Object.values(patientDataSections)) await section.erase(tx, user);
    await tx
      .update(users)
      .set({
        phone: sql`'deleted:' || ${users.id}::text`,
        name: null,
        firstName: null,
        lastName: null,
        nationalCode: null,
        birthYear: null,
        sex: null,
        deletedAt: now,
      })
      .where(eq(users.id, user.id));
    // No personal data in the audit row: it only records that, and when, the account was deleted.
    await recordAudit(tx, {
      actorId: user.id,
      action: "account.delete",
      subjectType: "user",
      subjectId: user.id,
      after: { deletedAt: now.toISOString() },
      reason: "patient_request",
    });
    return ok({ userId: user.id });
  });
}
