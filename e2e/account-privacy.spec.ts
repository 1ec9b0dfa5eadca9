import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { alertWith, freshPatientPhone, signIn } from "./support/fixtures";

/** "Download my data" and "Delete my account" (issue 18 §5), as a patient on a phone. */

test.use({ viewport: { width: 360, height: 780 } });

type Export = {
  format: string;
  profile: { phone: string };
  walletLedger: { amountRial: number; reason: string }[];
  appointments: unknown[];
  payments: unknown[];
  chats: unknown[];
};

async function downloadExport(page: Page): Promise<Export> {
  await page.goto("/account");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "دریافت فایل داده‌ها (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^drturn-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  return JSON.parse(await readFile((await download.path())!, "utf8")) as Export;
}

async function requestDeletion(page: Page) {
  await page.goto("/account");
  await page.getByLabel("می‌دانم که حساب و داده‌های من برای همیشه حذف می‌شود.").check();
  await page.getByRole("button", { name: "حذف حساب من" }).click();
}

test("a patient with money in the wallet downloads their data, and deleting is refused with the balance shown", async ({ page }) => {
  const phone = freshPatientPhone();
  await signIn(page, phone);
  await page.goto("/wallet");
  await page.getByLabel("مبلغ (تومان)").fill("150000");
  await page.getByRole("button", { name: "پرداخت و افزایش اعتبار" }).click();
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: "پرداخت موفق" }).click();
  await page.waitForURL(/\/pay\/result\//);

  const data = await downloadExport(page);
  expect(data.format).toBe("dr-turn-patient-export/1");
  expect(data.profile.phone).toBe(phone);
  expect(data.walletLedger).toEqual([expect.objectContaining({ amountRial: 1_500_000, reason: "topup" })]);
  expect(data.payments).toHaveLength(1);

  await page.goto("/account");
  await expect(page.getByTestId("delete-blockers")).toContainText("۱۵۰٬۰۰۰ تومان");
  await page.getByRole("button", { name: "حذف حساب من" }).click();
  await expect(alertWith(page, "تأیید بالا را علامت بزنید")).toBeVisible();

  // Withdrawal first: the blocker leads to the wallet, where the balance is withdrawn to a bank account.
  await page.getByTestId("delete-blockers").getByRole("link", { name: "برداشت موجودی در کیف پول" }).click();
  await page.waitForURL("**/wallet");

  await requestDeletion(page);
  await expect(alertWith(page, /موجودی کیف پول شما ۱۵۰٬۰۰۰ تومان است.*برداشت/)).toBeVisible();
  // Still signed in, still the same account.
  await page.goto("/account/data");
  await expect(page.getByTestId("data-profile")).toContainText(phone);
  await expect(page.getByTestId("data-walletLedger")).toContainText("۱۵۰٬۰۰۰ تومان");
  // The profile lists every field we could hold, filled or not.
  for (const label of ["نام خانوادگی", "کد ملی", "سال تولد", "جنسیت"]) {
    await expect(page.getByTestId("data-profile")).toContainText(label);
  }
});

test("a patient without balance deletes the account: signed out, and the number signs up again as a new, empty account", async ({
  page,
}) => {
  const phone = freshPatientPhone();
  await signIn(page, phone);
  const data = await downloadExport(page);
  expect(data.profile.phone).toBe(phone);

  await requestDeletion(page);
  await page.waitForURL("**/account/deleted");
  await expect(page.getByRole("heading", { name: "حساب شما حذف شد" })).toBeVisible();
  await page.goto("/account");
  await page.waitForURL(/\/login/);

  await signIn(page, phone);
  await page.goto("/account/data");
  await expect(page.getByTestId("data-profile")).toContainText(phone);
  for (const section of [
    "familyMembers",
    "appointments",
    "payments",
    "walletLedger",
    "withdrawals",
    "chats",
    "chatFiles",
    "notifications",
    "reviews",
  ]) {
    await expect(page.getByTestId(`data-${section}`)).toContainText("موردی ثبت نشده است.");
  }
});

test("the data download needs a signed-in patient", async ({ request }) => {
  const response = await request.get("/account/data/download");
  expect(response.status()).toBe(401);
  expect(((await response.json()) as { error: string }).error).toBe("برای دریافت داده‌ها ابتدا وارد شوید.");
});
