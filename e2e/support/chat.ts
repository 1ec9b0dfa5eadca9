import type { Page } from "@playwright/test";

/** The demo doctor account (DEMO.doctor) is linked to this doctor. */
export const DEMO_DOCTOR = "دکتر مریم کریمی";

/** Asks the demo doctor `question` and pays at the sandbox gateway; resolves on the result page, whose
 * "مشاهده گفتگو" link opens the conversation. */
export async function payForDemoDoctorChat(page: Page, question: string) {
  await page.goto("/doctors");
  await page.getByRole("link", { name: DEMO_DOCTOR, exact: true }).first().click();
  await page.getByRole("link", { name: "پرسیدن سؤال از پزشک" }).click();
  await page.getByLabel("پرسش شما").fill(question);
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
}
