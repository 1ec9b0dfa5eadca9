import { expect, test, type Page } from "@playwright/test";
import { openCheckout, setupPaymentJourneys } from "./support/booking";
import { DEMO, newPatient } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Money leaving the wallet (issue 13 §4), on a 360 px phone: a withdrawal asked by a patient and paid by the
 * platform admin, and a payment refunded after a lost race sent back to the card. */

test.use({ viewport: { width: 360, height: 780 } });

const doctorList = setupPaymentJourneys();

const persianDigits = (text: string) => text.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);

async function payAtSandbox(page: Page) {
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await page.waitForURL(/\/pay\/result\//);
}

test("a patient withdraws part of the balance to their Sheba; the platform admin marks it paid with the bank's reference", async ({
  browser,
}) => {
  const patient = await newPatient(browser);
  await patient.page.goto("/wallet");
  await patient.page.getByLabel("مبلغ (تومان)").fill("200000");
  await patient.page.getByRole("button", { name: "پرداخت و افزایش اعتبار" }).click();
  await payAtSandbox(patient.page);
  await expect(patient.page.getByRole("heading", { name: "کیف پول شما شارژ شد" })).toBeVisible();

  await patient.page.goto("/wallet");
  const form = patient.page.getByTestId("withdraw-form");
  await expect(form).toContainText("صاحب حساب: نگار آزمایشی");
  // A mistyped digit: the mod-97 check refuses it, in Persian, and keeps what was typed.
  await form.getByLabel("شماره شبا").fill("IR۰۶ ۲۹۶۰ ۰۰۰۰ ۰۰۱۰ ۰۳۲۴ ۲۰۰۰ ۰۲");
  await form.getByLabel("مبلغ برداشت (تومان)").fill("۵۰۰۰۰");
  await form.getByRole("button", { name: "ثبت درخواست برداشت" }).click();
  await expect(form.getByRole("alert")).toContainText("این شماره شبا معتبر نیست");
  await form.getByLabel("شماره شبا").fill("IR۰۶ ۲۹۶۰ ۰۰۰۰ ۰۰۱۰ ۰۳۲۴ ۲۰۰۰ ۰۱");
  await form.getByLabel("مبلغ برداشت (تومان)").fill("۵۰۰۰۰");
  await form.getByRole("button", { name: "ثبت درخواست برداشت" }).click();
  await expect(patient.page.getByText("درخواست برداشت ثبت شد")).toBeVisible();
  await expect(patient.page.getByTestId("wallet-balance")).toHaveText("۱۵۰٬۰۰۰ تومان");
  const mine = patient.page.getByTestId("withdrawal");
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveAttribute("data-status", "requested");
  await expect(mine).toContainText("IR06 2960 0000 0010 0324 2000 01");

  const admin = await signedInPage(browser, DEMO.admin);
  await admin.page.setViewportSize({ width: 360, height: 780 });
  await admin.page.goto("/staff/payouts");
  await expect(admin.page.getByRole("heading", { name: "پرداخت به حساب بیماران" })).toBeVisible();
  const row = admin.page
    .getByTestId("payout-row")
    .filter({ hasText: "IR06 2960 0000 0010 0324 2000 01" })
    .filter({ hasText: "۵۰٬۰۰۰ تومان" })
    .last();
  await row.getByLabel("شماره پیگیری بانک").fill("140309151234");
  await row.getByRole("button", { name: "ثبت واریز" }).click();
  await expect(admin.page.getByTestId("payout-decided")).toHaveText("واریز ثبت شد.");

  await patient.page.goto("/wallet");
  await expect(mine).toHaveAttribute("data-status", "paid");
  await expect(mine).toContainText(`شماره پیگیری بانک: ${persianDigits("140309151234")}`);
  await expect(patient.page.getByTestId("wallet-balance")).toHaveText("۱۵۰٬۰۰۰ تومان");
  await admin.context.close();
  await patient.context.close();
});

test("a payment refunded to the wallet after a lost race goes back to the card at once", async ({ browser }) => {
  const first = await newPatient(browser);
  const second = await newPatient(browser);
  const checkoutUrl = await openCheckout(first.page, doctorList()[5]!);
  await second.page.goto(checkoutUrl);
  await first.page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await first.page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await second.page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await first.page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await first.page.getByRole("button", { name: "پرداخت موفق" }).click();
  await first.page.waitForURL(/\/pay\/result\//);
  await payAtSandbox(second.page);
  await expect(second.page.getByRole("heading", { name: "این زمان پیش از تأیید پرداخت شما رزرو شد" })).toBeVisible();

  const offer = second.page.getByTestId("back-to-card");
  await expect(offer).toBeVisible();
  await expect(offer.getByRole("link", { name: "نگه‌داشتن در کیف پول" })).toBeVisible();
  await offer.getByRole("button", { name: "برگشت به کارت" }).click();
  await expect(second.page.getByTestId("back-to-card-done")).toContainText("به کارت بانکی شما برگشت داده شد");
  await expect(second.page.getByTestId("wallet-balance")).toHaveText("۰ تومان");

  await second.page.goto("/wallet");
  await expect(second.page.getByTestId("ledger-entry").first()).toHaveAttribute("data-reason", "card_reversal");
  await first.context.close();
  await second.context.close();
});
