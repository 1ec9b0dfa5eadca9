import { randomBytes, randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxPayments, sandboxSettings } from "@/db/schema";

/** The behaviour of a ZarinPal v4 merchant account, kept in the database (it survives restarts and is shared
 * by every app instance, like the real gateway). Answers use ZarinPal's codes:
 * 100 ok · 101 already verified · -9 validation · -50 amount mismatch · -51 not paid · -54 unknown authority. */

export type SandboxFault = "none" | "verify-timeout" | "verify-500" | "drop-callback";
export type SandboxAnswer = { http: number; body: unknown };

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const SANDBOX_AUTHORITY = /^S[A-Za-z0-9]{35}$/;

function newAuthority(): string {
  const bytes = randomBytes(35);
  return `S${Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
}

const success = (data: Record<string, unknown>): SandboxAnswer => ({ http: 200, body: { data: { message: "Success", ...data }, errors: [] } });
const failure = (http: number, code: number, message: string, validations: unknown[] = []): SandboxAnswer => ({
  http,
  body: { data: [], errors: { code, message, validations } },
});
const unknownAuthority = () => failure(404, -54, "Invalid authority.");
const isMerchantId = (value: unknown): value is string =>
  typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export async function sandboxFault(db: Db): Promise<SandboxFault> {
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.id, 1));
  return row?.fault ?? "none";
}

export async function setSandboxFault(db: Db, fault: SandboxFault): Promise<void> {
  await db.insert(sandboxSettings).values({ id: 1, fault }).onConflictDoUpdate({ target: sandboxSettings.id, set: { fault } });
}

export async function sandboxRequest(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  const validations: Record<string, string>[] = [];
  if (!isMerchantId(body.merchant_id)) validations.push({ merchant_id: "The merchant id must be a valid UUID." });
  if (!Number.isInteger(body.amount) || (body.amount as number) < 1000) validations.push({ amount: "The amount must be an integer of at least 1000." });
  if (body.currency !== undefined && body.currency !== "IRR" && body.currency !== "IRT") validations.push({ currency: "Currency must be IRR or IRT." });
  if (typeof body.description !== "string" || body.description.trim() === "") validations.push({ description: "The description is required." });
  if (typeof body.callback_url !== "string" || !/^https?:\/\//.test(body.callback_url)) validations.push({ callback_url: "The callback url must be a valid url." });
  if (validations.length > 0) return failure(422, -9, "The input params invalid, validation error.", validations);

  const authority = newAuthority();
  await db.insert(sandboxPayments).values({
    authority,
    merchantId: body.merchant_id as string,
    amount: body.amount as number,
    currency: (body.currency as string | undefined) ?? "IRR",
    description: body.description as string,
    callbackUrl: body.callback_url as string,
  });
  return success({ code: 100, authority, fee_type: "Merchant", fee: 0 });
}

async function findPayment(db: Db, body: Record<string, unknown>) {
  if (!isMerchantId(body.merchant_id) || typeof body.authority !== "string") return undefined;
  const [payment] = await db
    .select()
    .from(sandboxPayments)
    .where(and(eq(sandboxPayments.authority, body.authority), eq(sandboxPayments.merchantId, body.merchant_id)));
  return payment;
}

export async function sandboxVerify(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  if (!isMerchantId(body.merchant_id) || typeof body.authority !== "string" || !Number.isInteger(body.amount)) {
    return failure(422, -9, "The input params invalid, validation error.");
  }
  const payment = await findPayment(db, body);
  if (!payment) return unknownAuthority();
  if (payment.amount !== body.amount) return failure(422, -50, "Session is not valid, amounts values is not the same.");
  const cardPan = "502229******5995";
  if (payment.status === "verified") {
    return success({ code: 101, ref_id: payment.refId, card_pan: cardPan, card_hash: "", fee_type: "Merchant", fee: 0 });
  }
  if (payment.status !== "paid") return failure(422, -51, "Session is not valid, session is not active paid try.");
  // Conditional, so two verifies racing each other get one 100 and one 101, as on the real gateway.
  const [verified] = await db
    .update(sandboxPayments)
    .set({ status: "verified" })
    .where(and(eq(sandboxPayments.authority, payment.authority), eq(sandboxPayments.status, "paid")))
    .returning();
  return success({ code: verified ? 100 : 101, ref_id: payment.refId, card_pan: cardPan, card_hash: "", fee_type: "Merchant", fee: 0 });
}

const INQUIRY_STATE = { created: "IN_BANK", paid: "PAID", verified: "VERIFIED", failed: "FAILED", cancelled: "FAILED", reversed: "REVERSED" } as const;

export async function sandboxInquiry(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  const payment = await findPayment(db, body);
  if (!payment) return unknownAuthority();
  return success({ code: 100, status: INQUIRY_STATE[payment.status] });
}

export async function sandboxUnverified(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  if (!isMerchantId(body.merchant_id)) return failure(422, -9, "The input params invalid, validation error.");
  const rows = await db
    .select()
    .from(sandboxPayments)
    .where(and(eq(sandboxPayments.merchantId, body.merchant_id), eq(sandboxPayments.status, "paid")));
  return success({
    code: 100,
    authorities: rows.map((p) => ({ authority: p.authority, amount: p.amount, callback_url: p.callbackUrl, referer: "", date: p.paidAt?.toISOString() })),
  });
}

export async function sandboxReverse(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  const payment = await findPayment(db, body);
  if (!payment) return unknownAuthority();
  const [reversed] = await db
    .update(sandboxPayments)
    .set({ status: "reversed" })
    .where(and(eq(sandboxPayments.authority, payment.authority), inArray(sandboxPayments.status, ["paid", "verified"])))
    .returning();
  return reversed ? success({ code: 100 }) : failure(422, -63, "Maximum time for reverse this session is expired.");
}

export type PayerChoice = "paid" | "failed" | "cancelled";

/** The payer's decision on the StartPay page. Only a payment still waiting at the bank changes; a repeated
 * submission gets the same redirect as the first. */
export async function sandboxPayerChoice(db: Db, authority: string, choice: PayerChoice) {
  await db
    .update(sandboxPayments)
    .set(choice === "paid" ? { status: "paid", paidAt: new Date(), refId: randomInt(100_000_000, 999_999_999) } : { status: choice })
    .where(and(eq(sandboxPayments.authority, authority), eq(sandboxPayments.status, "created")));
  const [payment] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.authority, authority));
  if (!payment) return undefined;
  const status = payment.status === "paid" || payment.status === "verified" ? "OK" : "NOK";
  const redirect = new URL(payment.callbackUrl);
  redirect.searchParams.set("Authority", authority);
  redirect.searchParams.set("Status", status);
  return { payment, redirect: redirect.toString() };
}

export async function sandboxPayment(db: Db, authority: string) {
  const [payment] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.authority, authority));
  return payment;
}
