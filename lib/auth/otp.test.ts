import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { otpCodes, smsBudgetMinutes, smsOutbox, users } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-db";
import type { Result } from "@/lib/shared/result";
import { outboxDriver } from "@/lib/sms/outbox-driver";
import type { SmsDriver } from "@/lib/sms/sms-driver";
import { OTP_POLICY, requestOtp, verifyOtp } from "./otp";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let sms: SmsDriver;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  sms = outboxDriver(db);
});
afterAll(() => database.close());

// Every test gets its own phone and IP, so the per-phone and per-IP limits of one never touch another.
let sequence = 0;
const freshPhone = () => `0912${String(++sequence).padStart(7, "0")}`;
const freshIp = () => `10.0.${Math.floor(++sequence / 250)}.${sequence % 250}`;
const T0 = new Date("2031-03-01T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function value<T, E extends { code: string }>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failure<T, E extends { code: string }>(result: Result<T, E>): E {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

async function smsTo(phone: string) {
  return db.select().from(smsOutbox).where(eq(smsOutbox.phone, phone)).orderBy(asc(smsOutbox.createdAt));
}

/** The code in the newest SMS sent to `phone`, read back from the outbox the way a phone would receive it. */
async function codeFromSms(phone: string): Promise<string> {
  const sent = await smsTo(phone);
  const last = sent.at(-1);
  if (!last) throw new Error(`no SMS was sent to ${phone}`);
  const match = /(?<!\d)(\d{6})(?!\d)/.exec(last.body);
  if (!match) throw new Error(`no 6-digit code in ${JSON.stringify(last.body)}`);
  return match[1]!;
}

/** Sign-in SMS the platform-wide hourly budget counted in the minute of `instant`. */
async function budgetSpentIn(instant: Date): Promise<number> {
  const minute = new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
  const [row] = await db.select({ sent: smsBudgetMinutes.sent }).from(smsBudgetMinutes).where(eq(smsBudgetMinutes.minute, minute));
  return row?.sent ?? 0;
}

async function otpRows(phone: string) {
  return db.select().from(otpCodes).where(eq(otpCodes.phone, phone)).orderBy(asc(otpCodes.createdAt));
}

async function usersWithPhone(phone: string) {
  return db.select().from(users).where(eq(users.phone, phone));
}

/** A six-digit code that is certainly not `code`. */
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("requestOtp", () => {
  it("sends a 6-digit code by SMS to the normalized number, valid for five minutes", async () => {
    const phone = freshPhone();
    const spaced = `+98 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
    const issued = value(await requestOtp(db, sms, { phone: spaced, ip: freshIp(), now: T0 }));
    expect(issued).toEqual({ phone, expiresAt: at(OTP_POLICY.ttlMs) });
    expect(OTP_POLICY.ttlMs).toBe(5 * MINUTE);

    const sent = await smsTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ phone, driver: "outbox", status: "sent", error: null });
    expect(await codeFromSms(phone)).toMatch(/^\d{6}$/);
  });

  it("stores the hash of the code, never the code itself", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    value(await requestOtp(db, sms, { phone, ip, now: T0 }));
    const code = await codeFromSms(phone);
    const [row, ...others] = await otpRows(phone);
    expect(others).toHaveLength(0);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.codeHash).toBe(createHash("sha256").update(`${phone}:${code}`).digest("hex"));
    for (const stored of Object.values(row!)) {
      expect(String(stored instanceof Date ? stored.toISOString() : stored)).not.toContain(code);
    }
    expect(row).toMatchObject({ requestIp: ip, wrongTries: 0, consumedAt: null, expiresAt: at(OTP_POLICY.ttlMs) });
  });

  it("answers the same way for a registered and an unregistered number, and creates no account", async () => {
    const registered = freshPhone();
    const unregistered = freshPhone();
    await db.insert(users).values({ phone: registered, name: "مریم رضایی" });

    const a = await requestOtp(db, sms, { phone: registered, ip: freshIp(), now: T0 });
    const b = await requestOtp(db, sms, { phone: unregistered, ip: freshIp(), now: T0 });
    expect(a).toEqual({ ok: true, value: { phone: registered, expiresAt: at(OTP_POLICY.ttlMs) } });
    expect(b).toEqual({ ok: true, value: { phone: unregistered, expiresAt: at(OTP_POLICY.ttlMs) } });
    expect(await smsTo(registered)).toHaveLength(1);
    expect(await smsTo(unregistered)).toHaveLength(1);
    expect(await usersWithPhone(unregistered)).toHaveLength(0);

    // The refusals look alike too.
    const againA = await requestOtp(db, sms, { phone: registered, ip: freshIp(), now: at(10 * SECOND) });
    const againB = await requestOtp(db, sms, { phone: unregistered, ip: freshIp(), now: at(10 * SECOND) });
    expect(againA).toEqual(againB);
  });

  it("refuses an invalid phone number without storing or sending anything", async () => {
    for (const phone of ["02112345678", "0912123", "hello", "+14155552671", ""]) {
      expect(failure(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }))).toEqual({ code: "invalid_phone" });
    }
    const [codes] = await db.select({ n: count() }).from(otpCodes).where(eq(otpCodes.phone, "02112345678"));
    const [messages] = await db.select({ n: count() }).from(smsOutbox).where(eq(smsOutbox.phone, "02112345678"));
    expect(codes!.n).toBe(0);
    expect(messages!.n).toBe(0);
  });

  it("waits 60 seconds before sending another code to the same number", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    value(await requestOtp(db, sms, { phone, ip, now: T0 }));
    expect(failure(await requestOtp(db, sms, { phone, ip, now: at(1 * SECOND) }))).toEqual({
      code: "rate_limited",
      retryAfterSeconds: 59,
    });
    expect(failure(await requestOtp(db, sms, { phone, ip, now: at(59_500) }))).toEqual({ code: "rate_limited", retryAfterSeconds: 1 });
    expect(await smsTo(phone)).toHaveLength(1);
    expect(await otpRows(phone)).toHaveLength(1);

    value(await requestOtp(db, sms, { phone, ip, now: at(OTP_POLICY.resendCooldownMs) }));
    expect(await smsTo(phone)).toHaveLength(2);
  });

  it("lets only one of several simultaneous requests for one number through", async () => {
    const phone = freshPhone();
    const results = await Promise.all(Array.from({ length: 4 }, () => requestOtp(db, sms, { phone, ip: freshIp(), now: T0 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => failure(r).code)).toEqual(["rate_limited", "rate_limited", "rate_limited"]);
    expect(await smsTo(phone)).toHaveLength(1);
  });

  it("sends at most five codes per number per hour", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    expect(OTP_POLICY.perPhonePerHour).toBe(5);
    for (let i = 0; i < 5; i++) value(await requestOtp(db, sms, { phone, ip, now: at(i * MINUTE) }));

    expect(failure(await requestOtp(db, sms, { phone, ip, now: at(5 * MINUTE) }))).toEqual({
      code: "rate_limited",
      retryAfterSeconds: 3600,
    });
    // A different IP does not help, another number from the same IP is unaffected.
    expect(failure(await requestOtp(db, sms, { phone, ip: freshIp(), now: at(30 * MINUTE) })).code).toBe("rate_limited");
    value(await requestOtp(db, sms, { phone: freshPhone(), ip, now: at(30 * MINUTE) }));
    // Still refused just before the first code is an hour old, allowed once it is.
    expect(failure(await requestOtp(db, sms, { phone, ip, now: at(60 * MINUTE - 1) })).code).toBe("rate_limited");
    expect(await smsTo(phone)).toHaveLength(5);
    value(await requestOtp(db, sms, { phone, ip, now: at(60 * MINUTE) }));
    expect(await smsTo(phone)).toHaveLength(6);
  });

  it("sends at most twenty codes per IP per hour", async () => {
    const ip = freshIp();
    expect(OTP_POLICY.perIpPerHour).toBe(20);
    for (let i = 0; i < 20; i++) value(await requestOtp(db, sms, { phone: freshPhone(), ip, now: at(i * SECOND) }));

    const phone = freshPhone();
    expect(failure(await requestOtp(db, sms, { phone, ip, now: at(30 * SECOND) }))).toEqual({
      code: "rate_limited",
      retryAfterSeconds: 3600,
    });
    expect(await smsTo(phone)).toHaveLength(0);
    // The same number from another IP is fine: it was the IP that was limited.
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: at(31 * SECOND) }));
    // An hour after the first request from that IP, it may ask again.
    expect(failure(await requestOtp(db, sms, { phone: freshPhone(), ip, now: at(59 * MINUTE) })).code).toBe("rate_limited");
    value(await requestOtp(db, sms, { phone: freshPhone(), ip, now: at(60 * MINUTE + 1 * SECOND) }));
  });

  it("reports a failed SMS, and the failed send does not count: the retry sends a code at once", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    const fail = async () => {
      throw new Error("kavenegar status 418: اعتبار کافی نمی‌باشد");
    };
    const broken: SmsDriver = { name: "kavenegar", send: fail, sendCode: fail, transmit: fail };
    expect(failure(await requestOtp(db, broken, { phone, ip, now: T0 }))).toEqual({ code: "sms_failed" });
    // No code was written for the message that never left: no cooldown, no hourly allowance used.
    const [written] = await db.select({ n: count() }).from(otpCodes).where(eq(otpCodes.phone, phone));
    expect(written!.n).toBe(0);
    value(await requestOtp(db, sms, { phone, ip, now: at(5 * SECOND) }));
    expect(await smsTo(phone)).toHaveLength(1);
    value(await verifyOtp(db, { phone, code: await codeFromSms(phone), now: at(10 * SECOND) }));
  });

  it("a failed send leaves the patient's earlier code usable and the SMS budget as it was", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    value(await requestOtp(db, sms, { phone, ip, now: T0 }));
    const earlier = await codeFromSms(phone);
    const budgetMinute = at(OTP_POLICY.resendCooldownMs);
    const spentBefore = await budgetSpentIn(budgetMinute);

    const fail = async () => {
      throw new Error("kavenegar status 418: اعتبار کافی نمی‌باشد");
    };
    const broken: SmsDriver = { name: "kavenegar", send: fail, sendCode: fail, transmit: fail };
    expect(failure(await requestOtp(db, broken, { phone, ip, now: budgetMinute }))).toEqual({ code: "sms_failed" });

    expect(await budgetSpentIn(budgetMinute)).toBe(spentBefore);
    const rows = await otpRows(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.consumedAt).toBeNull();
    value(await verifyOtp(db, { phone, code: earlier, now: at(OTP_POLICY.resendCooldownMs + 5 * SECOND) }));
  });
});

describe("verifyOtp", () => {
  it("signs in with the right code and creates a patient on first sign-in, the same user next time", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    expect(await usersWithPhone(phone)).toHaveLength(0);

    value(await requestOtp(db, sms, { phone, ip, now: T0 }));
    const first = value(await verifyOtp(db, { phone, code: await codeFromSms(phone), now: at(30 * SECOND) }));
    expect(first).toEqual({ id: expect.any(String), phone, name: null, role: "patient" });
    const [created] = await usersWithPhone(phone);
    expect(created).toMatchObject({ id: first.id, role: "patient" });

    // Next time, written in Persian digits with +98: the same account.
    const persian = `+۹۸${phone.slice(1).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!)}`;
    value(await requestOtp(db, sms, { phone: persian, ip, now: at(2 * MINUTE) }));
    const second = value(await verifyOtp(db, { phone: persian, code: await codeFromSms(phone), now: at(3 * MINUTE) }));
    expect(second.id).toBe(first.id);
    expect(await usersWithPhone(phone)).toHaveLength(1);
  });

  it("signs an existing staff member in with their role and name unchanged", async () => {
    const phone = freshPhone();
    const [staff] = await db.insert(users).values({ phone, name: "علی کریمی", role: "staff" }).returning();
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }));
    const signedIn = value(await verifyOtp(db, { phone, code: await codeFromSms(phone), now: at(SECOND) }));
    expect(signedIn).toEqual({ id: staff!.id, phone, name: "علی کریمی", role: "staff" });
  });

  it("accepts a code only once", async () => {
    const phone = freshPhone();
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }));
    const code = await codeFromSms(phone);
    value(await verifyOtp(db, { phone, code, now: at(SECOND) }));
    expect(failure(await verifyOtp(db, { phone, code, now: at(2 * SECOND) }))).toEqual({ code: "no_active_code" });
    const [row] = await otpRows(phone);
    expect(row!.consumedAt).toEqual(at(SECOND));
  });

  it("refuses the code once five minutes have passed", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    value(await requestOtp(db, sms, { phone, ip, now: T0 }));
    const stale = await codeFromSms(phone);
    expect(failure(await verifyOtp(db, { phone, code: stale, now: at(5 * MINUTE) }))).toEqual({ code: "expired" });
    expect(failure(await verifyOtp(db, { phone, code: stale, now: at(60 * MINUTE) }))).toEqual({ code: "expired" });
    expect(await usersWithPhone(phone)).toHaveLength(0);

    // A fresh code used just inside its five minutes works.
    const issuedAt = 6 * MINUTE;
    value(await requestOtp(db, sms, { phone, ip, now: at(issuedAt) }));
    const fresh = await codeFromSms(phone);
    value(await verifyOtp(db, { phone, code: fresh, now: at(issuedAt + 5 * MINUTE - 1) }));
  });

  it("counts wrong codes down and refuses even the right code after five wrong tries", async () => {
    const phone = freshPhone();
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }));
    const code = await codeFromSms(phone);
    const wrong = wrongCodeFor(code);

    const left: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const error = failure(await verifyOtp(db, { phone, code: wrong, now: at(i * SECOND) }));
      expect(error.code).toBe("wrong_code");
      if (error.code === "wrong_code") left.push(error.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);

    // The sixth try is refused even with the right code, and a wrong one is not counted any further.
    expect(failure(await verifyOtp(db, { phone, code, now: at(6 * SECOND) }))).toEqual({ code: "too_many_tries" });
    expect(failure(await verifyOtp(db, { phone, code: wrong, now: at(7 * SECOND) }))).toEqual({ code: "too_many_tries" });
    const [row] = await otpRows(phone);
    expect(row).toMatchObject({ wrongTries: 5, consumedAt: null });
    expect(await usersWithPhone(phone)).toHaveLength(0);
  });

  it("does not count a malformed code as a wrong try", async () => {
    const phone = freshPhone();
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }));
    for (const code of ["12345", "1234567", "abcdef", ""]) {
      expect(failure(await verifyOtp(db, { phone, code, now: at(SECOND) }))).toEqual({ code: "invalid_code_format" });
    }
    const [row] = await otpRows(phone);
    expect(row!.wrongTries).toBe(0);
    // Surrounding spaces are forgiven.
    value(await verifyOtp(db, { phone, code: ` ${await codeFromSms(phone)} `, now: at(2 * SECOND) }));
  });

  it("invalidates the previous code when a new one is sent", async () => {
    const phone = freshPhone();
    const ip = freshIp();
    value(await requestOtp(db, sms, { phone, ip, now: T0 }));
    const first = await codeFromSms(phone);
    // A new code is random and may, once in a million, repeat the old one; ask again until it differs.
    let second = first;
    let now = T0.getTime();
    while (second === first) {
      now += OTP_POLICY.resendCooldownMs;
      value(await requestOtp(db, sms, { phone, ip, now: new Date(now) }));
      second = await codeFromSms(phone);
    }

    const error = failure(await verifyOtp(db, { phone, code: first, now: new Date(now + SECOND) }));
    expect(error).toEqual({ code: "wrong_code", triesLeft: 4 });
    const rows = await otpRows(phone);
    expect(rows[0]!.consumedAt).toEqual(new Date(now));
    expect(rows.at(-1)!.consumedAt).toBeNull();

    value(await verifyOtp(db, { phone, code: second, now: new Date(now + 2 * SECOND) }));
  });

  it.each([
    ["Persian digits", (code: string) => code.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!)],
    ["Arabic-Indic digits", (code: string) => code.replace(/\d/g, (d) => "٠١٢٣٤٥٦٧٨٩"[Number(d)]!)],
    ["mixed digits with a space", (code: string) => `${code.slice(0, 3)} ${code.slice(3).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!)}`],
    ["direction marks pasted from an SMS", (code: string) => `\u200f${code}\u200e`],
  ])("accepts the code typed in %s", async (_label, write) => {
    const phone = freshPhone();
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }));
    const code = await codeFromSms(phone);
    const signedIn = value(await verifyOtp(db, { phone, code: write(code), now: at(SECOND) }));
    expect(signedIn.phone).toBe(phone);
  });

  it("refuses a code that is not six digits without counting a wrong try", async () => {
    const phone = freshPhone();
    value(await requestOtp(db, sms, { phone, ip: freshIp(), now: T0 }));
    const code = await codeFromSms(phone);
    for (const typed of [`${code}${"1".repeat(11)}`, code.slice(0, 5), "abcdef", "۱۲۳۴۵"]) {
      expect(failure(await verifyOtp(db, { phone, code: typed, now: at(SECOND) }))).toEqual({ code: "invalid_code_format" });
    }
    const [row] = await otpRows(phone);
    expect(row!.wrongTries).toBe(0);
    value(await verifyOtp(db, { phone, code, now: at(2 * SECOND) }));
  });

  it("refuses an invalid phone and a number that was never sent a code", async () => {
    expect(failure(await verifyOtp(db, { phone: "02112345678", code: "123456", now: T0 }))).toEqual({ code: "invalid_phone" });
    expect(failure(await verifyOtp(db, { phone: "۰۹۱۲", code: "123456", now: T0 }))).toEqual({ code: "invalid_phone" });
    expect(failure(await verifyOtp(db, { phone: freshPhone(), code: "123456", now: T0 }))).toEqual({ code: "no_active_code" });
  });
});
