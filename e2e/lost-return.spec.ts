import { expect, test } from "@playwright/test";
import { appointmentCount, openCheckout, payDirect, payWithLostReturn, setupPaymentJourneys } from "./support/booking";
import { newPatient } from "./support/fixtures";

/** Issue 11 §1: the gateway's return is lost (common on mobile networks) after a successful payment. The
 * result page and "my payments" ask the gateway themselves and settle the payment while the patient looks —
 * no cleanup job involved. The sandbox's drop-callback fault loses the return. */

const doctorList = setupPaymentJourneys();
// Settling waits for the attempt to be a few seconds old, then for the page's next poll.
const SETTLES = { timeout: 30_000 };

test("paid, return lost → the result page opened from my payments settles it by itself", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[5]!);
  await payWithLostReturn(page);

  await page.goto("/payments");
  const item = page.getByTestId("payment").first();
  await item.getByRole("link").click();
  await page.waitForURL(/\/pay\/result\//);
  // The page polls every few seconds, not in a loop: count its server-action calls until it settles.
  let polls = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) polls++;
  });
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible(SETTLES);
  expect(polls).toBeGreaterThan(0);
  expect(polls).toBeLessThan(15);
  await expect(page.getByTestId("ref-id")).not.toBeEmpty();
  expect(await appointmentCount(page)).toBe(1);
  await context.close();
});

test("paid, return lost → my payments updates the payment to paid by itself", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[6]!);
  await payWithLostReturn(page);

  await page.goto("/payments");
  await expect(page.getByTestId("payment").first()).toHaveAttribute("data-status", "paid", SETTLES);
  await expect(page.getByTestId("payment").first()).toContainText("موفق");
  expect(await appointmentCount(page)).toBe(1);
  await context.close();
});

test("an old failed attempt whose retry was paid says so and links to the paid result", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openCheckout(page, doctorList()[7]!);
  await payDirect(page, "پرداخت ناموفق");
  const failedUrl = page.url();
  await page.getByRole("button", { name: "پرداخت دوباره" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  const paidUrl = page.url();

  await page.goto(failedUrl);
  await expect(page.getByRole("heading", { name: "این خرید با پرداخت بعدی انجام شد" })).toBeVisible();
  await expect(page.getByRole("button", { name: "پرداخت دوباره" })).toHaveCount(0);
  await page.getByRole("link", { name: "مشاهده پرداخت موفق" }).click();
  await expect(page).toHaveURL(paidUrl);
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  expect(await appointmentCount(page)).toBe(1);
  await context.close();
});
