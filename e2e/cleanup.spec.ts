import { expect, test, type Page } from "@playwright/test";
import { appointmentCount, fillInlineName, openCheckout, setSandboxFault } from "./support/booking";
import { DEMO, freshPatientPhone, signIn } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** "Browser closed at the gateway after paying": the payment is made, the gateway never sends the patient
 * back (sandbox drop-callback), and the admin's cleanup settles it — the reservation exists, exactly once. */

const DOCTOR = "دکتر مهسا نیک‌پور";

test.afterEach(async ({ request }) => {
  await request.post("/sandbox/control", { data: { fault: "none" } });
});

async function runCleanup(admin: Page) {
  await admin.goto("/staff/monitoring");
  const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "اجرای تسویه" }) });
  await form.getByLabel("قدیمی‌تر از (ساعت)").fill("2");
  await form.getByRole("button", { name: "اجرای تسویه" }).click();
  await expect(form.getByRole("status")).toContainText("تسویه انجام شد.");
  return form.getByTestId("action-details");
}

test("paid at the gateway, browser closed before returning → cleanup makes the reservation, once", async ({ browser }) => {
  const admin = (await signedInPage(browser, DEMO.admin)).page;
  await admin.goto("/staff/schedule");
  const doctorId = await admin.locator("#doctor option", { hasText: DOCTOR }).getAttribute("value");

  const context = await browser.newContext();
  const patient = await context.newPage();
  await signIn(patient, freshPatientPhone());
  await openCheckout(patient, `/doctors/${doctorId}`);
  await setSandboxFault(patient, "drop-callback");
  await fillInlineName(patient);
  await patient.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await patient.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await patient.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(patient.getByRole("heading", { name: "پرداخت انجام شد" })).toBeVisible();
  await expect(patient).toHaveURL(/\/sandbox\/pg\/StartPay\//); // never came back
  await setSandboxFault(patient, "none");
  expect(await appointmentCount(patient)).toBe(0);

  await admin.goto("/staff/audit?action=ops.cleanup");
  const auditedBefore = await admin.getByTestId("audit-row").count();

  const first = await runCleanup(admin);
  // At least this payment (another journey may have left one of its own for the cleanup too).
  await expect(first).toContainText(/ثبت نوبت\/خرید: [۱-۹]/);
  await expect(first).toContainText("خطا: ۰");
  expect(await appointmentCount(patient)).toBe(1);

  const second = await runCleanup(admin);
  await expect(second).toContainText("ثبت نوبت/خرید: ۰");
  expect(await appointmentCount(patient)).toBe(1);

  await admin.goto("/staff/audit?action=ops.cleanup");
  await expect(admin.getByTestId("audit-row")).toHaveCount(auditedBefore + 2);
  await context.close();
});
