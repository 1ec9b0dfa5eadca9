import { expect, test, type Page } from "@playwright/test";
import { openCheckout, payDirect } from "./support/booking";
import { DEMO, freshPatientPhone, signIn } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Each clinic sees only its own: the receptionist of بوعلی never meets a patient, a doctor, a clinic name or
 * an amount of another clinic on any staff page, even with another clinic's id in the URL; a page their role
 * may not see answers 403 "دسترسی ندارید"; staff and doctor menus hold their own work. */

test.describe.configure({ mode: "serial" });

const persianDigits = (text: string) => text.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
const OTHER_CLINICS = ["کلینیک اکباتان", "مرکز پزشکی مردم"];
/** Doctors of the other two clinics (db/seed.ts). */
const OTHER_DOCTORS = [
  "دکتر علی رضایی",
  "دکتر کیوان یگانه",
  "دکتر نرگس موسوی",
  "دکتر لیلا کاظمی",
  "دکتر مهسا نیک‌پور",
  "دکتر حمید شریفی",
  "دکتر بهرام کرمی",
  "دکتر یاسمن ملکی",
  "دکتر شیما کریمیان",
];
const EKBATAN_DOCTOR = "دکتر شیما کریمیان";
const EKBATAN_FEE = "۲۹۰٬۰۰۰";

const ekbatanBooking = { phone: freshPatientPhone(), doctorId: "", clinicId: "" };
/** The clinic admin's pages (a receptionist gets 403 on each). */
const CLINIC_ADMIN_PAGES = ["/staff/doctors", "/staff/team", "/staff/reviews", "/staff/business", "/staff/clinic"];

async function expectNothingOfOtherClinics(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const text = await page.locator("main").innerText();
  for (const name of [...OTHER_CLINICS, ...OTHER_DOCTORS]) expect(text, `${name} on ${path}`).not.toContain(name);
  expect(text, `the other clinic's patient on ${path}`).not.toContain(persianDigits(ekbatanBooking.phone));
  expect(text, `the other clinic's amount on ${path}`).not.toContain(EKBATAN_FEE);
}

test.beforeAll(async ({ browser }) => {
  const admin = (await signedInPage(browser, DEMO.admin)).page;
  await admin.goto("/staff/schedule");
  ekbatanBooking.doctorId = (await admin.locator("#doctor option", { hasText: EKBATAN_DOCTOR }).getAttribute("value"))!;
  await admin.goto("/staff/business");
  ekbatanBooking.clinicId = (await admin.locator("#business-clinic option", { hasText: OTHER_CLINICS[0] }).getAttribute("value"))!;
  await admin.context().close();
  const context = await browser.newContext();
  const patient = await context.newPage();
  await signIn(patient, ekbatanBooking.phone);
  await openCheckout(patient, `/doctors/${ekbatanBooking.doctorId}`);
  await payDirect(patient, "پرداخت موفق");
  await expect(patient.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  await context.close();
});

test("the other clinic's receptionist sees the booking (the control)", async ({ browser }) => {
  const ekbatan = (await signedInPage(browser, DEMO.ekbatanStaff)).page;
  await ekbatan.goto(`/staff/appointments?q=${ekbatanBooking.phone}`);
  const row = ekbatan.getByTestId("staff-appointment");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(persianDigits(ekbatanBooking.phone));
  await expect(row).toContainText(EKBATAN_FEE);
  await ekbatan.context().close();
});

test("the receptionist of بوعلی sees nothing of another clinic on any staff page, whatever the URL says", async ({ browser }) => {
  const staff = (await signedInPage(browser, DEMO.staff)).page;
  await staff.goto("/staff");
  await expect(staff.getByTestId("staff-clinics")).toContainText("درمانگاه تخصصی بوعلی (منشی)");
  for (const path of [
    "/staff",
    "/staff/appointments",
    `/staff/appointments?q=${ekbatanBooking.phone}`,
    "/staff/schedule",
    `/staff/schedule?doctor=${ekbatanBooking.doctorId}`,
    "/staff/payments",
    `/staff/payments?phone=${ekbatanBooking.phone}`,
    "/staff/refunds",
    "/chats",
  ]) {
    await expectNothingOfOtherClinics(staff, path);
  }
  // Their own clinic's work is there.
  await staff.goto("/staff/schedule");
  await expect(staff.locator("#doctor option", { hasText: "دکتر مریم کریمی" })).toHaveCount(1);
  await expect(staff.locator("#doctor option", { hasText: EKBATAN_DOCTOR })).toHaveCount(0);

  // Monitoring, the audit trail and the clinic admin's pages (another clinic's doctor too): 403, in Persian.
  for (const path of ["/staff/monitoring", "/staff/audit", ...CLINIC_ADMIN_PAGES, `/staff/doctors/${ekbatanBooking.doctorId}`]) {
    expect((await staff.goto(path))?.status(), path).toBe(403);
    await expect(staff.getByRole("heading", { name: "دسترسی ندارید" })).toBeVisible();
  }
  await expect(staff.getByRole("link", { name: "گزارش رویدادها" })).toHaveCount(0);
  await staff.context().close();
});

test("the clinic admin of بوعلی reads their clinic's monitoring and audit trail, and nothing of another clinic", async ({ browser }) => {
  const clinicAdmin = (await signedInPage(browser, DEMO.clinicAdmin)).page;
  for (const path of [
    "/staff",
    "/staff/monitoring",
    "/staff/audit",
    "/staff/payments",
    "/staff/refunds",
    ...CLINIC_ADMIN_PAGES,
    `/staff/business?clinic=${ekbatanBooking.clinicId}`,
  ]) {
    await expectNothingOfOtherClinics(clinicAdmin, path);
  }
  // Another clinic's doctor by id reads as missing, naming nothing of it.
  const doctorPage = await clinicAdmin.goto(`/staff/doctors/${ekbatanBooking.doctorId}`);
  expect(doctorPage?.status()).toBe(404);
  expect(await clinicAdmin.locator("body").innerText()).not.toContain(EKBATAN_DOCTOR);
  // Monitoring: their clinic's SMS counts, not the platform's job queue and its errors.
  await clinicAdmin.goto("/staff/monitoring");
  await expect(clinicAdmin.getByTestId("ghost-records")).toHaveCount(0);
  await expect(clinicAdmin.getByTestId("job-queue")).toContainText("پیامک‌های بیماران کلینیک");
  await expect(clinicAdmin.getByTestId("failing-jobs")).toHaveCount(0);
  await expect(clinicAdmin.getByText("کارهای ناموفق")).toHaveCount(0);
  // Clinic details: only their own clinic, and patients see the hours and a map link on the doctor page.
  await clinicAdmin.goto("/staff/clinic");
  const details = clinicAdmin.getByTestId("clinic-details");
  await expect(details).toHaveCount(1);
  await expect(details).toContainText("درمانگاه تخصصی بوعلی");
  await details.getByLabel("ساعت کار").fill("شنبه تا پنجشنبه ۸ تا ۲۰");
  await details.getByRole("button", { name: "ذخیره مشخصات" }).click();
  await expect(details.getByRole("status")).toContainText("مشخصات کلینیک ذخیره شد.");
  await details.getByLabel("عرض جغرافیایی").fill("۹۵");
  await details.getByRole("button", { name: "ذخیره مشخصات" }).click();
  await expect(details.getByRole("alert")).toContainText("عرض");
  // The audit trail names people and things, and fits a 1024 px tablet.
  await clinicAdmin.setViewportSize({ width: 1024, height: 768 });
  await clinicAdmin.goto("/staff/audit");
  const cancelled = clinicAdmin.getByTestId("audit-row").filter({ hasText: "لغو نوبت" }).first();
  await expect(cancelled.getByTestId("audit-subject")).toContainText("زهرا محمدی");
  await expect(cancelled.getByTestId("audit-subject")).toContainText("دکتر رضا یاری");
  await expect(cancelled.getByTestId("audit-change")).toContainText("لغوشده");
  await expect(cancelled.getByTestId("audit-change")).not.toContainText("patientId");
  expect(await clinicAdmin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await clinicAdmin.context().close();
});

// The doctor's menu is checked in staff-operations.spec.ts, where the doctor is signed in already: a code is
// sent once a minute per phone, and chat.spec.ts signs the demo doctor in shortly before this file.
test("patients see the clinic's hours and a map link on the doctor page", async ({ page }) => {
  await page.goto("/doctors");
  await page.locator(".doctor-card", { hasText: "دکتر مریم کریمی" }).getByRole("link", { name: "دکتر مریم کریمی" }).click();
  await expect(page.getByText("شنبه تا پنجشنبه ۸ تا ۲۰")).toBeVisible();
  await expect(page.getByTestId("clinic-map")).toHaveAttribute("href", /^https:\/\/www\.openstreetmap\.org\/\?mlat=34\.7992&mlon=48\.5146/);
});

test("the staff menu holds their own work, not the patient's links", async ({ browser }) => {
  const staff = (await signedInPage(browser, DEMO.staff)).page;
  await staff.goto("/staff");
  const staffMenu = staff.getByRole("navigation", { name: "منوی اصلی", exact: true });
  await expect(staffMenu.getByRole("link", { name: "پنل کلینیک" })).toBeVisible();
  for (const name of ["کیف پول", "نوبت‌های من", "پرداخت‌های من"]) await expect(staffMenu.getByRole("link", { name })).toHaveCount(0);
  await staff.context().close();
});
