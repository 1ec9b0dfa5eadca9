"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { db, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-user";
import { closingSummarySchema, parseChatText } from "@/lib/chat/chat-input";
import { acceptChatRequest, closeChatRequest, type LifecycleError } from "@/lib/chat/chat-lifecycle";
import type { Result } from "@/lib/shared/result";
import { messages } from "@/lib/i18n/messages";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.chat.errors;
const chatForm = z.object({ chatRequestId: z.uuid() });

type Step = (db: Db, actor: Actor, chatRequestId: string) => Promise<Result<void, LifecycleError>>;

/** Parses the form and runs one lifecycle step as the signed-in user; the service checks that they are
 * this request's doctor. */
async function run(step: Step, name: string, formData: FormData): Promise<FormState> {
  const form = chatForm.safeParse(formEntries(formData));
  if (!form.success) return { error: t.bad_request };
  const user = await currentUser();
  if (!user) return { error: t.signed_out };
  const result = await step(db(), user, form.data.chatRequestId);
  if (result.ok) {
    // The page shows the status and the summary from the server render: render it again.
    revalidatePath(`/doctor/chats/${form.data.chatRequestId}`);
    return {};
  }
  console.info(`[chat] ${name} refused for user ${user.userId} on ${form.data.chatRequestId}: ${result.error.code}`);
  return { error: t[result.error.code] };
}

export async function acceptChatAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(acceptChatRequest, "accept", formData);
}

export async function closeChatAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = formEntries(formData);
  const summary = parseChatText(closingSummarySchema, fields.summary ?? "");
  if (!summary.ok) {
    console.info(`[chat] close refused on ${String(fields.chatRequestId)}: summary ${summary.issue}`);
    return { error: summary.error };
  }
  return run((d, actor, id) => closeChatRequest(d, actor, id, summary.text), "close", formData);
}
