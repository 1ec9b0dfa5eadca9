"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { QuestionFormState } from "@/components/chat/question-form-state";
import { db } from "@/db/client";
import { validatedActionWithUser, type PostedForm } from "@/lib/auth/validated-action";
import { chatQuestionSchema, parseChatText } from "@/lib/chat/chat-input";
import { messages } from "@/lib/i18n/messages";
import { checkoutPerson, checkoutPersonMessage } from "@/lib/patients/checkout-person";
import { checkout } from "@/lib/checkout/checkout-session";
import { checkoutErrorMessage } from "@/lib/checkout/checkout-error-message";
import { log } from "@/lib/shared/log";

const askForm = z.object({
  doctorId: z.uuid(),
  method: z.enum(["gateway", "wallet"]),
  // Bounded here only against abuse; chatQuestionSchema says what a question may be.
  question: z.string().max(20_000).default(""),
  // "self" or a family member's id; checkoutPerson() decides whether that id is the patient's own.
  forWhom: z.union([z.literal("self"), z.uuid()]).default("self"),
  firstName: z.string().max(200).optional(),
  lastName: z.string().max(200).optional(),
});

/** The question as it was sent, to put back into the box (React resets a form after an action). */
const typedQuestion = (form: PostedForm) => (typeof form.question === "string" ? form.question.slice(0, 20_000) : undefined);

/** The question is sealed into the intent cookie with the payment; no chat request exists until the
 * payment is verified (the engine creates it through chatProduct.fulfil). */
export const askDoctorAction = validatedActionWithUser(
  {
    name: "chat.ask",
    schema: askForm,
    error: (message, form): QuestionFormState => ({ error: message, question: typedQuestion(form) }),
    // Not sent away to sign in: the question they typed stays on screen with a link to sign in again.
    signedOut: (form, input) => ({
      error: messages.chat.ask.sessionExpired,
      question: typedQuestion(form),
      signInHref: input ? `/login?next=${encodeURIComponent(`/doctors/${input.doctorId}/chat`)}` : undefined,
    }),
  },
  async ({ doctorId, method, question, ...personForm }, user): Promise<QuestionFormState> => {
    const values = { firstName: personForm.firstName ?? "", lastName: personForm.lastName ?? "", forWhom: personForm.forWhom };
    const parsed = parseChatText(chatQuestionSchema, question);
    if (!parsed.ok) {
      log.info(`[chat] question refused for user ${user.userId}, doctor ${doctorId}: ${parsed.issue} (${question.length} chars)`);
      return { fieldError: parsed.error, question, values };
    }
    const person = await checkoutPerson(db(), user.userId, personForm);
    if (!person.ok) {
      log.info(
        `[chat] question for doctor ${doctorId} not started for user ${user.userId}: ${person.error.code} (for ${personForm.forWhom})`,
      );
      if (person.error.code === "invalid_input") return { fieldErrors: person.error.fieldErrors, question, values };
      return { error: checkoutPersonMessage(person.error), question, values };
    }
    const result = await checkout(user, { kind: "chat", doctorId, question: parsed.text, ...person.value }, method);
    if (!result.ok) {
      log.warn(`[chat] checkout refused for user ${user.userId}, doctor ${doctorId}, ${method}: ${result.error.code}`);
      return { error: checkoutErrorMessage(result.error), question, values };
    }
    redirect(result.value.redirectTo);
  },
);
