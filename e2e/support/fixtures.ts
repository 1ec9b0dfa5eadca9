import { randomInt } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

/** The seeded demo accounts (lib/demo/seed.ts DEMO_PHONES). */
export const DEMO = {
  patientWithBalance: "09120000001",
  patientEmptyWallet: "09120000002",
  doctor: "09130000001",
  staff: "09140000001",
  clinicAdmin: "09140000002",
  ekbatanStaff: "09140000003",
  admin: "09150000001",
} as const;

export type OutboxMessage = { phone: string; body: string; createdAt: string };

const usedPhones = new Set<string>();

/** A valid mobile number no seeded account uses (0935…), different on every call, so journeys that sign up
 * a new patient don't collide with each other or with earlier runs against the same database. */
export function freshPatientPhone(): string {
  for (;;) {
    const phone = `0935${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
    if (!usedPhones.has(phone)) {
      usedPhones.add(phone);
      return phone;
    }
  }
}

/** SMS stored by the outbox driver for one phone, newest first (GET /api/dev/sms-outbox). */
export async function readSmsOutbox(request: APIRequestContext, phone: string): Promise<OutboxMessage[]> {
  // maxRetries: Playwright retries only a connection reset — once, a kept-alive socket the server was closing
  // just as a new journey's first request reused it (seen right after the fuzz walk). A read: safe to repeat.
  const response = await request.get(`/api/dev/sms-outbox?phone=${encodeURIComponent(phone)}`, { maxRetries: 2 });
  expect(response.ok(), `GET /api/dev/sms-outbox answered ${response.status()}`).toBe(true);
  const data = (await response.json()) as { messages?: OutboxMessage[] };
  return data.messages ?? [];
}

const toLatinDigits = (text: string) =>
  text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));

/** The sign-in code in an SMS body: its first run of exactly six digits. */
export function otpFromSms(body: string): string | undefined {
  return /(?<!\d)\d{6}(?!\d)/.exec(toLatinDigits(body))?.[0];
}

const messageKey = (m: OutboxMessage | undefined) => (m ? `${m.createdAt}\u0000${m.body}` : "");

/** Waits for an SMS to `phone` newer than `previous` (the newest one before the code was asked for) and returns
 * the code in it. */
export async function waitForOtp(request: APIRequestContext, phone: string, previous?: OutboxMessage): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const [latest] = await readSmsOutbox(request, phone);
        if (!latest || messageKey(latest) === messageKey(previous)) return undefined;
        code = otpFromSms(latest.body);
        return code;
      },
      { message: `a sign-in code SMS to ${phone} in the outbox`, timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

/** Signs in through the real OTP form: phone → "ارسال کد" → code from the SMS outbox → "ورود". A number without
 * an account becomes a new patient. Resolves once the browser has left /login.
 *
 * The app limits codes per phone (one a minute) and per client address (20 an hour): sign in as each demo account
 * once per run (reuse the page, or its context's storageState), and use freshPatientPhone() for throwaway patients. */
export async function signIn(page: Page, phone: string): Promise<void> {
  const [previous] = await readSmsOutbox(page.request, phone);

  await page.goto("/login");
  await page.getByLabel("شماره موبایل").fill(phone);
  await page.getByRole("button", { name: "ارسال کد" }).click();
  // One code a minute per phone: a demo account that another journey signed in moments ago waits its turn
  // (once) instead of waiting for a code that was, rightly, never sent.
  const limited = alertWith(page, /ثانیه صبر کنید/);
  await expect(page.getByLabel("کد تأیید").or(limited)).toBeVisible({ timeout: 15_000 });
  if (await limited.isVisible()) {
    test.info().setTimeout(test.info().timeout + 75_000);
    await page.waitForTimeout(61_000);
    await page.getByRole("button", { name: "ارسال کد" }).click();
  }

  const code = await waitForOtp(page.request, phone, previous);
  await page.getByLabel("کد تأیید").fill(code);
  await page.getByRole("button", { name: "ورود", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
}

/** An on-page alert with this text. Next.js keeps an empty role="alert" route announcer on every page, so a
 * bare getByRole("alert") is ambiguous. */
export function alertWith(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}

/** Gives the signed-in patient a name on the profile page (a booking needs one). */
export async function fillProfileName(page: Page, firstName = "نگار", lastName = "آزمایشی"): Promise<void> {
  await page.goto("/profile");
  const form = page.getByTestId("profile-form");
  await form.getByLabel("نام", { exact: true }).fill(firstName);
  await form.getByLabel("نام خانوادگی").fill(lastName);
  await form.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByText("اطلاعات شما ذخیره شد.")).toBeVisible();
}

/** A new browser context signed in as a brand-new patient, who has already given their name unless `named`
 * is false (the journeys of the first checkout, which asks for it inline). */
export async function newPatient(browser: Browser, options: BrowserContextOptions & { named?: boolean } = {}) {
  const { named = true, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await signIn(page, freshPatientPhone());
  if (named) await fillProfileName(page);
  return { context, page };
}
