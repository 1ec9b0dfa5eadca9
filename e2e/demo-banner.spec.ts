import { expect, test, type Page } from "@playwright/test";
import { doctorPaths } from "./support/booking";
import { DEMO, signIn } from "./support/fixtures";

/** The journeys' server runs the production build with the SMS outbox and the sandbox gateway, so it must be a
 * declared demo (DEMO_MODE=true, playwright.config.ts): every page says so, above the header, on a phone too. */

const BANNER = "نسخه نمایشی — پرداخت و پیامک واقعی نیست";

async function expectBanner(page: Page, label: string) {
  const banner = page.getByRole("complementary", { name: BANNER });
  await expect(banner, `${label}: demo banner`).toBeVisible();
  await expect(banner).toHaveText(BANNER);
  // First thing after the skip link: seen before anything that looks like the real clinic.
  const bannerTop = (await banner.boundingBox())!.y;
  const headerTop = (await page.locator("header.site-header").boundingBox())!.y;
  expect(bannerTop, `${label}: banner above the header`).toBeLessThan(headerTop);
}

test("every kind of page shows the demo banner", async ({ page }) => {
  const [doctor] = await doctorPaths(page);
  for (const path of ["/", "/doctors", doctor!, "/login", "/dev/sms", "/no-such-page"]) {
    await page.goto(path);
    await expectBanner(page, path);
  }
  await signIn(page, DEMO.staff);
  for (const path of ["/appointments", "/wallet", "/staff"]) {
    await page.goto(path);
    await expectBanner(page, path);
  }
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the banner wraps inside the screen and the menu still opens", async ({ page }) => {
    await page.goto("/");
    await expectBanner(page, "home");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
    const box = (await page.getByRole("complementary", { name: BANNER }).boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(360);
    await page.locator("details.menu-toggle summary").click();
    await expect(page.getByRole("navigation", { name: "منوی اصلی (موبایل)" })).toBeVisible();
  });
});
