"use client";

import Link from "next/link";
import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";
import { QUESTION_MAX_CHARS, QUESTION_MIN_CHARS } from "@/lib/chat/chat-input";
import { PersonFields } from "@/components/patients/person-fields";
import type { PersonChoice } from "@/components/patients/person-choice";
import { initialQuestionFormState, type QuestionFormState } from "./question-form-state";

const t = messages.chat.ask;

/** The question and the two ways to pay for it; the server action reads `method` from the button pressed.
 * Nothing is stored until the payment is verified. */
export function ChatQuestionForm({
  action,
  doctorId,
  person,
}: {
  action: (state: QuestionFormState, formData: FormData) => Promise<QuestionFormState>;
  doctorId: string;
  person: PersonChoice;
}) {
  const [state, formAction, pending] = useActionState(action, initialQuestionFormState);
  return (
    <form action={formAction} className="stack" noValidate>
      <input type="hidden" name="doctorId" value={doctorId} />
      {state.error ? (
        <div className="alert error stack" role="alert" id="ask-error">
          <p className="flush">{state.error}</p>
          {state.signInHref ? (
            <Link className="button secondary" href={state.signInHref}>
              {t.signInAgain}
            </Link>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="question">{t.questionLabel}</label>
        <textarea
          id="question"
          name="question"
          className="input"
          rows={6}
          maxLength={QUESTION_MAX_CHARS}
          defaultValue={state.question ?? ""}
          aria-invalid={state.fieldError ? true : undefined}
          aria-describedby={state.fieldError ? "question-error question-hint" : "question-hint"}
        />
        <p id="question-hint" className="hint">
          {t.questionHint(QUESTION_MIN_CHARS, QUESTION_MAX_CHARS)}
        </p>
        {state.fieldError ? (
          <p id="question-error" className="field-error" role="alert">
            {state.fieldError}
          </p>
        ) : null}
      </div>
      <PersonFields choice={person} state={state} />
      <div className="row">
        <button className="button" type="submit" name="method" value="gateway" disabled={pending}>
          {messages.payment.payDirect}
        </button>
        <button className="button secondary" type="submit" name="method" value="wallet" disabled={pending}>
          {messages.payment.payWallet}
        </button>
      </div>
    </form>
  );
}
