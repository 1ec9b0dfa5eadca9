import { count, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { gatewayInconclusiveAnswers, paymentAttempts, walletLedger } from "@/db/schema";
import { smsBudgetUsage } from "@/lib/auth/sms-budget";
import { ghostRecords } from "@/lib/invariants/ghost-records";
import { JOB_STATES, jobCounts, notificationCounts } from "./job-stats";
import { moneyOutCounts } from "./money-out-stats";

/** The payment system as Prometheus text exposition (version 0.0.4), read live from the database. */

const PURPOSES = ["reservation", "chat", "topup", "reschedule"] as const;
const RESULTS = ["fulfilled", "auto_refunded", "failed", "abandoned", "pending", "verifying"] as const;
/** Seconds; ZarinPal answers verify in well under a second, the client gives up at PAYMENT_TIMEOUT_MS. */
const VERIFY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const INTENT_BYTES_BUCKETS = [256, 512, 1024, 2048, 3072, 4096];

type Sample = { labels?: Record<string, string | number>; value: number };
type Family = { name: string; help: string; type: "counter" | "gauge" | "histogram"; samples: (Sample & { suffix?: string })[] };

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

export function renderPrometheus(families: Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels ?? {});
      const labelText = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(String(v))}"`).join(",")}}` : "";
      lines.push(`${family.name}${sample.suffix ?? ""}${labelText} ${Number.isFinite(sample.value) ? sample.value : 0}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

async function histogram(
  db: Db,
  column: typeof paymentAttempts.verifyMs | typeof paymentAttempts.intentBytes,
  bounds: number[],
  scale: number,
) {
  const [row] = await db
    .select({
      buckets: sql<string>`json_build_array(${sql.join(
        bounds.map((le) => sql`count(*) filter (where ${column} <= ${sql.raw(String(le * scale))})`),
        sql`, `,
      )})::text`,
      sum: sql<string>`coalesce(sum(${column}), 0)::text`,
      n: count(),
    })
    .from(paymentAttempts)
    .where(isNotNull(column));
  const counts = JSON.parse(row?.buckets ?? "[]") as number[];
  return {
    buckets: bounds.map((le, i) => ({ le, count: counts[i] ?? 0 })),
    sum: Number(row?.sum ?? 0) / scale,
    count: row?.n ?? 0,
  };
}

function histogramSamples(h: Awaited<ReturnType<typeof histogram>>): Family["samples"] {
  return [
    ...h.buckets.map((b) => ({ suffix: "_bucket", labels: { le: b.le }, value: b.count })),
    { suffix: "_bucket", labels: { le: "+Inf" }, value: h.count },
    { suffix: "_sum", value: h.sum },
    { suffix: "_count", value: h.count },
  ];
}

export async function collectMetrics(db: Db): Promise<string> {
  const byResult = await db
    .select({
      purpose: paymentAttempts.purpose,
      result: sql<string>`coalesce(${paymentAttempts.outcome}::text, ${paymentAttempts.status}::text)`,
      n: count(),
    })
    .from(paymentAttempts)
    .groupBy(paymentAttempts.purpose, sql`2`);
  const retries = await db
    .select({ purpose: paymentAttempts.purpose, n: count() })
    .from(paymentAttempts)
    .where(isNotNull(paymentAttempts.retryOf))
    .groupBy(paymentAttempts.purpose);
  const [refunds] = await db
    .select({ n: count(), rial: sql<string>`coalesce(sum(${walletLedger.amountRial}), 0)::text` })
    .from(walletLedger)
    .where(eq(walletLedger.reason, "auto_refund"));
  const ghosts = await ghostRecords(db);
  const verify = await histogram(db, paymentAttempts.verifyMs, VERIFY_BUCKETS, 1000);
  const intentBytes = await histogram(db, paymentAttempts.intentBytes, INTENT_BYTES_BUCKETS, 1);
  const smsBudget = await smsBudgetUsage(db);
  const inconclusive = await db
    .select()
    .from(gatewayInconclusiveAnswers)
    .orderBy(gatewayInconclusiveAnswers.action, gatewayInconclusiveAnswers.code);
  const jobs = await jobCounts(db);
  const sent = await notificationCounts(db);
  const moneyOut = await moneyOutCounts(db);

  const countOf = (rows: { purpose: string; n: number; result?: string }[], purpose: string, result?: string) =>
    rows.find((r) => r.purpose === purpose && (result === undefined || r.result === result))?.n ?? 0;

  return renderPrometheus([
    {
      name: "drturn_payment_attempts",
      help: "Payment attempts by purpose and current result (fulfilled/auto_refunded once paid, else their status).",
      type: "gauge",
      samples: PURPOSES.flatMap((purpose) =>
        RESULTS.map((result) => ({ labels: { purpose, result }, value: countOf(byResult, purpose, result) })),
      ),
    },
    {
      name: "drturn_payment_retries_total",
      help: "Payment attempts that retried a failed or abandoned one.",
      type: "counter",
      samples: PURPOSES.map((purpose) => ({ labels: { purpose }, value: countOf(retries, purpose) })),
    },
    {
      name: "drturn_payment_auto_refunds_total",
      help: "Verified payments refunded to the wallet because what they paid for was gone.",
      type: "counter",
      samples: [{ value: refunds?.n ?? 0 }],
    },
    {
      name: "drturn_payment_auto_refunded_rial_total",
      help: "Rial refunded to wallets automatically.",
      type: "counter",
      samples: [{ value: Number(refunds?.rial ?? 0) }],
    },
    {
      name: "drturn_ghost_records",
      help: "Reservations and chat requests with no verified payment or wallet debit behind them. Must be 0.",
      type: "gauge",
      samples: [
        { labels: { kind: "reservation" }, value: ghosts.reservations },
        { labels: { kind: "chat_request" }, value: ghosts.chatRequests },
      ],
    },
    {
      name: "drturn_payment_gateway_inconclusive_answers_total",
      help: "Gateway answers that settled nothing (the attempt stays open and is asked again with back-off), by call and code: a gateway code such as -52 or -53, or timeout/network/server/malformed.",
      type: "counter",
      samples: inconclusive.map((row) => ({ labels: { action: row.action, code: row.code }, value: row.count })),
    },
    {
      name: "drturn_withdrawals",
      help: "Withdrawals to bank accounts by status: requested (held, waiting in the payout queue), paid, rejected (the hold returned).",
      type: "gauge",
      samples: moneyOut.withdrawals.map((w) => ({ labels: { status: w.status }, value: w.count })),
    },
    {
      name: "drturn_withdrawals_rial",
      help: "Rial of the withdrawals in each status.",
      type: "gauge",
      samples: moneyOut.withdrawals.map((w) => ({ labels: { status: w.status }, value: w.rial })),
    },
    {
      name: "drturn_card_reversals",
      help: "Auto-refunded payments sent back to the card (gateway reverse) by status: reversing (claimed, gateway asked), reversed, failed (the credit stayed in the wallet).",
      type: "gauge",
      samples: moneyOut.cardReversals.map((r) => ({ labels: { status: r.status }, value: r.count })),
    },
    {
      name: "drturn_jobs",
      help: "Jobs in the queue by state: queued, scheduled (later), running, retrying (after a failure, with back-off), failed (gave up).",
      type: "gauge",
      samples: JOB_STATES.map((state) => ({ labels: { state }, value: jobs[state] })),
    },
    {
      name: "drturn_notifications",
      help: "Notifications by SMS status: pending (not yet sent), sent, failed (the queue gave up), skipped (no longer relevant when its turn came: a reminder for a visit cancelled or past, an offer for a slot taken).",
      type: "gauge",
      samples: (["pending", "sent", "failed", "skipped"] as const).map((status) => ({ labels: { status }, value: sent[status] })),
    },
    {
      name: "drturn_payment_verify_duration_seconds",
      help: "How long the gateway took to answer verify.",
      type: "histogram",
      samples: histogramSamples(verify),
    },
    {
      name: "drturn_intent_cookie_bytes",
      help: "Size of the sealed intent cookie each payment started from.",
      type: "histogram",
      samples: histogramSamples(intentBytes),
    },
    {
      name: "drturn_sms_budget_sent_last_hour",
      help: "Sign-in codes sent by SMS in the last 60 minutes, platform-wide; compare with SMS_HOURLY_BUDGET.",
      type: "gauge",
      samples: [{ value: smsBudget.sentInWindow }],
    },
    {
      name: "drturn_sms_budget_refusals_total",
      help: "Sign-in codes refused because SMS_HOURLY_BUDGET was spent (an SMS-pumping attack, or a budget set too low).",
      type: "counter",
      samples: [{ value: smsBudget.refusedTotal }],
    },
  ]);
}
