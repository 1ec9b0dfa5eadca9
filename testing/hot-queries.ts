import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** The queries the product runs on every request of a busy page or on every run of a job, written as the
 * services send them (lib/… named on each), with real values from the database. Their plans are in
 * docs/query-plans.md; db/tests/hot-query-plans.test.ts proves each is answered from its index, and
 * `npm run bench:explain` prints them for a filled database. */

export type HotQuery = {
  name: string;
  /** Where the product runs it. */
  source: string;
  text: string;
  /** The table that must be reached through an index, and the indexes that may do it. */
  table: string;
  indexes: string[];
};

const q = (value: string) => `'${value.replaceAll("'", "''")}'`;

type Samples = {
  authority: string;
  attempt_id: string;
  intent_id: string;
  user_id: string;
  doctor_id: string;
  patient_id: string;
  chat_doctor_id: string;
  chat_patient_id: string;
};

async function samples(db: Db): Promise<Samples> {
  const [row] = (await db.execute(
    sql.raw(`select
      (select authority from payment_attempts where authority is not null order by created_at desc limit 1) as authority,
      a.id as attempt_id, a.intent_id, a.user_id,
      (select doctor_id from time_slots order by starts_at desc limit 1) as doctor_id,
      (select patient_id from reservations order by created_at desc limit 1) as patient_id,
      (select doctor_id from chat_requests order by created_at desc limit 1) as chat_doctor_id,
      (select patient_id from chat_requests order by created_at desc limit 1) as chat_patient_id
    from payment_attempts a where a.authority is not null order by a.created_at desc limit 1`),
  )) as unknown as (Samples | undefined)[];
  if (!row?.authority || !row.doctor_id || !row.patient_id || !row.chat_doctor_id || !row.chat_patient_id) {
    throw new Error("hot queries need attempts, slots, reservations and chat requests in the database");
  }
  return row;
}

export async function hotQueries(db: Db): Promise<HotQuery[]> {
  const s = await samples(db);
  const slotFree = `ts.status = 'open' and ts.starts_at > now()
      and not exists (select 1 from reservations r where r.slot_id = ts.id and r.status <> 'cancelled')`;
  return [
    {
      name: "callback by authority",
      source: "lib/payments/payment-engine.ts (callback)",
      text: `select * from payment_attempts where authority = ${q(s.authority)}`,
      table: "payment_attempts",
      indexes: ["payment_attempts_authority_unique"],
    },
    {
      name: "retry count by intent",
      source: "lib/payments/payment-engine.ts retryCount (every payment result page)",
      text: `select count(*) from payment_attempts where intent_id = ${q(s.intent_id)}`,
      table: "payment_attempts",
      indexes: ["payment_attempts_intent_idx"],
    },
    {
      name: "paid sibling by intent",
      source: "lib/payments/payment-engine.ts paidSibling (result page, retry)",
      text: `select id from payment_attempts where intent_id = ${q(s.intent_id)} and user_id = ${q(s.user_id)}
        and status = 'paid' and id <> ${q(s.attempt_id)} limit 1`,
      table: "payment_attempts",
      indexes: ["payment_attempts_intent_idx", "payment_attempts_user_idx"],
    },
    {
      name: "slot calendar",
      source: "lib/directory/doctor-slots.ts (doctor page, slot data)",
      text: `select ts.id, ts.starts_at, ts.ends_at from time_slots ts
        where ts.doctor_id = ${q(s.doctor_id)} and ${slotFree} and ts.starts_at < now() + interval '14 days'
        order by ts.starts_at`,
      table: "time_slots",
      // The doctor's own range; while the next 14 days hold few slots of all doctors together (a small
      // database, or slots written in time order) the planner rightly reads that day range instead.
      indexes: ["time_slots_doctor_start_unique", "time_slots_starts_idx"],
    },
    {
      name: "my appointments",
      source: "lib/booking/my-appointments.ts",
      text: `select r.id, r.status, ts.starts_at, d.name, c.name, r.amount_rial, l.amount_rial
        from reservations r
        join time_slots ts on ts.id = r.slot_id
        join doctors d on d.id = r.doctor_id
        join clinics c on c.id = d.clinic_id
        left join wallet_ledger l on l.reason = 'cancellation_refund' and l.reference = r.id::text
        where r.patient_id = ${q(s.patient_id)} order by ts.starts_at desc`,
      table: "reservations",
      indexes: ["reservations_patient_idx"],
    },
    {
      name: "staff payments list, first page",
      source: "lib/staff/payment-attempts.ts paymentAttemptsList",
      text: `select a.id, a.created_at, a.status, a.amount_rial, u.phone, d.name, ts.starts_at, r.id, c.id, l.amount_rial,
          (select count(*)::int from payment_attempts earlier where earlier.intent_id = a.intent_id and earlier.created_at < a.created_at) as retry_number
        from payment_attempts a
        join users u on u.id = a.user_id
        left join time_slots ts on ts.id = (a.target->>'slotId')::uuid
        left join doctors d on d.id = coalesce(ts.doctor_id, (a.target->>'doctorId')::uuid)
        left join reservations r on r.payment_attempt_id = a.id
        left join chat_requests c on c.payment_attempt_id = a.id
        left join wallet_ledger l on l.reason = 'auto_refund' and l.reference = a.id::text
        order by a.created_at desc, a.id desc limit 30 offset 0`,
      table: "payment_attempts",
      indexes: ["payment_attempts_created_idx"],
    },
    {
      name: "staff payments list, by status",
      source: "lib/staff/payment-attempts.ts paymentAttemptsList (status filter)",
      text: `select a.id from payment_attempts a join users u on u.id = a.user_id
        where a.status = 'failed' order by a.created_at desc, a.id desc limit 30`,
      table: "payment_attempts",
      indexes: ["payment_attempts_status_idx", "payment_attempts_created_idx"],
    },
    {
      name: "monitoring, 7 days",
      source: "lib/ops/monitoring.ts paymentMonitoring",
      text: `select to_char(created_at at time zone 'Asia/Tehran', 'YYYY-MM-DD') as day, count(*),
          count(*) filter (where outcome = 'fulfilled'), count(*) filter (where status = 'failed'),
          count(*) filter (where retry_of is not null), max(intent_bytes), coalesce(sum(verify_ms), 0)
        from payment_attempts where created_at >= now() - interval '7 days'
        group by to_char(created_at at time zone 'Asia/Tehran', 'YYYY-MM-DD')`,
      table: "payment_attempts",
      indexes: ["payment_attempts_created_idx"],
    },
    {
      name: "monitoring, verifying now",
      source: "lib/ops/monitoring.ts paymentMonitoring",
      text: `select count(*) from payment_attempts where status = 'verifying'`,
      table: "payment_attempts",
      indexes: ["payment_attempts_status_idx"],
    },
    {
      name: "cleanup: stale pending attempts",
      source: "lib/payments/reconcile.ts (npm run cleanup)",
      text: `select id from payment_attempts
        where status in ('pending', 'verifying') and gateway <> 'wallet' and created_at < now() - interval '30 minutes'`,
      table: "payment_attempts",
      indexes: ["payment_attempts_status_idx"],
    },
    {
      name: "cleanup: chat requests past their deadline",
      source: "lib/ops/cleanup.ts",
      text: `select id from chat_requests where status = 'waiting' and answer_deadline <= now()`,
      table: "chat_requests",
      indexes: ["chat_requests_waiting_deadline_idx"],
    },
    {
      name: "doctor's chat inbox",
      source: "lib/chat/chat-lists.ts doctorInbox",
      text: `select cr.id, cr.status, d.name,
          coalesce((select max(m.created_at) from chat_messages m where m.chat_request_id = cr.id), cr.created_at) as last_activity
        from chat_requests cr join doctors d on d.id = cr.doctor_id join users u on u.id = cr.patient_id
        where cr.doctor_id = ${q(s.chat_doctor_id)} order by last_activity desc`,
      table: "chat_requests",
      indexes: ["chat_requests_doctor_idx"],
    },
    {
      name: "patient's chats",
      source: "lib/chat/chat-lists.ts myChats",
      text: `select cr.id,
          coalesce((select max(m.created_at) from chat_messages m where m.chat_request_id = cr.id), cr.created_at) as last_activity
        from chat_requests cr where cr.patient_id = ${q(s.chat_patient_id)} order by last_activity desc`,
      table: "chat_requests",
      indexes: ["chat_requests_patient_idx"],
    },
    {
      name: "my payments",
      source: "lib/payments/my-payments.ts",
      text: `select id from payment_attempts where user_id = ${q(s.user_id)} order by created_at desc limit 50`,
      table: "payment_attempts",
      indexes: ["payment_attempts_user_idx"],
    },
  ];
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] } & Record<string, unknown>;

/** Every node of a plan, depth first. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** `EXPLAIN (FORMAT JSON)` of a query, optionally with ANALYZE. */
export async function explainJson(db: Db, text: string, analyze = false): Promise<{ Plan: PlanNode; "Execution Time"?: number }> {
  const rows = (await db.execute(sql.raw(`explain (format json${analyze ? ", analyze, buffers" : ""}) ${text}`))) as unknown as
    { "QUERY PLAN": unknown }[] | { rows: { "QUERY PLAN": unknown }[] };
  const [row] = Array.isArray(rows) ? rows : rows.rows;
  const plan = row!["QUERY PLAN"];
  return (typeof plan === "string" ? JSON.parse(plan) : plan)[0];
}

/** The indexes a plan uses (a bitmap index scan names no table, so all of them: index names are unique and
 * carry their table's name), and whether it reads `table` sequentially. */
export function accessPaths(plan: PlanNode, table: string): { indexes: string[]; sequential: boolean } {
  const nodes = planNodes(plan);
  return {
    indexes: nodes.map((node) => node["Index Name"]).filter((name): name is string => Boolean(name)),
    sequential: nodes.some((node) => node["Node Type"] === "Seq Scan" && node["Relation Name"] === table),
  };
}

/** One line per plan node — type, relation or index, rows estimated and actual, time — for the docs. */
export function planSummary(node: PlanNode, depth = 0): string[] {
  const target = node["Index Name"] ? ` using ${node["Index Name"]}` : node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
  const actual =
    node["Actual Rows"] === undefined
      ? ""
      : ` actual rows=${node["Actual Rows"]} loops=${node["Actual Loops"]} time=${node["Actual Total Time"]} ms`;
  const line = `${"  ".repeat(depth)}${node["Node Type"]}${target} (est. rows=${node["Plan Rows"]}${actual})`;
  return [line, ...(node.Plans ?? []).flatMap((child) => planSummary(child, depth + 1))];
}
