import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** For money taken from a wallet on behalf of a row (a withdrawal, a card reversal) and given back when the row
 * ends in `whenGivenBack`: each row has exactly one `taken` debit of its amount from its user, exactly one
 * `givenBack` credit when it ended so and none otherwise, and no such ledger entry exists without its row. */
function takenAndGivenBack(o: { table: string; kind: string; taken: string; givenBack: string; whenGivenBack: string }): string {
  const expected = `case when r.status = '${o.whenGivenBack}' then 1 else 0 end`;
  return `
    select '${o.kind}' as kind, r.id::text as subject,
      format('${o.kind.replace("_", " ")} %s (%s) has %s ${o.taken} and %s ${o.givenBack} entries of its amount, expected 1 and %s',
        r.id, r.status, m.taken, m.given_back, ${expected}) as message
    from ${o.table} r
    cross join lateral (
      select
        count(*) filter (where l.reason = '${o.taken}' and l.amount_rial = -r.amount_rial and l.user_id = r.user_id) as taken,
        count(*) filter (where l.reason = '${o.givenBack}' and l.amount_rial = r.amount_rial and l.user_id = r.user_id) as given_back
      from wallet_ledger l
      where l.reason in ('${o.taken}', '${o.givenBack}') and l.reference = r.id::text
    ) m
    where m.taken <> 1 or m.given_back <> ${expected}
    union all
    select 'ledger_entry', l.id::text, format('%s %s (%s) has no ${o.kind.replace("_", " ")} of that patient and amount', l.reason, l.id, l.reference)
    from wallet_ledger l
    where l.reason in ('${o.taken}', '${o.givenBack}')
      and not exists (select 1 from ${o.table} r where r.id::text = l.reference and r.user_id = l.user_id and abs(l.amount_rial) = r.amount_rial)`;
}

/** The product's invariants, checked in SQL over the whole database: the one definition used by the
 * `afterEach` of every integration test, by `npm run check:integrity` after the journeys, by the bench and
 * crash test, and (ghost records) by the monitoring page and `/api/metrics`. Each check lists its
 * violations; a sound database has none. Each check is proved able to fail in invariant-checks.test.ts. */
export const INVARIANTS = {
  /** (a) No ghost records: every reservation and chat request was paid for by a paid, fulfilled attempt of
   * its own purpose, patient, amount and target, with a verified gateway payment (a reference number) or
   * its wallet debit in the ledger. A moved reservation is held to the slot and amount it was bought with (its
   * first move's "from"); reservation_moves proves the way from there to where it is now. */
  ghost_records: sql.raw(`
    with records as (
      select 'reservation' as kind, r.id, r.payment_attempt_id, r.patient_id,
             coalesce(m.from_amount_rial, r.amount_rial) as amount_rial,
             'slotId' as target_key, coalesce(m.from_slot_id, r.slot_id)::text as target_value
      from reservations r
      left join reservation_moves m on m.reservation_id = r.id and m.seq = 1
      union all
      select 'chat_request', c.id, c.payment_attempt_id, c.patient_id, c.amount_rial, 'doctorId', c.doctor_id::text
      from chat_requests c
    )
    select rec.kind, rec.id::text as subject,
      case
        when a.id is null then format('ghost %s %s: no attempt', rec.kind, rec.id)
        when a.status <> 'paid' or a.outcome is distinct from 'fulfilled'
          then format('ghost %s %s: attempt %s/%s', rec.kind, rec.id, a.status, coalesce(a.outcome::text, 'null'))
        else format('ghost %s %s: attempt %s does not match it or has no verified payment behind it', rec.kind, rec.id, a.id)
      end as message
    from records rec
    left join payment_attempts a on a.id = rec.payment_attempt_id
    where not coalesce(
      a.status = 'paid' and a.outcome = 'fulfilled'
        and a.purpose::text = case rec.kind when 'reservation' then 'reservation' else 'chat' end
        and a.user_id = rec.patient_id and a.amount_rial = rec.amount_rial
        and a.target->>rec.target_key = rec.target_value
        and (
          (a.gateway <> 'wallet' and a.ref_id is not null)
          or (a.gateway = 'wallet' and exists (
            select 1 from wallet_ledger l
            where l.reason::text = a.purpose::text || '_payment' and l.reference = a.id::text
              and l.user_id = a.user_id and l.amount_rial = -a.amount_rial))
        ),
      false)
  `),

  /** (a, the other way round) Every paid, fulfilled attempt has exactly its one record (reservation, chat
   * request or top-up credit) and every other attempt none; only a paid attempt is settled; a top-up credit
   * comes from a paid top-up attempt of that user and amount. */
  attempt_records: sql.raw(`
    select 'attempt' as kind, a.id::text as subject,
      format('attempt %s (%s %s/%s) has %s records, expected %s',
        a.id, a.purpose, a.status, coalesce(a.outcome::text, 'null'), counted.records, counted.expected) as message
    from payment_attempts a
    cross join lateral (
      select
        (select count(*) from reservations r where r.payment_attempt_id = a.id)
        + (select count(*) from chat_requests c where c.payment_attempt_id = a.id)
        + (select count(*) from reservation_moves m where m.payment_attempt_id = a.id)
        + (select count(*) from wallet_ledger l where l.reason = 'topup' and l.reference = a.id::text) as records,
        case when a.status = 'paid' and a.outcome = 'fulfilled' then 1 else 0 end as expected
    ) counted
    where counted.records <> counted.expected
    union all
    select 'attempt', a.id::text, format('unpaid attempt %s has outcome/settledAt', a.id)
    from payment_attempts a
    where a.status <> 'paid' and (a.outcome is not null or a.settled_at is not null)
    union all
    select 'ledger_entry', l.id::text, format('top-up credit %s (%s) differs from its attempt', l.id, l.reference)
    from wallet_ledger l
    left join payment_attempts a on a.id::text = l.reference
    where l.reason = 'topup'
      and not coalesce(a.purpose = 'topup' and a.amount_rial = l.amount_rial and a.user_id = l.user_id, false)
  `),

  /** A purchase paid from the wallet has exactly one debit of its amount, from its patient; a gateway
   * purchase none; and no purchase debit exists without its wallet attempt. */
  wallet_payments: sql.raw(`
    select 'attempt' as kind, a.id::text as subject, format('wallet attempt %s has %s debits', a.id, debits.n) as message
    from payment_attempts a
    cross join lateral (
      select count(*) as n,
             count(*) filter (where l.amount_rial = -a.amount_rial and l.user_id = a.user_id
                                and l.reason::text = a.purpose::text || '_payment') as matching
      from wallet_ledger l
      where l.reason in ('reservation_payment', 'chat_payment', 'reschedule_payment') and l.reference = a.id::text
    ) debits
    where (a.gateway = 'wallet' and (debits.n <> 1 or debits.matching <> 1))
       or (a.gateway <> 'wallet' and debits.n > 0)
    union all
    select 'ledger_entry', l.id::text, format('wallet debit %s (%s) has no wallet attempt', l.id, l.reference)
    from wallet_ledger l
    where l.reason in ('reservation_payment', 'chat_payment', 'reschedule_payment')
      and not exists (select 1 from payment_attempts a where a.id::text = l.reference and a.gateway = 'wallet')
  `),

  /** (b) Every wallet balance equals the sum of its ledger entries, never went below zero, and every user
   * with ledger entries has a wallet. */
  wallet_balances: sql.raw(`
    with sums as (select user_id, sum(amount_rial) as total from wallet_ledger group by user_id)
    select 'wallet' as kind, coalesce(w.user_id, s.user_id)::text as subject,
      case
        when w.user_id is null then format('ledger entries for %s but no wallet', s.user_id)
        else format('wallet %s: balance %s ≠ ledger sum %s', w.user_id, w.balance_rial, coalesce(s.total, 0))
      end as message
    from wallets w
    full join sums s on s.user_id = w.user_id
    where w.user_id is null or w.balance_rial <> coalesce(s.total, 0)
    union all
    select 'wallet', w.user_id::text, format('wallet %s is negative', w.user_id)
    from wallets w where w.balance_rial < 0
    union all
    select 'ledger_entry', l.id::text, format('ledger entry %s left a negative balance', l.id)
    from wallet_ledger l where l.balance_after_rial < 0
  `),

  /** (c) No money paid back twice: an auto-refunded attempt is credited exactly once, with its amount, to its
   * payer, and nothing else is; a cancellation or expiry refund belongs to a cancelled reservation or an
   * expired chat request; and all that came back for one payment (auto refund, cancellation refund, expiry
   * refund) is one entry of at most what was paid. */
  refunds: sql.raw(`
    select 'attempt' as kind, l.reference as subject, format('attempt %s refunded %s times', l.reference, count(*)) as message
    from wallet_ledger l where l.reason = 'auto_refund'
    group by l.reference having count(*) > 1
    union all
    select 'ledger_entry', l.id::text,
      case
        when a.id is null or a.status <> 'paid' or a.outcome is distinct from 'auto_refunded'
          then format('auto_refund %s for an attempt that is not auto_refunded', l.id)
        else format('auto_refund %s differs from attempt %s', l.id, a.id)
      end
    from wallet_ledger l
    left join payment_attempts a on a.id::text = l.reference
    where l.reason = 'auto_refund'
      and not coalesce(a.status = 'paid' and a.outcome = 'auto_refunded'
                       and a.amount_rial = l.amount_rial and a.user_id = l.user_id, false)
    union all
    select 'attempt', a.id::text, format('attempt %s is auto_refunded but was never credited', a.id)
    from payment_attempts a
    where a.outcome = 'auto_refunded'
      and not exists (select 1 from wallet_ledger l where l.reason = 'auto_refund' and l.reference = a.id::text)
    union all
    select 'ledger_entry', l.id::text, format('%s %s for %s, which was not %s', l.reason, l.id, l.reference,
      case l.reason when 'cancellation_refund' then 'a cancelled reservation' else 'an expired chat request' end)
    from wallet_ledger l
    where (l.reason = 'cancellation_refund'
           and not exists (select 1 from reservations r where r.id::text = l.reference and r.status = 'cancelled'))
       or (l.reason = 'chat_expiry_refund'
           and not exists (select 1 from chat_requests c where c.id::text = l.reference and c.status = 'expired'))
    union all
    select 'attempt', a.id::text,
      format('attempt %s paid %s and got %s back in %s refunds', a.id, paid.total, back.total, back.n)
    from (
      -- Every refund with the attempt it pays back, then summed per attempt: set-based, because per attempt
      -- (a lateral subquery with OR) it read every cancellation refund for each of a year's attempts. What a
      -- moved reservation gave back at its moves counts against its first payment too, but is no second refund.
      select refunded.attempt_id, count(*) filter (where refunded.reason <> 'reschedule_refund') as n,
             sum(refunded.amount_rial) as total
      from (
        select l.reason, l.reference as attempt_id, l.amount_rial from wallet_ledger l where l.reason = 'auto_refund'
        union all
        select l.reason, r.payment_attempt_id::text, l.amount_rial
        from wallet_ledger l join reservations r on r.id::text = l.reference
        where l.reason = 'cancellation_refund'
        union all
        select l.reason, r.payment_attempt_id::text, l.amount_rial
        from wallet_ledger l
        join reservation_moves m on m.id::text = l.reference
        join reservations r on r.id = m.reservation_id
        where l.reason = 'reschedule_refund'
        union all
        select l.reason, c.payment_attempt_id::text, l.amount_rial
        from wallet_ledger l join chat_requests c on c.id::text = l.reference
        where l.reason = 'chat_expiry_refund'
      ) refunded
      group by refunded.attempt_id
    ) back
    join payment_attempts a on a.id::text = back.attempt_id
    -- A reservation was paid for by its attempt and by the differences paid when it moved to dearer times.
    cross join lateral (
      select a.amount_rial + coalesce((
        select sum(d.amount_rial)
        from reservations r
        join reservation_moves m on m.reservation_id = r.id
        join payment_attempts d on d.id = m.payment_attempt_id
        where r.payment_attempt_id = a.id), 0) as total
    ) paid
    where back.n > 1 or back.total > paid.total
  `),

  /** (g) A moved reservation got where it is by its moves, and each move was settled: numbered 1..n, each
   * starting where the last ended and the last ending at the reservation's slot and amount; a dearer move paid
   * by a verified `reschedule` attempt of exactly the difference, for that reservation and slot; a cheaper one
   * refunded by exactly one `reschedule_refund` of the difference to the patient, and no other move refunded. */
  reservation_moves: sql.raw(`
    select 'reservation' as kind, r.id::text as subject,
      format('reservation %s is on slot %s for %s but its last move ends on %s for %s',
        r.id, r.slot_id, r.amount_rial, m.to_slot_id, m.to_amount_rial) as message
    from reservations r
    join reservation_moves m on m.reservation_id = r.id
    where m.seq = (select max(x.seq) from reservation_moves x where x.reservation_id = r.id)
      and (m.to_slot_id <> r.slot_id or m.to_amount_rial <> r.amount_rial)
    union all
    select 'reservation', m.reservation_id::text, format('reservation %s has moves numbered up to %s but %s of them', m.reservation_id, max(m.seq), count(*))
    from reservation_moves m
    group by m.reservation_id having max(m.seq) <> count(*)
    union all
    select 'reservation_move', m.id::text, format('move %s does not start where move %s ended', m.id, p.id)
    from reservation_moves m
    join reservation_moves p on p.reservation_id = m.reservation_id and p.seq = m.seq - 1
    where p.to_slot_id <> m.from_slot_id or p.to_amount_rial <> m.from_amount_rial
    union all
    select 'reservation_move', m.id::text,
      format('move %s (%s → %s Rial) is not paid by a verified reschedule payment of the difference', m.id, m.from_amount_rial, m.to_amount_rial)
    from reservation_moves m
    join reservations r on r.id = m.reservation_id
    left join payment_attempts a on a.id = m.payment_attempt_id
    where m.payment_attempt_id is not null and not coalesce(
      a.status = 'paid' and a.outcome = 'fulfilled' and a.purpose::text = 'reschedule'
        and a.user_id = r.patient_id and a.amount_rial = m.to_amount_rial - m.from_amount_rial
        and a.target->>'reservationId' = r.id::text and a.target->>'slotId' = m.to_slot_id::text
        and (
          (a.gateway <> 'wallet' and a.ref_id is not null)
          or (a.gateway = 'wallet' and exists (
            select 1 from wallet_ledger l
            where l.reason = 'reschedule_payment' and l.reference = a.id::text
              and l.user_id = a.user_id and l.amount_rial = -a.amount_rial))
        ),
      false)
    union all
    select 'reservation_move', m.id::text,
      format('move %s (%s → %s Rial) gave back %s', m.id, m.from_amount_rial, m.to_amount_rial, coalesce(l.amount_rial, 0))
    from reservation_moves m
    join reservations r on r.id = m.reservation_id
    left join wallet_ledger l on l.reason = 'reschedule_refund' and l.reference = m.id::text
    where coalesce(l.amount_rial, 0) <> greatest(m.from_amount_rial - m.to_amount_rial, 0)
       or l.user_id <> r.patient_id
    union all
    select 'ledger_entry', l.id::text, format('reschedule refund %s (%s) belongs to no move', l.id, l.reference)
    from wallet_ledger l
    where l.reason = 'reschedule_refund'
      and not exists (select 1 from reservation_moves m where m.id::text = l.reference)
  `),
  /** Money leaving the wallet to a bank account: every withdrawal holds exactly its amount from its patient
   * (one `withdrawal_hold`); a rejected one got exactly that back (one `withdrawal_return`), any other none; and
   * no hold or return exists without the withdrawal it names. */
  withdrawals: sql.raw(
    takenAndGivenBack({
      table: "withdrawals",
      kind: "withdrawal",
      taken: "withdrawal_hold",
      givenBack: "withdrawal_return",
      whenGivenBack: "rejected",
    }),
  ),

  /** Back to the card: a reversal is of a gateway payment that was auto-refunded, by its payer, for its amount;
   * it debited the wallet exactly once (`card_reversal`), and exactly a failed one got that back
   * (`card_reversal_undo`); no such entry exists without its reversal; and a payment was reversed at most once
   * (the partial unique index says so too). */
  card_reversals: sql.raw(`
    ${takenAndGivenBack({ table: "card_reversals", kind: "card_reversal", taken: "card_reversal", givenBack: "card_reversal_undo", whenGivenBack: "failed" })}
    union all
    select 'card_reversal', v.id::text, format('card reversal %s is not of an auto-refunded gateway payment of its payer and amount', v.id)
    from card_reversals v
    left join payment_attempts a on a.id = v.attempt_id
    where not coalesce(a.status = 'paid' and a.outcome = 'auto_refunded' and a.gateway <> 'wallet'
                       and a.user_id = v.user_id and a.amount_rial = v.amount_rial, false)
    union all
    select 'attempt', v.attempt_id::text, format('payment %s was reversed to the card %s times', v.attempt_id, count(*))
    from card_reversals v where v.status = 'reversed'
    group by v.attempt_id having count(*) > 1
  `),
  /** (f) Every review stands on an attended visit of that patient with that doctor. The database refuses any
   * other (reviews_attended_visit_only and the composite key); this says so from the outside. Whether the
   * visit itself was paid is ghost_records' business. */
  verified_reviews: sql.raw(`
    select 'review' as kind, v.id::text as subject,
      format('review %s has no attended visit of its patient with its doctor behind it', v.id) as message
    from reviews v
    left join reservations r on r.id = v.reservation_id and r.patient_id = v.patient_id and r.doctor_id = v.doctor_id
    where r.id is null or r.status <> 'attended'
  `),
} satisfies Record<string, SQL>;

export type Invariant = keyof typeof INVARIANTS;
export const INVARIANT_NAMES = Object.keys(INVARIANTS) as Invariant[];

/** One broken invariant: which check, what kind of row (reservation, chat_request, attempt, wallet,
 * ledger_entry) and its id, and a sentence for the test failure or the operator. */
export type Violation = { invariant: Invariant; kind: string; subject: string; message: string };

type Row = { kind: string; subject: string; message: string };

/** postgres.js returns the rows as the result, PGlite as `result.rows`. */
async function rowsOf(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The violations of the named checks (all by default), in the order of INVARIANTS. Read live. */
export async function findViolations(db: Db, only: readonly Invariant[] = INVARIANT_NAMES): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const invariant of only) {
    const rows = await rowsOf(db, INVARIANTS[invariant]);
    found.push(...rows.map((row) => ({ invariant, kind: row.kind, subject: row.subject, message: row.message })));
  }
  return found;
}

/** Every violation as a sentence; empty when the database is sound. */
export async function invariantViolations(db: Db): Promise<string[]> {
  return (await findViolations(db)).map((v) => v.message);
}

export async function assertInvariants(db: Db): Promise<void> {
  const problems = await invariantViolations(db);
  if (problems.length > 0) throw new Error(`payment invariants broken:\n  ${problems.join("\n  ")}`);
}
