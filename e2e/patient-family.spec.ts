import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { openCheckout, payDirect, setupPaymentJourneys } from "./support/booking";
import { alertWith, DEMO, newPatient } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Issue 13 §1, §3, §5 on a 360 px phone: the name asked inline at the first checkout, a visit booked for a
 * family member, and the appointment's calendar file. */

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const SUCCESS = "پرداخت موفق بود و نوبت شما ثبت شد";
const doctorList = setupPaymentJourneys();

test("the first checkout asks the patient's name inline, and only the first", async ({ browser }) => {
  const { page, context } = await newPatient(browser, { ...PHONE, named: false });
  await openCheckout(page, doctorList()[4]!);
  const asked = page.getByTestId("inline-name");
  await expect(asked).toBeVisible();

  // A name with digits is refused on the checkout itself, with the typed values kept.
  await asked.getByLabel("نام", { exact: true }).fill("رضا۱");
  await asked.getByLabel("نام خانوادگی").fill("کریمی");
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await expect(alertWith(page, "نام فقط می‌تواند حروف و فاصله داشته باشد")).toBeVisible();
  await expect(page.getByTestId("inline-name").getByLabel("نام خانوادگی")).toHaveValue("کریمی");

  await page.getByTestId("inline-name").getByLabel("نام", { exact: true }).fill("رضا");
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  await page.goto("/profile");
  await expect(page.getByTestId("profile-form").getByLabel("نام", { exact: true })).toHaveValue("رضا");
  await openCheckout(page, doctorList()[4]!, 1);
  await expect(page.getByTestId("inline-name")).toHaveCount(0);
  await expect(page.getByTestId("for-whom")).toContainText("خودم (رضا کریمی)");
  await context.close();
});

test("a visit booked for a family member says so, and its calendar file is the owner's alone", async ({ browser }) => {
  const { page, context } = await newPatient(browser, PHONE);
  await page.goto("/profile");
  const add = page.getByTestId("member-add-form");
  await add.getByLabel("نام", { exact: true }).fill("سارا");
  await add.getByLabel("نام خانوادگی").fill("آزمایشی");
  await add.getByLabel("کد ملی").fill("۰۰۱۲۳۴۵۶۷۸");
  await add.getByLabel("نسبت").selectOption("child");
  await add.getByRole("button", { name: "افزودن عضو خانواده" }).click();
  await expect(alertWith(page, "این کد ملی معتبر نیست")).toBeVisible();
  await page.getByTestId("member-add-form").getByLabel("کد ملی").fill("۰۰۱۲۳۴۵۶۷۹");
  await page.getByTestId("member-add-form").getByRole("button", { name: "افزودن عضو خانواده" }).click();
  await expect(page.getByTestId("family-member")).toHaveText(/سارا آزمایشی \(فرزند\)/);

  await openCheckout(page, doctorList()[5]!);
  await page.getByTestId("for-whom").selectOption({ label: "سارا آزمایشی (فرزند)" });
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  await page.goto("/appointments");
  const appointment = page.getByTestId("appointment");
  await expect(appointment).toHaveCount(1);
  await expect(appointment.getByTestId("appointment-for")).toHaveText("برای: سارا آزمایشی (فرزند)");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "no sideways scrolling at 360 px").toBeLessThanOrEqual(360);

  const href = await appointment.getByTestId("add-to-calendar").getAttribute("href");
  expect(href).toMatch(/^\/appointments\/[0-9a-f-]{36}\/calendar\.ics$/);
  const download = page.waitForEvent("download");
  await appointment.getByTestId("add-to-calendar").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.ics$/);
  const ics = (await readFile(await file.path(), "utf8")).replace(/\r\n[ \t]/g, "");
  expect(ics).toMatch(/^BEGIN:VCALENDAR/);
  expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
  expect(ics).toContain("برای: سارا آزمایشی (فرزند)");

  // The clinic sees whom the visit is for — on the doctor's day and in the agenda — compact on a phone.
  const [, y, mo, d, h, mi] = /DTSTART:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(ics)!;
  const tehran = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h! + 3, +mi! + 30)).toISOString();
  const tehranDate = tehran.slice(0, 10);
  // This visit's row (the database may hold earlier runs' visits for the same member name).
  const thisVisit = { hasText: tehran.slice(11, 16).replace(/\d/g, (digit) => "۰۱۲۳۴۵۶۷۸۹"[Number(digit)]!) };
  const doctorId = doctorList()[5]!.split("/").pop();
  const admin = await signedInPage(browser, DEMO.admin);
  await admin.page.setViewportSize(PHONE.viewport);
  const member = "برای: سارا آزمایشی (فرزند) · کد ملی ۰۰۱۲۳۴۵۶۷۹";
  await admin.page.goto(`/staff/schedule?doctor=${doctorId}&date=${tehranDate}`);
  await expect(admin.page.getByTestId("day-slot").filter(thisVisit).locator(".visit-person")).toHaveText(member);
  await admin.page.goto(`/staff/appointments?range=day&date=${tehranDate}&doctor=${doctorId}`);
  const item = admin.page.getByTestId("staff-appointment").filter(thisVisit);
  await expect(item.locator(".visit-person")).toHaveText(member);
  expect(await admin.page.evaluate(() => document.documentElement.scrollWidth), "the agenda fits 360 px").toBeLessThanOrEqual(360);
  await item.screenshot({ path: test.info().outputPath("agenda-item-360.png") });
  await admin.context.close();

  // The past tab holds nothing yet; the upcoming one the visit.
  await page.getByTestId("tab-past").click();
  await expect(page.getByText("نوبت گذشته‌ای ندارید.")).toBeVisible();

  const stranger = await newPatient(browser, { ...PHONE, named: false });
  // The session cookie is Secure, so ask through the stranger's browser rather than the API client.
  const refused = await stranger.page.goto(href!);
  expect(refused?.status()).toBe(404);
  expect(refused?.headers()["content-type"]).not.toContain("text/calendar");
  await stranger.context.close();
  await context.close();
});
