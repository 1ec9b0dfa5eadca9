"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/components/payments/form-state";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { parseChatText, quickReplySchema } from "@/lib/chat/chat-input";
import type { Actor } from "@/lib/auth/actor";
import { addQuickReply, deleteQuickReply, updateQuickReply, type QuickReplyError } from "@/lib/chat/quick-replies";
import { ok, type Result } from "@/lib/shared/result";
import { messages } from "@/lib/i18n/messages";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.chat;
const idForm = z.object({ id: z.uuid() });

/** Runs one quick-reply change as the signed-in doctor (the service keeps it to their own replies) and
 * renders the doctor's chat pages again so the list under the composer is fresh. */
async function change(
  name: string,
  formData: FormData,
  fields: { id: boolean; body: boolean },
  step: (actor: Actor, id: string, body: string) => Promise<Result<void, QuickReplyError>>,
): Promise<FormState> {
  const entries = formEntries(formData);
  const idParsed = fields.id ? idForm.safeParse(entries) : { success: true as const, data: { id: "" } };
  if (!idParsed.success) return { error: t.errors.bad_request };
  const withBody = fields.body;
  let body = "";
  if (withBody) {
    const parsed = parseChatText(quickReplySchema, entries.body ?? "");
    if (!parsed.ok) {
      console.info(`[chat] quick reply ${name} refused: body ${parsed.issue}`);
      return { error: parsed.error };
    }
    body = parsed.text;
  }
  const user = await currentUser();
  if (!user) return { error: t.errors.signed_out };
  const result = await step(user, idParsed.data.id, body);
  if (!result.ok) {
    console.info(`[chat] quick reply ${name} refused for user ${user.userId}: ${result.error.code}`);
    return { error: t.quickReplies.errors[result.error.code] };
  }
  revalidatePath("/doctor/chats/[id]", "page");
  return {};
}

export async function addQuickReplyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return change("add", formData, { id: false, body: true }, async (actor, _id, body) => {
    const added = await addQuickReply(db(), actor, body);
    return added.ok ? ok(undefined) : added;
  });
}

export async function updateQuickReplyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return change("update", formData, { id: true, body: true }, (actor, id, body) => updateQuickReply(db(), actor, id, body));
}

export async function deleteQuickReplyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return change("delete", formData, { id: true, body: false }, (actor, id) => deleteQuickReply(db(), actor, id));
}
