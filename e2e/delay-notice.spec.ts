import { expect, test } from "@playwright/test";
import { payDirect } from "./support/booking";
import { DEMO, freshPatientPhone, readSmsOutbox, signIn } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Issue 14 §3b: the receptionist tells the doctor's patients of today that the doctor is late. The test first
 * makes sure there is someone to tell, whatever the hour: it gives the doctor working hours today starting a few
 * minutes from now (after any the day has), a new patient books today's first free time, and so the notice
 * must reach at least that patient — by SMS and on «نوبت‌های من». */

/** Of بوعلی, the receptionist's clinic; no other journey edits her hours or books her. */
const DOCTOR = "دکتر فاطمه کیانی";
const DELAY = "45";

const tehranParts = (date: Date) =>
  Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Tehran",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

test("a receptionist's delay notice reaches today's booked patient, by SMS and on «نوبت‌های من»", async ({ browser }) => {
  const { page: staff } = await signedInPage(browser, DEMO.staff);
  await staff.goto("/staff/schedule");
  const doctorId = (await staff.locator("#doctor option", { hasText: DOCTOR }).getAttribute("value"))!;
  await staff.goto(`/staff/schedule?doctor=${doctorId}`);

  // Working hours today (Tehran) from ten minutes on, rounded to five, after the day's last interval: one slot.
  const now = tehranParts(new Date());
  const weekday = WEEKDAYS.indexOf(now.weekday!);
  const today = `${now.year}-${now.month}-${now.day}`;
  const slotMinutes = Number(await staff.locator("#slotMinutes").inputValue());
  const day = staff.locator(`fieldset[data-weekday="${weekday}"]`);
  const ends = await day
    .locator('input[type="hidden"][name^="end-"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const free = ends.findIndex((end) => end === "");
  expect(free, "a free interval row today").toBeGreaterThanOrEqual(0);
  const soon = Math.ceil((minutesOf(`${now.hour}:${now.minute}`) + 10) / 5) * 5;
  const start = Math.max(soon, ...ends.filter(Boolean).map(minutesOf));
  expect(start + slotMinutes, "room for one visit before midnight, Tehran time").toBeLessThan(24 * 60);
  const row = day.locator(".interval").nth(free);
  await row.locator("input.clock").nth(0).fill(clock(start));
  await row
    .locator("input.clock")
    .nth(1)
    .fill(clock(start + slotMinutes));
  await row.locator("input.clock").nth(1).blur();
  await staff.getByRole("button", { name: "ذخیره ساعت کاری و به‌روزرسانی نوبت‌ها" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "ساعت کاری ذخیره شد" })).toBeVisible();

  // A new patient books today's first free time.
  const slots = await staff.request.get(`/api/doctors/${doctorId}/slots`);
  const { days } = (await slots.json()) as { days: { date: string; slots: { id: string; startsAt: string }[] }[] };
  const slot = days.find((d) => d.date === today)?.slots[0];
  expect(slot, `a free time of ${DOCTOR} later today`).toBeTruthy();
  const phone = freshPatientPhone();
  const context = await browser.newContext();
  const patient = await context.newPage();
  await signIn(patient, phone);
  await patient.goto(`/book/${slot!.id}`);
  await expect(patient.getByRole("heading", { name: "تأیید و پرداخت نوبت" })).toBeVisible();
  await payDirect(patient, "پرداخت موفق");
  await expect(patient.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  // The receptionist announces the delay: at least that patient is told.
  await staff.goto(`/staff/schedule?doctor=${doctorId}`);
  const form = staff.getByRole("region", { name: "اعلام تأخیر به بیماران امروز" });
  await form.getByLabel("چند دقیقه دیرتر (۵ تا ۲۴۰)").fill(DELAY);
  await form.getByRole("button", { name: "ارسال پیام تأخیر" }).click();
  await expect(form.locator(".alert")).toHaveText(/پیام تأخیر برای [۱-۹][۰-۹]* بیمار فرستاده شد/);

  await expect
    .poll(async () => (await readSmsOutbox(patient.request, phone)).some((m) => m.body.includes(`${DOCTOR} ۴۵ دقیقه دیرتر می‌رسد`)), {
      timeout: 20_000,
    })
    .toBe(true);
  await patient.goto("/appointments");
  const visit = patient.getByTestId("appointment").filter({ hasText: DOCTOR });
  await expect(visit.getByTestId("delay-notice")).toHaveText("دکتر ۴۵ دقیقه دیرتر می‌رسد");
  await context.close();
});
