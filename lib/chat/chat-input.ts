import { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { stripUnsafeChars } from "@/lib/shared/client-text";

const t = messages.chat.validation;

export const QUESTION_MIN_CHARS = 10;
export const QUESTION_MAX_CHARS = 1000;
/** The question rides in the sealed intent cookie until its payment is verified, and browsers drop cookies
 * over 4 KB. Sealing adds about a third plus ~600 bytes, so 2,200 UTF-8 bytes keep the cookie near 3.6 KB
 * even for text that is mostly three-byte characters. */
const QUESTION_MAX_BYTES = 2_200;
export const MESSAGE_MAX_CHARS = 4_000;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Unifies line breaks, drops the characters no text may hold (NUL, controls, lone surrogates) and trims. */
function cleanText(text: string): string {
  return stripUnsafeChars(text.replace(/\r\n?/g, "\n")).trim();
}

export const chatQuestionSchema = z
  .string({ error: t.questionRequired })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, { error: t.questionRequired })
      .min(QUESTION_MIN_CHARS, { error: t.questionTooShort(QUESTION_MIN_CHARS) })
      .max(QUESTION_MAX_CHARS, { error: t.questionTooLong(QUESTION_MAX_CHARS) })
      .refine((question) => utf8Bytes(question) <= QUESTION_MAX_BYTES, { error: t.questionTooLong(QUESTION_MAX_CHARS) }),
  );

export const chatMessageSchema = z
  .string({ error: t.messageRequired })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, { error: t.messageRequired })
      .max(MESSAGE_MAX_CHARS, { error: t.messageTooLong(MESSAGE_MAX_CHARS) }),
  );

/** Cleaned text that must be present and at most `max` characters, with Persian messages for both. */
const boundedText = (required: string, tooLong: (max: number) => string, max: number) =>
  z
    .string({ error: required })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, { error: required })
        .max(max, { error: tooLong(max) }),
    );

export const CLOSING_SUMMARY_MAX_CHARS = 2_000;
/** The doctor's closing summary: what the patient keeps after the conversation ends. */
export const closingSummarySchema = boundedText(t.summaryRequired, t.summaryTooLong, CLOSING_SUMMARY_MAX_CHARS);

export const QUICK_REPLY_MAX_CHARS = 1_000;
/** A doctor's saved reply: a message they send often. */
export const quickReplySchema = boundedText(t.quickReplyRequired, t.quickReplyTooLong, QUICK_REPLY_MAX_CHARS);

/** The cleaned text, or its first problem: in Persian for the screen and as an issue code for the log. */
export function parseChatText(
  schema: typeof chatQuestionSchema | typeof chatMessageSchema | typeof closingSummarySchema | typeof quickReplySchema,
  input: unknown,
) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, text: parsed.data } as const;
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: issue.message, issue: issue.code } as const;
}
