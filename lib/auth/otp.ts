import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { otpCodes, users } from "@/db/schema";
import { latinDigits } from "@/lib/i18n/normalize";
import { err, ok, type Result } from "@/lib/shared/result";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import type { Role } from "./actor";
import { normalizeIranianMobile } from "./phone";
import { refundSmsBudget, spendSmsBudget } from "./sms-budget";
import { log } from "@/lib/shared/log";

export const OTP_POLICY = {
  ttlMs: 5 * 60_000,
  maxWrongTries: 5,
  resendCooldownMs: 60_000,
  perPhonePerHour: 5,
  perIpPerHour: 20,
  smsHourlyBudget: 500,
} as const;

export type OtpRequestError =
  | { code: "invalid_phone" }
  | { code: "rate_limited"; retryAfterSeconds: number }
  | { code: "sms_budget_exhausted"; retryAfterSeconds: number }
  | { code: "sms_failed" };

export type OtpVerifyError =
  | { code: "invalid_phone" }
  | { code: "invalid_code_format" }
  | { code: "no_active_code" }
  | { code: "expired" }
  | { code: "wrong_code"; triesLeft: number }
  | { code: "too_many_tries" };

export type SignedInUser = { id: string; phone: string; name: string | null; role: Role };

/** A code as people type or paste it: Persian or Arabic digits, spaces, and the direction marks an RTL
 * keyboard or SMS app adds, all folded to six ASCII digits. */
export function typedCode(input: string): string {
  return latinDigits(input).replace(/[\s\-\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

const maskPhone = (phone: string) => `${phone.slice(0, 4)}***${phone.slice(-4)}`;

const hashCode = (phone: string, code: string) => createHash("sha256").update(`${phone}:${code}`).digest("hex");

/** Sends a fresh code. The answer is the same whether or not the number has an account; the limits are
 * counted in the database so that they hold across app instances. */
export async function requestOtp(
  db: Db,
  sms: SmsDriver,
  input: { phone: string; ip: string; now?: Date; perIpPerHour?: number; smsHourlyBudget?: number },
): Promise<Result<{ phone: string; expiresAt: Date }, OtpRequestError>> {
  const phone = normalizeIranianMobile(input.phone);
  if (!phone) return err({ code: "invalid_phone" });
  const now = input.now ?? new Date();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + OTP_POLICY.ttlMs);

  const issued = await db.transaction(async (tx) => {
    // Serialise requests for one phone so that two at once cannot both slip under the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${phone}`}))`);
    const [latest] = await tx
      .select({ createdAt: otpCodes.createdAt })
      .from(otpCodes)
      .where(eq(otpCodes.phone, phone))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1);
    if (latest && now.getTime() - latest.createdAt.getTime() < OTP_POLICY.resendCooldownMs) {
      const wait = OTP_POLICY.resendCooldownMs - (now.getTime() - latest.createdAt.getTime());
      return err({ code: "rate_limited" as const, retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const [perPhone] = await tx
      .select({ n: count() })
      .from(otpCodes)
      .where(and(eq(otpCodes.phone, phone), gt(otpCodes.createdAt, hourAgo)));
    const [perIp] = await tx
      .select({ n: count() })
      .from(otpCodes)
      .where(and(eq(otpCodes.requestIp, input.ip), gt(otpCodes.createdAt, hourAgo)));
    if ((perPhone?.n ?? 0) >= OTP_POLICY.perPhonePerHour) {
      return err({ code: "rate_limited" as const, retryAfterSeconds: 3600 });
    }
    const perIpPerHour = input.perIpPerHour ?? OTP_POLICY.perIpPerHour;
    if ((perIp?.n ?? 0) >= perIpPerHour) {
      // Logged so that an operator can tell an attack from a carrier NAT outgrowing OTP_PER_IP_PER_HOUR.
      log.info(`[auth] OTP_PER_IP_PER_HOUR reached: ${perIpPerHour} codes for ${input.ip} in the last hour; refused ${maskPhone(phone)}`);
      return err({ code: "rate_limited" as const, retryAfterSeconds: 3600 });
    }
    const budget = input.smsHourlyBudget ?? OTP_POLICY.smsHourlyBudget;
    const spent = await spendSmsBudget(tx, budget, now);
    if (!spent.ok) {
      log.warn(
        `[auth] SMS_HOURLY_BUDGET reached: ${spent.sentInWindow} sign-in codes sent in the last hour (budget ${budget}); ` +
          `refused a code for ${maskPhone(phone)} from ${input.ip}, next place in ${spent.retryAfterSeconds} s`,
      );
      return err({ code: "sms_budget_exhausted" as const, retryAfterSeconds: spent.retryAfterSeconds });
    }
    // A new code replaces any earlier one still open for this phone (remembered, in case the send fails).
    const replaced = await tx
      .update(otpCodes)
      .set({ consumedAt: now })
      .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.consumedAt)))
      .returning({ id: otpCodes.id });
    const [row] = await tx
      .insert(otpCodes)
      .values({ phone, codeHash: hashCode(phone, code), requestIp: input.ip, expiresAt, createdAt: now })
      .returning({ id: otpCodes.id });
    return ok({ phone, expiresAt, id: row!.id, replaced: replaced.map((r) => r.id) });
  });
  if (!issued.ok) return issued;

  try {
    await sms.sendCode(phone, code);
  } catch {
    await withdrawUnsentCode(db, phone, issued.value, now);
    return err({ code: "sms_failed" });
  }
  return ok({ phone, expiresAt });
}

/** A code the patient never received must not count: it is deleted (no "wait 60 s", no hourly allowance
 * used up), its place in the SMS budget is given back, and the code it replaced works again — a patient
 * who asked for a new code while holding a valid one is no worse off for a provider's refusal. Under the
 * phone's lock, like the request, so that it cannot interleave with another request for this phone. */
async function withdrawUnsentCode(db: Db, phone: string, unsent: { id: string; replaced: string[] }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp:${phone}`}))`);
    await tx.delete(otpCodes).where(eq(otpCodes.id, unsent.id));
    if (unsent.replaced.length > 0) {
      await tx
        .update(otpCodes)
        .set({ consumedAt: null })
        .where(and(inArray(otpCodes.id, unsent.replaced), eq(otpCodes.consumedAt, now)));
    }
    await refundSmsBudget(tx, now);
  });
}

/** Checks a code; on success the code is spent and the user exists (a first sign-in creates a patient). */
export async function verifyOtp(db: Db, input: { phone: string; code: string; now?: Date }): Promise<Result<SignedInUser, OtpVerifyError>> {
  const phone = normalizeIranianMobile(input.phone);
  if (!phone) return err({ code: "invalid_phone" });
  const code = typedCode(input.code);
  if (!/^\d{6}$/.test(code)) return err({ code: "invalid_code_format" });
  const now = input.now ?? new Date();

  return db.transaction(async (tx) => {
    const [active] = await tx
      .select()
      .from(otpCodes)
      .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.consumedAt)))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1)
      .for("update");
    if (!active) return err({ code: "no_active_code" as const });
    if (active.expiresAt <= now) return err({ code: "expired" as const });
    if (active.wrongTries >= OTP_POLICY.maxWrongTries) return err({ code: "too_many_tries" as const });

    const expected = Buffer.from(active.codeHash, "hex");
    const given = Buffer.from(hashCode(phone, code), "hex");
    if (!timingSafeEqual(expected, given)) {
      const wrongTries = active.wrongTries + 1;
      await tx.update(otpCodes).set({ wrongTries }).where(eq(otpCodes.id, active.id));
      return err({ code: "wrong_code" as const, triesLeft: OTP_POLICY.maxWrongTries - wrongTries });
    }

    await tx.update(otpCodes).set({ consumedAt: now }).where(eq(otpCodes.id, active.id));
    const [user] = await tx
      .insert(users)
      .values({ phone })
      .onConflictDoUpdate({ target: users.phone, set: { phone } })
      .returning({ id: users.id, phone: users.phone, name: users.name, role: users.role });
    return ok(user!);
  });
}
