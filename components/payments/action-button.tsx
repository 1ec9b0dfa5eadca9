"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "./form-state";

/** One button that posts its hidden fields to a server action, with the refusal shown above it when the
 * action answers instead of redirecting. */
export function ActionButton({
  action,
  fields,
  label,
  secondary,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  secondary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
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
