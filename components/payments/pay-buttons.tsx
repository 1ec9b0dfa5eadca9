"use client";

import { useActionState } from "react";
import { PersonFields } from "@/components/patients/person-fields";
import type { PersonChoice } from "@/components/patients/person-choice";
import { messages } from "@/lib/i18n/messages";
import { initialFormState, type FormState } from "./form-state";

const t = messages.payment;

/** The two ways to pay for one target; the server action reads `method` from the button pressed. `walletHint`
 * says before the press whether the wallet covers the price, and is read out with the wallet button. */
export function PayButtons({
  action,
  hidden,
  walletHint,
  walletDisabled,
  person,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  walletHint?: string;
  walletDisabled?: boolean;
  /** Asks who the purchase is for (and the patient's name at a first checkout) inside this same form. */
  person?: PersonChoice;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack pay-buttons" aria-busy={pending} aria-describedby={state.error ? "pay-error" : undefined}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.error ? (
        <p id="pay-error" className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      {person ? <PersonFields choice={person} state={state} /> : null}
      <div className="pay-options">
        <button className="button" type="submit" name="method" value="gateway" disabled={pending}>
          {t.payDirect}
        </button>
        <div className="stack pay-option">
          <button
            className="button secondary"
            type="submit"
            name="method"
            value="wallet"
            disabled={pending || walletDisabled}
            aria-describedby={walletHint ? "wallet-hint" : undefined}
          >
            {t.payWallet}
          </button>
          {walletHint ? (
            <p id="wallet-hint" className="hint">
              {walletHint}
            </p>
          ) : null}
        </div>
      </div>
      <p className="hint" role="status">
        {pending ? messages.patient.checkout.paying : ""}
      </p>
    </form>
  );
}
