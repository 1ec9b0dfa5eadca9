import { randomUUID } from "node:crypto";
import { eq, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import {
  chatRequests,
  clinics,
  doctors,
  paymentAttempts,
  reservations,
  sandboxPayments,
  specialties,
  timeSlots,
  users,
  walletLedger,
  wallets,
  type PaymentTarget,
} from "@/db/schema";
import { newIntent, type Intent } from "@/lib/intent/intent";
import type { PaymentGateway } from "../gateway";
import { startGatewayPayment, type PaymentEngine } from "../payment-engine";
import { paymentProducts } from "../products";
import type { SandboxFault } from "../sandbox/sandbox-gateway";
import { zarinpalClient } from "../zarinpal-client";

export const TEST_MERCHANT_ID = "00000000-0000-0000-0000-000000000000";
export const TEST_CALLBACK_URL = "http://127.0.0.1:9/api/payments/callback";
export const TEST_TOPUP_LIMITS = { minRial: 10_000, maxRial: 500_000_000 } as const;
/** Client timeout of the test engine: small, so the verify-timeout fault costs little, yet roomy enough that a
 * busy CI machine does not time out an ordinary call. The sandbox must
 * hold a faulted verify longer than this. */
export const TEST_GATEWAY_TIMEOUT_MS = 3_000;
export const TEST_VERIFY_HOLD_MS = TEST_GATEWAY_TIMEOUT_MS + 1_500;

// ---------------------------------------------------------------------------------------------------------
// Engine

/** Every call the engine made to the gateway and what came back, to assert e.g. "verify never called" or
 * "exactly one verify answered 100". */
export type GatewayCall = {
  [K in keyof Omit<PaymentGateway, "name">]: {
    method: K;
    input: Parameters<PaymentGateway[K]>[0];
    result: Awaited<ReturnType<PaymentGateway[K]>>;
  };
}[keyof Omit<PaymentGateway, "name">];

export function recordingGateway(inner: PaymentGateway): { gateway: PaymentGateway; calls: GatewayCall[] } {
  const calls: GatewayCall[] = [];
  const gateway: PaymentGateway = {
    name: inner.name,
    async request(input) {
      const result = await inner.request(input);
      calls.push({ method: "request", input, result });
      return result;
    },
    async verify(input) {
      const result = await inner.verify(input);
      calls.push({ method: "verify", input, result });
      return result;
    },
    async inquiry(input) {
      const result = await inner.inquiry(input);
      calls.push({ method: "inquiry", input, result });
      return result;
    },
    async unverified() {
      const result = await inner.unverified();
      calls.push({ method: "unverified", input: undefined, result });
      return result;
    },
    async reverse(input) {
      const result = await inner.reverse(input);
      calls.push({ method: "reverse", input, result });
      return result;
    },
  };
  return { gateway, calls };
}

export type TestEngine = { engine: PaymentEngine; calls: GatewayCall[] };

/** The payment engine with the REAL zarinpal client, pointed at a sandbox server (or at nothing). */
export function buildEngine(db: Db, apiBase: string, options: { timeoutMs?: number; now?: () => Date } = {}): TestEngine {
  const { gateway, calls } = recordingGateway(
    zarinpalClient({ name: "sandbox", apiBase, merchantId: TEST_MERCHANT_ID, timeoutMs: options.timeoutMs ?? TEST_GATEWAY_TIMEOUT_MS }),
  );
  return {
    engine: { db, gateway, products: paymentProducts(TEST_TOPUP_LIMITS), callbackUrl: TEST_CALLBACK_URL, now: options.now },
    calls,
  };
}

/** The verify answers the engine received, as codes (100/101) or gateway error codes / "unavailable". */
export function verifyOutcomes(calls: GatewayCall[]): (number | "unavailable")[] {
  return calls.flatMap((call) => {
    if (call.method !== "verify") return [];
    if (call.result.ok) return [call.result.value.code];
    return [call.result.error.code === "rejected" ? call.result.error.gatewayCode : "unavailable"];
  });
}

// ---------------------------------------------------------------------------------------------------------
// The payer and the sandbox's control panel, over HTTP

export type GatewayReturn = { authority: string; status: "OK" | "NOK" };

/** The authority in a StartPay URL returned by startGatewayPayment. */
export function authorityOf(paymentUrl: string): string {
  const match = /\/pg\/StartPay\/([^/?#]+)$/.exec(paymentUrl);
  if (!match) throw new Error(`not a StartPay url: ${paymentUrl}`);
  return decodeURIComponent(match[1]!);
}

/** startGatewayPayment, which the test expects to succeed: the new attempt and where the payer is sent. */
export async function startPayment(engine: PaymentEngine, intent: Intent) {
  const started = await startGatewayPayment(engine, { intent });
  if (!started.ok) throw new Error(`start failed: ${JSON.stringify(started.error)}`);
  return { attemptId: started.value.attemptId, paymentUrl: started.value.paymentUrl, authority: authorityOf(started.value.paymentUrl) };
}

/** The payer's button on the sandbox's StartPay page, as the raw HTTP answer. */
export function submitAtSandbox(apiBase: string, authority: string, result: "paid" | "failed" | "cancelled"): Promise<Response> {
  return fetch(`${apiBase}/pg/StartPay/${encodeURIComponent(authority)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ result }).toString(),
    redirect: "manual",
  });
}

/** The payer's decision, and the gateway's redirect back to our callback (its query, parsed). Throws when the
 * sandbox does not redirect (e.g. under the drop-callback fault) or redirects elsewhere. */
export async function payAtSandbox(apiBase: string, authority: string, result: "paid" | "failed" | "cancelled"): Promise<GatewayReturn> {
  const response = await submitAtSandbox(apiBase, authority, result);
  await response.arrayBuffer();
  const location = response.headers.get("location");
  if (response.status !== 303 || !location) throw new Error(`sandbox answered ${response.status} without a redirect`);
  const url = new URL(location);
  if (`${url.origin}${url.pathname}` !== TEST_CALLBACK_URL) throw new Error(`redirected to ${location}, not the callback`);
  const status = url.searchParams.get("Status");
  const returned = url.searchParams.get("Authority");
  if ((status !== "OK" && status !== "NOK") || !returned) throw new Error(`bad callback query: ${location}`);
  return { authority: returned, status };
}

/** Starts a payment and makes the payer's choice at the sandbox with the redirect back to us lost (the
 * drop-callback fault, lifted again afterwards): the attempt stays pending while the gateway knows better. */
export async function chooseWithoutReturn(apiBase: string, engine: PaymentEngine, intent: Intent, choice: "paid" | "failed" = "paid") {
  const started = await startPayment(engine, intent);
  await setFault(apiBase, "drop-callback");
  await (await submitAtSandbox(apiBase, started.authority, choice)).arrayBuffer();
  await setFault(apiBase, "none");
  return started;
}

export async function setFault(apiBase: string, fault: SandboxFault): Promise<void> {
  const response = await fetch(`${apiBase}/control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault }),
  });
  const body = (await response.json()) as { fault?: string };
  if (!response.ok || body.fault !== fault) throw new Error(`sandbox refused fault ${fault}: ${response.status}`);
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures

let phoneCounter = 0;
/** Distinct valid mobile numbers (09xxxxxxxxx) across a test run. */
function nextPhone(): string {
  phoneCounter++;
  return `0912${String(process.pid % 1000).padStart(3, "0")}${String(phoneCounter).padStart(4, "0")}`;
}

export async function makePatient(db: Db, options: { balanceRial?: number; name?: string } = {}) {
  const [user] = await db.insert(users).values({ phone: nextPhone(), name: options.name ?? "بیمار آزمایشی", role: "patient" }).returning();
  if (options.balanceRial) await fundWallet(db, user!.id, options.balanceRial);
  return user!;
}

/** Credits a wallet through the ledger (the only way a balance moves). */
export async function fundWallet(db: Db, userId: string, amountRial: number) {
  await db.insert(walletLedger).values({ userId, amountRial, reason: "staff_adjustment", reference: `test:${randomUUID()}` });
}

export async function makeDoctor(
  db: Db,
  options: { visitFeeRial?: number; chatFeeRial?: number; takesChat?: boolean; chatAnswerHours?: number } = {},
) {
  const [clinic] = await db.insert(clinics).values({ name: "درمانگاه آزمایشی", city: "همدان", address: "همدان" }).returning();
  const [specialty] = await db.insert(specialties).values({ name: `تخصص ${randomUUID()}` }).returning();
  const [doctor] = await db
    .insert(doctors)
    .values({
      clinicId: clinic!.id,
      specialtyId: specialty!.id,
      name: "دکتر آزمایشی",
      title: "متخصص",
      visitFeeRial: options.visitFeeRial ?? 3_500_000,
      chatFeeRial: options.chatFeeRial ?? 1_500_000,
      takesChat: options.takesChat ?? true,
      chatAnswerHours: options.chatAnswerHours ?? 24,
    })
    .returning();
  return doctor!;
}

let slotCounter = 0;
/** A slot of the doctor, by default open and starting tomorrow (each call a distinct start time). */
export async function makeSlot(db: Db, doctorId: string, options: { startsAt?: Date; status?: "open" | "closed" } = {}) {
  slotCounter++;
  const startsAt = options.startsAt ?? new Date(Date.now() + 86_400_000 + slotCounter * 1_800_000);
  const [slot] = await db
    .insert(timeSlots)
    .values({ doctorId, startsAt, endsAt: new Date(startsAt.getTime() + 1_800_000), status: options.status ?? "open" })
    .returning();
  return slot!;
}

/** What the patient is about to buy, as the app seals it into the intent cookie. `amountRial` is what the
 * page showed; the engine must never trust it. */
export function intentFor(userId: string, target: PaymentTarget, amountRial = 1_000_000): Intent {
  return newIntent({ userId, target, amountRial });
}

// ---------------------------------------------------------------------------------------------------------
// State

const allTables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

/** Empties every table (the sandbox's state and fault included), so each test starts from nothing. */
export async function resetDatabase(db: Db): Promise<void> {
  await db.execute(sql.raw(`truncate table ${allTables.map((t) => `"${getTableName(t)}"`).join(", ")} cascade`));
}

export async function snapshot(db: Db) {
  const [attempts, reservationRows, chatRows, ledgerRows, walletRows, sandboxRows] = await Promise.all([
    db.select().from(paymentAttempts),
    db.select().from(reservations),
    db.select().from(chatRequests),
    db.select().from(walletLedger),
    db.select().from(wallets),
    db.select().from(sandboxPayments),
  ]);
  return { attempts, reservations: reservationRows, chats: chatRows, ledger: ledgerRows, wallets: walletRows, sandbox: sandboxRows };
}

export async function attemptById(db: Db, id: string) {
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, id));
  if (!attempt) throw new Error(`no attempt ${id}`);
  return attempt;
}

export async function balanceOf(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ balanceRial: wallets.balanceRial }).from(wallets).where(eq(wallets.userId, userId));
  return row?.balanceRial ?? 0;
}

/** The product's invariants over the whole database. Returns every violation found (empty when sound):
 * (a) no ghost records: every reservation / chat request was paid for by a paid, fulfilled attempt of its
 *     own kind, user and target, and every paid fulfilled attempt has exactly its one record;
 * (b) every wallet balance equals the sum of its ledger entries, and no entry left a balance below zero;
 * (c) no attempt refunded twice: one auto_refund entry, of the paid amount, per auto-refunded attempt and
 *     for nothing else. */
export async function invariantViolations(db: Db): Promise<string[]> {
  const s = await snapshot(db);
  const problems: string[] = [];
  const attemptsById = new Map(s.attempts.map((a) => [a.id, a]));
  const paidFulfilled = (id: string) => {
    const a = attemptsById.get(id);
    return a?.status === "paid" && a.outcome === "fulfilled";
  };

  // (a)
  for (const r of s.reservations) {
    const a = attemptsById.get(r.paymentAttemptId);
    if (!a || !paidFulfilled(a.id)) problems.push(`ghost reservation ${r.id}: attempt ${a?.status}/${a?.outcome}`);
    else if (a.target.kind !== "reservation" || a.target.slotId !== r.slotId || a.userId !== r.patientId || a.amountRial !== r.amountRial)
      problems.push(`reservation ${r.id} does not match its attempt ${a.id}`);
  }
  for (const c of s.chats) {
    const a = attemptsById.get(c.paymentAttemptId);
    if (!a || !paidFulfilled(a.id)) problems.push(`ghost chat request ${c.id}: attempt ${a?.status}/${a?.outcome}`);
    else if (a.target.kind !== "chat" || a.target.doctorId !== c.doctorId || a.userId !== c.patientId || a.amountRial !== c.amountRial)
      problems.push(`chat request ${c.id} does not match its attempt ${a.id}`);
  }
  for (const a of s.attempts) {
    if (a.status !== "paid" && (a.outcome !== null || a.settledAt !== null)) problems.push(`unpaid attempt ${a.id} has outcome/settledAt`);
    const records =
      s.reservations.filter((r) => r.paymentAttemptId === a.id).length +
      s.chats.filter((c) => c.paymentAttemptId === a.id).length +
      s.ledger.filter((l) => l.reason === "topup" && l.reference === a.id).length;
    const expected = a.status === "paid" && a.outcome === "fulfilled" ? 1 : 0;
    if (records !== expected) problems.push(`attempt ${a.id} (${a.purpose} ${a.status}/${a.outcome}) has ${records} records, expected ${expected}`);
    const topup = s.ledger.find((l) => l.reason === "topup" && l.reference === a.id);
    if (topup && (topup.amountRial !== a.amountRial || topup.userId !== a.userId)) problems.push(`top-up credit for ${a.id} differs from the attempt`);
    const debits = s.ledger.filter((l) => (l.reason === "reservation_payment" || l.reason === "chat_payment") && l.reference === a.id);
    if (a.gateway === "wallet") {
      if (debits.length !== 1 || debits[0]!.amountRial !== -a.amountRial || debits[0]!.userId !== a.userId)
        problems.push(`wallet attempt ${a.id} has ${debits.length} debits`);
    } else if (debits.length > 0) problems.push(`gateway attempt ${a.id} was also debited from the wallet`);
  }

  // (b)
  const sums = new Map<string, number>();
  for (const l of s.ledger) {
    sums.set(l.userId, (sums.get(l.userId) ?? 0) + l.amountRial);
    if (l.balanceAfterRial < 0) problems.push(`ledger entry ${l.id} left a negative balance`);
  }
  for (const w of s.wallets) {
    if (w.balanceRial !== (sums.get(w.userId) ?? 0)) problems.push(`wallet ${w.userId}: balance ${w.balanceRial} ≠ ledger sum ${sums.get(w.userId) ?? 0}`);
    if (w.balanceRial < 0) problems.push(`wallet ${w.userId} is negative`);
  }
  for (const userId of sums.keys()) if (!s.wallets.some((w) => w.userId === userId)) problems.push(`ledger entries for ${userId} but no wallet`);

  // (c)
  const refunds = s.ledger.filter((l) => l.reason === "auto_refund");
  const refundCount = new Map<string, number>();
  for (const l of refunds) refundCount.set(l.reference, (refundCount.get(l.reference) ?? 0) + 1);
  for (const [reference, n] of refundCount) if (n > 1) problems.push(`attempt ${reference} refunded ${n} times`);
  for (const l of refunds) {
    const a = attemptsById.get(l.reference);
    if (!a || a.status !== "paid" || a.outcome !== "auto_refunded") problems.push(`auto_refund ${l.id} for an attempt that is not auto_refunded`);
    else if (l.amountRial !== a.amountRial || l.userId !== a.userId) problems.push(`auto_refund ${l.id} differs from attempt ${a.id}`);
  }
  for (const a of s.attempts) {
    if (a.outcome === "auto_refunded" && !refundCount.has(a.id)) problems.push(`attempt ${a.id} is auto_refunded but was never credited`);
  }
  return problems;
}

export async function assertInvariants(db: Db): Promise<void> {
  const problems = await invariantViolations(db);
  if (problems.length > 0) throw new Error(`payment invariants broken:\n  ${problems.join("\n  ")}`);
}
