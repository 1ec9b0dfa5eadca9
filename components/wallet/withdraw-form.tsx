"use client";

import { useActionState, useState } from "react";
import { messages } from "@/lib/i18n/messages";
import { initialWithdrawState, type WithdrawFormState } from "./withdraw-state";

const t = messages.moneyOut;

/** Sheba number and amount (or the whole balance), to an account in the patient's own name. `requestId` is
 * made when the page is shown: a double click or a resent form finds the withdrawal it already made. */
export function WithdrawForm({
  action,
  requestId,
  holderName,
  balanceText,
}: {
  action: (state: WithdrawFormState, formData: FormData) => Promise<WithdrawFormState>;
  requestId: string;
  holderName: string;
  balanceText: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialWithdrawState);
  const [all, setAll] = useState(state.all ?? false);
  return (
    <form action={formAction} className="stack" noValidate data-testid="withdraw-form">
      <input type="hidden" name="requestId" value={requestId} />
      <p>
        <strong>{t.holder(holderName)}</strong>
      </p>
      <p className="hint">{t.holderRule}</p>
      <div className="field">
        <label htmlFor="withdraw-sheba">{t.shebaLabel}</label>
        <input
          key={`sheba-${state.sheba ?? ""}`}
          id="withdraw-sheba"
          name="sheba"
          className="input ltr"
          autoComplete="off"
          placeholder="IR"
          defaultValue={state.sheba ?? ""}
          aria-describedby="withdraw-sheba-hint"
          required
        />
        <p id="withdraw-sheba-hint" className="hint">
          {t.shebaHint}
        </p>
      </div>
      <label className="choice choice-standalone">
        <input type="checkbox" name="all" value="1" checked={all} onChange={(e) => setAll(e.target.checked)} />
        {t.allBalance(balanceText)}
      </label>
      {all ? null : (
        <div className="field">
          <label htmlFor="withdraw-amount">{t.amountLabel}</label>
          <input
            key={`amount-${state.amount ?? ""}`}
            id="withdraw-amount"
            name="amount"
            className="input ltr"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={state.amount ?? ""}
          />
        </div>
      )}
      {state.error ? (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {t.submit}
      </button>
    </form>
  );
}
