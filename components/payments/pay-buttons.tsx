"use client";

import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";
import { initialFormState, type FormState } from "./form-state";

const t = messages.payment;

/** The two ways to pay for one target; the server action reads `method` from the button pressed. */
export function PayButtons({
  action,
  hidden,
  walletDisabled,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  walletDisabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack" aria-describedby={state.error ? "pay-error" : undefined}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.error ? (
        <p id="pay-error" className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="row">
        <button className="button" type="submit" name="method" value="gateway" disabled={pending}>
          {t.payDirect}
        </button>
        <button className="button secondary" type="submit" name="method" value="wallet" disabled={pending || walletDisabled}>
          {t.payWallet}
        </button>
      </div>
    </form>
  );
}
