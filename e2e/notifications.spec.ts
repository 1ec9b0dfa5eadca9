import { expect, test } from "@playwright/test";
import { openCheckout, payDirect, setupPaymentJourneys } from "./support/booking";
import { freshPatientPhone, readSmsOutbox, signIn } from "./support/fixtures";

/** Issue 12: after paying, the patient is told — by SMS (the outbox, sent by the job queue) and in the app,
 * with the unread count on the phone's header without opening the menu. */

const PHONE = { width: 360, height: 780 };
const doctorList = setupPaymentJourneys();

test("book and pay → the confirmation SMS is in the outbox, and the same text is under پیام‌ها", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const phone = freshPatientPhone();
  await signIn(page, phone);

  await openCheckout(page, doctorList()[6]!);
  const when = (await page.getByTestId("checkout-when").innerText()).trim();
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  // The job queue inside the app sends it: it arrives within a few polls.
  await expect
    .poll(
      async () => (await readSmsOutbox(page.request, phone)).find((m) => m.body.includes("ثبت شد") && m.body.includes("کد پیگیری"))?.body,
      {
        timeout: 20_000,
      },
    )
    .toBeTruthy();
  const [confirmation] = (await readSmsOutbox(page.request, phone)).filter((m) => m.body.includes("کد پیگیری"));
  // The link goes to this visit in «نوبت‌های من» (its item's id), not just the list.
  const link = /\/appointments#([0-9a-f-]{36})/.exec(confirmation!.body);
  expect(link).not.toBeNull();
  expect(confirmation!.body).toContain("نشانی:");
  for (const part of when
    .split(/[،,]/)
    .map((p) => p.trim())
    .filter(Boolean))
    expect(confirmation!.body).toContain(part);

  // Followed, it lands on that visit's item, which is the page's target.
  await page.goto(link![0]);
  await expect(page.locator(":target")).toHaveAttribute("data-testid", "appointment");
  await expect(page.locator(":target")).toHaveAttribute("id", link![1]!);

  // The header shows one unread message on a phone, outside the closed menu.
  await page.goto("/appointments");
  const inbox = page.getByTestId("inbox-link");
  await expect(inbox).toBeVisible();
  await expect(inbox).toHaveAttribute("data-unread", "1");
  await inbox.click();
  await expect(page.getByRole("heading", { name: "پیام‌ها", exact: true })).toBeVisible();
  const item = page.getByTestId("notifications").locator("li").first();
  await expect(item).toContainText("کد پیگیری");
  await expect(item.locator("p").first()).toHaveText(confirmation!.body);
  await page.goto("/appointments");
  await expect(page.getByTestId("inbox-link")).toHaveAttribute("data-unread", "0");
  await context.close();
});

test("reminders can be turned off on the settings page, and on again", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, freshPatientPhone());
  await page.goto("/notifications/settings");
  const toggle = page.getByTestId("reminders-toggle");
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByRole("status")).toContainText("تنظیمات ذخیره شد");
  await page.reload();
  await expect(page.getByTestId("reminders-toggle")).not.toBeChecked();
  await page.getByTestId("reminders-toggle").check();
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByTestId("reminders-toggle")).toBeChecked();
  await context.close();
});
