import { expect, test, type Page } from "@playwright/test";

/* Finding a doctor in the seeded demo directory and opening their calendar. Read-only: books nothing. */

// "كيوان يگانه" as typed on an Arabic keyboard: Arabic kaf (U+0643) and yeh (U+064A) instead of Persian ک and ی.
const KEIVAN_WITH_ARABIC_LETTERS = "\u0643\u064A\u0648\u0627\u0646 \u064A\u06AF\u0627\u0646\u0647";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const results = (page: Page) => page.getByRole("region", { name: "پزشکان" });
const doctorCards = (page: Page) => results(page).getByRole("article");
const submitSearch = (page: Page) => page.getByRole("button", { name: "جستجو", exact: true }).click();

test("search by specialty finds that specialty's doctors", async ({ page }) => {
  await page.goto("/doctors");
  await page.getByLabel("تخصص", { exact: true }).selectOption({ label: "اطفال" });
  await submitSearch(page);

  await expect(page).toHaveURL(new RegExp(`/doctors\\?.*specialty=${UUID}`));
  await expect(doctorCards(page)).toHaveCount(2);
  await expect(results(page).getByRole("link", { name: "دکتر سارا احمدی" })).toBeVisible();
  await expect(results(page).getByRole("link", { name: "دکتر کیوان یگانه" })).toBeVisible();

  await page.goto(`/doctors?q=${encodeURIComponent("اطفال")}`);
  await expect(doctorCards(page)).toHaveCount(2);
});

test("a name typed with Arabic ي and ك on the home page finds the doctor", async ({ page }) => {
  await page.goto("/");
  const query = page.getByLabel("نام پزشک، تخصص یا کلینیک");
  await query.fill(KEIVAN_WITH_ARABIC_LETTERS);
  await query.press("Enter");

  await expect(page).toHaveURL(/\/doctors\?.*q=/);
  await expect(doctorCards(page)).toHaveCount(1);
  await expect(results(page).getByRole("link", { name: "دکتر کیوان یگانه" })).toBeVisible();
  await expect(page.getByLabel("نام پزشک، تخصص یا کلینیک")).toHaveValue(KEIVAN_WITH_ARABIC_LETTERS);
});

test("filters go into the address and survive a reload", async ({ page }) => {
  await page.goto("/doctors");
  await page.getByLabel("کلینیک", { exact: true }).selectOption({ label: "کلینیک اکباتان" });
  await page.getByLabel("این هفته (تا پایان جمعه)").check();
  await page.getByLabel("مشاوره متنی می‌پذیرد").check();
  await submitSearch(page);

  await expect(page).toHaveURL(/[?&]chat=1/);
  await expect(page).toHaveURL(/[?&]free=week/);
  await expect(page).toHaveURL(new RegExp(`[?&]clinic=${UUID}`));
  const filteredUrl = page.url();

  await page.reload();
  expect(page.url()).toBe(filteredUrl);
  await expect(page.getByLabel("کلینیک", { exact: true }).locator("option:checked")).toHaveText("کلینیک اکباتان");
  await expect(page.getByLabel("این هفته (تا پایان جمعه)")).toBeChecked();
  await expect(page.getByLabel("مشاوره متنی می‌پذیرد")).toBeChecked();

  // Late in the Persian week nobody may be free any more; then the page must say which filter to drop.
  const found = await doctorCards(page).count();
  if (found === 0) {
    await expect(page.getByRole("link", { name: "برداشتن زمان خالی این هفته" })).toBeVisible();
  }
  for (const card of await doctorCards(page).all()) {
    await expect(card).toContainText("کلینیک اکباتان");
    await expect(card).toContainText("مشاوره متنی:");
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form still searches, and the results are all there", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("تخصص", { exact: true }).selectOption({ label: "اطفال" });
    await page.getByLabel("مشاوره متنی می‌پذیرد").check();
    await submitSearch(page);

    await expect(page).toHaveURL(new RegExp(`/doctors\\?.*specialty=${UUID}.*chat=1`));
    await expect(doctorCards(page)).toHaveCount(2);
    await expect(results(page).getByRole("link", { name: "دکتر کیوان یگانه" })).toBeVisible();
  });
});

test("an empty result says which filter to drop", async ({ page }) => {
  await page.goto(`/doctors?q=${encodeURIComponent("ناموجود")}`);
  await expect(page.getByText("پزشکی با این شرایط پیدا نشد.")).toBeVisible();
  await page.getByRole("link", { name: "برداشتن عبارت «ناموجود»" }).click();

  await expect(page).toHaveURL(/\/doctors$/);
  await expect(doctorCards(page).first()).toBeVisible();
  await expect(page.getByLabel("نام پزشک، تخصص یا کلینیک")).toHaveValue("");
});

test("the doctor page shows free slots by day, the day strip switches days, and a slot leads to checkout", async ({ page }) => {
  const hydrationErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat/i.test(message.text())) hydrationErrors.push(message.text());
  });

  await page.goto(`/doctors?q=${encodeURIComponent("مریم کریمی")}`);
  await results(page).getByRole("link", { name: "دکتر مریم کریمی" }).click();
  await expect(page).toHaveURL(new RegExp(`/doctors/${UUID}$`));
  const doctorId = new URL(page.url()).pathname.split("/").pop()!;

  await expect(page.getByRole("heading", { level: 1, name: "دکتر مریم کریمی" })).toBeVisible();
  await expect(page.getByText("درمانگاه تخصصی بوعلی")).toBeVisible();
  await expect(page.getByRole("link", { name: "پرسیدن سؤال از پزشک" })).toHaveAttribute("href", `/doctors/${doctorId}/chat`);

  const days = page.getByRole("group", { name: "روزهای پیش رو" }).getByRole("button");
  await expect(days).toHaveCount(14);
  await expect(days.first()).toContainText("امروز");
  const selected = page.getByRole("group", { name: "روزهای پیش رو" }).locator('button[aria-pressed="true"]');
  await expect(selected).toHaveCount(1);

  const panel = page.locator("#day-slots");
  const slotLinks = panel.getByRole("link", { name: /^رزرو نوبت ساعت/ });
  await expect(slotLinks.first()).toBeVisible();
  const firstDayHeading = await panel.getByRole("heading").textContent();
  const firstDaySlots = await slotLinks.first().getAttribute("href");

  // Another day with free slots, chosen by keyboard.
  const otherDayIndex = await page
    .getByRole("group", { name: "روزهای پیش رو" })
    .locator('button[aria-pressed="false"]:not([data-empty])')
    .first()
    .evaluate((button) => Array.from(button.parentElement!.children).indexOf(button));
  const otherDay = days.nth(otherDayIndex);
  await otherDay.focus();
  await page.keyboard.press("Enter");
  await expect(otherDay).toHaveAttribute("aria-pressed", "true");
  await expect(selected).toHaveCount(1);
  await expect(panel.getByRole("heading")).not.toHaveText(firstDayHeading ?? "");
  await expect(slotLinks.first()).not.toHaveAttribute("href", firstDaySlots ?? "");

  const slot = slotLinks.first();
  const href = await slot.getAttribute("href");
  expect(href).toMatch(new RegExp(`^/book/${UUID}$`));

  const api = await page.request.get(`/api/doctors/${doctorId}/slots`);
  expect(api.ok()).toBe(true);
  const body = (await api.json()) as { days: { date: string; slots: { id: string; startsAt: string }[] }[] };
  expect(body.days).toHaveLength(14);
  expect(body.days.flatMap((day) => day.slots.map((s) => `/book/${s.id}`))).toContain(href);

  // Checkout needs a signed-in patient: a guest goes through sign-in on the way there.
  await slot.click();
  await expect(page).toHaveURL((url) => url.pathname === href || url.searchParams.get("next") === href);
  expect(hydrationErrors).toEqual([]);
});

test("a slot taken while the patient was in another tab is gone when they come back", async ({ page }) => {
  await page.goto(`/doctors?q=${encodeURIComponent("سارا احمدی")}`);
  await results(page).getByRole("link", { name: "دکتر سارا احمدی" }).click();
  const firstSlot = page
    .locator("#day-slots")
    .getByRole("link", { name: /^رزرو نوبت ساعت/ })
    .first();
  const takenHref = await firstSlot.getAttribute("href");
  expect(takenHref).toMatch(new RegExp(`^/book/${UUID}$`));

  // Another patient books it meanwhile: from now on the slots API no longer offers it.
  await page.route("**/api/doctors/*/slots", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { days: { slots: { id: string }[] }[] };
    for (const day of body.days) day.slots = day.slots.filter((slot) => `/book/${slot.id}` !== takenHref);
    await route.fulfill({ response, json: body });
  });
  const refetched = page.waitForResponse("**/api/doctors/*/slots", { timeout: 10_000 });
  // What the browser fires when the tab becomes visible again.
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await refetched;

  await expect(page.locator(`a[href="${takenHref}"]`)).toHaveCount(0);
  await expect(
    page
      .locator("#day-slots")
      .getByRole("link", { name: /^رزرو نوبت ساعت/ })
      .first(),
  ).toBeVisible();
});

test("an unknown doctor is not found", async ({ page }) => {
  for (const id of ["not-a-doctor", "3f1c2a4e-9b7d-4c1a-8e2f-1a2b3c4d5e6f"]) {
    // An HTTP 404, not a 200 whose body says so: the skeleton must not have streamed first.
    expect((await page.goto(`/doctors/${id}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "پزشک پیدا نشد" })).toBeVisible();
    expect((await page.request.get(`/api/doctors/${id}/slots`)).status()).toBe(404);
  }
});
