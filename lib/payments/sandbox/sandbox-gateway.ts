import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxPayments, sandboxSettings } from "@/db/schema";
import { tehranDateTimeText } from "@/lib/time/tehran";

/** The behaviour of a ZarinPal v4 merchant account, kept in the database (it survives restarts and is shared
 * by every app instance, like the real gateway). Answers use ZarinPal's codes:
 * 100 ok · 101 already verified · -9 validation · -50 amount mismatch · -51 not paid · -53 another merchant's
 * authority · -54 unknown authority · -61 reverse of a payment not in success state · -63 reverse too late.
 * Other tests trust it to answer like ZarinPal, so it follows the documented shapes to the letter. */

export type SandboxFault = "none" | "verify-timeout" | "verify-500" | "drop-callback";
export type SandboxAnswer = { http: number; body: unknown };

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const SANDBOX_AUTHORITY = /^S[A-Za-z0-9]{35}$/;

function newAuthority(): string {
  const bytes = randomBytes(35);
  return `S${Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
}

const success = (data: Record<string, unknown>): SandboxAnswer => ({
  http: 200,
  body: { data: { message: "Success", ...data }, errors: [] },
});
const failure = (http: number, code: number, message: string, validations: unknown[] = []): SandboxAnswer => ({
  http,
  body: { data: [], errors: { code, message, validations } },
});
const unknownAuthority = () => failure(404, -54, "Invalid authority.");
const otherMerchant = () => failure(422, -53, "Session is not this merchant_id session");
/** ZarinPal reverses a payment only within this long of it being paid. */
export const REVERSE_WINDOW_MS = 30 * 60_000;
const MAX_DESCRIPTION = 500;
/** unVerified lists at most this many (the latest). */
const UNVERIFIED_LIMIT = 100;
const CARD_PAN = "502229******5995";
/** The SHA-256 of the card number, as upper-case hex like the documentation's sample. */
const cardHash = (authority: string) => createHash("sha256").update(`sandbox-card:${authority}`).digest("hex").toUpperCase();
/** ZarinPal's own cURL sample sends the amount as a numeric string ("amount": "1100"). */
const wholeNumber = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isSafeInteger(value)
    ? value
    : typeof value === "string" && /^\d{1,15}$/.test(value)
      ? Number(value)
      : undefined;
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
  const amount = wholeNumber(body.amount);
  if (amount === undefined || amount < 1000) validations.push({ amount: "The amount must be an integer of at least 1000." });
  if (body.currency !== undefined && body.currency !== "IRR" && body.currency !== "IRT")
    validations.push({ currency: "Currency must be IRR or IRT." });
  if (typeof body.description !== "string" || body.description.trim() === "")
    validations.push({ description: "The description is required." });
  else if (body.description.length > MAX_DESCRIPTION)
    validations.push({ description: "The description may not be greater than 500 characters." });
  if (typeof body.callback_url !== "string" || !/^https?:\/\//.test(body.callback_url))
    validations.push({ callback_url: "The callback url must be a valid url." });
  if (validations.length > 0) return failure(422, -9, "The input params invalid, validation error.", validations);

  const authority = newAuthority();
  await db.insert(sandboxPayments).values({
    authority,
    merchantId: body.merchant_id as string,
    amount: amount!,
    currency: (body.currency as string | undefined) ?? "IRR",
    description: body.description as string,
    callbackUrl: body.callback_url as string,
  });
  return success({ code: 100, authority, fee_type: "Merchant", fee: 0 });
}

/** The payment under the authority in the body: undefined when there is none, "other-merchant" when it
 * belongs to another merchant id. */
async function findPayment(db: Db, body: Record<string, unknown>) {
  if (!isMerchantId(body.merchant_id) || typeof body.authority !== "string") return undefined;
  const [payment] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.authority, body.authority));
  if (payment && payment.merchantId.toLowerCase() !== body.merchant_id.toLowerCase()) return "other-merchant" as const;
  return payment;
}

export async function sandboxVerify(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  const amount = wholeNumber(body.amount);
  if (!isMerchantId(body.merchant_id) || typeof body.authority !== "string" || amount === undefined) {
    return failure(422, -9, "The input params invalid, validation error.");
  }
  const payment = await findPayment(db, body);
  if (!payment) return unknownAuthority();
  if (payment === "other-merchant") return otherMerchant();
  if (payment.amount !== amount) return failure(422, -50, "Session is not valid, amounts values is not the same.");
  const verifiedBody = (code: 100 | 101) =>
    success({
      code,
      message: "Verified",
      card_hash: cardHash(payment.authority),
      card_pan: CARD_PAN,
      ref_id: payment.refId,
      fee_type: "Merchant",
      fee: 0,
    });
  if (payment.status === "verified") return verifiedBody(101);
  if (payment.status !== "paid") return failure(422, -51, "Session is not valid, session is not active paid try.");
  // Conditional, so two verifies racing each other get one 100 and one 101, as on the real gateway.
  const [verified] = await db
    .update(sandboxPayments)
    .set({ status: "verified" })
    .where(and(eq(sandboxPayments.authority, payment.authority), eq(sandboxPayments.status, "paid")))
    .returning();
  return verifiedBody(verified ? 100 : 101);
}

const INQUIRY_STATE = {
  created: "IN_BANK",
  paid: "PAID",
  verified: "VERIFIED",
  failed: "FAILED",
  cancelled: "FAILED",
  reversed: "REVERSED",
} as const;

export async function sandboxInquiry(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  const payment = await findPayment(db, body);
  if (!payment) return unknownAuthority();
  if (payment === "other-merchant") return otherMerchant();
  return success({ code: 100, status: INQUIRY_STATE[payment.status] });
}

export async function sandboxUnverified(db: Db, body: Record<string, unknown>): Promise<SandboxAnswer> {
  if (!isMerchantId(body.merchant_id)) return failure(422, -9, "The input params invalid, validation error.");
  const rows = await db
    .select()
    .from(sandboxPayments)
    .where(and(eq(sandboxPayments.merchantId, body.merchant_id), eq(sandboxPayments.status, "paid")))
    .orderBy(desc(sandboxPayments.paidAt))
    .limit(UNVERIFIED_LIMIT);
  return success({
    code: 100,
    authorities: rows.map((p) => ({
      authority: p.authority,
      amount: p.amount,
      callback_url: p.callbackUrl,
      referer: "",
      date: tehranDateTimeText(p.paidAt ?? p.createdAt),
    })),
  });
}

/** Reverses a payment in success state (paid or verified) within 30 minutes of it being paid. */
export async function sandboxReverse(db: Db, body: Record<string, unknown>, now = new Date()): Promise<SandboxAnswer> {
  if (!isMerchantId(body.merchant_id) || typeof body.authority !== "string")
    return failure(422, -9, "The input params invalid, validation error.");
  const payment = await findPayment(db, body);
  if (!payment) return unknownAuthority();
  if (payment === "other-merchant") return otherMerchant();
  const notInSuccess = () => failure(422, -61, "Session is not in success status.");
  if (payment.status !== "paid" && payment.status !== "verified") return notInSuccess();
  if (!payment.paidAt || now.getTime() - payment.paidAt.getTime() > REVERSE_WINDOW_MS) {
    return failure(422, -63, "Maximum time for reverse this session is expired.");
  }
  const [reversed] = await db
    .update(sandboxPayments)
    .set({ status: "reversed" })
    .where(and(eq(sandboxPayments.authority, payment.authority), inArray(sandboxPayments.status, ["paid", "verified"])))
    .returning();
  return reversed ? { http: 200, body: { data: { code: 100, message: "Reversed" }, errors: [] } } : notInSuccess();
}

export type PayerChoice = "paid" | "failed" | "cancelled";

/** The payer's decision on the StartPay page. Only a payment still waiting at the bank changes; a repeated
 * submission gets the same redirect as the first. */
export async function sandboxPayerChoice(db: Db, authority: string, choice: PayerChoice, now = new Date()) {
  await db
    .update(sandboxPayments)
    .set(choice === "paid" ? { status: "paid", paidAt: now, refId: randomInt(100_000_000, 999_999_999) } : { status: choice })
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
