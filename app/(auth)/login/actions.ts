"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { requestOtp, verifyOtp } from "@/lib/auth/otp";
import { requestIp } from "@/lib/auth/request-ip";
import { startSession } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { smsDriver } from "@/lib/sms/sms";
import type { SignInState } from "@/components/auth/sign-in-state";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.auth;

// A field too long to be what it names reads as empty: the service then answers with its Persian error.
const phoneForm = z.object({ phone: z.string().max(32).catch("") });
const codeForm = z.object({
  phone: z.string().max(32).catch(""),
  code: z.string().max(16).catch(""),
  next: z.string().max(512).catch("/"),
});

/** Only same-site paths: an open redirect would let a phishing link bounce through our sign-in. */
function safeReturnPath(next: string): string {
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function requestCodeAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const { phone } = phoneForm.parse(formEntries(formData));
  const handle = db();
  const result = await requestOtp(handle, smsDriver(handle), { phone, ip: await requestIp(), perIpPerHour: config().otpPerIpPerHour });
  if (result.ok) return { step: "code", phone: result.value.phone, notice: t.codeSentTo(result.value.phone) };
  const error = result.error;
  const message =
    error.code === "rate_limited" ? t.errors.rate_limited(error.retryAfterSeconds) : t.errors[error.code];
  const stayOnCode = error.code === "rate_limited" && formEntries(formData).resend === "1";
  return { step: stayOnCode ? "code" : "phone", phone, error: { field: stayOnCode ? "form" : "phone", message } };
}

export async function verifyCodeAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const input = codeForm.parse(formEntries(formData));
  const result = await verifyOtp(db(), { phone: input.phone, code: input.code });
  if (!result.ok) {
    const error = result.error;
    const message = error.code === "wrong_code" ? t.errors.wrong_code(error.triesLeft) : t.errors[error.code];
    return { step: "code", phone: input.phone, error: { field: "code", message } };
  }
  await startSession(result.value.id);
  redirect(safeReturnPath(input.next));
}
