import { expect, test } from "@playwright/test";
import { payForDemoDoctorChat } from "./support/chat";
import { DEMO, newPatient } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** Issue 17 §2: with polling switched off (every poll of the conversation refused by the browser), the
 * doctor's acceptance and message still reach the patient's open screen — over the event stream. */

test("a message arrives over the event stream with polling switched off", async ({ browser }) => {
  const patient = await newPatient(browser);
  const page = patient.page;
  const question = `پیام از راه جریان رویداد می‌رسد؟ (${Date.now()})`;
  await payForDemoDoctorChat(page, question);

  // From here on this browser cannot poll: every GET of the messages API fails.
  await patient.context.route(/\/api\/chats\/[^/]+\/messages/, (route) => {
    if (route.request().method() !== "GET") return route.continue();
    return route.abort();
  });
  const streamOpened = page.waitForResponse((response) => /\/api\/chats\/[^/]+\/stream/.test(response.url()) && response.status() === 200);
  await page.getByRole("link", { name: "مشاهده گفتگو" }).click();
  await expect(page.getByTestId("chat-status")).toHaveAttribute("data-status", "waiting");
  expect((await streamOpened).headers()["content-type"]).toContain("text/event-stream");

  // Signed in once per run: the app sends one code a minute per phone, and several journeys act as this doctor.
  const { context: doctorContext, page: doctor } = await signedInPage(browser, DEMO.doctor);
  await doctor.goto("/doctor/chats");
  await doctor.getByTestId("chat-item").filter({ hasText: question }).getByRole("link").click();
  await doctor.getByRole("button", { name: "پذیرش و پاسخ" }).click();
  await expect(page.locator("[data-chat-status]")).toHaveAttribute("data-chat-status", "active");

  const answer = `سلام، از کی تب دارید؟ ${Date.now()}`;
  await doctor.getByRole("textbox", { name: "پیام", exact: true }).fill(answer);
  await doctor.getByRole("button", { name: "ارسال", exact: true }).click();
  await expect(page.getByTestId("chat-message").filter({ hasText: answer })).toBeVisible();
  await expect(page.getByTestId("chat-answer-state")).toHaveAttribute("data-answered", "true");

  await Promise.all([patient.context.close(), doctorContext.close()]);
});

/** The header's badge is pushed too: with every poll of /api/chats/unread refused, a doctor's message in
 * another chat than the one on screen (whose own stream knows nothing of it) still shows on the badge. */
test("the unread badge is pushed: a message in another chat shows on it with polling switched off", async ({ browser }) => {
  const patient = await newPatient(browser);
  const page = patient.page;
  const stamp = Date.now();
  const elsewhere = `این پرسش در گفتگوی دیگری است (${stamp})`;
  const onScreen = `این گفتگو باز است (${stamp})`;
  // This browser cannot poll the badge: every GET of /api/chats/unread fails (its stream is another URL).
  await patient.context.route(/\/api\/chats\/unread(\?.*)?$/, (route) => route.abort());
  await payForDemoDoctorChat(page, elsewhere);
  await payForDemoDoctorChat(page, onScreen);
  await page.getByRole("link", { name: "مشاهده گفتگو" }).click();
  await expect(page.getByTestId("chat-message").first()).toContainText(onScreen);
  const badge = page.locator(".desktop-nav").getByTestId("unread-badge");
  await expect(badge).toHaveCount(0);

  const { context: doctorContext, page: doctor } = await signedInPage(browser, DEMO.doctor);
  await doctor.goto("/doctor/chats");
  await doctor.getByTestId("chat-item").filter({ hasText: elsewhere }).getByRole("link").click();
  await doctor.getByRole("button", { name: "پذیرش و پاسخ" }).click();
  await doctor.getByRole("textbox", { name: "پیام", exact: true }).fill(`عکس آزمایش را هم بفرستید. ${stamp}`);
  await doctor.getByRole("button", { name: "ارسال", exact: true }).click();

  await expect(badge).toBeVisible();
  await expect(badge).toContainText("۱");
  // Still on the other conversation: nothing reloaded the header.
  await expect(page.getByTestId("chat-message").first()).toContainText(onScreen);

  await Promise.all([patient.context.close(), doctorContext.close()]);
});
