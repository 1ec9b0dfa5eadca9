import { expect, test, type Page } from "@playwright/test";
import { payDirect, setupPaymentJourneys } from "./support/booking";
import { fillProfileName, freshPatientPhone, readSmsOutbox, signIn } from "./support/fixtures";

/** Issue 13 §2: a patient moves a paid visit to another time of the same doctor, on a phone, without paying
 * again — and is told by SMS. */

const doctors = setupPaymentJourneys();

/** Chooses, in a SlotCalendar, the first day at least two days ahead that has free slots (outside the 24-hour
 * full-refund window, so the visit can be moved), and returns that day's `nth` slot link. */
async function slotTwoDaysAhead(page: Page, nth = 0) {
  const days = page.getByRole("group", { name: "روزهای پیش رو" }).getByRole("button");
  const count = await days.count();
  for (let i = 2; i < count; i++) {
    if ((await days.nth(i).getAttribute("data-empty")) === null) {
      await days.nth(i).click();
      await expect(days.nth(i)).toHaveAttribute("aria-pressed", "true");
      const slots = page.locator("#day-slots").getByRole("link");
      // The day's times replace the last day's: wait for them before counting (count() does not wait).
      await expect(slots.first()).toBeVisible();
      if ((await slots.count()) > nth) return slots.nth(nth);
    }
  }
  return null;
}

/** A doctor with a day two days ahead that has three free times (one to book, another left to move to). The
 * directory's order changes as other journeys book and add hours, so the doctor is found, not taken by
 * position; the search starts at the sixth, away from the doctors the other payment journeys use first. */
async function doctorToMoveWith(page: Page, paths: string[]): Promise<string> {
  for (const path of [...paths.slice(5), ...paths.slice(0, 5)]) {
    await page.goto(path);
    if (await slotTwoDaysAhead(page, 2)) return path;
  }
  throw new Error("no doctor has three free times on a day two days ahead");
}

async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

test("on a 360 px phone: book, change the time at the same fee, see the new time and the SMS", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const phone = freshPatientPhone();
  await signIn(page, phone);
  await fillProfileName(page);

  // Book a visit two days ahead, paid at the sandbox gateway.
  await page.goto(await doctorToMoveWith(page, doctors()));
  const booked = (await slotTwoDaysAhead(page))!;
  await booked.click();
  await expect(page.getByRole("heading", { name: "تأیید و پرداخت نوبت" })).toBeVisible();
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  await page.goto("/appointments");
  const appointment = page.getByTestId("appointment");
  await expect(appointment).toHaveCount(1);
  const before = await appointment.locator(".muted").innerText();
  await appointment.getByRole("link", { name: "تغییر زمان" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "تغییر زمان نوبت" })).toBeVisible();
  await expectFitsWidth(page);

  // Another free time of the same doctor: its label names the time the patient will see.
  const target = await slotTwoDaysAhead(page, 1);
  if (!target) throw new Error("no other free time on a day two days ahead");
  const newTime = (await target.innerText()).trim();
  await target.click();
  const confirm = page.getByTestId("reschedule-confirm");
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("هزینه ویزیت تغییری نمی‌کند");
  await expectFitsWidth(page);
  await confirm.getByRole("button", { name: "تأیید تغییر زمان" }).click();

  await page.waitForURL(/\/appointments\?moved=/);
  await expect(page.getByTestId("moved-notice")).toContainText("زمان نوبت شما به");
  await expect(page.getByTestId("moved-notice")).toContainText(newTime);
  await expect(appointment).toHaveCount(1);
  await expect(appointment).toContainText(newTime);
  expect(await appointment.locator(".muted").innerText()).not.toBe(before);
  await expectFitsWidth(page);

  // Told by SMS (the job queue sends it from the outbox), once.
  await expect
    .poll(async () => (await readSmsOutbox(page.request, phone)).filter((m) => m.body.includes("منتقل شد")).length, {
      message: "the rescheduled SMS in the outbox",
      timeout: 20_000,
    })
    .toBe(1);
  const [sms] = (await readSmsOutbox(page.request, phone)).filter((m) => m.body.includes("منتقل شد"));
  expect(sms!.body).toContain(newTime);

  // No second payment: the only payment is the booking's.
  await page.goto("/payments");
  await expect(page.locator("main").getByRole("link", { name: /^نوبت / })).toHaveCount(1);
  await context.close();
});
