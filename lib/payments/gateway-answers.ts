import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { gatewayInconclusiveAnswers, paymentAttempts } from "@/db/schema";
import type { GatewayError } from "./gateway";
import { log } from "@/lib/shared/log";

/** How the engine reads the gateway's refusals. Only an answer that proves the money did not move may close
 * an attempt as failed: verify -51 (not paid), -50 (amount mismatch) and -54 (authority unknown). Everything
 * else — -53 (another merchant's authority: our configuration is wrong), -12 (too many attempts), -52
 * (unexpected), unknown codes, 5xx, HTML, time-outs, malformed bodies — says nothing about the money, so the
 * attempt stays open and is asked again later, with back-off. */
const PROVES_NOT_PAID = new Set([-51, -50, -54]);
/** ZarinPal's "invalid authority": the gateway has no payment under it, so none was ever made. */
export const UNKNOWN_AUTHORITY = -54;
const OTHER_MERCHANT = -53;

/** The gateway code that proves the money did not move, or null when the answer proves nothing. */
export function notPaidCode(error: GatewayError): number | null {
  return error.code === "rejected" && PROVES_NOT_PAID.has(error.gatewayCode) ? error.gatewayCode : null;
}

/** The metric label of an answer that settled nothing: the gateway's code, or what went wrong on the way. */
export function inconclusiveLabel(error: GatewayError): string {
  return error.code === "rejected" ? String(error.gatewayCode) : error.reason;
}

/** Counts the answer for /api/metrics (one row per call and code, shared by every instance) and logs it; a
 * -53 means the merchant id does not own our own authorities, which no retry will mend: logged as an error. */
export async function recordInconclusive(db: Db, action: "verify" | "inquiry", error: GatewayError, attemptId: string): Promise<void> {
  const code = inconclusiveLabel(error);
  await db
    .insert(gatewayInconclusiveAnswers)
    .values({ action, code, count: 1 })
    .onConflictDoUpdate({
      target: [gatewayInconclusiveAnswers.action, gatewayInconclusiveAnswers.code],
      set: { count: sql`${gatewayInconclusiveAnswers.count} + 1` },
    });
  const line = `[payments] ${action} for attempt ${attemptId} settled nothing (${code}): ${error.message}`;
  if (error.code === "rejected" && error.gatewayCode === OTHER_MERCHANT) {
    log.error(`${line} — CONFIGURATION ERROR: the gateway says this authority belongs to another merchant; check PAYMENT_MERCHANT_ID`);
  } else log.warn(line);
}

/** At most one gateway question per attempt per this long, whoever asks; doubled for each further answer in a
 * row that settled nothing (5, 5, 10, 20 … seconds), up to BACKOFF_MAX_SECONDS. One failed verify is common
 * and the patient may be watching; a gateway that keeps failing is asked less and less. */
export const CHECK_INTERVAL_SECONDS = 5;
const BACKOFF_MAX_SECONDS = 300;

/** True when the attempt may be asked about at `at`: never asked, or asked long enough ago. */
export function checkDue(at: Date): SQL {
  const doublings = sql`least(greatest(${paymentAttempts.inconclusiveChecks} - 1, 0), 10)`;
  const interval = sql`make_interval(secs => least(${CHECK_INTERVAL_SECONDS} * power(2, ${doublings}), ${BACKOFF_MAX_SECONDS}))`;
  return sql`(${paymentAttempts.lastCheckedAt} is null or ${paymentAttempts.lastCheckedAt} <= ${at.toISOString()}::timestamptz - ${interval})`;
}

/** Claims the right to ask the gateway about an open attempt now. One conditional UPDATE: of any number of
 * concurrent callers on any number of instances, one gets the row and the others get nothing until the
 * interval has passed. `extra` narrows which attempts may be claimed (the owner, a minimum age). */
export async function claimGatewayCheck(db: Db, attemptId: string, at: Date, extra?: SQL) {
  const [claimed] = await db
    .update(paymentAttempts)
    .set({ lastCheckedAt: at })
    .where(
      and(
        eq(paymentAttempts.id, attemptId),
        inArray(paymentAttempts.status, ["pending", "verifying"]),
        ne(paymentAttempts.gateway, "wallet"),
        checkDue(at),
        extra,
      ),
    )
    .returning();
  return claimed ?? null;
}
