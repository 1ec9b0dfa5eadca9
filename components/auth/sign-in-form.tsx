"use client";

import { useActionState } from "react";
import { requestCodeAction, verifyCodeAction } from "@/app/(auth)/login/actions";
import { messages } from "@/lib/i18n/messages";
import { initialSignInState, type SignInState } from "./sign-in-state";

const t = messages.auth;

function FieldError({ id, state, field }: { id: string; state: SignInState; field: "phone" | "code" | "form" }) {
  if (state.error?.field !== field) return null;
  return (
    <p id={id} className={field === "form" ? "alert error" : "field-error"} role="alert">
      {state.error.message}
    </p>
  );
}

export function SignInForm({ next }: { next: string }) {
  const [phoneState, requestCode, requesting] = useActionState(requestCodeAction, initialSignInState);
  const [codeState, verifyCode, verifying] = useActionState(verifyCodeAction, initialSignInState);
  // The code step shows the latest answer of either action: a resend updates phoneState.
  const onCodeStep = phoneState.step === "code";
  const state = codeState.error ? codeState : phoneState;

  if (!onCodeStep) {
    return (
      <form action={requestCode} className="stack" noValidate>
        <div className="field">
          <label htmlFor="phone">{t.phoneLabel}</label>
          <input
            id="phone"
            name="phone"
            className="input ltr"
            inputMode="tel"
            autoComplete="tel"
            placeholder={t.phonePlaceholder}
            defaultValue={phoneState.phone}
            aria-invalid={phoneState.error?.field === "phone"}
            aria-describedby={phoneState.error ? "phone-error" : undefined}
            required
          />
          <FieldError id="phone-error" state={phoneState} field="phone" />
        </div>
        <button className="button" type="submit" disabled={requesting}>
          {t.sendCode}
        </button>
      </form>
    );
  }

  return (
    <div className="stack">
      {phoneState.notice && !state.error ? (
        <p className="alert info" role="status">
          {phoneState.notice}
        </p>
      ) : null}
      <FieldError id="form-error" state={phoneState} field="form" />
      <form action={verifyCode} className="stack" noValidate>
        <input type="hidden" name="phone" value={phoneState.phone} />
        <input type="hidden" name="next" value={next} />
        <div className="field">
          <label htmlFor="code">{t.codeLabel}</label>
          <input
            id="code"
            name="code"
            className="input ltr"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            aria-invalid={codeState.error?.field === "code"}
            aria-describedby={codeState.error ? "code-error" : undefined}
            required
            autoFocus
          />
          <FieldError id="code-error" state={codeState} field="code" />
        </div>
        <button className="button" type="submit" disabled={verifying}>
          {t.verify}
        </button>
      </form>
      <form action={requestCode} className="row">
        <input type="hidden" name="phone" value={phoneState.phone} />
        <input type="hidden" name="resend" value="1" />
        <button className="button secondary" type="submit" disabled={requesting}>
          {t.resend}
        </button>
      </form>
    </div>
  );
}
