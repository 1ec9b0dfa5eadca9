import { sql, type SQL } from "drizzle-orm";
import { paymentAttempts, walletLedger } from "@/db/schema";

/** The family member a payment's purchase was for, from the attempt's target: a visit or a chat names them
 * (`familyMemberId`, sealed at checkout); a move's difference is for whomever the moved reservation is for.
 * Null for the patient themself and for a top-up. */
const memberOfTarget = (target: SQL) =>
  sql<string | null>`coalesce((${target}->>'familyMemberId')::uuid,
    (select r.family_member_id from reservations r where r.id = (${target}->>'reservationId')::uuid))`;

export const attemptMemberSql = memberOfTarget(sql`${paymentAttempts.target}`);

/** The family member a money-back ledger entry concerns, from what its reference points at (as
 * ledgerClinicSql finds its clinic): the cancelled reservation, the expired chat, the auto-refunded attempt. */
export const ledgerMemberSql: SQL<string | null> = sql<string | null>`(case ${walletLedger.reason}
  when 'cancellation_refund' then (select r.family_member_id from reservations r where r.id::text = ${walletLedger.reference})
  when 'chat_expiry_refund' then (select c.family_member_id from chat_requests c where c.id::text = ${walletLedger.reference})
  when 'auto_refund' then (select ${memberOfTarget(sql`a.target`)} from payment_attempts a where a.id::text = ${walletLedger.reference})
  end)`;
