import { expect, test } from "@playwright/test";
import { alertWith, freshPatientPhone, readSmsOutbox, signIn, waitForOtp } from "./support/fixtures";

test.describe("sign-in with phone and one-time code", () => {
  test("a new number signs in with the SMS code and becomes a patient", async ({ page }) => {
    const phone = freshPatientPhone();
    await signIn(page, phone);
    await expect(page.getByRole("button", { name: "خروج" }).first()).toBeAttached();
    await page.goto("/appointments");
    await expect(page.getByRole("heading", { name: "نوبت‌های من" })).toBeVisible();
  });

  test("numbers are accepted in Persian digits and with +98", async ({ page }) => {
    const phone = freshPatientPhone();
    const persian = `+98${phone.slice(1)}`.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    const [previous] = await readSmsOutbox(page.request, phone);
    await page.goto("/login");
    await page.getByLabel("شماره موبایل").fill(persian);
    await page.getByRole("button", { name: "ارسال کد" }).click();
    await expect(page.getByLabel("کد تأیید")).toBeVisible();
    expect(await waitForOtp(page.request, phone, previous)).toMatch(/^\d{6}$/);
  });

  test("an invalid number gets a clear Persian error", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("شماره موبایل").fill("02112345678");
    await page.getByRole("button", { name: "ارسال کد" }).click();
    await expect(alertWith(page, "شماره موبایل معتبر نیست")).toBeVisible();
    await expect(page.getByLabel("شماره موبایل")).toHaveAttribute("aria-invalid", "true");
  });

  test("wrong codes are counted and the sixth try is refused even with the right code", async ({ page }) => {
    const phone = freshPatientPhone();
    const [previous] = await readSmsOutbox(page.request, phone);
    await page.goto("/login");
    await page.getByLabel("شماره موبایل").fill(phone);
    await page.getByRole("button", { name: "ارسال کد" }).click();
    const code = await waitForOtp(page.request, phone, previous);
    const wrong = code === "000000" ? "111111" : "000000";
    const codeInput = page.getByLabel("کد تأیید");
    const submit = page.getByRole("button", { name: "ورود", exact: true });

    await codeInput.fill(wrong);
    await submit.click();
    await expect(alertWith(page, "کد تأیید اشتباه است. ۴ بار دیگر")).toBeVisible();
    for (const left of ["۳", "۲", "۱"]) {
      await codeInput.fill(wrong);
      await submit.click();
      await expect(alertWith(page, `${left} بار دیگر`)).toBeVisible();
    }
    await codeInput.fill(wrong);
    await submit.click();
    await expect(alertWith(page, "دیگر قابل استفاده نیست")).toBeVisible();

    await codeInput.fill(code);
    await submit.click();
    await expect(alertWith(page, "تعداد تلاش‌های ناموفق بیش از حد مجاز است")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a second code cannot be requested within the resend window", async ({ page }) => {
    const phone = freshPatientPhone();
    const [previous] = await readSmsOutbox(page.request, phone);
    await page.goto("/login");
    await page.getByLabel("شماره موبایل").fill(phone);
    await page.getByRole("button", { name: "ارسال کد" }).click();
    await waitForOtp(page.request, phone, previous);
    await page.getByRole("button", { name: "ارسال دوباره کد" }).click();
    await expect(alertWith(page, "برای ارسال دوباره کد")).toBeVisible();
    expect(await readSmsOutbox(page.request, phone)).toHaveLength(1);
  });
});
