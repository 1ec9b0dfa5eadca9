import { expect, test, type Page } from "@playwright/test";
import { appointmentCount, openCheckout, payDirect, setupPaymentJourneys, type SandboxChoice } from "./support/booking";
import { alertWith, newPatient } from "./support/fixtures";

/** The wallet journeys of the payment write-up ("wallet payment → still works as before", the pending_booking_data
 * intents) and cancellation — all on a 360 px wide phone. */

const PHONE = { width: 360, height: 780 };

/** "۳۵۰٬۰۰۰ تومان" → 350000 */
function toman(text: string): number {
  const latin = text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return Number(latin.replace(/[^0-9]/g, ""));
}

async function expectFitsPhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} scrolls sideways on a ${PHONE.width} px phone`).toBeLessThanOrEqual(PHONE.width);
}

async function walletBalance(page: Page): Promise<number> {
  await page.goto("/wallet");
  await expect(page.getByRole("heading", { name: "کیف پول", exact: true })).toBeVisible();
  return toman(await page.getByTestId("wallet-balance").innerText());
}

/** On /wallet: type an amount in Toman and pay for it at the sandbox. */
async function topUp(page: Page, amount: string, choice: SandboxChoice = "پرداخت موفق") {
  await page.goto("/wallet");
  await page.getByLabel("مبلغ (تومان)").fill(amount);
  await page.getByRole("button", { name: "پرداخت و افزایش اعتبار" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: choice }).click();
  await page.waitForURL(/\/pay\/result\//);
}

/** The visit fee and time the checkout screen shows. */
async function checkoutFacts(page: Page) {
  return {
    fee: toman(await page.getByTestId("checkout-fee").innerText()),
    when: (await page.getByTestId("checkout-when").innerText()).trim(),
  };
}

/** An extra open slot `hoursAhead` from now (sandbox-only dev route), so a journey can book inside or outside
 * the cancellation window whatever the day of the week. */
async function extraSlot(page: Page, doctorPath: string, hoursAhead: number): Promise<string> {
  const response = await page.request.post("/api/dev/slots", {
    data: { doctorId: doctorPath.split("/").pop(), startsInMinutes: Math.round(hoursAhead * 60) },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { slotId: string }).slotId;
}

const SUCCESS = "پرداخت موفق بود و نوبت شما ثبت شد";
const TOPPED_UP = "کیف پول شما شارژ شد";

const doctorList = setupPaymentJourneys();
const doctor = (i: number) => doctorList()[(7 + i) % doctorList().length]!;

test("top up, then pay from the wallet → reservation and a lower balance, both in the statement", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  expect(await walletBalance(page)).toBe(0);
  await expect(page.getByText("هنوز تراکنشی در کیف پول شما ثبت نشده است.")).toBeVisible();
  await expectFitsPhone(page);

  await topUp(page, "500000");
  await expect(page.getByRole("heading", { name: TOPPED_UP })).toBeVisible();
  expect(await walletBalance(page)).toBe(500_000);

  await openCheckout(page, doctor(0));
  const { fee } = await checkoutFacts(page);
  await page.getByRole("button", { name: "پرداخت از کیف پول" }).click();
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();
  expect(await appointmentCount(page)).toBe(1);

  expect(await walletBalance(page)).toBe(500_000 - fee);
  const entries = page.getByTestId("ledger-entry");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute("data-reason", "reservation_payment");
  await expect(entries.nth(0)).toContainText(/پرداخت نوبت دکتر/);
  await expect(entries.nth(1)).toContainText("افزایش اعتبار از درگاه پرداخت");
  await expectFitsPhone(page);
  await context.close();
});

test("insufficient balance → top up the difference → back to the same booking → finish with the wallet", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  await topUp(page, "100000");
  await openCheckout(page, doctor(1));
  const { fee, when } = await checkoutFacts(page);
  await page.getByRole("button", { name: "پرداخت از کیف پول" }).click();

  await page.waitForURL(/\/pay\/shortfall\//);
  await expect(page.getByRole("heading", { name: "موجودی کیف پول کافی نیست" })).toBeVisible();
  await expect(page.getByTestId("purchase-when")).toHaveText(when);
  expect(toman(await page.getByTestId("shortfall").innerText())).toBe(fee - 100_000);
  await expectFitsPhone(page);

  await page.getByRole("button", { name: /^شارژ .+ و ادامه$/ }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: TOPPED_UP })).toBeVisible();
  await page.getByRole("link", { name: "ادامه خرید با کیف پول" }).click();

  await page.waitForURL(/\/pay\/confirm\//);
  await expect(page.getByRole("heading", { name: "تکمیل خرید با کیف پول" })).toBeVisible();
  await expect(page.getByTestId("purchase-when")).toHaveText(when);
  expect(toman(await page.getByTestId("wallet-balance").innerText())).toBe(fee);
  await expect(page.getByTestId("balance-after")).toHaveText("۰ تومان");
  await expectFitsPhone(page);
  await page.getByRole("button", { name: "پرداخت از کیف پول و ثبت نوبت" }).click();

  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();
  expect(await appointmentCount(page)).toBe(1);
  expect(await walletBalance(page)).toBe(0);
  await context.close();
});

test("insufficient balance → pay the whole price directly instead; the wallet is untouched", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  await openCheckout(page, doctor(2));
  const { fee } = await checkoutFacts(page);
  await page.getByRole("button", { name: "پرداخت از کیف پول" }).click();
  await page.waitForURL(/\/pay\/shortfall\//);
  expect(toman(await page.getByTestId("shortfall").innerText())).toBe(fee);

  await page.getByRole("button", { name: /^پرداخت .+ از درگاه$/ }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();
  expect(await appointmentCount(page)).toBe(1);
  expect(await walletBalance(page)).toBe(0);
  await context.close();
});

test("the shortfall screen after the booking's intent is gone → 'اطلاعات رزرو یافت نشد', nothing bought", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  await openCheckout(page, doctor(3));
  await page.getByRole("button", { name: "پرداخت از کیف پول" }).click();
  await page.waitForURL(/\/pay\/shortfall\//);
  const intentCookies = (await context.cookies()).filter((c) => c.name.startsWith("drturn_intent_"));
  expect(intentCookies).toHaveLength(1);
  await context.clearCookies({ name: intentCookies[0]!.name });
  await page.reload();
  await expect(page.getByRole("heading", { name: "اطلاعات رزرو یافت نشد" })).toBeVisible();
  await expect(page.getByRole("link", { name: "بازگشت به انتخاب پزشک و زمان" })).toBeVisible();
  expect(await appointmentCount(page)).toBe(0);
  await context.close();
});

test("top-up: clear errors for a bad amount; a failed payment credits nothing and retry credits once", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  await page.goto("/wallet");
  const amount = page.getByLabel("مبلغ (تومان)");
  const pay = page.getByRole("button", { name: "پرداخت و افزایش اعتبار" });

  await amount.fill("500");
  await pay.click();
  await expect(alertWith(page, "مبلغ باید بین ۱٬۰۰۰ تومان و")).toBeVisible();
  await expect(amount).toHaveValue("500");
  await amount.fill("دویست هزار");
  await pay.click();
  await expect(alertWith(page, "مبلغ را به تومان و فقط با رقم وارد کنید")).toBeVisible();
  await expectFitsPhone(page);

  await topUp(page, "۲۰۰۰۰۰", "پرداخت ناموفق");
  await expect(page.getByRole("heading", { name: "پرداخت انجام نشد" })).toBeVisible();
  await expect(page.getByText("شارژ کیف پول انجام نشد")).toBeVisible();
  await expect(page.getByRole("link", { name: "رفتن به کیف پول" })).toBeVisible();
  const resultUrl = page.url();
  expect(await walletBalance(page)).toBe(0);

  await page.goto(resultUrl);
  await page.getByRole("button", { name: "پرداخت دوباره" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: TOPPED_UP })).toBeVisible();
  // Coming back to the result screen again changes nothing.
  await page.reload();
  await expect(page.getByRole("heading", { name: TOPPED_UP })).toBeVisible();
  expect(await walletBalance(page)).toBe(200_000);
  await expect(page.getByTestId("ledger-entry")).toHaveCount(1);
  await context.close();
});

test("cancel 24 h or more ahead → refunded to the wallet, and the slot can be booked again", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  const slotId = await extraSlot(page, doctor(4), 72);
  await page.goto(`/book/${slotId}`);
  const { fee } = await checkoutFacts(page);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  await page.goto("/appointments");
  await page.getByRole("link", { name: "لغو نوبت" }).click();
  await page.waitForURL(/\?cancel=/);
  const policy = page.getByTestId("cancel-policy");
  await expect(policy).toHaveAttribute("data-rule", "full_refund");
  expect(toman((await policy.innerText()).split(":").pop()!)).toBe(fee);
  await expectFitsPhone(page);
  await page.getByRole("button", { name: "بله، نوبت لغو شود" }).click();
  await page.waitForURL(/\?cancelled=/);
  await expect(page.getByRole("status")).toContainText("نوبت لغو شد و");
  // No longer upcoming: nothing left to cancel here, and the visit is listed under past visits as cancelled.
  await expect(page.getByRole("link", { name: "لغو نوبت" })).toHaveCount(0);
  await page.goto("/appointments?tab=past");
  await expect(page.getByTestId("appointment")).toHaveAttribute("data-status", "cancelled");

  expect(await walletBalance(page)).toBe(fee);
  await expect(page.getByTestId("ledger-entry").first()).toContainText("بازگشت وجه لغو نوبت");

  const other = await newPatient(browser, { viewport: PHONE });
  await other.page.goto(`/book/${slotId}`);
  await payDirect(other.page, "پرداخت موفق");
  await expect(other.page.getByRole("heading", { name: SUCCESS })).toBeVisible();
  expect(await appointmentCount(other.page)).toBe(1);
  await other.context.close();
  await context.close();
});

test("cancel inside 24 h → the no-refund policy is shown before confirming, and nothing is refunded", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { viewport: PHONE });
  const slotId = await extraSlot(page, doctor(5), 3);
  await page.goto(`/book/${slotId}`);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  await page.goto("/appointments");
  await page.getByRole("link", { name: "لغو نوبت" }).click();
  const policy = page.getByTestId("cancel-policy");
  await expect(policy).toHaveAttribute("data-rule", "no_refund");
  await expect(policy).toContainText("کمتر از ۲۴ ساعت به زمان این نوبت مانده است؛ طبق قوانین لغو، با لغو آن مبلغی بازگردانده نمی‌شود.");
  // Changing one's mind keeps the visit.
  await page.getByRole("link", { name: "نه، نوبت بماند" }).click();
  await expect(page.getByTestId("cancel-policy")).toHaveCount(0);
  await expect(page.getByTestId("appointment")).toHaveAttribute("data-status", "confirmed");

  await page.getByRole("link", { name: "لغو نوبت" }).click();
  await page.getByRole("button", { name: "بله، نوبت لغو شود" }).click();
  await page.waitForURL(/\?cancelled=/);
  await expect(page.getByRole("status")).toHaveText("نوبت لغو شد. طبق قوانین لغو مبلغی بازگردانده نشد.");
  expect(await walletBalance(page)).toBe(0);
  await expect(page.getByTestId("ledger-entry")).toHaveCount(0);
  await context.close();
});
