import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { Db } from "@/db/client";
import { paymentAttempts, sandboxPayments } from "@/db/schema";
import { TEST_MERCHANT_ID } from "@/testing/engine-harness";
import { mapLimit } from "./gateway-flow";

/** The database limit: the statements a fulfilment runs, sent straight through postgres.js — no HTTP, no
 * Next.js, no Drizzle — over a pool as large as the server's, at the same concurrency. */

export type FloorItem = { attemptId: string; authority: string; userId: string; slotId: string; doctorId: string; amountRial: number };

export type FloorRun = { operations: number; seconds: number; perSecond: number; p50Ms: number; p99Ms: number };

const authority = () => `S${randomBytes(24).toString("hex").slice(0, 35)}`;

/** Attempts as a payer leaves them at the gateway's return: pending here, paid at the sandbox. */
export async function prepareFloorItems(
  db: Db,
  input: { userIds: string[]; slotIds: string[]; doctorId: string; amountRial: number },
): Promise<FloorItem[]> {
  const items: FloorItem[] = input.slotIds.map((slotId, i) => ({
    attemptId: "",
    authority: authority(),
    userId: input.userIds[i]!,
    slotId,
    doctorId: input.doctorId,
    amountRial: input.amountRial,
  }));
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500);
    await db.insert(sandboxPayments).values(
      chunk.map((item) => ({
        authority: item.authority,
        merchantId: TEST_MERCHANT_ID,
        amount: item.amountRial,
        currency: "IRR",
        description: "bench",
        callbackUrl: "http://127.0.0.1/api/payments/callback",
        status: "paid" as const,
        paidAt: new Date(),
        refId: 100_000_000 + i,
      })),
    );
    const rows = await db
      .insert(paymentAttempts)
      .values(
        chunk.map((item) => ({
          userId: item.userId,
          purpose: "reservation" as const,
          target: { kind: "reservation" as const, slotId: item.slotId },
          amountRial: item.amountRial,
          gateway: "sandbox" as const,
          authority: item.authority,
          intentId: randomBytes(12).toString("base64url"),
        })),
      )
      .returning({ id: paymentAttempts.id, authority: paymentAttempts.authority });
    const ids = new Map(rows.map((row) => [row.authority, row.id]));
    for (const item of chunk) item.attemptId = ids.get(item.authority)!;
  }
  return items;
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** The settle transaction of lib/payments/payment-engine.ts with the reservation product's fulfil. */
async function settleTransaction(sql: postgres.Sql, item: FloorItem) {
  await sql.begin(async (tx: Sql) => {
    const [attempt] = await tx`select * from payment_attempts where id = ${item.attemptId} for update`;
    if (!attempt || attempt.status === "paid") throw new Error(`floor attempt ${item.attemptId} is not waiting`);
    await tx`select * from time_slots where id = ${item.slotId} for update`;
    await tx`select id from reservations where slot_id = ${item.slotId} and status <> 'cancelled' limit 1`;
    await tx`insert into reservations (slot_id, doctor_id, patient_id, payment_attempt_id, amount_rial)
             values (${item.slotId}, ${item.doctorId}, ${item.userId}, ${item.attemptId}, ${item.amountRial})`;
    await tx`update payment_attempts set status = 'paid', outcome = 'fulfilled', ref_id = '1', card_pan = '502229******5995',
             verify_ms = 1, settled_at = now(), updated_at = now() where id = ${item.attemptId}`;
  });
}

/** Everything a fulfilment asks of the database: the callback's lookup and claim, the sandbox's side of
 * verify (fault setting, payment, conditional verified), then the settle transaction. */
async function wholeFulfilment(sql: postgres.Sql, item: FloorItem) {
  await sql`select * from payment_attempts where authority = ${item.authority}`;
  await sql`update payment_attempts set status = 'verifying', updated_at = now()
            where id = ${item.attemptId} and status in ('pending', 'failed', 'abandoned')`;
  await sql`select * from sandbox_settings where id = 1`;
  await sql`select * from sandbox_payments where authority = ${item.authority} and merchant_id = ${TEST_MERCHANT_ID}`;
  await sql`update sandbox_payments set status = 'verified' where authority = ${item.authority} and status = 'paid' returning *`;
  await settleTransaction(sql, item);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runFloor(
  url: string,
  items: FloorItem[],
  options: { concurrency: number; poolMax: number; scope: "transaction" | "fulfilment" },
): Promise<FloorRun> {
  const sql = postgres(url, { max: options.poolMax, onnotice: () => {} });
  try {
    await sql`select 1`;
    const work = options.scope === "transaction" ? settleTransaction : wholeFulfilment;
    const latencies: number[] = [];
    const started = performance.now();
    await mapLimit(items, options.concurrency, async (item) => {
      const t0 = performance.now();
      await work(sql, item);
      latencies.push(performance.now() - t0);
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      operations: items.length,
      seconds,
      perSecond: items.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
