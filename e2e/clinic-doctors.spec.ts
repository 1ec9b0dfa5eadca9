import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { DEMO } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Issue 14 §2: a clinic admin, on a tablet, adds a doctor to their clinic, uploads the doctor's photo (a file
 * that is not an image is refused in Persian first) and finds the photo, council number, languages and
 * insurances on the public doctor page; the photo is served immutable by content hash. A receptionist may
 * not manage doctors. */

const TABLET = { width: 1024, height: 768 };
// Unique per run: the council number and the phone are unique in the database, which a rerun may reuse.
const suffix = String(Date.now()).slice(-6);
const persian = (text: string) => text.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);

test("a clinic admin adds a doctor with a photo, and the photo shows on the doctor page", async ({ browser }) => {
  const { page, context } = await signedInPage(browser, DEMO.clinicAdmin);
  await page.setViewportSize(TABLET);
  await page.goto("/staff");
  await page.getByRole("link", { name: "پزشکان", exact: true }).click();
  await expect(page.getByRole("heading", { name: "پزشکان کلینیک" })).toBeVisible();

  const name = `دکتر آزمون ${persian(suffix)}`;
  const form = page.locator("section", { has: page.getByRole("heading", { name: "پزشک تازه" }) });
  await form.getByLabel("نام و نام خانوادگی", { exact: true }).fill(name);
  await form.getByLabel("عنوان تخصصی", { exact: true }).fill("متخصص پوست و مو");
  await form.getByLabel("تخصص", { exact: true }).selectOption({ label: "پوست و مو" });
  await form.getByLabel("شماره همراه پزشک", { exact: true }).fill(`0916${suffix}1`);
  await form.getByLabel("شماره نظام پزشکی", { exact: true }).fill("۱۲-۳");
  await form.getByLabel("هزینه ویزیت حضوری (تومان)", { exact: true }).fill("۳۰۰٬۰۰۰");
  await form.getByLabel("هزینه مشاوره متنی (تومان)", { exact: true }).fill("120000");
  await form.getByLabel("زبان‌ها", { exact: true }).fill("فارسی، ترکی");
  await form.getByLabel("بیمه‌های طرف قرارداد", { exact: true }).fill("تأمین اجتماعی، سلامت");
  await form.getByRole("button", { name: "افزودن پزشک" }).click();
  // A council number with a dash is refused with the rule, in Persian; the form keeps what was typed.
  await expect(form.getByRole("alert")).toContainText("شماره نظام پزشکی فقط رقم است");
  await form.getByLabel("شماره نظام پزشکی", { exact: true }).fill(persian(`7${suffix}`));
  await form.getByRole("button", { name: "افزودن پزشک" }).click();

  await expect(page).toHaveURL(/\/staff\/doctors\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("status").filter({ hasText: "پزشک اضافه شد" })).toBeVisible();
  const doctorId = /\/staff\/doctors\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  // Not an image: a script renamed to .png stores nothing and says why.
  const upload = page.getByLabel("بارگذاری عکس");
  await upload.setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("#!/bin/sh\necho hi\n") });
  await expect(page.getByTestId("photo-error")).toHaveText("این فایل عکس نیست؛ فقط JPEG، PNG یا WebP.");

  const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#2a7ab0" } })
    .png()
    .toBuffer();
  await upload.setInputFiles({ name: "portrait.png", mimeType: "image/png", buffer: png });
  await expect(page.getByTestId("photo-saved")).toBeVisible();
  await expect(page.getByTestId("doctor-photo")).toHaveAttribute("alt", `عکس ${name}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);

  await page.getByRole("link", { name: "صفحه پزشک" }).click();
  await expect(page).toHaveURL(new RegExp(`/doctors/${doctorId}$`));
  const photo = page.locator(".doctor-profile").getByTestId("doctor-photo");
  await expect(photo).toHaveAttribute("alt", `عکس ${name}`);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId("council-number")).toHaveText(persian(`7${suffix}`));
  await expect(page.getByTestId("doctor-languages")).toHaveText("فارسی، ترکی");
  await expect(page.getByTestId("doctor-insurances")).toHaveText("تأمین اجتماعی، سلامت");

  // The photo's address names its content and may be cached for a year.
  const src = (await photo.getAttribute("src"))!;
  expect(src).toMatch(/^\/api\/doctor-photos\/[0-9a-f]{64}\/medium$/);
  const response = await page.request.get(src);
  expect(response.headers()["content-type"]).toBe("image/webp");
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  // Patients find the doctor's card, with the photo, by an insurer they accept.
  await page.goto(`/doctors?q=${encodeURIComponent(`تامین اجتماعی ${persian(suffix)}`)}`);
  await expect(page.locator(".doctor-card").getByTestId("doctor-photo")).toHaveAttribute("alt", `عکس ${name}`);
  await context.close();
});

test("a receptionist may not manage doctors or the team", async ({ browser }) => {
  const { page, context } = await signedInPage(browser, DEMO.staff);
  for (const path of ["/staff/doctors", "/staff/team"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "دسترسی ندارید" })).toBeVisible();
  }
  await context.close();
});
