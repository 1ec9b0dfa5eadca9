import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** `npm run bench -- --data=large`: a platform a year in, written with set-based SQL (generate_series and
 * INSERT … SELECT) in minutes. At scale 1: 500 doctors in 50 clinics, 2 million slots, 1 million payment
 * attempts, 600,000 reservations, about 300,000 ledger entries and 200,000 chat messages; every count scales
 * with `scale`, so a small fraction can be tried first.
 *
 * The rows are what the product itself would have written, so the invariant checks pass on the result: every
 * reservation and chat request has its paid, fulfilled attempt (gateway ones with a reference number, wallet
 * ones with their debit), every auto-refunded attempt its one credit, every cancellation refund a cancelled
 * reservation. The ledger goes through its trigger (wallet balance = Σ ledger), in small statements because
 * the trigger takes one advisory lock per entry and a shared Postgres has a bounded lock table. */

export type LargeDataCounts = {
  clinics: number;
  doctors: number;
  patients: number;
  slots: number;
  reservations: number;
  paymentAttempts: number;
  ledgerEntries: number;
  chatRequests: number;
  chatMessages: number;
};

/** Per doctor: 16 half-hour slots a day over 250 days (200 past, 50 ahead). */
const SLOTS_PER_DOCTOR = 4_000;
const DAY_SLOTS = 16;
const SPECIALTIES = 20;
const MESSAGES_PER_CHAT = 4;
const TOPUP_RIAL = 10_000_000;
const CHAT_FEE_RIAL = 1_000_000;
/** Ledger rows per statement: each takes an advisory lock held to the end of its transaction. */
const LEDGER_CHUNK = 500;

const atLeastOne = (n: number) => Math.max(1, Math.round(n));

/** How many rows of each kind a fill at `scale` writes before the ledger (the rest follows from them). */
export function largeDataPlan(scale: number) {
  const doctors = atLeastOne(500 * scale);
  return {
    clinics: atLeastOne(50 * scale),
    doctors,
    patients: atLeastOne(100_000 * scale),
    topups: atLeastOne(150_000 * scale),
    autoRefunds: atLeastOne(100_000 * scale),
    abandoned: atLeastOne(15_000 * scale),
    pending: atLeastOne(5_000 * scale),
    chats: atLeastOne(50_000 * scale),
  };
}

export async function fillLargeData(db: Db, scale: number, log: (message: string) => void = () => {}): Promise<LargeDataCounts> {
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got ${scale}`);
  const plan = largeDataPlan(scale);
  const { clinics: C, doctors: D, patients: P } = plan;
  const run = async (what: string, statement: string) => {
    const started = performance.now();
    // One statement per call: postgres.js sends a parameterised query as one prepared statement.
    for (const one of statement
      .split(/;\s*\n/)
      .map((part) => part.trim())
      .filter((part) => part.replace(/--.*$/gm, "").trim() !== "")) {
      await db.execute(sql.raw(one));
    }
    if (what) log(`${what} (${Math.round(performance.now() - started)} ms)`);
  };
  const hex = (column: string) => `replace(${column}::text, '-', '')`;

  await dropStaging(db);
  await run(
    "clinics, specialties, patients and doctors",
    `
    create unlogged table bench_fill_clinics as select n, gen_random_uuid() as id from generate_series(0, ${C - 1}) n;
    insert into clinics (id, name, city, address, phone)
      select id, 'درمانگاه بنچ ' || n, (array['تهران', 'مشهد', 'اصفهان', 'شیراز', 'تبریز'])[1 + n % 5], 'خیابان ' || n, null
      from bench_fill_clinics;
    create unlogged table bench_fill_specialties as select n, gen_random_uuid() as id from generate_series(0, ${SPECIALTIES - 1}) n;
    insert into specialties (id, name) select id, 'تخصص بنچ ' || n from bench_fill_specialties;
    create unlogged table bench_fill_users as select n, gen_random_uuid() as id from generate_series(0, ${P + D - 1}) n;
    create unique index on bench_fill_users (n);
    insert into users (id, phone, name, role, created_at)
      select id, '09' || lpad((500000000 + n)::text, 9, '0'),
        case when n < ${P} then 'بیمار بنچ ' || n else 'دکتر بنچ ' || (n - ${P}) end,
        (case when n < ${P} then 'patient' else 'doctor' end)::user_role, now() - interval '400 days'
      from bench_fill_users;
    create unlogged table bench_fill_doctors as
      select n, gen_random_uuid() as id, 2000000 + (n % 7) * 500000 as fee from generate_series(0, ${D - 1}) n;
    insert into doctors (id, user_id, clinic_id, specialty_id, name, title, bio, search_text, visit_fee_rial, chat_fee_rial, takes_chat, chat_answer_hours, created_at)
      select d.id, u.id, c.id, s.id, 'دکتر بنچ ' || d.n, 'متخصص', 'پزشک آزمایشی بنچمارک', 'دکتر بنچ ' || d.n || ' تخصص بنچ ' || (d.n % ${SPECIALTIES}),
        d.fee, ${CHAT_FEE_RIAL}, true, 24, now() - interval '400 days'
      from bench_fill_doctors d
      join bench_fill_users u on u.n = ${P} + d.n
      join bench_fill_clinics c on c.n = d.n % ${C}
      join bench_fill_specialties s on s.n = d.n % ${SPECIALTIES};
  `,
  );

  // Slot k of a doctor: day k / 16 from 200 days ago, 09:00 Tehran (05:30 UTC) + 30 minutes × (k % 16).
  // Reserved: k % 10 in (0, 3, 6), 30% of slots; of those k % 100 = 0 paid from the wallet, k % 70 = 3
  // cancelled (refunded to the wallet), k % 50 in (6, 16) paid on a retry after a failed attempt.
  await run(
    "time slots",
    `
    create unlogged table bench_fill_slots as
      select d.id as doctor_id, d.fee, d.n as dn, k, gen_random_uuid() as id,
        date_trunc('day', now() - interval '200 days') + (k / ${DAY_SLOTS}) * interval '1 day'
          + interval '5 hours 30 minutes' + (k % ${DAY_SLOTS}) * interval '30 minutes' as starts_at
      from bench_fill_doctors d cross join generate_series(0, ${SLOTS_PER_DOCTOR - 1}) k;
    insert into time_slots (id, doctor_id, starts_at, ends_at, status)
      select id, doctor_id, starts_at, starts_at + interval '30 minutes',
        (case when k % 10 = 5 and k % 9 = 0 then 'closed' else 'open' end)::slot_status
      from bench_fill_slots;
  `,
  );

  await run(
    "reservations and their payment attempts",
    `
    create unlogged table bench_fill_res as
      select s.*, s.id as slot_id, row_number() over (order by s.dn, s.k) - 1 as r,
        gen_random_uuid() as attempt_id, gen_random_uuid() as res_id,
        case when s.k % 50 in (6, 16) then gen_random_uuid() end as failed_id,
        s.k % 100 = 0 as wallet, s.k % 70 = 3 as cancelled,
        case when s.starts_at - ((s.k * 37) % 60 + 1) * interval '1 day' < now()
          then s.starts_at - ((s.k * 37) % 60 + 1) * interval '1 day'
          else now() - ((s.k * 13) % 30) * interval '1 day' - (s.k % 1440 + 1) * interval '1 minute' end as created_at,
        null::uuid as patient_id
      from bench_fill_slots s where s.k % 10 in (0, 3, 6);
    create unique index on bench_fill_res (r);
    -- A wallet purchase's patient is the w-th patient (distinct, each with a top-up to pay from); others spread.
    update bench_fill_res f set patient_id = u.id
      from (select r, case when wallet then row_number() over (partition by wallet order by r) - 1 else (r * 7919) % ${P} end as pn
            from bench_fill_res) p
      join bench_fill_users u on u.n = p.pn
      where p.r = f.r;
    insert into payment_attempts (id, user_id, purpose, target, amount_rial, gateway, authority, status, last_error_code, intent_id, intent_bytes, created_at, updated_at)
      select failed_id, patient_id, 'reservation', jsonb_build_object('kind', 'reservation', 'slotId', id), fee, 'sandbox',
        'F' || ${hex("failed_id")}, 'failed', -51, 'fill-' || r, 900, created_at - interval '5 minutes', created_at - interval '4 minutes'
      from bench_fill_res where failed_id is not null;
    insert into payment_attempts (id, user_id, purpose, target, amount_rial, gateway, authority, status, outcome, ref_id, card_pan, retry_of,
                                  intent_id, intent_bytes, verify_ms, created_at, updated_at, settled_at)
      select attempt_id, patient_id, 'reservation', jsonb_build_object('kind', 'reservation', 'slotId', id), fee,
        (case when wallet then 'wallet' else 'sandbox' end)::payment_gateway,
        case when wallet then null else 'P' || ${hex("attempt_id")} end, 'paid', 'fulfilled',
        case when wallet then null else (100000000 + r)::text end, case when wallet then null else '502229******5995' end, failed_id,
        'fill-' || r, 900, case when wallet then null else 200 + r % 700 end, created_at, created_at + interval '2 minutes', created_at + interval '2 minutes'
      from bench_fill_res;
    insert into reservations (id, slot_id, doctor_id, patient_id, payment_attempt_id, amount_rial, status, cancelled_at, cancelled_by, cancel_reason, created_at)
      select res_id, id, doctor_id, patient_id, attempt_id, fee,
        (case when cancelled then 'cancelled' when starts_at > now() then 'confirmed' when k % 13 = 0 then 'no_show' else 'attended' end)::reservation_status,
        case when cancelled then created_at + interval '1 hour' end, case when cancelled then patient_id end,
        case when cancelled then 'لغو توسط بیمار' end, created_at + interval '2 minutes'
      from bench_fill_res;
  `,
  );

  await run(
    "top-ups, auto-refunded, abandoned and pending attempts",
    `
    create unlogged table bench_fill_topups as
      select i, gen_random_uuid() as attempt_id, u.id as user_id,
        now() - (i % 365) * interval '1 day' - ((i * 7) % 1440) * interval '1 minute' - interval '1 hour' as created_at
      from generate_series(0, ${plan.topups - 1}) i join bench_fill_users u on u.n = i % ${P};
    create unique index on bench_fill_topups (i);
    insert into payment_attempts (id, user_id, purpose, target, amount_rial, gateway, authority, status, outcome, ref_id, card_pan,
                                  intent_id, intent_bytes, verify_ms, created_at, updated_at, settled_at)
      select attempt_id, user_id, 'topup', jsonb_build_object('kind', 'topup', 'amountRial', ${TOPUP_RIAL}), ${TOPUP_RIAL}, 'sandbox',
        'T' || ${hex("attempt_id")}, 'paid', 'fulfilled', (300000000 + i)::text, '502229******5995', 'fill-topup-' || i, 400, 200 + i % 700,
        created_at, created_at + interval '2 minutes', created_at + interval '2 minutes'
      from bench_fill_topups;
    -- Lost the race for a reserved slot: paid, and the money went back to the wallet.
    create unlogged table bench_fill_refunded as
      select i, gen_random_uuid() as attempt_id, u.id as user_id, f.id as slot_id, f.fee, f.created_at + interval '1 second' as created_at
      from generate_series(0, ${plan.autoRefunds - 1}) i
      join bench_fill_res f on f.r = (i * 3) % (select count(*) from bench_fill_res)
      join bench_fill_users u on u.n = (i::bigint * 104729) % ${P};
    create unique index on bench_fill_refunded (i);
    insert into payment_attempts (id, user_id, purpose, target, amount_rial, gateway, authority, status, outcome, ref_id, card_pan,
                                  intent_id, intent_bytes, verify_ms, created_at, updated_at, settled_at)
      select attempt_id, user_id, 'reservation', jsonb_build_object('kind', 'reservation', 'slotId', slot_id), fee, 'sandbox',
        'R' || ${hex("attempt_id")}, 'paid', 'auto_refunded', (600000000 + i)::text, '502229******5995', 'fill-lost-' || i, 900, 200 + i % 700,
        created_at, created_at + interval '2 minutes', created_at + interval '2 minutes'
      from bench_fill_refunded;
    -- Never came back (over the year) or still at the gateway (the last hour), for slots nobody reserved.
    insert into payment_attempts (user_id, purpose, target, amount_rial, gateway, authority, status, intent_id, intent_bytes, created_at, updated_at)
      select u.id, 'reservation', jsonb_build_object('kind', 'reservation', 'slotId', s.id), s.fee, 'sandbox', 'A' || ${hex("gen_random_uuid()")},
        (case when i < ${plan.abandoned} then 'abandoned' else 'pending' end)::payment_status, 'fill-open-' || i, 900,
        case when i < ${plan.abandoned} then now() - (i % 365) * interval '1 day' - interval '2 days' else now() - (i % 60) * interval '1 minute' end,
        now() - (i % 60) * interval '1 minute'
      from generate_series(0, ${plan.abandoned + plan.pending - 1}) i
      join bench_fill_slots s on s.dn = i % ${D} and s.k = 9 + 10 * ((i / ${D}) % ${SLOTS_PER_DOCTOR / 10})
      join bench_fill_users u on u.n = (i * 31) % ${P};
  `,
  );

  // Chats: one in 300 still waiting (asked in the last day), the rest answered and closed.
  await run(
    "chat requests and messages",
    `
    create unlogged table bench_fill_chats as
      select i, gen_random_uuid() as id, gen_random_uuid() as attempt_id, d.id as doctor_id, du.id as doctor_user_id, pu.id as patient_id,
        now() - (i % 300) * interval '1 day' - (i % 1000) * interval '1 minute' - interval '5 minutes' as created_at
      from generate_series(0, ${plan.chats - 1}) i
      join bench_fill_doctors d on d.n = i % ${D}
      join bench_fill_users du on du.n = ${P} + d.n
      join bench_fill_users pu on pu.n = (i * 31) % ${P};
    insert into payment_attempts (id, user_id, purpose, target, amount_rial, gateway, authority, status, outcome, ref_id, card_pan,
                                  intent_id, intent_bytes, verify_ms, created_at, updated_at, settled_at)
      select attempt_id, patient_id, 'chat', jsonb_build_object('kind', 'chat', 'doctorId', doctor_id, 'question', 'سؤال بنچ ' || i),
        ${CHAT_FEE_RIAL}, 'sandbox', 'C' || ${hex("attempt_id")}, 'paid', 'fulfilled', (900000000 + i)::text, '502229******5995',
        'fill-chat-' || i, 1000, 200 + i % 700, created_at - interval '3 minutes', created_at, created_at
      from bench_fill_chats;
    insert into chat_requests (id, patient_id, doctor_id, payment_attempt_id, question, amount_rial, status, answer_deadline,
                               patient_read_at, doctor_read_at, created_at, closed_at)
      select id, patient_id, doctor_id, attempt_id, 'سؤال بنچ ' || i, ${CHAT_FEE_RIAL},
        (case when i % 300 = 0 then 'waiting' else 'closed' end)::chat_request_status, created_at + interval '24 hours',
        case when i % 300 <> 0 then created_at + interval '1 day' end, case when i % 300 <> 0 then created_at + interval '1 day' end,
        created_at, case when i % 300 <> 0 then created_at + interval '1 day' end
      from bench_fill_chats;
    insert into chat_messages (chat_request_id, sender_id, body, created_at)
      select c.id, case when m % 2 = 0 then c.patient_id else c.doctor_user_id end, 'پیام بنچ ' || m,
        least(now(), c.created_at + (m + 1) * interval '10 minutes')
      from bench_fill_chats c cross join generate_series(0, ${MESSAGES_PER_CHAT - 1}) m;
  `,
  );

  const ledger = async (what: string, rows: number, select: (from: number, to: number) => string) => {
    const started = performance.now();
    for (let from = 0; from < rows; from += LEDGER_CHUNK) {
      await db.execute(
        sql.raw(
          `insert into wallet_ledger (user_id, amount_rial, reason, reference, note, created_at) ${select(from, Math.min(rows, from + LEDGER_CHUNK))}`,
        ),
      );
    }
    log(`${what} (${Math.round(performance.now() - started)} ms)`);
  };
  // Credits before debits, so no balance goes below zero on the way.
  await ledger(
    "top-up credits",
    plan.topups,
    (a, b) =>
      `select user_id, ${TOPUP_RIAL}, 'topup', attempt_id::text, null, created_at + interval '2 minutes' from bench_fill_topups where i >= ${a} and i < ${b}`,
  );
  await ledger(
    "auto refunds",
    plan.autoRefunds,
    (a, b) =>
      `select user_id, fee, 'auto_refund', attempt_id::text, null, created_at + interval '2 minutes' from bench_fill_refunded where i >= ${a} and i < ${b}`,
  );
  const [{ n: reserved } = { n: 0 }] = (await db.execute(sql.raw("select count(*)::int as n from bench_fill_res"))) as unknown as {
    n: number;
  }[];
  await ledger(
    "cancellation refunds",
    reserved,
    (a, b) =>
      `select patient_id, fee, 'cancellation_refund', res_id::text, 'لغو توسط بیمار', created_at + interval '1 hour'
     from bench_fill_res where cancelled and r >= ${a} and r < ${b}`,
  );
  await ledger(
    "wallet payments",
    reserved,
    (a, b) =>
      `select patient_id, -fee, 'reservation_payment', attempt_id::text, null, created_at + interval '2 minutes'
     from bench_fill_res where wallet and r >= ${a} and r < ${b}`,
  );

  await dropStaging(db);
  // Vacuumed too, as autovacuum would have: index-only scans need the visibility map.
  await run("vacuum analyze", "vacuum analyze");
  return countRows(db);
}

async function dropStaging(db: Db) {
  for (const table of ["clinics", "specialties", "users", "doctors", "slots", "res", "topups", "refunded", "chats"]) {
    await db.execute(sql.raw(`drop table if exists bench_fill_${table}`));
  }
}

export async function countRows(db: Db): Promise<LargeDataCounts> {
  const [row] = (await db.execute(
    sql.raw(`select
      (select count(*)::int from clinics) as "clinics",
      (select count(*)::int from doctors) as "doctors",
      (select count(*)::int from users where role = 'patient') as "patients",
      (select count(*)::int from time_slots) as "slots",
      (select count(*)::int from reservations) as "reservations",
      (select count(*)::int from payment_attempts) as "paymentAttempts",
      (select count(*)::int from wallet_ledger) as "ledgerEntries",
      (select count(*)::int from chat_requests) as "chatRequests",
      (select count(*)::int from chat_messages) as "chatMessages"`),
  )) as unknown as LargeDataCounts[];
  return row!;
}
