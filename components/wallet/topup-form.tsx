"use client";

import { useActionState, useRef } from "react";
import { messages } from "@/lib/i18n/messages";
import { initialTopupState, type TopupFormState } from "./topup-state";

const t = messages.wallet;

/** Amount in Toman; the suggested amounts only fill the box, the patient still presses pay. */
export function TopupForm({
  action,
  limitsText,
  presets,
}: {
  action: (state: TopupFormState, formData: FormData) => Promise<TopupFormState>;
  limitsText: string;
  presets: { toman: number; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, initialTopupState);
  const input = useRef<HTMLInputElement>(null);
  const describedBy = state.error ? "topup-limits topup-error" : "topup-limits";
  return (
    <form action={formAction} className="stack" noValidate>
      <div className="field">
        <label htmlFor="topup-amount">{t.amountLabel}</label>
        <input
          ref={input}
          key={state.amount ?? ""}
          id="topup-amount"
          name="amount"
          className="input ltr"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state.amount ?? ""}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy}
          required
        />
        <p id="topup-limits" className="hint">
          {limitsText}
        </p>
        {state.error ? (
          <p id="topup-error" className="field-error" role="alert">
            {state.error}
          </p>
        ) : null}
      </div>
      <div className="row preset-row" role="group" aria-label={t.presets}>
        {presets.map((preset) => (
          <button
            key={preset.toman}
            type="button"
            className="button secondary preset"
            onClick={() => {
              if (input.current) {
                input.current.value = String(preset.toman);
                input.current.focus();
              }
            }}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <button className="button" type="submit" disabled={pending}>
        {t.topupSubmit}
      </button>
      <p className="hint">{t.topupNote}</p>
    </form>
  );
}
