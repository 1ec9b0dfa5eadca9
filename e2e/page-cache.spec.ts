import { expect, test, type APIRequestContext } from "@playwright/test";
import { openCheckout, payDirect, setupPaymentJourneys } from "./support/booking";
import { newPatient } from "./support/fixtures";

/** Issue 15 §1: the pages anonymous visitors share come from the server's page cache, and a booking takes
 * its slot off them at once; a signed-in visitor is always rendered for themselves. */

const doctorList = setupPaymentJourneys();

/** An anonymous visitor's GET, until the server answers it from its cache (the first visit fills it). */
async function cachedPage(request: APIRequestContext, path: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await request.get(path, { headers: { accept: "text/html" } });
    expect(response.status()).toBe(200);
    const html = await response.text();
    if (response.headers()["x-page-cache"] === "hit") return html;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} was never answered from the page cache`);
}

test("a slot booked by one patient is gone from the cached doctor page and search the next moment", async ({ browser, playwright }) => {
  const anonymous = await playwright.request.newContext();
  const doctorPath = doctorList()[6]!;
  const { page, context } = await newPatient(browser);
  const checkoutUrl = await openCheckout(page, doctorPath);
  const slotPath = new URL(checkoutUrl).pathname;
  expect(slotPath).toMatch(/^\/book\/[0-9a-f-]{36}$/);

  expect(await cachedPage(anonymous, doctorPath)).toContain(`href="${slotPath}"`);
  await cachedPage(anonymous, "/");

  // Signed in: never the shared copy.
  const own = await page.goto(doctorPath);
  expect(own?.headers()["x-page-cache"]).toBeUndefined();

  await page.goto(checkoutUrl);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();

  const after = await anonymous.get(doctorPath, { headers: { accept: "text/html" } });
  expect(after.status()).toBe(200);
  expect(await after.text()).not.toContain(`href="${slotPath}"`);
  // And once kept again, the kept copy agrees.
  expect(await cachedPage(anonymous, doctorPath)).not.toContain(`href="${slotPath}"`);
  await anonymous.dispose();
  await context.close();
});

test("client navigations, server actions and unknown query strings are never answered from the cache", async ({ request }) => {
  await cachedPage(request, "/doctors");
  // What the router sends for a client navigation: its RSC payload, never the kept HTML.
  const rsc = await request.get("/doctors", { headers: { rsc: "1", accept: "*/*" } });
  expect(rsc.headers()["x-page-cache"]).toBeUndefined();
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  const odd = await request.get("/doctors?utm_source=x", { headers: { accept: "text/html" } });
  expect(odd.status()).toBe(200);
  expect(odd.headers()["x-page-cache"]).toBeUndefined();
  const unknown = await request.get("/doctors/00000000-0000-4000-8000-000000000000");
  expect(unknown.status()).toBe(404);
  expect((await request.get("/doctors/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
});
