import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** The monitoring page and /api/metrics against the demo seed's payment history (db/seed-payment-history.ts):
 * per Tehran day before today — d-1 one failed top-up · d-2 one fulfilled · d-3 one failed, its fulfilled
 * retry and one auto-refunded · d-5 one fulfilled from the wallet · d-6 one abandoned · d-12 and d-22 one
 * fulfilled each. Other journeys add payments only today, so the past days are the seed's alone. */

test.describe.configure({ mode: "serial" });

let admin: Page;

test.beforeAll(async ({ browser }) => {
  admin = (await signedInPage(browser, DEMO.admin)).page;
});

const tehranDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tehran", year: "numeric", month: "2-digit", day: "2-digit" });
/** The Tehran calendar day `days` before today, `YYYY-MM-DD`. */
function daysAgo(days: number): string {
  const today = tehranDay.format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - days)).toISOString().slice(0, 10);
}

const persian = (n: number) => String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);

async function expectDay(page: Page, days: number, counts: Record<string, number | string>) {
  const row = page.getByTestId("daily-table").locator(`tr[data-date="${daysAgo(days)}"]`);
  await expect(row, `the row of ${days} days ago`).toHaveCount(1);
  for (const [column, value] of Object.entries(counts)) {
    await expect(row.locator(`td[data-col="${column}"]`), `${column} ${days} days ago`).toHaveText(
      typeof value === "number" ? persian(value) : value,
    );
  }
}

test("the monitoring page shows the numbers the seeded payments imply, and no ghost records", async () => {
  await admin.goto("/staff/monitoring");
  await expect(admin.getByRole("heading", { name: "پایش پرداخت‌ها" })).toBeVisible();
  const ghosts = admin.getByTestId("ghost-records");
  await expect(ghosts.locator(".ghost-count")).toHaveAttribute("data-value", "0");
  await expect(ghosts).toContainText("صفر؛ سالم");
  await expect(ghosts).not.toHaveClass(/alarm/);

  await expectDay(admin, 1, { total: 1, failed: 1, fulfilled: 0, successRate: "۰٪" });
  await expectDay(admin, 2, { total: 1, fulfilled: 1, successRate: "۱۰۰٪" });
  await expectDay(admin, 3, { total: 3, fulfilled: 1, autoRefunded: 1, failed: 1, retries: 1, successRate: "۶۷٪", intentBytes: "۶۰۶" });
  await expectDay(admin, 4, { total: 0, successRate: "—" });
  await expectDay(admin, 5, { total: 1, fulfilled: 1 });
  await expectDay(admin, 6, { total: 1, abandoned: 1 });
  await expect(admin.getByTestId("chart-results").locator(`g[data-date="${daysAgo(3)}"] rect`)).toHaveCount(3);
  await expect(admin.getByTestId("daily-table").locator(`tr[data-date="${daysAgo(12)}"]`)).toHaveCount(0);

  await admin.getByRole("link", { name: "۳۰ روز اخیر" }).click();
  await expect(admin).toHaveURL(/period=30/);
  await expectDay(admin, 12, { total: 1, fulfilled: 1 });
  await expectDay(admin, 22, { total: 1, fulfilled: 1 });
});

test("payments and refunds pages list the seeded history", async () => {
  await admin.goto(`/staff/payments?status=abandoned&day=${daysAgo(6)}`);
  await expect(admin.getByTestId("payment-row")).toHaveCount(1);
  await admin.goto(`/staff/payments?day=${daysAgo(3)}`);
  const rows = admin.getByTestId("payment-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "بازگشت خودکار به کیف پول" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "تلاش دوباره ۱" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "ناموفق" })).toHaveCount(1);
  await admin.goto("/staff/refunds?reason=auto_refund");
  await expect(admin.getByTestId("refund-row").filter({ hasText: "زهرا محمدی" })).toHaveCount(1);
  await admin.goto("/staff/refunds?reason=cancellation_refund");
  await expect(admin.getByTestId("refund-row").filter({ hasText: "عدم حضور پزشک به دلیل شرکت در همایش" })).toHaveCount(1);
});

test("the audit log shows staff actions to an admin", async () => {
  await admin.goto("/staff/audit?action=reservation.cancel");
  const rows = admin.getByTestId("audit-row");
  await expect(rows.first()).toContainText("لغو نوبت");
  await expect(rows.filter({ hasText: "عدم حضور پزشک به دلیل شرکت در همایش" })).toHaveCount(1);
});

test("GET /api/metrics answers only with the bearer token, in Prometheus text", async ({ request }) => {
  const token = process.env.METRICS_TOKEN || "e2e-metrics-token";
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  const text = await response.text();
  expect(text).toContain('drturn_ghost_records{kind="reservation"} 0\n');
  expect(text).toContain('drturn_ghost_records{kind="chat_request"} 0\n');
  expect(text).toMatch(/^drturn_payment_attempts\{purpose="reservation",result="auto_refunded"\} [1-9]\d*$/m);
  expect(text).toMatch(/^drturn_payment_retries_total\{purpose="reservation"\} [1-9]\d*$/m);
  expect(text).toContain("# TYPE drturn_payment_verify_duration_seconds histogram\n");
});
