"use client";

import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";
import { initialFormState, type FormState } from "./form-state";

export function RetryButton({
  action,
  attemptId,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  attemptId: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="attemptId" value={attemptId} />
      {state.error ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {messages.payment.retry}
      </button>
    </form>
  );
}
