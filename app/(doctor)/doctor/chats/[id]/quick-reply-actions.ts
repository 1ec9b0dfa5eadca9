"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formError, type FormState } from "@/components/payments/form-state";
import { db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { showFieldMessage, validatedActionWithUser } from "@/lib/auth/validated-action";
import { quickReplySchema } from "@/lib/chat/chat-input";
import { addQuickReply, deleteQuickReply, updateQuickReply, type QuickReplyError } from "@/lib/chat/quick-replies";
import type { Result } from "@/lib/shared/result";
import { messages } from "@/lib/i18n/messages";
import { log } from "@/lib/shared/log";

const t = messages.chat;
const idField = { id: z.uuid({ error: t.errors.bad_request }) };
// The body's schema says in Persian what is wrong with it.
const answers = { error: formError, invalid: showFieldMessage(formError) };

/** The answer to one quick-reply change (the service keeps each doctor to their own replies); a done change
 * renders the doctor's chat pages again so the list under the composer is fresh. */
function answer(result: Result<unknown, QuickReplyError>, change: string, user: CurrentUser): FormState {
  if (!result.ok) {
    log.info(`[chat] quick reply ${change} refused for user ${user.userId}: ${result.error.code}`);
    return formError(t.quickReplies.errors[result.error.code]);
  }
  revalidatePath("/doctor/chats/[id]", "page");
  return {};
}

export const addQuickReplyAction = validatedActionWithUser(
  { name: "chat.quick-reply-add", schema: z.object({ body: quickReplySchema }), ...answers },
  async ({ body }, user) => answer(await addQuickReply(db(), user, body), "add", user),
);

export const updateQuickReplyAction = validatedActionWithUser(
  { name: "chat.quick-reply-update", schema: z.object({ ...idField, body: quickReplySchema }), ...answers },
  async ({ id, body }, user) => answer(await updateQuickReply(db(), user, id, body), "update", user),
);

export const deleteQuickReplyAction = validatedActionWithUser(
  { name: "chat.quick-reply-delete", schema: z.object(idField), ...answers },
  async ({ id }, user) => answer(await deleteQuickReply(db(), user, id), "delete", user),
);
