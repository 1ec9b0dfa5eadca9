import { describe, expect, it } from "vitest";
import { newIntent, sealIntent } from "@/lib/intent/intent";
import {
  chatMessageSchema,
  chatQuestionSchema,
  CLOSING_SUMMARY_MAX_CHARS,
  closingSummarySchema,
  parseChatText,
  QUESTION_MAX_CHARS,
  QUICK_REPLY_MAX_CHARS,
  quickReplySchema,
} from "./chat-input";

describe("the question", () => {
  it("is trimmed, keeps its line breaks and loses control characters", () => {
    expect(parseChatText(chatQuestionSchema, "  سرفه دارم\r\nو تب\u0000 هم دارم  ")).toEqual({ ok: true, text: "سرفه دارم\nو تب هم دارم" });
  });

  it("refuses empty, too short and too long questions with a Persian message", () => {
    expect(parseChatText(chatQuestionSchema, "   ")).toMatchObject({ ok: false, error: "لطفاً پرسش خود را بنویسید." });
    expect(parseChatText(chatQuestionSchema, undefined)).toMatchObject({ ok: false, error: "لطفاً پرسش خود را بنویسید." });
    expect(parseChatText(chatQuestionSchema, "سلام")).toMatchObject({ ok: false, error: expect.stringContaining("دست‌کم ۱۰ نویسه") });
    expect(parseChatText(chatQuestionSchema, "س".repeat(QUESTION_MAX_CHARS + 1))).toMatchObject({
      ok: false,
      error: expect.stringContaining("حداکثر ۱٬۰۰۰ نویسه"),
    });
    expect(parseChatText(chatQuestionSchema, "س".repeat(QUESTION_MAX_CHARS))).toMatchObject({ ok: true });
  });

  it("is bounded in bytes too, so the sealed intent cookie stays under the browsers' 4 KB", async () => {
    // Three-byte characters: within the character limit but too heavy for a cookie.
    expect(parseChatText(chatQuestionSchema, "\u200c".repeat(900) + "سؤال")).toMatchObject({ ok: false });
    // 1,000 characters and 2,200 bytes: the heaviest question accepted.
    const heaviest = "س".repeat(800) + "\u200c".repeat(200);
    expect(parseChatText(chatQuestionSchema, heaviest)).toMatchObject({ ok: true });
    const intent = newIntent({
      userId: "7d1f0a33-8a4e-4c55-9a36-1b1b1b1b1b1b",
      // A top-up for a shortfall carries the question too: the largest intent there is.
      target: {
        kind: "topup",
        amountRial: 500_000_000,
        resume: { kind: "chat", doctorId: "7d1f0a33-8a4e-4c55-9a36-1b1b1b1b1b1b", question: heaviest },
        resumeIntentId: "A".repeat(16),
      },
      amountRial: 500_000_000,
    });
    const seal = await sealIntent(intent, { passwords: { 1: "x".repeat(32) }, ttlSeconds: 1200 });
    expect(`drturn_intent_${intent.id}=${seal}`.length).toBeLessThan(4_000);
  });
});

describe("a message", () => {
  it("may be short but not empty or over the limit", () => {
    expect(parseChatText(chatMessageSchema, " بله ")).toEqual({ ok: true, text: "بله" });
    expect(parseChatText(chatMessageSchema, "\n\n")).toMatchObject({ ok: false, error: "پیام خالی است." });
    expect(parseChatText(chatMessageSchema, "a".repeat(4_001))).toMatchObject({ ok: false, issue: "too_big" });
  });
});

describe("the closing summary", () => {
  it("refuses an empty or too long summary with a Persian message and keeps line breaks", () => {
    expect(parseChatText(closingSummarySchema, " \n ")).toMatchObject({ ok: false, error: expect.stringContaining("خلاصه") });
    expect(parseChatText(closingSummarySchema, undefined)).toMatchObject({ ok: false, error: expect.stringContaining("خلاصه") });
    expect(parseChatText(closingSummarySchema, "س".repeat(CLOSING_SUMMARY_MAX_CHARS + 1))).toMatchObject({
      ok: false,
      error: expect.stringContaining("۲٬۰۰۰"),
    });
    expect(parseChatText(closingSummarySchema, " استراحت\r\nمایعات ")).toEqual({ ok: true, text: "استراحت\nمایعات" });
  });
});

describe("a quick reply", () => {
  it("refuses an empty or too long reply with a Persian message", () => {
    expect(parseChatText(quickReplySchema, "  ")).toMatchObject({ ok: false, error: "متن پاسخ آماده خالی است." });
    expect(parseChatText(quickReplySchema, "س".repeat(QUICK_REPLY_MAX_CHARS + 1))).toMatchObject({
      ok: false,
      error: expect.stringContaining("۱٬۰۰۰"),
    });
    expect(parseChatText(quickReplySchema, " مایعات بنوشید. ")).toEqual({ ok: true, text: "مایعات بنوشید." });
  });
});
