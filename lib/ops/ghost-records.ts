import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, reservations } from "@/db/schema";

/** A ghost record is a reservation or chat request with no verified payment or wallet debit behind it: its
 * attempt is not paid-and-fulfilled for that very purpose, patient, amount and target, or (gateway) carries
 * no gateway reference, or (wallet) has no matching debit in the ledger. Expected: none, ever. */
export type GhostRecords = { reservations: number; chatRequests: number; total: number; sample: { kind: "reservation" | "chat_request"; id: string }[] };

const SAMPLE = 20;

/** The attempt behind a record, paid for `purpose` by `userId` with `amount`, through a verified gateway
 * payment or a wallet debit of the same amount. */
const paidBehind = (record: { attemptId: AnyColumn; userId: AnyColumn; amount: AnyColumn; target: SQL }, purpose: "reservation" | "chat") => sql`
  exists (
    select 1 from payment_attempts a
    where a.id = ${record.attemptId} and a.status = 'paid' and a.outcome = 'fulfilled' and a.purpose = ${purpose}
      and a.user_id = ${record.userId} and a.amount_rial = ${record.amount} and ${record.target}
      and (
        (a.gateway <> 'wallet' and a.ref_id is not null)
        or (a.gateway = 'wallet' and exists (
          select 1 from wallet_ledger l
          where l.reason = ${`${purpose}_payment`} and l.reference = a.id::text and l.user_id = a.user_id and l.amount_rial = -a.amount_rial))
      )
  )`;

/** Counted live from the tables, never cached. */
export async function ghostRecords(db: Db): Promise<GhostRecords> {
  const ghostReservations = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(
      sql`not ${paidBehind(
        { attemptId: reservations.paymentAttemptId, userId: reservations.patientId, amount: reservations.amountRial, target: sql`a.target->>'slotId' = ${reservations.slotId}::text` },
        "reservation",
      )}`,
    );
  const ghostChats = await db
    .select({ id: chatRequests.id })
    .from(chatRequests)
    .where(
      sql`not ${paidBehind(
        { attemptId: chatRequests.paymentAttemptId, userId: chatRequests.patientId, amount: chatRequests.amountRial, target: sql`a.target->>'doctorId' = ${chatRequests.doctorId}::text` },
        "chat",
      )}`,
    );
  const sample = [
    ...ghostReservations.map((g) => ({ kind: "reservation" as const, id: g.id })),
    ...ghostChats.map((g) => ({ kind: "chat_request" as const, id: g.id })),
  ].slice(0, SAMPLE);
  return { reservations: ghostReservations.length, chatRequests: ghostChats.length, total: ghostReservations.length + ghostChats.length, sample };
}
