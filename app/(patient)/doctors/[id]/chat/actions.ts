"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { QuestionFormState } from "@/components/chat/question-form-state";
import { currentUser } from "@/lib/auth/current-user";
import { chatQuestionSchema, parseChatText } from "@/lib/chat/chat-input";
import { messages } from "@/lib/i18n/messages";
import { checkout } from "@/lib/payments/checkout-session";
import { checkoutErrorMessage } from "@/lib/payments/checkout-error-message";
import { formEntries } from "@/lib/shared/client-text";

const askForm = z.object({
  doctorId: z.uuid(),
  method: z.enum(["gateway", "wallet"]),
  // Bounded here only against abuse; chatQuestionSchema says what a question may be.
  question: z.string().max(20_000).default(""),
});

/** The question is sealed into the intent cookie with the payment; no chat request exists until the
 * payment is verified (the engine creates it through chatProduct.fulfil). */
export async function askDoctorAction(_prev: QuestionFormState, formData: FormData): Promise<QuestionFormState> {
  const form = askForm.safeParse(formEntries(formData));
  if (!form.success) {
    console.warn(`[chat] malformed question form: ${form.error.issues.map((i) => `${i.path.join(".")}:${i.code}`).join(", ")}`);
    return { error: messages.common.genericError };
  }
  const { doctorId, method, question } = form.data;
  const user = await currentUser();
  if (!user) {
    console.info(`[chat] question form for doctor ${doctorId} submitted after the session ended`);
    return { error: messages.chat.ask.sessionExpired, question, signInHref: `/login?next=${encodeURIComponent(`/doctors/${doctorId}/chat`)}` };
  }
  const parsed = parseChatText(chatQuestionSchema, question);
  if (!parsed.ok) {
    console.info(`[chat] question refused for user ${user.userId}, doctor ${doctorId}: ${parsed.issue} (${question.length} chars)`);
    return { fieldError: parsed.error, question };
  }
  const result = await checkout(user, { kind: "chat", doctorId, question: parsed.text }, method);
  if (!result.ok) {
    console.warn(`[chat] checkout refused for user ${user.userId}, doctor ${doctorId}, ${method}: ${result.error.code}`);
    return { error: checkoutErrorMessage(result.error), question };
  }
  redirect(result.value.redirectTo);
}
