"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/components/payments/form-state";

/** One button that continues a sealed purchase (its intent id in a hidden field), with the refusal shown
 * above it when the server action answers instead of redirecting. */
export function IntentActionButton({
  action,
  intentId,
  label,
  secondary,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  intentId: string;
  label: string;
  secondary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="intentId" value={intentId} />
      {state.error ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button className={secondary ? "button secondary" : "button"} type="submit" disabled={pending}>
        {label}
      </button>
    </form>
  );
}
