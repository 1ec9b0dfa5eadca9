import { expect, test, type Locator, type Page } from "@playwright/test";
import { doctorPaths, payDirect } from "./support/booking";
import { freshPatientPhone, readSmsOutbox, waitForOtp, newPatient } from "./support/fixtures";
import { layoutShift, observeLayoutShift } from "./tools/layout-shift";

/** The patient's whole way to a visit, as a person does it: on a phone, by keyboard alone, and when someone else
 * is faster. */

const CHECKOUT = "تأیید و پرداخت نوبت";
const SUCCESS = "پرداخت موفق بود و نوبت شما ثبت شد";
const UNAVAILABLE = "این زمان دیگر قابل رزرو نیست";
const PAY_DIRECT = "پرداخت آنلاین (درگاه زرین‌پال)";

const slotLinks = (page: Page) => page.locator("#day-slots").getByRole("link", { name: /^رزرو نوبت ساعت/ });

async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

/** Presses Tab until `target` has the focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((element) => element === document.activeElement, handle)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focused element is drawn with a focus ring (the app's amber box-shadow, or an outline). */
async function expectVisibleFocus(target: Locator) {
  const ring = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    return { shadow: style.boxShadow, outline: style.outlineStyle === "none" ? "" : style.outlineWidth };
  });
  expect(ring.shadow !== "none" || (ring.outline !== "" && ring.outline !== "0px"), `no focus ring: ${JSON.stringify(ring)}`).toBe(true);
}

let doctors: string[] = [];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  doctors = await doctorPaths(page);
  expect(doctors.length).toBeGreaterThanOrEqual(8);
  await page.close();
});

test.describe("on a 360 × 740 phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("search → doctor → slot → sign in → checkout → pay in the sandbox → success → in my appointments", async ({ page, baseURL }) => {
    // Scripts, styles, fonts and images all come from the app itself: no CDN, no font service.
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.protocol !== "data:" && url.origin !== new URL(baseURL!).origin) elsewhere.push(request.url());
    });
    await observeLayoutShift(page.context());
    await page.goto("/");
    await expectFitsWidth(page);
    await page.getByLabel("نام پزشک، تخصص یا کلینیک").fill("قلب");
    await page.getByRole("button", { name: "جستجو", exact: true }).click();
    await expect(page).toHaveURL(/\/doctors\?q=/);

    const doctorLink = page.getByRole("region", { name: "پزشکان" }).getByRole("article").first().getByRole("link");
    const doctorName = (await doctorLink.innerText()).trim();
    await doctorLink.click();
    await expect(page.getByRole("heading", { level: 1, name: doctorName })).toBeVisible();
    await expectFitsWidth(page);
    expect(await layoutShift(page), "layout shift on search and doctor page").toBeLessThan(0.01);

    const slot = slotLinks(page).first();
    const slotPath = await slot.getAttribute("href");
    await slot.click();

    // A guest signs in on the way and lands back on the checkout of the slot they chose.
    await page.waitForURL(/\/login\?next=/);
    const phone = freshPatientPhone();
    const [previous] = await readSmsOutbox(page.request, phone);
    await page.getByLabel("شماره موبایل").fill(phone);
    await page.getByRole("button", { name: "ارسال کد" }).click();
    await page.getByLabel("کد تأیید").fill(await waitForOtp(page.request, phone, previous));
    await page.getByRole("button", { name: "ورود", exact: true }).click();
    await page.waitForURL((url) => url.pathname === slotPath);

    // Before paying: doctor, date and time, fee, wallet balance, both ways to pay, the policy in one sentence.
    await expect(page.getByRole("heading", { level: 1, name: CHECKOUT })).toBeVisible();
    const summary = page.getByRole("definition");
    await expect(summary.filter({ hasText: doctorName })).toHaveCount(1);
    await expect(page.getByTestId("checkout-when")).toHaveText(/^.+ [۰-۹]{4}، ساعت [۰-۹]{2}:[۰-۹]{2}$/);
    await expect(page.getByTestId("checkout-fee")).toHaveText(/^[۰-۹٬]+ تومان$/);
    await expect(page.getByTestId("checkout-wallet")).toHaveText("۰ تومان");
    await expect(page.getByRole("button", { name: PAY_DIRECT })).toBeVisible();
    await expect(page.getByRole("button", { name: "پرداخت از کیف پول" })).toBeVisible();
    await expect(page.getByTestId("cancel-policy")).toHaveText(/^لغو نوبت تا .+ ساعت پیش از زمان ویزیت .+؛ .+\.$/);
    expect((await page.getByTestId("cancel-policy").innerText()).match(/\./g)).toHaveLength(1);
    await expectFitsWidth(page);
    expect(await layoutShift(page), "layout shift on the checkout").toBeLessThan(0.01);

    await payDirect(page, "پرداخت موفق");
    await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();
    await expectFitsWidth(page);

    // My appointments through the phone's menu, which closes behind the patient.
    const menu = page.locator("details.menu-toggle");
    await menu.locator("summary").click();
    await page.getByRole("navigation", { name: "منوی اصلی (موبایل)" }).getByRole("link", { name: "نوبت‌های من" }).click();
    await expect(page).toHaveURL(/\/appointments$/);
    await expect(menu).not.toHaveAttribute("open", "");
    const appointment = page.getByTestId("appointment");
    await expect(appointment).toHaveCount(1);
    await expect(appointment).toContainText(doctorName);
    await expect(appointment).toHaveAttribute("data-status", "confirmed");
    await expectFitsWidth(page);

    // Back to the checkout (the browser's back button, an old tab): nothing to pay twice.
    await page.goto(slotPath!);
    await expect(page.getByRole("heading", { level: 1, name: "این نوبت را قبلاً رزرو کرده‌اید" })).toBeVisible();
    await expect(page.getByRole("button", { name: PAY_DIRECT })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "مشاهده نوبت‌های من" })).toHaveAttribute("href", "/appointments");
    expect(elsewhere).toEqual([]);
  });

  test("the menu reaches appointments, chats, wallet and payment results, and Escape closes it", async ({ browser }) => {
    const { page, context } = await newPatient(browser);
    await page.goto("/");
    const menu = page.locator("details.menu-toggle");
    const summary = menu.locator("summary");
    await expect(summary).toBeVisible();
    const box = (await summary.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);

    await summary.focus();
    await page.keyboard.press("Enter");
    const nav = page.getByRole("navigation", { name: "منوی اصلی (موبایل)" });
    for (const [name, path] of [
      ["نوبت‌های من", "/appointments"],
      ["گفتگوها", "/chats"],
      ["کیف پول", "/wallet"],
      ["پرداخت‌های من", "/payments"],
    ] as const) {
      const link = nav.getByRole("link", { name });
      await expect(link).toHaveAttribute("href", path);
      const linkBox = (await link.boundingBox())!;
      expect(linkBox.height, `${name} is a 44 px tap target`).toBeGreaterThanOrEqual(44);
      expect(linkBox.x).toBeGreaterThanOrEqual(0);
      expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(360);
    }
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(summary).toBeFocused();

    await summary.click();
    await nav.getByRole("link", { name: "پرداخت‌های من" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "پرداخت‌های من" })).toBeVisible();
    await expect(page.getByText("هنوز پرداختی انجام نداده‌اید.")).toBeVisible();
    await context.close();
  });
});

test("keyboard only: from the doctor's page to a paid visit with Tab, Enter and Space", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await page.goto(doctors[5]!);

  const slot = slotLinks(page).first();
  await tabTo(page, slot);
  await expectVisibleFocus(slot);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: CHECKOUT })).toBeVisible();

  const payDirectButton = page.getByRole("button", { name: PAY_DIRECT });
  await tabTo(page, payDirectButton);
  await expectVisibleFocus(payDirectButton);
  await page.keyboard.press("Space");
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);

  await tabTo(page, page.getByRole("button", { name: "پرداخت موفق" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  const toAppointments = page.getByRole("link", { name: "مشاهده نوبت‌های من" });
  await tabTo(page, toAppointments);
  await expectVisibleFocus(toAppointments);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("appointment")).toHaveCount(1);
  await context.close();
});

test("a slot taken in another tab leaves the calendar on return, and its checkout offers the nearest free ones", async ({ browser }) => {
  const watcher = await newPatient(browser);
  const booker = await newPatient(browser);
  const doctorPath = doctors[6]!;
  await watcher.page.goto(doctorPath);
  const doctorName = (await watcher.page.getByRole("heading", { level: 1 }).innerText()).trim();
  const takenPath = (await slotLinks(watcher.page).first().getAttribute("href"))!;

  // Another patient books it while the first one's page is open in a background tab.
  await booker.page.goto(takenPath);
  await payDirect(booker.page, "پرداخت موفق");
  await expect(booker.page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  const refetched = watcher.page.waitForResponse((response) => /\/api\/doctors\/[^/]+\/slots$/.test(new URL(response.url()).pathname));
  // What the browser fires when the patient comes back to the tab.
  await watcher.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await refetched;
  await expect(watcher.page.locator(`a[href="${takenPath}"]`)).toHaveCount(0);
  const nextFreePath = await slotLinks(watcher.page).first().getAttribute("href");

  // An old link (or another tab) still leads to it: the checkout says why, and offers the nearest free times.
  await watcher.page.goto(takenPath);
  await expect(watcher.page.getByRole("heading", { level: 1, name: UNAVAILABLE })).toBeVisible();
  // (The other alert on the page is Next.js's empty route announcer.)
  await expect(watcher.page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("این زمان همین حالا توسط بیمار دیگری رزرو شد.");
  await expect(watcher.page.getByRole("button", { name: PAY_DIRECT })).toHaveCount(0);
  const alternatives = watcher.page.getByRole("region", { name: `نزدیک‌ترین زمان‌های خالی ${doctorName}` }).getByRole("link");
  expect(await alternatives.count()).toBeGreaterThanOrEqual(1);
  expect(await alternatives.count()).toBeLessThanOrEqual(6);
  await expect(alternatives.first()).toHaveAttribute("href", nextFreePath!);
  await expect(watcher.page.locator(`a[href="${takenPath}"]`)).toHaveCount(0);

  await alternatives.first().click();
  await expect(watcher.page.getByRole("heading", { level: 1, name: CHECKOUT })).toBeVisible();
  expect(new URL(watcher.page.url()).pathname).toBe(nextFreePath);
  await watcher.context.close();
  await booker.context.close();
});

test("a slot taken while the patient is on its checkout: pressing pay explains it and offers other times", async ({ browser }) => {
  const slow = await newPatient(browser);
  const fast = await newPatient(browser);
  await slow.page.goto(doctors[7]!);
  const slotPath = (await slotLinks(slow.page).first().getAttribute("href"))!;
  await slow.page.goto(slotPath);
  await expect(slow.page.getByRole("heading", { level: 1, name: CHECKOUT })).toBeVisible();

  await fast.page.goto(slotPath);
  await payDirect(fast.page, "پرداخت موفق");
  await expect(fast.page.getByRole("heading", { name: SUCCESS })).toBeVisible();

  await slow.page.getByRole("button", { name: PAY_DIRECT }).click();
  await expect(slow.page.getByRole("heading", { level: 1, name: UNAVAILABLE })).toBeVisible();
  expect(new URL(slow.page.url()).pathname).toBe(slotPath);
  await expect(slow.page.getByRole("link", { name: /^رزرو نوبت / }).first()).toBeVisible();
  await slow.context.close();
  await fast.context.close();
});
