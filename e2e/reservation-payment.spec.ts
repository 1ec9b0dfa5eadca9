import { expect, test } from "@playwright/test";
import { appointmentCount, openCheckout, payDirect, setSandboxFault, setupPaymentJourneys } from "./support/booking";
import { alertWith, newPatient } from "./support/fixtures";

/** The write-up's reservation checklist: no reservation exists before the gateway payment is verified. */

const doctorList = setupPaymentJourneys();

test("direct payment → success → reservation with the gateway's reference", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[0]!);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  await expect(page.getByTestId("ref-id")).not.toBeEmpty();
  expect(await appointmentCount(page)).toBe(1);
  await context.close();
});

test("direct payment → failed → no reservation, and retry succeeds", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[1]!);
  await payDirect(page, "پرداخت ناموفق");
  await expect(page.getByRole("heading", { name: "پرداخت انجام نشد" })).toBeVisible();
  await expect(page.getByRole("link", { name: "انتخاب زمان دیگر" })).toBeVisible();
  const resultUrl = page.url();
  expect(await appointmentCount(page)).toBe(0);

  await page.goto(resultUrl);
  await page.getByRole("button", { name: "پرداخت دوباره" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  expect(await appointmentCount(page)).toBe(1);
  await context.close();
});

test("direct payment → cancelled → no reservation, retry offered", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[2]!);
  await payDirect(page, "انصراف");
  await expect(page.getByRole("heading", { name: "پرداخت انجام نشد" })).toBeVisible();
  await expect(page.getByRole("button", { name: "پرداخت دوباره" })).toBeVisible();
  expect(await appointmentCount(page)).toBe(0);
  await context.close();
});

test("two patients pay for one slot → one reservation, the other is refunded to the wallet", async ({ browser }) => {
  const first = await newPatient(browser);
  const second = await newPatient(browser);
  const checkoutUrl = await openCheckout(first.page, doctorList()[3]!);
  await second.page.goto(checkoutUrl);

  await first.page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await first.page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await second.page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await second.page.waitForURL(/\/sandbox\/pg\/StartPay\//);

  await first.page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(first.page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  await second.page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(second.page.getByRole("heading", { name: "این زمان پیش از تأیید پرداخت شما رزرو شد" })).toBeVisible();
  await expect(second.page.getByTestId("wallet-balance")).not.toHaveText(/^۰ تومان$/);

  expect(await appointmentCount(first.page)).toBe(1);
  expect(await appointmentCount(second.page)).toBe(0);
  await first.context.close();
  await second.context.close();
});

test("an expired intent → graceful message and no new payment", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[4]!);
  await payDirect(page, "پرداخت ناموفق");
  const cookies = await context.cookies();
  const intentCookies = cookies.filter((c) => c.name.startsWith("drturn_intent_"));
  expect(intentCookies).toHaveLength(1);
  await context.clearCookies({ name: intentCookies[0]!.name });
  await page.getByRole("button", { name: "پرداخت دوباره" }).click();
  await expect(alertWith(page, "اطلاعات رزرو یافت نشد")).toBeVisible();
  await expect(page).toHaveURL(/\/pay\/result\//);
  expect(await appointmentCount(page)).toBe(0);
  await context.close();
});

test("browser closed at the gateway → no reservation", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[5]!);
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  const other = await context.newPage();
  await page.close();
  expect(await appointmentCount(other)).toBe(0);
  await context.close();
});

test("verify timeout → 'being checked', no reservation until it is settled", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[6]!);
  await setSandboxFault(page, "verify-timeout");
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت شما در حال بررسی است" })).toBeVisible();
  const resultUrl = page.url();
  expect(await appointmentCount(page)).toBe(0);

  await setSandboxFault(page, "none");
  await page.goto(resultUrl);
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible({ timeout: 20_000 });
  expect(await appointmentCount(page)).toBe(1);
  await context.close();
});

test("a callback for an unknown authority shows 'اطلاعات رزرو یافت نشد'", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await page.goto(`/api/payments/callback?Authority=S${"0".repeat(35)}&Status=OK`);
  await expect(page.getByRole("heading", { name: "اطلاعات رزرو یافت نشد" })).toBeVisible();
  await expect(page.getByRole("link", { name: "بازگشت به انتخاب پزشک و زمان" })).toBeVisible();
  await context.close();
});
