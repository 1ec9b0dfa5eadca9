import { expect, test, type Browser, type Page } from "@playwright/test";
import { openCheckout, payDirect } from "./support/booking";
import { DEMO, freshPatientPhone, signIn } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** The clinic's day: staff see the appointments, close a booked slot (the patient is refunded), change a
 * doctor's weekly hours (patients see the new times); patients and doctors get none of it. */

test.describe.configure({ mode: "serial" });

const persianDigits = (text: string) => text.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
// Both of the demo receptionist's clinic, درمانگاه تخصصی بوعلی: staff see only their own clinic.
const BOOKED_DOCTOR = "دکتر رضا یاری";
const EDITED_DOCTOR = "دکتر کامران اکبری";

let staff: Page;
const patient = { phone: freshPatientPhone(), page: undefined as unknown as Page };

async function doctorId(page: Page, name: string): Promise<string> {
  await page.goto("/staff/schedule");
  const value = await page.locator("#doctor option", { hasText: name }).getAttribute("value");
  expect(value, `doctor ${name} in the staff picker`).toMatch(/^[0-9a-f-]{36}$/);
  return value!;
}

async function newPatient(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, patient.phone);
  return page;
}

test.beforeAll(async ({ browser }) => {
  staff = (await signedInPage(browser, DEMO.staff)).page;
  patient.page = await newPatient(browser);
});

test("staff sees today's and upcoming appointments, and finds a new booking by the patient's phone", async () => {
  await openCheckout(patient.page, `/doctors/${await doctorId(staff, BOOKED_DOCTOR)}`);
  await payDirect(patient.page, "پرداخت موفق");
  await expect(patient.page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  await staff.goto("/staff");
  await expect(staff.getByRole("heading", { name: /امروز در کلینیک/ })).toBeVisible();
  // Ghost records are platform-wide: the platform admin's tile, not a clinic receptionist's.
  await expect(staff.getByTestId("tile-ghosts")).toHaveCount(0);
  await expect(staff.getByRole("heading", { name: "نوبت‌های امروز" })).toBeVisible();

  await staff.goto(`/staff/appointments?q=${patient.phone}`);
  const appointment = staff.getByTestId("staff-appointment");
  await expect(appointment).toHaveCount(1);
  await expect(appointment).toContainText(persianDigits(patient.phone));
  await expect(appointment).toContainText("قطعی");
  await expect(staff.getByRole("heading", { name: new RegExp(BOOKED_DOCTOR) })).toBeVisible();
  // The same search with Persian digits.
  await staff.getByLabel("تلفن یا نام بیمار").fill(persianDigits(patient.phone.slice(-7)));
  await staff.getByRole("button", { name: "نمایش" }).click();
  await expect(staff.getByTestId("staff-appointment")).toHaveCount(1);
});

test("closing a slot that has a reservation asks first, then cancels it and refunds the patient in full", async () => {
  await staff.goto(`/staff/appointments?q=${patient.phone}`);
  const appointment = staff.getByTestId("staff-appointment");
  const [slotId, doctor, date] = await Promise.all(["data-slot-id", "data-doctor-id", "data-date"].map((a) => appointment.getAttribute(a)));

  await staff.goto(`/staff/schedule?doctor=${doctor}&date=${date}`);
  const slot = staff.locator(`[data-testid="day-slot"][data-slot-id="${slotId}"]`);
  await expect(slot).toContainText(persianDigits(patient.phone));
  await slot.getByRole("button", { name: "بستن این نوبت" }).click();

  const confirm = slot.getByRole("alertdialog", { name: "این تغییر نوبت رزروشده را لغو می‌کند" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId("booked-list")).toContainText(persianDigits(patient.phone));
  await confirm.getByLabel(/دلیل/).fill("پزشک در این ساعت در اتاق عمل است");
  await confirm.getByRole("button", { name: "تأیید لغو و بازپرداخت" }).click();

  await expect(slot.getByRole("status")).toContainText("نوبت بسته شد.");
  await expect(slot.getByTestId("action-details")).toContainText("به کیف پول");
  await expect(slot.getByTestId("action-details")).toContainText("۳۰۰٬۰۰۰ تومان");
  await expect(slot).toContainText("بسته");

  await patient.page.goto("/appointments?tab=past");
  await expect(patient.page.getByTestId("appointment")).toContainText("لغوشده");
  await patient.page.goto("/wallet");
  await expect(patient.page.getByTestId("wallet-balance")).toHaveText("۳۰۰٬۰۰۰ تومان");
});

test("editing a doctor's weekly hours: the new times appear to patients", async ({ request }) => {
  const id = await doctorId(staff, EDITED_DOCTOR);
  await staff.goto(`/staff/schedule?doctor=${id}`);
  // 24-hour times in Persian digits whatever the browser's locale: no native time input ("09:00 AN").
  await expect(staff.getByLabel("بازه ۱ شنبه از")).toHaveValue("۰۹:۰۰");
  await expect(staff.locator('.schedule-editor input[type="time"]')).toHaveCount(0);
  await staff.getByLabel("بازه ۱ جمعه از").fill("20:00");
  await staff.getByLabel("بازه ۱ جمعه تا").fill("۲۱");
  await staff.getByLabel("بازه ۱ جمعه تا").blur();
  await expect(staff.getByLabel("بازه ۱ جمعه از")).toHaveValue("۲۰:۰۰");
  await expect(staff.getByLabel("بازه ۱ جمعه تا")).toHaveValue("۲۱:۰۰");
  await staff.getByRole("button", { name: "ذخیره ساعت کاری و به‌روزرسانی نوبت‌ها" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "ساعت کاری ذخیره شد" })).toBeVisible();

  const tehran = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Tehran",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const response = await request.get(`/api/doctors/${id}/slots`);
  expect(response.ok()).toBe(true);
  const { days } = (await response.json()) as { days: { date: string; slots: { startsAt: string }[] }[] };
  const friday = days.findIndex((day) => day.slots.some((slot) => tehran.format(new Date(slot.startsAt)) === "Fri 20:00"));
  expect(friday, "a Friday 20:00 slot in the patients' calendar").toBeGreaterThanOrEqual(0);

  await patient.page.goto(`/doctors/${id}`);
  await patient.page.locator(".day-button").nth(friday).click();
  await expect(patient.page.getByRole("link", { name: /۲۰:۰۰/ })).toBeVisible();
});

test("a patient and a doctor get nothing from the staff pages; the doctor has their own", async ({ browser }) => {
  for (const path of [
    "/staff",
    "/staff/appointments",
    "/staff/schedule",
    "/staff/payments",
    "/staff/refunds",
    "/staff/monitoring",
    "/staff/audit",
  ]) {
    const response = await patient.page.goto(path);
    expect(response?.status(), `${path} for a patient`).toBe(403);
    await expect(patient.page.getByRole("heading", { name: "دسترسی ندارید" })).toBeVisible();
  }
  const anonymous = await browser.newPage();
  await anonymous.goto("/staff/schedule");
  await expect(anonymous).toHaveURL(/\/login\?next=/);
  await anonymous.close();

  const doctor = (await signedInPage(browser, DEMO.doctor)).page;
  for (const path of ["/staff", "/staff/schedule", "/staff/monitoring"]) {
    expect((await doctor.goto(path))?.status(), `${path} for a doctor`).toBe(403);
  }
  await doctor.goto("/doctor");
  await expect(doctor.getByRole("heading", { name: "پنل پزشک" })).toBeVisible();
  // The doctor's menu holds their own work, not the patient's links.
  const doctorMenu = doctor.getByRole("navigation", { name: "منوی اصلی", exact: true });
  await expect(doctorMenu.getByRole("link", { name: "پنل پزشک" })).toBeVisible();
  await expect(doctorMenu.getByRole("link", { name: "برنامه کاری من" })).toBeVisible();
  await expect(doctorMenu.getByRole("link", { name: "نظرهای بیماران" })).toBeVisible();
  for (const name of ["کیف پول", "نوبت‌های من"]) await expect(doctorMenu.getByRole("link", { name })).toHaveCount(0);
  await expect(doctor.getByRole("heading", { name: "نوبت‌های امروز" })).toBeVisible();
  await expect(doctor.getByTestId("inbox-counts")).toBeVisible();
  await doctor.goto("/doctor/schedule");
  await expect(doctor.getByRole("heading", { name: "برنامه کاری من" })).toBeVisible();
  await expect(doctor.getByText("شنبه", { exact: true })).toBeVisible();
  await expect(doctor.getByRole("button", { name: "بستن این نوبت" })).toHaveCount(0);
});
