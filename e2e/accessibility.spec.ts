import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { doctorPaths, openCheckout, payDirect } from "./support/booking";
import { freshPatientPhone, signIn } from "./support/fixtures";

/** Every patient page passes axe (WCAG 2.1 A and AA rules) without a serious or critical violation, in Persian
 * right-to-left. The signed-in pages are visited by one new patient who books a visit on the way. */

type AxePage = ConstructorParameters<typeof AxeBuilder>[0]["page"];

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectAccessible(page: Page, label: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // @axe-core/playwright types its page with its own newer playwright-core; the page API it uses is the same.
  const { violations } = await new AxeBuilder({ page: page as unknown as AxePage }).withTags(WCAG).analyze();
  const severe = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(" ")).join("\n    ")}`,
    );
  expect(severe, `${label}: serious or critical accessibility violations`).toEqual([]);
}

test("public pages: home, search results and a doctor's page", async ({ page }) => {
  await page.goto("/");
  await expectAccessible(page, "home");
  await page.goto(`/doctors?q=${encodeURIComponent("قلب")}`);
  await expect(page.getByRole("region", { name: "پزشکان" }).getByRole("article").first()).toBeVisible();
  await expectAccessible(page, "search results");
  await page.goto("/doctors?q=zzzz-no-such-doctor&chat=1");
  await expectAccessible(page, "empty search results");
  const [doctor] = await doctorPaths(page);
  await page.goto(doctor!);
  await expectAccessible(page, "doctor page");
});

test("sign-in: a wrong number's error is tied to its field", async ({ page }) => {
  await page.goto("/login?next=/appointments");
  const phone = page.getByLabel("شماره موبایل");
  await phone.fill("12345");
  await page.getByRole("button", { name: "ارسال کد" }).click();
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  const errorId = await phone.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${errorId}"]`)).toContainText("شماره موبایل معتبر نیست");
  await expect(phone).toHaveAccessibleDescription(/شماره موبایل معتبر نیست/);
  await expectAccessible(page, "sign-in with an error");
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("home with the menu open", async ({ page }) => {
    await page.goto("/");
    await page.locator("details.menu-toggle summary").click();
    await expect(page.getByRole("navigation", { name: "منوی اصلی (موبایل)" })).toBeVisible();
    await expectAccessible(page, "home, phone menu open");
  });
});

test("patient pages: checkout, payment result, taken slot, appointments, payments and wallet", async ({ page, browser }) => {
  await signIn(page, freshPatientPhone());
  const [, doctor] = await doctorPaths(page);
  const checkoutUrl = await openCheckout(page, doctor!);
  await expectAccessible(page, "checkout");

  await payDirect(page, "پرداخت ناموفق");
  await expect(page.getByRole("heading", { name: "پرداخت انجام نشد" })).toBeVisible();
  await expectAccessible(page, "payment result: failed");

  await page.goto(checkoutUrl);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  await expectAccessible(page, "payment result: paid");

  await page.goto(checkoutUrl);
  await expect(page.getByRole("heading", { name: "این نوبت را قبلاً رزرو کرده‌اید" })).toBeVisible();
  await expectAccessible(page, "checkout of the patient's own slot");

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, freshPatientPhone());
  await other.goto(checkoutUrl);
  await expect(other.getByRole("heading", { name: "این زمان دیگر قابل رزرو نیست" })).toBeVisible();
  await expectAccessible(other, "checkout of a slot someone else took");
  await otherContext.close();

  await page.goto("/appointments");
  await expect(page.getByTestId("appointment")).toHaveCount(1);
  await expectAccessible(page, "my appointments");

  await page.goto("/payments");
  await expect(page.getByTestId("payment")).toHaveCount(2);
  await expectAccessible(page, "my payments");

  await page.goto("/wallet");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "wallet");

  await page.goto("/account");
  await expect(page.getByTestId("delete-blockers")).toBeVisible(); // the booked visit is upcoming
  await expectAccessible(page, "my account");

  await page.goto("/account/data");
  await expect(page.getByTestId("data-appointments")).toBeVisible();
  await expectAccessible(page, "my data");
});
