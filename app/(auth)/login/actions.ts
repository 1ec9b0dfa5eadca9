"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { requestOtp, verifyOtp, type OtpRequestError, type OtpVerifyError } from "@/lib/auth/otp";
import { requestIp } from "@/lib/auth/request-ip";
import { MAX_RETURN_PATH_LENGTH, resolveReturnPath } from "@/lib/auth/return-path";
import { startSession } from "@/lib/auth/session";
import { validatedAction, type PostedForm } from "@/lib/auth/validated-action";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { smsDriver } from "@/lib/sms/sms";
import type { SignInState } from "@/components/auth/sign-in-state";
import { log } from "@/lib/shared/log";

const t = messages.auth;

// Bounds against abuse only: the services say what a phone number or a code is, these stop anything long
// or not text (a file in a multipart post) before it gets there.
const phoneField = z.string().max(32).default("");
// `resend`: "1" when the code step asks for a new code; anything else reads as a first request.
const phoneForm = z.object({ phone: phoneField, resend: z.literal("1").optional().catch(undefined) });
const codeForm = z.object({
  phone: phoneField,
  code: z.string().max(16).default(""),
  next: z.string().max(MAX_RETURN_PATH_LENGTH).default("/"),
});

/** A field of a refused form, for the message: the first one at fault, in form order. */
function faultyField(issues: z.core.$ZodIssue[]): "phone" | "code" | "next" {
  const fields = new Set(issues.map((issue) => issue.path[0]));
  return fields.has("phone") ? "phone" : fields.has("next") ? "next" : "code";
}

/** What the visitor typed, bounded, to put back into the field they correct. */
const echo = (form: PostedForm) => (typeof form.phone === "string" ? form.phone.slice(0, 64) : "");

function requestErrorMessage(error: OtpRequestError): string {
  switch (error.code) {
    case "rate_limited":
      return t.errors.rate_limited(error.retryAfterSeconds);
    case "sms_budget_exhausted":
      return t.errors.sms_budget_exhausted(error.retryAfterSeconds);
    default:
      return t.errors[error.code];
  }
}

const verifyErrorMessage = (error: OtpVerifyError) =>
  error.code === "wrong_code" ? t.errors.wrong_code(error.triesLeft) : t.errors[error.code];

export const requestCodeAction = validatedAction(
  {
    name: "auth.request-code",
    schema: phoneForm,
    error: (message, form): SignInState => ({ step: "phone", phone: echo(form), error: { field: "form", message } }),
    invalid: (_issues, form): SignInState => ({
      step: "phone",
      phone: echo(form),
      error: { field: "phone", message: t.errors.invalid_phone },
    }),
  },
  async ({ phone, resend }): Promise<SignInState> => {
    const handle = db();
    const cfg = config();
    const result = await requestOtp(handle, smsDriver(handle), {
      phone,
      ip: await requestIp(),
      perIpPerHour: cfg.otpPerIpPerHour,
      smsHourlyBudget: cfg.smsHourlyBudget,
    });
    if (result.ok) return { step: "code", phone: result.value.phone, notice: t.codeSentTo(result.value.phone) };
    // A refused resend keeps the visitor on the code step: the code they already have still works.
    const stayOnCode = resend === "1" && result.error.code !== "invalid_phone";
    return {
      step: stayOnCode ? "code" : "phone",
      phone,
      error: { field: stayOnCode ? "form" : "phone", message: requestErrorMessage(result.error) },
    };
  },
);

export const verifyCodeAction = validatedAction(
  {
    name: "auth.verify-code",
    schema: codeForm,
    error: (message, form): SignInState => ({ step: "code", phone: echo(form), error: { field: "form", message } }),
    invalid: (issues, form): SignInState => {
      const field = faultyField(issues);
      const message = field === "phone" ? t.errors.invalid_phone : field === "next" ? t.errors.invalid_next : t.errors.invalid_code_format;
      return { step: "code", phone: echo(form), error: { field: field === "code" ? "code" : "form", message } };
    },
  },
  async (input): Promise<SignInState> => {
    // Checked before the code is spent: the page only ever puts an accepted `next` in the form, so this is a
    // tampered post, and it must not cost the visitor their code.
    const returnPath = resolveReturnPath(input.next, config().appUrl);
    if (!returnPath.ok) {
      log.warn(`[auth] verify code: refused next (${returnPath.error.code}, ${input.next.length} chars)`);
      return { step: "code", phone: input.phone, error: { field: "form", message: t.errors.invalid_next } };
    }
    const result = await verifyOtp(db(), { phone: input.phone, code: input.code });
    if (!result.ok) {
      return { step: "code", phone: input.phone, error: { field: "code", message: verifyErrorMessage(result.error) } };
    }
    await startSession(result.value.id);
    redirect(returnPath.value);
  },
);
