import { expect, test, type Page } from "@playwright/test";
import { payDirect, setupPaymentJourneys } from "./support/booking";
import { freshPatientPhone, readSmsOutbox, signIn } from "./support/fixtures";

/** Issue 12 §6 on a phone: a patient joins the waitlist of a doctor whose chosen day is fully booked, the patient
 * who held that day's only time cancels, and the job queue offers it by SMS with a link to its checkout. The
 * shared server sets WAITLIST_OFFERS_AT_NIGHT so this passes at any hour (the night rule has its own test:
 * lib/waitlist/offers.test.ts). */

const PHONE = { width: 360, height: 780 };
const doctorList = setupPaymentJourneys();

/** The first Thursday at least 3 days ahead, Tehran time (`YYYY-MM-DD`): the demo doctors work Saturday to
 * Wednesday, so on that day a doctor has exactly the times a journey adds. */
function nextThursday(): string {
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tehran", weekday: "short" });
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tehran", year: "numeric", month: "2-digit", day: "2-digit" });
  for (let d = 3; ; d++) {
    const instant = new Date(Date.now() + d * 86_400_000);
    if (weekday.format(instant) === "Thu") return day.format(instant);
  }
}

/** On the doctor's page (which has free times on other days): opens the folded waitlist card and joins it for
 * that one day. */
async function joinForDay(page: Page, doctorPath: string, day: string) {
  await page.goto(doctorPath);
  const card = page.getByTestId("waitlist-card");
  await card.getByText("فهرست انتظار", { exact: true }).click();
  await card.getByLabel("از روز").selectOption(day);
  await card.getByLabel("تا روز").selectOption(day);
  await card.getByRole("button", { name: "عضویت در فهرست انتظار" }).click();
  await expect(card.getByRole("status")).toContainText("در فهرست انتظار این پزشک هستید");
}

async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

test("join a full day's waitlist → another patient cancels → the SMS offer links straight to that slot's checkout", async ({ browser }) => {
  // Two patients, two sign-ins, two payments and the queue: longer than one page's journey.
  test.setTimeout(120_000);
  const doctorPath = doctorList().at(-1)!;
  const day = nextThursday();
  // Tehran has kept +03:30 all year since 2022.
  const startsInMinutes = Math.round((Date.parse(`${day}T10:00:00+03:30`) - Date.now()) / 60_000);

  // The other patient holds that day's only time.
  const holderContext = await browser.newContext({ viewport: PHONE });
  const holder = await holderContext.newPage();
  await signIn(holder, freshPatientPhone());
  const added = await holder.request.post("/api/dev/slots", { data: { doctorId: doctorPath.split("/").pop(), startsInMinutes } });
  expect(added.status()).toBe(201);
  const { slotId } = (await added.json()) as { slotId: string };
  await holder.goto(`/book/${slotId}`);
  const when = (await holder.getByTestId("checkout-when").innerText()).trim();
  await payDirect(holder, "پرداخت موفق");
  await expect(holder.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  // The waiting patient asks for that day on the doctor's page.
  const waiterPhone = freshPatientPhone();
  const waiterContext = await browser.newContext({ viewport: PHONE });
  const waiter = await waiterContext.newPage();
  await signIn(waiter, waiterPhone);
  await joinForDay(waiter, doctorPath, day);
  await expectFitsPhone(waiter);
  // «نوبت‌های من» lists it too, with the way out.
  await waiter.goto("/appointments");
  await expect(waiter.getByTestId("waitlist-list").getByTestId("waitlist-entry")).toHaveCount(1);

  // The holder cancels: the slot frees, and the queue offers it.
  await holder.goto("/appointments");
  await holder.getByRole("link", { name: "لغو نوبت" }).click();
  await holder.getByRole("button", { name: "بله، نوبت لغو شود" }).click();
  await expect(holder).toHaveURL(/cancelled=/);

  let offer: string | undefined;
  await expect
    .poll(
      async () => {
        offer = (await readSmsOutbox(waiter.request, waiterPhone)).find((m) => m.body.includes(`/book/${slotId}`))?.body;
        return offer;
      },
      { message: "the waitlist offer SMS in the outbox", timeout: 30_000 },
    )
    .toBeTruthy();
  expect(offer).toContain("آزاد شد");
  for (const part of when
    .split(/[،,]/)
    .map((p) => p.trim())
    .filter(Boolean))
    expect(offer).toContain(part);

  // The link opens that slot's checkout; paying for it books it and ends the wait.
  const link = /https?:\/\/\S+\/book\/[0-9a-f-]{36}/.exec(offer!)![0];
  await waiter.goto(new URL(link).pathname);
  await expect(waiter.getByRole("heading", { name: "تأیید و پرداخت نوبت" })).toBeVisible();
  await expect(waiter.getByTestId("checkout-when")).toHaveText(when);
  await expectFitsPhone(waiter);
  await payDirect(waiter, "پرداخت موفق");
  await expect(waiter.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  await waiter.goto("/appointments");
  await expect(waiter.getByTestId("waitlist-list")).toHaveCount(0);

  await holderContext.close();
  await waiterContext.close();
});

test("a patient leaves a waitlist from «نوبت‌های من»", async ({ browser }) => {
  const doctorPath = doctorList().at(-2)!;
  const day = nextThursday();
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, freshPatientPhone());
  await joinForDay(page, doctorPath, day);
  await page.goto("/appointments");
  const entry = page.getByTestId("waitlist-list").getByTestId("waitlist-entry");
  await expect(entry).toHaveCount(1);
  await entry.getByRole("button", { name: "خروج از فهرست انتظار" }).click();
  await expect(page.getByTestId("waitlist-list")).toHaveCount(0);
  await page.goto(doctorPath);
  await expect(page.getByTestId("waitlist-card").getByRole("button", { name: "خروج از فهرست انتظار" })).toHaveCount(0);
  await context.close();
});
