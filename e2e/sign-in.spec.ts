import { expect, test, type Page } from "@playwright/test";
import { alertWith, freshPatientPhone, readSmsOutbox, signIn, waitForOtp } from "./support/fixtures";
import { startOwnServer } from "./support/own-server";

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

/** Asks for a code for `phone` on the sign-in page the browser is on. */
async function askForCode(page: Page, phone: string) {
  await page.getByLabel("شماره موبایل").fill(phone);
  await page.getByRole("button", { name: "ارسال کد" }).click();
}

async function codeFor(page: Page, phone: string): Promise<string> {
  const [previous] = await readSmsOutbox(page.request, phone);
  await askForCode(page, phone);
  return waitForOtp(page.request, phone, previous);
}

test.describe("where sign-in sends the browser afterwards", () => {
  test("a tab between the slashes of next (/\\t/evil.example) lands on our own origin", async ({ page, baseURL }) => {
    const phone = freshPatientPhone();
    await page.goto("/login?next=%2F%09%2Fevil.example");
    await expect(page.getByRole("status").filter({ hasText: "پس از ورود به صفحهٔ اصلی می‌روید" })).toBeVisible();
    const code = await codeFor(page, phone);
    await page.getByLabel("کد تأیید").fill(code);
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
  });

  test("a known page of ours in next is where the browser goes", async ({ page }) => {
    const phone = freshPatientPhone();
    await page.goto(`/login?next=${encodeURIComponent("/wallet")}`);
    await expect(page.getByRole("status").filter({ hasText: "پس از ورود" })).toHaveCount(0);
    const code = await codeFor(page, phone);
    await page.getByLabel("کد تأیید").fill(code);
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/wallet", { timeout: 15_000 });
  });

  test("a newline or 600 characters in next is no error page", async ({ page }) => {
    for (const next of ["%2F%0A%2Fevil.example", "/%0D%0ASet-Cookie:x=1", `/${"a".repeat(600)}`]) {
      const response = await page.goto(`/login?next=${next}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByLabel("شماره موبایل")).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "پس از ورود به صفحهٔ اصلی می‌روید" })).toBeVisible();
    }
  });
});

test.describe("the sign-in form", () => {
  test("takes the code typed in Persian digits", async ({ page }) => {
    const phone = freshPatientPhone();
    await page.goto("/login");
    const code = await codeFor(page, phone);
    await page.getByLabel("کد تأیید").fill(code.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!));
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
    await expect(page.getByRole("button", { name: "خروج" }).first()).toBeAttached();
  });

  test("'تغییر شماره' goes back to the phone step, and another number gets its own code", async ({ page }) => {
    const first = freshPatientPhone();
    const second = freshPatientPhone();
    await page.goto("/login");
    await codeFor(page, first);
    await page.getByLabel("کد تأیید").fill("000000");
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await expect(alertWith(page, "کد تأیید اشتباه است")).toBeVisible();

    await page.getByRole("link", { name: "تغییر شماره" }).click();
    await expect(page.getByLabel("شماره موبایل")).toHaveValue(first);
    const code = await codeFor(page, second);
    const persianSecond = second.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    await expect(page.getByRole("status").filter({ hasText: persianSecond })).toBeVisible();
    // Nothing left over from the first number's wrong code.
    await expect(alertWith(page, "کد تأیید اشتباه است")).toHaveCount(0);
    await page.getByLabel("کد تأیید").fill(code);
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
  });

  test("an over-long phone, code or next gets a Persian error, not a server error", async ({ page }) => {
    const serverErrors: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto("/login");
    await askForCode(page, "0".repeat(40));
    await expect(alertWith(page, "شماره موبایل معتبر نیست")).toBeVisible();

    const phone = freshPatientPhone();
    await codeFor(page, phone);
    // A client other than this page could send anything: lift the field's own limit.
    await page.getByLabel("کد تأیید").evaluate((input) => input.removeAttribute("maxlength"));
    await page.getByLabel("کد تأیید").fill("1".repeat(17));
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await expect(alertWith(page, "کد تأیید باید ۶ رقم باشد")).toBeVisible();

    await page.locator('input[name="next"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), `/${"a".repeat(599)}`);
    await page.getByLabel("کد تأیید").fill("123456");
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await expect(alertWith(page, "نشانی صفحهٔ بازگشت معتبر نیست")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    expect(serverErrors).toEqual([]);
  });
});

test.describe("the sign-in limits, on a server of its own", () => {
  test("counts the address that connected, whatever X-Forwarded-For the client sends", async ({ browser }) => {
    test.setTimeout(240_000);
    // No proxy in front (TRUSTED_PROXY_HOPS unset), two codes per address an hour.
    const own = await startOwnServer({ OTP_PER_IP_PER_HOUR: "2" });
    try {
      for (const [i, spoofed] of ["203.0.113.1", "203.0.113.2", "203.0.113.3, 198.51.100.4"].entries()) {
        const context = await browser.newContext({
          baseURL: own.baseURL,
          locale: "fa-IR",
          extraHTTPHeaders: { "X-Forwarded-For": spoofed },
        });
        const page = await context.newPage();
        await page.goto("/login");
        await askForCode(page, freshPatientPhone());
        if (i < 2) await expect(page.getByLabel("کد تأیید")).toBeVisible();
        else await expect(alertWith(page, "تعداد درخواست‌های کد بیش از حد مجاز است")).toBeVisible();
        await context.close();
      }
    } finally {
      await own.close();
    }
  });

  test("behind one trusted proxy, and past the hourly SMS budget a Persian refusal and a metric", async ({ browser }) => {
    test.setTimeout(240_000);
    const own = await startOwnServer({
      TRUSTED_PROXY_HOPS: "1",
      OTP_PER_IP_PER_HOUR: "2",
      SMS_HOURLY_BUDGET: "3",
      METRICS_TOKEN: "own-metrics-token",
    });
    try {
      // As if our proxy had appended the client's address after whatever the client wrote.
      const attempts: [string, "code" | RegExp][] = [
        ["203.0.113.1", "code"],
        ["6.6.6.6, 203.0.113.1", "code"],
        ["7.7.7.7, 203.0.113.1", /تعداد درخواست‌های کد بیش از حد مجاز است/],
        ["203.0.113.2", "code"],
        ["203.0.113.3", /ارسال کد ورود موقتاً متوقف شده است.*[۰-۹]+ دقیقه دیگر/],
      ];
      for (const [forwardedFor, expected] of attempts) {
        const context = await browser.newContext({
          baseURL: own.baseURL,
          locale: "fa-IR",
          extraHTTPHeaders: { "X-Forwarded-For": forwardedFor },
        });
        const page = await context.newPage();
        await page.goto("/login");
        await askForCode(page, freshPatientPhone());
        if (expected === "code") await expect(page.getByLabel("کد تأیید")).toBeVisible();
        else await expect(alertWith(page, expected)).toBeVisible();
        await context.close();
      }
      const metrics = await (await fetch(`${own.baseURL}/api/metrics`, { headers: { authorization: "Bearer own-metrics-token" } })).text();
      expect(metrics).toMatch(/^drturn_sms_budget_refusals_total 1$/m);
      expect(metrics).toMatch(/^drturn_sms_budget_sent_last_hour 3$/m);
    } finally {
      await own.close();
    }
  });
});
