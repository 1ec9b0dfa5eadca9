import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentAttempts, reservations, sandboxPayments, walletLedger } from "@/db/schema";

/** What became of the payments the gateway (the sandbox) saw, judged from the database alone. */
export type Settlement = {
  /** Payments the gateway took money for (paid or verified there). */
  paidAtGateway: number;
  /** Of those, still paid-but-unverified at the gateway: verify was never called for them. */
  unverifiedAtGateway: number;
  reservations: number;
  refunds: number;
  paidRial: number;
  reservedRial: number;
  refundedRial: number;
  /** Every way a payment did not end as exactly one reservation or exactly one refund. */
  problems: string[];
};

/** Checks every payment the gateway took (optionally only `authorities`): exactly one attempt, paid, with
 * exactly one record — a reservation when fulfilled, an auto-refund ledger entry when refunded — and no
 * record at all for an attempt the gateway was never paid for. Money is conserved when
 * paidRial = reservedRial + refundedRial. */
export async function settlementOf(db: Db, authorities?: string[]): Promise<Settlement> {
  if (authorities && authorities.length === 0) throw new Error("settlementOf: no authorities given");
  const gateway = await db
    .select()
    .from(sandboxPayments)
    .where(authorities ? inArray(sandboxPayments.authority, authorities) : undefined);
  const attempts = await db
    .select()
    .from(paymentAttempts)
    .where(
      inArray(
        paymentAttempts.authority,
        gateway.map((p) => p.authority),
      ),
    );
  const attemptIds = attempts.map((a) => a.id);
  const records =
    attemptIds.length === 0 ? [] : await db.select().from(reservations).where(inArray(reservations.paymentAttemptId, attemptIds));
  const refunds =
    attemptIds.length === 0
      ? []
      : await db
          .select()
          .from(walletLedger)
          .where(and(eq(walletLedger.reason, "auto_refund"), inArray(walletLedger.reference, attemptIds)));

  const result: Settlement = {
    paidAtGateway: 0,
    unverifiedAtGateway: 0,
    reservations: 0,
    refunds: 0,
    paidRial: 0,
    reservedRial: 0,
    refundedRial: 0,
    problems: [],
  };
  for (const payment of gateway) {
    const paid = payment.status === "paid" || payment.status === "verified";
    const mine = attempts.filter((a) => a.authority === payment.authority);
    const attempt = mine[0];
    const booked = attempt ? records.filter((r) => r.paymentAttemptId === attempt.id) : [];
    const refunded = attempt ? refunds.filter((l) => l.reference === attempt.id) : [];
    const label = `authority ${payment.authority} (gateway ${payment.status}, attempt ${attempt ? `${attempt.status}/${attempt.outcome}` : "missing"})`;
    if (mine.length > 1) result.problems.push(`${label}: ${mine.length} attempts`);

    if (!paid) {
      if (attempt?.status === "paid" || booked.length + refunded.length > 0) result.problems.push(`${label}: never paid, yet settled`);
      continue;
    }
    result.paidAtGateway++;
    result.paidRial += payment.amount;
    if (payment.status === "paid") result.unverifiedAtGateway++;
    result.reservations += booked.length;
    result.refunds += refunded.length;
    result.reservedRial += booked.reduce((sum, r) => sum + r.amountRial, 0);
    result.refundedRial += refunded.reduce((sum, l) => sum + l.amountRial, 0);

    if (!attempt) result.problems.push(`${label}: lost — the gateway took the money, we have no attempt`);
    else if (attempt.status !== "paid") result.problems.push(`${label}: lost — paid at the gateway, not settled`);
    else if (booked.length + refunded.length !== 1)
      result.problems.push(`${label}: ${booked.length} reservations and ${refunded.length} refunds`);
    else if ((attempt.outcome === "fulfilled") !== (booked.length === 1))
      result.problems.push(`${label}: outcome does not match its record`);
  }
  if (result.paidRial !== result.reservedRial + result.refundedRial) {
    result.problems.push(
      `money not conserved: paid ${result.paidRial} ≠ reserved ${result.reservedRial} + refunded ${result.refundedRial}`,
    );
  }
  return result;
}

/** Live reservations per slot, for the slots given: more than one is a double booking. */
export async function reservationsPerSlot(db: Db, slotIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ slotId: reservations.slotId, status: reservations.status })
    .from(reservations)
    .where(inArray(reservations.slotId, slotIds));
  const counts = new Map<string, number>(slotIds.map((id) => [id, 0]));
  for (const row of rows) if (row.status !== "cancelled") counts.set(row.slotId, (counts.get(row.slotId) ?? 0) + 1);
  return counts;
}
