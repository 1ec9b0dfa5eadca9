import { expect, test } from "@playwright/test";
import { DEMO } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Issue 14 §3b: the receptionist tells the doctor's patients of today that the doctor is late. Whether the
 * seeded day still has visits depends on the hour, so the answer is either the count told or the Persian
 * "no visits left" — never a framework error. */
test("a receptionist announces a delay from today's page and gets a Persian answer", async ({ browser }) => {
  const { page } = await signedInPage(browser, DEMO.staff);
  await page.goto("/staff/schedule");
  const doctor = await page.locator("#doctor option", { hasText: "دکتر کامران اکبری" }).getAttribute("value");
  await page.goto(`/staff/schedule?doctor=${doctor}`);
  const form = page.getByRole("region", { name: "اعلام تأخیر به بیماران امروز" });
  await expect(form).toBeVisible();
  await form.getByLabel("چند دقیقه دیرتر (۵ تا ۲۴۰)").fill("45");
  await form.getByRole("button", { name: "ارسال پیام تأخیر" }).click();
  await expect(form.locator(".alert")).toHaveText(/پیام تأخیر برای [۰-۹]+ بیمار فرستاده شد|نوبت تأییدشده‌ای نزد این پزشک نیست/);
});
