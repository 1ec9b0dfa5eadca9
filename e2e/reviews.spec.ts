import { expect, test } from "@playwright/test";
import { payDirect } from "./support/booking";
import { DEMO, freshPatientPhone, signIn } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** A review only after an attended visit: the patient books and pays, the receptionist marks the visit
 * attended, the patient rates it once; the doctor page shows it as "ویزیت شده" with the averages; the doctor
 * replies once; the clinic admin hides it with a reason and it leaves the page. */

test.describe.configure({ mode: "serial" });

const persianDigits = (text: string) => text.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
const DOCTOR = "دکتر مریم کریمی"; // the demo doctor's profile, of درمانگاه تخصصی بوعلی
const COMMENT = "معاینه دقیق بود و همه‌چیز را با حوصله توضیح دادند.";

test("a patient reviews an attended visit once; the doctor replies; the clinic admin hides it", async ({ browser }) => {
  const admin = (await signedInPage(browser, DEMO.admin)).page;
  await admin.goto("/staff/schedule");
  const doctorId = (await admin.locator("#doctor option", { hasText: DOCTOR }).getAttribute("value"))!;
  await admin.context().close();

  // The patient books a visit that starts in a few minutes, so that the clinic can mark it today.
  const phone = freshPatientPhone();
  const context = await browser.newContext();
  const patient = await context.newPage();
  await signIn(patient, phone);
  const created = await patient.request.post("/api/dev/slots", { data: { doctorId, startsInMinutes: 10 } });
  expect(created.status()).toBe(201);
  const { slotId } = (await created.json()) as { slotId: string };
  await patient.goto(`/book/${slotId}`);
  await payDirect(patient, "پرداخت موفق");
  await expect(patient.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  // Not attended yet: nothing to review.
  await patient.goto("/appointments?tab=past");
  await expect(patient.getByRole("link", { name: "ثبت نظر درباره این ویزیت" })).toHaveCount(0);

  const staff = (await signedInPage(browser, DEMO.staff)).page;
  await staff.goto(`/staff/appointments?q=${phone}`);
  const appointment = staff.getByTestId("staff-appointment");
  await expect(appointment).toContainText(persianDigits(phone));
  await appointment.getByRole("button", { name: "حضور یافت" }).click();
  await expect(appointment).toContainText("ویزیت‌شده");
  await staff.context().close();

  await patient.goto("/appointments?tab=past");
  await patient.getByRole("link", { name: "ثبت نظر درباره این ویزیت" }).click();
  await expect(patient.getByRole("heading", { name: "نظر شما درباره ویزیت" })).toBeVisible();
  for (const [aspect, value] of [
    ["امتیاز کلی", 5],
    ["کیفیت درمان", 5],
    ["برخورد پزشک", 4],
    ["توضیح درباره بیماری و درمان", 5],
  ] as const) {
    await patient.getByLabel(`${aspect}: ${persianDigits(String(value))} از ۵`).check();
  }
  await patient.getByLabel("بله", { exact: true }).check();
  await patient.getByLabel(/توضیح \(اختیاری/).fill(COMMENT);
  await patient.getByRole("button", { name: "ثبت نظر" }).click();
  await expect(patient.getByRole("status")).toContainText("نظر شما ثبت شد");
  // Once only.
  await patient.reload();
  await expect(patient.getByText("نظر شما درباره این ویزیت پیش‌تر ثبت شده است.")).toBeVisible();

  await patient.goto(`/doctors/${doctorId}`);
  const reviews = patient.getByTestId("doctor-reviews");
  const mine = reviews.getByTestId("review").filter({ hasText: COMMENT });
  await expect(mine).toContainText("ویزیت شده");
  await expect(reviews.getByTestId("average-overall")).toContainText("از ۵");
  await patient.goto("/doctors");
  await expect(patient.locator(".doctor-card", { hasText: DOCTOR }).getByTestId("card-rating")).toContainText("★");

  const doctor = (await signedInPage(browser, DEMO.doctor)).page;
  await doctor.goto("/doctor/reviews");
  const toAnswer = doctor.getByTestId("manage-review").filter({ hasText: COMMENT });
  await toAnswer.getByLabel("پاسخ عمومی (یک بار)").fill("سپاس از شما؛ سلامت باشید.");
  await toAnswer.getByRole("button", { name: "ثبت پاسخ" }).click();
  await expect(toAnswer.locator(".doctor-reply")).toContainText("سپاس از شما؛ سلامت باشید.");
  await doctor.reload();
  await expect(doctor.getByTestId("manage-review").filter({ hasText: COMMENT }).getByRole("button", { name: "ثبت پاسخ" })).toHaveCount(0);
  await doctor.context().close();

  await patient.goto(`/doctors/${doctorId}`);
  await expect(patient.getByTestId("review").filter({ hasText: COMMENT })).toContainText("سپاس از شما؛ سلامت باشید.");

  const clinicAdmin = (await signedInPage(browser, DEMO.clinicAdmin)).page;
  await clinicAdmin.goto("/staff/reviews");
  const toHide = clinicAdmin.getByTestId("manage-review").filter({ hasText: COMMENT });
  await toHide.getByLabel(/دلیل پنهان‌کردن/).fill("درخواست خود بیمار");
  await toHide.getByRole("button", { name: "پنهان‌کردن" }).click();
  await expect(toHide).toContainText("پنهان شد: درخواست خود بیمار");
  await clinicAdmin.goto("/staff/audit");
  await expect(clinicAdmin.getByTestId("audit-row").filter({ hasText: "پنهان‌کردن نظر" }).first()).toContainText("درخواست خود بیمار");
  await clinicAdmin.context().close();

  await patient.goto(`/doctors/${doctorId}`);
  await expect(patient.getByTestId("review").filter({ hasText: COMMENT })).toHaveCount(0);
  await context.close();
});
