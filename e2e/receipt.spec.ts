import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { openCheckout, payDirect, setupPaymentJourneys } from "./support/booking";
import { newPatient } from "./support/fixtures";

/** Issue 13 §3 and §5 on a 360 px phone: a paid visit's receipt, printed and downloaded as a PDF whose first
 * page is rendered to an image (pdftoppm, Debian's poppler-utils) and checked to carry text. */

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const SCREENSHOTS = path.join("docs", "screenshots");
const run = promisify(execFile);
const doctorList = setupPaymentJourneys();

/** Share of an image's pixels that are dark (ink on a white page). */
async function inkShare(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const value of data) if (value < 128) dark++;
  return dark / (info.width * info.height);
}

test("a paid visit's receipt: turn, tracking code, masked card; printable; its PDF renders with text; the owner's alone", async ({
  browser,
}) => {
  // Two patients sign in, one pays at the gateway, a PDF is made and rendered: more than the default minute on
  // a busy machine.
  test.setTimeout(150_000);
  const { page, context } = await newPatient(browser, PHONE);
  await openCheckout(page, doctorList()[6]!);
  await payDirect(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت موفق بود و نوبت شما ثبت شد" })).toBeVisible();
  const refId = (await page.getByTestId("ref-id").textContent())!.trim();

  // From the result page to the receipt.
  await page.getByTestId("receipt-link").click();
  await page.waitForURL(/\/receipts\/[0-9a-f-]{36}$/);
  const receiptUrl = new URL(page.url()).pathname;
  const receipt = page.getByTestId("receipt");
  await expect(receipt.getByRole("heading", { name: "رسید پرداخت" })).toBeVisible();
  await expect(page.getByTestId("receipt-turn")).toContainText(/نوبت [۰-۹]+/);
  await expect(page.getByTestId("receipt-refId")).toContainText(refId);
  await expect(page.getByTestId("receipt-card")).toContainText("۵۰۲۲۲۹******۵۹۹۵");
  await expect(page.getByTestId("receipt-amount")).toContainText("تومان");
  await expect(page.getByTestId("receipt-doctor")).toContainText("دکتر");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "no sideways scrolling at 360 px").toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(SCREENSHOTS, "receipt-360.png"), fullPage: true });

  // Printed: no header, no buttons, black on white.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByTestId("receipt-pdf")).toBeHidden();
  const colours = await receipt.evaluate((el) => ({
    text: getComputedStyle(el).color,
    page: getComputedStyle(document.body).backgroundColor,
  }));
  expect(colours).toEqual({ text: "rgb(0, 0, 0)", page: "rgb(255, 255, 255)" });
  await page.emulateMedia({ media: "screen" });

  // The PDF: downloaded, its first page rendered to an image that carries ink.
  const download = page.waitForEvent("download");
  await page.getByTestId("receipt-pdf").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^drturn-receipt-[0-9a-f]{8}\.pdf$/);
  const pdf = await readFile((await file.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const dir = await mkdtemp(path.join(tmpdir(), "receipt-"));
  await run("pdftoppm", ["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", (await file.path())!, path.join(dir, "page")]);
  const image = await readFile(path.join(dir, "page.png"));
  const ink = await inkShare(image);
  expect(ink, "the PDF's first page is not blank").toBeGreaterThan(0.01);
  expect(ink, "nor a black page").toBeLessThan(0.5);
  await copyFile(path.join(dir, "page.png"), path.join(SCREENSHOTS, "receipt-pdf-page1.png"));

  // Linked from my payments and from the appointment.
  await page.goto("/payments");
  await expect(page.getByTestId("payment").first().getByTestId("receipt-link")).toHaveAttribute("href", receiptUrl);
  await page.goto("/appointments");
  await expect(page.getByTestId("appointment").first().getByTestId("receipt-link")).toHaveAttribute("href", receiptUrl);

  // Another patient: not found, for the page and the PDF alike.
  const other = await newPatient(browser, PHONE);
  const response = await other.page.goto(receiptUrl);
  expect(response!.status()).toBe(404);
  // In the browser (a PDF it could read would start a download, and goto would throw).
  expect((await other.page.goto(`${receiptUrl}/receipt.pdf`))!.status()).toBe(404);
  await other.context.close();
  await context.close();
});
