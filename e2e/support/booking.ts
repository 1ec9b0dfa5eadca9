import { expect, test, type Page } from "@playwright/test";

/** Demo doctors' page paths, in the order the home page lists them. */
export async function doctorPaths(page: Page): Promise<string[]> {
  await page.goto("/doctors");
  const hrefs = await page.locator('a[href^="/doctors/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((href) => /^\/doctors\/[0-9a-f-]{36}$/.test(href)))];
}

/** Opens the checkout of the `slotIndex`-th free slot on a doctor's page and returns its URL. */
export async function openCheckout(page: Page, doctorPath: string, slotIndex = 0): Promise<string> {
  await page.goto(doctorPath);
  const slot = page.locator('a[href^="/book/"]').nth(slotIndex);
  await expect(slot).toBeVisible();
  await slot.click();
  await expect(page.getByRole("heading", { name: "تأیید و پرداخت نوبت" })).toBeVisible();
  return page.url();
}

export type SandboxChoice = "پرداخت موفق" | "پرداخت ناموفق" | "انصراف";

/** A patient's first checkout asks their name inline, in the pay form itself: fill it when it is asked. */
export async function fillInlineName(page: Page, firstName = "نگار", lastName = "آزمایشی"): Promise<void> {
  const asked = page.getByTestId("inline-name");
  if (!(await asked.isVisible())) return;
  await asked.getByLabel("نام", { exact: true }).fill(firstName);
  await asked.getByLabel("نام خانوادگی").fill(lastName);
}

/** From the checkout: pay directly and make the sandbox gateway's choice. */
export async function payDirect(page: Page, choice: SandboxChoice): Promise<void> {
  await fillInlineName(page);
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: choice }).click();
  await page.waitForURL(/\/pay\/result\//);
}

export async function setSandboxFault(page: Page, fault: "none" | "verify-timeout" | "verify-500" | "drop-callback") {
  const response = await page.request.post("/sandbox/control", { data: { fault } });
  expect(response.ok()).toBe(true);
}

/** From the checkout: pay successfully at the sandbox, whose redirect back to the app is lost (drop-callback,
 * lifted again afterwards): the patient is left on the gateway's "paid" page. */
export async function payWithLostReturn(page: Page): Promise<void> {
  await setSandboxFault(page, "drop-callback");
  await fillInlineName(page);
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await expect(page.getByRole("heading", { name: "پرداخت انجام شد" })).toBeVisible();
  await expect(page).toHaveURL(/\/sandbox\/pg\/StartPay\//); // never came back
  await setSandboxFault(page, "none");
}

export async function appointmentCount(page: Page): Promise<number> {
  await page.goto("/appointments");
  await expect(page.getByRole("heading", { name: "نوبت‌های من" })).toBeVisible();
  return page.getByTestId("appointment").count();
}

/** For a payment journey file: the demo doctors' paths, loaded once, and the sandbox back to no fault after
 * each test. Returns a getter, since the paths arrive in beforeAll. */
export function setupPaymentJourneys(): () => string[] {
  let doctors: string[] = [];
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    doctors = await doctorPaths(page);
    expect(doctors.length).toBeGreaterThanOrEqual(8);
    await page.close();
  });
  test.afterEach(async ({ request }) => {
    await request.post("/sandbox/control", { data: { fault: "none" } });
  });
  return () => doctors;
}
