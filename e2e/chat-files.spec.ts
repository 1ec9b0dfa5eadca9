import { expect, test, type Page } from "@playwright/test";
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_CHAT } from "../lib/chat/chat-file-input-limits";
import { photoWithGps, smallPdf, windowsExecutable } from "../lib/chat/testing/chat-files";
import { payForDemoDoctorChat } from "./support/chat";
import { DEMO, newPatient } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Issue 17 §1: a patient sends a photo and a PDF, the doctor sees them; a bad file is refused on screen
 * with a Persian reason; the file URLs answer only the chat's parties, with headers that keep an upload
 * from ever acting as a page of our origin. */

async function paidChat(page: Page, question: string) {
  await payForDemoDoctorChat(page, question);
  await page.getByRole("link", { name: "مشاهده گفتگو" }).click();
  await expect(page.getByTestId("chat-status")).toHaveAttribute("data-status", "waiting");
}

/** A fetch from inside the page, with its session cookie (Secure, so Playwright's own request client, which
 * talks plain http to the test server, would not send it). */
async function fetchInPage(page: Page, url: string) {
  return page.evaluate(async (target) => {
    const response = await fetch(target);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { status: response.status, headers, bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }, url);
}

const fileInput = (page: Page) => page.getByLabel("پیوست عکس یا PDF");

test("a patient sends a photo and a PDF, the doctor sees both; bad files and outsiders are refused", async ({ browser }) => {
  const patient = await newPatient(browser);
  const question = `عکس ضایعه پوستی و جواب آزمایش را می‌فرستم (${Date.now()})`;
  await paidChat(patient.page, question);

  // A renamed executable and an empty file: a Persian reason on screen, nothing in the conversation.
  await fileInput(patient.page).setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: windowsExecutable() });
  await expect(patient.page.getByTestId("chat-file-error")).toHaveText(/فقط عکس .* و فایل PDF پذیرفته می‌شود/);
  await fileInput(patient.page).setInputFiles({ name: "empty.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
  await expect(patient.page.getByTestId("chat-file-error")).toContainText("فایل خالی است");
  await expect(patient.page.getByTestId("chat-attachment")).toHaveCount(0);

  await fileInput(patient.page).setInputFiles({ name: "skin.jpg", mimeType: "image/jpeg", buffer: await photoWithGps() });
  await expect(patient.page.getByTestId("chat-attachment").and(patient.page.locator("[data-kind=image]"))).toBeVisible();
  await fileInput(patient.page).setInputFiles({ name: "آزمایش خون.pdf", mimeType: "application/pdf", buffer: smallPdf() });
  await expect(patient.page.getByTestId("chat-attachment").and(patient.page.locator("[data-kind=pdf]"))).toContainText("آزمایش خون.pdf");
  await expect(patient.page.getByTestId("chat-file-error")).toHaveCount(0);
  // Issue 17 §3: not yet answered, nothing seen yet.
  await expect(patient.page.getByTestId("chat-answer-state")).toHaveAttribute("data-answered", "false");
  await expect(patient.page.getByTestId("chat-answer-state")).toContainText("در انتظار پاسخ");
  await expect(patient.page.getByTestId("chat-tick").last()).toHaveAttribute("data-seen", "false");

  // Signed in once per run: the app sends one code a minute per phone, and several journeys act as this doctor.
  const { context: doctorContext, page: doctor } = await signedInPage(browser, DEMO.doctor);
  await doctor.goto("/doctor/chats");
  await doctor.getByTestId("chat-item").filter({ hasText: question }).getByRole("link").click();
  const image = doctor.getByRole("img", { name: "عکس پیوست: skin.jpg" });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const pdfLink = doctor.getByRole("link", { name: /دریافت آزمایش خون\.pdf/ });
  await expect(pdfLink).toBeVisible();
  // The patient's ticks turn to "seen" once the doctor has the conversation open.
  await expect(patient.page.getByTestId("chat-tick").last()).toHaveAttribute("data-seen", "true");
  await expect(patient.page.getByTestId("chat-tick").last()).toContainText("دیده شد");

  // The doctor fetches both, with the headers that keep them inert.
  const photoUrl = await image.locator("xpath=..").getAttribute("href");
  const pdfUrl = await pdfLink.getAttribute("href");
  const photo = await fetchInPage(doctor, photoUrl!);
  expect(photo.status).toBe(200);
  expect(photo.headers).toMatchObject({
    "content-type": "image/jpeg",
    "x-content-type-options": "nosniff",
    "content-security-policy": expect.stringContaining("sandbox"),
  });
  expect(Buffer.from(photo.bytes).includes("GpsPhone")).toBe(false);
  const document = await fetchInPage(doctor, pdfUrl!);
  expect(document.headers["content-disposition"]).toMatch(/^attachment; filename=".*\.pdf"; filename\*=UTF-8''/);
  expect(Buffer.from(document.bytes).equals(smallPdf())).toBe(true);

  // Another patient, and nobody signed in, get a 404 / 401 for the same URLs.
  const outsider = await newPatient(browser);
  for (const url of [photoUrl!, pdfUrl!]) {
    const refused = await fetchInPage(outsider.page, url);
    expect(refused.status).toBe(404);
    expect(Buffer.from(refused.bytes).toString()).toContain("پیدا نشد");
  }
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(photoUrl!)).status()).toBe(401);

  await Promise.all([patient.context.close(), doctorContext.close(), outsider.context.close(), anonymous.close()]);
});

/** POSTs one file to the upload route from inside the page (with its session cookie), as the attach button
 * does — or without the button's x-chat-upload header. `size` sends that many zero bytes instead of `bytes`. */
async function upload(page: Page, chatId: string, file: { name: string; bytes?: Buffer; size?: number }, options = { header: true }) {
  return page.evaluate(
    async ({ chatId, name, bytes, size, header }) => {
      const form = new FormData();
      form.append("file", new Blob([bytes ? new Uint8Array(bytes) : new Uint8Array(size!)], { type: "application/pdf" }), name);
      const response = await fetch(`/api/chats/${chatId}/files`, {
        method: "POST",
        body: form,
        headers: header ? { "x-chat-upload": "1" } : {},
      });
      return { status: response.status, error: ((await response.json()) as { error?: string }).error };
    },
    { chatId, name: file.name, bytes: file.bytes ? Array.from(file.bytes) : null, size: file.size ?? null, header: options.header },
  );
}

/** POSTs `size` zero bytes that only claim to be our upload form: only the route's cap on the body can refuse
 * them as too big — past it, they are no form at all. */
async function uploadRaw(page: Page, chatId: string, size: number) {
  return page.evaluate(
    async ({ chatId, size }) => {
      const response = await fetch(`/api/chats/${chatId}/files`, {
        method: "POST",
        body: new Uint8Array(size),
        headers: { "content-type": "multipart/form-data; boundary=x", "x-chat-upload": "1" },
      });
      return { status: response.status, error: ((await response.json()) as { error?: string }).error };
    },
    { chatId, size },
  );
}

/** Uploads, as the attach button does, a well-formed PDF of exactly `size` bytes, made in the page (sending
 * 10 MB of bytes into it from the test would be slow). */
async function uploadPdfOfSize(page: Page, chatId: string, size: number) {
  return page.evaluate(
    async ({ chatId, size }) => {
      const head = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%");
      const tail = new TextEncoder().encode("\nstartxref\n0\n%%EOF\n");
      const bytes = new Uint8Array(size).fill(0x20); // spaces, inside a comment line
      bytes.set(head, 0);
      bytes.set(tail, size - tail.length);
      const form = new FormData();
      form.append("file", new Blob([bytes], { type: "application/pdf" }), "scan.pdf");
      const response = await fetch(`/api/chats/${chatId}/files`, { method: "POST", body: form, headers: { "x-chat-upload": "1" } });
      return { status: response.status, error: ((await response.json()) as { error?: string }).error };
    },
    { chatId, size },
  );
}

/** How many files the conversation holds, as its own poll answers. */
async function attachmentsIn(page: Page, chatId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const snapshot = (await (await fetch(`/api/chats/${id}/messages`)).json()) as { messages: { attachment: unknown }[] };
    return snapshot.messages.filter((m) => m.attachment).length;
  }, chatId);
}

test("the upload route's own checks: a body over the cap, a request without the upload header, an 11th file — each refused in Persian, nothing stored", async ({
  browser,
}) => {
  const patient = await newPatient(browser);
  await paidChat(patient.page, `ده فایل و نه بیشتر (${Date.now()})`);
  const chatId = new URL(patient.page.url()).pathname.split("/").at(-1)!;

  // A body over the route's cap (the largest file plus 64 KiB of form): refused while reading it, before any
  // parsing, 413 — not left to be read whole and found to be no form. A file a byte over 10 MB, in a form
  // under the cap: 413 too, from the file's own check.
  const tooBig = "حجم فایل بیش از ۱۰ مگابایت است و فرستاده نشد.";
  expect(await uploadRaw(patient.page, chatId, ATTACHMENT_MAX_BYTES + 64 * 1024 + 1)).toEqual({ status: 413, error: tooBig });
  expect(await upload(patient.page, chatId, { name: "scan.pdf", size: ATTACHMENT_MAX_BYTES + 1 })).toEqual({ status: 413, error: tooBig });
  // A well-formed PDF, but not from our form: 415.
  const foreign = await upload(patient.page, chatId, { name: "cbc.pdf", bytes: smallPdf() }, { header: false });
  expect(foreign).toEqual({ status: 415, error: "درخواست نامعتبر است." });
  expect(await attachmentsIn(patient.page, chatId)).toBe(0);

  // The largest file taken, to the byte: its form is over the 10 MiB Next lets a proxied request's body be
  // unless told otherwise (next.config.ts), so this is where a cut body would show.
  expect(await uploadPdfOfSize(patient.page, chatId, ATTACHMENT_MAX_BYTES)).toMatchObject({ status: 201 });
  for (let i = 2; i <= ATTACHMENTS_PER_CHAT; i++) {
    expect((await upload(patient.page, chatId, { name: `page-${i}.pdf`, bytes: smallPdf(`page ${i}`) })).status).toBe(201);
  }
  const eleventh = await upload(patient.page, chatId, { name: "page-11.pdf", bytes: smallPdf("page 11") });
  expect(eleventh).toEqual({ status: 409, error: "در هر گفتگو حداکثر ۱۰ فایل می‌توان فرستاد؛ این فایل فرستاده نشد." });
  expect(await attachmentsIn(patient.page, chatId)).toBe(ATTACHMENTS_PER_CHAT);

  await patient.context.close();
});
