"use server";

import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { acceptChatRequest, closeChatRequest, type LifecycleError } from "@/lib/chat/chat-lifecycle";
import type { Result } from "@/lib/shared/result";
import { messages } from "@/lib/i18n/messages";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.chat.errors;
const chatForm = z.object({ chatRequestId: z.uuid() });

type Step = typeof acceptChatRequest | typeof closeChatRequest;

/** Parses the form and runs one lifecycle step as the signed-in user; the service checks that they are
 * this request's doctor. */
async function run(step: Step, name: string, formData: FormData): Promise<FormState> {
  const form = chatForm.safeParse(formEntries(formData));
  if (!form.success) return { error: t.bad_request };
  const user = await currentUser();
  if (!user) return { error: t.signed_out };
  const result: Result<void, LifecycleError> = await step(db(), user, form.data.chatRequestId);
  if (result.ok) return {};
  console.info(`[chat] ${name} refused for user ${user.userId} on ${form.data.chatRequestId}: ${result.error.code}`);
  return { error: t[result.error.code] };
}

export async function acceptChatAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(acceptChatRequest, "accept", formData);
}

export async function closeChatAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(closeChatRequest, "close", formData);
}
