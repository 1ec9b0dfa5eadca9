import { and, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { paymentAttempts } from "@/db/schema";
import { checkDue, recordInconclusive, UNKNOWN_AUTHORITY } from "./gateway-answers";
import { verifyAndSettle, type PaymentEngine } from "./payment-engine";
import type { PaymentAttempt } from "./product";
import { productFor } from "./product";
import { log } from "@/lib/shared/log";

export type ReconcileSummary = {
  checked: number;
  fulfilled: number;
  refunded: number;
  abandoned: number;
  failed: number;
  stillVerifying: number;
  /** Changed by someone else (another run, a late callback) between this run reading and handling them. */
  skipped: number;
  errors: number;
};

export type ReconcileOptions = {
  olderThan: Date;
  /** Ask the gateway read-only questions (unVerified, inquiry) and count what would happen; write nothing
   * and never call verify, which would change the gateway's state. */
  dryRun?: boolean;
};

/** The row version (xmin): any write to the attempt, by anyone, changes it. */
type Candidate = PaymentAttempt & { version: string };
const candidateColumns = { attempt: paymentAttempts, version: sql<string>`${paymentAttempts}.xmin::text` };

/** Settles what the browser never came back for. Authorities the gateway lists as paid-but-unverified are
 * settled whatever their age or our status; then every attempt still pending or verifying from before
 * `olderThan` is asked about (inquiry): paid ones are verified and settled through the same path as a
 * callback — fulfilled, or refunded to the wallet when the slot is gone — and unpaid ones are marked abandoned.
 *
 * Overlapping runs and late callbacks are safe: the engine settles each attempt once (row lock, conditional
 * transitions), and this job first claims each attempt with a conditional write on the row version it read,
 * so two runs never both handle, or both count, the same attempt. */
export async function reconcilePayments(engine: PaymentEngine, options: ReconcileOptions): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = {
    checked: 0,
    fulfilled: 0,
    refunded: 0,
    abandoned: 0,
    failed: 0,
    stillVerifying: 0,
    skipped: 0,
    errors: 0,
  };
  const now = () => engine.now?.() ?? new Date();
  const seen = new Set<string>();

  /** Touches the row only if nobody has since the read; a loser leaves the attempt to whoever changed it.
   * With `asking`, it is also the claim to ask the gateway now (claimGatewayCheck's rule: not asked by
   * anyone within the back-off interval). Answers the row's new version, for a later claim by this run. */
  async function claim(
    candidate: Candidate,
    changes: Partial<typeof paymentAttempts.$inferInsert> = {},
    asking = false,
  ): Promise<string | null> {
    const at = now();
    const [claimed] = await engine.db
      .update(paymentAttempts)
      // Asking is not a change of the attempt: it stamps only when it was asked about, for the back-off.
      .set(asking ? { lastCheckedAt: at, ...changes } : { updatedAt: at, ...changes })
      .where(
        and(
          eq(paymentAttempts.id, candidate.id),
          sql`${paymentAttempts}.xmin = ${candidate.version}::xid`,
          ne(paymentAttempts.status, "paid"),
          asking ? checkDue(at) : undefined,
        ),
      )
      .returning({ version: sql<string>`${paymentAttempts}.xmin::text` });
    return claimed?.version ?? null;
  }

  /** `claimed`: this run already holds the attempt (it asked inquiry about it just now). */
  async function settle(candidate: Candidate, claimed = false) {
    if (options.dryRun) {
      summary.checked++;
      const priced = await productFor(engine.products, candidate.target).price(engine.db, candidate.target, now());
      if (priced.ok) summary.fulfilled++;
      else summary.refunded++;
      return;
    }
    if (!claimed && !(await claim(candidate, {}, true))) {
      summary.skipped++;
      return;
    }
    summary.checked++;
    const status = await verifyAndSettle(engine, candidate);
    if (status === "paid") {
      const [after] = await engine.db
        .select({ outcome: paymentAttempts.outcome })
        .from(paymentAttempts)
        .where(eq(paymentAttempts.id, candidate.id));
      if (after?.outcome === "auto_refunded") summary.refunded++;
      else summary.fulfilled++;
    } else if (status === "failed") summary.failed++;
    else summary.stillVerifying++;
  }

  async function abandon(candidate: Candidate) {
    if (options.dryRun) {
      summary.checked++;
      summary.abandoned++;
      return;
    }
    if (!(await claim(candidate, { status: "abandoned" }))) {
      summary.skipped++;
      return;
    }
    summary.checked++;
    summary.abandoned++;
  }

  /** One attempt's trouble (a gateway hiccup, a bug) is counted and logged, and the others still get done. */
  async function guarded(candidate: Candidate, work: (c: Candidate) => Promise<void>) {
    seen.add(candidate.id);
    try {
      await work(candidate);
    } catch (error) {
      summary.errors++;
      log.error(`[reconcile] attempt ${candidate.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  const unverified = await engine.gateway.unverified();
  if (!unverified.ok) {
    summary.errors++;
    log.warn(`[reconcile] unVerified failed: ${unverified.error.code} ${unverified.error.message}`);
  } else if (unverified.value.authorities.length > 0) {
    const rows = await engine.db
      .select(candidateColumns)
      .from(paymentAttempts)
      .where(
        and(
          inArray(
            paymentAttempts.authority,
            unverified.value.authorities.map((a) => a.authority),
          ),
          ne(paymentAttempts.status, "paid"),
        ),
      );
    for (const row of rows) await guarded({ ...row.attempt, version: row.version }, settle);
  }

  const stale = await engine.db
    .select(candidateColumns)
    .from(paymentAttempts)
    .where(
      and(
        inArray(paymentAttempts.status, ["pending", "verifying"]),
        ne(paymentAttempts.gateway, "wallet"),
        lt(paymentAttempts.createdAt, options.olderThan),
      ),
    );
  for (const row of stale) {
    const candidate = { ...row.attempt, version: row.version };
    if (seen.has(candidate.id) || !candidate.authority) continue;
    const authority = candidate.authority;
    await guarded(candidate, async (c) => {
      // Claimed before asking, so the page, "my payments" and other runs do not ask about it at the same time.
      if (!options.dryRun) {
        const version = await claim(c, {}, true);
        if (!version) {
          summary.skipped++;
          return;
        }
        c = { ...c, version };
      }
      const inquiry = await engine.gateway.inquiry({ authority });
      if (!inquiry.ok) {
        if (inquiry.error.code === "rejected" && inquiry.error.gatewayCode === UNKNOWN_AUTHORITY) return abandon(c);
        summary.errors++;
        if (!options.dryRun) await recordInconclusive(engine.db, "inquiry", inquiry.error, c.id);
        log.warn(`[reconcile] inquiry failed for ${c.id}: ${inquiry.error.code} ${inquiry.error.message}`);
        return;
      }
      if (inquiry.value.state === "PAID" || inquiry.value.state === "VERIFIED") return settle(c, true);
      return abandon(c);
    });
  }
  return summary;
}
