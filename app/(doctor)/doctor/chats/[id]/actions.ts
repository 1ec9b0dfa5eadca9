"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formError, type FormState } from "@/components/payments/form-state";
import { db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { showFieldMessage, validatedActionWithUser } from "@/lib/auth/validated-action";
import { closingSummarySchema } from "@/lib/chat/chat-input";
import { acceptChatRequest, closeChatRequest, type LifecycleError } from "@/lib/chat/chat-lifecycle";
import type { Result } from "@/lib/shared/result";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";

const t = messages.chat.errors;
const chatForm = z.object({ chatRequestId: z.uuid({ error: t.bad_request }) });
const closeForm = chatForm.extend({ summary: closingSummarySchema });
// The summary's schema says in Persian what is wrong with it.
const answers = { error: formError, invalid: showFieldMessage(formError) };

/** The answer to one lifecycle step the service took or refused (it checks that the user is this request's doctor). */
function answer(result: Result<void, LifecycleError>, step: string, user: CurrentUser, chatRequestId: string): FormState {
  if (!result.ok) {
    log.info(`[chat] ${step} refused for user ${user.userId} on ${chatRequestId}: ${result.error.code}`);
    return formError(t[result.error.code]);
  }
  // The page shows the status and the summary from the server render: render it again.
  revalidatePath(`/doctor/chats/${chatRequestId}`);
  return {};
}

export const acceptChatAction = validatedActionWithUser(
  { name: "chat.accept", schema: chatForm, ...answers },
  async ({ chatRequestId }, user) => answer(await acceptChatRequest(db(), user, chatRequestId), "accept", user, chatRequestId),
);

export const closeChatAction = validatedActionWithUser(
  { name: "chat.close", schema: closeForm, ...answers },
  async ({ chatRequestId, summary }, user) =>
    answer(await closeChatRequest(db(), user, chatRequestId, summary), "close", user, chatRequestId),
);
