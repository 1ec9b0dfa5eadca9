import { expect, test } from "@playwright/test";

/** Issue 15 §3, on a 360×740 phone: the first doctor is on the first screen (the filters fold behind one
 * control), the whole card leads to the doctor, and the doctor page puts the free times before the long
 * profile, with a book button that stays at the bottom of the screen. */

const PHONE = { width: 360, height: 740 };
const results = (page: import("@playwright/test").Page) => page.getByRole("region", { name: "پزشکان" });

test.describe("on a 360 px phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("the first doctor card is on the first screen, the filters one tap away, the whole card a link", async ({ page }) => {
    await page.goto("/");
    const first = results(page).getByRole("article").first();
    const box = await first.boundingBox();
    expect(box, "the first doctor card is laid out").not.toBeNull();
    expect(box!.y).toBeLessThan(PHONE.height - 48);

    const specialty = page.getByLabel("تخصص", { exact: true });
    await expect(specialty).toBeHidden();
    await page.getByText("فیلترها", { exact: true }).click();
    await expect(specialty).toBeVisible();

    // A tap anywhere on the card — here near its bottom corner, far from its name — opens the doctor.
    const name = await first.getByRole("heading").innerText();
    const card = (await first.boundingBox())!;
    await first.tap({ position: { x: 24, y: card.height - 16 } });
    await expect(page).toHaveURL(/\/doctors\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  });

  test("a search with filters in use shows them open, with their number", async ({ page }) => {
    await page.goto("/doctors?free=week&chat=1");
    await expect(page.getByText("فیلترها (۲)", { exact: true })).toBeVisible();
    await expect(page.getByLabel("مشاوره متنی می‌پذیرد")).toBeChecked();
  });

  test("the doctor page shows the free times before the profile, and its book button stays on screen", async ({ page }) => {
    await page.goto("/doctors");
    await results(page).getByRole("article").first().getByRole("link").click();
    await expect(page).toHaveURL(/\/doctors\/[0-9a-f-]{36}$/);

    const slots = page.getByRole("heading", { name: /زمان‌های خالی/ });
    const about = page.getByRole("heading", { name: "درباره پزشک و مطب" });
    const slotsTop = (await slots.boundingBox())!.y;
    expect(slotsTop).toBeLessThan((await about.boundingBox())!.y);
    expect(slotsTop).toBeLessThan(PHONE.height);

    // Not over the free times while they are in view; once scrolled past them, at the bottom of the screen.
    const book = page.getByRole("link", { name: "انتخاب زمان نوبت" });
    await expect(book).toBeHidden();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(book).toBeVisible();
    const bookBox = (await book.boundingBox())!;
    expect(bookBox.y + bookBox.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(bookBox.y).toBeGreaterThan(PHONE.height - 120);
    await book.tap();
    await expect(slots).toBeInViewport();
  });
});

test("on a wide screen the filters are shown without the fold, and no sticky book button", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await expect(page.getByLabel("تخصص", { exact: true })).toBeVisible();
  await expect(page.getByText("فیلترها", { exact: true })).toBeHidden();
  await page.goto("/doctors");
  await results(page).getByRole("article").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "انتخاب زمان نوبت" })).toBeHidden();
});
