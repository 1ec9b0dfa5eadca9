import { expect, test, type APIResponse, type Browser } from "@playwright/test";
import { appointmentCount, doctorPaths, openCheckout, payDirect } from "./support/booking";
import { DEMO, freshPatientPhone, signIn } from "./support/fixtures";
import { watchPageProblems } from "./support/page-problems";
import { actionForm, cookieHeader, postAction, serverAction } from "./support/server-actions";
import { signedInPage } from "./support/staff-session";

/** Every response carries the security headers, no other site can frame the app, and the patient's, the
 * staff's and the doctor's journeys run under the policy without a single violation or console error. */

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: CSP`).toMatch(/form-action 'self'/);
  expect(csp, `${what}: no eval in production`).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["x-frame-options"], what).toBe("DENY");
  // The e2e server's APP_URL is plain http: HSTS there would pin the host to https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("pages, route handlers, static files, redirects and errors all carry the security headers", async ({ request, page }) => {
  const targets: [string, number][] = [
    ["/", 200],
    ["/login", 200],
    ["/favicon.ico", 200],
    ["/doctors?q=قلب", 200],
    ["/api/health", 200],
    ["/api/metrics", 401],
    ["/appointments", 307],
    ["/no-such-page", 404],
    ["/doctors/00000000-0000-4000-8000-000000000000", 404],
    ["/sandbox/pg/StartPay/A000000000000000000000000000000000000", 404],
  ];
  for (const [path, status] of targets) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status);
    expectSecurityHeaders(response, path);
  }
  await page.goto("/");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset, script!);
});

test("the gateway's origin is the only other place a form may go", async ({ request, baseURL }) => {
  const csp = (await request.get("/login")).headers()["content-security-policy"]!;
  const formAction = csp.split("; ").find((d) => d.startsWith("form-action "));
  // The e2e server pays through the in-app sandbox, which lives at APP_URL/sandbox.
  expect(formAction).toBe(`form-action 'self' ${new URL(baseURL!).origin}`);
});

test("another site cannot show /login in a frame", async ({ page, baseURL }) => {
  // A page on another origin, answered by the test itself.
  await page.route("http://framing-site.test/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><h1>elsewhere</h1><iframe src="${baseURL}/login"></iframe>` }),
  );
  await page.goto("http://framing-site.test/");
  await expect(page.getByRole("heading", { name: "elsewhere" })).toBeVisible();
  // Chromium replaces a refused frame with its error page instead of the app.
  await expect.poll(() => page.frames()[1]?.url()).toBe("chrome-error://chromewebdata/");
  await expect(page.frameLocator("iframe").getByLabel("شماره موبایل")).toHaveCount(0);
});

async function journeyContext(browser: Browser, phone?: string) {
  if (phone) {
    const { context, page } = await signedInPage(browser, phone);
    return { context, page, problems: await watchPageProblems(context) };
  }
  const context = await browser.newContext();
  const problems = await watchPageProblems(context);
  return { context, page: await context.newPage(), problems };
}

test("the patient's journey runs under the policy: search, sign in, pay at the gateway, cancel", async ({ browser }) => {
  const { context, page, problems } = await journeyContext(browser);
  await page.goto("/");
  await page.getByLabel("نام پزشک، تخصص یا کلینیک").fill("قلب");
  await page.getByRole("button", { name: "جستجو", exact: true }).click();
  await expect(page).toHaveURL(/\/doctors\?q=/);
  const [doctor] = await doctorPaths(page);
  await page.goto(doctor!);
  await page.locator('a[href^="/book/"]').first().click();
  await page.waitForURL(/\/login\?next=/);
  await page.goto("/");
  await signIn(page, freshPatientPhone());
  // Pay from the checkout: a server action that redirects to the gateway's StartPay page and back.
  await openCheckout(page, doctor!, 1);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  expect(await appointmentCount(page)).toBe(1);
  // The staff's cancel action, posted by the patient for their own visit: refused, the visit stays booked, and
  // the patient's own flow (with its refund confirmation) is the only way.
  const reservationId = new URL(
    (await page.getByRole("link", { name: "لغو نوبت" }).first().getAttribute("href"))!,
    "http://x",
  ).searchParams.get("cancel")!;
  const staffCancel = serverAction("cancelReservationAction", "staff/appointments");
  const refused = await postAction(
    page.request,
    "/staff/appointments",
    staffCancel.id,
    actionForm({ reservationId, reason: "لغو بدون تأیید" }),
    cookieHeader(await page.context().cookies()),
  );
  expect(refused.status()).toBe(200);
  expect(await refused.text()).toContain("شما به این بخش دسترسی ندارید.");
  await page.reload();
  await expect(page.getByRole("link", { name: "لغو نوبت" })).toHaveCount(1);
  await page.getByRole("link", { name: "لغو نوبت" }).first().click();
  await page.getByRole("button", { name: "بله، نوبت لغو شود" }).click();
  await expect(page).toHaveURL(/cancelled=/);
  for (const path of ["/wallet", "/payments", "/chats"]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
  }
  expect(problems.list).toEqual([]);
  await context.close();
});

test("without JavaScript, the checkout form still reaches the gateway: form-action allows it", async ({ browser }) => {
  // The slot is found with JavaScript: the doctor page streams its slots under a loading skeleton, which only a
  // script reveals. The checkout itself is what must work without it.
  const { context: signedIn, page: finder } = await signedInPage(browser, DEMO.patientWithBalance);
  const [, doctor] = await doctorPaths(finder);
  const checkoutUrl = await openCheckout(finder, doctor!);
  const state = await signedIn.storageState();
  await signedIn.close();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const problems = await watchPageProblems(context);
  const page = await context.newPage();
  await page.goto(checkoutUrl);
  await expect(page.getByRole("heading", { name: "تأیید و پرداخت نوبت" })).toBeVisible();
  await page.getByRole("button", { name: "پرداخت آنلاین (درگاه زرین‌پال)" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "انصراف" }).click();
  await page.waitForURL(/\/pay\/result\//);
  expect(problems.list).toEqual([]);
  await context.close();
});

test("the staff's journey runs under the policy", async ({ browser }) => {
  const { context, page, problems } = await journeyContext(browser, DEMO.admin);
  const pages: [string, string][] = [
    ["/staff", "امروز در کلینیک"],
    ["/staff/appointments?q=0912", "نوبت‌ها"],
    ["/staff/schedule", "برنامه کاری پزشکان"],
    ["/staff/payments", "پرداخت‌ها"],
    ["/staff/refunds", "بازپرداخت‌ها"],
    ["/staff/monitoring", "پایش پرداخت‌ها"],
    ["/staff/audit", "گزارش رویدادها"],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.locator("h1").first(), path).toContainText(heading);
  }
  // A staff server action round trip: a dry run of the cleanup job.
  await page.goto("/staff/monitoring");
  await page.getByLabel("فقط نمایش، بدون تغییر").check();
  await page.getByRole("button", { name: "اجرای تسویه" }).click();
  await expect(page.getByText("پیش‌نمایش: هیچ تغییری داده نشد")).toBeVisible();
  expect(problems.list).toEqual([]);
  await context.close();
});

test("the doctor's journey runs under the policy", async ({ browser }) => {
  const { context, page, problems } = await journeyContext(browser, DEMO.doctor);
  for (const path of ["/doctor", "/doctor/schedule", "/doctor/chats"]) {
    await page.goto(path);
    await expect(page.locator("h1").first(), path).toBeVisible();
  }
  // A doctor books a visit with a colleague as a patient, and cancels it like one.
  const [, , colleague] = await doctorPaths(page);
  await openCheckout(page, colleague!);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  await page.goto("/appointments");
  await page.getByRole("link", { name: "لغو نوبت" }).first().click();
  await page.getByRole("button", { name: "بله، نوبت لغو شود" }).click();
  await expect(page).toHaveURL(/cancelled=/);
  expect(problems.list).toEqual([]);
  await context.close();
});
