import { sql, type SQL } from "drizzle-orm";
import { paymentAttempts, walletLedger } from "@/db/schema";

/** Which clinic a payment attempt was for: the clinic of the doctor behind its target (the slot's doctor for a
 * visit, the doctor asked for a chat). Null for a wallet top-up, which belongs to no clinic — so only the
 * platform admin sees top-ups. The attempt itself keeps no clinic: its target is all the engine stores. */
export const attemptClinicSql: SQL<string | null> = sql<string | null>`(select d.clinic_id from doctors d where d.id = coalesce(
  (select s.doctor_id from time_slots s where s.id = (${paymentAttempts.target}->>'slotId')::uuid),
  (${paymentAttempts.target}->>'doctorId')::uuid))`;

/** Which clinic a money-back ledger entry concerns, from what its reference points at: a cancelled
 * reservation, an auto-refunded payment attempt, an expired chat request. Null for a manual adjustment or a
 * top-up: platform matters, for the platform admin only. */
export const ledgerClinicSql: SQL<string | null> = sql<string | null>`(case ${walletLedger.reason}
  when 'cancellation_refund' then (select d.clinic_id from reservations r join doctors d on d.id = r.doctor_id where r.id::text = ${walletLedger.reference})
  when 'chat_expiry_refund' then (select d.clinic_id from chat_requests c join doctors d on d.id = c.doctor_id where c.id::text = ${walletLedger.reference})
  when 'auto_refund' then (select d.clinic_id from payment_attempts a join doctors d on d.id = coalesce(
    (select s.doctor_id from time_slots s where s.id = (a.target->>'slotId')::uuid), (a.target->>'doctorId')::uuid)
    where a.id::text = ${walletLedger.reference})
  end)`;
