import { expect, test, type Page } from "@playwright/test";
import { setSandboxFault, type SandboxChoice } from "./support/booking";
import { alertWith, DEMO, signIn, newPatient } from "./support/fixtures";
import { signedInPage } from "./support/staff-session";

/** The write-up's chat checklist: no chat request exists before its payment is verified; then the patient
 * and the doctor talk, each seeing the other's messages within two seconds. */

const PAY_DIRECT = "پرداخت آنلاین (درگاه زرین‌پال)";
const PAY_WALLET = "پرداخت از کیف پول";
const CHAT_PAID = "پرداخت موفق بود و پرسش شما برای پزشک ارسال شد";
const PAYMENT_FAILED = "پرداخت انجام نشد";
const RETRY = "پرداخت دوباره";
/** The demo doctor account (DEMO.doctor) is linked to this doctor. */
const DEMO_DOCTOR = "دکتر مریم کریمی";

let questionCounter = 0;
/** Unique per run, so a journey finds its own request even in a database earlier runs left behind. */
const uniqueQuestion = () => `سه روز است سرفه و تب خفیف دارم؛ چه کنم؟ (${Date.now()}-${++questionCounter})`;

async function openAskForm(page: Page, doctorName: string) {
  await page.goto("/doctors");
  await page.getByRole("link", { name: doctorName, exact: true }).first().click();
  await page.getByRole("link", { name: "پرسیدن سؤال از پزشک" }).click();
  await expect(page.getByRole("heading", { name: `مشاوره متنی با ${doctorName}` })).toBeVisible();
}

async function ask(page: Page, question: string, method: "gateway" | "wallet") {
  await page.getByLabel("پرسش شما").fill(question);
  await page.getByRole("button", { name: method === "gateway" ? PAY_DIRECT : PAY_WALLET }).click();
}

async function atGateway(page: Page, choice: SandboxChoice) {
  await page.waitForURL(/\/sandbox\/pg\/StartPay\//);
  await page.getByRole("button", { name: choice }).click();
  await page.waitForURL(/\/pay\/result\//);
}

/** The conversation's message box. */
const messageBox = (page: Page) => page.getByRole("textbox", { name: "پیام", exact: true });

async function chatCount(page: Page): Promise<number> {
  await page.goto("/chats");
  await expect(page.getByRole("heading", { name: "گفتگوهای من" })).toBeVisible();
  return page.getByTestId("chat-item").count();
}

test.afterEach(async ({ request }) => {
  await request.post("/sandbox/control", { data: { fault: "none" } });
});

test("the question page shows the doctor's own fee and deadline, and refuses a too-short question on screen", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openAskForm(page, "دکتر سارا احمدی");
  await expect(page.getByTestId("chat-fee")).toHaveText("۱۰۰٬۰۰۰ تومان");
  await expect(page.getByTestId("chat-deadline")).toContainText("۱۲ ساعت");
  await ask(page, "سلام", "gateway");
  await expect(alertWith(page, "دست‌کم ۱۰ نویسه")).toBeVisible();
  await expect(page.getByLabel("پرسش شما")).toHaveValue("سلام");
  await expect(page).toHaveURL(/\/doctors\/[0-9a-f-]+\/chat$/);
  expect(await chatCount(page)).toBe(0);
  await context.close();
});

test("direct payment → success → one chat request, shown in its conversation", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  const question = uniqueQuestion();
  await openAskForm(page, "دکتر کیوان یگانه");
  expect(await chatCount(page)).toBe(0);
  await openAskForm(page, "دکتر کیوان یگانه");
  await ask(page, question, "gateway");
  await atGateway(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: CHAT_PAID })).toBeVisible();
  await expect(page.getByTestId("ref-id")).not.toBeEmpty();
  await page.getByRole("link", { name: "مشاهده گفتگو" }).click();
  await expect(page.getByRole("heading", { name: "گفتگو با دکتر کیوان یگانه" })).toBeVisible();
  await expect(page.getByTestId("chat-message").first()).toContainText(question);
  await expect(page.getByTestId("chat-status")).toHaveAttribute("data-status", "waiting");
  expect(await chatCount(page)).toBe(1);
  await context.close();
});

test("direct payment → failed → no chat request, and the retry creates exactly one", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openAskForm(page, "دکتر نرگس موسوی");
  await ask(page, uniqueQuestion(), "gateway");
  await atGateway(page, "پرداخت ناموفق");
  await expect(page.getByRole("heading", { name: PAYMENT_FAILED })).toBeVisible();
  const resultUrl = page.url();
  expect(await chatCount(page)).toBe(0);

  await page.goto(resultUrl);
  await page.getByRole("button", { name: RETRY }).click();
  await atGateway(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: CHAT_PAID })).toBeVisible();
  expect(await chatCount(page)).toBe(1);
  await context.close();
});

test("direct payment → cancelled → no chat request, retry offered", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openAskForm(page, "دکتر رضا یاری");
  await ask(page, uniqueQuestion(), "gateway");
  await atGateway(page, "انصراف");
  await expect(page.getByRole("heading", { name: PAYMENT_FAILED })).toBeVisible();
  await expect(page.getByRole("button", { name: RETRY })).toBeVisible();
  expect(await chatCount(page)).toBe(0);
  await context.close();
});

test("verify timeout → 'being checked' and no chat request until the payment is settled", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openAskForm(page, "دکتر فاطمه کیانی");
  await setSandboxFault(page, "verify-timeout");
  await ask(page, uniqueQuestion(), "gateway");
  await atGateway(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: "پرداخت شما در حال بررسی است" })).toBeVisible();
  const resultUrl = page.url();
  expect(await chatCount(page)).toBe(0);

  await setSandboxFault(page, "none");
  await page.goto(resultUrl);
  await expect(page.getByRole("heading", { name: CHAT_PAID })).toBeVisible({ timeout: 20_000 });
  expect(await chatCount(page)).toBe(1);
  await context.close();
});

test("wallet payment with enough balance → chat request at once, no gateway", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.patientWithBalance);
  const before = await chatCount(page);
  await openAskForm(page, "دکتر یاسمن ملکی");
  await ask(page, uniqueQuestion(), "wallet");
  await page.waitForURL(/\/pay\/result\//);
  await expect(page.getByRole("heading", { name: CHAT_PAID })).toBeVisible();
  expect(await chatCount(page)).toBe(before + 1);
  await context.close();
});

test("wallet short of money → both choices offered, nothing created; paying the whole at the gateway creates one", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  await openAskForm(page, "دکتر شیما کریمیان");
  await ask(page, uniqueQuestion(), "wallet");
  await page.waitForURL(/\/pay\/shortfall\//);
  await expect(page.getByRole("heading", { name: "موجودی کیف پول کافی نیست" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "شارژ کیف پول به اندازه کسری" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "پرداخت کامل از درگاه" })).toBeVisible();
  const shortfallUrl = page.url();
  expect(await chatCount(page)).toBe(0);

  await page.goto(shortfallUrl);
  await page.getByRole("button", { name: /از درگاه$/ }).click();
  await atGateway(page, "پرداخت موفق");
  await expect(page.getByRole("heading", { name: CHAT_PAID })).toBeVisible();
  expect(await chatCount(page)).toBe(1);
  await context.close();
});

test("session expiry → a graceful message, nothing charged and nothing created", async ({ browser }) => {
  const { page, context } = await newPatient(browser);
  // The payment intent expired while the patient was away: the retry says so and starts no payment.
  await openAskForm(page, "دکتر بهرام کرمی");
  await ask(page, uniqueQuestion(), "gateway");
  await atGateway(page, "پرداخت ناموفق");
  const intentCookies = (await context.cookies()).filter((c) => c.name.startsWith("drturn_intent_"));
  expect(intentCookies).toHaveLength(1);
  await context.clearCookies({ name: intentCookies[0]!.name });
  await page.getByRole("button", { name: RETRY }).click();
  await expect(alertWith(page, "اطلاعات رزرو یافت نشد")).toBeVisible();
  await expect(page).toHaveURL(/\/pay\/result\//);
  expect(await chatCount(page)).toBe(0);

  // The sign-in itself ended while the question was being written: the text stays, the way back is offered.
  await openAskForm(page, "دکتر بهرام کرمی");
  const question = uniqueQuestion();
  await context.clearCookies({ name: "drturn_session" });
  await ask(page, question, "gateway");
  await expect(alertWith(page, "نشست شما به پایان رسیده است و چیزی پرداخت نشد")).toBeVisible();
  await expect(page.getByRole("link", { name: "ورود دوباره" })).toHaveAttribute("href", /\/login\?next=/);
  await expect(page.getByLabel("پرسش شما")).toHaveValue(question);
  await context.close();
});

test("patient and doctor in two browsers exchange messages, each seeing the other's within 2 seconds", async ({ browser }) => {
  const patient = await newPatient(browser);
  const question = uniqueQuestion();
  await openAskForm(patient.page, DEMO_DOCTOR);
  await ask(patient.page, question, "gateway");
  await atGateway(patient.page, "پرداخت موفق");
  await patient.page.getByRole("link", { name: "مشاهده گفتگو" }).click();
  await expect(patient.page.getByTestId("chat-status")).toHaveAttribute("data-status", "waiting");

  // Signed in once per run: the app sends one code a minute per phone, and several journeys act as this doctor.
  const { context: doctorContext, page: doctor } = await signedInPage(browser, DEMO.doctor);
  await doctor.goto("/doctor/chats");
  await expect(doctor.getByRole("heading", { name: "صندوق مشاوره‌های متنی" })).toBeVisible();
  await expect(doctor.locator(".desktop-nav").getByTestId("unread-badge")).toBeVisible();
  await doctor.getByTestId("chat-item").filter({ hasText: question }).getByRole("link").click();
  await expect(doctor.getByTestId("chat-message").first()).toContainText(question);
  await doctor.getByRole("button", { name: "پذیرش و پاسخ" }).click();

  // The patient sees the acceptance without reloading.
  await expect(patient.page.locator("[data-chat-status]")).toHaveAttribute("data-chat-status", "active", { timeout: 2_000 });

  const fromDoctor = `<b>سلام</b> <img src=x onerror="document.title='xss'"> از کی تب دارید؟`;
  await messageBox(doctor).fill(fromDoctor);
  await doctor.getByRole("button", { name: "ارسال", exact: true }).click();
  const received = patient.page.getByTestId("chat-message").filter({ hasText: "از کی تب دارید؟" });
  await expect(received).toBeVisible({ timeout: 2_000 });
  // Shown as text, never as markup.
  await expect(received.locator(".chat-body")).toHaveText(fromDoctor);
  await expect(received.locator("b, img")).toHaveCount(0);
  expect(await patient.page.title()).not.toBe("xss");

  await messageBox(patient.page).fill("از سه روز پیش، شب‌ها بیشتر.");
  await patient.page.getByRole("button", { name: "ارسال", exact: true }).click();
  await expect(doctor.getByTestId("chat-message").filter({ hasText: "از سه روز پیش، شب‌ها بیشتر." })).toBeVisible({ timeout: 2_000 });
  await expect(messageBox(patient.page)).toHaveValue("");

  // Every message stays, in order, after a reload.
  await patient.page.reload();
  await expect(patient.page.getByTestId("chat-message")).toHaveCount(3);
  await expect(patient.page.getByTestId("chat-message").nth(1)).toHaveAttribute("data-from", "doctor");
  await expect(patient.page.getByTestId("chat-message").nth(2)).toHaveAttribute("data-from", "patient");

  // A saved quick reply goes into the message box with one tap; an empty one is refused in Persian.
  await doctor.getByText("مدیریت پاسخ‌های آماده").click();
  await doctor.getByRole("button", { name: "افزودن" }).click();
  await expect(doctor.getByRole("alert").filter({ hasText: "پاسخ آماده خالی است" })).toBeVisible();
  const quick = `مایعات فراوان بنوشید ${Date.now()}`;
  await doctor.getByTestId("quick-reply-new").fill(quick);
  await doctor.getByRole("button", { name: "افزودن" }).click();
  await doctor.getByTestId("quick-reply-picker").getByRole("button", { name: quick }).click();
  await expect(messageBox(doctor)).toHaveValue(quick);
  await doctor.getByRole("button", { name: "ارسال", exact: true }).click();
  await expect(patient.page.getByTestId("chat-message").filter({ hasText: quick })).toBeVisible({ timeout: 2_000 });
  // Replies are listed oldest first: the one just added is the last.
  await expect(doctor.getByTestId("quick-reply").last().locator("textarea")).toHaveValue(quick);
  await doctor.getByTestId("quick-reply").last().getByRole("button", { name: "حذف" }).click();
  await expect(doctor.getByTestId("quick-reply-picker")).toHaveCount(0);

  // Closing needs a summary: without one, a Persian error and the chat stays open.
  doctor.on("dialog", (dialog) => void dialog.accept());
  await doctor.getByRole("button", { name: "بستن گفتگو" }).click();
  await expect(doctor.getByRole("alert").filter({ hasText: "خلاصه" })).toBeVisible();
  await expect(patient.page.locator("[data-chat-status]")).toHaveAttribute("data-chat-status", "active");
  const summary = "سرماخوردگی ویروسی؛ استراحت و مایعات. اگر تب بیش از سه روز ماند مراجعه کنید.";
  await doctor.getByTestId("closing-summary-input").fill(summary);
  await doctor.getByRole("button", { name: "بستن گفتگو" }).click();
  await expect(patient.page.getByTestId("chat-status")).toHaveAttribute("data-status", "closed", { timeout: 2_000 });
  await expect(messageBox(patient.page)).toHaveCount(0);
  await expect(doctor.getByTestId("chat-closing-summary")).toContainText(summary);

  // The patient keeps the summary: on the conversation and in their list.
  await patient.page.reload();
  await expect(patient.page.getByTestId("chat-closing-summary")).toContainText(summary);
  await patient.page.goto("/chats");
  await expect(patient.page.getByTestId("chat-item").filter({ hasText: question }).getByTestId("chat-closing-summary")).toContainText(
    summary,
  );

  await patient.context.close();
  await doctorContext.close();
});
