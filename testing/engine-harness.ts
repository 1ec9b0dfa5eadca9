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
import type { PaymentGateway } from "@/lib/payments/gateway";
import { startGatewayPayment, type PaymentEngine } from "@/lib/payments/payment-engine";
import { paymentProducts } from "@/lib/checkout/payment-products";
import type { SandboxFault } from "@/lib/payments/sandbox/sandbox-gateway";
import { zarinpalClient } from "@/lib/payments/zarinpal-client";

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
  const [user] = await db
    .insert(users)
    .values({ phone: nextPhone(), name: options.name ?? "بیمار آزمایشی", role: "patient" })
    .returning();
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
  const [specialty] = await db
    .insert(specialties)
    .values({ name: `تخصص ${randomUUID()}` })
    .returning();
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

/** The invariants every test leaves intact, checked in SQL (lib/invariants): re-exported for the tests that
 * assert them mid-test. */
export { assertInvariants, invariantViolations } from "@/lib/invariants/invariant-checks";
