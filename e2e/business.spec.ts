import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** The business view: a clinic admin reads their clinic's bookings, attendance and money for a Jalali range,
 * in charts and tables, and takes it to Excel as a CSV; a receptionist may not see it. */

test("a clinic admin reads the business view and exports it as a CSV Excel opens", async ({ browser }) => {
  const clinicAdmin = (await signedInPage(browser, DEMO.clinicAdmin)).page;
  await clinicAdmin.setViewportSize({ width: 1024, height: 768 });
  await clinicAdmin.goto("/staff");
  await clinicAdmin.getByRole("link", { name: "گزارش کسب‌وکار" }).click();
  await expect(clinicAdmin.getByRole("heading", { name: /گزارش کسب‌وکار/ })).toBeVisible();
  // The 30 days up to yesterday (Tehran): today may hold visits the journeys before this one booked.
  const tehranDay = (msAgo: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tehran" }).format(Date.now() - msAgo);
  await clinicAdmin.goto(`/staff/business?from=${tehranDay(30 * 86_400_000)}&to=${tehranDay(86_400_000)}`);
  // The seed's history of بوعلی in those days: three visits, one attended, one no-show, one cancelled.
  await expect(clinicAdmin.getByTestId("business-bookings")).toContainText("۳");
  await expect(clinicAdmin.getByTestId("business-attendanceRate")).toContainText("۵۰٪");
  await expect(clinicAdmin.getByTestId("business-revenue")).toContainText("۶۰۰٬۰۰۰ تومان");
  for (const chart of ["chart-visits", "chart-revenue", "chart-chats"])
    await expect(clinicAdmin.getByTestId(chart).locator("svg")).toBeVisible();
  await expect(clinicAdmin.getByTestId("chart-revenue").locator("text").first()).toContainText(/[۰-۹]/);
  const doctors = clinicAdmin.getByTestId("business-doctors");
  await expect(doctors.locator("tr[data-doctor='دکتر مریم کریمی']")).toBeVisible();
  await expect(doctors).not.toContainText("دکتر بهرام کرمی"); // اکباتان's
  // Nothing spills past a 1024 px tablet.
  expect(await clinicAdmin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);

  await clinicAdmin.getByLabel("گروه‌بندی").selectOption("week");
  await clinicAdmin.getByRole("button", { name: "نمایش" }).click();
  await expect(clinicAdmin).toHaveURL(/group=week/);
  await expect(clinicAdmin.getByTestId("business-bookings")).toContainText("۳");

  const link = clinicAdmin.getByRole("link", { name: "دریافت فایل CSV (اکسل)" });
  const href = await link.getAttribute("href");
  const downloading = clinicAdmin.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^drturn-business-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const body = await readFile((await download.path())!);
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.toString("utf8").slice(1);
  expect(text).toContain("گزارش کسب‌وکار دکتر نوبت");
  expect(text).toMatch(/\r\n\d{4}\/\d{2}\/\d{2},/); // Jalali dates
  expect(text).toContain("جمع,3,1,1,1,50,600000,300000");
  await clinicAdmin.context().close();

  const receptionist = (await signedInPage(browser, DEMO.staff)).page;
  expect((await receptionist.goto("/staff/business"))?.status()).toBe(403);
  expect((await receptionist.goto(href!))?.status()).toBe(403);
  await receptionist.context().close();
});
